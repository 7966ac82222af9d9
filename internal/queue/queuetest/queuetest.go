// Package queuetest is the conformance suite every queue.Queue implementation must
// pass, and the benchmarks that measure one. An implementation proves itself by
// filling in a Suite in its own tests:
//
//	func TestConformance(t *testing.T) {
//		s := &queuetest.Suite{NewQueue: ...}
//		s.RunTests(t)
//	}
//
// The messages are paragraphs of the founding article (see internal/testutil), so
// bodies carry real text: typographic quotes and dashes, two spellings of Izyum.
package queuetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

// Suite runs the conformance checks against one implementation.
type Suite struct {
	// NewQueue creates an empty queue with opt and returns a function that opens
	// a handle on it, as another process would (for a server, a new connection).
	// The suite closes the handles it opens; NewQueue removes the queue when t ends.
	NewQueue func(t testing.TB, opt queue.Options) (open func(t testing.TB) queue.Queue)
}

// RunTests runs every conformance check as a subtest of t.
func (s *Suite) RunTests(t *testing.T) {
	if s.NewQueue == nil {
		t.Fatal("queuetest: Suite.NewQueue is nil")
	}
	checks := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"PublishFetchAck", s.testPublishFetchAck},
		{"Duplicates", s.testDuplicates},
		{"DuplicateWindowEnds", s.testDuplicateWindowEnds},
		{"RedeliveredAfterAckWait", s.testRedelivered},
		{"Retry", s.testRetry},
		{"DeadLetter", s.testDeadLetter},
		{"Extend", s.testExtend},
		{"FetchDoesNotWaitForFullBatch", s.testFetchPartial},
		{"CompetingConsumers", s.testCompeting},
		{"SettleTwice", s.testSettleTwice},
		{"BadMessages", s.testBadMessages},
		{"Cancelled", s.testCancelled},
	}
	for _, c := range checks {
		t.Run(c.name, c.fn)
	}
}

