// Package nlp is sitrep's language core: it turns raw text into a Doc of tokens with
// exact code-point offsets, sentences, parts of speech, dependency trees and named
// entities, which every later stage (places, quotes, claims, events) reads.
//
// The pipeline is tokenize → sentences → tagger → parser → entities, each a
// package under internal/nlp; the trained models are embedded in the binary and
// loaded once, on first use.
package nlp

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/models"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/parser"
	"github.com/sitrep/sitrep/internal/nlp/tagger"
)

// Models are the trained components. They are safe for concurrent use.
type Models struct {
	Tagger *tagger.Tagger
	Parser *parser.Parser
	NER    *ner.Recognizer
}

var (
	loadOnce sync.Once
	loaded   *Models
	loadErr  error
)

// Load returns the embedded models, decoding them on first use.
func Load() (*Models, error) {
	loadOnce.Do(func() { loaded, loadErr = decodeModels(models.Read) })
	return loaded, loadErr
}

func decodeModels(read func(string) ([]byte, error)) (*Models, error) {
	m := &Models{Tagger: &tagger.Tagger{}, Parser: &parser.Parser{}, NER: &ner.Recognizer{}}
	for _, c := range []struct {
		name string
		u    interface{ UnmarshalBinary([]byte) error }
	}{{models.Tagger, m.Tagger}, {models.Parser, m.Parser}, {models.NER, m.NER}} {
		b, err := read(c.name)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", c.name, err)
		}
		if err := c.u.UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("load %s: %w", c.name, err)
		}
		// The decompressed file is garbage now: collect it before the next
		// model is decoded, so that the peak of resident memory holds one
		// model's file, not three (sitrep parse: 156 MB → see STATUS).
		b = nil
		// The three models carry the same word clusters: keep one copy.
		m.Parser.ShareClusters(m.Tagger.Clusters())
		m.NER.ShareClusters(m.Tagger.Clusters())
		runtime.GC()
	}
	if m.NER.HasNet() {
		b, err := read(models.Vectors)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", models.Vectors, err)
		}
		v, err := lex.ReadVectors(b)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", models.Vectors, err)
		}
		if err := m.NER.UseVectors(v); err != nil {
			return nil, fmt.Errorf("load %s: %w", models.Vectors, err)
		}
	}
	return m, nil
}

// Vectors reads the embedded word vectors (see models.Vectors).
func Vectors() (*lex.Vectors, error) {
	b, err := models.Read(models.Vectors)
	if err != nil {
		return nil, err
	}
	return lex.ReadVectors(b)
}
