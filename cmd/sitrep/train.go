package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/sitrep/sitrep/internal/nlp/train"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

func init() {
	register("train", "rebuild the language models from ../shared/data/ud and print their figures", runTrain)
}

func runTrain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "treebank directory (default: ../shared/data/ud beside the module)")
	out := fs.String("out", "", "where to write the models (default: internal/nlp/models/data in the module)")
	noEval := fs.Bool("no-eval", false, "do not score the new models on dev and test")
	verbose := fs.Bool("v", false, "score dev after every epoch")
	only := fs.String("only", "", "rebuild one model only: tagger, parser or ner (the others stay as embedded)")
	heldOut := fs.Bool("held-out", false, "train the recogniser on the train splits only, so that its dev figures are held out (for tuning)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitError{2}
	}
	var err error
	if *data == "" {
		if *data, err = treebank.Dir("."); err != nil {
			return err
		}
	}
	if *out == "" {
		root, err := treebank.ModuleRoot(".")
		if err != nil {
			return fmt.Errorf("no --out given and %w", err)
		}
		*out = filepath.Join(root, "internal", "nlp", "models", "data")
	}
	cfg := train.Default
	cfg.DevEveryEpoch = *verbose
	cfg.Only = *only
	cfg.NERWithDev = cfg.NERWithDev && !*heldOut
	m, err := train.Run(*data, *out, cfg, stderr)
	if err != nil {
		return err
	}
	if *noEval {
		return nil
	}
	d, err := train.LoadData(*data)
	if err != nil {
		return err
	}
	for _, split := range []string{"dev", "test"} {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := train.Evaluate(m, d, split)
		if err != nil {
			return err
		}
		r.DevSeen = train.Default.NERWithDev // the embedded recogniser's recipe
		if cfg.Only == "" || cfg.Only == "ner" {
			r.DevSeen = cfg.NERWithDev
		}
		r.Print(stdout)
		fmt.Fprintln(stdout)
	}
	return nil
}
