package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture/picturetest"
	"github.com/sitrep/sitrep/internal/store/postgres/pgtest"
)

// The picture benchmarks query the synthetic events of picturetest, as the
// SQLite store's do. SITREP_BENCH_EVENTS sets how many (default
// 100,000). The data is built once into schema sitrep_bench_picture_N of the test
// database and kept for later runs (drop the schema to rebuild it).

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
	for batch := range picturetest.SyntheticBatches(n, 200) {
		if _, err := st.Put(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := st.pool.Exec(b.Context(), "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d events in %v", n, time.Since(start).Round(time.Second))
	return st
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
		q := picturetest.BenchQuery(r)
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
	picturetest.ReportLatency(b, lat)
}
