// Package memq is the in-process work queue: the embedded default when sitrep runs
// on one machine, with the same delivery rules as the NATS JetStream queue
// (at-least-once delivery, ack wait, retry with delay, dead letters, duplicate
// window), so that the worker code and its tests do not change between the two.
// Nothing survives the process: it is for one process's work, not for handing
// work between machines.
package memq

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
)

// Queue is an in-memory queue.Queue.
type Queue struct {
	opt queue.Options
	now func() time.Time

	mu       sync.Mutex
	capacity int // Publish waits while this many messages are in the queue; 0: no bound
	closed   bool
	wake     chan struct{} // closed and replaced when a message may have become available
	seq      uint64
	ready    []*entry          // first deliveries, oldest first
	held     map[uint64]*entry // delivered (in flight) or waiting to be retried
	ids      map[string]time.Time
	idLog    []idStamp // ids in publishing order, to forget them after the window
	dead     []queue.DeadLetter
}

type entry struct {
	seq       uint64
	msg       queue.Message
	published time.Time
	attempts  int
	inFlight  bool
	due       time.Time // in flight: when the ack wait ends; else when it may be delivered
	gen       uint64    // counts deliveries, so a stale delivery cannot extend a newer one
}

type idStamp struct {
	id string
	at time.Time
}

var _ queue.Queue = (*Queue)(nil)

// New returns an empty queue.
func New(opt queue.Options) *Queue {
	return &Queue{
		opt:  opt.WithDefaults(),
		now:  time.Now,
		wake: make(chan struct{}),
		held: map[uint64]*entry{},
		ids:  map[string]time.Time{},
	}
}

// SetCapacity bounds the queue: Publish waits while n messages are pending or
// in flight (dead letters do not count), so a fast reader cannot run ahead of
// the workers by more than n documents. Zero or less removes the bound.
func (q *Queue) SetCapacity(n int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.capacity = max(n, 0)
	q.signal()
}

// signal wakes every waiting Fetch and Publish. Call with q.mu held.
func (q *Queue) signal() {
	close(q.wake)
	q.wake = make(chan struct{})
}

// Publish adds m; see queue.Queue.
func (q *Queue) Publish(ctx context.Context, m queue.Message) (queue.Published, error) {
	if err := ctx.Err(); err != nil {
		return queue.Published{}, err
	}
	if m.ID == "" {
		return queue.Published{}, queue.ErrNoID
	}
	if len(m.Body) > q.opt.MaxBody {
		return queue.Published{}, fmt.Errorf("memq: publish %s: %w: %d bytes, limit %d", m.ID, queue.ErrTooLarge, len(m.Body), q.opt.MaxBody)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for !q.closed && q.capacity > 0 && len(q.ready)+len(q.held) >= q.capacity {
		wake := q.wake
		q.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
		}
		q.mu.Lock()
		if err := ctx.Err(); err != nil {
			return queue.Published{}, err
		}
	}
	if q.closed {
		return queue.Published{}, queue.ErrClosed
	}
	now := q.now()
	q.forget(now)
	if _, seen := q.ids[m.ID]; seen {
		return queue.Published{Duplicate: true}, nil
	}
	q.ids[m.ID] = now
	q.idLog = append(q.idLog, idStamp{m.ID, now})
	q.seq++
	body := append([]byte(nil), m.Body...) // the caller may reuse its buffer
	q.ready = append(q.ready, &entry{seq: q.seq, msg: queue.Message{ID: m.ID, Body: body}, published: now})
	q.signal()
	return queue.Published{}, nil
}

// forget drops the ids published before the duplicate window.
func (q *Queue) forget(now time.Time) {
	n := 0
	for n < len(q.idLog) && now.Sub(q.idLog[n].at) >= q.opt.DuplicateWindow {
		if q.ids[q.idLog[n].id] == q.idLog[n].at {
			delete(q.ids, q.idLog[n].id)
		}
		n++
	}
	if n > 0 {
		q.idLog = append(q.idLog[:0], q.idLog[n:]...)
	}
}