// handle opens a handle that is closed when t ends.
func (s *Suite) handle(t testing.TB, open func(testing.TB) queue.Queue) queue.Queue {
	t.Helper()
	q := open(t)
	if q == nil {
		t.Fatal("queuetest: open returned nil")
	}
	t.Cleanup(func() {
		if err := q.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return q
}

// Messages returns one message per paragraph of the founding article, each with
// its content hash as ID. It skips t when the article is not available.
func Messages(t testing.TB) []queue.Message {
	t.Helper()
	var ms []queue.Message
	for _, p := range strings.Split(testutil.FoundingArticle(t), "\n") {
		if p = strings.TrimSpace(p); len(p) < 40 {
			continue // headings, bylines, blank lines
		}
		id := record.ContentHash(p)
		if slices.ContainsFunc(ms, func(m queue.Message) bool { return m.ID == id }) {
			continue
		}
		ms = append(ms, queue.Message{ID: id, Body: []byte(p)})
	}
	if len(ms) < 10 {
		t.Fatalf("founding article has %d paragraphs, want at least 10", len(ms))
	}
	return ms
}

func publish(t testing.TB, q queue.Queue, ms ...queue.Message) []queue.Published {
	t.Helper()
	out := make([]queue.Published, len(ms))
	for i, m := range ms {
		p, err := q.Publish(context.Background(), m)
		if err != nil {
			t.Fatalf("publish %s: %v", m.ID, err)
		}
		out[i] = p
	}
	return out
}

// fetchN fetches until n messages have come or a generous deadline passes.
func fetchN(t testing.TB, q queue.Queue, n, batch int) []queue.Delivery {
	t.Helper()
	var got []queue.Delivery
	deadline := time.Now().Add(30 * time.Second)
	for len(got) < n && time.Now().Before(deadline) {
		ds, err := q.Fetch(context.Background(), min(batch, n-len(got)), time.Second)
		if err != nil {
			t.Fatalf("fetch: %v", err)
		}
		got = append(got, ds...)
	}
	if len(got) != n {
		t.Fatalf("fetched %d messages, want %d", len(got), n)
	}
	return got
}

// expectNone fails if a message is delivered within wait.
func expectNone(t testing.TB, q queue.Queue, wait time.Duration, why string) {
	t.Helper()
	ds, err := q.Fetch(context.Background(), 10, wait)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	if len(ds) > 0 {
		t.Fatalf("%s: got %d messages (first %s, attempt %d), want none", why, len(ds), ds[0].Message().ID, ds[0].Attempt())
	}
}

func ack(t testing.TB, ds ...queue.Delivery) {
	t.Helper()
	for _, d := range ds {
		if err := d.Ack(context.Background()); err != nil {
			t.Fatalf("ack %s: %v", d.Message().ID, err)
		}
	}
}

func stats(t testing.TB, q queue.Queue) queue.Stats {
	t.Helper()
	st, err := q.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return st
}

// settled waits for the queue to report want: a server may update its counts a
// moment after acknowledging.
func settled(t testing.TB, q queue.Queue, want queue.Stats) {
	t.Helper()
	var st queue.Stats
	for range 50 {
		if st = stats(t, q); st == want {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("stats %+v, want %+v", st, want)
}

func (s *Suite) testPublishFetchAck(t *testing.T) {
	ms := Messages(t)
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	before := time.Now()
	for i, p := range publish(t, q, ms...) {
		if p.Duplicate {
			t.Fatalf("publish %d: reported duplicate on first publish", i)
		}
	}
	after := time.Now()
	settled(t, q, queue.Stats{Pending: len(ms)})

	got := fetchN(t, q, len(ms), 8)
	for i, d := range got {
		m := d.Message()
		// One consumer receives the messages in the order they were published.
		if m.ID != ms[i].ID || string(m.Body) != string(ms[i].Body) {
			t.Errorf("delivery %d: got %s %.30q, want %s %.30q", i, m.ID, m.Body, ms[i].ID, ms[i].Body)
		}
		if d.Attempt() != 1 {
			t.Errorf("delivery %d: attempt %d, want 1", i, d.Attempt())
		}
		// Clocks may round; a second either side is rounding, not a bug.
		if p := d.Published(); p.Before(before.Add(-time.Second)) || p.After(after.Add(time.Second)) {
			t.Errorf("delivery %d: published %v, not between %v and %v", i, p, before, after)
		}
	}
	settled(t, q, queue.Stats{InFlight: len(ms)})
	ack(t, got...)
	settled(t, q, queue.Stats{})
	expectNone(t, q, 500*time.Millisecond, "after acking everything")
}

func (s *Suite) testDuplicates(t *testing.T) {
	ms := Messages(t)[:3]
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	res := publish(t, q, ms[0], ms[0], ms[1], ms[0], ms[2], ms[1])
	want := []bool{false, true, false, true, false, true}
	for i := range res {
		if res[i].Duplicate != want[i] {
			t.Errorf("publish %d: duplicate %v, want %v", i, res[i].Duplicate, want[i])
		}
	}
	got := fetchN(t, q, 3, 10)
	expectNone(t, q, 500*time.Millisecond, "after the three distinct messages")
	ack(t, got...)
	// Done and gone, but still remembered: a republished copy within the window
	// is dropped, so a document is not processed again.
	if p := publish(t, q, ms[0]); !p[0].Duplicate {
		t.Error("republish after ack, within the duplicate window: not reported as a duplicate")
	}
	expectNone(t, q, 500*time.Millisecond, "republished after ack")
}

func (s *Suite) testDuplicateWindowEnds(t *testing.T) {
	m := Messages(t)[0]
	q := s.handle(t, s.NewQueue(t, queue.Options{DuplicateWindow: time.Second}))
	publish(t, q, m)
	ack(t, fetchN(t, q, 1, 1)...)
	// Once the window has passed, the same document is work again (the store will
	// drop it if it is already there).
	deadline := time.Now().Add(20 * time.Second)
	for {
		p := publish(t, q, m)
		if !p[0].Duplicate {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("still a duplicate 20 s after a 1 s window")
		}
		time.Sleep(200 * time.Millisecond)
	}
	d := fetchN(t, q, 1, 1)
	if d[0].Message().ID != m.ID || d[0].Attempt() != 1 {
		t.Errorf("republished message: got %s attempt %d", d[0].Message().ID, d[0].Attempt())
	}
	ack(t, d...)
}

func (s *Suite) testRedelivered(t *testing.T) {
	ms := Messages(t)[:4]
	open := s.NewQueue(t, queue.Options{AckWait: time.Second})
	a, b := s.handle(t, open), s.handle(t, open)
	publish(t, a, ms...)
	// a takes two messages and dies without settling them.
	held := fetchN(t, a, 2, 2)
	rest := fetchN(t, b, 2, 2)
	ack(t, rest...)
	again := fetchN(t, b, 2, 2)
	for i, d := range again {
		if d.Message().ID != held[i].Message().ID || string(d.Message().Body) != string(held[i].Message().Body) {
			t.Errorf("redelivery %d: got %s, want %s", i, d.Message().ID, held[i].Message().ID)
		}
		if d.Attempt() != 2 {
			t.Errorf("redelivery %d: attempt %d, want 2", i, d.Attempt())
		}
		if !d.Published().Equal(held[i].Published()) {
			t.Errorf("redelivery %d: published %v, first delivery said %v", i, d.Published(), held[i].Published())
		}
	}
	ack(t, again...)
	settled(t, b, queue.Stats{})
}

func (s *Suite) testRetry(t *testing.T) {
	ms := Messages(t)[:2]
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	publish(t, q, ms...)
	ds := fetchN(t, q, 2, 2)
	if err := ds[0].Retry(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	if err := ds[1].Retry(context.Background(), time.Hour); err != nil {
		t.Fatal(err)
	}
	again := fetchN(t, q, 1, 10)
	if again[0].Message().ID != ms[0].ID || again[0].Attempt() != 2 {
		t.Fatalf("after retry: got %s attempt %d, want %s attempt 2", again[0].Message().ID, again[0].Attempt(), ms[0].ID)
	}
	ack(t, again...)
	expectNone(t, q, time.Second, "a message retried in an hour")
	if st := stats(t, q); st.Pending+st.InFlight != 1 {
		t.Errorf("stats %+v: the message waiting for its retry is not counted", st)
	}
}

func (s *Suite) testDeadLetter(t *testing.T) {
	ms := Messages(t)[:3]
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	publish(t, q, ms...)
	ds := fetchN(t, q, 3, 3)
	if err := ds[1].Retry(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	again := fetchN(t, q, 1, 1)
	reason := "pipeline: " + ms[1].ID + ": html has no main text\nsecond line"
	if err := again[0].Dead(context.Background(), reason); err != nil {
		t.Fatal(err)
	}
	// The dead message does not hold up the others.
	ack(t, ds[0], ds[2])
	expectNone(t, q, 500*time.Millisecond, "after the dead letter")
	settled(t, q, queue.Stats{Dead: 1})

	dead, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 {
		t.Fatalf("%d dead letters, want 1", len(dead))
	}
	d := dead[0]
	if d.ID != ms[1].ID || string(d.Body) != string(ms[1].Body) || d.Attempts != 2 {
		t.Errorf("dead letter: %s, %d bytes, %d attempts; want %s, %d bytes, 2 attempts", d.ID, len(d.Body), d.Attempts, ms[1].ID, len(ms[1].Body))
	}
	if !strings.Contains(d.Reason, "html has no main text") {
		t.Errorf("dead letter reason %q does not say why", d.Reason)
	}
	if d.Died.IsZero() || time.Since(d.Died) > time.Minute {
		t.Errorf("dead letter died at %v", d.Died)
	}

	// Requeued (its cause fixed), it comes back with its ID and body, within the
	// duplicate window, and counts its attempts afresh.
	if n, err := q.Requeue(context.Background(), 10); err != nil || n != 1 {
		t.Fatalf("requeue: %d, %v; want 1 moved", n, err)
	}
	back := fetchN(t, q, 1, 1)
	if m := back[0].Message(); m.ID != ms[1].ID || string(m.Body) != string(ms[1].Body) || back[0].Attempt() != 1 {
		t.Errorf("requeued: %s attempt %d; want %s attempt 1 with its body", m.ID, back[0].Attempt(), ms[1].ID)
	}
	// Dying again within the duplicate window, it is a dead letter again.
	if err := back[0].Dead(context.Background(), "still broken"); err != nil {
		t.Fatal(err)
	}
	settled(t, q, queue.Stats{Dead: 1})
	if n, err := q.Requeue(context.Background(), 0); err != nil || n != 0 {
		t.Errorf("requeue with limit 0: %d, %v", n, err)
	}
	if n, err := q.Requeue(context.Background(), 10); err != nil || n != 1 {
		t.Fatalf("second requeue: %d, %v; want 1 moved", n, err)
	}
	ack(t, fetchN(t, q, 1, 1)...)
	settled(t, q, queue.Stats{})
}

func (s *Suite) testExtend(t *testing.T) {
	m := Messages(t)[0]
	open := s.NewQueue(t, queue.Options{AckWait: 2 * time.Second})
	a, b := s.handle(t, open), s.handle(t, open)
	publish(t, a, m)
	d := fetchN(t, a, 1, 1)[0]
	// a works for twice the ack wait, extending its claim as it goes; b must not
	// be handed the message meanwhile.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if err := d.Extend(context.Background()); err != nil {
					t.Errorf("extend: %v", err)
					return
				}
			}
		}
	})
	expectNone(t, b, 4*time.Second, "while the holder extends its claim")
	close(stop)
	wg.Wait()
	ack(t, d)
	settled(t, b, queue.Stats{})
}

// fetchSoon runs a fetch with a wait of an hour and fails if it has not returned
// within a minute.
func fetchSoon(t *testing.T, q queue.Queue, n int) []queue.Delivery {
	t.Helper()
	type result struct {
		ds  []queue.Delivery
		err error
	}
	done := make(chan result, 1)
	go func() {
		ds, err := q.Fetch(context.Background(), n, time.Hour)
		done <- result{ds, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("fetch: %v", r.err)
		}
		return r.ds
	case <-time.After(time.Minute):
		t.Fatalf("fetch of %d with an hour's wait still waiting after a minute", n)
		return nil
	}
}

// A fetch hands over what is there rather than waiting to fill its batch, and a
// waiting fetch returns as soon as work arrives: a quiet queue adds no latency.
func (s *Suite) testFetchPartial(t *testing.T) {
	ms := Messages(t)[:4]
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	publish(t, q, ms[:3]...)
	got := fetchSoon(t, q, 64)
	for len(got) < 3 { // a server may hand them over in more than one piece
		got = append(got, fetchSoon(t, q, 64)...)
	}
	ack(t, got...)
	go func() {
		time.Sleep(300 * time.Millisecond)
		if _, err := q.Publish(context.Background(), ms[3]); err != nil {
			t.Errorf("publish: %v", err)
		}
	}()
	late := fetchSoon(t, q, 64)
	if len(late) != 1 || late[0].Message().ID != ms[3].ID {
		t.Fatalf("waiting fetch got %d messages, want the one published while it waited", len(late))
	}
	ack(t, late...)
}

func (s *Suite) testCompeting(t *testing.T) {
	ms := Messages(t)
	open := s.NewQueue(t, queue.Options{})
	pub := s.handle(t, open)
	const consumers = 3
	hs := make([]queue.Queue, consumers)
	for i := range hs {
		hs[i] = s.handle(t, open)
	}
	var (
		mu   sync.Mutex
		seen = map[string]int{}
		wg   sync.WaitGroup
	)
	done := make(chan struct{})
	for _, h := range hs {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				ds, err := h.Fetch(context.Background(), 3, 200*time.Millisecond)
				if err != nil {
					t.Errorf("fetch: %v", err)
					return
				}
				for _, d := range ds {
					mu.Lock()
					seen[d.Message().ID]++
					mu.Unlock()
					if err := d.Ack(context.Background()); err != nil {
						t.Errorf("ack: %v", err)
					}
				}
			}
		})
	}
	// Publishing runs while the consumers pull.
	publish(t, pub, ms...)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n == len(ms) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(done)
	wg.Wait()
	for _, m := range ms {
		if seen[m.ID] != 1 {
			t.Errorf("message %s delivered %d times, want once", m.ID, seen[m.ID])
		}
	}
	settled(t, pub, queue.Stats{})
}

