package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The picture benchmarks query a store of synthetic events spread over Ukraine
// (lon 22–40, lat 44–52.5) and 1,000 days from 2022-02-24, in the 16 PLOVER types,
// 50 to a document. SITREP_BENCH_EVENTS sets how many (default 100,000; the issue's
// figure is for 1,000,000). The store is built once into the user's cache directory
// (it takes a while at a million) and reused by later runs.

var ploverTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

var benchStart = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

func benchEvents() int {
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_EVENTS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

var benchOnce sync.Map // path → error

// benchStore opens (building it the first time) the synthetic store of n events.
func benchStore(b *testing.B, n int) *sqlite.Store {
	b.Helper()
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, "sitrep-bench", fmt.Sprintf("picture-2-%d.db", n))
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		tmp := path + ".building"
		os.Remove(tmp)
		start := time.Now()
		if err := buildBenchStore(b.Context(), tmp, n); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s with %d events in %v", path, n, time.Since(start).Round(time.Second))
	}
	st, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func buildBenchStore(ctx context.Context, path string, n int) error {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(1, 2))
	const perDoc, perBatch = 50, 200
	var batch []*record.Record
	for doc := 0; doc*perDoc < n; doc++ {
		text := fmt.Sprintf("Synthetic report %d on the fighting in Ukraine.", doc)
		pub := benchStart.AddDate(0, 0, r.IntN(1000))
		rec := record.New(record.Source{Outlet: "bench", Published: pub.Format(time.DateOnly)}, text)
		for i := 0; i < perDoc && doc*perDoc+i < n; i++ {
			side := "UKR"
			if r.IntN(2) == 0 {
				side = "RUS"
			}
			rec.Events = append(rec.Events, record.Event{
				Type:     ploverTypes[r.IntN(len(ploverTypes))],
				Actor:    &record.Actor{Name: side + " forces", Country: side},
				Place:    &record.PlaceRef{Name: "p", Lat: 44 + 8.5*r.Float64(), Lon: 22 + 18*r.Float64()},
				Date:     benchStart.AddDate(0, 0, r.IntN(1000)).Format(time.DateOnly),
				Modality: "reported",
				Evidence: record.Span{Start: 0, End: 17},
			})
		}
		batch = append(batch, rec)
		if len(batch) == perBatch {
			if _, err := st.Put(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if _, err := st.Put(ctx, batch); err != nil {
			return err
		}
	}
	return nil
}

// benchQuery is the query: a one-degree box, a 30-day window, one type.
func benchQuery(r *rand.Rand) picture.Query {
	west, south := 22+17*r.Float64(), 44+7.5*r.Float64()
	from := benchStart.AddDate(0, 0, r.IntN(970))
	return picture.Query{
		BBox:  &picture.BBox{West: west, South: south, East: west + 1, North: south + 1},
		From:  from,
		To:    from.AddDate(0, 0, 29),
		Types: []string{ploverTypes[r.IntN(len(ploverTypes))]},
	}
}

func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

// BenchmarkEventsBBoxTimeType runs the query one at a time.
func BenchmarkEventsBBoxTimeType(b *testing.B) {
	st := benchStore(b, benchEvents())
	r := rand.New(rand.NewPCG(3, 4))
	lat := make([]time.Duration, 0, b.N)
	rows := 0
	for b.Loop() {
		q := benchQuery(r)
		t0 := time.Now()
		p, err := st.Events(b.Context(), q)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		rows += len(p.Items)
	}
	b.ReportMetric(float64(rows)/float64(len(lat)), "rows/op")
	reportLatency(b, lat)
}

// BenchmarkEventsAt200rps offers the query at 200 requests per second, each in its
// own goroutine as an HTTP server would, and reports the latency percentiles.
func BenchmarkEventsAt200rps(b *testing.B) {
	st := benchStore(b, benchEvents())
	r := rand.New(rand.NewPCG(5, 6))
	var (
		mu  sync.Mutex
		lat []time.Duration
		wg  sync.WaitGroup
	)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for b.Loop() {
		<-tick.C
		q := benchQuery(r)
		wg.Go(func() {
			t0 := time.Now()
			if _, err := st.Events(context.Background(), q); err != nil {
				b.Error(err)
			}
			d := time.Since(t0)
			mu.Lock()
			lat = append(lat, d)
			mu.Unlock()
		})
	}
	wg.Wait()
	reportLatency(b, lat)
}

// BenchmarkEventsPage lists the newest events without filters, the map's first view.
func BenchmarkEventsPage(b *testing.B) {
	st := benchStore(b, benchEvents())
	lat := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t0 := time.Now()
		if _, err := st.Events(b.Context(), picture.Query{}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
}
