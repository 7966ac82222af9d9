package train

import (
	"fmt"
	"hash/fnv"
	"io"
	"time"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/score"
	"github.com/sitrep/sitrep/internal/nlp/tagger"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// Fold is one fold of a cross-validation of the recogniser: the sentences of
// UNER-EWT train (on the EWT words) and of GUM train whose documents fall in
// it, their gold names, and its F1 on each, scored with the name rules.
type Fold struct {
	UNER, GUM           []*conllu.Sentence
	UNERGold, GUMGold   [][]conllu.Span
	UNERScore, GUMScore score.F
}

// CrossValidate scores the recogniser's recipe (cfg) on folds documents of
// UNER-EWT train and GUM train, each fold by a recogniser trained on the other
// folds (and on dev, as cfg.NERWithDev says), with the name rules, as sitrep
// reads text. Its figures rest on 7,000 and 4,500 names, where dev holds 966
// and 456. A fold is read with parts of speech from a tagger trained (as
// cfg's) without the fold's documents: with the embedded tagger, which learnt
// from every fold, the figures were kind to a recogniser that leans on the
// tags.
func CrossValidate(dir string, cfg Config, folds int, log io.Writer) ([]Fold, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(log, format+"\n", args...) }
	t0 := time.Now()
	data, err := LoadData(dir)
	if err != nil {
		return nil, err
	}
	m, err := embedded(func(name string) bool { return name == "ner" })
	if err != nil {
		return nil, err
	}
	wordClasses, clusters, err := lexicons()
	if err != nil {
		return nil, err
	}
	opt, err := nerOptions(cfg, wordClasses, clusters)
	if err != nil {
		return nil, err
	}
	trainSents := append(append([]*conllu.Sentence{}, data.EWTTrain...), data.GUMTrain...)
	jack := jackknife(trainSents, cfg, wordClasses, clusters, logf)
	all := nerTrainingSet(data, jack) // UNER train's sentences, then GUM train's
	us, uspans, _ := treebank.UNEROnTreebank(data.UNERTrain, data.EWTTrain)
	gspans := GUMNamedSpans(data.GUMTrain)
	var dev []ner.Example
	if cfg.NERWithDev {
		dev = nerDevSet(data, m.Tagger)
	}
	out := make([]Fold, folds)
	for f := range out {
		fo := &out[f]
		var ex []ner.Example
		for i, s := range us {
			if foldOf(s.ID(), folds) == f {
				fo.UNER, fo.UNERGold = append(fo.UNER, s), append(fo.UNERGold, uspans[i])
			} else {
				ex = append(ex, all[i])
			}
		}
		for i, s := range data.GUMTrain {
			if foldOf(s.ID(), folds) == f {
				fo.GUM, fo.GUMGold = append(fo.GUM, s), append(fo.GUMGold, gspans[i])
			} else {
				ex = append(ex, all[len(us)+i])
			}
		}
		ex = append(ex, dev...)
		fm := *m
		fm.Tagger = foldTagger(trainSents, f, folds, cfg, wordClasses, clusters)
		fm.NER = ner.Train(ex, opt)
		fo.UNERScore = score.Entities(fo.UNERGold, sentenceSpans(&fm, fo.UNER))
		fo.GUMScore = score.Entities(fo.GUMGold, sentenceSpans(&fm, fo.GUM))
		logf("fold %d: %d training sentences; UNER-EWT F1 %.2f (%d names), GUM %.2f (%d) (%s)", f, len(ex),
			100*fo.UNERScore.F1(), fo.UNERScore.Gold, 100*fo.GUMScore.F1(), fo.GUMScore.Gold, since(t0))
	}
	return out, nil
}

// foldTagger trains a tagger, as cfg's, on the sentences of sents outside fold
// f.
func foldTagger(sents []*conllu.Sentence, f, folds int, cfg Config, wordClasses map[string]string, clusters *lex.Clusters) *tagger.Tagger {
	return tagger.Train(TaggerExamples(outsideFold(sents, f, folds), true), heldOutTagger(cfg, wordClasses, clusters))
}

// outsideFold gives the sentences of sents whose documents are not in fold f.
func outsideFold(sents []*conllu.Sentence, f, folds int) []*conllu.Sentence {
	var out []*conllu.Sentence
	for _, s := range sents {
		if foldOf(s.ID(), folds) != f {
			out = append(out, s)
		}
	}
	return out
}

// foldOf puts a sentence's document in one of n folds.
func foldOf(sentID string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(treebank.DocOf(sentID)))
	return int(h.Sum32() % uint32(n))
}

// sentenceSpans finds the names of treebank sentences as entitySpans does.
func sentenceSpans(m *nlp.Models, sents []*conllu.Sentence) [][]conllu.Span {
	ids, words := make([]string, len(sents)), make([][]string, len(sents))
	for i, s := range sents {
		ids[i] = s.ID()
		for _, w := range s.Words {
			words[i] = append(words[i], w.Form)
		}
	}
	return entitySpans(m, ids, words)
}

// Total adds up the folds' scores.
func Total(folds []Fold) (uner, gum score.F) {
	for _, f := range folds {
		uner = addF(uner, f.UNERScore)
		gum = addF(gum, f.GUMScore)
	}
	return uner, gum
}

func addF(a, b score.F) score.F {
	return score.F{Correct: a.Correct + b.Correct, Gold: a.Gold + b.Gold, System: a.System + b.System}
}
