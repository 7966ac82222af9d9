// Package models holds the trained language models, embedded in the binary. The
// files are written by `sitrep train` from ../shared/data/ud; each is a gzip'd
// perceptron model (see package perceptron) with the component's own tables.
package models

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
)

// The model files live in data/ beside a README, so that the package builds
// before the first training run.
//
//go:embed data
var files embed.FS

// Names of the model files.
const (
	Tagger = "tagger.bin.gz"
	Parser = "parser.bin.gz"
	NER    = "ner.bin.gz"
)

// Read returns the decompressed contents of an embedded model file.
func Read(name string) ([]byte, error) {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	return Gunzip(b, name)
}

// Gunzip decompresses a model file's bytes.
func Gunzip(b []byte, name string) ([]byte, error) {
	z, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	out, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return out, nil
}

// Gzip compresses a model for committing, deterministically (no name, no time).
func Gzip(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	z, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := z.Write(b); err != nil {
		return nil, err
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
