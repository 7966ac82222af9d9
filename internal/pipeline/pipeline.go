// Package pipeline runs the stages on documents: article extraction, the language
// core (tokens, sentences, tags, trees, entities), places, and reading (quotes,
// claims, events, territorial control, time). It runs documents in parallel
// and hands results on in input order, so output is reproducible.
package pipeline

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"runtime"

	"github.com/sitrep/sitrep/internal/article"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/places"
	"github.com/sitrep/sitrep/internal/reading"
	"github.com/sitrep/sitrep/internal/record"
)

// Pipeline holds the stages' settings.
type Pipeline struct {
	Article article.Options
	// Workers is how many documents are read at once; zero means GOMAXPROCS.
	Workers int
}

// Result is one document's outcome. Name identifies the input item.
type Result struct {
	Name   string
	Record *record.Record
	Err    error
}

// Process reads one item through every stage. A stage that fails on a document
// (a fault in its code that some text brings out) costs that document the
// stage's output, logged with the document's name, never the document itself
// nor the rest of the batch; only a document whose text cannot be extracted is
// an error.
func (p *Pipeline) Process(it input.Item) (*record.Record, error) {
	var rec *record.Record
	var extractErr error
	if err := stage(it.Name, "article", func() { rec, extractErr = article.Extract(it, p.Article) }); err != nil {
		return nil, err
	}
	if extractErr != nil {
		return nil, extractErr
	}
	skip := make([]record.Span, len(rec.Boilerplate))
	for i, b := range rec.Boilerplate {
		skip[i] = record.Span{Start: b.Start, End: b.End}
	}
	var doc *nlp.Doc
	if err := stage(it.Name, "language", func() { doc = annotate(rec.Text, skip) }); err != nil {
		doc = nil // reading works from the text alone
	} else {
		rec.Entities = doc.Entities()
	}
	// The geoparser is not given the entities: with the recogniser at its present
	// accuracy they cost more recall than they save in precision (GeoWebNews
	// F1@161 .805 without them, .754 with; 'sitrep eval geoparse -ner'). They only
	// veto single words the recogniser calls people and the gazetteer a town.
	if err := stage(it.Name, "places", func() {
		rec.Places = places.WithoutPeople(rec.Text, resolvePlaces(rec.Text, skip, nil), rec.Entities)
		if doc != nil { // without the recogniser's entities, none are made up
			rec.Entities = places.PlacesInEntities(rec.Entities, rec.Places)
			doc.Retype(rec.Entities)
		}
	}); err != nil {
		rec.Places = []record.Place{}
	}
	if err := reading.Read(rec, doc, reading.Published(rec, p.Article.Published)); err != nil {
		// A fault in the reading rules loses the quotes, claims, events and control
		// of this document, never the document itself.
		slog.Warn("reading stage failed; record kept without its reading", "document", it.Name, "err", err)
	}
	rec.GradeControl()
	return rec, nil
}

// The stages, as variables so that tests can make one fail.
var (
	annotate      = nlp.Annotate
	resolvePlaces = places.Resolve
)

// stage runs f, turning a panic into an error that names the document and the
// stage, and logs it.
func stage(doc, name string, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %s stage: internal error: %v", doc, name, r)
			slog.Warn("stage failed", "document", doc, "stage", name, "err", err)
		}
	}()
	f()
	return nil
}

// Run reads every item and calls emit with each result in input order. It stops at
// the first error emit returns, or when ctx is done.
func (p *Pipeline) Run(ctx context.Context, items iter.Seq[input.Item], emit func(Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		it  input.Item
		out chan Result
	}
	jobs := make(chan job)
	// order carries each job's result channel in input order; its buffer bounds how
	// far workers may run ahead of the slowest document.
	order := make(chan chan Result, 4*workers)
	for range workers {
		go func() {
			for j := range jobs {
				rec, err := p.Process(j.it)
				j.out <- Result{Name: j.it.Name, Record: rec, Err: err}
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for it := range items {
			out := make(chan Result, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{it: it, out: out}:
			case <-ctx.Done():
				return
			}
		}
	}()
	// drain lets the feeder finish once we stop reading results.
	drain := func() {
		go func() {
			for range order {
			}
		}()
	}
	for out := range order {
		var r Result
		select {
		case r = <-out:
		case <-ctx.Done():
			drain()
			return ctx.Err()
		}
		if err := emit(r); err != nil {
			cancel()
			drain()
			return err
		}
	}
	return ctx.Err()
}
