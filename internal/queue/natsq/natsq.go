// Package natsq is the work queue on NATS JetStream, for running sitrep on several
// machines: publishers on any machine add documents to a work-queue stream, and
// workers on any machine pull from one shared durable consumer.
//
// The mapping onto JetStream:
//
//   - the work stream has work-queue retention (a message is deleted once acked)
//     and file storage, so a restarted server still holds what it accepted;
//   - a message's ID is sent as Nats-Msg-Id, so the stream's duplicate window
//     drops a republished document (after a server restart the window knows only
//     the messages still in the stream: acked ones are deleted from a work queue,
//     and a copy of one of those is left for the store to drop);
//   - Ack is a double ack (the server confirms it), Retry a NAK with a delay,
//     Extend an in-progress signal, and the consumer's ack wait redelivers what a
//     dead worker held;
//   - Dead publishes the message with its reason to a second, limits-retention
//     stream, then acks the original.
//
// The connection reconnects forever; Publish retries until its context ends, with
// the same message ID, so a publish whose acknowledgement was lost in a server
// restart is not stored twice.
package natsq

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/queue"
)

// Config names the server, streams and consumer. Every process of one deployment
// must use the same names.
type Config struct {
	// URL is the server, or a comma-separated list of a cluster's servers.
	URL string
	// Stream and Subject hold the work; defaults "SITREP" and "sitrep.documents".
	Stream, Subject string
	// DeadStream and DeadSubject hold dead letters; defaults Stream+"_DEAD" and
	// Subject+".dead".
	DeadStream, DeadSubject string
	// Consumer is the durable consumer the workers share; default "workers".
	Consumer string
	// Replicas is the streams' replication factor in a cluster; default 1.
	Replicas int
	// Name identifies this connection in the server's monitoring.
	Name string
	// Logger receives connection events; nil discards them.
	Logger *slog.Logger
	queue.Options
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = "SITREP"
	}
	if c.Subject == "" {
		c.Subject = "sitrep.documents"
	}
	if c.DeadStream == "" {
		c.DeadStream = c.Stream + "_DEAD"
	}
	if c.DeadSubject == "" {
		c.DeadSubject = c.Subject + ".dead"
	}
	if c.Consumer == "" {
		c.Consumer = "workers"
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.Name == "" {
		c.Name = "sitrep"
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	c.Options = c.Options.WithDefaults()
	return c
}

// Queue is a queue.Queue on a JetStream server.
type Queue struct {
	cfg  Config
	nc   *nats.Conn
	js   jetstream.JetStream
	cons jetstream.Consumer
	dead jetstream.Stream
	work jetstream.Stream
}

var _ queue.Queue = (*Queue)(nil)

// Header names on dead letters.
const (
	hdrReason    = "Sitrep-Reason"
	hdrAttempts  = "Sitrep-Attempts"
	hdrPublished = "Sitrep-Published"
	hdrID        = "Sitrep-Id"
)

// Open connects to the server and creates the streams and the consumer, or
// updates them to cfg. While the server cannot be reached it keeps trying, until
// ctx ends.
func Open(ctx context.Context, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	log := cfg.Logger
	nc, err := nats.Connect(cfg.URL,
		nats.Name(cfg.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(500*time.Millisecond),
		nats.RetryOnFailedConnect(true),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil { // nil when we close it
				log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats reconnected", "server", nc.ConnectedUrlRedacted())
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("natsq: connect %s: %w", cfg.URL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("natsq: %w", err)
	}
	q := &Queue{cfg: cfg, nc: nc, js: js}
	for attempt := 1; ; attempt++ {
		err = q.setup(ctx)
		if err == nil {
			return q, nil
		}
		if ctx.Err() != nil || isConfigError(err) {
			nc.Close()
			return nil, fmt.Errorf("natsq: set up streams on %s: %w", cfg.URL, err)
		}
		if attempt == 1 {
			log.Warn("waiting for JetStream", "url", cfg.URL, "err", err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// isConfigError reports errors that waiting will not cure.
func isConfigError(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.Code == 400
}

func (q *Queue) setup(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c := q.cfg
	work, err := q.stream(ctx, jetstream.StreamConfig{
		Name:        c.Stream,
		Description: "sitrep documents waiting for a worker",
		Subjects:    []string{c.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    c.Replicas,
		Duplicates:  c.DuplicateWindow,
	})
	if err != nil {
		return err
	}
	dead, err := q.stream(ctx, jetstream.StreamConfig{
		Name:        c.DeadStream,
		Description: "sitrep documents that could not be processed, with the reason",
		Subjects:    []string{c.DeadSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    c.Replicas,
		Duplicates:  c.DuplicateWindow,
	})
	if err != nil {
		return err
	}
	cons, err := q.js.CreateOrUpdateConsumer(ctx, c.Stream, jetstream.ConsumerConfig{
		Durable:       c.Consumer,
		Description:   "sitrep workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.AckWait,
		MaxDeliver:    -1, // workers count attempts and dead-letter the hopeless
		MaxAckPending: 10000,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", c.Consumer, err)
	}
	q.work, q.dead, q.cons = work, dead, cons
	return nil
}

// stream creates a stream, or opens it as it is if it exists: the first process
// of a deployment sets it up, and a publisher started with other defaults must not
// reconfigure the workers' stream (an operator changes it with the nats tool).
func (q *Queue) stream(ctx context.Context, cfg jetstream.StreamConfig) (jetstream.Stream, error) {
	s, err := q.js.CreateStream(ctx, cfg)
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		s, err = q.js.Stream(ctx, cfg.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", cfg.Name, err)
	}
	return s, nil
}

// Conn returns the connection, for readiness checks.
func (q *Queue) Conn() *nats.Conn { return q.nc }

// maxBody is the largest body Publish accepts: the configured cap, lowered to
// what the server takes (less room for headers).
func (q *Queue) maxBody() int {
	m := q.cfg.MaxBody
	if p := int(q.nc.MaxPayload()); p > 0 && p-1024 < m {
		m = p - 1024
	}
	return m
}

// publishAttempt bounds one try at a publish, so that a request lost in a
// reconnect is sent again.
const publishAttempt = 5 * time.Second

// Publish adds m to the work stream; see queue.Queue. It retries until ctx ends.
// When an earlier try may have been stored (its acknowledgement was lost), a
// later try that the server reports as a duplicate counts as accepted.
func (q *Queue) Publish(ctx context.Context, m queue.Message) (queue.Published, error) {
	if m.ID == "" {
		return queue.Published{}, queue.ErrNoID
	}
	if max := q.maxBody(); len(m.Body) > max {
		return queue.Published{}, fmt.Errorf("natsq: publish %s: %w: %d bytes, limit %d", m.ID, queue.ErrTooLarge, len(m.Body), max)
	}
	msg := &nats.Msg{Subject: q.cfg.Subject, Data: m.Body, Header: nats.Header{}}
	uncertain := false
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		if err := ctx.Err(); err != nil {
			return queue.Published{}, err
		}
		if q.nc.IsClosed() {
			return queue.Published{}, queue.ErrClosed
		}
		actx, cancel := context.WithTimeout(ctx, publishAttempt)
		ack, err := q.js.PublishMsg(actx, msg, jetstream.WithMsgID(m.ID))
		cancel()
		if err == nil {
			return queue.Published{Duplicate: ack.Duplicate && !uncertain}, nil
		}
		if errors.Is(err, nats.ErrMaxPayload) {
			return queue.Published{}, fmt.Errorf("natsq: publish %s: %w: %v", m.ID, queue.ErrTooLarge, err)
		}
		if ctx.Err() != nil {
			return queue.Published{}, ctx.Err()
		}
		uncertain = true
		q.cfg.Logger.Debug("publish retry", "id", m.ID, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
}

// Fetch pulls up to n messages from the shared consumer; see queue.Queue.
//
// A JetStream pull for n messages waits until it has n or its time is up, which
// would hold a lone document for the whole wait. So Fetch takes what is there at
// once; when nothing is, it waits for one message and then takes what else has
// arrived with it: batches under load, no waiting when the queue is quiet.
func (q *Queue) Fetch(ctx context.Context, n int, wait time.Duration) ([]queue.Delivery, error) {
	if n <= 0 {
		return nil, fmt.Errorf("natsq: fetch %d messages", n)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.nc.IsClosed() {
		return nil, queue.ErrClosed
	}
	ds, err := q.pull(ctx, n, 0)
	if err != nil || len(ds) > 0 {
		return ds, err
	}
	ds, err = q.pull(ctx, 1, max(wait, 100*time.Millisecond))
	if err != nil || len(ds) == 0 || n == 1 {
		return ds, err
	}
	more, err := q.pull(ctx, n-1, 0)
	if err != nil {
		// The first message is ours; the error will show again on the next fetch.
		return ds, nil
	}
	return append(ds, more...), nil
}

// pull makes one pull request for up to n messages, waiting up to wait for
// them, or not at all when wait is zero.
func (q *Queue) pull(ctx context.Context, n int, wait time.Duration) ([]queue.Delivery, error) {
	var (
		batch jetstream.MessageBatch
		err   error
		fctx  = ctx
	)
	if wait == 0 {
		batch, err = q.cons.FetchNoWait(n)
	} else {
		// The pull request expires on the server a little before our deadline,
		// so a message is not sent to a fetch that has already given up.
		var cancel context.CancelFunc
		fctx, cancel = context.WithTimeout(ctx, wait)
		defer cancel()
		batch, err = q.cons.Fetch(n, jetstream.FetchContext(fctx))
	}
	if err != nil {
		return nil, fmt.Errorf("natsq: fetch: %w", err)
	}
	var ds []queue.Delivery
	for m := range batch.Messages() {
		meta, err := m.Metadata()
		if err != nil {
			// Not a JetStream delivery; it cannot be acked, so it cannot be work.
			continue
		}
		ds = append(ds, &delivery{q: q, m: m, meta: meta})
	}
	err = batch.Error()
	if err != nil && fctx.Err() != nil && ctx.Err() == nil {
		err = nil // the wait ran out: not an error
	}
	if err != nil && len(ds) == 0 {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("natsq: fetch: %w", err)
	}
	return ds, nil
}

// DeadLetters reads the dead-letter stream from its start.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]queue.DeadLetter, error) {
	info, err := q.dead.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("natsq: dead letters: %w", err)
	}
	var out []queue.DeadLetter
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && len(out) < limit && seq > 0; seq++ {
		raw, err := q.dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("natsq: dead letter %d: %w", seq, err)
		}
		attempts, _ := strconv.Atoi(raw.Header.Get(hdrAttempts))
		out = append(out, queue.DeadLetter{
			Message:  queue.Message{ID: raw.Header.Get(hdrID), Body: raw.Data},
			Reason:   raw.Header.Get(hdrReason),
			Attempts: attempts,
			Died:     raw.Time,
		})
	}
	return out, nil
}

// Requeue moves dead letters back to the work stream; see queue.Queue. Each is
// published with its document ID in a header and a message ID of its own
// (ID/requeue/SEQ): the work stream's duplicate window still remembers the
// original ID, and a requeue interrupted between publishing and deleting the dead
// letter is dropped as a duplicate when it is run again.
func (q *Queue) Requeue(ctx context.Context, limit int) (int, error) {
	if q.nc.IsClosed() {
		return 0, queue.ErrClosed
	}
	info, err := q.dead.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("natsq: requeue: %w", err)
	}
	n := 0
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && n < limit && seq > 0; seq++ {
		raw, err := q.dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("natsq: requeue dead letter %d: %w", seq, err)
		}
		id := raw.Header.Get(hdrID)
		msg := &nats.Msg{Subject: q.cfg.Subject, Data: raw.Data, Header: nats.Header{}}
		msg.Header.Set(hdrID, id)
		if _, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(id+"/requeue/"+strconv.FormatUint(seq, 10))); err != nil {
			return n, fmt.Errorf("natsq: requeue %s: %w", id, err)
		}
		if err := q.dead.DeleteMsg(ctx, seq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return n, fmt.Errorf("natsq: requeue %s: remove dead letter %d: %w", id, seq, err)
		}
		n++
	}
	return n, nil
}

// Stats reads the consumer's backlog and the dead-letter count.
func (q *Queue) Stats(ctx context.Context) (queue.Stats, error) {
	ci, err := q.cons.Info(ctx)
	if err != nil {
		return queue.Stats{}, fmt.Errorf("natsq: consumer info: %w", err)
	}
	di, err := q.dead.Info(ctx)
	if err != nil {
		return queue.Stats{}, fmt.Errorf("natsq: dead stream info: %w", err)
	}
	return queue.Stats{
		Pending:  int(ci.NumPending),
		InFlight: ci.NumAckPending,
		Dead:     int(di.State.Msgs),
	}, nil
}

// Close flushes what was sent and closes the connection.
func (q *Queue) Close() error {
	if q.nc.IsClosed() {
		return nil
	}
	err := q.nc.FlushTimeout(2 * time.Second)
	q.nc.Close()
	if err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
		return fmt.Errorf("natsq: close: %w", err)
	}
	return nil
}

type delivery struct {
	q    *Queue
	m    jetstream.Msg
	meta *jetstream.MsgMetadata
}

func (d *delivery) Message() queue.Message {
	h := d.m.Headers()
	id := h.Get(hdrID) // set on a requeued dead letter, whose Nats-Msg-Id is its own
	if id == "" {
		id = h.Get(jetstream.MsgIDHeader)
	}
	return queue.Message{ID: id, Body: d.m.Data()}
}
func (d *delivery) Attempt() int         { return int(d.meta.NumDelivered) }
func (d *delivery) Published() time.Time { return d.meta.Timestamp }

func (d *delivery) Ack(ctx context.Context) error {
	if err := d.m.DoubleAck(ctx); err != nil {
		return d.fail("ack", err)
	}
	return nil
}

func (d *delivery) Retry(ctx context.Context, delay time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := d.m.NakWithDelay(delay); err != nil {
		return d.fail("retry", err)
	}
	return nil
}

func (d *delivery) Extend(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := d.m.InProgress(); err != nil {
		return d.fail("extend", err)
	}
	return nil
}

// Dead stores the message with its reason in the dead-letter stream, then acks
// it. If the ack is lost the message comes back and is dead-lettered again; the
// dead stream's duplicate window drops the second copy.
func (d *delivery) Dead(ctx context.Context, reason string) error {
	msg := d.Message()
	dl := &nats.Msg{Subject: d.q.cfg.DeadSubject, Data: msg.Body, Header: nats.Header{}}
	dl.Header.Set(hdrID, msg.ID)
	dl.Header.Set(hdrReason, headerSafe(reason))
	dl.Header.Set(hdrAttempts, strconv.Itoa(d.Attempt()))
	dl.Header.Set(hdrPublished, d.Published().UTC().Format(time.RFC3339Nano))
	// The dead stream de-duplicates by the work message's own Nats-Msg-Id, which
	// differs for each requeue of a document: a requeued message that dies again
	// is kept, while a second copy of one death (lost ack) is dropped.
	opts := []jetstream.PublishOpt{}
	if wid := d.m.Headers().Get(jetstream.MsgIDHeader); wid != "" {
		opts = append(opts, jetstream.WithMsgID(wid))
	}
	if _, err := d.q.js.PublishMsg(ctx, dl, opts...); err != nil {
		return d.fail("dead-letter", err)
	}
	return d.Ack(ctx)
}

func (d *delivery) fail(what string, err error) error {
	if errors.Is(err, jetstream.ErrMsgAlreadyAckd) {
		err = fmt.Errorf("%w: %v", queue.ErrSettled, err)
	}
	return fmt.Errorf("natsq: %s %s: %w", what, d.m.Headers().Get(jetstream.MsgIDHeader), err)
}

// headerSafe makes reason fit in a header value: one line, at most 4 KB.
func headerSafe(reason string) string {
	reason = strings.Join(strings.Fields(reason), " ")
	if len(reason) > 4096 {
		cut := 4096
		for cut > 0 && (reason[cut]&0xC0) == 0x80 {
			cut--
		}
		reason = reason[:cut] + "…"
	}
	return reason
}
