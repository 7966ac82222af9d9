package api

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// BenchmarkHTTPEventsAt200rps is the load test over HTTP: a Go load
// generator on the same machine offers 200 requests per second (one goroutine
// each, open loop: a slow answer does not slow the offer) of a one-degree box, a
// 30-day window and one PLOVER type, and reports latency percentiles. It runs over
// the store named by SITREP_BENCH_DB, e.g. the one the sqlite benchmarks build:
//
//	SITREP_BENCH_EVENTS=1000000 go test -run '^$' -bench Events ./internal/store/sqlite
//	SITREP_BENCH_DB=~/.cache/sitrep-bench/picture-2-1000000.db go test -run '^$' -bench HTTPEvents -benchtime 4000x ./internal/api
func BenchmarkHTTPEventsAt200rps(b *testing.B) {
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		b.Skip("SITREP_BENCH_DB names no store")
	}
	st, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(New(st, Config{Logger: discardLogger, Version: "bench"}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	types := []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
		"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(7, 8))
	var (
		mu  sync.Mutex
		lat []time.Duration
		wg  sync.WaitGroup
	)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for b.Loop() {
		<-tick.C
		west, south := 22+17*r.Float64(), 44+7.5*r.Float64()
		from := start.AddDate(0, 0, r.IntN(970))
		url := fmt.Sprintf("%s/api/events?bbox=%.4f,%.4f,%.4f,%.4f&from=%s&to=%s&type=%s", srv.URL,
			west, south, west+1, south+1, from.Format(time.DateOnly), from.AddDate(0, 0, 29).Format(time.DateOnly),
			types[r.IntN(len(types))])
		wg.Go(func() {
			t0 := time.Now()
			resp, err := client.Get(url)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			d := time.Since(t0)
			if resp.StatusCode != 200 {
				b.Errorf("%s: %d", url, resp.StatusCode)
			}
			mu.Lock()
			lat = append(lat, d)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(lat)
	if len(lat) > 0 {
		q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(q(0.50), "p50-ms")
		b.ReportMetric(q(0.99), "p99-ms")
		b.ReportMetric(q(1), "max-ms")
	}
}
