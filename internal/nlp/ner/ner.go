// Package ner finds names of people, organisations and places in tagged words: a
// structured averaged perceptron (Collins 2002) labels each word with a BILOU tag
// (B-PER, I-PER, L-PER for the first, inner and last word of a name, U-PER for a
// name of one word, O outside names), the best sequence found by Viterbi search
// over label transitions. Features are the word, its shape and affixes, its
// neighbours and their parts of speech, and lexicons — words that often occur in
// names of each type, titles that precede names, words that close organisation
// names, and place names of the world gazetteer. A small neural network over the
// words' GloVe vectors adds its own score for each label (net.go). Several
// recognisers trained from successive seeds can be joined into one that scores
// with the mean of theirs: one perceptron of mixed weights and their networks
// side by side (Options.Members).
package ner

import (
	"errors"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Recognizer is a trained entity recogniser. It is safe for concurrent use.
type Recognizer struct {
	// Labels are the BILOU classes; Labels[0] is "O".
	Labels []string
	model  *perceptron.Model
	// gaz maps a word's Norm hash to the hash of its name-type profile: which types
	// of name it was seen in, and how often it is part of a name at all.
	gaz map[uint64]uint64
	// places holds the hashes (seqHash) of place names, sorted; placeLen is the
	// longest name in words.
	places   []uint64
	placeLen int
	// wlex maps a word's Norm hash to the hash of its classes in the word-class
	// lexicon (Options.Lexicon).
	wlex perceptron.ClassMap
	// clusters gives words their GloVe clusters (Options.Clusters); nil without.
	clusters *lex.Clusters
	// net is the window network (see net.go), nil without; it scores only once
	// given the vectors it was trained on (UseVectors).
	net     *windowNet
	vectors *lex.Vectors

	hashes []uint64 // per label
	kind   []byte   // per label: 'B', 'I', 'L', 'U' or 'O'
	typeOf []string // per label: entity type, "" for O
	// allow[p*len(Labels)+y] says label y may follow label p; first and last say
	// which labels may open and close a sentence.
	allow       []bool
	first, last []bool
	trans       []float32  // the model's transition scores (see transitions)
	edges       [2][]int32 // the sums (sumsOf) of the places before and after a sentence
}

type word struct {
	norm, shape, flags uint64
	pre3, suf3, suf4   uint64
	pos                uint64
	gaz, list          uint64
	place              uint64    // position in a gazetteer place name: B, I, L, U or none
	low                uint64    // hash of the lowercase form
	lex                uint64    // word classes (Options.Lexicon)
	clu                [3]uint64 // clusters, finest first (Options.Clusters)
	vote               uint64    // name-type vote (lex.NameVote)
	title              bool      // a title that precedes names ("Gen.", "President")
	outside            bool      // never part of a name (LabelOutside)
}

var (
	hStart   = perceptron.String("<s>")
	hEnd     = perceptron.String("</s>")
	hNone    = perceptron.String("<none>")
	hUnknown = perceptron.String("<unknown>")
	hPlace   = [4]uint64{perceptron.String("place-B"), perceptron.String("place-I"),
		perceptron.String("place-L"), perceptron.String("place-U")}
)

// attrs gives each word's attributes. With a labeller's scratch s (nil in
// training), those of the word alone, and their sums (sumsOf, into s.dec.sums),
// are computed once per distinct word while s's cache lasts.
func (r *Recognizer) attrs(words, pos []string, out []word, s *Scratch) []word {
	out = out[:0]
	if s != nil {
		s.dec.sums, s.net.shares, s.net.spare = s.dec.sums[:0], s.net.shares[:0], s.net.spare[:0]
	}
	for i, w := range words {
		var a word
		if s == nil {
			a = r.attrsOf(w)
		} else {
			k := s.cache.Get(w, r.knownOf)
			a = k.word
			s.dec.sums = append(s.dec.sums, k.sums)
			sh := k.share
			if sh == nil && r.net != nil && r.vectors != nil {
				// the network's cache was full: computed for this sentence only
				s.net.x = growF(s.net.x, r.net.per())
				sh = r.net.shareOf(r.vectors, w, s.net.x, &s.net.spare)
			}
			s.net.shares = append(s.net.shares, sh)
		}
		if i < len(pos) {
			a.pos = perceptron.String(pos[i])
		}
		out = append(out, a)
	}
	r.markPlaces(words, out)
	return out
}

// attrsOf gives the attributes of word w alone: no part of speech, no place.
func (r *Recognizer) attrsOf(w string) word {
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
		list:  listHash(n),
		place: hNone,
		lex:   hNone,
	}
	if c, ok := r.wlex.Get(h); ok {
		a.lex = c
	}
	if r.clusters != nil {
		c := r.clusters.Of(w)
		a.clu, a.vote = c.Finer(), uint64(c[lex.NameVote])
	}
	a.low = h
	if strings.ContainsAny(w, "0123456789") {
		a.low = perceptron.String(lex.Lower(w))
	}
	if g, ok := r.gaz[h]; ok {
		a.gaz = g
	}
	return a
}

