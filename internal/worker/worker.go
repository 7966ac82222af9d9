// Package worker runs the reading pipeline on documents taken from a work queue
// and stores the records: the loop behind `sitrep worker`, and the publishing side
// behind `sitrep ingest --queue`.
//
// A worker pulls a batch, reads every document through the pipeline, writes the
// records in one store transaction, and only then acknowledges the messages. So a
// worker that dies at any point loses nothing: what it had not acknowledged is
// delivered again, to it or another worker, and what it had already committed is
// dropped by the store as a duplicate.
//
// Failures are of two kinds. A document the pipeline cannot read is retried with
// growing delays and after MaxAttempts goes to the dead letters with its error, so
// one bad document never blocks the queue. A store that cannot be reached is not
// the documents' fault: the worker holds the batch, keeps its claim on the
// messages alive, and tries again until the store is back or the worker is told
// to stop, when it hands the batch back for another worker.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// Options tune a worker. The zero value of each field means its default.
type Options struct {
	// Batch is how many messages are fetched and stored together; default 64.
	Batch int
	// FetchWait is how long a fetch waits for work; default 5s.
	FetchWait time.Duration
	// MaxAttempts is how many times a document is tried before it goes to the
	// dead letters; default 5.
	MaxAttempts int
	// RetryDelay is the delay before the first retry, doubled for each further
	// one up to MaxRetryDelay; defaults 2s and 5m.
	RetryDelay, MaxRetryDelay time.Duration
	// ExtendEvery is how often a worker renews its claim on the batch it holds;
	// it must be well under the queue's ack wait. Default 10s.
	ExtendEvery time.Duration
	// DrainTimeout bounds how long a stopping worker keeps working on the batch
	// in hand before handing it back; default 30s.
	DrainTimeout time.Duration
}

func (o Options) withDefaults() Options {
	if o.Batch <= 0 {
		o.Batch = 64
	}
	if o.FetchWait <= 0 {
		o.FetchWait = 5 * time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.RetryDelay <= 0 {
		o.RetryDelay = 2 * time.Second
	}
	if o.MaxRetryDelay <= 0 {
		o.MaxRetryDelay = 5 * time.Minute
	}
	if o.ExtendEvery <= 0 {
		o.ExtendEvery = 10 * time.Second
	}
	if o.DrainTimeout <= 0 {
		o.DrainTimeout = 30 * time.Second
	}
	return o
}

// Worker takes documents from Queue, reads them with Pipeline and writes the
// records to Store.
type Worker struct {
	Queue    queue.Queue
	Store    store.Store
	Pipeline *pipeline.Pipeline
	Options  Options
	// Log receives progress and failures; nil discards them.
	Log *slog.Logger
	// Metrics, if set, counts what the worker does.
	Metrics *Metrics
	// Settled, if set, is told the outcome of each document the worker finishes
	// with: stored or found a duplicate (after the commit and the ack), or
	// dead-lettered. Retries and hand-backs are not outcomes. It is called from
	// the worker's goroutines and must not block for long.
	Settled func(Outcome)

	// afterCommit, if set, runs between the store commit and the acks; the
	// crash tests use it to die at the worst moment.
	afterCommit func()
	// beforeCommit, likewise, runs after the pipeline and before the store write.
	beforeCommit func()
}

// Outcome is what became of one document.
type Outcome struct {
	// MessageID is the queue message's ID; RecordID the stored record's (set
	// unless Dead).
	MessageID, RecordID string
	// Name is the document's name as read (its file, URL or feed entry).
	Name      string
	Duplicate bool
	// Dead is the reason the document went to the dead letters; empty if stored.
	Dead string
}

// pinger is a store that can say whether it is reachable.
type pinger interface {
	Ping(ctx context.Context) error
}

// Run processes batches until ctx ends, then finishes (or hands back) the batch in
// hand and returns nil. It returns an error only if the queue is closed under it.
func (w *Worker) Run(ctx context.Context) error {
	w.Options = w.Options.withDefaults()
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	if w.Metrics == nil {
		w.Metrics = NewMetrics(nil)
	}
	if w.Pipeline == nil {
		w.Pipeline = &pipeline.Pipeline{}
	}
	pause := backoff{min: 100 * time.Millisecond, max: 5 * time.Second}
	for ctx.Err() == nil {
		start := time.Now()
		ds, err := w.Queue.Fetch(ctx, w.Options.Batch, w.Options.FetchWait)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if errors.Is(err, queue.ErrClosed) {
				return err
			}
			w.Metrics.FetchErrors.Inc()
			d := pause.next()
			w.Log.Warn("fetch failed; retrying", "err", err, "in", d)
			sleep(ctx, d)
			continue
		}
		pause.reset()
		if len(ds) == 0 {
			continue
		}
		w.Metrics.Stage.With("fetch").Since(start)
		w.process(ctx, ds)
	}
	return nil
}

