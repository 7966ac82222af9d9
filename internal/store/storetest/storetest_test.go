package storetest

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/record"
)

// Every text the suite carries is used and has its source written down.
func TestTextsHaveSources(t *testing.T) {
	sources, err := os.ReadFile("testdata/SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(texts, "testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(docs) {
		t.Errorf("%d texts in testdata, %d documents in docs", len(files), len(docs))
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "testdata/")
		if !strings.Contains(string(sources), "| "+name+" |") {
			t.Errorf("%s: no row in testdata/SOURCES.md", name)
		}
	}
	for _, r := range corpus(t) {
		if strings.TrimSpace(r.Text) == "" {
			t.Errorf("%s: empty text", r.ID)
		}
	}
}

func TestRecords(t *testing.T) {
	a, b := Records(50), Records(60)
	seen := map[string]bool{}
	for i, r := range a {
		h := record.ContentHash(r.Text)
		if seen[h] {
			t.Errorf("record %d repeats the text of an earlier one", i)
		}
		seen[h] = true
		// The same n, or a larger one, gives the same records: a crash test
		// rebuilds what another process wrote.
		if b[i].Text != r.Text || b[i].ID != r.ID {
			t.Errorf("record %d differs between Records(50) and Records(60)", i)
		}
	}
}

func TestFoundingArticle(t *testing.T) {
	text := foundingArticle(t)
	// The article DESIGN.md describes: both spellings of the town, and its debris.
	for _, s := range []string{"Izium [Izyum]", "Read Next:", "Siverskyi Donets"} {
		if !strings.Contains(text, s) {
			t.Errorf("founding article lacks %q", s)
		}
	}
}
