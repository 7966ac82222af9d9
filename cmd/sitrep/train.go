package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"github.com/sitrep/sitrep/internal/nlp/score"
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
	folds := fs.Int("folds", 0, "cross-validate the recogniser instead: K folds of UNER-EWT train's and GUM train's documents, each scored with the name rules by a recogniser and a tagger trained on the others (and dev, for the recogniser); writes no model")
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
	cfg := train.Default
	cfg.DevEveryEpoch = *verbose
	cfg.Only = *only
	cfg.NERWithDev = cfg.NERWithDev && !*heldOut
	if *folds > 0 {
		if *folds < 2 {
			return fmt.Errorf("--folds %d: want 2 or more", *folds)
		}
		fo, err := train.CrossValidate(*data, cfg, *folds, stderr)
		if err != nil {
			return err
		}
		uner, gum := train.Total(fo)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "entities (%d folds)\tP\tR\tF1\tgold\t\n", *folds)
		for _, c := range []struct {
			name string
			f    score.F
		}{{"UNER-EWT train", uner}, {"GUM train named mentions", gum}} {
			fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%d\t\n", c.name, 100*c.f.Precision(), 100*c.f.Recall(), 100*c.f.F1(), c.f.Gold)
		}
		return tw.Flush()
	}
	if *out == "" {
		root, err := treebank.ModuleRoot(".")
		if err != nil {
			return fmt.Errorf("no --out given and %w", err)
		}
		*out = filepath.Join(root, "internal", "nlp", "models", "data")
	}
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
