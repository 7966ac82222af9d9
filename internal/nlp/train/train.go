// Package train rebuilds sitrep's language models from the treebanks in
// ../shared/data/ud, reproducibly: fixed seeds, fixed data order, fixed epochs. It
// tunes nothing on test data; test figures are only reported.
package train

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/parser"
	"github.com/sitrep/sitrep/internal/nlp/tagger"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// TagTarget chooses what the tagger predicts for a word.
func TagTarget(w conllu.Word, joint bool) string {
	if joint {
		return w.UPOS + "|" + w.XPOS
	}
	return w.UPOS
}

// TaggerExamples turns treebank sentences into tagger examples.
func TaggerExamples(sents []*conllu.Sentence, joint bool) []tagger.Example {
	out := make([]tagger.Example, 0, len(sents))
	for _, s := range sents {
		ex := tagger.Example{Words: make([]string, len(s.Words)), Tags: make([]string, len(s.Words))}
		for i, w := range s.Words {
			ex.Words[i] = w.Form
			ex.Tags[i] = TagTarget(w, joint)
		}
		out = append(out, ex)
	}
	return out
}

// NERFromTreebank makes entity examples from treebank sentences and their gold
// spans, with parts of speech from tg.
func NERFromTreebank(sents []*conllu.Sentence, spans [][]conllu.Span, tg *tagger.Tagger) []ner.Example {
	out := make([]ner.Example, 0, len(sents))
	for k, s := range sents {
		ex := ner.Example{Words: make([]string, len(s.Words))}
		for i, w := range s.Words {
			ex.Words[i] = w.Form
		}
		ex.POS = uposOf(tg, ex.Words)
		for _, e := range spans[k] {
			ex.Entities = append(ex.Entities, ner.Span{Start: e.Start, End: e.End, Type: e.Type})
		}
		out = append(out, ex)
	}
	return out
}

// NERFromIOB2 makes entity examples from Universal NER sentences, on their own
// tokens, with parts of speech from tg.
func NERFromIOB2(sents []*conllu.TaggedSentence, tg *tagger.Tagger) []ner.Example {
	out := make([]ner.Example, 0, len(sents))
	for _, s := range sents {
		ex := ner.Example{Words: s.Forms, POS: uposOf(tg, s.Forms)}
		for _, e := range conllu.SpansFromBIO(s.Tags) {
			ex.Entities = append(ex.Entities, ner.Span{Start: e.Start, End: e.End, Type: e.Type})
		}
		out = append(out, ex)
	}
	return out
}

// classesOf tags words with the tagger's full classes ("PROPN|NNP").
func classesOf(tg *tagger.Tagger, words []string) []string {
	var out []string
	for _, c := range tg.Tag(words) {
		out = append(out, tg.Tags[c])
	}
	return out
}

// UPOSPart keeps the UPOS of "UPOS|XPOS" classes.
func UPOSPart(tags []string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i], _, _ = strings.Cut(t, "|")
	}
	return out
}

func uposOf(tg *tagger.Tagger, words []string) []string {
	tags := tg.Tag(words)
	out := make([]string, len(tags))
	for i, c := range tags {
		out[i] = tg.UPOS(c)
	}
	return out
}

// GUMNamedSpans lists each sentence's named mentions (see treebank.GUMNamed).
func GUMNamedSpans(sents []*conllu.Sentence) [][]conllu.Span {
	out := make([][]conllu.Span, len(sents))
	for i, s := range sents {
		out[i] = treebank.GUMNamed(s)
	}
	return out
}

// Jackknife tags each sentence with a tagger trained on the other folds, so that
// the parser and the entity recogniser learn from tags as good as they will see.
// The tags are the tagger's full classes, "UPOS|XPOS"; opt is the tagger's recipe
// (each fold's seed is opt.Seed plus the fold's number).
func Jackknife(sents []*conllu.Sentence, folds int, opt tagger.Options) [][]string {
	out := make([][]string, len(sents))
	for f := range folds {
		var train []*conllu.Sentence
		for i, s := range sents {
			if i%folds != f {
				train = append(train, s)
			}
		}
		fo := opt
		fo.Seed += uint64(f)
		tg := tagger.Train(TaggerExamples(train, true), fo)
		for i := f; i < len(sents); i += folds {
			words := make([]string, len(sents[i].Words))
			for k, w := range sents[i].Words {
				words[k] = w.Form
			}
			out[i] = classesOf(tg, words)
		}
	}
	return out
}

