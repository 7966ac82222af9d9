// Package metrics counts what sitrep does and serves the counts at /metrics in the
// Prometheus text exposition format (version 0.0.4).
//
// It is a few hundred lines rather than the Prometheus client library because
// sitrep needs only counters, gauges and histograms with at most one label, and the
// library would bring a dozen modules (protobuf among them) into a binary that
// tries to stay small. Any Prometheus-compatible scraper reads the output.
package metrics

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Registry holds a process's metrics. The zero value is not usable; call New.
type Registry struct {
	mu       sync.Mutex
	families map[string]*family
}

// New returns a registry holding the Go runtime gauges every sitrep process
// reports (goroutines, heap in use).
func New() *Registry {
	r := &Registry{families: map[string]*family{}}
	r.GaugeFunc("go_goroutines", "Number of goroutines that currently exist.", func() float64 {
		return float64(runtime.NumGoroutine())
	})
	r.GaugeFunc("go_memstats_heap_inuse_bytes", "Bytes in in-use heap spans.", func() float64 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapInuse)
	})
	start := time.Now()
	r.GaugeFunc("process_uptime_seconds", "Seconds since the process started.", func() float64 {
		return time.Since(start).Seconds()
	})
	return r
}

type kind string

const (
	counterKind   kind = "counter"
	gaugeKind     kind = "gauge"
	histogramKind kind = "histogram"
)

// family is one metric name: its help, type, and a series per label value.
type family struct {
	name, help, label string
	kind              kind
	buckets           []float64

	mu     sync.Mutex
	series map[string]any // label value → *Counter, *Gauge, *Histogram or func() float64
}

func (r *Registry) family(name, help, label string, k kind, buckets []float64) *family {
	if !validName(name) || (label != "" && !validName(label)) {
		panic("metrics: invalid metric or label name: " + name + " " + label)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.families[name]; ok {
		if f.kind != k || f.label != label {
			panic("metrics: " + name + " registered twice with different types or labels")
		}
		return f
	}
	f := &family{name: name, help: help, label: label, kind: k, buckets: buckets, series: map[string]any{}}
	r.families[name] = f
	return f
}

func (f *family) get(value string, make func() any) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.series[value]
	if !ok {
		s = make()
		f.series[value] = s
	}
	return s
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r == ':' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// Counter is a value that only goes up.
type Counter struct{ v atomicFloat }

// Inc adds one.
func (c *Counter) Inc() { c.v.add(1) }

// Add adds d, which must not be negative.
func (c *Counter) Add(d float64) {
	if d < 0 {
		panic("metrics: counter decreased")
	}
	c.v.add(d)
}

// Value returns the count.
func (c *Counter) Value() float64 { return c.v.load() }

// Counter returns the counter called name, registering it on first use.
func (r *Registry) Counter(name, help string) *Counter {
	return r.family(name, help, "", counterKind, nil).get("", func() any { return &Counter{} }).(*Counter)
}

// CounterVec is a counter split by the value of one label.
type CounterVec struct{ f *family }

// CounterVec returns the counter family called name, split by label.
func (r *Registry) CounterVec(name, help, label string) *CounterVec {
	return &CounterVec{r.family(name, help, label, counterKind, nil)}
}

// With returns the counter for one label value.
func (v *CounterVec) With(value string) *Counter {
	return v.f.get(value, func() any { return &Counter{} }).(*Counter)
}

// Gauge is a value that goes up and down.
type Gauge struct{ v atomicFloat }

// Set sets the gauge.
func (g *Gauge) Set(x float64) { g.v.store(x) }

// Add adds d (which may be negative).
func (g *Gauge) Add(d float64) { g.v.add(d) }

// Value returns the gauge's value.
func (g *Gauge) Value() float64 { return g.v.load() }

// Gauge returns the gauge called name, registering it on first use.
func (r *Registry) Gauge(name, help string) *Gauge {
	return r.family(name, help, "", gaugeKind, nil).get("", func() any { return &Gauge{} }).(*Gauge)
}

// GaugeFunc registers a gauge whose value fn computes at each scrape.
func (r *Registry) GaugeFunc(name, help string, fn func() float64) {
	f := r.family(name, help, "", gaugeKind, nil)
	f.mu.Lock()
	f.series[""] = fn
	f.mu.Unlock()
}

// Histogram counts observations into buckets.
type Histogram struct {
	upper  []float64 // bucket upper bounds, ascending; +Inf implied
	counts []atomic.Uint64
	count  atomic.Uint64
	sum    atomicFloat
}

// Observe records one value.
func (h *Histogram) Observe(x float64) {
	i, _ := slices.BinarySearch(h.upper, x) // first bucket whose bound is >= x
	if i < len(h.upper) {
		h.counts[i].Add(1)
	}
	h.count.Add(1)
	h.sum.add(x)
}

// Since records the seconds elapsed since start.
func (h *Histogram) Since(start time.Time) { h.Observe(time.Since(start).Seconds()) }

// Count returns how many values were observed.
func (h *Histogram) Count() uint64 { return h.count.Load() }

// Sum returns the sum of the observed values.
func (h *Histogram) Sum() float64 { return h.sum.load() }

// LatencyBuckets spans a millisecond to two minutes: one document's reading at the
// low end, a document waiting in a backlog at the high end.
var LatencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120}

