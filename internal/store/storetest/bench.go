package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// RunBenchmarks measures the backend: Put in batches (reported as documents per
// second), Get, List and full-text search over a loaded store.
func (s *Suite) RunBenchmarks(b *testing.B) {
	if s.NewStore == nil {
		b.Fatal("storetest: Suite.NewStore is nil")
	}
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("Put/batch=%d", n), func(b *testing.B) { s.benchPut(b, n) })
	}
	b.Run("Get", s.benchGet)
	b.Run("List", s.benchList)
	b.Run("Search", s.benchSearch)
}

// loaded returns a store holding n documents, and their records.
func (s *Suite) loaded(b *testing.B, n int) (store.Store, []*record.Record) {
	b.Helper()
	st := s.open(b)
	recs := Records(n)
	for i := 0; i < n; i += 500 {
		put(b, st, recs[i:min(i+500, n)]...)
	}
	return st, recs
}

// benchPut stores batches of new documents. Each is a real text with a numbered
// line, so every Put writes and indexes batch documents in full.
func (s *Suite) benchPut(b *testing.B, batch int) {
	st := s.open(b)
	base := corpus(b)
	ctx := context.Background()
	recs := make([]*record.Record, batch)
	var bytes int64
	i := 0
	for b.Loop() {
		bytes = 0
		for k := range recs {
			d := base[i%len(base)]
			r := record.New(d.Source, fmt.Sprintf("%s\nbenchmark copy %d\n", d.Text, i))
			recs[k] = r
			bytes += int64(len(r.Text))
			i++
		}
		if _, err := st.Put(ctx, recs); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
}

func (s *Suite) benchGet(b *testing.B) {
	st, recs := s.loaded(b, 2000)
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = record.ContentHash(r.Text)
	}
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := st.Get(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func (s *Suite) benchList(b *testing.B) {
	st, _ := s.loaded(b, 2000)
	ctx := context.Background()
	// Deep pages matter as much as the first: a cursor must not cost an offset scan.
	deep := store.Query{Limit: store.MaxLimit}
	for range 5 {
		p := list(b, st, deep)
		deep.Cursor = p.Next
	}
	for _, c := range []struct {
		name string
		q    store.Query
	}{
		{"first", store.Query{}},
		{"deep", deep},
		{"max", store.Query{Limit: store.MaxLimit}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.List(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func (s *Suite) benchSearch(b *testing.B) {
	st, _ := s.loaded(b, 2000)
	ctx := context.Background()
	for _, c := range []struct{ name, query string }{
		{"word", "Izyum"},
		{"cyrillic", "Ізюм"},
		{"phrase", `"Velyka Novosilka"`},
		{"prefix", "Kupians*"},
		{"or", "Reznikov OR Cernochova"},
		{"everywhere", "storetest"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.List(ctx, store.Query{Text: c.query}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
