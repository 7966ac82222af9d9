package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
)

func init() {
	register("extract", "read documents and write one JSON record per line (NDJSON)", runExtract)
}

// readFlags are the flags every command that reads documents shares.
type readFlags struct {
	jsonl        bool
	published    string
	allowPrivate bool
	maxBytes     int64
	timeout      time.Duration
	workers      int
}

func (r *readFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&r.jsonl, "jsonl", false, `read each input as JSON lines: {"id", "text"|"html", "url", "published", "outlet"}`)
	fs.StringVar(&r.published, "published", "", "anchor date YYYY-MM-DD for documents that carry none")
	fs.BoolVar(&r.allowPrivate, "allow-private", false, "let URL fetches reach private, loopback and link-local addresses")
	fs.Int64Var(&r.maxBytes, "max-bytes", input.DefaultMaxBytes, "largest document accepted, in bytes")
	fs.DurationVar(&r.timeout, "timeout", input.DefaultTimeout, "time limit for one URL fetch")
	fs.IntVar(&r.workers, "workers", 0, "documents read at once (0: one per core)")
}

func (r *readFlags) options() (input.Options, *pipeline.Pipeline, error) {
	p := &pipeline.Pipeline{Workers: r.workers}
	if r.published != "" {
		t, err := time.Parse(time.DateOnly, r.published)
		if err != nil {
			return input.Options{}, nil, fmt.Errorf("--published %q: want YYYY-MM-DD", r.published)
		}
		p.Article.Published = t
	}
	return input.Options{JSONL: r.jsonl, AllowPrivate: r.allowPrivate, MaxBytes: r.maxBytes, Timeout: r.timeout, Version: Version}, p, nil
}

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep extract [flags] [INPUT...]\n\nINPUT is a path (.txt, .html, feed .xml, .warc, .warc.gz, or a directory), a URL, or - for stdin (the default).\nWrites one sitrep.record/v1 JSON record per document to stdout; errors go to stderr.\n\nFlags:")
		fs.PrintDefaults()
	}
	var rf readFlags
	rf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	opt, p, err := rf.options()
	if err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	opt.Stdin = stdin
	out := bufio.NewWriterSize(stdout, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	err = p.Run(ctx, input.Read(ctx, inputs, opt), func(r pipeline.Result) error {
		if r.Err != nil {
			failed++
			fmt.Fprintf(stderr, "sitrep extract: %v\n", r.Err)
			return nil
		}
		return enc.Encode(r.Record)
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "sitrep extract: %d document(s) failed\n", failed)
		return exitError{1}
	}
	return nil
}
