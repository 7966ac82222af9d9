// Package ner finds names of people, organisations and places in tagged words: an
// averaged perceptron labels each word with a BIO tag (B-PER, I-PER, O, ...), greedy
// left to right, with features of the word, its shape and affixes, its neighbours and
// their parts of speech, the previous labels, and lexicons — words that often occur
// in names of each type, titles that precede names, words that close organisation
// names.
package ner

import (
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Recognizer is a trained entity recogniser. It is safe for concurrent use.
type Recognizer struct {
	// Labels are the BIO classes; Labels[0] is "O".
	Labels []string
	model  *perceptron.Model
	// gaz maps a word's Norm hash to the hash of its name-type profile: which types
	// of name it was seen in, and how often it is part of a name at all.
	gaz map[uint64]uint64

	hashes  []uint64 // per label
	begin   []bool   // per label: B-
	inside  []bool   // per label: I-
	typeOf  []string // per label: entity type, "" for O
	typeIdx []int    // per label: index of the B- label of its type
}

type word struct {
	norm, shape, flags uint64
	pre3, suf3, suf4   uint64
	pos                uint64
	gaz, list          uint64
	title              bool // a title that precedes names ("Gen.", "President")
}

var (
	hStart   = perceptron.String("<s>")
	hEnd     = perceptron.String("</s>")
	hNone    = perceptron.String("<none>")
	hUnknown = perceptron.String("<unknown>")
)

func (r *Recognizer) attrs(words, pos []string, out []word) []word {
	out = out[:0]
	for i, w := range words {
		n := lex.Norm(w)
		h := perceptron.String(n)
		a := word{
			norm:  h,
			shape: perceptron.String(lex.Shape(w)),
			flags: uint64(lex.FlagsOf(w)),
			pre3:  perceptron.String(lex.Prefix(n, 3)),
			suf3:  perceptron.String(lex.Suffix(n, 3)),
			suf4:  perceptron.String(lex.Suffix(n, 4)),
			gaz:   hNone,
			list:  perceptron.String(listOf(n)),
		}
		if i < len(pos) {
			a.pos = perceptron.String(pos[i])
		}
		if g, ok := r.gaz[h]; ok {
			a.gaz = g
		}
		out = append(out, a)
	}
	return out
}

var startWord = word{norm: hStart, shape: hStart, pos: hStart, gaz: hStart, list: hStart, flags: hStart}
var endWord = word{norm: hEnd, shape: hEnd, pos: hEnd, gaz: hEnd, list: hEnd, flags: hEnd}

func at(ws []word, i int) *word {
	if i < 0 {
		return &startWord
	}
	if i >= len(ws) {
		return &endWord
	}
	return &ws[i]
}

const (
	fBias = iota + 1
	fNorm
	fShape
	fFlags
	fPre3
	fSuf3
	fSuf4
	fPOS
	fGaz
	fList
	fPrevNorm
	fNextNorm
	fPrev2Norm
	fNext2Norm
	fPrevShape
	fNextShape
	fPrevPOS
	fNextPOS
	fPrevGaz
	fNextGaz
	fPrevList
	fNextList
	fP1
	fP1P2
	fP1Shape
	fP1POS
	fPOSNextPOS
	fPrevPOSPOS
	fShapeNextShape
	fPrevShapeShape
	fCaps
	fP1Gaz
	fNext2POS
	fNext2Gaz
	fGazNextGaz
	fPrevGazGaz
)

// features of word i given the previous two labels (hashes). caps marks a sentence
// written all in capitals (a headline), where case says nothing.
func features(ws []word, i int, p1, p2 uint64, caps bool, f []uint64) []uint64 {
	w, prev, next := &ws[i], at(ws, i-1), at(ws, i+1)
	prev2, next2 := at(ws, i-2), at(ws, i+2)
	F1, F2 := perceptron.F1, perceptron.F2
	// Templates of the exact form, and of word pairs, are left out: with so few
	// names to learn from they memorise instead of generalising (dev F1 -4).
	f = append(f,
		F1(fBias, 0),
		F1(fNorm, w.norm),
		F1(fShape, w.shape),
		F1(fFlags, w.flags),
		F1(fPre3, w.pre3),
		F1(fSuf3, w.suf3),
		F1(fSuf4, w.suf4),
		F1(fPOS, w.pos),
		F1(fGaz, w.gaz),
		F1(fList, w.list),
		F1(fPrevNorm, prev.norm),
		F1(fNextNorm, next.norm),
		F1(fPrev2Norm, prev2.norm),
		F1(fNext2Norm, next2.norm),
		F1(fPrevShape, prev.shape),
		F1(fNextShape, next.shape),
		F1(fPrevPOS, prev.pos),
		F1(fNextPOS, next.pos),
		F1(fPrevGaz, prev.gaz),
		F1(fNextGaz, next.gaz),
		F1(fPrevList, prev.list),
		F1(fNextList, next.list),
		F1(fP1, p1),
		F2(fP1P2, p1, p2),
		F2(fP1Shape, p1, w.shape),
		F2(fP1POS, p1, w.pos),
		F2(fPOSNextPOS, w.pos, next.pos),
		F2(fPrevPOSPOS, prev.pos, w.pos),
		F2(fShapeNextShape, w.shape, next.shape),
		F2(fPrevShapeShape, prev.shape, w.shape),
		F2(fP1Gaz, p1, w.gaz),
		F1(fNext2POS, next2.pos),
		F1(fNext2Gaz, next2.gaz),
		F2(fGazNextGaz, w.gaz, next.gaz),
		F2(fPrevGazGaz, prev.gaz, w.gaz),
	)
	if caps {
		f = append(f, F1(fCaps, w.norm))
	}
	return f
}

// allCaps reports a sentence whose letters are all capitals, with at least a few.
func allCaps(words []string) bool {
	n := 0
	for _, w := range words {
		fl := lex.FlagsOf(w)
		if fl&(lex.Title|lex.Lowercase) != 0 {
			return false
		}
		if fl&lex.Upper != 0 {
			n++
		}
	}
	return n >= 3
}

// Scratch is reusable working memory.
type Scratch struct {
	ws     []word
	feats  []uint64
	scores []float32
}

// Label returns the label index of each word. pos holds the words' UPOS tags.
func (r *Recognizer) Label(words, pos []string, out []int, s *Scratch) []int {
	if s == nil {
		s = &Scratch{}
	}
	out = out[:0]
	s.ws = r.attrs(words, pos, s.ws)
	if cap(s.scores) < len(r.Labels) {
		s.scores = make([]float32, len(r.Labels))
	}
	scores := s.scores[:len(r.Labels)]
	caps := allCaps(words)
	p1, p2 := hStart, hStart
	prev := 0
	for i := range s.ws {
		s.feats = features(s.ws, i, p1, p2, caps, s.feats[:0])
		clear(scores)
		r.model.Score(s.feats, scores)
		best := r.best(scores, prev)
		out = append(out, best)
		prev = best
		p2, p1 = p1, r.hashes[best]
	}
	return out
}

// best is the top-scoring label that may follow prev: I-X only after B-X or I-X.
func (r *Recognizer) best(scores []float32, prev int) int {
	b := -1
	for c, v := range scores {
		if r.inside[c] && r.typeOf[c] != r.typeOf[prev] {
			continue
		}
		if b < 0 || v > scores[b] {
			b = c
		}
	}
	return b
}

func (r *Recognizer) prepare() {
	n := len(r.Labels)
	r.hashes = make([]uint64, n)
	r.begin = make([]bool, n)
	r.inside = make([]bool, n)
	r.typeOf = make([]string, n)
	for i, l := range r.Labels {
		r.hashes[i] = perceptron.String(l) + 7
		bi, ty, ok := strings.Cut(l, "-")
		if ok {
			r.typeOf[i] = ty
			r.begin[i] = bi == "B"
			r.inside[i] = bi == "I"
		}
	}
}

// Span is an entity found in a sentence: words [Start, End) of type Type.
type Span struct {
	Start, End int
	Type       string
}

// Spans decodes labels into entity spans.
func (r *Recognizer) Spans(labels []int) []Span {
	var out []Span
	for i := 0; i < len(labels); i++ {
		l := labels[i]
		if !r.begin[l] && !r.inside[l] {
			continue
		}
		j := i + 1
		for j < len(labels) && r.inside[labels[j]] && r.typeOf[labels[j]] == r.typeOf[l] {
			j++
		}
		out = append(out, Span{i, j, r.typeOf[l]})
		i = j - 1
	}
	return out
}
