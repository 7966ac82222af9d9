package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/sample"
)

func init() {
	register("demo", "ingest the bundled sample reporting and serve it (no setup needed)", runDemo)
}

func runDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f serveFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	dir, err := os.MkdirTemp("", "sitrep-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	paths, err := sample.WriteTo(dir)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	// JSONL batches (the shared corpus with its metadata) are read as such; every
	// other sample is judged by its content, as a user's file would be.
	items := func(yield func(input.Item) bool) {
		for _, path := range paths {
			opt := input.Options{JSONL: strings.HasSuffix(path, ".jsonl")}
			for it := range input.Open(ctx, path, opt) {
				if !yield(it) {
					return
				}
			}
		}
	}
	stats, err := ingest.Run(ctx, st, &pipeline.Pipeline{}, items, ingest.Options{})
	printSummary(stderr, storeName(f.db), stats)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "map: http://%s/ (events, control as of a day, evidence)\n", f.addr)
	fmt.Fprintf(stderr, "try: curl -s 'http://%s/api/documents?q=Izyum'\n", f.addr)
	return serve(ctx, st, f, stderr)
}
