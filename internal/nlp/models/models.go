// Package models holds the trained language models, embedded in the binary. The
// files are written by `sitrep train` from ../shared/data/ud; each is a perceptron
// model (see package perceptron) with the component's own tables, compressed with
// Zstandard (package zst).
package models

import (
	_ "embed"
	"fmt"
	"unsafe"

	"github.com/sitrep/sitrep/internal/zst"
)

// The model files live in data/ beside a README. They are embedded as strings,
// which the decompressor reads in place: embed.FS.ReadFile would copy each
// first (25 MB in all), and the copies raised `sitrep parse`'s peak resident
// memory by 11 MB (123.6 → 112.5 MB on the founding article).
var (
	//go:embed data/tagger.bin.zst
	taggerFile string
	//go:embed data/parser.bin.zst
	parserFile string
	//go:embed data/ner.bin.zst
	nerFile string
	//go:embed data/vectors.bin.zst
	vectorsFile string
)

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
	var f string
	switch name {
	case Tagger:
		f = taggerFile
	case Parser:
		f = parserFile
	case NER:
		f = nerFile
	case Vectors:
		f = vectorsFile
	default:
		return nil, fmt.Errorf("no embedded model %q", name)
	}
	// The decompressor only reads its input, so the string's bytes, which must
	// not be written, are safe to hand it.
	return zst.Decompress(unsafe.Slice(unsafe.StringData(f), len(f)), "model "+name)
}
