//go:build ignore

// gen.go copies the sample reporting into reporting/: the shared corpus (articles as
// crawled, in plain text, with their metadata, as a JSONL batch) and the input readers' real test material (a feed, a page,
// a web archive). Run with 'go generate ./internal/sample' from a checkout that has
// ../shared beside it. reporting/kharkiv-2022.jsonl is not generated: it is kept by
// hand, and reporting/README.md says where each of its texts comes from.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	// Paths are relative to internal/sample, where go generate runs. The corpus
	// articles carry no metadata of their own; what the corpus README says of each
	// goes beside the verbatim text in one JSONL line.
	var lines []byte
	for _, c := range corpus {
		b, err := os.ReadFile(filepath.Join("../../../shared/corpus", c.ID+".txt"))
		if err != nil {
			fail(err)
		}
		line, err := json.Marshal(map[string]string{"id": c.ID, "text": string(b), "url": c.URL, "outlet": c.Outlet, "published": c.Published})
		if err != nil {
			fail(err)
		}
		lines = append(append(lines, line...), '\n')
	}
	if err := os.WriteFile("reporting/corpus.jsonl", lines, 0o644); err != nil {
		fail(err)
	}
	fmt.Println("sample: reporting/corpus.jsonl", len(corpus), "documents")
	for _, src := range testMaterial {
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

// corpus lists the shared corpus's articles with the metadata its README gives.
var corpus = []struct{ ID, URL, Outlet, Published string }{
	{"000_c4534293001b59dc", "https://sofrep.com/news/russians-lose-momentum-amid-massive-losses-ukraine-continues-counteroffensive-in-izyum/", "SOFREP", "2022-05-15"},
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