// SizeBuckets suit counts such as documents per batch.
var SizeBuckets = []float64{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}

// Histogram returns the histogram called name, registering it on first use.
// buckets are the upper bounds, ascending.
func (r *Registry) Histogram(name, help string, buckets []float64) *Histogram {
	if !slices.IsSorted(buckets) {
		panic("metrics: histogram buckets not ascending: " + name)
	}
	f := r.family(name, help, "", histogramKind, buckets)
	return f.get("", func() any { return newHistogram(f.buckets) }).(*Histogram)
}

// HistogramVec is a histogram split by the value of one label.
type HistogramVec struct{ f *family }

// HistogramVec returns the histogram family called name, split by label.
func (r *Registry) HistogramVec(name, help, label string, buckets []float64) *HistogramVec {
	if !slices.IsSorted(buckets) {
		panic("metrics: histogram buckets not ascending: " + name)
	}
	return &HistogramVec{r.family(name, help, label, histogramKind, buckets)}
}

// With returns the histogram for one label value.
func (v *HistogramVec) With(value string) *Histogram {
	return v.f.get(value, func() any { return newHistogram(v.f.buckets) }).(*Histogram)
}

func newHistogram(upper []float64) *Histogram {
	return &Histogram{upper: upper, counts: make([]atomic.Uint64, len(upper))}
}

// atomicFloat is a float64 updated without locks.
type atomicFloat struct{ bits atomic.Uint64 }

func (a *atomicFloat) load() float64   { return math.Float64frombits(a.bits.Load()) }
func (a *atomicFloat) store(x float64) { a.bits.Store(math.Float64bits(x)) }
func (a *atomicFloat) add(d float64) {
	for {
		old := a.bits.Load()
		if a.bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+d)) {
			return
		}
	}
}

// ContentType is the media type of the exposition format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// ServeHTTP writes every metric in the text exposition format.
func (r *Registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", ContentType)
	r.WriteTo(w)
}

// WriteTo writes every metric, families sorted by name and series by label value,
// so the output is stable.
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	r.mu.Lock()
	fams := make([]*family, 0, len(r.families))
	for _, f := range r.families {
		fams = append(fams, f)
	}
	r.mu.Unlock()
	slices.SortFunc(fams, func(a, b *family) int { return strings.Compare(a.name, b.name) })

	var b strings.Builder
	for _, f := range fams {
		f.mu.Lock()
		values := make([]string, 0, len(f.series))
		for v := range f.series {
			values = append(values, v)
		}
		slices.Sort(values)
		series := make([]any, len(values))
		for i, v := range values {
			series[i] = f.series[v]
		}
		f.mu.Unlock()
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", f.name, escapeHelp(f.help), f.name, f.kind)
		for i, s := range series {
			lbl := ""
			if f.label != "" {
				lbl = f.label + `="` + escapeLabel(values[i]) + `"`
			}
			switch s := s.(type) {
			case *Counter:
				writeSample(&b, f.name, lbl, "", s.Value())
			case *Gauge:
				writeSample(&b, f.name, lbl, "", s.Value())
			case func() float64:
				writeSample(&b, f.name, lbl, "", s())
			case *Histogram:
				var cum uint64
				for k, upper := range s.upper {
					cum += s.counts[k].Load()
					writeSample(&b, f.name+"_bucket", lbl, `le="`+formatFloat(upper)+`"`, float64(cum))
				}
				// Read the total after the buckets so that +Inf is never below them.
				n := s.count.Load()
				writeSample(&b, f.name+"_bucket", lbl, `le="+Inf"`, float64(max(n, cum)))
				writeSample(&b, f.name+"_sum", lbl, "", s.Sum())
				writeSample(&b, f.name+"_count", lbl, "", float64(max(n, cum)))
			}
		}
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

func writeSample(b *strings.Builder, name, label, extra string, v float64) {
	b.WriteString(name)
	if label != "" || extra != "" {
		b.WriteByte('{')
		b.WriteString(label)
		if label != "" && extra != "" {
			b.WriteByte(',')
		}
		b.WriteString(extra)
		b.WriteByte('}')
	}
	b.WriteByte(' ')
	b.WriteString(formatFloat(v))
	b.WriteByte('\n')
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`).Replace(s)
}
