package tagger

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Example is a tagged sentence.
type Example struct {
	Words []string
	Tags  []string
}

// Options govern training.
type Options struct {
	Epochs int
	Seed   uint64
	// Prune drops averaged weights smaller than this many quantisation steps.
	Prune float64
	// Lexicon gives, for lowercased words, the classes a word-class lexicon knows
	// them in ("nv" for a noun and a verb; see train/lexgen); it is kept in the
	// model and read for every word.
	Lexicon map[string]string
	// Bidirectional trains a second model that tags right to left; a word's
	// class may then be the best sum of both models' scores (see backGate; EWT
	// dev UPOS +0.17).
	Bidirectional bool
	// Clusters gives words their GloVe clusters (see train/clustergen).
	Clusters *lex.Clusters
	// Dev, when set, is scored after each epoch through Log.
	Dev []Example
	Log func(format string, args ...any)
}

// Train learns a tagger from examples.
func Train(train []Example, opt Options) *Tagger {
	t := &Tagger{}
	classes := map[string]int{}
	for _, ex := range train {
		for _, tag := range ex.Tags {
			classes[tag] = 0
		}
	}
	for tag := range classes {
		t.Tags = append(t.Tags, tag)
	}
	slices.Sort(t.Tags)
	for i, tag := range t.Tags {
		classes[tag] = i
	}
	t.prepare()
	t.buildLexicon(train, classes)
	t.setWordClasses(opt.Lexicon)
	t.clusters = opt.Clusters

	t.setModel(t.learn(train, classes, opt, false, t.setModel))
	if opt.Bidirectional {
		t.back = t.learn(train, classes, opt, true, func(m *perceptron.Model) { t.back = m })
	}
	return t
}

// learn trains a model tagging left to right, or right to left when back is
// set; set installs an interim model for scoring dev.
func (t *Tagger) learn(train []Example, classes map[string]int, opt Options, back bool, set func(*perceptron.Model)) *perceptron.Model {
	tr := perceptron.NewTrainer(len(t.Tags))
	stream := uint64(0x7a99e2)
	if back {
		stream = 0xb4c6
	}
	rng := rand.New(rand.NewPCG(opt.Seed, stream))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var ws []word
	var feats []uint64
	scores := make([]float32, len(t.Tags))
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, k := range order {
			ex := train[k]
			ws = t.attrs(ex.Words, ws)
			if back {
				slices.Reverse(ws)
			}
			p1, p2 := hStart, hStart
			for i := range ws {
				k := i
				if back {
					k = len(ws) - 1 - i
				}
				truth := classes[ex.Tags[k]]
				guess := int(ws[i].sure) - 1
				if guess < 0 {
					feats = features(ws, i, p1, p2, feats[:0])
					clear(scores)
					tr.Score(feats, scores)
					guess = argmax(scores)
					tr.Update(feats, truth, guess)
					tr.Tick()
				}
				if guess == truth {
					correct++
				}
				total++
				p2, p1 = p1, t.hashes[guess]
			}
		}
		if opt.Log != nil {
			dir := "left to right"
			if back {
				dir = "right to left"
			}
			msg := fmt.Sprintf("tagger (%s) epoch %d: train %.2f%%", dir, ep, 100*float64(correct)/float64(max(total, 1)))
			if opt.Dev != nil {
				set(tr.Average(opt.Prune))
				msg += fmt.Sprintf(", dev %.2f%%", 100*t.Accuracy(opt.Dev))
			}
			opt.Log("%s", msg)
		}
	}
	return tr.Average(opt.Prune)
}

// Accuracy is the share of words tagged as in examples; with UPOS|XPOS classes,
// only the UPOS part counts.
func (t *Tagger) Accuracy(examples []Example) float64 {
	correct, total := 0, 0
	for _, ex := range examples {
		got := t.Tag(ex.Words)
		for i, c := range got {
			want, _, _ := strings.Cut(ex.Tags[i], "|")
			if t.upos[c] == want {
				correct++
			}
			total++
		}
	}
	return float64(correct) / float64(max(total, 1))
}

// buildLexicon records, for words seen often enough, the set of tags they take
// (their ambiguity class) and, when one tag is near certain, that tag.
func (t *Tagger) buildLexicon(train []Example, classes map[string]int) {
	counts := map[uint64][]int{}
	for _, ex := range train {
		for i, w := range ex.Words {
			h := perceptron.String(lex.Norm(w))
			c := counts[h]
			if c == nil {
				c = make([]int, len(t.Tags))
				counts[h] = c
			}
			c[classes[ex.Tags[i]]]++
		}
	}
	t.amb = map[uint64]uint64{}
	t.sure = map[uint64]int32{}
	for h, c := range counts {
		n, best := 0, 0
		for k, v := range c {
			n += v
			if v > c[best] {
				best = k
			}
		}
		if n < minAmbCount {
			continue
		}
		cls := uint64(1469598103)
		for k, v := range c {
			if v*20 >= n { // at least 5% of uses
				cls = perceptron.F2(0, cls, t.hashes[k])
			}
		}
		t.amb[h] = cls
		if n >= minSureCount && float64(c[best]) >= 0.995*float64(n) {
			t.sure[h] = int32(best) + 1
		}
	}
}

