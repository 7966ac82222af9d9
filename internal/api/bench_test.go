package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// benchStores are the stores the API is measured over: the in-memory fake, for the
// API's own cost, and the default SQLite store on a file, for what a user sees.
var benchStores = []struct {
	name string
	open func(b *testing.B) store.Store
}{
	{"fake", func(*testing.B) store.Store { return newFakeStore() }},
	{"sqlite", func(b *testing.B) store.Store {
		st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}},
}

// benchFixture holds the article's paragraphs ten times over (each copy made
// distinct by a marker line) and the whole article, and logs nowhere.
func benchFixture(b *testing.B, st store.Store) (*fixture, string) {
	b.Helper()
	ps := paragraphs(b)
	fx := newFixture(b, st, func(c *Config) { c.Logger = discardLogger })
	var texts []string
	for i := range 10 {
		for _, p := range ps {
			texts = append(texts, fmt.Sprintf("%s\n\n[copy %d]", p, i))
		}
	}
	fx.put(b, texts...)
	id := fx.put(b, sharedFile(b, articlePath))[0]
	return fx, id
}

func BenchmarkListDocuments(b *testing.B) {
	for _, s := range benchStores {
		fx, _ := benchFixture(b, s.open(b))
		for _, target := range []string{"/api/documents", "/api/documents?limit=100", "/api/documents?q=" + url.QueryEscape("Izyum")} {
			b.Run(s.name+"/"+target, func(b *testing.B) {
				benchGet(b, fx, target)
			})
		}
	}
}

func BenchmarkGetRecord(b *testing.B) {
	for _, s := range benchStores {
		fx, id := benchFixture(b, s.open(b))
		b.Run(s.name, func(b *testing.B) {
			benchGet(b, fx, "/api/records/"+id)
		})
	}
}

func benchGet(b *testing.B, fx *fixture, target string) {
	req := httptest.NewRequest("GET", target, nil)
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		w := httptest.NewRecorder()
		fx.srv.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
		n = int64(w.Body.Len())
	}
	b.SetBytes(n)
}