// seqHash extends the hash of a word sequence by one word, the hash of its
// lowercase form.
func seqHash(h, low uint64) uint64 { return perceptron.F2(fPlaceSeq, h, low) }

// markPlaces marks the words of gazetteer place names, longest match first, each
// name starting with a capitalised word. (Matching names written in lowercase too,
// common in web text, gave nothing on dev.)
func (r *Recognizer) markPlaces(words []string, ws []word) {
	if len(r.places) == 0 {
		return
	}
	var hs [maxPlaceLen]uint64
	for i := 0; i < len(words); {
		if lex.FlagsOf(words[i])&(lex.Title|lex.Upper) == 0 {
			i++
			continue
		}
		n := min(r.placeLen, len(words)-i)
		h := uint64(0)
		for k := range n {
			h = seqHash(h, ws[i+k].low)
			hs[k] = h
		}
		found := 0
		for k := n; k > 0; k-- {
			if _, ok := slices.BinarySearch(r.places, hs[k-1]); ok {
				found = k
				break
			}
		}
		if found == 0 {
			i++
			continue
		}
		if found == 1 {
			ws[i].place = hPlace[3]
		} else {
			ws[i].place = hPlace[0]
			for k := 1; k < found-1; k++ {
				ws[i+k].place = hPlace[1]
			}
			ws[i+found-1].place = hPlace[2]
		}
		i += found
	}
}

// maxPlaceLen bounds the length of gazetteer place names in words.
const maxPlaceLen = 6

var startWord = word{norm: hStart, shape: hStart, pos: hStart, gaz: hStart, list: hStart, flags: hStart, place: hStart, lex: hStart,
	clu: [3]uint64{hStart, hStart, hStart}}
var endWord = word{norm: hEnd, shape: hEnd, pos: hEnd, gaz: hEnd, list: hEnd, flags: hEnd, place: hEnd, lex: hEnd,
	clu: [3]uint64{hEnd, hEnd, hEnd}}

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
	fPOSNextPOS
	fPrevPOSPOS
	fShapeNextShape
	fPrevShapeShape
	fCaps
	fNext2POS
	fNext2Gaz
	fGazNextGaz
	fPrevGazGaz
	fPlace
	fPlaceShape
	fPlaceGaz
	fPrevPlace
	fNextPlace
	fPlaceSeq
	_ // two templates tried and dropped; the numbers of the others stay
	_
	fInitShape
	fLex
	fLexShape
	fPrevLex
	fNextLex
	fLexPlace
	fClu0
	fClu1
	fClu2
	fClu1Shape
	fPrevClu1
	fNextClu1
	fVote
	fVoteShape
)