// job is one delivery on its way through a batch.
type job struct {
	d    queue.Delivery
	item input.Item
	rec  *record.Record
	done bool // committed: to be acked
	res  store.PutResult
	// settled is set once the delivery is retried or dead-lettered; the claim
	// keeper reads it from its own goroutine.
	settled atomic.Bool
}

// process takes one batch from fetch to acknowledgement.
func (w *Worker) process(ctx context.Context, ds []queue.Delivery) {
	// The batch outlives a stop signal by DrainTimeout, so that work in hand is
	// finished rather than thrown away.
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stopDrain := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(w.Options.DrainTimeout, cancel)
		context.AfterFunc(work, func() { t.Stop() })
	})
	defer stopDrain()

	jobs := make([]*job, len(ds))
	for i, d := range ds {
		jobs[i] = &job{d: d}
	}
	stopExtend := w.keepClaim(work, jobs)
	defer stopExtend()

	w.Metrics.BatchSize.Observe(float64(len(ds)))
	now := time.Now()
	var readable []*job
	for _, j := range jobs {
		if j.d.Attempt() == 1 {
			w.Metrics.QueueWait.Observe(now.Sub(j.d.Published()).Seconds())
		}
		if a := j.d.Attempt(); a > w.Options.MaxAttempts {
			// Delivered again and again without ever being settled: the workers
			// holding it died or stalled each time. It may be what kills them.
			w.dead(work, j, "deliver", fmt.Errorf("delivered %d times without finishing; the worker holding it stopped each time", a-1))
			continue
		}
		it, err := decode(j.d.Message().Body)
		if err != nil {
			w.Metrics.Failed.With("decode").Inc()
			w.dead(work, j, "decode", err) // no retry makes a bad body good
			continue
		}
		j.item = it
		readable = append(readable, j)
	}

	w.read(work, readable)

	var recs []*record.Record
	var toStore []*job
	for _, j := range readable {
		if j.rec != nil {
			recs = append(recs, j.rec)
			toStore = append(toStore, j)
		}
	}
	if len(recs) > 0 {
		if w.beforeCommit != nil {
			w.beforeCommit()
		}
		if !w.store(work, toStore, recs) {
			w.giveBack(jobs)
			return
		}
		if w.afterCommit != nil {
			w.afterCommit()
		}
	}
	w.ackAll(work, jobs)
}

// read runs the pipeline over the jobs' items, in parallel, and sets each job's
// record or fails it.
func (w *Worker) read(ctx context.Context, jobs []*job) {
	if len(jobs) == 0 {
		return
	}
	items := func(yield func(input.Item) bool) {
		for _, j := range jobs {
			if !yield(j.item) {
				return
			}
		}
	}
	i := 0
	start := time.Now()
	err := w.Pipeline.Run(ctx, items, func(r pipeline.Result) error {
		j := jobs[i]
		i++
		if r.Err != nil {
			w.Metrics.Failed.With("pipeline").Inc()
			w.fail(ctx, j, "pipeline", r.Err)
			return nil
		}
		j.rec = r.Record
		return nil
	})
	if i > 0 {
		w.Metrics.Stage.With("pipeline").Observe(time.Since(start).Seconds() / float64(i))
	}
	if err != nil {
		// Stopped part-way (the drain timeout): what was not read goes back.
		for _, j := range jobs[i:] {
			w.giveBack([]*job{j})
		}
	}
}

// store writes the records of jobs in one transaction, waiting for the store if
// it is down. It returns false if it had to give up because the worker is
// stopping; the jobs are then not settled.
func (w *Worker) store(ctx context.Context, jobs []*job, recs []*record.Record) bool {
	pause := backoff{min: 250 * time.Millisecond, max: 5 * time.Second}
	for {
		start := time.Now()
		res, err := w.Store.Put(ctx, recs)
		if err == nil {
			w.Metrics.Stage.With("store").Since(start)
			w.committed(jobs, res)
			w.Metrics.StoreDown.Set(0)
			return true
		}
		if ctx.Err() != nil {
			return false
		}
		if w.reachable(ctx) {
			// The store answers, so it refused this batch: find the records it
			// refuses one by one, and let the rest through.
			w.Metrics.StoreDown.Set(0)
			if len(recs) == 1 {
				w.Metrics.Failed.With("store").Inc()
				w.fail(ctx, jobs[0], "store", err)
				return true
			}
			w.Log.Warn("store refused a batch; storing one by one", "documents", len(recs), "err", err)
			for i := range recs {
				if !w.store(ctx, jobs[i:i+1], recs[i:i+1]) {
					return false
				}
			}
			return true
		}
		w.Metrics.StoreDown.Set(1)
		w.Metrics.StoreErrors.Inc()
		d := pause.next()
		w.Log.Warn("store unavailable; holding the batch and retrying", "documents", len(recs), "err", err, "in", d)
		if !sleep(ctx, d) {
			return false
		}
	}
}

