package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/metrics"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/memq"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/testutil"
)

func TestMain(m *testing.M) {
	// The crash tests run this binary again as a worker process they can kill.
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// reports returns n distinct documents: the founding article, each copy ending
// with a numbered line, as a crawl might store one article under n URLs with
// different footers.
func reports(t testing.TB, n int) []input.Item {
	t.Helper()
	article := testutil.FoundingArticle(t)
	items := make([]input.Item, n)
	for i := range items {
		items[i] = input.Item{
			Name:   fmt.Sprintf("report-%d.txt", i),
			Text:   fmt.Sprintf("%s\n\nsitrep test copy %d\n", article, i),
			Outlet: "SOFREP",
		}
	}
	return items
}

// poison is a page the pipeline refuses every time: a title and navigation, no
// readable text.
var poison = input.Item{
	Name: "poison.html",
	URL:  "https://example.org/izyum",
	HTML: `<html><head><title>Izyum</title></head><body><nav><a href="/">Home</a></nav><script>var x=1;</script></body></html>`,
}

func publishItems(t testing.TB, q queue.Queue, items ...input.Item) []string {
	t.Helper()
	ids := make([]string, len(items))
	for i, it := range items {
		m, err := Message(it)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := q.Publish(context.Background(), m); err != nil {
			t.Fatalf("publish %s: %v", it.Name, err)
		}
		ids[i] = m.ID
	}
	return ids
}

// memStore is a store in a map, which a test can take down and bring back.
type memStore struct {
	mu    sync.Mutex
	docs  map[string]*record.Record
	order []string
	down  atomic.Bool
	puts  atomic.Int64
	// refuse names a caller id whose record Put refuses while the store is up.
	refuse string
}

var errDown = errors.New("store down")

func newMemStore() *memStore { return &memStore{docs: map[string]*record.Record{}} }

func (s *memStore) Put(ctx context.Context, recs []*record.Record) ([]store.PutResult, error) {
	s.puts.Add(1)
	if s.down.Load() {
		return nil, errDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range recs {
		if s.refuse != "" && r.Source.Title == s.refuse {
			return nil, fmt.Errorf("refused %s", r.Source.Title)
		}
	}
	res := make([]store.PutResult, len(recs))
	for i, r := range recs {
		id := record.ContentHash(r.Text)
		res[i].ID = id
		if _, ok := s.docs[id]; ok {
			res[i].Duplicate = true
			continue
		}
		s.docs[id] = r
		s.order = append(s.order, id)
	}
	return res, nil
}

func (s *memStore) Get(ctx context.Context, id string) (*record.Record, error) {
	if s.down.Load() {
		return nil, errDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.docs[id]; ok {
		return r, nil
	}
	return nil, store.ErrNotFound
}

func (s *memStore) List(ctx context.Context, q store.Query) (store.Page, error) {
	return store.Page{}, errors.New("not needed")
}

func (s *memStore) Count(ctx context.Context) (int, error) {
	if s.down.Load() {
		return 0, errDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.docs), nil
}

func (s *memStore) Close() error { return nil }

func (s *memStore) Ping(ctx context.Context) error {
	if s.down.Load() {
		return errDown
	}
	return nil
}

// checkedQueue wraps a queue so that every Ack first checks that the message's
// document is already in the store: an ack before the commit fails the test.
type checkedQueue struct {
	queue.Queue
	t      testing.TB
	st     store.Store
	acks   atomic.Int64
	bad    atomic.Int64
	hashOf func(queue.Message) string
}

func (q *checkedQueue) Fetch(ctx context.Context, n int, wait time.Duration) ([]queue.Delivery, error) {
	ds, err := q.Queue.Fetch(ctx, n, wait)
	for i, d := range ds {
		ds[i] = &checkedDelivery{Delivery: d, q: q}
	}
	return ds, err
}

type checkedDelivery struct {
	queue.Delivery
	q *checkedQueue
}

func (d *checkedDelivery) Ack(ctx context.Context) error {
	id := d.Message().ID
	if _, err := d.q.st.Get(context.Background(), id); err != nil {
		d.q.bad.Add(1)
		d.q.t.Errorf("ack of %s before its document is readable from the store: %v", id, err)
	}
	d.q.acks.Add(1)
	return d.Delivery.Ack(ctx)
}

// runWorkers runs n workers on q and st until stop is called.
func runWorkers(t testing.TB, n int, mk func(i int) *Worker) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i := range n {
		w := mk(i)
		wg.Go(func() {
			if err := w.Run(ctx); err != nil {
				t.Errorf("worker %d: %v", i, err)
			}
		})
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			wg.Wait()
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func queueEmpty(t testing.TB, q queue.Queue) func() bool {
	return func() bool {
		st, err := q.Stats(context.Background())
		return err == nil && st.Pending == 0 && st.InFlight == 0
	}
}

func fastOptions() Options {
	return Options{Batch: 16, FetchWait: 200 * time.Millisecond, RetryDelay: 10 * time.Millisecond,
		MaxRetryDelay: 50 * time.Millisecond, ExtendEvery: 200 * time.Millisecond, MaxAttempts: 3}
}

func TestMessageRoundTrip(t *testing.T) {
	article := testutil.FoundingArticle(t)
	published := time.Date(2022, 5, 15, 9, 30, 0, 0, time.UTC)
	page := "<html><head><title>Izyum</title></head><body><article>" +
		strings.Repeat("<p>"+strings.ReplaceAll(article, "\n", "</p><p>")+"</p>", 10) + "</article></body></html>"
	cases := []struct {
		name       string
		it         input.Item
		compressed bool
	}{
		{"plain text", input.Item{Name: "000.txt", Text: article}, false},
		{"jsonl line with metadata", input.Item{Name: "batch.jsonl:3", ID: "doc-3", Text: article, URL: "https://sofrep.com/news/izyum/",
			Outlet: "SOFREP", Title: "Russians lose momentum", Author: "SOFREP staff", Published: published, Language: "en"}, false},
		{"large page, compressed", input.Item{Name: "crawl.warc.gz#17", HTML: page, URL: "https://sofrep.com/", Captured: published}, true},
	}
	for _, c := range cases {
		m, err := Message(c.it)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		content := c.it.Text + c.it.HTML
		if m.ID != record.ContentHash(content) {
			t.Errorf("%s: id %s, want the content hash", c.name, m.ID)
		}
		if gz := m.Body[0] == 0x1f; gz != c.compressed {
			t.Errorf("%s: compressed %v, want %v (%d bytes)", c.name, gz, c.compressed, len(m.Body))
		}
		if c.compressed && len(m.Body) > len(content)/3 {
			t.Errorf("%s: %d bytes compressed from %d", c.name, len(m.Body), len(content))
		}
		got, err := decode(m.Body)
		if err != nil {
			t.Fatalf("%s: decode: %v", c.name, err)
		}
		if got != c.it {
			t.Errorf("%s: round trip changed the item:\n got %+v\nwant %+v", c.name, got.Name, c.it.Name)
		}
	}
	// The same text from another file is the same message id: the queue drops it.
	a, _ := Message(input.Item{Name: "a.txt", Text: article})
	b, _ := Message(input.Item{Name: "b.txt", Text: strings.ReplaceAll(article, "\n", "\r\n") + "\n"})
	if a.ID != b.ID {
		t.Error("the same text with CRLF line ends has another message id")
	}
	if _, err := Message(input.Item{Name: "broken.warc", Err: errors.New("broken.warc: truncated")}); err == nil {
		t.Error("an item that failed to read was encoded")
	}
}

func TestDecodeBad(t *testing.T) {
	for _, c := range []struct {
		name string
		body []byte
	}{
		{"empty", nil},
		{"not json", []byte("Izyum")},
		{"truncated json", []byte(`{"name":"a","text":"Izy`)},
		{"no text", []byte(`{"name":"a.txt"}`)},
		{"gzip header only", []byte{0x1f, 0x8b, 8, 0}},
		{"binary", []byte{0, 0xff, 0xfe, 0x1f}},
	} {
		if _, err := decode(c.body); err == nil {
			t.Errorf("%s: decoded", c.name)
		}
	}
}

func TestWorkerStoresEverythingMem(t *testing.T) {
	items := reports(t, 40)
	q := memq.New(queue.Options{})
	defer q.Close()
	st := newMemStore()
	cq := &checkedQueue{Queue: q, t: t, st: st}
	ids := publishItems(t, q, items...)
	// The same documents again: dropped by the queue's duplicate window.
	publishItems(t, q, items[:5]...)

	reg := metrics.New()
	m := NewMetrics(reg)
	stop := runWorkers(t, 2, func(int) *Worker {
		return &Worker{Queue: cq, Store: st, Options: fastOptions(), Metrics: m}
	})
	waitFor(t, "every document stored", func() bool { n, _ := st.Count(context.Background()); return n == len(items) })
	waitFor(t, "the queue to empty", queueEmpty(t, q))
	stop()
	for _, id := range ids {
		if _, err := st.Get(context.Background(), id); err != nil {
			t.Errorf("document %s: %v", id, err)
		}
	}
	if got := m.Processed.With("stored").Value(); got != float64(len(items)) {
		t.Errorf("processed stored %g, want %d", got, len(items))
	}
	if n := cq.acks.Load(); n != int64(len(items)) {
		t.Errorf("%d acks, want %d", n, len(items))
	}
	if m.Latency.Count() != uint64(len(items)) {
		t.Errorf("latency observed %d times, want %d", m.Latency.Count(), len(items))
	}
}

func TestWorkerPoisonMem(t *testing.T) {
	items := reports(t, 10)
	q := memq.New(queue.Options{})
	defer q.Close()
	st := newMemStore()
	// The poison document sits in the middle of the queue.
	publishItems(t, q, items[:5]...)
	publishItems(t, q, poison)
	publishItems(t, q, items[5:]...)
	undecodable := queue.Message{ID: "undecodable", Body: []byte(`{"name":"x.txt","text":`)}
	if _, err := q.Publish(context.Background(), undecodable); err != nil {
		t.Fatal(err)
	}

	m := NewMetrics(nil)
	stop := runWorkers(t, 1, func(int) *Worker {
		return &Worker{Queue: q, Store: st, Options: fastOptions(), Metrics: m}
	})
	waitFor(t, "two dead letters", func() bool { s, _ := q.Stats(context.Background()); return s.Dead == 2 })
	waitFor(t, "the queue to empty", queueEmpty(t, q))
	stop()
	if n, _ := st.Count(context.Background()); n != len(items) {
		t.Errorf("stored %d, want %d: the poison document blocked others", n, len(items))
	}
	dead, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(dead, func(a, b queue.DeadLetter) int { return strings.Compare(a.ID, b.ID) })
	poisonID := record.ContentHash(poison.HTML)
	byID := map[string]queue.DeadLetter{}
	for _, d := range dead {
		byID[d.ID] = d
	}
	if d, ok := byID[poisonID]; !ok {
		t.Errorf("poison document not dead-lettered: %+v", dead)
	} else {
		if !strings.Contains(d.Reason, "pipeline") || !strings.Contains(d.Reason, "no readable text") || !strings.Contains(d.Reason, "poison.html") {
			t.Errorf("poison reason %q does not give the stage, the error and the document", d.Reason)
		}
		if d.Attempts != fastOptions().MaxAttempts {
			t.Errorf("poison dead after %d attempts, want %d", d.Attempts, fastOptions().MaxAttempts)
		}
	}
	// A body that cannot be decoded is hopeless at once: no retries.
	if d, ok := byID["undecodable"]; !ok || d.Attempts != 1 || !strings.Contains(d.Reason, "decode") {
		t.Errorf("undecodable message: %+v, want dead after 1 attempt with a decode error", d)
	}
	if got := m.Retried.Value(); got != float64(fastOptions().MaxAttempts-1) {
		t.Errorf("retried %g times, want %d", got, fastOptions().MaxAttempts-1)
	}
}

// The store goes down under a running worker: the worker holds its batch, acks
// nothing, and stores everything once the store is back.
func TestWorkerStoreDownMem(t *testing.T) {
	items := reports(t, 30)
	q := memq.New(queue.Options{AckWait: time.Second})
	defer q.Close()
	st := newMemStore()
	st.down.Store(true)
	cq := &checkedQueue{Queue: q, t: t, st: st}
	publishItems(t, q, items...)
	m := NewMetrics(nil)
	opt := fastOptions()
	opt.ExtendEvery = 100 * time.Millisecond
	stop := runWorkers(t, 2, func(int) *Worker {
		return &Worker{Queue: cq, Store: st, Options: opt, Metrics: m}
	})
	// Hold the store down for several ack waits: the claim keeper must stop the
	// queue from handing the batch to the other worker meanwhile.
	waitFor(t, "several failed writes", func() bool { return st.puts.Load() >= 6 })
	time.Sleep(2500 * time.Millisecond)
	if n := cq.acks.Load(); n != 0 {
		t.Fatalf("%d acks while the store was down", n)
	}
	if s, _ := q.Stats(context.Background()); s.Dead != 0 {
		t.Fatalf("store outage dead-lettered documents: %+v", s)
	}
	st.down.Store(false)
	waitFor(t, "every document stored", func() bool { n, _ := st.Count(context.Background()); return n == len(items) })
	waitFor(t, "the queue to empty", queueEmpty(t, q))
	stop()
	if m.StoreErrors.Value() == 0 {
		t.Error("store outage not counted")
	}
	if got := m.Processed.With("stored").Value() + m.Processed.With("duplicate").Value(); got < float64(len(items)) {
		t.Errorf("processed %g, want at least %d", got, len(items))
	}
	if m.StoreDown.Value() != 0 {
		t.Error("store still reported down")
	}
}

// A store that answers but refuses one record: the others in its batch are stored,
// and the refused one is retried and dead-lettered.
func TestWorkerStoreRefusesOneMem(t *testing.T) {
	items := reports(t, 8)
	items[3].Title = "refuse me"
	q := memq.New(queue.Options{})
	defer q.Close()
	st := newMemStore()
	st.refuse = "refuse me"
	publishItems(t, q, items...)
	stop := runWorkers(t, 1, func(int) *Worker {
		return &Worker{Queue: q, Store: st, Options: fastOptions()}
	})
	waitFor(t, "one dead letter", func() bool { s, _ := q.Stats(context.Background()); return s.Dead == 1 })
	waitFor(t, "the queue to empty", queueEmpty(t, q))
	stop()
	if n, _ := st.Count(context.Background()); n != len(items)-1 {
		t.Errorf("stored %d, want %d", n, len(items)-1)
	}
	dead, _ := q.DeadLetters(context.Background(), 1)
	if len(dead) != 1 || !strings.Contains(dead[0].Reason, "store: refused") {
		t.Errorf("dead letters %+v, want the refused record with the store's error", dead)
	}
}

// Told to stop while it waits for the store, a worker hands its batch back at
// the end of the drain timeout instead of sitting on it until the ack wait.
func TestWorkerShutdownHandsBackMem(t *testing.T) {
	items := reports(t, 12)
	q := memq.New(queue.Options{AckWait: time.Hour})
	defer q.Close()
	st := newMemStore()
	st.down.Store(true)
	publishItems(t, q, items...)
	opt := fastOptions()
	opt.DrainTimeout = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	w := &Worker{Queue: q, Store: st, Options: opt}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	waitFor(t, "a failed write", func() bool { return st.puts.Load() >= 1 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("worker did not stop")
	}
	s, err := q.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Pending != len(items) || s.InFlight != 0 || s.Dead != 0 {
		t.Errorf("after shutdown: %+v, want all %d pending again", s, len(items))
	}
}

// Stopping with the store up: the batch in hand is finished, not abandoned.
func TestWorkerShutdownFinishesMem(t *testing.T) {
	items := reports(t, 12)
	q := memq.New(queue.Options{AckWait: time.Hour})
	defer q.Close()
	st := newMemStore()
	publishItems(t, q, items...)
	ctx, cancel := context.WithCancel(context.Background())
	w := &Worker{Queue: q, Store: st, Options: Options{Batch: 64}}
	// Stop as soon as the batch reaches the store.
	w.beforeCommit = cancel
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(context.Background()); n != len(items) {
		t.Errorf("stored %d of the batch in hand, want %d", n, len(items))
	}
	if s, _ := q.Stats(context.Background()); s != (queue.Stats{}) {
		t.Errorf("queue after a graceful stop: %+v, want empty", s)
	}
}

func TestEnqueue(t *testing.T) {
	items := reports(t, 10)
	items = append(items, items[2], input.Item{Name: "broken.warc#3", Err: errors.New("broken.warc#3: truncated record")})
	q := memq.New(queue.Options{})
	defer q.Close()
	s, err := Enqueue(context.Background(), q, slices.Values(items), EnqueueOptions{Publishers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if s.Read != 12 || s.Stored != 10 || s.Duplicates != 1 || s.Failed != 1 {
		t.Errorf("stats %+v, want read 12, stored 10, duplicates 1, failed 1", s)
	}
	if len(s.Failures) != 1 || !strings.Contains(s.Failures[0].Error, "truncated record") {
		t.Errorf("failures %+v", s.Failures)
	}
	if st, _ := q.Stats(context.Background()); st.Pending != 10 {
		t.Errorf("queue holds %d, want 10", st.Pending)
	}
}

// A queue that stays down fails each document after the publish timeout; the run
// ends instead of hanging.
func TestEnqueueQueueDown(t *testing.T) {
	items := reports(t, 3)
	q := memq.New(queue.Options{})
	q.Close()
	s, err := Enqueue(context.Background(), q, slices.Values(items), EnqueueOptions{PublishTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 3 || s.Stored != 0 || len(s.Failures) != 3 {
		t.Fatalf("stats %+v, want 3 failures", s)
	}
	for _, it := range items {
		if !slices.ContainsFunc(s.Failures, func(f ingest.Failure) bool { return strings.Contains(f.Error, it.Name+": publish") }) {
			t.Errorf("no failure names %s: %+v", it.Name, s.Failures)
		}
	}
}
