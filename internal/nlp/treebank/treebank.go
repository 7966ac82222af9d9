// Package treebank loads the training and test data of the language models: UD
// English-EWT, the open-licence part of GUM and Universal NER over EWT, as found in
// ../shared/data/ud beside the repository. Only training, evaluation and tests read
// it; the product never does.
package treebank

import (
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

// Dir finds the treebank directory: walking up from start to the directory holding
// go.mod, then ../shared/data/ud beside it.
func Dir(start string) (string, error) {
	root, err := ModuleRoot(start)
	if err != nil {
		return "", err
	}
	ud := filepath.Join(root, "..", "shared", "data", "ud")
	if _, err := os.Stat(filepath.Join(ud, EWTTrain)); err != nil {
		return "", fmt.Errorf("treebanks not found in %s: %w", ud, err)
	}
	return filepath.Clean(ud), nil
}

// ModuleRoot is the nearest directory at or above start that holds go.mod.
func ModuleRoot(start string) (string, error) {
	d, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("no go.mod above " + start)
		}
		d = parent
	}
}

// Files of the data set, by short name.
const (
	EWTTrain   = "en_ewt-ud-train.conllu.gz"
	EWTDev     = "en_ewt-ud-dev.conllu.gz"
	EWTTest    = "en_ewt-ud-test.conllu.gz"
	GUMTrain   = "gum-open-train.conllu.gz"
	GUMDev     = "gum-open-dev.conllu.gz"
	GUMTest    = "gum-open-test.conllu.gz"
	UNERTrain  = "uner-ewt-train.prelim2022.iob2.gz"
	UNERDev    = "uner-ewt-dev.iob2.gz"
	UNERTest   = "uner-ewt-test.iob2.gz"
	GUMDocList = "gum-docs.tsv.gz"
)

func open(dir, name string) (*os.File, *gzip.Reader, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, nil, err
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, z, nil
}

// CoNLLU reads a gzip'd CoNLL-U file of the data set.
func CoNLLU(dir, name string) ([]*conllu.Sentence, error) {
	f, z, err := open(dir, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadAll(z, name)
}

// IOB2 reads a gzip'd Universal NER file of the data set.
func IOB2(dir, name string) ([]*conllu.TaggedSentence, error) {
	f, z, err := open(dir, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadIOB2(z, name)
}

// RawText rebuilds the plain text of sentences as the CoNLL 2018 shared task did:
// documents and paragraphs separated by a blank line, sentences of a paragraph by a
// space, tokens by a space unless SpaceAfter=No.
func RawText(sents []*conllu.Sentence) string {
	var b strings.Builder
	glue := false // no space after the last token
	for i, s := range sents {
		if i > 0 {
			switch {
			case s.NewDoc() || s.NewPar():
				b.WriteString("\n\n")
			case !glue:
				b.WriteByte(' ')
			}
		}
		toks := s.Tokens()
		for k, t := range toks {
			b.WriteString(t.Form)
			if k < len(toks)-1 && t.SpaceAfter {
				b.WriteByte(' ')
			}
		}
		glue = len(toks) > 0 && !toks[len(toks)-1].SpaceAfter
	}
	b.WriteByte('\n')
	return b.String()
}

// DocOf returns the document of a sentence id of EWT, UNER-EWT or GUM: the id
// without its trailing "-" and sentence number ("GUM_academic_art-12" →
// "GUM_academic_art"); an id without one is its own document.
func DocOf(sentID string) string {
	i := strings.LastIndexByte(sentID, '-')
	if i < 0 || i == len(sentID)-1 {
		return sentID
	}
	for _, c := range sentID[i+1:] {
		if c < '0' || c > '9' {
			return sentID
		}
	}
	return sentID[:i]
}
