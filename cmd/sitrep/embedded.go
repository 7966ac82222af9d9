package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/api"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/memq"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/worker"
)

// embeddedWork is the in-process queue and worker behind `sitrep serve` on one
// machine: a posted document is published to the queue, read and stored by the
// worker exactly as `sitrep worker` would, and the request waits for the outcome,
// so the API still answers with the stored document's id (or why it failed).
type embeddedWork struct {
	q  *memq.Queue
	w  *worker.Worker
	mu sync.Mutex
	// waiting holds the requests waiting for a message's outcome; recent keeps
	// outcomes for the queue's duplicate window, for a copy posted meanwhile.
	waiting map[string][]chan worker.Outcome
	recent  map[string]recentOutcome
}

type recentOutcome struct {
	worker.Outcome
	at time.Time
}

// embeddedCapacity bounds the documents waiting in the in-process queue; a post
// beyond it waits for room (or for its request to end).
const embeddedCapacity = 256

func newEmbeddedWork(st store.Store, p *pipeline.Pipeline, log *slog.Logger, m *worker.Metrics) *embeddedWork {
	e := &embeddedWork{
		q:       memq.New(queue.Options{}),
		waiting: map[string][]chan worker.Outcome{},
		recent:  map[string]recentOutcome{},
	}
	e.q.SetCapacity(embeddedCapacity)
	e.w = &worker.Worker{
		Queue: e.q, Store: st, Pipeline: p, Log: log, Metrics: m, Settled: e.settled,
		// One machine: a document the pipeline cannot read fails the same way each
		// time, so it is dead-lettered (and the request told why) at once.
		Options: worker.Options{Batch: 16, FetchWait: time.Second, MaxAttempts: 1},
	}
	return e
}

// run works until ctx ends, finishing the batch in hand, then closes the queue.
func (e *embeddedWork) run(ctx context.Context) {
	e.w.Run(ctx)
	e.q.Close()
}

func (e *embeddedWork) settled(o worker.Outcome) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := time.Now()
	for id, r := range e.recent {
		if now.Sub(r.at) > queue.DefaultDuplicateWindow {
			delete(e.recent, id)
		}
	}
	e.recent[o.MessageID] = recentOutcome{o, now}
	for _, c := range e.waiting[o.MessageID] {
		c <- o
	}
	delete(e.waiting, o.MessageID)
}

// ingest publishes it and waits for the worker's outcome.
func (e *embeddedWork) ingest(ctx context.Context, it input.Item) (store.PutResult, error) {
	m, err := worker.Message(it)
	if err != nil {
		return store.PutResult{}, fmt.Errorf("%w: %v", api.ErrBadDocument, err)
	}
	c := make(chan worker.Outcome, 1)
	e.mu.Lock()
	e.waiting[m.ID] = append(e.waiting[m.ID], c)
	e.mu.Unlock()
	pub, err := e.q.Publish(ctx, m)
	if err == nil && pub.Duplicate {
		// A copy went in within the duplicate window: its outcome is this one's.
		e.mu.Lock()
		r, ok := e.recent[m.ID]
		e.mu.Unlock()
		if ok {
			e.forget(m.ID, c)
			return outcomeResult(r.Outcome, true)
		}
		// Still in the queue: its outcome reaches c.
	}
	if err != nil {
		e.forget(m.ID, c)
		return store.PutResult{}, err
	}
	select {
	case o := <-c:
		return outcomeResult(o, pub.Duplicate)
	case <-ctx.Done():
		e.forget(m.ID, c)
		return store.PutResult{}, fmt.Errorf("waiting for the worker: %w (the document stays queued)", ctx.Err())
	}
}

func (e *embeddedWork) forget(id string, c chan worker.Outcome) {
	e.mu.Lock()
	defer e.mu.Unlock()
	cs := e.waiting[id]
	for i, x := range cs {
		if x == c {
			cs = append(cs[:i], cs[i+1:]...)
			break
		}
	}
	if len(cs) == 0 {
		delete(e.waiting, id)
	} else {
		e.waiting[id] = cs
	}
}

func outcomeResult(o worker.Outcome, copy bool) (store.PutResult, error) {
	if o.Dead != "" {
		return store.PutResult{}, fmt.Errorf("%w: %s", api.ErrBadDocument, o.Dead)
	}
	return store.PutResult{ID: o.RecordID, Duplicate: o.Duplicate || copy}, nil
}
