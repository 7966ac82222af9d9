package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/metrics"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/natsq"
	"github.com/sitrep/sitrep/internal/worker"
)

func init() {
	register("worker", "take documents from a NATS JetStream queue, read them and store the records", runWorker)
}

// queueFlags name the work queue; `ingest --queue` and `worker` must agree.
type queueFlags struct {
	url, stream string
	replicas    int
}

func (f *queueFlags) register(fs *flag.FlagSet, what string) {
	fs.StringVar(&f.url, "queue", os.Getenv("SITREP_QUEUE"), what+" (nats://HOST:4222, or several comma-separated; env SITREP_QUEUE)")
	fs.StringVar(&f.stream, "queue-stream", envOr("SITREP_QUEUE_STREAM", "SITREP"), "JetStream stream holding the work; dead letters go to STREAM_DEAD (env SITREP_QUEUE_STREAM)")
	fs.IntVar(&f.replicas, "queue-replicas", envInt("SITREP_QUEUE_REPLICAS", 1), "copies of each stream in a NATS cluster, when this process creates them (env SITREP_QUEUE_REPLICAS)")
}

func (f *queueFlags) config(log *slog.Logger, opt queue.Options) natsq.Config {
	subject := "" // natsq's default, for the default stream
	if f.stream != "SITREP" {
		subject = "sitrep." + strings.ToLower(f.stream) + ".documents"
	}
	return natsq.Config{
		URL:      f.url,
		Stream:   f.stream,
		Subject:  subject,
		Replicas: f.replicas,
		Name:     "sitrep " + Version,
		Logger:   log,
		Options:  opt,
	}
}

// newLogger returns a structured logger on w: text for people, json for log
// collectors.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opt := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opt)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opt)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

func envDuration(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return d
	}
	return def
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return def
}

func runWorker(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep worker [flags]\n\nTakes documents that 'sitrep ingest --queue' published, reads them through the pipeline\nand writes the records to the store, acknowledging each only after its commit. Run as\nmany as the work needs, on as many machines. Stops gracefully on SIGTERM or Ctrl-C,\nfinishing the batch in hand. Serves /healthz, /readyz and /metrics on --addr.\n\nFlags (each also from the environment variable named):")
		fs.PrintDefaults()
	}
	var qf queueFlags
	qf.register(fs, "queue to take documents from")
	db := fs.String("db", defaultDB(), "store: a PostgreSQL URL (postgres://...) or an SQLite file (env SITREP_DB)")
	addr := fs.String("addr", envOr("SITREP_WORKER_ADDR", "127.0.0.1:9464"), "address for /healthz, /readyz and /metrics; 'off' for none (env SITREP_WORKER_ADDR)")
	batch := fs.Int("batch", envInt("SITREP_BATCH", 64), "documents fetched and stored together (env SITREP_BATCH)")
	parallel := fs.Int("parallel", envInt("SITREP_PARALLEL", 0), "documents read at once (0: one per core; env SITREP_PARALLEL)")
	attempts := fs.Int("max-attempts", envInt("SITREP_MAX_ATTEMPTS", 5), "tries before a document goes to the dead letters (env SITREP_MAX_ATTEMPTS)")
	retry := fs.Duration("retry-delay", envDuration("SITREP_RETRY_DELAY", 2*time.Second), "delay before the first retry, doubled for each further one (env SITREP_RETRY_DELAY)")
	ackWait := fs.Duration("ack-wait", envDuration("SITREP_ACK_WAIT", queue.DefaultAckWait), "time before a dead worker's documents go to another (env SITREP_ACK_WAIT)")
	drain := fs.Duration("drain-timeout", envDuration("SITREP_DRAIN_TIMEOUT", 30*time.Second), "on shutdown, time to finish the batch in hand before handing it back (env SITREP_DRAIN_TIMEOUT)")
	published := fs.String("published", "", "anchor date YYYY-MM-DD for documents that carry none")
	logFormat := fs.String("log-format", envOr("SITREP_LOG_FORMAT", "text"), "log format: text or json (env SITREP_LOG_FORMAT)")
	logLevel := fs.String("log-level", envOr("SITREP_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env SITREP_LOG_LEVEL)")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitError{2}
	}
	if qf.url == "" {
		return errors.New("no queue: give --queue nats://HOST:4222 (or set SITREP_QUEUE)")
	}
	log, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	p := &pipeline.Pipeline{Workers: *parallel}
	if *published != "" {
		t, err := time.Parse(time.DateOnly, *published)
		if err != nil {
			return fmt.Errorf("--published %q: want YYYY-MM-DD", *published)
		}
		p.Article.Published = t
	}

	q, err := natsq.Open(ctx, qf.config(log, queue.Options{AckWait: *ackWait}))
	if err != nil {
		return err
	}
	defer q.Close()
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()

	reg := metrics.New()
	m := worker.NewMetrics(reg)
	worker.QueueGauges(reg, q)
	reg.GaugeFunc("sitrep_queue_reconnects", "Times the queue connection was re-established.", func() float64 {
		return float64(q.Conn().Stats().Reconnects)
	})
	ready := func(ctx context.Context) error {
		if s := q.Conn().Status(); s != nats.CONNECTED {
			return fmt.Errorf("queue: %s", s)
		}
		return pingStore(ctx, st)
	}
	stopOps, err := serveOps(ctx, *addr, reg, ready, log)
	if err != nil {
		return err
	}
	defer stopOps()

	w := &worker.Worker{
		Queue: q, Store: st, Pipeline: p, Log: log, Metrics: m,
		Options: worker.Options{
			Batch: *batch, MaxAttempts: *attempts, RetryDelay: *retry,
			ExtendEvery: max(*ackWait/3, time.Second), DrainTimeout: *drain,
		},
	}
	log.Info("worker started", "queue", qf.url, "stream", qf.stream, "store", storeName(*db), "batch", *batch, "ops", *addr)
	err = w.Run(ctx)
	log.Info("worker stopped", "stored", m.Processed.With("stored").Value(), "duplicates", m.Processed.With("duplicate").Value(),
		"dead", m.Dead.Value(), "retried", m.Retried.Value())
	return err
}

