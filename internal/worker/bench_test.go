package worker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/memq"
	"github.com/sitrep/sitrep/internal/queue/natsq/natstest"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres/pgtest"
)

// benchRound is how many documents one benchmark iteration sends through.
const benchRound = 500

// throughput publishes rounds of benchRound new documents while the workers run,
// and waits after each for all of them to be stored. It reports documents per
// second end to end, and from the workers' metrics where the time went.
func throughput(b *testing.B, pub queue.Queue, st store.Store, m *Metrics) {
	article := reports(b, 1)[0].Text
	ctx := context.Background()
	total, round := 0, 0
	for b.Loop() {
		items := make([]input.Item, benchRound)
		for i := range items {
			items[i] = input.Item{Name: fmt.Sprintf("bench-%d-%d.txt", round, i), Text: fmt.Sprintf("%s\n\nbenchmark round %d copy %d\n", article, round, i)}
		}
		round++
		s, err := Enqueue(ctx, pub, slices.Values(items), EnqueueOptions{})
		if err != nil || s.Stored != benchRound {
			b.Fatalf("enqueue: %+v, %v", s, err)
		}
		total += benchRound
		for {
			n, err := st.Count(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if n == total {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(0, "ns/op") // per round of 500: meaningless next to docs/s
	mean := func(h interface {
		Sum() float64
		Count() uint64
	}) float64 {
		if h.Count() == 0 {
			return 0
		}
		return h.Sum() / float64(h.Count())
	}
	b.ReportMetric(mean(m.BatchSize), "docs/batch")
	b.ReportMetric(1e3*mean(m.Stage.With("fetch")), "fetch-ms/batch")
	b.ReportMetric(1e3*mean(m.Stage.With("pipeline")), "pipeline-ms/doc")
	b.ReportMetric(1e3*mean(m.Stage.With("store")), "store-ms/batch")
	b.ReportMetric(1e3*mean(m.Stage.With("ack")), "ack-ms/batch")
	b.ReportMetric(1e3*mean(m.QueueWait), "queue-wait-ms")
	b.ReportMetric(1e3*mean(m.Latency), "publish-to-commit-ms")
}

// Documents per second through NATS JetStream → workers → PostgreSQL, with one
// and two workers. Each worker has its own connection and pool, as a separate
// process would; on a machine with few cores they share the CPU with the
// servers.
func BenchmarkThroughputNATSPostgres(b *testing.B) {
	url := natstest.URL(b)
	pgtest.ServerDSN(b)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			cfg := natstest.Config(b, url)
			dsn := pgtest.Schema(b)
			pub := openNATS(b, cfg)
			st := openPostgres(b, dsn)
			m := NewMetrics(nil)
			runWorkers(b, workers, func(int) *Worker {
				return &Worker{Queue: openNATS(b, cfg), Store: openPostgres(b, dsn), Metrics: m,
					Options: Options{Batch: 64, FetchWait: time.Second}}
			})
			throughput(b, pub, st, m)
		})
	}
}

// The same with the in-process queue and a map for a store: the ceiling the
// pipeline alone sets.
func BenchmarkThroughputMem(b *testing.B) {
	q := memq.New(queue.Options{})
	defer q.Close()
	st := newMemStore()
	m := NewMetrics(nil)
	runWorkers(b, 1, func(int) *Worker {
		return &Worker{Queue: q, Store: st, Metrics: m, Options: Options{Batch: 64, FetchWait: time.Second}}
	})
	throughput(b, q, st, m)
}

// Latency from publishing one document to reading it back from the store, on a
// quiet system: one worker waiting on an empty queue. ns/op is the latency.
func BenchmarkLatencyNATSPostgres(b *testing.B) {
	url := natstest.URL(b)
	cfg := natstest.Config(b, url)
	dsn := pgtest.Schema(b)
	pub := openNATS(b, cfg)
	st := openPostgres(b, dsn)
	m := NewMetrics(nil)
	runWorkers(b, 1, func(int) *Worker {
		return &Worker{Queue: openNATS(b, cfg), Store: openPostgres(b, dsn), Metrics: m,
			Options: Options{Batch: 64, FetchWait: 5 * time.Second}}
	})
	article := reports(b, 1)[0].Text
	ctx := context.Background()
	i := 0
	for b.Loop() {
		msg, err := Message(input.Item{Name: "latency.txt", Text: fmt.Sprintf("%s\n\nlatency copy %d\n", article, i)})
		if err != nil {
			b.Fatal(err)
		}
		i++
		if _, err := pub.Publish(ctx, msg); err != nil {
			b.Fatal(err)
		}
		for {
			_, err := st.Get(ctx, msg.ID)
			if err == nil {
				break
			}
			if !errors.Is(err, store.ErrNotFound) {
				b.Fatal(err)
			}
			time.Sleep(200 * time.Microsecond)
		}
	}
	if m.Latency.Count() > 0 {
		b.ReportMetric(1e3*m.Latency.Sum()/float64(m.Latency.Count()), "publish-to-commit-ms")
	}
}