// Fetch hands out up to max messages; see queue.Queue.
func (q *Queue) Fetch(ctx context.Context, max int, wait time.Duration) ([]queue.Delivery, error) {
	if max <= 0 {
		return nil, fmt.Errorf("memq: fetch %d messages", max)
	}
	deadline := q.now().Add(wait)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return nil, queue.ErrClosed
		}
		now := q.now()
		ds, next := q.take(now, max)
		wake := q.wake
		q.mu.Unlock()
		if len(ds) > 0 {
			return ds, nil
		}
		left := deadline.Sub(now)
		if left <= 0 {
			return nil, nil
		}
		if !next.IsZero() && next.Sub(now) < left {
			left = next.Sub(now)
		}
		t := time.NewTimer(left)
		select {
		case <-ctx.Done():
		case <-wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// take marks up to max available messages delivered: retries and expired
// deliveries first (they are older), then first deliveries. It returns when the
// next held message falls due, if none was available. Call with q.mu held.
func (q *Queue) take(now time.Time, max int) ([]queue.Delivery, time.Time) {
	var (
		ds   []queue.Delivery
		next time.Time
	)
	var due []*entry
	for _, e := range q.held {
		if !e.due.After(now) {
			due = append(due, e)
		} else if next.IsZero() || e.due.Before(next) {
			next = e.due
		}
	}
	sortBySeq(due)
	deliver := func(e *entry) {
		e.attempts++
		e.gen++
		e.inFlight = true
		e.due = now.Add(q.opt.AckWait)
		q.held[e.seq] = e
		ds = append(ds, &delivery{q: q, seq: e.seq, gen: e.gen, msg: e.msg, attempt: e.attempts, published: e.published})
	}
	for _, e := range due {
		if len(ds) == max {
			return ds, next
		}
		deliver(e)
	}
	for len(ds) < max && len(q.ready) > 0 {
		e := q.ready[0]
		q.ready[0] = nil
		q.ready = q.ready[1:]
		deliver(e)
	}
	return ds, next
}

func sortBySeq(es []*entry) {
	// Few entries fall due at once; insertion sort keeps this allocation-free.
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].seq < es[j-1].seq; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// DeadLetters returns up to limit dead letters, oldest first.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]queue.DeadLetter, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]queue.DeadLetter, 0, min(limit, len(q.dead)))
	for _, d := range q.dead[:min(limit, len(q.dead))] {
		d.Body = append([]byte(nil), d.Body...)
		out = append(out, d)
	}
	return out, nil
}

// Requeue moves dead letters back to the ready messages; see queue.Queue.
func (q *Queue) Requeue(ctx context.Context, limit int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return 0, queue.ErrClosed
	}
	n := min(max(limit, 0), len(q.dead))
	now := q.now()
	for _, d := range q.dead[:n] {
		q.seq++
		q.ready = append(q.ready, &entry{seq: q.seq, msg: d.Message, published: now})
	}
	q.dead = append(q.dead[:0], q.dead[n:]...)
	if n > 0 {
		q.signal()
	}
	return n, nil
}

// Stats reports the backlog.
func (q *Queue) Stats(ctx context.Context) (queue.Stats, error) {
	if err := ctx.Err(); err != nil {
		return queue.Stats{}, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	s := queue.Stats{Pending: len(q.ready), Dead: len(q.dead)}
	now := q.now()
	for _, e := range q.held {
		if e.inFlight && e.due.After(now) {
			s.InFlight++
		} else {
			s.Pending++
		}
	}
	return s, nil
}

// Close stops the queue; messages still in it are lost.
func (q *Queue) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		q.signal()
	}
	return nil
}

// delivery is one hand-out of a message.
type delivery struct {
	q         *Queue
	seq, gen  uint64
	msg       queue.Message
	attempt   int
	published time.Time
}

func (d *delivery) Message() queue.Message { return d.msg }
func (d *delivery) Attempt() int           { return d.attempt }
func (d *delivery) Published() time.Time   { return d.published }

// settle runs fn on the message's entry if it is still in the queue and this
// delivery is its latest.
func (d *delivery) settle(ctx context.Context, what string, fn func(e *entry)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.q.mu.Lock()
	defer d.q.mu.Unlock()
	if d.q.closed {
		return queue.ErrClosed
	}
	e, ok := d.q.held[d.seq]
	if !ok || e.gen != d.gen || !e.inFlight {
		return fmt.Errorf("memq: %s %s: %w", what, d.msg.ID, queue.ErrSettled)
	}
	fn(e)
	return nil
}

func (d *delivery) Ack(ctx context.Context) error {
	return d.settle(ctx, "ack", func(e *entry) {
		delete(d.q.held, e.seq)
		if d.q.capacity > 0 {
			d.q.signal() // room for a waiting Publish
		}
	})
}

func (d *delivery) Retry(ctx context.Context, delay time.Duration) error {
	return d.settle(ctx, "retry", func(e *entry) {
		e.inFlight = false
		e.due = d.q.now().Add(delay)
		d.q.signal()
	})
}

func (d *delivery) Dead(ctx context.Context, reason string) error {
	return d.settle(ctx, "dead-letter", func(e *entry) {
		delete(d.q.held, e.seq)
		d.q.dead = append(d.q.dead, queue.DeadLetter{Message: e.msg, Reason: reason, Attempts: e.attempts, Died: d.q.now()})
		if d.q.capacity > 0 {
			d.q.signal()
		}
	})
}

func (d *delivery) Extend(ctx context.Context) error {
	return d.settle(ctx, "extend", func(e *entry) { e.due = d.q.now().Add(d.q.opt.AckWait) })
}
