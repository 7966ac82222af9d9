package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue/natsq/natstest"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/postgres/pgtest"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/testutil"
)

func TestStoreName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"sitrep.db", "sitrep.db"},
		{"postgres://sitrep:s3cret@db1:5432/sitrep?sslmode=require", "postgres://sitrep:xxxxx@db1:5432/sitrep?sslmode=require"},
		{"postgresql://db1/sitrep", "postgresql://db1/sitrep"},
	} {
		if got := storeName(c.in); got != c.want {
			t.Errorf("storeName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOpenStoreChoosesBackend(t *testing.T) {
	ctx := context.Background()
	lite, err := openStore(ctx, t.TempDir()+"/x.db")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if _, ok := lite.(*sqlite.Store); !ok {
		t.Errorf("a path opened %T, want SQLite", lite)
	}
	pg, err := openStore(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if _, ok := pg.(*postgres.Store); !ok {
		t.Errorf("a postgres:// URL opened %T, want PostgreSQL", pg)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// syncBuffer is a buffer that a running command writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a long-lived command until the returned function stops it (as
// SIGTERM would) and returns its exit code.
func start(t *testing.T, args ...string) (stop func() int, stderr *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
	code := make(chan int, 1)
	go func() { code <- run(ctx, args, strings.NewReader(""), io.Discard, stderr) }()
	var once sync.Once
	var c int
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case c = <-code:
			case <-time.After(60 * time.Second):
				t.Errorf("%s did not stop:\n%s", args[0], stderr.String())
			}
		})
		return c
	}
	t.Cleanup(func() { stop() })
	return stop, stderr
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// The deployment in miniature: `ingest --queue` publishes, `worker` reads and
// stores into PostgreSQL, `serve` answers from PostgreSQL; each reports ready and
// exports metrics, and the worker stops cleanly when told to.
func TestQueueToPostgresCommandsNATSPostgres(t *testing.T) {
	url := natstest.URL(t)
	cfg := natstest.Config(t, url) // for its stream names and their removal
	dsn := pgtest.Schema(t)
	batch := writeBatch(t, 120)
	t.Setenv("SITREP_QUEUE", url)
	t.Setenv("SITREP_QUEUE_STREAM", cfg.Stream)
	t.Setenv("SITREP_DB", dsn)
	t.Setenv("SITREP_LOG_FORMAT", "json")

	_, errs, code := runCmd(t, "", "ingest", "--jsonl", batch)
	if code != 0 || !strings.Contains(errs, "read 120, stored 120, duplicates 0, failed 0 into "+url) {
		t.Fatalf("ingest --queue: exit %d\n%s", code, errs)
	}
	if _, errs, code := runCmd(t, "", "ingest", foundingPath(t)); code != 0 {
		t.Fatalf("ingest --queue the founding article: exit %d\n%s", code, errs)
	}
	_, errs, _ = runCmd(t, "", "ingest", "--jsonl", batch)
	if !strings.Contains(errs, "read 120, stored 0, duplicates 120, failed 0") {
		t.Errorf("second ingest --queue of the same batch:\n%s", errs)
	}
	if _, errs, code := runCmd(t, "", "ingest", "--published", "2022-05-15", batch); code == 0 || !strings.Contains(errs, "sitrep worker") {
		t.Errorf("ingest --queue --published: exit %d, %s; want a refusal pointing at the worker", code, errs)
	}

	ops := freeAddr(t)
	stopWorker, werr := start(t, "worker", "--addr", ops, "--batch", "32")
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eventually(t, "121 documents in PostgreSQL", func() bool {
		n, err := st.Count(context.Background())
		return err == nil && n == 121
	})
	if code, body := get(t, "http://"+ops+"/readyz"); code != 200 || !strings.Contains(body, `"ready"`) {
		t.Errorf("worker /readyz: %d %s", code, body)
	}
	if code, _ := get(t, "http://"+ops+"/healthz"); code != 200 {
		t.Errorf("worker /healthz: %d", code)
	}
	eventually(t, "the metrics to show every document", func() bool {
		_, body := get(t, "http://"+ops+"/metrics")
		return strings.Contains(body, `sitrep_documents_processed_total{result="stored"} 121`) &&
			strings.Contains(body, "sitrep_queue_pending 0\n") && strings.Contains(body, "sitrep_queue_in_flight 0\n")
	})
	_, body := get(t, "http://"+ops+"/metrics")
	for _, want := range []string{"# TYPE sitrep_document_latency_seconds histogram", `sitrep_stage_seconds_count{stage="store"}`, "sitrep_queue_up 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("worker /metrics lacks %q", want)
		}
	}
	if code := stopWorker(); code != 0 {
		t.Errorf("worker exit %d on shutdown:\n%s", code, werr.String())
	}
	logs := werr.String()
	for _, want := range []string{`"msg":"worker started"`, `"msg":"worker stopped"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("worker log lacks %s:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, "s3cret") || strings.Contains(logs, `"level":"ERROR"`) {
		t.Errorf("worker log:\n%s", logs)
	}

	// An API server over the same database.
	api := freeAddr(t)
	stopServe, serr := start(t, "serve", "--addr", api)
	eventually(t, "the API server", func() bool { code, _ := get(t, "http://"+api+"/readyz"); return code == 200 })
	code, body = get(t, "http://"+api+"/api/documents?q=Synehubov")
	type summary struct {
		ID string `json:"id"`
	}
	var page struct {
		Documents []summary `json:"documents"`
	}
	founding := record.ContentHash(testutil.FoundingArticle(t))
	if err := json.Unmarshal([]byte(body), &page); code != 200 || err != nil ||
		!slices.ContainsFunc(page.Documents, func(d summary) bool { return d.ID == founding }) {
		t.Errorf("search for the founding article through the API: %d %s", code, body)
	}
	// The situation picture over PostgreSQL: the founding article's events near
	// Izium, as GeoJSON.
	code, body = get(t, "http://"+api+"/api/events?format=geojson&bbox=36.5,48.9,38,49.6")
	if code != 200 || !strings.Contains(body, `"FeatureCollection"`) || !strings.Contains(body, `"Point"`) {
		t.Errorf("events near Izium from PostgreSQL: %d %.300s", code, body)
	}
	if _, body := get(t, "http://"+api+"/metrics"); !strings.Contains(body, `sitrep_http_requests_total{code="200"}`) {
		t.Errorf("serve /metrics does not count requests:\n%s", body)
	}
	if code := stopServe(); code != 0 {
		t.Errorf("serve exit %d:\n%s", code, serr.String())
	}
	if !strings.Contains(serr.String(), "sitrep serving 121 documents from "+storeName(dsn)) {
		t.Errorf("serve banner:\n%s", serr.String())
	}
}

func TestWorkerNeedsQueue(t *testing.T) {
	t.Setenv("SITREP_QUEUE", "")
	_, errs, code := runCmd(t, "", "worker")
	if code == 0 || !strings.Contains(errs, "--queue") {
		t.Errorf("worker without a queue: exit %d, %q", code, errs)
	}
	_, errs, code = runCmd(t, "", "worker", "--queue", "nats://127.0.0.1:1", "--log-format", "xml")
	if code == 0 || !strings.Contains(errs, "log-format") {
		t.Errorf("worker with a bad log format: exit %d, %q", code, errs)
	}
}
