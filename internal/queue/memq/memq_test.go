package memq

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/queuetest"
)

// handle is one user's view of a shared in-process queue: closing it leaves the
// queue to the others, as closing a connection leaves a server's queue.
type handle struct{ *Queue }

func (handle) Close() error { return nil }

func suite() *queuetest.Suite {
	return &queuetest.Suite{
		NewQueue: func(t testing.TB, opt queue.Options) func(testing.TB) queue.Queue {
			q := New(opt)
			t.Cleanup(func() { q.Close() })
			return func(testing.TB) queue.Queue { return handle{q} }
		},
	}
}

func TestMemConformance(t *testing.T) { suite().RunTests(t) }

func BenchmarkMem(b *testing.B) { suite().RunBenchmarks(b) }

// The duplicate window and the ack wait run on the queue's clock; driving it by
// hand checks the edges exactly. The window runs from the first publish: a
// dropped copy does not extend it.
func TestMemClock(t *testing.T) {
	now := time.Date(2022, 5, 15, 12, 0, 0, 0, time.UTC)
	q := New(queue.Options{AckWait: 30 * time.Second, DuplicateWindow: 2 * time.Minute})
	q.now = func() time.Time { return now }
	defer q.Close()
	ctx := context.Background()
	m := queue.Message{ID: "izyum", Body: []byte("Ukrainian forces advance toward Izyum.")}

	steps := []struct {
		advance time.Duration
		do      func() error
	}{
		{0, func() error { return want(q.Publish(ctx, m))(false) }},
		{time.Minute, func() error { return want(q.Publish(ctx, m))(true) }},
		{0, func() error { return fetch(q, 1, 1) }},
		{29 * time.Second, func() error { return fetch(q, 0, 0) }}, // ack wait not over
		{time.Second, func() error { return fetch(q, 1, 2) }},      // over: delivered again
		{30*time.Second - time.Nanosecond, func() error { return want(q.Publish(ctx, m))(true) }},
		{time.Nanosecond, func() error { return want(q.Publish(ctx, m))(false) }}, // window over
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if err := s.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
}

func want(p queue.Published, err error) func(bool) error {
	return func(dup bool) error {
		if err != nil {
			return err
		}
		if p.Duplicate != dup {
			return fmt.Errorf("duplicate %v, want %v", p.Duplicate, dup)
		}
		return nil
	}
}

func fetch(q *Queue, n, attempt int) error {
	ds, err := q.Fetch(context.Background(), 10, 0)
	if err != nil {
		return err
	}
	if len(ds) != n {
		return fmt.Errorf("fetched %d, want %d", len(ds), n)
	}
	if n > 0 && ds[0].Attempt() != attempt {
		return fmt.Errorf("attempt %d, want %d", ds[0].Attempt(), attempt)
	}
	return nil
}

// A bounded queue makes the publisher wait for the workers: the third publish
// blocks until a message is acknowledged, and gives up when its context ends.
func TestMemCapacity(t *testing.T) {
	q := New(queue.Options{})
	defer q.Close()
	q.SetCapacity(2)
	ctx := context.Background()
	for _, id := range []string{"kharkiv", "izyum"} {
		if _, err := q.Publish(ctx, queue.Message{ID: id, Body: []byte(id)}); err != nil {
			t.Fatal(err)
		}
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := q.Publish(short, queue.Message{ID: "kupiansk", Body: []byte("kupiansk")}); err != context.DeadlineExceeded {
		t.Fatalf("publish into a full queue: %v, want it to wait until the deadline", err)
	}
	ds, err := q.Fetch(ctx, 1, time.Second)
	if err != nil || len(ds) != 1 {
		t.Fatalf("fetch: %d, %v", len(ds), err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := q.Publish(ctx, queue.Message{ID: "vovchansk", Body: []byte("vovchansk")})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("publish went through a full queue: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	if err := ds[0].Ack(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("publish still waiting after an ack made room")
	}
}