// features of word i that do not depend on labels: those of its context, then
// those of the word and of each neighbour alone (wordFeatures), whose sums a
// labeller keeps per word. caps marks a sentence written all in capitals (a
// headline), where case says nothing. Templates of the exact form, and of word pairs, are left out: with so few
// names to learn from they memorise instead of generalising (dev F1 -4).
func features(ws []word, i int, caps bool, f []uint64) []uint64 {
	f = contextFeatures(ws, i, caps, f)
	for g, w := range [perceptron.Groups]*word{&ws[i], at(ws, i-1), at(ws, i+1)} {
		f = wordFeatures(w, g, f)
	}
	return f
}

// contextFeatures are the templates that read the part of speech, the place
// names, more than one word, or the words two away.
func contextFeatures(ws []word, i int, caps bool, f []uint64) []uint64 {
	w, prev, next := &ws[i], at(ws, i-1), at(ws, i+1)
	prev2, next2 := at(ws, i-2), at(ws, i+2)
	F1, F2 := perceptron.F1, perceptron.F2
	f = append(f,
		F1(fPOS, w.pos),
		F1(fPrev2Norm, prev2.norm),
		F1(fNext2Norm, next2.norm),
		F1(fPrevPOS, prev.pos),
		F1(fNextPOS, next.pos),
		F2(fPOSNextPOS, w.pos, next.pos),
		F2(fPrevPOSPOS, prev.pos, w.pos),
		F2(fShapeNextShape, w.shape, next.shape),
		F2(fPrevShapeShape, prev.shape, w.shape),
		F1(fNext2POS, next2.pos),
		F1(fNext2Gaz, next2.gaz),
		F2(fGazNextGaz, w.gaz, next.gaz),
		F2(fPrevGazGaz, prev.gaz, w.gaz),
		F1(fPlace, w.place),
		F2(fPlaceShape, w.place, w.shape),
		F2(fPlaceGaz, w.place, w.gaz),
		F1(fPrevPlace, prev.place),
		F1(fNextPlace, next.place),
		F2(fLexPlace, w.lex, w.place), // a word list's name that is also a place's
	)
	if i == 0 {
		f = append(f, F1(fInitShape, w.shape))
	}
	if caps {
		f = append(f, F1(fCaps, w.norm))
	}
	return f
}

// wordFeatures are the templates that read word w's attributes alone (not its
// part of speech or place), as the word labelled (perceptron.Own) or as its
// neighbour (perceptron.Prev, perceptron.Next).
func wordFeatures(w *word, group int, f []uint64) []uint64 {
	F1, F2 := perceptron.F1, perceptron.F2
	switch group {
	case perceptron.Prev:
		return append(f,
			F1(fPrevNorm, w.norm),
			F1(fPrevShape, w.shape),
			F1(fPrevGaz, w.gaz),
			F1(fPrevList, w.list),
			F1(fPrevLex, w.lex),
			F1(fPrevClu1, w.clu[1]),
		)
	case perceptron.Next:
		return append(f,
			F1(fNextNorm, w.norm),
			F1(fNextShape, w.shape),
			F1(fNextGaz, w.gaz),
			F1(fNextList, w.list),
			F1(fNextLex, w.lex),
			F1(fNextClu1, w.clu[1]),
		)
	}
	return append(f,
		F1(fBias, 0),
		F1(fNorm, w.norm),
		F1(fShape, w.shape),
		F1(fFlags, w.flags),
		F1(fPre3, w.pre3),
		F1(fSuf3, w.suf3),
		F1(fSuf4, w.suf4),
		F1(fGaz, w.gaz),
		F1(fList, w.list),
		// The word-class lexicon's classes (proper noun of a person, place or
		// group, capitalised only, also a common word).
		F1(fLex, w.lex),
		F2(fLexShape, w.lex, w.shape),
		// The word's GloVe clusters.
		F1(fClu0, w.clu[0]),
		F1(fClu1, w.clu[1]),
		F1(fClu2, w.clu[2]),
		F2(fClu1Shape, w.clu[1], w.shape),
		// The types of the training names nearest the word by its vectors
		// (UNER dev +0.4 to +1.3, GUM +0.5 to +1.5 on four seeds).
		F1(fVote, w.vote),
		F2(fVoteShape, w.vote, w.shape),
	)
}