// ParserExamples turns treebank sentences into parser examples with the given
// tags (gold "UPOS|XPOS" when tags is nil).
func ParserExamples(sents []*conllu.Sentence, tags [][]string) []parser.Example {
	out := make([]parser.Example, 0, len(sents))
	for k, s := range sents {
		n := len(s.Words)
		ex := parser.Example{Words: make([]string, n), Tags: make([]string, n), Heads: make([]int, n), Rels: make([]string, n)}
		for i, w := range s.Words {
			ex.Words[i] = w.Form
			ex.Tags[i] = w.UPOS + "|" + w.XPOS
			if tags != nil {
				ex.Tags[i] = tags[k][i]
			}
			ex.Heads[i] = max(w.Head, 0)
			ex.Rels[i] = w.Deprel
		}
		out = append(out, ex)
	}
	return out
}

// lexicon.txt.gz holds the tagger's word-class lexicon, a word and its classes a
// line, written by ./lexgen from WordNet and the SCOWL word list.
//
//go:embed lexicon.txt.gz
var lexiconFile []byte

// WordClasses reads the tagger's word-class lexicon: lowercased word → classes.
func WordClasses() (map[string]string, error) {
	text, err := gunzip("lexicon.txt.gz", lexiconFile)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for line := range strings.Lines(text) {
		w, c, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok {
			return nil, fmt.Errorf("lexicon.txt.gz: bad line %q", line)
		}
		out[w] = c
	}
	return out, nil
}

// gunzip decompresses the embedded file name.
func gunzip(name string, b []byte) (string, error) {
	z, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	text, err := io.ReadAll(z)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return string(text), nil
}

// places.txt.gz holds the place names of the recogniser's place feature, one a line,
// written by ./placesgen from the world gazetteer.
//
//go:embed places.txt.gz
var placesFile []byte

// PlaceNames lists the place names of the recogniser's place feature.
func PlaceNames() ([]string, error) {
	text, err := gunzip("places.txt.gz", placesFile)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n"), nil
}

// clusters.txt.gz holds word clusters from the GloVe 6B vectors, a lowercased word
// a line with its cluster at each level and its name-type votes (persons, places,
// organisations among its nearest training name words), written by
// ./clustergen.
//
//go:embed clusters.txt.gz
var clustersFile []byte

// WordClusters reads the word clusters. A word's name-type vote (lex.NameVote)
// is the type most of its neighbours are of, with their share in tenths, halved:
// type × 6 + tenths / 2.
func WordClusters() (*lex.Clusters, error) {
	text, err := gunzip("clusters.txt.gz", clustersFile)
	if err != nil {
		return nil, err
	}
	m := map[string]lex.Cluster{}
	for line := range strings.Lines(text) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 1+lex.ClusterLevels+3 {
			return nil, fmt.Errorf("clusters.txt.gz: bad line %q", line)
		}
		var n [lex.ClusterLevels + 3]int
		for i := range n {
			n[i], err = strconv.Atoi(f[1+i])
			if err != nil || n[i] < 0 || n[i] > 0xfffe {
				return nil, fmt.Errorf("clusters.txt.gz: bad line %q", line)
			}
		}
		var c lex.Cluster
		for l := range lex.ClusterLevels {
			c[l] = uint16(n[l])
		}
		votes := n[lex.ClusterLevels:]
		best, total := 0, 0
		for t := range votes {
			if votes[t] > votes[best] {
				best = t
			}
			total += votes[t]
		}
		share := 0 // in tenths, halved
		if total > 0 {
			share = 10 * votes[best] / total / 2
		}
		c[lex.NameVote] = uint16(best*6 + share)
		m[f[0]] = c
	}
	return lex.NewClusters(m)
}
