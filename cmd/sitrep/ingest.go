package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/memq"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/worker"
)

func init() {
	register("ingest", "read documents into the store, skipping what it already holds", runIngest)
}

// defaultDB is the store used when --db is not given.
func defaultDB() string {
	if v := os.Getenv("SITREP_DB"); v != "" {
		return v
	}
	return "sitrep.db"
}

func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep ingest [flags] INPUT...\n\nReads each INPUT (as for 'sitrep extract') into the store, through an in-process\nqueue and worker (the same worker 'sitrep worker' runs). A document already stored\nis counted as a duplicate and not stored again. With --queue, each document is\npublished for 'sitrep worker' instead (stored then counts documents the queue accepted).\nExits 1 if any document failed.\n\nFlags:")
		fs.PrintDefaults()
	}
	var rf readFlags
	rf.register(fs)
	db := fs.String("db", defaultDB(), "store: an SQLite file or a PostgreSQL URL (postgres://...) (env SITREP_DB)")
	var qf queueFlags
	qf.register(fs, "publish documents to this queue for 'sitrep worker' instead of storing them")
	batch := fs.Int("batch", 64, "documents per store transaction")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	opt, p, err := rf.options()
	if err != nil {
		return err
	}
	opt.Stdin = stdin
	inputs := fs.Args()
	if len(inputs) == 0 {
		fs.Usage()
		return exitError{2}
	}
	if qf.url != "" {
		if rf.published != "" {
			return errors.New("--published applies where documents are read: give it to 'sitrep worker'")
		}
		return ingestToQueue(ctx, qf, opt, inputs, stderr)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	bar := newProgress(stderr)
	stats, err := localIngest(ctx, st, p, input.Read(ctx, inputs, opt), *batch, bar.update)
	bar.done()
	printSummary(stderr, storeName(*db), stats)
	if err != nil {
		return err
	}
	if stats.Failed > 0 {
		return exitError{1}
	}
	return nil
}

// localIngest reads items into st on this machine through the in-process queue,
// with the same worker that `sitrep worker` runs on a shared one.
func localIngest(ctx context.Context, st store.Store, p *pipeline.Pipeline, items iter.Seq[input.Item], batch int, progress func(ingest.Stats)) (ingest.Stats, error) {
	q := memq.New(queue.Options{})
	defer q.Close()
	q.SetCapacity(4 * max(batch, 1)) // the reader stays a few batches ahead of the worker
	return worker.Ingest(ctx, q, st, p, items, worker.IngestOptions{
		Worker:   worker.Options{Batch: batch},
		Progress: progress,
	})
}

func printSummary(w io.Writer, db string, s ingest.Stats) {
	rate := 0.0
	if sec := s.Elapsed.Seconds(); sec > 0 {
		rate = float64(s.Read) / sec
	}
	fmt.Fprintf(w, "sitrep ingest: read %d, stored %d, duplicates %d, failed %d into %s in %s (%.0f documents/s)\n",
		s.Read, s.Stored, s.Duplicates, s.Failed, db, s.Elapsed.Round(time.Millisecond), rate)
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", f.Error)
	}
	if n := s.Failed - len(s.Failures); n > 0 {
		fmt.Fprintf(w, "  ... and %d more failures\n", n)
	}
}

// progress draws one status line on a terminal, at most ten times a second, and
// draws nothing when stderr is a pipe or a file.
type progress struct {
	mu   sync.Mutex
	w    io.Writer
	on   bool
	last time.Time
	drew bool
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) update(s ingest.Stats) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	rate := 0.0
	if sec := s.Elapsed.Seconds(); sec > 0 {
		rate = float64(s.Read) / sec
	}
	fmt.Fprintf(p.w, "\r\033[K%s read %d · stored %d · duplicates %d · failed %d · %.0f/s",
		spinner[int(s.Elapsed/(100*time.Millisecond))%len(spinner)], s.Read, s.Stored, s.Duplicates, s.Failed, rate)
	p.drew = true
}

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drew {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
