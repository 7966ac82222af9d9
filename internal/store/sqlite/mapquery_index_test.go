package sqlite

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
)

// The map's index answers exactly as SQL does, for every filter it takes, and
// catches up with events stored after it was built.
func TestEventIndexMatchesSQL(t *testing.T) {
	st, err := Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(1, 1))
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	types := []string{"ASSAULT", "COERCE", "RETREAT", "CONSULT"}
	put := func(docs int) {
		var recs []*record.Record
		for d := range docs {
			pub := start.AddDate(0, 0, r.IntN(200)).Format(time.DateOnly)
			town := []string{"Kharkiv", "Izium", "Kupiansk"}[r.IntN(3)]
			rec := record.New(record.Source{Outlet: "test", Published: pub}, fmt.Sprintf("Report %d %d of shelling near %s.", d, r.Int(), town))
			for range 20 {
				e := record.Event{Type: types[r.IntN(len(types))], Modality: "reported", Evidence: record.Span{Start: 0, End: 6}}
				if r.IntN(10) > 0 {
					e.Date = start.AddDate(0, 0, r.IntN(200)).Format(time.DateOnly)
				}
				switch r.IntN(10) {
				case 0: // no place
				case 1:
					e.Place = &record.PlaceRef{Name: "nowhere"} // (0, 0): no place either
				default:
					e.Place = &record.PlaceRef{Name: "p", Lat: 44 + 8*r.Float64(), Lon: 22 + 18*r.Float64()}
				}
				if r.IntN(3) > 0 {
					e.Actor = &record.Actor{Name: "forces", Country: []string{"UKR", "RUS"}[r.IntN(2)]}
				}
				rec.Events = append(rec.Events, e)
			}
			recs = append(recs, rec)
		}
		if _, err := st.Put(t.Context(), recs); err != nil {
			t.Fatal(err)
		}
	}
	queries := []picture.Query{
		{},
		{BBox: &picture.BBox{West: 30, South: 46, East: 36, North: 50}},
		{From: start.AddDate(0, 0, 50), To: start.AddDate(0, 0, 80)},
		{To: start.AddDate(0, 0, 10)},
		{Types: []string{"ASSAULT", "RETREAT"}, Sides: []string{"rus"}},
		{Types: []string{"NOSUCH"}},
		{BBox: &picture.BBox{West: 25, South: 45, East: 27, North: 52}, From: start.AddDate(0, 0, 20), Sides: []string{"UKR"}},
		{Text: "Izium OR Kupiansk"},
		{Text: "Kharkiv", Types: []string{"ASSAULT"}, BBox: &picture.BBox{West: 22, South: 44, East: 35, North: 52}},
		{Unique: true},
		{Text: "nowhereville"},
	}
	check := func() {
		for _, q := range queries {
			if !indexable(q) {
				t.Fatalf("%+v not indexable", q)
			}
			for _, cell := range []float64{0.3, 2.5} {
				want, err := st.sqlClusters(t.Context(), q, cell)
				if err != nil {
					t.Fatal(err)
				}
				got, err := st.EventClusters(t.Context(), q, cell)
				if err != nil {
					t.Fatal(err)
				}
				if c, w := canonical(got), canonical(want); !slices.Equal(c, w) {
					t.Errorf("%+v cell %v: index %d cells, SQL %d; first differing: %v", q, cell, len(got), len(want), firstDiff(c, w))
				}
			}
			want, err := st.sqlDays(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := st.EventDays(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Days, want.Days) || fmt.Sprint(got.BBox) != fmt.Sprint(want.BBox) {
				t.Errorf("%+v: index days %d %v, SQL %d %v", q, len(got.Days), got.BBox, len(want.Days), want.BBox)
			}
		}
	}
	put(30)
	check()
	put(7) // the index catches up
	check()
	if ix := indexOf(st); len(ix.ids) != 37*20 {
		t.Errorf("index holds %d events, want %d", len(ix.ids), 37*20)
	}
	// A source or place filter is SQL's.
	if indexable(picture.Query{Source: "test"}) || indexable(picture.Query{GeonameID: 706483}) {
		t.Error("source or place filter taken by the index")
	}
}

func canonical(cl []picture.Cluster) []string {
	var out []string
	for _, c := range cl {
		ts := make([]string, 0, len(c.Types))
		for k, v := range c.Types {
			ts = append(ts, fmt.Sprintf("%s=%d", k, v))
		}
		slices.Sort(ts)
		r := func(f float64) float64 { return math.Round(f*1e9) / 1e9 }
		out = append(out, fmt.Sprintf("%d %v %v %v %v id=%d", c.Count, r(c.Lon), r(c.Lat), c.BBox, ts, c.ID))
	}
	slices.Sort(out)
	return out
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + " ≠ " + b[i]
		}
	}
	return "one is a prefix of the other"
}

// Queries on the index while documents are stored: every answer holds whole
// batches (a Put is one transaction), and the last holds them all.
func TestEventIndexConcurrent(t *testing.T) {
	st, err := Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const batches, perBatch = 20, 5
	done := make(chan error, 1)
	go func() {
		for b := range batches {
			var recs []*record.Record
			for d := range perBatch {
				rec := record.New(record.Source{Outlet: "test", Published: "2022-09-10"}, fmt.Sprintf("Batch %d report %d.", b, d))
				rec.Events = []record.Event{{Type: "ASSAULT", Date: "2022-09-10", Modality: "reported",
					Place: &record.PlaceRef{Name: "Izium", Lat: 49.2, Lon: 37.26}, Evidence: record.Span{Start: 0, End: 5}}}
				recs = append(recs, rec)
			}
			if _, err := st.Put(t.Context(), recs); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	count := func() int {
		cl, err := st.EventClusters(t.Context(), picture.Query{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range cl {
			n += c.Count
		}
		return n
	}
	var errPut error
	for finished := false; !finished; {
		select {
		case errPut = <-done:
			finished = true
		default:
		}
		if n := count(); n%perBatch != 0 {
			t.Fatalf("%d events: not whole batches", n)
		}
	}
	if errPut != nil {
		t.Fatal(errPut)
	}
	if n := count(); n != batches*perBatch {
		t.Errorf("%d events at the end, want %d", n, batches*perBatch)
	}
}