func (w *Worker) reachable(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if p, ok := w.Store.(pinger); ok {
		return p.Ping(ctx) == nil
	}
	_, err := w.Store.Count(ctx)
	return err == nil
}

// committed counts what the store did with each record and marks the jobs for
// acknowledgement.
func (w *Worker) committed(jobs []*job, res []store.PutResult) {
	now := time.Now()
	for i, j := range jobs {
		j.done = true
		j.res = res[i]
		if res[i].Duplicate {
			w.Metrics.Processed.With("duplicate").Inc()
		} else {
			w.Metrics.Processed.With("stored").Inc()
		}
		w.Metrics.Latency.Observe(now.Sub(j.d.Published()).Seconds())
	}
}

// fail settles a job whose document failed: retried later, or dead after the
// last attempt.
func (w *Worker) fail(ctx context.Context, j *job, stage string, err error) {
	if j.d.Attempt() >= w.Options.MaxAttempts {
		w.dead(ctx, j, stage, err)
		return
	}
	delay := w.retryDelay(j.d.Attempt())
	w.Log.Warn("document failed; will retry", "id", j.d.Message().ID, "stage", stage, "attempt", j.d.Attempt(), "in", delay, "err", err)
	if serr := j.d.Retry(ctx, delay); serr != nil {
		w.Log.Warn("retry not recorded; the ack wait will redeliver", "id", j.d.Message().ID, "err", serr)
	}
	w.Metrics.Retried.Inc()
	j.settled.Store(true)
}

func (w *Worker) dead(ctx context.Context, j *job, stage string, err error) {
	reason := fmt.Sprintf("%s: %v", stage, err)
	w.Log.Error("document dead-lettered", "id", j.d.Message().ID, "stage", stage, "attempts", j.d.Attempt(), "err", err)
	if serr := j.d.Dead(ctx, reason); serr != nil {
		w.Log.Warn("dead letter not recorded; the ack wait will redeliver", "id", j.d.Message().ID, "err", serr)
	} else if w.Settled != nil {
		w.Settled(Outcome{MessageID: j.d.Message().ID, Name: j.item.Name, Dead: reason})
	}
	w.Metrics.Dead.Inc()
	j.settled.Store(true)
}

// retryDelay is RetryDelay doubled per attempt after the first, with jitter so
// that documents failing together do not return together.
func (w *Worker) retryDelay(attempt int) time.Duration {
	d := w.Options.RetryDelay << min(attempt-1, 20)
	if d <= 0 || d > w.Options.MaxRetryDelay {
		d = w.Options.MaxRetryDelay
	}
	return d/2 + rand.N(d/2+1)
}

// ackAll acknowledges every committed job, in parallel: each ack waits for the
// server's confirmation.
func (w *Worker) ackAll(ctx context.Context, jobs []*job) {
	start := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for _, j := range jobs {
		if !j.done {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := j.d.Ack(ctx); err != nil {
				// Committed but not acked: it comes back and the store drops it.
				w.Metrics.AckErrors.Inc()
				w.Log.Warn("ack failed; the document will be redelivered and dropped as a duplicate", "id", j.d.Message().ID, "err", err)
				return
			}
			if w.Settled != nil {
				w.Settled(Outcome{MessageID: j.d.Message().ID, RecordID: j.res.ID, Name: j.item.Name, Duplicate: j.res.Duplicate})
			}
		})
	}
	wg.Wait()
	w.Metrics.Stage.With("ack").Since(start)
}

// giveBack returns unsettled jobs to the queue at once, for another worker.
func (w *Worker) giveBack(jobs []*job) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n := 0
	for _, j := range jobs {
		if j.settled.Load() || j.done {
			continue
		}
		if err := j.d.Retry(ctx, 0); err == nil {
			n++
		}
		j.settled.Store(true)
	}
	if n > 0 {
		w.Log.Info("handed back unfinished documents", "documents", n)
	}
}

// keepClaim renews the claim on the jobs' messages until the returned function
// is called.
func (w *Worker) keepClaim(ctx context.Context, jobs []*job) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(w.Options.ExtendEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			for _, j := range jobs {
				if !j.settled.Load() {
					j.d.Extend(ctx) // an error means it is settled or gone: nothing to keep
				}
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// backoff doubles a pause from min to max.
type backoff struct {
	min, max, cur time.Duration
}

func (b *backoff) next() time.Duration {
	if b.cur == 0 {
		b.cur = b.min
	} else {
		b.cur = min(2*b.cur, b.max)
	}
	return b.cur
}

func (b *backoff) reset() { b.cur = 0 }

// sleep waits for d or until ctx ends, and reports whether the full time passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
