package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/train"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// An evalSuite is one `sitrep eval NAME`. Suites register themselves in evalSuites
// from their own files' init, as commands do.
type evalSuite struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

var evalSuites = map[string]evalSuite{}

func init() {
	register("eval", "score sitrep against held-out data: eval SUITE (see 'sitrep eval -h')", runEval)
	evalSuites["nlp"] = evalSuite{
		summary: "language models on the UD test splits (CoNLL 2018 metrics, entity F1)",
		run:     runEvalNLP,
	}
}

func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, "usage: sitrep eval SUITE [flags]\n\nSuites:")
		names := make([]string, 0, len(evalSuites))
		for n := range evalSuites {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(stderr, "  %-10s %s\n", n, evalSuites[n].summary)
		}
		if len(args) == 0 {
			return exitError{2}
		}
		return nil
	}
	s, ok := evalSuites[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "sitrep eval: unknown suite %q\n", args[0])
		return exitError{2}
	}
	return s.run(ctx, args[1:], stdin, stdout, stderr)
}

func runEvalNLP(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval nlp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "treebank directory (default: ../shared/data/ud beside the module)")
	split := fs.String("split", "test", "split to score: test or dev")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitError{2}
	}
	if *split != "test" && *split != "dev" {
		fmt.Fprintf(stderr, "sitrep eval nlp: unknown split %q\n", *split)
		return exitError{2}
	}
	var err error
	if *data == "" {
		if *data, err = treebank.Dir("."); err != nil {
			return err
		}
	}
	m, err := nlp.Load()
	if err != nil {
		return err
	}
	d, err := train.LoadData(*data)
	if err != nil {
		return err
	}
	r, err := train.Evaluate(m, d, *split)
	if err != nil {
		return err
	}
	r.DevSeen = train.Default.NERWithDev // the embedded models' recipe
	r.Print(stdout)
	return nil
}
