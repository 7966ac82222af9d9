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

// sentences returns the models, and the words and tags of the sentences of the
// test articles.
func sentences(t *testing.T) (m *nlp.Models, words, tags [][]string) {
	t.Helper()
	m, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"../testdata/news.txt", "../testdata/founding.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := m.Annotate(string(b), nil, nlp.Options{NoEntities: true, NoParse: true})
		for _, s := range doc.Sentences {
			var w, g []string
			for _, tok := range doc.Tokens[s.First : s.Last+1] {
				w = append(w, tok.Text)
			}
			for _, c := range m.Tagger.Tag(w) {
				g = append(g, m.Tagger.Tags[c])
			}
			words, tags = append(words, w), append(tags, g)
		}
	}
	return m, words, tags
}

// The parser keeps the sums of the features that depend only on where a
// configuration looks, by place, for the rest of the sentence: every score of
// every configuration, greedy or searched, comes out the same, bit for bit, as
// adding all the features afresh.
func TestCachedSumsExact(t *testing.T) {
	m, words, tags := sentences(t)
	steps := 0
	for i := range words {
		for _, paths := range []int{1, nlp.SearchPaths} {
			want := m.Parser.SearchScores(words[i], tags[i], paths, false)
			if got := m.Parser.SearchScores(words[i], tags[i], paths, true); !parser.SameScores(got, want) {
				t.Fatalf("sentence %d %q, %d paths: scores differ with the sums kept", i, words[i], paths)
			}
			steps += len(want) / (1 + 2*len(m.Parser.Labels))
		}
	}
	if steps < 1000 {
		t.Fatalf("%d steps scored: too few to test", steps)
	}
}

// markInvalid, which the search calls at every step, rules out what valid and
// allowed rule out, transition by transition.
func TestMarkInvalid(t *testing.T) {
	m, words, tags := sentences(t)
	steps := 0
	for i := range words {
		n, err := m.Parser.CheckMarks(words[i], tags[i])
		if err != nil {
			t.Fatalf("sentence %d %q: %v", i, words[i], err)
		}
		steps += n
	}
	if steps < 1000 {
		t.Fatalf("%d steps: too few to test", steps)
	}
}
