package api

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// BenchmarkHTTPClusters is the map's request over HTTP, one at a time: the whole
// of Ukraine at zoom 6 and 8, over a window of days holding about 100,000 events
// (all 1,000 days on a store of 100,000; 100 days on a store of a million), as
// JSON. It runs over the store named by SITREP_BENCH_DB, with SITREP_BENCH_EVENTS
// saying how many events it holds:
//
//	SITREP_BENCH_EVENTS=1000000 go test -run '^$' -bench EventClusters ./internal/store/sqlite
//	SITREP_BENCH_EVENTS=1000000 SITREP_BENCH_DB=~/.cache/sitrep-bench/picture-2-1000000.db go test -run '^$' -bench HTTPClusters -benchtime 200x ./internal/api
func BenchmarkHTTPClusters(b *testing.B) {
	path := os.Getenv("SITREP_BENCH_DB")
	if path == "" {
		b.Skip("SITREP_BENCH_DB names no store")
	}
	n := 100_000
	fmt.Sscan(os.Getenv("SITREP_BENCH_EVENTS"), &n)
	st, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(New(st, Config{Logger: discardLogger, Version: "bench"}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	// get answers the clusters and how long the request took to its last byte
	// (decoding, the client's work, is not counted).
	get := func(url string) (clustersJSON, int, time.Duration) {
		t0 := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		took := time.Since(t0)
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d %s", url, resp.StatusCode, body)
		}
		var out clustersJSON
		if err := json.Unmarshal(body, &out); err != nil {
			b.Fatal(err)
		}
		return out, len(body), took
	}
	get(srv.URL + "/api/events/clusters?zoom=0") // loads the store's map index
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	days := min(1000, 1000*100_000/n)
	for _, zoom := range []int{6, 8} {
		b.Run(fmt.Sprintf("zoom%d", zoom), func(b *testing.B) {
			r := rand.New(rand.NewPCG(11, 12))
			var lat []time.Duration
			var events, cells, bytes int
			for b.Loop() {
				url := fmt.Sprintf("%s/api/events/clusters?zoom=%d&bbox=22,44,40,52.5", srv.URL, zoom)
				if days < 1000 {
					from := start.AddDate(0, 0, r.IntN(1000-days))
					url += "&from=" + from.Format(time.DateOnly) + "&to=" + from.AddDate(0, 0, days-1).Format(time.DateOnly)
				}
				out, size, took := get(url)
				lat = append(lat, took)
				events += out.Events
				cells += len(out.Cells)
				bytes += size
			}
			slices.Sort(lat)
			q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(float64(events)/float64(len(lat)), "events/op")
			b.ReportMetric(float64(cells)/float64(len(lat)), "cells/op")
			b.ReportMetric(float64(bytes)/float64(len(lat)), "bytes/op")
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
		})
	}
}
