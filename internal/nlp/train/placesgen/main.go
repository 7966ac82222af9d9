// Command placesgen writes the place names that the entity recogniser learns its
// place feature from (internal/nlp/train/places.txt.gz), drawn from sitrep's world
// gazetteer (internal/gazetteer): the preferred names of countries, first-level
// divisions, continents, regions, water bodies, islands and peninsulas, and of
// towns of at least 15,000 people or that are capitals. The list is committed, so
// that `sitrep train` rebuilds the same models whatever becomes of the gazetteer.
//
//	go run ./internal/nlp/train/placesgen
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

const minPop = 15000

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "placesgen:", err)
		os.Exit(1)
	}
}

func run() error {
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range g.Len() {
		p := g.Place(i)
		switch {
		case p.Class == 'A' || p.Class == 'H' || p.Class == 'L' || p.Class == 'T',
			p.Class == 'P' && (p.Pop >= minPop || p.Code == "PPLC" || p.Code == "PPLA"):
			seen[p.Name] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, n := range names {
		fmt.Fprintln(z, n)
	}
	if err := z.Close(); err != nil {
		return err
	}
	root, err := treebank.ModuleRoot(".")
	if err != nil {
		return err
	}
	out := filepath.Join(root, "internal", "nlp", "train", "places.txt.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d place names written to %s\n", len(names), out)
	return nil
}