func (s *Suite) testSettleTwice(t *testing.T) {
	ms := Messages(t)[:2]
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	publish(t, q, ms...)
	ds := fetchN(t, q, 2, 2)
	ack(t, ds[0])
	if err := ds[0].Ack(context.Background()); !errors.Is(err, queue.ErrSettled) {
		t.Errorf("second ack: %v, want ErrSettled", err)
	}
	if err := ds[1].Dead(context.Background(), "poison"); err != nil {
		t.Fatal(err)
	}
	if err := ds[1].Retry(context.Background(), 0); !errors.Is(err, queue.ErrSettled) {
		t.Errorf("retry after dead letter: %v, want ErrSettled", err)
	}
	expectNone(t, q, 500*time.Millisecond, "after settling both")
}

func (s *Suite) testBadMessages(t *testing.T) {
	q := s.handle(t, s.NewQueue(t, queue.Options{MaxBody: 64 << 10}))
	ctx := context.Background()
	big := strings.Repeat(string(Messages(t)[0].Body)+"\n", 1+(64<<10)/len(Messages(t)[0].Body))
	if _, err := q.Publish(ctx, queue.Message{ID: record.ContentHash(big), Body: []byte(big)}); !errors.Is(err, queue.ErrTooLarge) {
		t.Errorf("publish %d bytes over a 64 KiB cap: %v, want ErrTooLarge", len(big), err)
	}
	if _, err := q.Publish(ctx, queue.Message{Body: []byte("Izyum")}); !errors.Is(err, queue.ErrNoID) {
		t.Errorf("publish without id: %v, want ErrNoID", err)
	}
	// A body that is not text is carried as it is.
	bin := queue.Message{ID: "binary", Body: []byte{0, 0xff, 0xfe, '\n', 0}}
	publish(t, q, bin)
	d := fetchN(t, q, 1, 1)[0]
	if string(d.Message().Body) != string(bin.Body) {
		t.Errorf("binary body: got %q, want %q", d.Message().Body, bin.Body)
	}
	ack(t, d)
	if st := stats(t, q); st.Pending != 0 {
		t.Errorf("refused messages are queued: %+v", st)
	}
}

