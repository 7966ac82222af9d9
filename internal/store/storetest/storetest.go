// Package storetest is the conformance suite every store.Store backend must pass,
// and the benchmarks that measure one. A backend proves itself by filling in a Suite
// in its own tests:
//
//	func TestSuite(t *testing.T) {
//		s := &storetest.Suite{NewStore: ..., Reopen: ...}
//		s.RunTests(t)
//	}
//
// The documents are real reporting (see testdata/SOURCES.md) and, when it is
// present, the founding article beside DESIGN.md.
package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// Suite runs the conformance checks against one backend.
type Suite struct {
	// NewStore returns a fresh, empty store. The suite closes it.
	NewStore func(t testing.TB) store.Store
	// Reopen closes s and opens the same data again, as a restart would. Nil skips
	// the durability checks (an in-memory backend has nothing to reopen).
	Reopen func(t testing.TB, s store.Store) store.Store
}

// RunTests runs every conformance check as a subtest of t.
func (s *Suite) RunTests(t *testing.T) {
	if s.NewStore == nil {
		t.Fatal("storetest: Suite.NewStore is nil")
	}
	checks := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"PutGet", s.testPutGet},
		{"GetNotFound", s.testGetNotFound},
		{"PutEmpty", s.testPutEmpty},
		{"PutInvalid", s.testPutInvalid},
		{"Duplicates", s.testDuplicates},
		{"Count", s.testCount},
		{"ListNewestFirst", s.testListNewestFirst},
		{"Paging", s.testPaging},
		{"PagingWhileWriting", s.testPagingWhileWriting},
		{"BadCursor", s.testBadCursor},
		{"Search", s.testSearch},
		{"SearchPaging", s.testSearchPaging},
		{"BadQuery", s.testBadQuery},
		{"Snippets", s.testSnippets},
		{"Limits", s.testLimits},
		{"ConcurrentPuts", s.testConcurrentPuts},
		{"Cancelled", s.testCancelled},
		{"FoundingArticle", s.testFoundingArticle},
		{"Durability", s.testDurability},
	}
	for _, c := range checks {
		t.Run(c.name, c.fn)
	}
}

// open returns a fresh store that is closed when t ends.
func (s *Suite) open(t testing.TB) store.Store {
	t.Helper()
	st := s.NewStore(t)
	if st == nil {
		t.Fatal("storetest: NewStore returned nil")
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return st
}

// put stores recs and checks that there is one result per record.
func put(t testing.TB, st store.Store, recs ...*record.Record) []store.PutResult {
	t.Helper()
	res, err := st.Put(context.Background(), recs)
	if err != nil {
		t.Fatalf("put %d records: %v", len(recs), err)
	}
	if len(res) != len(recs) {
		t.Fatalf("put %d records: %d results", len(recs), len(res))
	}
	return res
}

// putEach stores recs one Put at a time, so that each is newer than the one before.
func putEach(t testing.TB, st store.Store, recs []*record.Record) {
	t.Helper()
	for _, r := range recs {
		if res := put(t, st, r); res[0].Duplicate {
			t.Fatalf("put %s: reported duplicate of %s", r.ID, res[0].ID)
		}
	}
}

func count(t testing.TB, st store.Store) int {
	t.Helper()
	n, err := st.Count(context.Background())
	if err != nil {
		t.Fatalf("count: %v", err)
	}
	return n
}

func list(t testing.TB, st store.Store, q store.Query) store.Page {
	t.Helper()
	p, err := st.List(context.Background(), q)
	if err != nil {
		t.Fatalf("list %+v: %v", q, err)
	}
	return p
}

// listAll follows the cursor from the first page to the last and fails on any
// document listed twice.
func listAll(t testing.TB, st store.Store, q store.Query) []store.Summary {
	t.Helper()
	var all []store.Summary
	seen := map[string]bool{}
	for pages := 0; ; pages++ {
		if pages > 10000 {
			t.Fatalf("list %+v: more than 10000 pages; the cursor does not advance", q)
		}
		p := list(t, st, q)
		for _, d := range p.Documents {
			if seen[d.ID] {
				t.Fatalf("list %+v: document %s (%s) listed twice", q, d.ID, d.CallerID)
			}
			seen[d.ID] = true
		}
		all = append(all, p.Documents...)
		if p.Next == "" {
			return all
		}
		if len(p.Documents) == 0 {
			t.Fatalf("list %+v: empty page with a next cursor", q)
		}
		q.Cursor = p.Next
	}
}

// callerIDs returns the caller ids of a listing, in order.
func callerIDs(docs []store.Summary) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.CallerID
	}
	return ids
}

// newestFirst returns the caller ids of recs in reverse order of storing.
func newestFirst(recs []*record.Record) []string {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[len(recs)-1-i] = r.ID
	}
	return ids
}

// okOrBadQuery reports whether err is nil or a store.ErrBadQuery.
func okOrBadQuery(err error) bool { return err == nil || errors.Is(err, store.ErrBadQuery) }

// sorted returns a sorted copy.
func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
