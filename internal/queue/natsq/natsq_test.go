package natsq_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/natsq"
	"github.com/sitrep/sitrep/internal/queue/natsq/natstest"
	"github.com/sitrep/sitrep/internal/queue/queuetest"
)

func suite() *queuetest.Suite {
	return &queuetest.Suite{
		NewQueue: func(t testing.TB, opt queue.Options) func(testing.TB) queue.Queue {
			cfg := natstest.Config(t, natstest.URL(t))
			cfg.Options = opt
			return func(t testing.TB) queue.Queue {
				q, err := natsq.Open(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				return q
			}
		},
	}
}

func TestNATSConformance(t *testing.T) {
	natstest.URL(t)
	suite().RunTests(t)
}

func BenchmarkNATS(b *testing.B) {
	natstest.URL(b)
	suite().RunBenchmarks(b)
}

// Messages the server accepted survive its death: the work stream is on disk.
func TestNATSServerKilledKeepsMessages(t *testing.T) {
	srv := natstest.StartServer(t)
	cfg := natstest.Config(t, srv.URL)
	q, err := natsq.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	ms := queuetest.Messages(t)
	for _, m := range ms {
		if _, err := q.Publish(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	srv.Kill(t)
	srv.Start(t)
	// The duplicate window is rebuilt from the messages on disk: one still
	// waiting is still known. (One already acked is deleted from a work queue and
	// forgotten with it; the store drops such a copy.)
	p, err := q.Publish(context.Background(), ms[0])
	if err != nil || !p.Duplicate {
		t.Errorf("republish after the restart: %+v, %v; want a duplicate", p, err)
	}
	got := map[string]string{}
	deadline := time.Now().Add(30 * time.Second)
	for len(got) < len(ms) && time.Now().Before(deadline) {
		ds, err := q.Fetch(context.Background(), 64, time.Second)
		if err != nil {
			continue // reconnecting
		}
		for _, d := range ds {
			got[d.Message().ID] = string(d.Message().Body)
			if err := d.Ack(context.Background()); err != nil {
				t.Errorf("ack: %v", err)
			}
		}
	}
	for _, m := range ms {
		if got[m.ID] != string(m.Body) {
			t.Errorf("message %s lost in the restart", m.ID)
		}
	}
}

// A worker may start before the server: Open waits for it.
func TestNATSOpenWaitsForServer(t *testing.T) {
	srv := natstest.StartServer(t)
	cfg := natstest.Config(t, srv.URL)
	srv.Stop(t)
	opened := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		q, err := natsq.Open(ctx, cfg)
		if err == nil {
			q.Close()
		}
		opened <- err
	}()
	time.Sleep(1500 * time.Millisecond)
	srv.Start(t)
	if err := <-opened; err != nil {
		t.Fatalf("open while the server was down: %v", err)
	}
	// And gives up when its context ends.
	srv.Stop(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := natsq.Open(ctx, cfg); err == nil {
		t.Fatal("open with no server and a 2 s deadline succeeded")
	}
}

// A publisher started with other settings does not reconfigure the stream the
// workers set up.
func TestNATSStreamNotReconfigured(t *testing.T) {
	url := natstest.URL(t)
	cfg := natstest.Config(t, url)
	cfg.DuplicateWindow = 10 * time.Minute
	a, err := natsq.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	other := cfg
	other.DuplicateWindow = time.Second
	b, err := natsq.Open(context.Background(), other)
	if err != nil {
		t.Fatalf("open with other settings: %v", err)
	}
	defer b.Close()
	js, err := jetstream.New(a.Conn())
	if err != nil {
		t.Fatal(err)
	}
	s, err := js.Stream(context.Background(), cfg.Stream)
	if err != nil {
		t.Fatal(err)
	}
	if w := s.CachedInfo().Config.Duplicates; w != 10*time.Minute {
		t.Errorf("duplicate window %v, want the first opener's 10m", w)
	}
}
