package worker

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/memq"
)

var errUnreadable = errors.New("truncated WARC record at byte 4096")

// The one-machine ingest goes through the in-process queue: every report is
// stored once, a repeat is counted a duplicate, the poison page and an unreadable
// input are counted failed with their reasons, and the queue ends empty.
func TestIngestLocalMem(t *testing.T) {
	items := reports(t, 12)
	all := slices.Concat(items[:6], []input.Item{poison, {Name: "broken.warc", Err: errUnreadable}}, items[6:], items[:2])
	q := memq.New(queue.Options{})
	defer q.Close()
	q.SetCapacity(4) // smaller than the input: the reader must wait for the workers
	st := newMemStore()
	var last ingest.Stats
	s, err := Ingest(context.Background(), q, st, nil, slices.Values(all), IngestOptions{
		Workers: 2, Worker: Options{Batch: 3},
		Progress: func(p ingest.Stats) { last = p },
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.Read != len(all) || s.Stored != len(items) || s.Duplicates != 2 || s.Failed != 2 {
		t.Errorf("stats %+v; want read %d, stored %d, duplicates 2, failed 2", s, len(all), len(items))
	}
	if n, _ := st.Count(context.Background()); n != len(items) {
		t.Errorf("store holds %d, want %d", n, len(items))
	}
	var reasons []string
	for _, f := range s.Failures {
		reasons = append(reasons, f.Name+": "+f.Error)
	}
	joined := strings.Join(reasons, "\n")
	if !strings.Contains(joined, "poison.html") || !strings.Contains(joined, "no readable text") || !strings.Contains(joined, "broken.warc") {
		t.Errorf("failures do not name the documents and why:\n%s", joined)
	}
	if qs, _ := q.Stats(context.Background()); qs.Pending != 0 || qs.InFlight != 0 || qs.Dead != 1 {
		t.Errorf("queue after ingest: %+v, want empty with the poison page dead-lettered", qs)
	}
	if last.Read != s.Read || last.Stored+last.Duplicates+last.Failed != len(all) {
		t.Errorf("last progress %+v does not add up to the summary %+v", last, s)
	}
}

// Cancelled part-way, Ingest returns the context's error with what it counted,
// and stops its workers.
func TestIngestLocalCancelledMem(t *testing.T) {
	items := reports(t, 30)
	q := memq.New(queue.Options{})
	defer q.Close()
	q.SetCapacity(2)
	ctx, cancel := context.WithCancel(context.Background())
	st := newMemStore()
	n := 0
	seq := func(yield func(input.Item) bool) {
		for _, it := range items {
			if n++; n == 5 {
				cancel()
			}
			if !yield(it) {
				return
			}
		}
	}
	s, err := Ingest(ctx, q, st, nil, seq, IngestOptions{Worker: Options{Batch: 2}})
	if err != context.Canceled {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if s.Read == 0 || s.Read > len(items) {
		t.Errorf("read %d", s.Read)
	}
	if got, _ := st.Count(context.Background()); got > s.Read {
		t.Errorf("stored %d of %d read", got, s.Read)
	}
}
