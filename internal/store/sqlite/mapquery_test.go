package sqlite_test

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The map's aggregates agree with the event pages they summarise: on the founding
// article, clusters at every cell size hold exactly the placed events the same
// query lists, in the cells their coordinates fall in, with their types; and the
// counts per day add up to the dated events.
func TestMapAggregatesFoundingArticle(t *testing.T) {
	rec := foundingRecord(t)
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(t.Context(), []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, q := range []picture.Query{
		{},
		{BBox: &picture.BBox{West: 30, South: 45, East: 40, North: 52}},
		{Types: []string{"ASSAULT"}},
		{Sides: []string{"ukr"}},
		{Text: "Izyum"},
		{From: day("2022-05-01"), To: day("2022-05-31")},
	} {
		t.Run(fmt.Sprintf("%+v", q), func(t *testing.T) {
			lq := q
			lq.Limit = picture.MaxLimit
			page, err := st.Events(ctx, lq)
			if err != nil {
				t.Fatal(err)
			}
			type cellKey struct{ x, y int }
			for _, cell := range []float64{0.05, 0.5, 5} {
				want := map[cellKey]map[string]int{}
				placed := 0
				for _, e := range page.Items {
					if e.Place == nil || e.Place.Lat == 0 && e.Place.Lon == 0 {
						continue
					}
					placed++
					k := cellKey{int(math.Floor((e.Place.Lon + 180) / cell)), int(math.Floor((e.Place.Lat + 90) / cell))}
					if want[k] == nil {
						want[k] = map[string]int{}
					}
					want[k][e.Type]++
				}
				cl, err := st.EventClusters(ctx, q, cell)
				if err != nil {
					t.Fatal(err)
				}
				if len(cl) != len(want) {
					t.Errorf("cell %v: %d clusters, want %d", cell, len(cl), len(want))
				}
				got := 0
				for _, c := range cl {
					got += c.Count
					k := cellKey{int(math.Floor((c.BBox[0] + 180) / cell)), int(math.Floor((c.BBox[1] + 90) / cell))}
					for typ, n := range c.Types {
						if want[k][typ] != n {
							t.Errorf("cell %v at %.3f,%.3f: %d %s, want %d", cell, c.Lon, c.Lat, n, typ, want[k][typ])
						}
					}
					if c.BBox[0] > c.Lon || c.BBox[2] < c.Lon || c.BBox[1] > c.Lat || c.BBox[3] < c.Lat {
						t.Errorf("cluster mean %.3f,%.3f outside its box %v", c.Lon, c.Lat, c.BBox)
					}
					if (c.Count == 1) != (c.ID != 0) {
						t.Errorf("cluster of %d has id %d", c.Count, c.ID)
					}
				}
				if got != placed {
					t.Errorf("cell %v: clusters hold %d events, the page lists %d placed", cell, got, placed)
				}
			}

			days, err := st.EventDays(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			perDay := map[string]int{}
			for _, e := range page.Items {
				d := e.Date
				if len(d) < 10 {
					d = e.Document.Published
				}
				if len(d) >= 10 {
					perDay[d[:10]]++
				}
			}
			if len(days.Days) != len(perDay) {
				t.Errorf("%d days, want %d (%v)", len(days.Days), len(perDay), perDay)
			}
			for i, d := range days.Days {
				if perDay[d.Day] != d.Count {
					t.Errorf("%s: %d events, want %d", d.Day, d.Count, perDay[d.Day])
				}
				if i > 0 && days.Days[i-1].Day >= d.Day {
					t.Errorf("days out of order: %s then %s", days.Days[i-1].Day, d.Day)
				}
			}
		})
	}

	// The whole picture's extent covers Izium (37.26 E, 49.21 N).
	days, err := st.EventDays(ctx, picture.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if b := days.BBox; b == nil || b[0] > 37.26 || b[2] < 37.26 || b[1] > 49.21 || b[3] < 49.21 {
		t.Errorf("extent %v does not cover Izium (%d days)", days.BBox, len(days.Days))
	}

	// One event by id is the event the pages list.
	page, err := st.Events(ctx, picture.Query{Limit: 3})
	if err != nil || len(page.Items) == 0 {
		t.Fatal(err, len(page.Items))
	}
	for _, want := range page.Items {
		got, err := st.Event(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != want.ID || got.EvidenceText != want.EvidenceText || got.Type != want.Type || got.Document.ID != want.Document.ID {
			t.Errorf("event %d: got %+v, want %+v", want.ID, got, want)
		}
	}
	for _, id := range []int64{0, -1, 1 << 40, math.MaxInt64} {
		if _, err := st.Event(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("event %d: %v, want not found", id, err)
		}
	}

	// A cell size that is no size is refused as the caller's mistake.
	for _, cell := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := st.EventClusters(ctx, picture.Query{}, cell); !errors.Is(err, picture.ErrBadQuery) {
			t.Errorf("cell %v: %v, want a bad query", cell, err)
		}
	}
}

// Events at the same spot on different days stay one cluster; a time window
// keeps only its days, in clusters and in counts alike.
func TestMapAggregatesWindow(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var recs []*record.Record
	start := time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10 {
		d := start.AddDate(0, 0, i).Format(time.DateOnly)
		rec := record.New(record.Source{Outlet: "test", Published: d}, fmt.Sprintf("Shelling of Balakliia on day %d.", i))
		rec.Events = append(rec.Events, record.Event{Type: "ASSAULT", Date: d, Modality: "reported",
			Actor:    &record.Actor{Name: "Russian forces", Country: "RUS"},
			Place:    &record.PlaceRef{Name: "Balakliia", GeonameID: 712165, Lat: 49.4627, Lon: 36.8586},
			Evidence: record.Span{Start: 0, End: 11}})
		recs = append(recs, rec)
	}
	if _, err := st.Put(t.Context(), recs); err != nil {
		t.Fatal(err)
	}
	cl, err := st.EventClusters(t.Context(), picture.Query{From: start.AddDate(0, 0, 2), To: start.AddDate(0, 0, 5)}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(cl) != 1 || cl[0].Count != 4 || cl[0].Types["ASSAULT"] != 4 || math.Abs(cl[0].Lon-36.8586) > 1e-9 {
		t.Errorf("clusters %+v, want one of 4 assaults at Balakliia", cl)
	}
	days, err := st.EventDays(t.Context(), picture.Query{BBox: &picture.BBox{West: 36, South: 49, East: 37, North: 50}, To: start.AddDate(0, 0, 2)})
	if err != nil {
		t.Fatal(err)
	}
	if len(days.Days) != 3 || days.Days[0].Day != "2022-09-01" || days.Days[2].Day != "2022-09-03" || days.Days[1].Count != 1 {
		t.Errorf("days %+v, want 2022-09-01..03, one each", days.Days)
	}
}
