package worker

import (
	"context"
	"iter"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/store"
)

// IngestOptions tune Ingest.
type IngestOptions struct {
	// Workers is how many workers take from the queue; default 1 (each reads its
	// batch on every core).
	Workers int
	// Worker configures each worker. MaxAttempts defaults to 1 here: on one
	// machine a document the pipeline cannot read fails the same way each time,
	// and the store's outages are waited out without spending attempts.
	Worker Options
	// Progress, if set, is called as documents are read and settled.
	Progress func(ingest.Stats)
	// MaxFailures bounds how many failures are kept with their reasons; default 1000.
	MaxFailures int
}

// Ingest is `sitrep ingest` on one machine: it publishes items to q (the
// in-process queue, normally) and runs workers on q that read and store them
// in st, exactly as `sitrep worker` does on a shared queue, until every document
// the queue accepted is stored, found a duplicate, or dead-lettered. Documents
// that could not be read or that went to the dead letters count as failed, with
// their reasons. It returns an error only when ctx ends.
func Ingest(ctx context.Context, q queue.Queue, st store.Store, p *pipeline.Pipeline, items iter.Seq[input.Item], opt IngestOptions) (ingest.Stats, error) {
	if opt.Workers <= 0 {
		opt.Workers = 1
	}
	if opt.MaxFailures <= 0 {
		opt.MaxFailures = 1000
	}
	wopt := opt.Worker
	if wopt.MaxAttempts <= 0 {
		wopt.MaxAttempts = 1
	}
	if wopt.FetchWait <= 0 {
		wopt.FetchWait = 250 * time.Millisecond
	}
	start := time.Now()
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		enq      ingest.Stats // what the publishing side counted
		done     ingest.Stats // what the workers settled
		settled  int
		finished bool
	)
	// total merges both sides; call with mu held.
	total := func() ingest.Stats {
		s := ingest.Stats{
			Read:       enq.Read,
			Stored:     done.Stored,
			Duplicates: enq.Duplicates + done.Duplicates,
			Failed:     enq.Failed + done.Failed,
			Elapsed:    time.Since(start),
		}
		s.Failures = append(append(s.Failures, enq.Failures...), done.Failures...)
		if len(s.Failures) > opt.MaxFailures {
			s.Failures = s.Failures[:opt.MaxFailures]
		}
		return s
	}
	progress := func() {
		if opt.Progress != nil {
			opt.Progress(total())
		}
	}
	onSettled := func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		settled++
		switch {
		case o.Dead != "":
			done.Failed++
			if len(done.Failures) < opt.MaxFailures {
				name := o.Name
				if name == "" {
					name = o.MessageID
				}
				done.Failures = append(done.Failures, ingest.Failure{Name: name, Error: o.Dead})
			}
		case o.Duplicate:
			done.Duplicates++
		default:
			done.Stored++
		}
		progress()
		cond.Broadcast()
	}

	wctx, stopWorkers := context.WithCancel(ctx)
	defer stopWorkers()
	var wg sync.WaitGroup
	for range opt.Workers {
		w := &Worker{Queue: q, Store: st, Pipeline: p, Options: wopt, Settled: onSettled}
		wg.Go(func() { w.Run(wctx) })
	}

	es, err := Enqueue(ctx, q, items, EnqueueOptions{
		MaxFailures: opt.MaxFailures,
		Progress: func(s ingest.Stats) {
			mu.Lock()
			defer mu.Unlock()
			enq = s
			progress()
		},
	})
	mu.Lock()
	enq = es
	if err == nil {
		// Wait for the workers to settle every accepted document; ctx ending
		// wakes the wait too.
		stop := context.AfterFunc(ctx, func() {
			mu.Lock()
			finished = true
			cond.Broadcast()
			mu.Unlock()
		})
		for settled < enq.Stored && !finished {
			cond.Wait()
		}
		stop()
	}
	mu.Unlock()
	stopWorkers()
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	s := total()
	if err == nil {
		err = ctx.Err()
	}
	return s, err
}