func (s *Suite) testCancelled(t *testing.T) {
	q := s.handle(t, s.NewQueue(t, queue.Options{}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m := Messages(t)[0]
	if _, err := q.Publish(ctx, m); !errors.Is(err, context.Canceled) {
		t.Errorf("publish: %v, want context.Canceled", err)
	}
	if _, err := q.Fetch(ctx, 1, time.Second); !errors.Is(err, context.Canceled) {
		t.Errorf("fetch: %v, want context.Canceled", err)
	}
	// A fetch waiting for work returns when its context ends.
	ctx, cancel = context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := q.Fetch(ctx, 1, time.Hour)
		errc <- err
	}()
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("fetch cancelled while waiting: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("fetch with an hour's wait did not return when cancelled")
	}
	settled(t, q, queue.Stats{})
}

// RunBenchmarks measures publishing, and fetching and acking in batches, in
// messages per second.
func (s *Suite) RunBenchmarks(b *testing.B) {
	ms := Messages(b)
	b.Run("Publish", func(b *testing.B) {
		q := s.handle(b, s.NewQueue(b, queue.Options{}))
		ctx := context.Background()
		i := 0
		for b.Loop() {
			m := ms[i%len(ms)]
			m.ID = fmt.Sprintf("%s-%d", m.ID, i)
			if _, err := q.Publish(ctx, m); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "msgs/s")
	})
	for _, batch := range []int{1, 64} {
		b.Run(fmt.Sprintf("FetchAck/batch=%d", batch), func(b *testing.B) {
			q := s.handle(b, s.NewQueue(b, queue.Options{}))
			ctx := context.Background()
			n := 0
			for b.Loop() {
				b.StopTimer()
				for k := range batch {
					m := ms[(n+k)%len(ms)]
					m.ID = fmt.Sprintf("%s-%d", m.ID, n+k)
					if _, err := q.Publish(ctx, m); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				ds := fetchN(b, q, batch, batch)
				for _, d := range ds {
					if err := d.Ack(ctx); err != nil {
						b.Fatal(err)
					}
				}
				n += batch
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}