// setWordClasses keeps the word-class lexicon hashed.
func (t *Tagger) setWordClasses(lx map[string]string) {
	if len(lx) == 0 {
		return
	}
	wlex := make(map[uint64]uint64, len(lx))
	t.common = map[uint64]bool{}
	for w, c := range lx {
		h := perceptron.String("lex:" + c)
		wlex[perceptron.String(lex.Norm(w))] = h
		if strings.ContainsAny(c, commonClasses) {
			t.common[h] = true
		}
	}
	t.wlex = perceptron.NewClassMap(wlex)
}

// commonClasses are the lexicon's classes (see train/lexgen) of words that are
// more than names: a common noun, verb, adjective or adverb of WordNet, their
// inflections, or a word the word list has in lowercase.
const commonClasses = "nvarzdgcl"

const (
	minAmbCount  = 5
	minSureCount = 20
)

// magic opens a model file (TAG5: with the word-class lexicon and which of its
// classes are of common words, the word clusters, and the right-to-left model if
// any).
const magic = "TAG5"

// MarshalBinary encodes the tagger.
func (t *Tagger) MarshalBinary() ([]byte, error) {
	b := []byte(magic)
	b = perceptron.AppendStrings(b, t.Tags)
	keys := slices.Sorted(maps.Keys(t.amb))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
		b = binary.LittleEndian.AppendUint64(b, t.amb[k])
		b = binary.AppendUvarint(b, uint64(t.sure[k]))
	}
	b = perceptron.AppendClassMap(b, t.wlex)
	common := slices.Sorted(maps.Keys(t.common))
	b = binary.AppendUvarint(b, uint64(len(common)))
	for _, c := range common {
		b = binary.LittleEndian.AppendUint64(b, c)
	}
	b = t.clusters.AppendBinary(b)
	b, err := t.model.AppendBinary(b)
	if err != nil || t.back == nil {
		return append(b, 0), err
	}
	return t.back.AppendBinary(append(b, 1))
}

// UnmarshalBinary decodes a tagger written by MarshalBinary.
func (t *Tagger) UnmarshalBinary(b []byte) error {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return errors.New("tagger: not a tagger model")
	}
	r := perceptron.NewReader(b[len(magic):])
	t.Tags = r.Strings()
	n := r.Uvarint()
	if r.Err() != nil || n > uint64(len(r.Rest())) {
		return errors.New("tagger: bad model data")
	}
	rest := r.Rest()
	t.amb = make(map[uint64]uint64, n)
	t.sure = map[uint64]int32{}
	for range n {
		if len(rest) < 17 {
			return errors.New("tagger: bad model data")
		}
		k := binary.LittleEndian.Uint64(rest)
		t.amb[k] = binary.LittleEndian.Uint64(rest[8:])
		s, w := binary.Uvarint(rest[16:])
		if w <= 0 || s > uint64(len(t.Tags)) {
			return errors.New("tagger: bad model data")
		}
		if s > 0 {
			t.sure[k] = int32(s)
		}
		rest = rest[16+w:]
	}
	var err error
	if t.wlex, rest, err = perceptron.ReadClassMap(rest); err != nil {
		return fmt.Errorf("tagger: word-class lexicon: %w", err)
	}
	nc, w := binary.Uvarint(rest)
	if w <= 0 || nc > uint64(len(rest)/8) {
		return errors.New("tagger: bad model data")
	}
	rest = rest[w:]
	t.common = make(map[uint64]bool, nc)
	for range nc {
		t.common[binary.LittleEndian.Uint64(rest)] = true
		rest = rest[8:]
	}
	if t.clusters, rest, err = lex.ReadClusters(rest); err != nil {
		return fmt.Errorf("tagger: word clusters: %w", err)
	}
	r = perceptron.NewReader(rest)
	t.setModel(r.Model())
	if err := r.Err(); err != nil {
		return fmt.Errorf("tagger: %w", err)
	}
	if t.model.NClasses != len(t.Tags) || len(t.Tags) == 0 {
		return errors.New("tagger: model and tag set disagree")
	}
	t.back = nil
	rest = r.Rest()
	switch {
	case len(rest) == 1 && rest[0] == 0:
	case len(rest) > 1 && rest[0] == 1:
		r = perceptron.NewReader(rest[1:])
		t.back = r.Model()
		if err := r.Err(); err != nil {
			return fmt.Errorf("tagger: right-to-left model: %w", err)
		}
		if t.back.NClasses != len(t.Tags) || len(r.Rest()) != 0 {
			return errors.New("tagger: bad right-to-left model")
		}
	default:
		return errors.New("tagger: bad model data")
	}
	t.prepare()
	return nil
}
