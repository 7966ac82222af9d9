// Package testutil finds the material tests read from outside the repository: the
// project's shared folder (../shared beside the checkout), which holds the founding
// article and the training data. Only tests import it.
package testutil

import (
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
