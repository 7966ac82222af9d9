package worker

import (
	"context"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/metrics"
	"github.com/sitrep/sitrep/internal/queue"
)

// Metrics are the worker's counters, exported at /metrics. With them an operator
// sees the throughput (rate of sitrep_documents_processed_total), what fails and
// where, how far behind the queue is, and where a document's time goes.
type Metrics struct {
	Processed   *metrics.CounterVec // result: stored | duplicate
	Failed      *metrics.CounterVec // stage: decode | pipeline | store
	Retried     *metrics.Counter
	Dead        *metrics.Counter
	FetchErrors *metrics.Counter
	StoreErrors *metrics.Counter
	AckErrors   *metrics.Counter
	StoreDown   *metrics.Gauge
	// Stage times one step: fetch and store and ack per batch, pipeline per
	// document.
	Stage     *metrics.HistogramVec
	QueueWait *metrics.Histogram // published → first fetched
	Latency   *metrics.Histogram // published → committed: when it became queryable
	BatchSize *metrics.Histogram
}

// NewMetrics registers the worker's metrics in r; nil keeps them unexported.
func NewMetrics(r *metrics.Registry) *Metrics {
	if r == nil {
		r = metrics.New()
	}
	return &Metrics{
		Processed:   r.CounterVec("sitrep_documents_processed_total", "Documents read and committed to the store, by result.", "result"),
		Failed:      r.CounterVec("sitrep_documents_failed_total", "Document failures, by stage; each is retried or dead-lettered.", "stage"),
		Retried:     r.Counter("sitrep_documents_retried_total", "Documents returned to the queue for a later attempt."),
		Dead:        r.Counter("sitrep_documents_dead_total", "Documents moved to the dead letters."),
		FetchErrors: r.Counter("sitrep_queue_fetch_errors_total", "Fetches from the queue that failed."),
		StoreErrors: r.Counter("sitrep_store_unavailable_total", "Batch writes that failed because the store could not be reached."),
		AckErrors:   r.Counter("sitrep_queue_ack_errors_total", "Acknowledgements lost after a commit (the document returns as a duplicate)."),
		StoreDown:   r.Gauge("sitrep_store_down", "1 while the worker holds a batch waiting for the store."),
		Stage:       r.HistogramVec("sitrep_stage_seconds", "Time per step: fetch, store and ack per batch; pipeline per document.", "stage", metrics.LatencyBuckets),
		QueueWait:   r.Histogram("sitrep_queue_wait_seconds", "Time from publishing to first delivery to a worker.", metrics.LatencyBuckets),
		Latency:     r.Histogram("sitrep_document_latency_seconds", "Time from publishing to commit: when a document became queryable.", metrics.LatencyBuckets),
		BatchSize:   r.Histogram("sitrep_batch_documents", "Documents per fetched batch.", metrics.SizeBuckets),
	}
}

// QueueGauges exports the queue's backlog (the queue lag) as gauges read at each
// scrape, at most once a second.
func QueueGauges(r *metrics.Registry, q queue.Queue) {
	var (
		mu   sync.Mutex
		last time.Time
		st   queue.Stats
		up   float64
	)
	read := func(pick func(queue.Stats) int) func() float64 {
		return func() float64 {
			mu.Lock()
			defer mu.Unlock()
			if time.Since(last) > time.Second {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				s, err := q.Stats(ctx)
				cancel()
				last = time.Now()
				if err == nil {
					st, up = s, 1
				} else {
					up = 0
				}
			}
			if pick == nil {
				return up
			}
			return float64(pick(st))
		}
	}
	r.GaugeFunc("sitrep_queue_pending", "Documents in the queue waiting for a worker (the queue lag).", read(func(s queue.Stats) int { return s.Pending }))
	r.GaugeFunc("sitrep_queue_in_flight", "Documents delivered to workers and not yet settled.", read(func(s queue.Stats) int { return s.InFlight }))
	r.GaugeFunc("sitrep_queue_dead", "Documents in the dead letters.", read(func(s queue.Stats) int { return s.Dead }))
	r.GaugeFunc("sitrep_queue_up", "1 if the queue answered the last stats request.", read(nil))
}
