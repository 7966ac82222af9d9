package parser_test

import (
	"os"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/parser"
)

// A searched path that comes back to a configuration of the greedy path that the
// features cannot tell apart is the greedy path from there on, and one that could
// not win even were its every step from there certain can stop: ending paths
// there changes no parse of real news (and saves a third of the search's time).
func TestSearchShortcutsExact(t *testing.T) {
	m, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	var text string
	for _, f := range []string{"../testdata/news.txt", "../testdata/founding.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text += string(b) + "\n\n"
	}
	opt := nlp.Options{NoEntities: true, Search: nlp.SearchPaths}
	fast := m.Annotate(text, nil, opt)
	parser.SetShortcuts(false)
	defer parser.SetShortcuts(true)
	full := m.Annotate(text, nil, opt)
	greedy := m.Annotate(text, nil, nlp.Options{NoEntities: true})
	changed := 0
	for i, tok := range full.Tokens {
		if fast.Tokens[i].Head != tok.Head || fast.Tokens[i].Deprel != tok.Deprel {
			t.Fatalf("token %d %q: %d %s with shortcuts, %d %s without", i, tok.Text,
				fast.Tokens[i].Head, fast.Tokens[i].Deprel, tok.Head, tok.Deprel)
		}
		if greedy.Tokens[i].Head != tok.Head {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the search changed no head: the test tests nothing")
	}
}
