package sqlite_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
)

// BenchmarkEventClusters is the map's view of 100,000 events: on the default store
// (SITREP_BENCH_EVENTS unset: 100,000 events) the whole of Ukraine over all time;
// on a bigger store a window of days holding about 100,000 of them. The cell is
// what the page asks at zoom 6 and 8 (64 pixels of a 256-pixel tile: 1.40625° and
// 0.3515625°). Reports the events in view, the cells returned and the latency
// percentiles. The SQL path (a full-text filter) is BenchmarkEventClustersSQL.
func BenchmarkEventClusters(b *testing.B) {
	n := benchEvents()
	st := benchStore(b, n)
	r := rand.New(rand.NewPCG(7, 8))
	days := min(1000, 1000*100_000/n) // a window holding about 100,000 events
	box := &picture.BBox{West: 22, South: 44, East: 40, North: 52.5}
	// The first query loads the map's index of the store; the figures are of
	// the queries after it.
	t0 := time.Now()
	if _, err := st.EventClusters(b.Context(), picture.Query{}, 1); err != nil {
		b.Fatal(err)
	}
	b.Logf("index of %d events loaded in %v", n, time.Since(t0).Round(time.Millisecond))
	for _, zoom := range []int{6, 8} {
		cell := 360 / float64(int(1)<<zoom) / 4
		b.Run(map[int]string{6: "zoom6", 8: "zoom8"}[zoom], func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			var inView, cells int
			for b.Loop() {
				q := picture.Query{BBox: box}
				if days < 1000 {
					q.From = benchStart.AddDate(0, 0, r.IntN(1000-days))
					q.To = q.From.AddDate(0, 0, days-1)
				}
				t0 := time.Now()
				cl, err := st.EventClusters(b.Context(), q, cell)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				cells += len(cl)
				for _, c := range cl {
					inView += c.Count
				}
			}
			b.ReportMetric(float64(inView)/float64(len(lat)), "events/op")
			b.ReportMetric(float64(cells)/float64(len(lat)), "cells/op")
			reportLatency(b, lat)
		})
	}
}

// BenchmarkEventDays is the timeline's histogram over the same view.
func BenchmarkEventDays(b *testing.B) {
	st := benchStore(b, benchEvents())
	box := &picture.BBox{West: 22, South: 44, East: 40, North: 52.5}
	if _, err := st.EventDays(b.Context(), picture.Query{}); err != nil { // loads the index
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t0 := time.Now()
		if _, err := st.EventDays(b.Context(), picture.Query{BBox: box}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
}

// BenchmarkEventClustersSQL is the clusters query the index cannot answer: with a
// source filter matching every document (the outlet "bench"), so that SQLite
// aggregates every event in view itself. BenchmarkEventClustersText is the same
// view with a full-text filter matching every document ("fighting"), which the
// index answers with the set of matching documents.
func BenchmarkEventClustersSQL(b *testing.B) {
	benchClustersFiltered(b, picture.Query{Source: "bench"})
}

func BenchmarkEventClustersText(b *testing.B) {
	benchClustersFiltered(b, picture.Query{Text: "fighting"})
}

func benchClustersFiltered(b *testing.B, filter picture.Query) {
	n := benchEvents()
	st := benchStore(b, n)
	days := min(1000, 1000*100_000/n)
	r := rand.New(rand.NewPCG(9, 10))
	box := &picture.BBox{West: 22, South: 44, East: 40, North: 52.5}
	lat := make([]time.Duration, 0, b.N)
	var inView int
	for b.Loop() {
		q := filter
		q.BBox = box
		if days < 1000 {
			q.From = benchStart.AddDate(0, 0, r.IntN(1000-days))
			q.To = q.From.AddDate(0, 0, days-1)
		}
		t0 := time.Now()
		cl, err := st.EventClusters(b.Context(), q, 360.0/64/4)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		for _, c := range cl {
			inView += c.Count
		}
	}
	b.ReportMetric(float64(inView)/float64(len(lat)), "events/op")
	reportLatency(b, lat)
}
