// Package models holds the trained language models, embedded in the binary. The
// files are written by `sitrep train` from ../shared/data/ud; each is a perceptron
// model (see package perceptron) with the component's own tables, compressed with
// Zstandard (package zst).
package models

import (
	"embed"

	"github.com/sitrep/sitrep/internal/zst"
)

// The model files live in data/ beside a README, so that the package builds
// before the first training run.
//
//go:embed data
var files embed.FS

// Names of the model files.
const (
	Tagger = "tagger.bin.zst"
	Parser = "parser.bin.zst"
	NER    = "ner.bin.zst"
	// Vectors are the words' GloVe vectors cut to their main axes (written by
	// internal/nlp/train/clustergen, not by training), which the recogniser's
	// window network reads.
	Vectors = "vectors.bin.zst"
)

// Read returns the decompressed contents of an embedded model file.
func Read(name string) ([]byte, error) {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	return zst.Decompress(b, "model "+name)
}
