// Package ingest reads documents through the pipeline into a store, in batches, and
// counts what happened to each: stored, already there, or failed and why.
//
// Each batch is one transaction, and the store keys documents by content hash, so an
// ingest that is killed part-way can simply be run again: what was committed is kept,
// what was not is read again, and nothing is stored twice.
package ingest

import (
	"context"
	"iter"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// Stats counts an ingest's outcome.
type Stats struct {
	Read       int       `json:"read"`
	Stored     int       `json:"stored"`
	Duplicates int       `json:"duplicates"`
	Failed     int       `json:"failed"`
	Failures   []Failure `json:"failures,omitempty"`
	Elapsed    time.Duration
}

// Failure is one document that could not be read or stored.
type Failure struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// Options tune an ingest.
type Options struct {
	// BatchSize is how many records go into one store transaction; zero means 64.
	BatchSize int
	// Progress, if set, is called after every document with the counts so far
	// (Stored and Duplicates move when a batch commits).
	Progress func(Stats)
	// MaxFailures bounds how many failures are kept with their reasons (all are
	// counted); zero means 1000.
	MaxFailures int
}

// Run reads items through p into st. It returns an error only when the store fails
// or ctx ends; documents that fail are counted in Stats and the rest go on.
func Run(ctx context.Context, st store.Store, p *pipeline.Pipeline, items iter.Seq[input.Item], opt Options) (Stats, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 64
	}
	if opt.MaxFailures <= 0 {
		opt.MaxFailures = 1000
	}
	start := time.Now()
	var s Stats
	fail := func(name, msg string) {
		s.Failed++
		if len(s.Failures) < opt.MaxFailures {
			s.Failures = append(s.Failures, Failure{Name: name, Error: msg})
		}
	}
	batch := make([]*record.Record, 0, opt.BatchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.Put(ctx, batch)
		if err != nil {
			return err
		}
		for _, r := range res {
			if r.Duplicate {
				s.Duplicates++
			} else {
				s.Stored++
			}
		}
		batch = batch[:0]
		return nil
	}
	progress := func() {
		if opt.Progress != nil {
			s.Elapsed = time.Since(start)
			opt.Progress(s)
		}
	}
	err := p.Run(ctx, items, func(r pipeline.Result) error {
		s.Read++
		defer progress()
		if r.Err != nil {
			fail(r.Name, r.Err.Error())
			return nil
		}
		batch = append(batch, r.Record)
		if len(batch) >= opt.BatchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
		progress()
	}
	s.Elapsed = time.Since(start)
	return s, err
}
