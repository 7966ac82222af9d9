//go:build ignore

// gen.go copies the sample reporting into reporting/: the shared corpus (articles as
// crawled, in plain text) and the input readers' real test material (a feed, a page,
// a web archive). Run with 'go generate ./internal/sample' from a checkout that has
// ../shared beside it.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	// Paths are relative to internal/sample, where go generate runs.
	sources := map[string]string{
		"../../../shared/corpus": ".txt",
	}
	extra := []string{}
	for dir, ext := range sources {
		entries, err := os.ReadDir(dir)
		if err != nil {
			fail(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ext) {
				extra = append(extra, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, src := range append(extra, testMaterial...) {
		b, err := os.ReadFile(src)
		if err != nil {
			fail(err)
		}
		dst := filepath.Join("reporting", filepath.Base(src))
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			fail(err)
		}
		fmt.Println("sample:", dst, len(b), "bytes")
	}
}

// testMaterial are files of the input readers' testdata worth showing in a demo.
var testMaterial = []string{
	"../input/testdata/blinken-press.txt",
	"../input/testdata/dod-donbas.html",
	"../input/testdata/dodnews.rss",
	"../input/testdata/voanews.atom",
	"../input/testdata/golos-1251.rss",
	"../input/testdata/dodnews.warc.gz",
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
