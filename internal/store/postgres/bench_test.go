package postgres

import (
	"testing"

	"github.com/sitrep/sitrep/internal/testutil"
)

// Building the index entry and the opening runs in Go inside every Put, one
// document after another; these say what that costs next to the server's work.
func BenchmarkTSVector(b *testing.B) {
	article := testutil.FoundingArticle(b)
	b.SetBytes(int64(len(article)))
	for b.Loop() {
		tsvector(article)
	}
}

func BenchmarkOpening(b *testing.B) {
	article := testutil.FoundingArticle(b)
	for b.Loop() {
		opening(article)
	}
}

func BenchmarkParseQuery(b *testing.B) {
	for b.Loop() {
		if _, err := parseQuery(`"Velyka Novosilka" Izyum OR Kupians* Ізюм`); err != nil {
			b.Fatal(err)
		}
	}
}
