package train

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// The figures issue 3 asks for, on the test splits.
var issueFloors = map[string]float64{
	"UPOS": 96.0, "UAS": 87, "LAS": 84, "raw LAS": 78, "UNER F1": 80, "GUM F1": 80,
	"UAS, search": 87, "LAS, search": 84, "raw LAS, search": 78,
}

// regressionFloors are what the committed models reach on the sample, less a
// margin: falling below them means a change made the models worse.
var regressionFloors = map[string]float64{
	"UPOS": 96.0, "UAS": 84.5, "LAS": 81.5, "raw LAS": 78.5, "UNER F1": 76, "GUM F1": 65,
	"UAS, search": 85.8, "LAS, search": 82.9, "raw LAS, search": 80,
}

func dataDir(t *testing.T) string {
	dir, err := treebank.Dir(".")
	if err != nil {
		if os.Getenv("SITREP_REQUIRE_SHARED") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return dir
}

// every keeps every k-th item: a fixed sample, small enough for CI.
func every[T any](xs []T, k int) []T {
	var out []T
	for i := 0; i < len(xs); i += k {
		out = append(out, xs[i])
	}
	return out
}

// TestRegression scores the committed models on a fixed quarter of the test splits.
// It fails below the regression floors; with SITREP_REQUIRE_FLOORS=1 it also fails
// below the issue's floors (which the models do not all reach yet, see STATUS.md).
func TestRegression(t *testing.T) {
	dir := dataDir(t)
	m, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	d, err := LoadData(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Whole documents for raw text, so that paragraphs stay intact.
	sample := &Data{
		EWTTest:  firstDocs(d.EWTTest, 520),
		UNERTest: every(d.UNERTest, 4),
		GUMTest:  every(d.GUMTest, 4),
	}
	r, err := Evaluate(m, sample, "test")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{
		"UPOS": 100 * r.Gold.UPOS.F1(), "UAS": 100 * r.Gold.UAS.F1(), "LAS": 100 * r.Gold.LAS.F1(),
		"raw LAS": 100 * r.Raw.LAS.F1(), "UNER F1": 100 * r.UNER.F1(), "GUM F1": 100 * r.GUM.F1(),
		"UAS, search": 100 * r.SearchGold.UAS.F1(), "LAS, search": 100 * r.SearchGold.LAS.F1(),
		"raw LAS, search": 100 * r.SearchRaw.LAS.F1(),
	}
	strict := os.Getenv("SITREP_REQUIRE_FLOORS") == "1"
	for _, k := range []string{"UPOS", "UAS", "LAS", "raw LAS", "UNER F1", "GUM F1", "UAS, search", "LAS, search", "raw LAS, search"} {
		v := got[k]
		t.Logf("%-16s %6.2f  (issue floor %.1f)", k, v, issueFloors[k])
		if v < regressionFloors[k] {
			t.Errorf("%s %.2f below the regression floor %.1f", k, v, regressionFloors[k])
		}
		if strict && v < issueFloors[k] {
			t.Errorf("%s %.2f below the issue's floor %.1f", k, v, issueFloors[k])
		}
	}
	// The search parses better than the greedy parser (on this sample, with 5
	// paths, by 1.1 UAS, 0.9 LAS and 0.7 raw-text LAS).
	for _, k := range []string{"UAS", "LAS", "raw LAS"} {
		if gain := got[k+", search"] - got[k]; gain < 0.5 {
			t.Errorf("%s: the search gains %.2f over greedy parsing, want at least 0.5", k, gain)
		}
	}
}

// firstDocs keeps the first sentences of the split, up to n, ending at a document
// boundary.
func firstDocs(s []*conllu.Sentence, n int) []*conllu.Sentence {
	end := min(n, len(s))
	for end < len(s) && !s[end].NewDoc() {
		end++
	}
	return s[:end]
}

// A model name that --only does not know is an error, before any data is read.
func TestRunOnlyUnknown(t *testing.T) {
	cfg := Default
	cfg.Only = "lemmatizer"
	if _, err := Run(t.TempDir(), "", cfg, io.Discard); err == nil || !strings.Contains(err.Error(), "lemmatizer") {
		t.Errorf("Run with Only %q: %v", cfg.Only, err)
	}
}

// The output folder is made before training, and an output path that cannot be a
// folder is an error before any data is read.
func TestRunOutFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "new", "models")
	cfg := Default
	cfg.Only = "tagger"
	// No treebanks in dir: Run fails reading them, after making the folder.
	if _, err := Run(dir, out, cfg, io.Discard); err == nil {
		t.Fatal("Run without treebanks succeeded")
	}
	if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
		t.Errorf("output folder not made: %v", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(dir, filepath.Join(file, "models"), cfg, io.Discard); err == nil || !strings.Contains(err.Error(), "output folder") {
		t.Errorf("output below a file: %v", err)
	}
}
