package sample_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/sample"
)

// readSample runs the sample reporting through the pipeline as 'sitrep demo'
// does: JSONL batches as batches, every other file by its content.
func readSample(t *testing.T) []*record.Record {
	t.Helper()
	paths, err := sample.WriteTo(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	items := func(yield func(input.Item) bool) {
		for _, p := range paths {
			for it := range input.Open(ctx, p, input.Options{JSONL: strings.HasSuffix(p, ".jsonl")}) {
				if !yield(it) {
					return
				}
			}
		}
	}
	var recs []*record.Record
	err = (&pipeline.Pipeline{}).Run(ctx, items, func(r pipeline.Result) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Name, r.Err)
			return nil
		}
		recs = append(recs, r.Record)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// The demo tells a story: the Kharkiv counteroffensive of 2022. Its places are on
// the map with their GeoNames ids, the fighting is there as PLOVER events, and
// the control timeline has Izium held by Ukraine after the September reporting.
func TestSampleTellsTheKharkivStory(t *testing.T) {
	recs := readSample(t)
	if len(recs) < 15 {
		t.Fatalf("%d sample documents read", len(recs))
	}
	places := map[int64]string{}
	rivers := map[string]bool{}
	events := map[string]int{}
	var control []picture.Control
	var claims []picture.Claim
	var id int64
	for _, r := range recs {
		for _, p := range r.Places {
			places[p.GeonameID] = p.Name
			if p.Kind == "river" || p.Precision == "feature" {
				rivers[p.Name] = true
			}
		}
		for _, e := range r.Events {
			events[e.Type]++
		}
		doc := picture.Doc{ID: r.ID, Outlet: r.Source.Outlet, Published: r.Source.Published}
		for _, c := range r.Control {
			id++
			control = append(control, picture.Control{Item: picture.Item{ID: id, Document: doc, EvidenceText: r.Slice(c.Evidence)}, Control: c})
		}
		for _, c := range r.Claims {
			id++
			claims = append(claims, picture.Claim{Item: picture.Item{ID: id, Document: doc}, Claim: c})
		}
	}
	for gid, name := range map[int64]string{707292: "Izium", 703656: "Kupiansk", 689304: "Vovchansk", 706483: "Kharkiv", 703071: "Lyman"} {
		if places[gid] == "" {
			t.Errorf("%s (%d) is not on the map", name, gid)
		}
	}
	donets := false
	for name := range rivers {
		donets = donets || strings.Contains(name, "Donets")
	}
	if !donets {
		t.Errorf("the Siverskyi Donets is not on the map; features: %v", rivers)
	}
	if events["ASSAULT"] < 20 || events["RETREAT"] < 3 {
		t.Errorf("events by type %v", events)
	}

	// Izium: the September reporting has Russian forces leave it, so Ukraine
	// holds it; nothing in the sample gives it to anyone before.
	const izium = 707292
	var iz []picture.Control
	september := 0
	for _, c := range control {
		if c.Place.GeonameID != izium {
			continue
		}
		iz = append(iz, c)
		day := c.Date
		if day == "" {
			day = c.Document.Published
		}
		ukr := c.Side == "UKR" && slices.Contains([]string{"captured", "retook", "entered"}, c.Action) ||
			c.Side == "RUS" && c.Action == "withdrew"
		if ukr && c.Status != "denied" && strings.HasPrefix(day, "2022-09") {
			september++
		}
	}
	if september == 0 {
		t.Fatalf("no statement that Ukraine holds Izium in September 2022: %+v", iz)
	}
	tl := picture.BuildTimelineWith(iz, picture.TimelineOptions{Grades: picture.ControlGrades(iz, claims)})
	may, _ := time.Parse(time.DateOnly, "2022-05-20")
	if iv, ok := tl.AsOf(may); ok {
		t.Errorf("in May, an advance toward Izium gave it to %s: %s", iv.Side, iv.Why)
	}
	oct, _ := time.Parse(time.DateOnly, "2022-10-01")
	iv, ok := tl.AsOf(oct)
	if !ok || iv.Side != "UKR" || !strings.HasPrefix(iv.From, "2022-09") || iv.Why == "" || iv.Score <= 0 {
		t.Fatalf("Izium as of October 2022: %v %+v", ok, iv)
	}
	for _, e := range iv.Evidence {
		if !strings.Contains(e.EvidenceText, "Izium") && !strings.Contains(e.EvidenceText, "Izyum") {
			t.Errorf("evidence %q does not name Izium", e.EvidenceText)
		}
	}
	t.Logf("Izium: %s", iv.Why)
}

// Every line of the Kharkiv batch names its source: address, title, outlet and
// publication date, and its id is unique, as the README's table promises.
func TestKharkivBatchCarriesItsSources(t *testing.T) {
	f, err := os.Open(filepath.Join("reporting", "kharkiv-2022.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	readme, err := os.ReadFile(filepath.Join("reporting", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct{ ID, Text, URL, Title, Outlet, Published string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if _, err := time.Parse(time.DateOnly, d.Published); err != nil || d.ID == "" || seen[d.ID] ||
			!strings.HasPrefix(d.URL, "https://") || d.Title == "" || d.Outlet == "" || len(d.Text) < 300 {
			t.Errorf("line %q: %s %s %q %q", d.ID, d.Published, d.URL, d.Title, d.Outlet)
		}
		seen[d.ID] = true
		if !strings.Contains(string(readme), d.URL) {
			t.Errorf("%s: README.md does not credit %s", d.ID, d.URL)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 6 {
		t.Errorf("%d documents in the batch", len(seen))
	}
}
