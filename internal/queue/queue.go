// Package queue defines the work queue that carries documents from publishers
// (`sitrep ingest --queue`) to workers (`sitrep worker`). Queue is the interface;
// memq is the in-process implementation (the embedded default, and what tests
// use), natsq the NATS JetStream one for several machines, and queuetest the
// conformance suite both pass.
//
// Delivery is at least once. A message stays in the queue until a consumer settles
// it: Ack once its work is committed, Retry to have it delivered again after a
// delay, or Dead to move it to the dead letters with the reason. A delivery that is
// not settled within the ack wait (its consumer died) is delivered again, to
// whichever consumer fetches next; Extend keeps a slow one's claim alive.
//
// A message's ID is its content hash: a second publish of the same ID within the
// duplicate window is dropped, and whatever slips through (a later republish, a
// redelivery after a crash) is dropped by the store, which keys documents the
// same way.
package queue

import (
	"context"
	"errors"
	"time"
)

// Queue is a durable work queue shared by publishers and competing consumers.
// Implementations are safe for concurrent use.
type Queue interface {
	// Publish adds m and returns once the queue holds it durably. If a message
	// with the same ID was published within the duplicate window, m is dropped
	// and Duplicate is reported.
	Publish(ctx context.Context, m Message) (Published, error)
	// Fetch returns up to max messages, waiting up to wait for the first to
	// arrive; no messages and no error means none came in time.
	Fetch(ctx context.Context, max int, wait time.Duration) ([]Delivery, error)
	// DeadLetters returns up to limit dead letters, oldest first.
	DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error)
	// Requeue moves up to limit dead letters, oldest first, back into the queue
	// for a fresh set of attempts (after the cause was fixed), and returns how
	// many moved. A requeued message keeps its ID and is not dropped by the
	// duplicate window; delivery counts start again from 1.
	Requeue(ctx context.Context, limit int) (int, error)
	// Stats reports how much work is waiting.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Message is one unit of work.
type Message struct {
	// ID is the de-duplication key: the content hash of the document.
	ID   string
	Body []byte
}

// Published says what became of a published message.
type Published struct {
	// Duplicate is set when the queue dropped the message because its ID was
	// published within the duplicate window.
	Duplicate bool
}

// Delivery is a message handed to one consumer. Settle it exactly once, with Ack,
// Retry or Dead; until then no other consumer receives it, for the ack wait.
type Delivery interface {
	Message() Message
	// Attempt counts deliveries of this message, from 1.
	Attempt() int
	// Published is when the queue accepted the message.
	Published() time.Time
	// Ack removes the message: its work is done and committed.
	Ack(ctx context.Context) error
	// Retry returns the message to be delivered again after delay.
	Retry(ctx context.Context, delay time.Duration) error
	// Dead moves the message to the dead letters with reason.
	Dead(ctx context.Context, reason string) error
	// Extend restarts the ack wait, for work that takes longer.
	Extend(ctx context.Context) error
}

// DeadLetter is a message that could not be processed, with why.
type DeadLetter struct {
	Message
	Reason   string
	Attempts int
	// Died is when it was moved to the dead letters.
	Died time.Time
}

// Stats is a snapshot of a queue's backlog.
type Stats struct {
	// Pending messages wait for a first delivery or for a retry.
	Pending int
	// InFlight messages are delivered and not yet settled.
	InFlight int
	// Dead is the number of dead letters kept.
	Dead int
}

// Options are the settings every implementation takes.
type Options struct {
	// AckWait is how long a delivery may stay unsettled before the message is
	// delivered again. Zero means DefaultAckWait.
	AckWait time.Duration
	// DuplicateWindow is how long a published ID is remembered to drop
	// republished copies. Zero means DefaultDuplicateWindow.
	DuplicateWindow time.Duration
	// MaxBody caps a message body; Publish refuses longer ones with ErrTooLarge.
	// Zero means DefaultMaxBody (an implementation may lower it to what its
	// server accepts).
	MaxBody int
}

// Defaults for Options.
const (
	DefaultAckWait         = 30 * time.Second
	DefaultDuplicateWindow = 2 * time.Minute
	DefaultMaxBody         = 1 << 20
)

// WithDefaults returns o with every zero field set to its default.
func (o Options) WithDefaults() Options {
	if o.AckWait <= 0 {
		o.AckWait = DefaultAckWait
	}
	if o.DuplicateWindow <= 0 {
		o.DuplicateWindow = DefaultDuplicateWindow
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	return o
}

var (
	// ErrTooLarge is returned by Publish for a body over the queue's limit.
	ErrTooLarge = errors.New("message too large")
	// ErrClosed is returned by a queue used after Close.
	ErrClosed = errors.New("queue closed")
	// ErrNoID is returned by Publish for a message without an ID.
	ErrNoID = errors.New("message has no id")
	// ErrSettled is returned when a delivery is settled twice, or after the
	// message was delivered again to another consumer.
	ErrSettled = errors.New("delivery already settled")
)
