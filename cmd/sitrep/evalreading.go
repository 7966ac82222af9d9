package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sitrep/sitrep/internal/reading/devset"
)

// The reading stage's suites: attribution (PolNeAR), events (PLOVER gold records)
// and news (the war-reporting development set).
func init() {
	evalSuites["attribution"] = evalSuite{
		summary: "claims on PolNeAR (content-span F1 at 50% overlap, source accuracy)",
		run:     runEvalAttribution,
	}
	evalSuites["events"] = evalSuite{
		summary: "event types on PLOVER gold records (accuracy, macro-F1)",
		run:     runEvalEvents,
	}
	evalSuites["news"] = evalSuite{
		summary: "war reporting: toponyms (F1@161), quote speakers, control statements",
		run:     runEvalNews,
	}
}

// readingEvalPath finds a path under ../shared/eval beside the module root above
// the working directory.
func readingEvalPath(rel string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(filepath.Dir(dir), "shared", "eval", rel)
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("no %s: give the path as an argument", p)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: give the path as an argument")
		}
		dir = parent
	}
}

// evalArg parses a suite's flags and returns its one optional path argument.
func evalArg(name, usage, def string, args []string, stderr io.Writer, extra func(*flag.FlagSet)) (string, error) {
	fs := flag.NewFlagSet("eval "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", err
		}
		return "", exitError{2}
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return "", exitError{2}
	}
	if fs.NArg() == 1 {
		return fs.Arg(0), nil
	}
	return readingEvalPath(def)
}

func runEvalAttribution(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	overlap := 0.5
	dir, err := evalArg("attribution", "usage: sitrep eval attribution [--overlap F] [POLNEAR_DIR]\n\n"+
		"Reads a PolNeAR directory (text/, attributions/; default ../shared/eval/attribution/PolNeAR-dev),\n"+
		"runs extract on each text and scores claims: content spans match when they share at least\n"+
		"the given share of the longer span (so both of the gold and of the predicted span), each at\n"+
		"most once; a source is right when it overlaps the gold source by half of the shorter span.\n"+
		"Where several annotators marked a text, the first file is gold. As PolNeAR annotates them,\n"+
		"the parts of a split quotation are one attribution within a paragraph, and a claim whose cue\n"+
		"lies inside another claim's content (a nested attribution) is not scored.\n\nFlags:",
		filepath.Join("attribution", "PolNeAR-dev"), args, stderr, func(fs *flag.FlagSet) {
			fs.Float64Var(&overlap, "overlap", overlap, "share of the longer content span two spans must share")
		})
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	r, err := devset.Attribution(dir, overlap)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "PolNeAR %s\n", dir)
	fmt.Fprintf(stdout, "attributions  gold %d  predicted %d  matched %d\n", r.Gold, r.Pred, r.Matched)
	fmt.Fprintf(stdout, "content       P %.3f  R %.3f  F1 %.3f  (overlap >= %.0f%%)\n", r.P(), r.R(), r.F1(), 100*overlap)
	fmt.Fprintf(stdout, "source        accuracy %.3f  (%d/%d matched with a gold source)\n", r.SourceAcc(), r.SourceRight, r.SourceGold)
	fmt.Fprintf(stdout, "direct quotes gold %d  matched %d  speaker accuracy %.3f  (%d/%d)\n",
		r.QuoteGold, r.QuoteMatched, r.QuoteSpeakerAcc(), r.QuoteSourceRight, r.QuoteSourceGold)
	return nil
}

func runEvalEvents(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	path, err := evalArg("events", "usage: sitrep eval events [PLOVER_JSON]\n\n"+
		"Reads PLOVER gold records (default ../shared/eval/events/PLOVER_GSR_CAMEO.txt), maps old types\n"+
		"(FIGHT→ASSAULT, DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→ACCUSE), reads each sentence and\n"+
		"compares its most salient event's type. Prints accuracy, macro-F1 and per-type figures.\n\nFlags:",
		filepath.Join("events", "PLOVER_GSR_CAMEO.txt"), args, stderr, nil)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	r, err := devset.Events(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "PLOVER %s\n", path)
	fmt.Fprintf(stdout, "sentences %d  type accuracy %.3f  macro-F1 %.3f\n\n", r.N, r.Accuracy(), r.MacroF1())
	fmt.Fprintf(stdout, "%-10s %5s %5s %5s %5s\n", "type", "gold", "P", "R", "F1")
	for _, t := range r.Types() {
		n := 0
		for _, c := range r.Confusion[t] {
			n += c
		}
		p, rc, f := r.PerType(t)
		fmt.Fprintf(stdout, "%-10s %5d %5.2f %5.2f %5.2f\n", t, n, p, rc, f)
	}
	return nil
}

func runEvalNews(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	dir, err := evalArg("news", "usage: sitrep eval news [NEWS_DIR]\n\n"+
		"Reads the war-reporting development set (NNN.json; default ../shared/eval/news-dev) and scores\n"+
		"toponyms (EUPEG matching, F1@161), quotations and their speakers, and control statements\n"+
		"(matched by side, action and place).\n\nFlags:",
		"news-dev", args, stderr, nil)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	r, err := devset.News(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "news %s (%d documents)\n", dir, r.Docs)
	fmt.Fprintf(stdout, "toponyms  gold %d  predicted %d  F1 %.3f  F1@161 %.3f\n",
		r.Toponyms.Gold, r.Toponyms.Pred, r.Toponyms.F1(), r.Toponyms.F1At161())
	fmt.Fprintf(stdout, "metonymy  agrees on %d/%d matched toponyms  metonymic found %d/%d  wrongly %d\n",
		r.Toponyms.MetAgree, r.Toponyms.Matched, r.Toponyms.MetFound, r.Toponyms.MetGold, r.Toponyms.MetWrong)
	fmt.Fprintf(stdout, "quotes    gold %d  predicted %d  matched %d  F1 %.3f  speaker accuracy %.3f  (named speakers %d/%d)\n",
		r.Quotes.Gold, r.Quotes.Pred, r.Quotes.Matched, r.Quotes.F1(), r.Quotes.SpeakerAcc(), r.Quotes.NamedRight, r.Quotes.NamedGold)
	fmt.Fprintf(stdout, "control   gold %d  predicted %d  matched %d  P %.3f  R %.3f  F1 %.3f  status right %d/%d\n",
		r.Control.Gold, r.Control.Pred, r.Control.Matched, r.Control.P(), r.Control.R(), r.Control.F1(), r.Control.StatusRight, r.Control.Matched)
	return nil
}
