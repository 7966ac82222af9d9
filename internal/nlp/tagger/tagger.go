// Package tagger assigns parts of speech (UPOS, with the Penn Treebank XPOS) to
// words with an averaged perceptron, greedy left to right, after Collins (2002) and
// Honnibal's "A good part-of-speech tagger in about 200 lines of Python": the word, its
// affixes and shape, its neighbours, the two previous tags, and the tags each
// neighbour was seen with in training. A second model, trained right to left
// (Options.Bidirectional), rechecks the words the first is unsure of, each taking
// the class with the best sum of both models' scores, as in bidirectional
// taggers (Tsuruoka and Tsujii 2005; Shen, Satta and Joshi 2007).
package tagger

import (
	"math"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Tagger is a trained tagger. It is safe for concurrent use.
type Tagger struct {
	// Tags are the class names, "UPOS" or "UPOS|XPOS" when the model predicts both.
	Tags  []string
	model *perceptron.Model
	// back, when set, tags right to left; each word then takes the class with
	// the best sum of both models' scores (Options.Bidirectional).
	back *perceptron.Model
	// amb maps a frequent word's Norm hash to the hash of the set of tags it was
	// seen with: its ambiguity class.
	amb map[uint64]uint64
	// sure maps a frequent, unambiguous word's Norm hash to its tag + 1.
	sure map[uint64]int32
	// wlex maps a word's Norm hash to the hash of its classes in the word-class
	// lexicon (Options.Lexicon), which covers words the treebanks lack.
	wlex perceptron.ClassMap
	// common holds the wlex values of words that are more than names (see
	// commonClasses).
	common map[uint64]bool
	// clusters gives words their GloVe clusters (Options.Clusters); nil without.
	clusters *lex.Clusters
	upos     []string // per class, the UPOS part
	xpos     []string
	hashes   []uint64 // per class, its hash as a feature value
	finite   []bool   // per class, a finite verb's (XPOS VBD, VBZ, VBP or MD)
	// edges are the sums (sumsOf) of the places before and after a sentence.
	edges [2][]int32
}

// word holds the hashed attributes of one word.
type word struct {
	norm, form, shape, flags uint64
	pre1, pre2, pre3         uint64
	suf1, suf2, suf3, suf4   uint64
	suf5, pre4               uint64
	amb, lex                 uint64
	clu                      [3]uint64 // GloVe clusters, finest first
	sure                     int32
}

// boundary values for positions outside the sentence
var (
	hStart = perceptron.String("<s>")
	hEnd   = perceptron.String("</s>")
	hNone  = perceptron.String("<none>")
)

// attrs gives each word's attributes, for training (TagInto keeps them, with
// their sums, in its scratch's cache).
func (t *Tagger) attrs(words []string, out []word) []word {
	out = out[:0]
	for _, w := range words {
		out = append(out, t.attrsOf(w))
	}
	return out
}

// Common reports whether w (any case) is a common word of English in the
// word-class lexicon — a noun, verb, adjective or adverb, or a word written in
// lowercase — not only a name ("hope" and "us" are, "Crimea" is not).
func (t *Tagger) Common(w string) bool {
	c, ok := t.wlex.Get(perceptron.String(lex.Norm(w)))
	return ok && t.common[c]
}

// attrsOf gives the attributes of word w.
func (t *Tagger) attrsOf(w string) word {
	n := lex.Norm(w)
	h := perceptron.String(n)
	a := word{
		norm:  h,
		form:  perceptron.String(w),
		shape: perceptron.String(lex.Shape(w)),
		flags: uint64(lex.FlagsOf(w)),
		pre1:  perceptron.String(lex.Prefix(n, 1)),
		pre2:  perceptron.String(lex.Prefix(n, 2)),
		pre3:  perceptron.String(lex.Prefix(n, 3)),
		suf1:  perceptron.String(lex.Suffix(n, 1)),
		suf2:  perceptron.String(lex.Suffix(n, 2)),
		suf3:  perceptron.String(lex.Suffix(n, 3)),
		suf4:  perceptron.String(lex.Suffix(n, 4)),
		suf5:  perceptron.String(lex.Suffix(n, 5)),
		pre4:  perceptron.String(lex.Prefix(n, 4)),
		amb:   hNone,
		lex:   hNone,
	}
	if c, ok := t.wlex.Get(h); ok {
		a.lex = c
	}
	if t.clusters != nil {
		a.clu = t.clusters.Of(w).Finer()
	}
	if t.amb != nil {
		if c, ok := t.amb[h]; ok {
			a.amb = c
		}
		a.sure = t.sure[h]
	}
	return a
}

// Feature templates.
const (
	fBias = iota + 1
	fNorm
	fForm
	fShape
	fFlags
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fAmb
	fPrevNorm
	fPrev2Norm
	fNextNorm
	fNext2Norm
	fPrevSuf3
	fNextSuf3
	fNextShape
	fPrevShape
	fNextAmb
	fNext2Amb
	fPrevAmb
	fP1
	fP2
	fP1P2
	fP1Norm
	fPrevNormNorm
	fNormNextNorm
	fFirstShape
	fP1Amb
	fAmbNextAmb
	fNextFlags
	fP1Suf3
	fSuf5
	fPre4
	fPrevNextNorm
	fNextNext2Norm
	fShapeP1
	fNormNextShape
	fLex
	fLexShape
	fPrevLex
	fNextLex
	fLexNextLex
	fPrevLexLex
	fClu0
	fClu1
	fClu2
	fPrevClu1
	fNextClu1
	fClu1Suf3
)

func at(ws []word, i int) *word {
	if i < 0 {
		return &startWord
	}
	if i >= len(ws) {
		return &endWord
	}
	return &ws[i]
}

var startWord, endWord word

func init() {
	startWord = word{norm: hStart, form: hStart, shape: hStart, flags: hStart, suf3: hStart, amb: hStart, lex: hStart,
		clu: [3]uint64{hStart, hStart, hStart}}
	endWord = word{norm: hEnd, form: hEnd, shape: hEnd, flags: hEnd, suf3: hEnd, amb: hEnd, lex: hEnd,
		clu: [3]uint64{hEnd, hEnd, hEnd}}
}

// features of word i given the two previous tags (as hashes): those of its
// context, then those of the word and of each neighbour alone (wordFeatures),
// whose sums TagInto keeps per word.
func features(ws []word, i int, p1, p2 uint64, f []uint64) []uint64 {
	f = contextFeatures(ws, i, p1, p2, f)
	for g, w := range [perceptron.Groups]*word{&ws[i], at(ws, i-1), at(ws, i+1)} {
		f = wordFeatures(w, g, f)
	}
	return f
}

// contextFeatures are the templates that read more than one word, or the
// previous tags, or the words two away.
func contextFeatures(ws []word, i int, p1, p2 uint64, f []uint64) []uint64 {
	w, prev, next := &ws[i], at(ws, i-1), at(ws, i+1)
	prev2, next2 := at(ws, i-2), at(ws, i+2)
	F1, F2 := perceptron.F1, perceptron.F2
	f = append(f,
		F1(fPrev2Norm, prev2.norm),
		F1(fNext2Norm, next2.norm),
		F1(fNext2Amb, next2.amb),
		F1(fP1, p1),
		F1(fP2, p2),
		F2(fP1P2, p1, p2),
		F2(fP1Norm, p1, w.norm),
		F2(fPrevNormNorm, prev.norm, w.norm),
		F2(fNormNextNorm, w.norm, next.norm),
		F2(fP1Amb, p1, w.amb),
		F2(fAmbNextAmb, w.amb, next.amb),
		F2(fP1Suf3, p1, w.suf3),
		F2(fPrevNextNorm, prev.norm, next.norm),
		F2(fNextNext2Norm, next.norm, next2.norm),
		F2(fShapeP1, w.shape, p1),
		F2(fNormNextShape, w.norm, next.shape),
		// The word-class lexicon's classes of the word and its neighbours.
		F2(fLexNextLex, w.lex, next.lex),
		F2(fPrevLexLex, prev.lex, w.lex),
	)
	if i == 0 {
		f = append(f, F1(fFirstShape, w.shape))
	}
	return f
}

// wordFeatures are the templates that read word w alone, as the word tagged
// (perceptron.Own) or as its neighbour (perceptron.Prev, perceptron.Next).
func wordFeatures(w *word, group int, f []uint64) []uint64 {
	F1, F2 := perceptron.F1, perceptron.F2
	switch group {
	case perceptron.Prev:
		return append(f,
			F1(fPrevNorm, w.norm),
			F1(fPrevSuf3, w.suf3),
			F1(fPrevShape, w.shape),
			F1(fPrevAmb, w.amb),
			F1(fPrevLex, w.lex),
			F1(fPrevClu1, w.clu[1]),
		)
	case perceptron.Next:
		return append(f,
			F1(fNextNorm, w.norm),
			F1(fNextSuf3, w.suf3),
			F1(fNextShape, w.shape),
			F1(fNextAmb, w.amb),
			F1(fNextFlags, w.flags),
			F1(fNextLex, w.lex),
			F1(fNextClu1, w.clu[1]),
		)
	}
	return append(f,
		F1(fBias, 0),
		F1(fNorm, w.norm),
		F1(fForm, w.form),
		F1(fShape, w.shape),
		F1(fFlags, w.flags),
		F1(fPre1, w.pre1),
		F1(fPre2, w.pre2),
		F1(fPre3, w.pre3),
		F1(fPre4, w.pre4),
		F1(fSuf1, w.suf1),
		F1(fSuf2, w.suf2),
		F1(fSuf3, w.suf3),
		F1(fSuf4, w.suf4),
		F1(fSuf5, w.suf5),
		F1(fAmb, w.amb),
		F1(fLex, w.lex),
		F2(fLexShape, w.lex, w.shape),
		// The word's GloVe clusters.
		F1(fClu0, w.clu[0]),
		F1(fClu1, w.clu[1]),
		F1(fClu2, w.clu[2]),
		F2(fClu1Suf3, w.clu[1], w.suf3),
	)
}

// sumsOf returns the sums of the weights of w's wordFeatures, by group
// (perceptron.GroupSums): the part of a word's scores that its sentence does not
// change.
func (t *Tagger) sumsOf(w *word) []int32 {
	return t.model.GroupSums(func(g int, f []uint64) []uint64 { return wordFeatures(w, g, f) })
}

// Tag returns the class index of each word.
func (t *Tagger) Tag(words []string) []int {
	out := make([]int, len(words))
	t.TagInto(words, out, nil)
	return out
}

// Scratch is reusable working memory for TagInto.
type Scratch struct {
	ws     []word
	feats  []uint64
	scores []float32
	sums   [][]int32 // per word, its wordFeatures' sums (sumsOf)
	hashes []uint64
	fwd    []float32 // left-to-right scores of unsure words, a row a word
	lost   [][2]int  // words the right-to-left check took a finite verb's class from, with that class
	// cache holds the attributes of words seen before, for owner's model.
	cache lex.Memo[known]
	owner *Tagger
}

// known is a word's attributes and its wordFeatures' sums.
type known struct {
	word
	sums []int32
}

func (t *Tagger) knownOf(w string) known {
	k := known{word: t.attrsOf(w)}
	k.sums = t.sumsOf(&k.word)
	return k
}

// forward writes the left-to-right model's scores of word i, given the
// previous tags, into scores: from the sums of its own and its neighbours'
// wordFeatures, kept per word, and its contextFeatures (perceptron.ScoreWord).
func (t *Tagger) forward(s *Scratch, i int, p1, p2 uint64, scores []float32) {
	s.feats = contextFeatures(s.ws, i, p1, p2, s.feats[:0])
	t.model.ScoreWord(s.feats, s.sums, t.edges, i, scores)
}

// backGate is the margin (best score less the second best) under which the
// left-to-right model's choice is checked by the right-to-left model. On EWT dev,
// UPOS: left to right alone 95.60; checking the 2.2 % of words under a margin of 6,
// 95.78; checking every word, 95.75 (margins of 4 to 10 give 95.76–95.80).
const backGate = 6

// TagInto writes the class index of each word into out (len(words)).
func (t *Tagger) TagInto(words []string, out []int, s *Scratch) {
	if s == nil {
		s = &Scratch{owner: t} // one sentence: no cache
	} else if s.owner != t || s.cache == nil {
		s.owner, s.cache = t, lex.Memo[known]{}
	}
	s.ws, s.sums = s.ws[:0], s.sums[:0]
	for _, w := range words {
		k := s.cache.Get(w, t.knownOf)
		s.ws = append(s.ws, k.word)
		s.sums = append(s.sums, k.sums)
	}
	nt := len(t.Tags)
	if cap(s.scores) < nt {
		s.scores = make([]float32, nt)
	}
	scores := s.scores[:nt]
	unsure := false
	p1, p2 := hStart, hStart
	for i := range s.ws {
		best := int(s.ws[i].sure) - 1
		if best < 0 {
			t.forward(s, i, p1, p2, scores)
			var lead float32
			best, lead = top(scores)
			if t.back != nil && lead < backGate {
				if !unsure {
					unsure = true
					s.fwd = slices.Grow(s.fwd[:0], nt*len(words))[:nt*len(words)]
				}
				copy(s.fwd[i*nt:], scores)
				s.ws[i].sure = -1 // checked right to left below
			}
		}
		out[i] = best
		p2, p1 = p1, t.tagHash(best)
	}
	if !unsure {
		return
	}
	// Right to left, on the words reversed, scoring only the unsure words: the
	// others keep their class, which serves as the history of the words left of
	// them; an unsure word takes the best sum of both models' scores.
	slices.Reverse(s.ws)
	p1, p2 = hStart, hStart
	s.lost = s.lost[:0]
	for j := range s.ws {
		i := len(s.ws) - 1 - j
		tag := out[i]
		if s.ws[j].sure < 0 {
			s.feats = features(s.ws, j, p1, p2, s.feats[:0])
			clear(scores)
			t.back.Score(s.feats, scores)
			tag = argmax(scores)
			row := s.fwd[i*nt : (i+1)*nt]
			for c, v := range scores {
				row[c] += v
			}
			if c := argmax(row); t.finite[out[i]] && !t.finite[c] {
				s.lost = append(s.lost, [2]int{i, out[i]})
			}
			out[i] = argmax(row)
		}
		p2, p1 = p1, t.tagHash(tag)
	}
	t.keepFinite(out, s.lost)
}

// keepFinite undoes the right-to-left check where it left the sentence without
// the finite verb the first pass found: "Serbia eased emergency measures" keeps
// its verb ("eased" had gone to an adjective). lost holds the words the check
// took a finite verb's class from, with that class. (EWT dev: UPOS 95.78 → 95.77,
// a word or two; PLOVER event accuracy +1 sentence.)
func (t *Tagger) keepFinite(out []int, lost [][2]int) {
	if len(lost) == 0 || slices.ContainsFunc(out, func(c int) bool { return t.finite[c] }) {
		return
	}
	for _, l := range lost {
		out[l[0]] = l[1]
	}
}

// top is argmax and margin in one pass: the best class (the first of equals) and
// how far it leads the second.
func top(s []float32) (int, float32) {
	b, second := 0, float32(math.Inf(-1))
	for c := 1; c < len(s); c++ {
		if v := s[c]; v > s[b] {
			b, second = c, s[b]
		} else if v > second {
			second = v
		}
	}
	return b, s[b] - second
}

func (t *Tagger) tagHash(c int) uint64 { return t.hashes[c] }

func argmax(s []float32) int {
	b := 0
	for i, v := range s {
		if v > s[b] {
			b = i
		}
	}
	return b
}

// UPOS is the universal tag of class c.
func (t *Tagger) UPOS(c int) string { return t.upos[c] }

// XPOS is the treebank-specific tag of class c, or "_" when the model has none.
func (t *Tagger) XPOS(c int) string { return t.xpos[c] }

// setModel installs the left-to-right model and its edges' sums.
func (t *Tagger) setModel(m *perceptron.Model) {
	t.model, t.edges = m, [2][]int32{}
	if m != nil {
		t.edges = [2][]int32{t.sumsOf(&startWord), t.sumsOf(&endWord)}
	}
}

// prepare derives the per-class tables from Tags.
func (t *Tagger) prepare() {
	t.upos = make([]string, len(t.Tags))
	t.xpos = make([]string, len(t.Tags))
	t.hashes = make([]uint64, len(t.Tags))
	t.finite = make([]bool, len(t.Tags))
	for i, tag := range t.Tags {
		t.hashes[i] = perceptron.String(tag) + 1
		u, x, ok := strings.Cut(tag, "|")
		if !ok {
			x = "_"
		}
		t.upos[i], t.xpos[i] = u, x
		t.finite[i] = x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD"
	}
}

// Clusters is the model's table of word clusters (nil without).
func (t *Tagger) Clusters() *lex.Clusters { return t.clusters }

// ShareClusters makes the model use c in place of its own table of word clusters
// when the two are the same, so that models trained together hold one copy.
// It is not safe while the model is in use.
func (t *Tagger) ShareClusters(c *lex.Clusters) {
	t.clusters = t.clusters.Share(c)
}
