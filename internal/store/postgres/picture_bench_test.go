package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/postgres/pgtest"
)

// The picture benchmarks query synthetic events spread over Ukraine (lon 22–40,
// lat 44–52.5) and 1,000 days from 2022-02-24, in the 16 PLOVER types, 50 to a
// document, as the SQLite store's do. SITREP_BENCH_EVENTS sets how many (default
// 100,000). The data is built once into schema sitrep_bench_picture_N of the test
// database and kept for later runs (drop the schema to rebuild it).

var ploverTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

var benchStart = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

func benchStore(b *testing.B) *Store {
	b.Helper()
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	dsn := pgtest.WithSearchPath(b, pgtest.ServerDSN(b), fmt.Sprintf("sitrep_bench_picture_%d", n))
	st, err := Open(b.Context(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var have int
	if err := st.pool.QueryRow(b.Context(), "SELECT count(*) FROM events").Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have == n {
		return st
	}
	if have != 0 {
		b.Fatalf("schema of %s holds %d events, not %d: drop it", dsn, have, n)
	}
	start := time.Now()
	r := rand.New(rand.NewPCG(1, 2))
	const perDoc, perBatch = 50, 200
	var batch []*record.Record
	for doc := 0; doc*perDoc < n; doc++ {
		pub := benchStart.AddDate(0, 0, r.IntN(1000))
		rec := record.New(record.Source{Outlet: "bench", Published: pub.Format(time.DateOnly)},
			fmt.Sprintf("Synthetic report %d on the fighting in Ukraine.", doc))
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
		if len(batch) == perBatch || (doc+1)*perDoc >= n {
			if _, err := st.Put(b.Context(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if _, err := st.pool.Exec(b.Context(), "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d events in %v", n, time.Since(start).Round(time.Second))
	return st
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

// BenchmarkPostgresEventsAt200rps offers the query at 200 requests per second,
// each in its own goroutine as an API server would, and reports the latency
// percentiles.
func BenchmarkPostgresEventsAt200rps(b *testing.B) {
	st := benchStore(b)
	r := rand.New(rand.NewPCG(5, 6))
	var (
		mu   sync.Mutex
		lat  []time.Duration
		wg   sync.WaitGroup
		rows int
	)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for b.Loop() {
		<-tick.C
		q := benchQuery(r)
		wg.Go(func() {
			t0 := time.Now()
			p, err := st.Events(context.Background(), q)
			if err != nil {
				b.Error(err)
			}
			d := time.Since(t0)
			mu.Lock()
			lat = append(lat, d)
			rows += len(p.Items)
			mu.Unlock()
		})
	}
	wg.Wait()
	b.ReportMetric(float64(rows)/float64(max(len(lat), 1)), "rows/op")
	reportLatency(b, lat)
}
