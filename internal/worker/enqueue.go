package worker

import (
	"context"
	"errors"
	"iter"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/queue"
)

// EnqueueOptions tune Enqueue.
type EnqueueOptions struct {
	// Publishers is how many publishes are in flight at once; default 8. Each
	// waits for the server's acknowledgement, so a few in parallel hide the
	// round trip.
	Publishers int
	// Progress, if set, is called after every document with the counts so far.
	Progress func(ingest.Stats)
	// MaxFailures bounds how many failures are kept with their reasons; default 1000.
	MaxFailures int
	// PublishTimeout bounds one document's publishing, retries included, so that
	// a queue that stays down fails the run instead of hanging it; default 2m.
	PublishTimeout time.Duration
}

// Enqueue publishes items to q for the workers, and counts what happened as an
// ingest does: Stored counts documents the queue accepted, Duplicates those it
// dropped as already published within its window, Failed those that could not be
// read or published. It returns an error only when ctx ends.
func Enqueue(ctx context.Context, q queue.Queue, items iter.Seq[input.Item], opt EnqueueOptions) (ingest.Stats, error) {
	if opt.Publishers <= 0 {
		opt.Publishers = 8
	}
	if opt.MaxFailures <= 0 {
		opt.MaxFailures = 1000
	}
	if opt.PublishTimeout <= 0 {
		opt.PublishTimeout = 2 * time.Minute
	}
	start := time.Now()
	var (
		mu sync.Mutex
		s  ingest.Stats
		wg sync.WaitGroup
	)
	record := func(name string, dup bool, err error) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			s.Failed++
			if len(s.Failures) < opt.MaxFailures {
				s.Failures = append(s.Failures, ingest.Failure{Name: name, Error: err.Error()})
			}
		case dup:
			s.Duplicates++
		default:
			s.Stored++
		}
		if opt.Progress != nil {
			s.Elapsed = time.Since(start)
			opt.Progress(s)
		}
	}
	sem := make(chan struct{}, opt.Publishers)
	for it := range items {
		mu.Lock()
		s.Read++
		mu.Unlock()
		m, err := Message(it)
		if err != nil {
			record(it.Name, false, err)
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			pctx, cancel := context.WithTimeout(ctx, opt.PublishTimeout)
			p, err := q.Publish(pctx, m)
			cancel()
			if err != nil && !errors.Is(err, ctx.Err()) {
				err = &publishError{name: it.Name, err: err}
			}
			if err != nil && ctx.Err() != nil {
				return // not published: the summary must not count it either way
			}
			record(it.Name, p.Duplicate, err)
		})
	}
	wg.Wait()
	s.Elapsed = time.Since(start)
	return s, ctx.Err()
}

type publishError struct {
	name string
	err  error
}

func (e *publishError) Error() string { return e.name + ": publish: " + e.err.Error() }
func (e *publishError) Unwrap() error { return e.err }