// transitions scores every pair of labels, row p holding the scores of each label
// after label p, and row len(Labels) after the start of the sentence. The previous
// label's features are its transition alone: conjoining it with the word's shape,
// part of speech or profile gained nothing on dev and made the search three times
// as dear.
func (r *Recognizer) transitions(m scorer, t []float32) []float32 {
	L := len(r.Labels)
	t = growF(t, (L+1)*L)
	var f [1]uint64
	for p := 0; p <= L; p++ {
		f[0] = r.transFeature(p)
		m.Score(f[:], t[p*L:(p+1)*L])
	}
	return t
}

// setModel installs a trained model and its transition scores.
func (r *Recognizer) setModel(m *perceptron.Model) {
	r.model = m
	r.trans = r.transitions(m, nil)
	r.edges = [2][]int32{r.sumsOf(&startWord), r.sumsOf(&endWord)}
}

// transFeature is the feature of following label p (len(Labels): the start).
func (r *Recognizer) transFeature(p int) uint64 {
	if p == len(r.Labels) {
		return perceptron.F1(fP1, hStart)
	}
	return perceptron.F1(fP1, r.hashes[p])
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
	ws  []word
	dec decoder
	// cache holds the attributes of words seen before, for owner's model.
	cache lex.Memo[known]
	owner *Recognizer
	net   netScratch
}

// known is a word's attributes, its wordFeatures' sums and its share of the
// window network's hidden units (shareOf).
type known struct {
	word
	sums  []int32
	share []float32
}

func (r *Recognizer) knownOf(w string) known {
	k := known{word: r.attrsOf(w)}
	k.sums = r.sumsOf(&k.word)
	if r.net != nil && r.vectors != nil {
		k.share = r.net.shareOf(r.vectors, w, make([]float32, r.net.per()), nil)
	}
	return k
}

// sumsOf returns the sums of the weights of w's wordFeatures, by group
// (perceptron.GroupSums): the part of a word's scores that its sentence does not
// change.
func (r *Recognizer) sumsOf(w *word) []int32 {
	return r.model.GroupSums(func(g int, f []uint64) []uint64 { return wordFeatures(w, g, f) })
}

// static writes the model's scores of word i into scores: from the sums of its
// own and its neighbours' wordFeatures, kept per word (d.sums), and its
// contextFeatures (perceptron.ScoreWord).
func (r *Recognizer) static(ws []word, i int, caps bool, d *decoder, scores []float32) {
	d.feats = contextFeatures(ws, i, caps, d.feats[:0])
	r.model.ScoreWord(d.feats, d.sums, r.edges, i, scores)
}

// scorer scores features: a trained model, or a trainer's current weights.
type scorer interface {
	Score(feats []uint64, scores []float32)
}

// decoder finds the best label sequence by Viterbi search.
type decoder struct {
	static []float32 // n×L: label scores from features without labels
	best   []float32 // n×L: best path score ending in label
	back   []int32   // n×L: previous label of that path
	feats  []uint64
	extra  []float32 // n×L: the window network's scores, or nil
	// sums, when labelling with the model, hold each word's wordFeatures'
	// sums (sumsOf); nil in training.
	sums [][]int32
}

func growF(x []float32, n int) []float32 {
	if cap(x) < n {
		return make([]float32, n)
	}
	x = x[:n]
	clear(x)
	return x
}

// decode labels ws with the weights of m and their transitions trans (see
// transitions).
func (r *Recognizer) decode(m scorer, trans []float32, ws []word, caps bool, d *decoder, out []int) []int {
	r.scoreStatic(m, ws, caps, d)
	return r.viterbi(trans, ws, d, out)
}

