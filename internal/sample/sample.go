// Package sample carries the sample reporting built into the binary, so that a fresh
// machine can run sitrep on real documents with nothing else installed
// ('sitrep demo'). Most files are copied in by gen.go (go generate) from the
// project's shared corpus and from the input readers' test material; the Kharkiv
// batch (the demo's story: the counteroffensive of September 2022) is kept by hand.
// README.md in reporting/ credits each one.
package sample

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

//go:generate go run gen.go

//go:embed reporting
var files embed.FS

// Names lists the sample documents, sorted.
func Names() []string {
	var out []string
	entries, _ := fs.ReadDir(files, "reporting")
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "README.md" {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// WriteTo copies the sample documents into dir and returns their paths, so they go
// through the same readers as any user's files.
func WriteTo(dir string) ([]string, error) {
	var paths []string
	for _, n := range Names() {
		b, err := files.ReadFile("reporting/" + n)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