// serveOps serves /healthz (the process runs), /readyz (ready checks its
// dependencies) and /metrics on addr until ctx ends; "off" serves nothing.
func serveOps(ctx context.Context, addr string, reg *metrics.Registry, ready func(context.Context) error, log *slog.Logger) (stop func(), err error) {
	if addr == "off" || addr == "" {
		return func() {}, nil
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusOK, "ok", "")
	})
	mux.Handle("GET /readyz", readyHandler(ctx, ready))
	mux.Handle("GET /metrics", reg)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--addr: %w", err)
	}
	hs := &http.Server{Handler: metrics.Instrument(reg, mux), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("ops server", "err", err)
		}
	}()
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}, nil
}

// readyHandler answers 200 while ready reports no error and the process is not
// stopping, else 503 with the reason, so a load balancer or orchestrator sends
// work elsewhere.
func readyHandler(ctx context.Context, ready func(context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ctx.Err() != nil {
			writeStatus(w, http.StatusServiceUnavailable, "stopping", "")
			return
		}
		cctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ready(cctx); err != nil {
			writeStatus(w, http.StatusServiceUnavailable, "unavailable", err.Error())
			return
		}
		writeStatus(w, http.StatusOK, "ready", "")
	})
}

func writeStatus(w http.ResponseWriter, code int, status, reason string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(struct {
		Status string `json:"status"`
		Error  string `json:"error,omitempty"`
	}{status, reason})
}

// ingestToQueue is `sitrep ingest --queue`: it reads the inputs and publishes
// each document for the workers instead of storing it.
func ingestToQueue(ctx context.Context, qf queueFlags, opt input.Options, inputs []string, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	octx, cancel := context.WithTimeout(ctx, time.Minute)
	q, err := natsq.Open(octx, qf.config(log, queue.Options{}))
	cancel()
	if err != nil {
		return err
	}
	defer q.Close()
	bar := newProgress(stderr)
	stats, err := worker.Enqueue(ctx, q, input.Read(ctx, inputs, opt), worker.EnqueueOptions{Progress: bar.update})
	bar.done()
	printSummary(stderr, qf.url+" ("+qf.stream+")", stats)
	if err != nil {
		return err
	}
	if stats.Failed > 0 {
		return exitError{1}
	}
	return nil
}