const never = -1e30

// scoreStatic fills d.static with the label scores of ws that do not depend on
// the labels: features, and the window network's d.extra.
func (r *Recognizer) scoreStatic(m scorer, ws []word, caps bool, d *decoder) {
	n, L := len(ws), len(r.Labels)
	d.static = growF(d.static, n*L)
	for i := range n {
		if d.sums != nil {
			r.static(ws, i, caps, d, d.static[i*L:(i+1)*L])
		} else {
			d.feats = features(ws, i, caps, d.feats[:0])
			m.Score(d.feats, d.static[i*L:(i+1)*L])
		}
		if d.extra != nil {
			for y, v := range d.extra[i*L : (i+1)*L] {
				d.static[i*L+y] += v
			}
		}
		if ws[i].outside {
			for y := 1; y < L; y++ {
				d.static[i*L+y] = never
			}
		}
	}
}

// viterbi finds the best labels of ws from d.static and the transitions trans.
func (r *Recognizer) viterbi(trans []float32, ws []word, d *decoder, out []int) []int {
	n, L := len(ws), len(r.Labels)
	out = out[:0]
	if n == 0 {
		return out
	}
	d.best = growF(d.best, n*L)
	if cap(d.back) < n*L {
		d.back = make([]int32, n*L)
	}
	d.back = d.back[:n*L]
	for y := range L {
		d.best[y] = never
		if r.first[y] {
			d.best[y] = d.static[y] + trans[L*L+y]
		}
		d.back[y] = -1
	}
	for i := 1; i < n; i++ {
		for y := range L {
			bv, bp := float32(never), int32(-1)
			for p := range L {
				if !r.allow[p*L+y] {
					continue
				}
				v := d.best[(i-1)*L+p] + trans[p*L+y]
				if bp < 0 || v > bv {
					bv, bp = v, int32(p)
				}
			}
			d.best[i*L+y] = bv + d.static[i*L+y]
			d.back[i*L+y] = bp
		}
	}
	y := 0
	for c := 1; c < L; c++ {
		if r.last[c] && d.best[(n-1)*L+c] > d.best[(n-1)*L+y] {
			y = c
		}
	}
	for range n {
		out = append(out, 0)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = y
		y = int(d.back[i*L+y])
	}
	return out
}

// Label returns the label index of each word. pos holds the words' UPOS tags.
func (r *Recognizer) Label(words, pos []string, out []int, s *Scratch) []int {
	return r.LabelOutside(words, pos, nil, out, s)
}

// LabelOutside is Label with the words where outside is true kept out of names.
func (r *Recognizer) LabelOutside(words, pos []string, outside []bool, out []int, s *Scratch) []int {
	if s == nil {
		s = &Scratch{owner: r} // one sentence: no cache
	} else if s.owner != r || s.cache == nil {
		s.owner, s.cache, s.net = r, lex.Memo[known]{}, netScratch{}
	}
	r.prepareWords(words, pos, outside, s)
	return r.decode(r.model, r.trans, s.ws, allCaps(words), &s.dec, out)
}

// prepareWords gives s the attributes of words and the window network's scores.
func (r *Recognizer) prepareWords(words, pos []string, outside []bool, s *Scratch) {
	s.ws = r.attrs(words, pos, s.ws, s)
	for i, w := range words {
		// Brackets are never inside names (2 of 7,971 names in UNER-EWT train
		// and dev hold one), but the model ran "Izium [Izyum" into one. (Only
		// when labelling: in training the constraint cost 0.9 F1 on UNER dev.)
		switch w {
		case "(", ")", "[", "]", "{", "}":
			s.ws[i].outside = true
		}
		if i < len(outside) && outside[i] {
			s.ws[i].outside = true
		}
	}
	s.dec.extra = nil
	if r.net != nil && r.vectors != nil {
		if slices.ContainsFunc(s.net.shares, func(sh []float32) bool { return sh == nil }) {
			// cached before the recogniser had its vectors
			s.dec.extra = r.net.scores(r.vectors, words, &s.net)
		} else {
			s.dec.extra = r.net.scoresOf(s.net.shares, &s.net)
		}
	}
}

