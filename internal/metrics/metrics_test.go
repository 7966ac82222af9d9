package metrics

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// own returns the lines of the exposition that belong to the families whose
// names start with prefix, leaving out the runtime gauges New adds.
func own(t *testing.T, r *Registry, prefix string) string {
	t.Helper()
	var b strings.Builder
	if _, err := r.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(b.String(), "\n") {
		name := l
		if strings.HasPrefix(l, "# ") {
			name = strings.Fields(l)[2]
		}
		if strings.HasPrefix(name, prefix) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n") + "\n"
}

func TestExposition(t *testing.T) {
	cases := []struct {
		name string
		fill func(r *Registry)
		want string
	}{
		{"counter", func(r *Registry) {
			c := r.Counter("t_docs_total", "Documents read.")
			c.Inc()
			c.Add(2)
		}, "# HELP t_docs_total Documents read.\n# TYPE t_docs_total counter\nt_docs_total 3\n"},
		{"counter with a label, values sorted", func(r *Registry) {
			v := r.CounterVec("t_processed_total", "Documents by outcome.", "result")
			v.With("stored").Add(5)
			v.With("duplicate").Inc()
		}, "# HELP t_processed_total Documents by outcome.\n# TYPE t_processed_total counter\n" +
			"t_processed_total{result=\"duplicate\"} 1\nt_processed_total{result=\"stored\"} 5\n"},
		{"label value escaped", func(r *Registry) {
			r.CounterVec("t_fail_total", "Failures.\nBy reason.", "reason").With("a \"b\"\n\\c").Inc()
		}, "# HELP t_fail_total Failures.\\nBy reason.\n# TYPE t_fail_total counter\nt_fail_total{reason=\"a \\\"b\\\"\\n\\\\c\"} 1\n"},
		{"gauge and gauge func", func(r *Registry) {
			g := r.Gauge("t_pending", "Pending.")
			g.Set(7)
			g.Add(-2.5)
			r.GaugeFunc("t_lag", "Lag.", func() float64 { return 42 })
		}, "# HELP t_lag Lag.\n# TYPE t_lag gauge\nt_lag 42\n# HELP t_pending Pending.\n# TYPE t_pending gauge\nt_pending 4.5\n"},
		{"histogram, cumulative buckets", func(r *Registry) {
			h := r.Histogram("t_seconds", "Latency.", []float64{0.1, 1, 10})
			for _, x := range []float64{0.05, 0.1, 0.5, 20} {
				h.Observe(x)
			}
		}, "# HELP t_seconds Latency.\n# TYPE t_seconds histogram\n" +
			"t_seconds_bucket{le=\"0.1\"} 2\nt_seconds_bucket{le=\"1\"} 3\nt_seconds_bucket{le=\"10\"} 3\nt_seconds_bucket{le=\"+Inf\"} 4\n" +
			"t_seconds_sum 20.65\nt_seconds_count 4\n"},
		{"histogram with a label", func(r *Registry) {
			r.HistogramVec("t_stage_seconds", "By stage.", "stage", []float64{1}).With("store").Observe(2)
		}, "# HELP t_stage_seconds By stage.\n# TYPE t_stage_seconds histogram\n" +
			"t_stage_seconds_bucket{stage=\"store\",le=\"1\"} 0\nt_stage_seconds_bucket{stage=\"store\",le=\"+Inf\"} 1\n" +
			"t_stage_seconds_sum{stage=\"store\"} 2\nt_stage_seconds_count{stage=\"store\"} 1\n"},
	}
	for _, c := range cases {
		r := New()
		c.fill(r)
		if got := own(t, r, "t_"); got != c.want {
			t.Errorf("%s:\n got:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

func TestSameNameSameMetric(t *testing.T) {
	r := New()
	r.Counter("t_total", "x").Inc()
	r.Counter("t_total", "x").Inc()
	if v := r.Counter("t_total", "x").Value(); v != 2 {
		t.Errorf("counter registered twice holds %g, want 2", v)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a counter's name as a gauge did not panic")
		}
	}()
	r.Gauge("t_total", "x")
}

func TestConcurrentUpdates(t *testing.T) {
	r := New()
	c := r.CounterVec("t_total", "x", "k")
	h := r.Histogram("t_seconds", "x", LatencyBuckets)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 1000 {
				c.With([]string{"a", "b"}[i%2]).Inc()
				h.Observe(0.5)
			}
		})
	}
	// Scrapes run alongside the updates.
	wg.Go(func() {
		for range 20 {
			r.WriteTo(new(strings.Builder))
		}
	})
	wg.Wait()
	if a, b := c.With("a").Value(), c.With("b").Value(); a != 4000 || b != 4000 {
		t.Errorf("counts %g and %g, want 4000 each", a, b)
	}
	if h.Count() != 8000 || h.Sum() != 4000 {
		t.Errorf("histogram count %d sum %g, want 8000 and 4000", h.Count(), h.Sum())
	}
}

func TestHandler(t *testing.T) {
	r := New()
	r.Counter("sitrep_test_total", "x").Inc()
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); ct != ContentType {
		t.Errorf("content type %q", ct)
	}
	body := rec.Body.String()
	for _, want := range []string{"sitrep_test_total 1\n", "# TYPE go_goroutines gauge\n", "process_uptime_seconds "} {
		if !strings.Contains(body, want) {
			t.Errorf("exposition lacks %q:\n%s", want, body)
		}
	}
}

func BenchmarkCounterInc(b *testing.B) {
	c := New().CounterVec("t_total", "x", "k").With("a")
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Inc()
		}
	})
}

func BenchmarkHistogramObserve(b *testing.B) {
	h := New().Histogram("t_seconds", "x", LatencyBuckets)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h.Observe(0.042)
		}
	})
}

func TestInstrument(t *testing.T) {
	r := New()
	h := Instrument(r, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/missing":
			http.NotFound(w, req)
		case "/panic-free-500":
			w.WriteHeader(500)
			w.WriteHeader(200) // ignored by net/http; the first code counts
		default:
			w.Write([]byte("ok"))
		}
	}))
	for _, p := range []string{"/", "/", "/missing", "/panic-free-500"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	got := own(t, r, "sitrep_http_requests_total")
	want := "# HELP sitrep_http_requests_total HTTP requests answered, by status code.\n# TYPE sitrep_http_requests_total counter\n" +
		"sitrep_http_requests_total{code=\"200\"} 2\nsitrep_http_requests_total{code=\"404\"} 1\nsitrep_http_requests_total{code=\"500\"} 1\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(own(t, r, "sitrep_http_request_seconds"), "sitrep_http_request_seconds_count 4\n") {
		t.Error("requests not timed")
	}
}
