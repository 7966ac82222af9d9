package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

func TestProcessFoundingArticle(t *testing.T) {
	text := testutil.FoundingArticle(t)
	rec, err := (&Pipeline{}).Process(input.Item{Name: "000.txt", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, p := range rec.Places {
		ids[p.Text] = p.GeonameID
		if p.Text == "Kherson" {
			t.Errorf("Kherson is named only in the teaser, yet reported at %d", p.Start)
		}
	}
	persons := map[string]bool{}
	for _, e := range rec.Entities {
		if e.Type == "PER" {
			persons[e.Text] = true
		}
	}
	for _, name := range []string{"Oleh Synehubov", "Volodymyr Zelensky", "Scott Berrier"} {
		if !persons[name] {
			t.Errorf("%s not among the persons %v", name, persons)
		}
	}
	for name, want := range map[string]int64{"Izyum": 707292, "Izium": 707292, "Kupiansk": 703656, "Vovchansk": 689304} {
		if ids[name] != want {
			t.Errorf("%s resolved to %d, want %d", name, ids[name], want)
		}
	}
}

// Results come back in input order whatever the workers' speed, failures included.
func TestRunKeepsOrder(t *testing.T) {
	paras := strings.Split(testutil.FoundingArticle(t), "\n\n")
	items := func(yield func(input.Item) bool) {
		for i := range 200 {
			it := input.Item{Name: fmt.Sprint(i), Text: paras[i%len(paras)]}
			if i%17 == 0 {
				it = input.Item{Name: fmt.Sprint(i), Err: errors.New("broken")}
			}
			if !yield(it) {
				return
			}
		}
	}
	next := 0
	err := (&Pipeline{Workers: 4}).Run(context.Background(), items, func(r Result) error {
		if r.Name != fmt.Sprint(next) {
			t.Fatalf("result %s arrived at position %d", r.Name, next)
		}
		if (r.Err != nil) != (next%17 == 0) {
			t.Errorf("item %d: err %v", next, r.Err)
		}
		next++
		return nil
	})
	if err != nil || next != 200 {
		t.Fatalf("err %v after %d results", err, next)
	}
}

// An emit error stops the run and is returned; so does cancellation.
func TestRunStops(t *testing.T) {
	text := testutil.FoundingArticle(t)
	endless := func(yield func(input.Item) bool) {
		for i := 0; ; i++ {
			if !yield(input.Item{Name: fmt.Sprint(i), Text: text}) {
				return
			}
		}
	}
	stop := errors.New("stdout closed")
	n := 0
	err := (&Pipeline{Workers: 2}).Run(context.Background(), endless, func(Result) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = (&Pipeline{Workers: 2}).Run(ctx, endless, func(Result) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// A stage that fails on some document (a panic in its code) costs that document
// the stage's output, not the document, and the batch goes on.
func TestStageFailure(t *testing.T) {
	text := testutil.FoundingArticle(t)
	realAnnotate, realResolve := annotate, resolvePlaces
	defer func() { annotate, resolvePlaces = realAnnotate, realResolve }()
	annotate = func(text string, skip []record.Span) *nlp.Doc {
		if strings.HasPrefix(text, "BAD") {
			panic("index out of range")
		}
		return realAnnotate(text, skip)
	}
	resolvePlaces = func(text string, skip []record.Span, ents []record.Entity) []record.Place {
		if strings.Contains(text, "WORSE") {
			var m map[string]int
			m["x"]++ // assignment to a nil map
		}
		return realResolve(text, skip, ents)
	}
	items := func(yield func(input.Item) bool) {
		for _, it := range []input.Item{{Name: "bad.txt", Text: "BAD " + text}, {Name: "worse.txt", Text: "WORSE " + text},
			{Name: "good.txt", Text: text}} {
			if !yield(it) {
				return
			}
		}
	}
	var got []Result
	if err := (&Pipeline{Workers: 2}).Run(context.Background(), items, func(r Result) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d results", len(got))
	}
	for _, r := range got {
		if r.Err != nil || r.Record == nil {
			t.Fatalf("%s: record %v, err %v", r.Name, r.Record != nil, r.Err)
		}
	}
	bad, worse, good := got[0].Record, got[1].Record, got[2].Record
	if len(bad.Entities) != 0 || len(bad.Places) == 0 || len(bad.Quotes) == 0 {
		t.Errorf("language stage failed: %d entities, %d places, %d quotes; want none, some, some",
			len(bad.Entities), len(bad.Places), len(bad.Quotes))
	}
	if len(worse.Places) != 0 || len(worse.Entities) == 0 {
		t.Errorf("places stage failed: %d places, %d entities; want none, some", len(worse.Places), len(worse.Entities))
	}
	if len(good.Places) == 0 || len(good.Entities) == 0 || len(good.Quotes) == 0 {
		t.Errorf("the good document lost its analysis: %d places, %d entities, %d quotes",
			len(good.Places), len(good.Entities), len(good.Quotes))
	}
	if err := stage("x.txt", "places", func() { panic("boom") }); err == nil || !strings.Contains(err.Error(), "x.txt") {
		t.Errorf("stage error %v does not name the document", err)
	}
}

// BenchmarkProcess measures the whole reading pipeline on plain text, one core's
// worth per iteration, in words per second.
func BenchmarkProcess(b *testing.B) {
	text := testutil.FoundingArticle(b)
	words := len(strings.Fields(text))
	p := &Pipeline{}
	if _, err := p.Process(input.Item{Name: "warm", Text: text}); err != nil { // load models once
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Process(input.Item{Name: "bench", Text: text}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkProcessCorpus measures the whole reading pipeline on the mixed news
// corpus of testutil.NewsCorpus; one iteration reads all of it.
func BenchmarkProcessCorpus(b *testing.B) {
	texts := testutil.NewsCorpus(b)
	words := 0
	for _, t := range texts {
		words += len(strings.Fields(t))
	}
	p := &Pipeline{}
	if _, err := p.Process(input.Item{Name: "warm", Text: texts[0]}); err != nil { // load models once
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for i, t := range texts {
			if _, err := p.Process(input.Item{Name: fmt.Sprint(i), Text: t}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(len(texts)), "docs")
}

// A name the recogniser takes for a person and the geoparser keeps as a place is
// a place in the record's entities and in reading: no person stands in Khan
// Younis.
func TestPeopleKeptAsPlaces(t *testing.T) {
	text := "The Israeli army said its troops were operating in Khan Younis. Fighting spread to El Fasher and Wad Madani."
	rec, err := (&Pipeline{}).Process(input.Item{Name: "x.txt", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, e := range rec.Entities {
		types[e.Text] = e.Type
	}
	for _, name := range []string{"Khan Younis", "Wad Madani"} {
		if types[name] != "LOC" {
			t.Errorf("%s typed %q, want LOC (entities %v)", name, types[name], types)
		}
	}
}
