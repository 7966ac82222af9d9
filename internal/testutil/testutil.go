// Package testutil finds the material tests read from outside the repository: the
// project's shared folder (../shared beside the checkout), which holds the founding
// article and the training data. Only tests import it.
package testutil

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns the path of ../shared beside the repository root. When it is
// absent the test is skipped, unless SITREP_REQUIRE_SHARED=1 (as in CI), when it fails.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		if os.Getenv("SITREP_REQUIRE_SHARED") == "1" {
			t.Fatalf("shared folder %s is required (SITREP_REQUIRE_SHARED=1): %v", shared, err)
		}
		t.Skipf("shared folder %s not found; skipping", shared)
	}
	return shared
}

// FoundingArticle returns the text of ../shared/corpus/000_c4534293001b59dc.txt.
func FoundingArticle(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(SharedDir(t), "corpus", "000_c4534293001b59dc.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// NewsCorpus returns the texts of a mixed news corpus for benchmarks, read from
// ../shared/eval (never copied into the repository): the GeoWebNews and TR-News
// documents (world and local news, web text), the PolNeAR-dev articles (US
// election coverage) and the news-dev war reporting — 426 documents, about 194,000
// words.
func NewsCorpus(t testing.TB) []string {
	t.Helper()
	eval := filepath.Join(SharedDir(t), "eval")
	var texts []string
	for _, name := range []string{"geoparse/GeoWebNews/docs.jsonl", "geoparse/TR-News/docs.jsonl"} {
		data, err := os.ReadFile(filepath.Join(eval, name))
		if err != nil {
			t.Fatal(err)
		}
		for line := range bytes.Lines(data) {
			var d struct{ Text string }
			if err := json.Unmarshal(line, &d); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			texts = append(texts, d.Text)
		}
	}
	polnear, _ := filepath.Glob(filepath.Join(eval, "attribution/PolNeAR-dev/text/*.txt"))
	for _, f := range polnear {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	news, _ := filepath.Glob(filepath.Join(eval, "news-dev/[0-9]*.json"))
	for _, f := range news {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d struct{ Text string }
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		texts = append(texts, d.Text)
	}
	if len(texts) < 400 {
		t.Fatalf("found %d documents under %s; the eval sets should give 426", len(texts), eval)
	}
	return texts
}
