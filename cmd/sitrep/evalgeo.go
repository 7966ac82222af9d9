package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/places"
	"github.com/sitrep/sitrep/internal/record"
)

func init() {
	evalSuites["geoparse"] = evalSuite{
		summary: "toponym recognition and resolution against EUPEG corpora and their nine peers",
		run:     runEvalGeoparse,
	}
}

// geoDoc is one document of a geoparse corpus with its gold toponyms.
type geoDoc struct {
	ID   string
	Text string
	Gold []places.Toponym
}

func runEvalGeoparse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval geoparse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conv := fs.String("conventions", "auto", "annotation conventions: eupeg (demonyms and places inside names count, descriptor words outside spans), sitrep (the record's), or auto (eupeg for docs.jsonl corpora, sitrep for news-dev)")
	peers := fs.Bool("peers", true, "score the stored outputs in CORPUS/peers/ as well")
	ner := fs.Bool("ner", false, "give the geoparser the language core's named entities (the extract pipeline does not; it uses them only to drop single-word towns the recogniser calls people, as this command does by default)")
	nErr := fs.Int("errors", 0, "print sitrep's N most frequent false places, misses and wrong resolutions per corpus (stderr)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep eval geoparse [flags] [CORPUS_DIR...]\n\nA corpus is a folder with docs.jsonl ({\"id\", \"text\", \"gold\": [{\"surface\", \"start\", \"end\", \"lat\", \"lon\"}]})\nand optionally peers/NAME.jsonl, or a folder of news-dev NNN.json files. With no folder, the\nEUPEG corpora under ../shared/eval/geoparse beside the module are read.\nPrints P, R, F1, Acc@161, AUC, mean and median error (km) and F1@161 per corpus and system.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitError{2}
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		root, err := sharedEvalDir()
		if err != nil {
			return err
		}
		for _, c := range []string{"GeoWebNews", "TR-News", "Hu2014"} {
			dirs = append(dirs, filepath.Join(root, "geoparse", c))
		}
	}
	switch *conv {
	case "auto", "eupeg", "sitrep":
	default:
		fmt.Fprintf(stderr, "sitrep eval geoparse: unknown conventions %q\n", *conv)
		return exitError{2}
	}
	t0 := time.Now()
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gazetteer: %d places loaded in %v\n", g.Len(), time.Since(t0).Round(time.Millisecond))

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tsystem\tP\tR\tF1\tAcc@161\tAUC\tmean km\tmedian km\tF1@161\tgold\tpred\t")
	for _, dir := range dirs {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, eupeg, err := readGeoCorpus(dir)
		if err != nil {
			return err
		}
		opt := places.Options{}
		if *conv == "eupeg" || *conv == "auto" && eupeg {
			opt = places.Options{Demonyms: true, BareSpans: true, InNames: true}
		}
		p := places.New(g, opt)
		var tally places.Tally
		words := 0
		start := time.Now()
		preds := map[string][]places.Toponym{}
		for _, d := range docs {
			var pred []places.Toponym
			var ents, given []record.Entity
			ents = nlp.Annotate(d.Text, nil).Entities()
			if *ner {
				given = ents
			}
			for _, pl := range places.WithoutPeople(d.Text, p.Resolve(d.Text, nil, given), ents) {
				pred = append(pred, places.Toponym{Surface: pl.Text, Start: pl.Start, End: pl.End, Lat: pl.Lat, Lon: pl.Lon})
			}
			preds[d.ID] = pred
			words += len(strings.Fields(d.Text))
		}
		el := time.Since(start)
		errs := newGeoErrors()
		for _, d := range docs {
			tally.Add(d.Gold, preds[d.ID])
			errs.add(d.Gold, preds[d.ID])
		}
		name := filepath.Base(filepath.Clean(dir))
		if *nErr > 0 {
			errs.print(stderr, name, *nErr)
		}
		fmt.Fprintf(stderr, "%s: %d documents, %d words, read (language core and geoparser) in %v (%.0f words/s)\n", name, len(docs), words, el.Round(time.Millisecond), float64(words)/el.Seconds())
		rows := []geoRow{{"sitrep", tally.Metrics()}}
		if *peers && eupeg {
			pr, err := scorePeers(filepath.Join(dir, "peers"), docs)
			if err != nil {
				return err
			}
			rows = append(rows, pr...)
		}
		for _, r := range rows {
			m := r.m
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.0f\t%.1f\t%.3f\t%d\t%d\t\n",
				name, r.system, m.P, m.R, m.F1, m.Acc161, m.AUC, m.MeanKm, m.MedianKm, m.F161, m.Gold, m.Pred)
		}
	}
	return tw.Flush()
}

// geoErrors counts what went wrong, by surface form, for people tuning the
// geoparser: places found that the gold lacks, gold places missed, and places
// found but resolved more than 161 km away.
type geoErrors struct {
	false, missed, wrong map[string]int
}