func (r *Recognizer) prepare() {
	n := len(r.Labels)
	r.hashes = make([]uint64, n)
	r.kind = make([]byte, n)
	r.typeOf = make([]string, n)
	for i, l := range r.Labels {
		r.hashes[i] = perceptron.String(l) + 7
		r.kind[i] = 'O'
		if k, ty, ok := strings.Cut(l, "-"); ok && len(k) == 1 {
			r.kind[i], r.typeOf[i] = k[0], ty
		}
	}
	r.allow = make([]bool, n*n)
	r.first = make([]bool, n)
	r.last = make([]bool, n)
	for y := range n {
		inner := r.kind[y] == 'I' || r.kind[y] == 'L'
		r.first[y] = !inner
		r.last[y] = r.kind[y] != 'B' && r.kind[y] != 'I'
		for p := range n {
			open := r.kind[p] == 'B' || r.kind[p] == 'I'
			if inner {
				r.allow[p*n+y] = open && r.typeOf[p] == r.typeOf[y]
			} else {
				r.allow[p*n+y] = !open
			}
		}
	}
}

// IsPlace reports whether words spell a place name of the recogniser's gazetteer
// (Options.Places), in any case. The gazetteer keeps hyphenated names whole,
// where the tokenizer splits them: "Ivano - Frankivsk" is "Ivano-Frankivsk".
func (r *Recognizer) IsPlace(words []string) bool {
	h, n := uint64(0), 0
	for i := 0; i < len(words); i++ {
		w := words[i]
		for i+2 < len(words) && words[i+1] == "-" {
			w += "-" + words[i+2]
			i += 2
		}
		h = seqHash(h, perceptron.String(lex.Lower(w)))
		n++
	}
	if n == 0 || n > r.placeLen {
		return false
	}
	_, ok := slices.BinarySearch(r.places, h)
	return ok
}

// Span is an entity found in a sentence: words [Start, End) of type Type.
type Span struct {
	Start, End int
	Type       string
}

// Spans decodes labels into entity spans: B I* L and U sequences.
func (r *Recognizer) Spans(labels []int) []Span {
	var out []Span
	for i := 0; i < len(labels); i++ {
		l := labels[i]
		switch r.kind[l] {
		case 'U':
			out = append(out, Span{i, i + 1, r.typeOf[l]})
		case 'B':
			j := i + 1
			for j < len(labels) && r.kind[labels[j]] == 'I' && r.typeOf[labels[j]] == r.typeOf[l] {
				j++
			}
			if j < len(labels) && r.kind[labels[j]] == 'L' && r.typeOf[labels[j]] == r.typeOf[l] {
				out = append(out, Span{i, j + 1, r.typeOf[l]})
				i = j
			}
		}
	}
	return out
}

// UseVectors gives the recogniser the word vectors its window network was
// trained on; a model without a network needs none.
func (r *Recognizer) UseVectors(v *lex.Vectors) error {
	if r.net == nil {
		return nil
	}
	if v.Sum() != r.net.sum || v.Dim() != r.net.dim {
		return errors.New("ner: the word vectors are not those the window network was trained on")
	}
	r.vectors = v
	return nil
}

// HasNet reports whether the recogniser has a window network.
func (r *Recognizer) HasNet() bool { return r.net != nil }

// Clusters is the model's table of word clusters (nil without).
func (r *Recognizer) Clusters() *lex.Clusters { return r.clusters }

// ShareClusters makes the model use c in place of its own table of word clusters
// when the two are the same, so that models trained together hold one copy.
// It is not safe while the model is in use.
func (r *Recognizer) ShareClusters(c *lex.Clusters) {
	r.clusters = r.clusters.Share(c)
}
