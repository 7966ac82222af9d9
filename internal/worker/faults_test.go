package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/natsq"
	"github.com/sitrep/sitrep/internal/queue/natsq/natstest"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/postgres/pgtest"
)

// These tests run the worker on the real engines, NATS JetStream and PostgreSQL,
// and break them under it.

const childEnv = "SITREP_TEST_WORKER_CHILD"

// childConfig tells a worker process started by a test what to connect to and
// where to stop dead.
type childConfig struct {
	NATS  natsq.Config
	DSN   string
	Batch int
	// Hook is where the child prints "READY" and then hangs, waiting to be
	// killed: "before-commit" (records read, nothing written) or "after-commit"
	// (records written, nothing acknowledged).
	Hook string
}

// runChild is the worker process: it runs until it is killed.
func runChild() int {
	var cfg childConfig
	if err := json.Unmarshal([]byte(os.Getenv(childEnv)), &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "child config:", err)
		return 2
	}
	ctx := context.Background()
	q, err := natsq.Open(ctx, cfg.NATS)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	st, err := postgres.Open(ctx, cfg.DSN)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	hang := func() {
		fmt.Println("READY")
		select {} // until SIGKILL
	}
	w := &Worker{Queue: q, Store: st, Options: Options{Batch: cfg.Batch, FetchWait: time.Second},
		Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	switch cfg.Hook {
	case "before-commit":
		w.beforeCommit = hang
	case "after-commit":
		w.afterCommit = hang
	}
	if err := w.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// startChild runs this test binary as a worker process and waits until it hangs
// at its hook holding a batch.
func startChild(t *testing.T, cfg childConfig) *exec.Cmd {
	t.Helper()
	env, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(env))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "READY" {
				ready <- true
				io.Copy(io.Discard, out)
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("worker process exited before its hook:\n%s", stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("worker process did not reach its hook:\n%s", stderr.String())
	}
	return cmd
}

func openNATS(t testing.TB, cfg natsq.Config) *natsq.Queue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q, err := natsq.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func openPostgres(t testing.TB, dsn string) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func count(t testing.TB, st store.Store) int {
	t.Helper()
	n, err := st.Count(context.Background())
	if err != nil {
		return -1 // the store may be down for a moment; the caller polls
	}
	return n
}

// allStored fails unless every id is in st, and st holds nothing else.
func allStored(t testing.TB, st store.Store, ids []string) {
	t.Helper()
	for _, id := range ids {
		if _, err := st.Get(context.Background(), id); err != nil {
			t.Errorf("document %s: %v", id, err)
		}
	}
	if n := count(t, st); n != len(ids) {
		t.Errorf("store holds %d documents, want %d: something was lost or stored twice", n, len(ids))
	}
}

// patientStore is a store for checkedQueue that may be down for a moment: a
// read that fails for another reason than "not found" is tried again.
type patientStore struct{ store.Store }

func (s patientStore) Get(ctx context.Context, id string) (*record.Record, error) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		r, err := s.Store.Get(ctx, id)
		if err == nil || errors.Is(err, store.ErrNotFound) || time.Now().After(deadline) {
			return r, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// firstTry counts acks of first deliveries.
type firstTry struct {
	queue.Queue
	mu    sync.Mutex
	first int
}

func (q *firstTry) Fetch(ctx context.Context, n int, wait time.Duration) ([]queue.Delivery, error) {
	ds, err := q.Queue.Fetch(ctx, n, wait)
	q.mu.Lock()
	for _, d := range ds {
		if d.Attempt() == 1 {
			q.first++
		}
	}
	q.mu.Unlock()
	return ds, err
}

// A worker process is killed holding a batch: before writing it, and after
// writing it but before acknowledging. Another worker receives every message
// again; nothing is lost and nothing is stored twice.
func TestWorkerKilledNATSPostgres(t *testing.T) {
	url := natstest.URL(t)
	pgtest.ServerDSN(t)
	for _, c := range []struct {
		hook        string
		storedByDie int // what the killed worker had committed
	}{
		{"before-commit", 0},
		{"after-commit", 40},
	} {
		t.Run(c.hook, func(t *testing.T) {
			cfg := natstest.Config(t, url)
			cfg.AckWait = 2 * time.Second
			dsn := pgtest.Schema(t)
			q := openNATS(t, cfg)
			st := openPostgres(t, dsn)
			items := reports(t, 40)
			ids := publishItems(t, q, items...)

			child := startChild(t, childConfig{NATS: cfg, DSN: dsn, Batch: 64, Hook: c.hook})
			if err := child.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			child.Wait()
			if n := count(t, st); n != c.storedByDie {
				t.Fatalf("killed worker left %d documents stored, want %d", n, c.storedByDie)
			}
			s, err := q.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if s.Pending+s.InFlight != len(items) {
				t.Fatalf("queue after the kill: %+v, want all %d messages still there", s, len(items))
			}

			ft := &firstTry{Queue: q}
			cq := &checkedQueue{Queue: ft, t: t, st: st}
			m := NewMetrics(nil)
			stop := runWorkers(t, 1, func(int) *Worker {
				return &Worker{Queue: cq, Store: st, Options: Options{Batch: 16, FetchWait: 500 * time.Millisecond}, Metrics: m}
			})
			waitFor(t, "every document stored and acknowledged", func() bool {
				return count(t, st) == len(items) && queueEmpty(t, q)()
			})
			stop()
			allStored(t, st, ids)
			if ft.first != 0 {
				t.Errorf("%d first deliveries reached the second worker; every message should have been redelivered", ft.first)
			}
			wantDup := float64(c.storedByDie)
			if got := m.Processed.With("duplicate").Value(); got != wantDup {
				t.Errorf("second worker found %g duplicates, want %g", got, wantDup)
			}
			if got := m.Processed.With("stored").Value(); got != float64(len(items))-wantDup {
				t.Errorf("second worker stored %g, want %g", got, float64(len(items))-wantDup)
			}
		})
	}
}

// PostgreSQL is restarted while two workers run and documents arrive. The
// workers wait and retry; no message is acknowledged before its document is
// committed (checkedQueue reads it back at every ack), and every document ends up
// stored once.
func TestWorkerPostgresRestart(t *testing.T) {
	url := natstest.URL(t)
	cl := pgtest.NewCluster(t)
	cfg := natstest.Config(t, url)
	cfg.AckWait = 5 * time.Second
	q := openNATS(t, cfg)
	st := openPostgres(t, cl.DSN)
	check := openPostgres(t, cl.DSN)
	items := reports(t, 300)

	m := NewMetrics(nil)
	stop := runWorkers(t, 2, func(i int) *Worker {
		wq := openNATS(t, cfg)
		return &Worker{Queue: &checkedQueue{Queue: wq, t: t, st: patientStore{check}}, Store: st,
			Options: Options{Batch: 16, FetchWait: 500 * time.Millisecond, ExtendEvery: time.Second}, Metrics: m}
	})

	// A first part goes through; the rest arrives while the database is down,
	// so the workers must meet the outage with batches in hand.
	ids := publishItems(t, q, items[:100]...)
	waitFor(t, "the first hundred documents", func() bool { return count(t, check) == 100 })
	cl.Stop(t, "fast")
	ids = append(ids, publishItems(t, q, items[100:]...)...)
	waitFor(t, "the workers to meet the stopped database", func() bool { return m.StoreErrors.Value() >= 2 })
	time.Sleep(time.Second)
	cl.Start(t)
	waitFor(t, "every document stored and acknowledged", func() bool {
		return count(t, check) == len(items) && queueEmpty(t, q)()
	})
	stop()
	allStored(t, check, ids)
	if s, _ := q.Stats(context.Background()); s.Dead != 0 {
		t.Errorf("the restart dead-lettered documents: %+v", s)
	}
	t.Logf("store unavailable %g times; %g stored, %g duplicates", m.StoreErrors.Value(),
		m.Processed.With("stored").Value(), m.Processed.With("duplicate").Value())
}

// The NATS server is killed and started again while a publisher publishes and
// two workers work. Both reconnect; every document the server accepted is stored,
// once.
func TestWorkerNATSRestart(t *testing.T) {
	pgtest.ServerDSN(t)
	srv := natstest.StartServer(t)
	cfg := natstest.Config(t, srv.URL)
	cfg.AckWait = 5 * time.Second
	st := openPostgres(t, pgtest.Schema(t))
	pub := openNATS(t, cfg)
	items := reports(t, 300)

	m := NewMetrics(nil)
	conns := []*natsq.Queue{pub, openNATS(t, cfg), openNATS(t, cfg)}
	stop := runWorkers(t, 2, func(i int) *Worker {
		return &Worker{Queue: conns[1+i], Store: st,
			Options: Options{Batch: 16, FetchWait: 500 * time.Millisecond, ExtendEvery: time.Second}, Metrics: m}
	})

	var (
		mu       sync.Mutex
		accepted []string
		failed   []error
	)
	published := make(chan struct{})
	go func() {
		defer close(published)
		for _, it := range items {
			msg, err := Message(it)
			if err != nil {
				t.Errorf("encode %s: %v", it.Name, err)
				continue
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			_, err = pub.Publish(ctx, msg)
			cancel()
			mu.Lock()
			if err != nil {
				failed = append(failed, err)
			} else {
				accepted = append(accepted, msg.ID)
			}
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	waitFor(t, "a hundred accepted documents", func() bool { mu.Lock(); defer mu.Unlock(); return len(accepted) >= 100 })
	srv.Kill(t)
	time.Sleep(time.Second)
	srv.Start(t)
	<-published
	for _, err := range failed {
		t.Errorf("publish: %v", err)
	}
	waitFor(t, "every accepted document stored and acknowledged", func() bool {
		return count(t, st) == len(accepted) && queueEmpty(t, pub)()
	})
	stop()
	allStored(t, st, accepted)
	for i, c := range conns {
		if c.Conn().Stats().Reconnects == 0 {
			t.Errorf("connection %d (0 is the publisher's, 1 and 2 the workers') never reconnected; the test proved nothing", i)
		}
	}
	t.Logf("accepted %d; fetch errors %g, ack errors %g; %g stored, %g duplicates", len(accepted),
		m.FetchErrors.Value(), m.AckErrors.Value(), m.Processed.With("stored").Value(), m.Processed.With("duplicate").Value())
}

// A poison document goes to the dead-letter stream with its error after the
// last attempt, and the documents behind it are stored meanwhile.
func TestWorkerPoisonNATSPostgres(t *testing.T) {
	url := natstest.URL(t)
	cfg := natstest.Config(t, url)
	q := openNATS(t, cfg)
	st := openPostgres(t, pgtest.Schema(t))
	items := reports(t, 20)
	publishItems(t, q, poison)
	ids := publishItems(t, q, items...)

	opt := Options{Batch: 8, FetchWait: 500 * time.Millisecond, MaxAttempts: 3, RetryDelay: 100 * time.Millisecond}
	stop := runWorkers(t, 1, func(int) *Worker { return &Worker{Queue: q, Store: st, Options: opt} })
	waitFor(t, "the good documents stored", func() bool { return count(t, st) == len(items) })
	waitFor(t, "the poison dead-lettered", func() bool {
		s, err := q.Stats(context.Background())
		return err == nil && s.Dead == 1 && s.Pending == 0 && s.InFlight == 0
	})
	stop()
	allStored(t, st, ids)
	dead, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 {
		t.Fatalf("%d dead letters, want 1", len(dead))
	}
	d := dead[0]
	if d.ID != record.ContentHash(poison.HTML) || d.Attempts != 3 {
		t.Errorf("dead letter %s after %d attempts, want %s after 3", d.ID, d.Attempts, record.ContentHash(poison.HTML))
	}
	if !strings.Contains(d.Reason, "pipeline: poison.html: no readable text") {
		t.Errorf("dead letter reason %q", d.Reason)
	}
	if it, err := decode(d.Body); err != nil || it.HTML != poison.HTML {
		t.Errorf("dead letter body does not hold the document: %v", err)
	}
}

// A publisher facing a NATS server that stays down gives up on each document
// after the publish timeout and says so, rather than hanging.
func TestEnqueueNATSDown(t *testing.T) {
	srv := natstest.StartServer(t)
	q := openNATS(t, natstest.Config(t, srv.URL))
	srv.Stop(t)
	items := reports(t, 3)
	s, err := Enqueue(context.Background(), q, slices.Values(items), EnqueueOptions{PublishTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 3 || s.Stored != 0 {
		t.Fatalf("stats %+v, want 3 failures", s)
	}
	if f := s.Failures[0].Error; !strings.Contains(f, "publish") || !strings.Contains(f, "deadline") {
		t.Errorf("failure %q does not say the publish timed out", f)
	}
}