func newGeoErrors() *geoErrors {
	return &geoErrors{false: map[string]int{}, missed: map[string]int{}, wrong: map[string]int{}}
}

func (e *geoErrors) add(gold, pred []places.Toponym) {
	used := make([]bool, len(pred))
	for i, k := range places.Align(gold, pred) {
		switch {
		case k < 0:
			e.missed[gold[i].Surface]++
		default:
			used[k] = true
			if places.Km(gold[i], pred[k]) > 161 {
				e.wrong[gold[i].Surface]++
			}
		}
	}
	for k, p := range pred {
		if !used[k] {
			e.false[p.Surface]++
		}
	}
}

func (e *geoErrors) print(w io.Writer, corpus string, n int) {
	for _, part := range []struct {
		title string
		m     map[string]int
	}{{"found, not in gold", e.false}, {"missed", e.missed}, {"wrong by > 161 km", e.wrong}} {
		type kv struct {
			k string
			v int
		}
		var l []kv
		for k, v := range part.m {
			l = append(l, kv{k, v})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v || l[i].v == l[j].v && l[i].k < l[j].k })
		fmt.Fprintf(w, "%s, %s:", corpus, part.title)
		for i, x := range l {
			if i == n {
				break
			}
			fmt.Fprintf(w, " %s ×%d;", x.k, x.v)
		}
		fmt.Fprintln(w)
	}
}

type geoRow struct {
	system string
	m      places.Metrics
}

// scorePeers scores every peers/NAME.jsonl of a corpus, best F1@161 first.
func scorePeers(dir string, docs []geoDoc) ([]geoRow, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	var rows []geoRow
	for _, f := range files {
		pred, err := readPeer(f)
		if err != nil {
			return nil, err
		}
		var t places.Tally
		for _, d := range docs {
			t.Add(d.Gold, pred[d.ID])
		}
		rows = append(rows, geoRow{strings.TrimSuffix(filepath.Base(f), ".jsonl"), t.Metrics()})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].m.F161 > rows[j].m.F161 })
	return rows, nil
}

type jsonTopo struct {
	Surface string  `json:"surface"`
	Text    string  `json:"text"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

func (t jsonTopo) toponym() places.Toponym {
	s := t.Surface
	if s == "" {
		s = t.Text
	}
	return places.Toponym{Surface: s, Start: t.Start, End: t.End, Lat: t.Lat, Lon: t.Lon}
}

// readGeoCorpus reads dir/docs.jsonl (EUPEG form) or dir/*.json (news-dev form).
// It reports whether the corpus is in EUPEG form.
func readGeoCorpus(dir string) ([]geoDoc, bool, error) {
	path := filepath.Join(dir, "docs.jsonl")
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		var docs []geoDoc
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		line := 0
		for sc.Scan() {
			line++
			var d struct {
				ID   json.RawMessage `json:"id"`
				Text string          `json:"text"`
				Gold []jsonTopo      `json:"gold"`
			}
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				return nil, false, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			gd := geoDoc{ID: strings.Trim(string(d.ID), `"`), Text: d.Text}
			for _, t := range d.Gold {
				gd.Gold = append(gd.Gold, t.toponym())
			}
			docs = append(docs, gd)
		}
		return docs, true, sc.Err()
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, false, err
	}
	var docs []geoDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, false, err
		}
		var d struct {
			ID       string     `json:"id"`
			Text     string     `json:"text"`
			Toponyms []jsonTopo `json:"toponyms"`
		}
		if err := json.Unmarshal(b, &d); err != nil || d.Text == "" {
			continue // not a document (known_noncity_ids.json, trimmed_prefixes.json)
		}
		gd := geoDoc{ID: d.ID, Text: d.Text}
		for _, t := range d.Toponyms {
			gd.Gold = append(gd.Gold, t.toponym())
		}
		docs = append(docs, gd)
	}
	if len(docs) == 0 {
		return nil, false, fmt.Errorf("%s: no docs.jsonl and no documents", dir)
	}
	return docs, false, nil
}

// readPeer reads a peer's stored predictions: {"id", "pred": [...]} per line.
func readPeer(path string) (map[string][]places.Toponym, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]places.Toponym{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		var d struct {
			ID   json.RawMessage `json:"id"`
			Pred []jsonTopo      `json:"pred"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		id := strings.Trim(string(d.ID), `"`)
		for _, t := range d.Pred {
			out[id] = append(out[id], t.toponym())
		}
	}
	return out, sc.Err()
}

// sharedEvalDir finds ../shared/eval beside the module root above the working
// directory.
func sharedEvalDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(filepath.Dir(dir), "shared", "eval")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("no corpus given and %s not found", p)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no corpus given and no module root above the working directory")
		}
		dir = parent
	}
}
