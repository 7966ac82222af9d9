// Package parser builds labelled dependency trees (Universal Dependencies) with a
// greedy transition-based parser: the arc-hybrid system (Kuhlmann et al. 2011) with
// the root at the end of the buffer, an averaged perceptron over the rich feature
// templates of Zhang and Nivre (2011), trained with the dynamic oracle of Goldberg
// and Nivre (2013), so that it learns to recover from its own mistakes.
//
// Parsing is linear in sentence length: each word is shifted once and reduced once.
// ParseSearch looks further, following more paths than the greedy one and keeping
// the likeliest (selectional branching): more accurate, slower.
package parser

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Parser is a trained parser. It is safe for concurrent use.
type Parser struct {
	// Labels are the dependency relations. Transition classes are SHIFT (0),
	// LEFT(l) (1+l) and RIGHT(l) (1+len(Labels)+l).
	Labels []string
	model  *perceptron.Model
	root   int // index of "root" in Labels
	// wlex maps a word's Norm hash to the hash of its classes in the word-class
	// lexicon (Options.Lexicon).
	wlex perceptron.ClassMap
	// clusters gives words their GloVe clusters (Options.Clusters); nil without.
	clusters *lex.Clusters
	// acl is the index of "acl" in Labels (-1 if none); clausal marks the labels
	// of the children that make a finite verb a clause of its own (see allowed).
	acl     int
	clausal uint64
	// notFinite marks the relations a finite verb never bears (see allowed).
	notFinite []bool
	// Temperature weighs the paths of a search (ParseSearch); prepare sets it
	// to DefaultTemperature.
	Temperature float32
}

// DefaultTemperature suits the committed model: chosen on EWT dev with 8 paths
// for a single parser (UAS 87.22 / 87.35 / 87.30 / 87.15 / 87.03 at 30 / 35 /
// 40 / 45 / 50; GUM dev agrees), and still about the best for the mix of three
// with 5 paths (87.32 / 87.43 / 87.38 / 87.32 / 87.21 at 25 / 30 / 35 / 40 /
// 45). Scores scale with the training, so a retrained parser may want another.
const DefaultTemperature = 35

const shift = 0

func (p *Parser) nClasses() int { return 1 + 2*len(p.Labels) }

// word attributes used by the features
type word struct {
	w, t, wt uint64 // form, tag, form+tag
	l        uint64 // word classes (Options.Lexicon)
	c, cf    uint64 // GloVe clusters: 256 and 1024 of them (Options.Clusters)
	finite   bool   // tagged as a finite verb (VBD, VBZ, VBP)
}

// state is a parser configuration.
type state struct {
	n      int
	stack  []int
	b      int // front of the buffer; n is the root
	heads  []int
	labels []int
	lc1    []int // leftmost child
	lc2    []int // second leftmost
	rc1    []int // rightmost child
	rc2    []int
	nl, nr []uint8
	lset   []uint64 // bit set of the labels of left children
	rset   []uint64
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 0
	grow := func(x []int) []int {
		if cap(x) < n {
			return make([]int, n)
		}
		return x[:n]
	}
	s.heads, s.labels = grow(s.heads), grow(s.labels)
	s.lc1, s.lc2, s.rc1, s.rc2 = grow(s.lc1), grow(s.lc2), grow(s.rc1), grow(s.rc2)
	if cap(s.nl) < n {
		s.nl, s.nr = make([]uint8, n), make([]uint8, n)
		s.lset, s.rset = make([]uint64, n), make([]uint64, n)
	}
	s.nl, s.nr, s.lset, s.rset = s.nl[:n], s.nr[:n], s.lset[:n], s.rset[:n]
	for i := range n {
		s.heads[i], s.labels[i] = -1, -1
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = -1, -1, -1, -1
		s.nl[i], s.nr[i], s.lset[i], s.rset[i] = 0, 0, 0, 0
	}
}

func (s *state) done() bool { return s.b == s.n && len(s.stack) == 0 }

// valid reports whether transition class c may apply.
func (p *Parser) valid(s *state, c int) bool {
	L := len(p.Labels)
	switch {
	case c == shift:
		return s.b < s.n
	case c <= L: // LEFT: s0 <- b
		if len(s.stack) == 0 {
			return false
		}
		if s.b == s.n {
			return len(s.stack) == 1 && c-1 == p.root
		}
		return c-1 != p.root
	default: // RIGHT: s1 -> s0
		return len(s.stack) >= 2 && c-1-L != p.root
	}
}

// allowed rules out, when parsing, an analysis the treebanks all but never have:
// a finite verb as a reduced relative ("acl") of the noun before it, with no
// subject or complementiser of its own. "The Azerbaijani parliament threatened on
// Monday to break relations" is a sentence, not a noun phrase; "the fact that he
// left" keeps its "acl". (In EWT and GUM train, 19 of 300,000 words.) Nor is a
// finite verb a nominal's modifier, object or case marker (notFinite): of the
// 25,000 finite verbs of EWT and GUM train none is an amod, nmod or obj.
func (p *Parser) allowed(s *state, ws []word, c int) bool {
	L := len(p.Labels)
	if c == shift || len(s.stack) == 0 {
		return true
	}
	s0 := s.stack[len(s.stack)-1] // the dependent of either arc
	if !ws[s0].finite {
		return true
	}
	l := c - 1
	if c > L {
		l = c - 1 - L
	}
	if p.notFinite[l] {
		return false
	}
	return l != p.acl || c <= L || s.lset[s0]&p.clausal != 0
}

// markInvalid sets to invalid the scores of the transitions that are not valid
// or not allowed: what valid and allowed tell, class by class, told by ranges.
func (p *Parser) markInvalid(s *state, ws []word, scores []float32) {
	L := len(p.Labels)
	if s.b >= s.n {
		scores[shift] = invalid
	}
	left, right := scores[1:1+L], scores[1+L:1+2*L]
	k := len(s.stack)
	switch {
	case k == 0:
		fillInvalid(left)
	case s.b == s.n: // only the root's arc, and only from the last word left
		v := left[p.root]
		fillInvalid(left)
		if k == 1 {
			left[p.root] = v
		}
	default:
		left[p.root] = invalid
	}
	if k < 2 {
		fillInvalid(right)
	} else {
		right[p.root] = invalid
	}
	if k == 0 || !ws[s.stack[k-1]].finite {
		return
	}
	for l, no := range p.notFinite {
		if no {
			left[l], right[l] = invalid, invalid
		}
	}
	if p.acl >= 0 && s.lset[s.stack[k-1]]&p.clausal == 0 {
		right[p.acl] = invalid
	}
}

func fillInvalid(v []float32) {
	for i := range v {
		v[i] = invalid
	}
}

func (s *state) addArc(h, d, l int) {
	s.heads[d], s.labels[d] = h, l
	if h >= s.n {
		return
	}
	if d < h {
		if s.lc1[h] < 0 || d < s.lc1[h] {
			s.lc2[h], s.lc1[h] = s.lc1[h], d
		} else if s.lc2[h] < 0 || d < s.lc2[h] {
			s.lc2[h] = d
		}
		if s.nl[h] < 255 {
			s.nl[h]++
		}
		s.lset[h] |= 1 << (uint(l) & 63)
	} else {
		if s.rc1[h] < 0 || d > s.rc1[h] {
			s.rc2[h], s.rc1[h] = s.rc1[h], d
		} else if s.rc2[h] < 0 || d > s.rc2[h] {
			s.rc2[h] = d
		}
		if s.nr[h] < 255 {
			s.nr[h]++
		}
		s.rset[h] |= 1 << (uint(l) & 63)
	}
}

func (p *Parser) apply(s *state, c int) {
	L := len(p.Labels)
	switch {
	case c == shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case c <= L:
		s0 := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s.b, s0, c-1)
	default:
		s0 := s.stack[len(s.stack)-1]
		s1 := s.stack[len(s.stack)-2]
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s1, s0, c-1-L)
	}
}

// Scratch is reusable working memory.
type Scratch struct {
	st     state
	ws     []word
	feats  []uint64
	scores []float32
	// for the search (see ParseSearch)
	greedy  []int     // the greedy path's transitions
	gscores []float32 // the scores at each of its steps that were scored
	at      []int32   // where a step's scores start in gscores; -1 if not scored
	lp      []float32 // its steps' log-likelihoods, NaN until needed
	cands   []branch
	path    []int     // the path being followed
	best    []int     // the likeliest path so far
	keys    []uint64  // the greedy path's configurations before each step (see key)
	sh      []uint64  // hashes of the stack's items (see itemHash), bottom up
	rest    []float32 // the greedy path's negative log-likelihood from each step on
	// for scoreAll
	acc   []int32
	rows  []uint32
	cache map[uint64]int32 // where sums holds a group's sum at a place (see place)
	sums  []int32
	pairs bool                   // keep the pair group's sums too (a search)
	trace func(scores []float32) // sees every configuration's scores (tests)
}

// branch is a step of the greedy path where another transition, alt, came
// within margin of the best one.
type branch struct {
	step, alt int
	margin    float32
}

// Parse returns each word's head (0 for the root, else 1-based) and relation
// index, taking the best transition at every step. tags are the words' part-of-
// speech tags.
func (p *Parser) Parse(words, tags []string, heads, rels []int, sc *Scratch) {
	p.ParseSearch(words, tags, heads, rels, 1, sc)
}

// ParseSearch is Parse looking further: after the greedy path, it follows
// paths-1 more, each taking another transition at one of the steps where one came
// closest to the best (the closest first) and the best ones after it, and keeps
// the path whose transitions are likeliest together — selectional branching
// (Choi and McCallum 2013). A transition's likelihood is the softmax of the
// scores of the transitions valid at its step, at temperature Temperature. A
// path ends early where it comes back to a configuration of the greedy path that
// the features cannot tell apart (see key; from there the two are the same), or
// where it can no longer win. With 5 paths, EWT dev UAS 86.50 → 87.38, LAS 83.51
// → 84.46, at about two thirds of the speed (internal/nlp/STATUS.md).
func (p *Parser) ParseSearch(words, tags []string, heads, rels []int, paths int, sc *Scratch) {
	if sc == nil {
		sc = &Scratch{}
	}
	n := len(words)
	if n == 0 {
		return
	}
	sc.ws = p.attrs(words, tags, sc.ws)
	nc := p.nClasses()
	if cap(sc.scores) < nc {
		sc.scores = make([]float32, nc)
	}
	sc.scores = sc.scores[:nc]
	// Clearing a map costs its capacity: after a very long sentence, start anew.
	if len(sc.cache) > 1<<12 || sc.cache == nil {
		sc.cache = map[uint64]int32{}
	}
	clear(sc.cache)
	sc.sums, sc.pairs = sc.sums[:0], paths > 1
	p.greedyPath(sc, n, paths > 1)
	if paths > 1 && len(sc.cands) > 0 {
		p.search(sc, n, paths-1)
	}
	s := &sc.st
	for i := range n {
		h := s.heads[i]
		switch {
		case h < 0:
			heads[i], rels[i] = 0, p.root // defensive: unattached words go to the root
		case h == n:
			heads[i], rels[i] = 0, s.labels[i]
		default:
			heads[i], rels[i] = h+1, s.labels[i]
		}
	}
}

// scoreAll scores the transitions from the configuration in sc.st into sc.scores.
//
// Most of the features depend only on where the configuration looks (see
// features), and a parse comes back to the same places: in greedy parsing,
// about every other configuration has the buffer front and the top of the
// stack of an earlier one, and a search's later paths mostly revisit the
// places of the first. So the sums of those groups' weights are kept, by group
// and place, for the rest of the sentence. Sums are in whole quantisation steps,
// so the scores are exactly those of all the features added at once.
func (p *Parser) scoreAll(sc *Scratch) []float32 {
	clear(sc.scores)
	if !caching || sc.st.n >= maxCached {
		sc.feats = p.features(&sc.st, sc.ws, sc.feats[:0])
		p.model.Score(sc.feats, sc.scores)
	} else {
		p.scoreKept(sc)
	}
	if sc.trace != nil {
		sc.trace(sc.scores)
	}
	return sc.scores
}

// scoreKept is scoreAll keeping the groups' sums.
func (p *Parser) scoreKept(sc *Scratch) {
	s := &sc.st
	a := s.at()
	w := p.model.Width()
	sc.acc = slices.Grow(sc.acc[:0], w)[:w]
	acc := sc.acc
	clear(acc)
	// Groups already summed at this place are added; the others' features are
	// looked up with the rest, all at once, so that their cache misses overlap.
	var keys [3]uint64
	var marks [4]int // where each group left to sum starts, then where the rest does
	nt := 0
	f := sc.feats[:0]
	for g := range 3 {
		var key uint64
		switch g {
		case 0:
			key = place(1, -1, -1, a.j0)
		case 1:
			key = place(2, a.i2, a.i1, a.i0)
		default:
			if !sc.pairs {
				continue // greedy parsing never comes back to a pair's place
			}
			key = place(3, a.i1, a.i0, a.j0)
		}
		if off, ok := sc.cache[key]; ok {
			addSums(acc, sc.sums[off:off+int32(w)])
			continue
		}
		keys[nt], marks[nt] = key, len(f)
		nt++
		switch g {
		case 0:
			f = bufferFeatures(f, sc.ws, s.n, a)
		case 1:
			f = stackFeatures(f, sc.ws, s.n, a)
		default:
			f = pairFeatures(f, sc.ws, s.n, a)
		}
	}
	marks[nt] = len(f)
	if !sc.pairs {
		f = pairFeatures(f, sc.ws, s.n, a)
	}
	f = restFeatures(f, s, sc.ws, a)
	sc.feats = f
	sc.rows = slices.Grow(sc.rows[:0], len(f))[:len(f)]
	found := p.model.Find(f, sc.rows, marks[:nt+1])
	for t, key := range keys[:nt] {
		off := len(sc.sums)
		sc.sums = slices.Grow(sc.sums, w)[:off+w]
		sum := sc.sums[off:]
		clear(sum)
		p.model.AddRows(sc.rows[marks[t]:marks[t+1]], sum)
		addSums(acc, sum)
		sc.cache[key] = int32(off)
	}
	p.model.AddRows(sc.rows[marks[nt]:found], acc)
	p.model.Finish(acc, sc.scores)
}

// caching lets scoreAll keep groups' sums (false only in tests, which check
// that this changes no score).
var caching = true

// maxCached bounds the sentences whose places fit place's keys.
const maxCached = 1<<20 - 1

// place is the key of group g's sum at words x, y, z (-1 for none).
func place(g uint64, x, y, z int) uint64 {
	return g<<60 | uint64(x+1)<<40 | uint64(y+1)<<20 | uint64(z+1)
}

// addSums adds b to a.
func addSums(a, b []int32) {
	b = b[:len(a)]
	for i := range a {
		a[i] += b[i]
	}
}

// score scores the transitions from the configuration in sc.st into sc.scores,
// the invalid ones invalid, and returns the best and the runner-up (-1 for none).
func (p *Parser) score(sc *Scratch) (best, second int) {
	scores := p.scoreAll(sc)
	p.markInvalid(&sc.st, sc.ws, scores)
	best, second = -1, -1
	for c, v := range scores {
		if v == invalid {
			continue
		}
		if best < 0 || v > scores[best] {
			best, second = c, best
		} else if second < 0 || scores[c] > scores[second] {
			second = c
		}
	}
	return best, second
}

// best scores the transitions from the configuration in sc.st and returns the
// best valid one (checking validity only where it matters: greedy parsing).
func (p *Parser) best(sc *Scratch) int {
	s := &sc.st
	scores := p.scoreAll(sc)
	best := -1
	for c := range scores {
		if (best < 0 || scores[c] > scores[best]) && p.valid(s, c) && p.allowed(s, sc.ws, c) {
			best = c
		}
	}
	return best
}

// greedyPath parses taking the best transition at every step. For a search
// (record), it keeps the path, the scores at each step, and the branch points.
func (p *Parser) greedyPath(sc *Scratch, n int, record bool) {
	s := &sc.st
	s.reset(n)
	sc.greedy, sc.gscores, sc.at, sc.lp, sc.cands = sc.greedy[:0], sc.gscores[:0], sc.at[:0], sc.lp[:0], sc.cands[:0]
	sc.keys, sc.sh = sc.keys[:0], sc.sh[:0]
	for !s.done() {
		c, at := shift, int32(-1)
		// With an empty stack the only move is SHIFT: no need to score.
		if len(s.stack) > 0 && !record {
			c = p.best(sc)
		} else if len(s.stack) > 0 {
			best, second := p.score(sc)
			if best < 0 {
				break // cannot happen: some transition is always valid
			}
			c, at = best, int32(len(sc.gscores))
			sc.gscores = append(sc.gscores, sc.scores...)
			if second >= 0 {
				sc.cands = append(sc.cands, branch{len(sc.greedy), second, sc.scores[best] - sc.scores[second]})
			}
		}
		if record {
			sc.keys = append(sc.keys, sc.key())
			sc.greedy = append(sc.greedy, c)
			sc.at = append(sc.at, at)
			sc.lp = append(sc.lp, float32(math.NaN()))
			p.move(sc, c)
			continue
		}
		p.apply(s, c)
	}
	if record {
		sc.keys = append(sc.keys, sc.key())
	}
}

// search follows the branches of the greedy path closest to it, up to more of
// them, and leaves in sc.st the likeliest parse.
func (p *Parser) search(sc *Scratch, n, more int) {
	slices.SortFunc(sc.cands, func(a, b branch) int { return cmp.Compare(a.margin, b.margin) })
	sc.best = append(sc.best[:0], sc.greedy...)
	bestGain := float32(0) // over the greedy path
	// rest[i]: the greedy path's negative log-likelihood from step i on, the most
	// a path that leaves it can still gain from there (see follow)
	m := len(sc.greedy)
	sc.rest = slices.Grow(sc.rest[:0], m+1)[:m+1]
	sc.rest[m] = 0
	for i := m - 1; i >= 0; i-- {
		sc.rest[i] = sc.rest[i+1] - p.greedyLP(sc, i)
	}
	for k, b := range sc.cands {
		if k == more {
			break
		}
		if g := p.follow(sc, n, b, bestGain); g > bestGain {
			bestGain = g
			sc.best = append(sc.best[:0], sc.path...)
		}
	}
	s := &sc.st
	s.reset(n)
	for _, c := range sc.best {
		p.apply(s, c)
	}
}

// follow takes the greedy path up to branch b, b's transition there, and the best
// ones after it, recording the path in sc.path, and returns how much likelier
// it is than the greedy path (log-likelihood; below zero when less likely). It
// stops once the path cannot be likelier than the greedy one by more than beat
// (returning no more than beat).
func (p *Parser) follow(sc *Scratch, n int, b branch, beat float32) float32 {
	s := &sc.st
	s.reset(n)
	sc.sh = sc.sh[:0]
	sc.path = append(sc.path[:0], sc.greedy[:b.step]...)
	for _, c := range sc.path {
		p.move(sc, c)
	}
	// At the branch, the two paths share the softmax's normaliser.
	at := int(sc.at[b.step])
	gain := (sc.gscores[at+b.alt] - sc.gscores[at+sc.greedy[b.step]]) / p.Temperature
	p.move(sc, b.alt)
	sc.path = append(sc.path, b.alt)
	for j := b.step + 1; ; j++ {
		// Back on a configuration of the greedy path that its features cannot
		// tell apart: from here on the two paths are the same.
		if shortcuts && sc.keys[j] == sc.key() {
			sc.path = append(sc.path, sc.greedy[j:]...)
			return gain
		}
		if s.done() { // (every path has as many steps)
			break
		}
		// Even were every step from here certain, the path could not beat the
		// best so far: stop.
		if shortcuts && gain+sc.rest[j] <= beat {
			return gain + sc.rest[j]
		}
		gain -= p.greedyLP(sc, j)
		c := shift
		if len(s.stack) > 0 {
			best, _ := p.score(sc)
			if best < 0 {
				return -1 // cannot happen
			}
			c = best
			gain -= p.lse(sc.scores, best)
		}
		p.move(sc, c)
		sc.path = append(sc.path, c)
	}
	return gain
}

// shortcuts lets a path end where it rejoins the greedy one or can no longer
// win (false only in tests, which check that this changes no parse).
var shortcuts = true

// move applies transition c, keeping sc.sh.
func (p *Parser) move(sc *Scratch, c int) {
	s := &sc.st
	L := len(p.Labels)
	switch {
	case c == shift:
		sc.sh = append(sc.sh, perceptron.F2(1, sc.below(len(sc.sh)), s.itemHash(s.b)))
		p.apply(s, c)
	case c <= L: // s0 goes under b0, which is not on the stack
		sc.sh = sc.sh[:len(sc.sh)-1]
		p.apply(s, c)
	default: // s0 goes under s1, which changes
		sc.sh = sc.sh[:len(sc.sh)-1]
		p.apply(s, c)
		k := len(sc.sh)
		sc.sh[k-1] = perceptron.F2(1, sc.below(k-1), s.itemHash(s.stack[k-1]))
	}
}

// below is the hash of the stack's first k items.
func (sc *Scratch) below(k int) uint64 {
	if k == 0 {
		return 1
	}
	return sc.sh[k-1]
}

// key identifies a configuration by all its features can see: the stack, the
// buffer's front, and what of their children the features read.
func (sc *Scratch) key() uint64 {
	return perceptron.F3(2, sc.below(len(sc.sh)), uint64(sc.st.b), sc.st.itemHash(sc.st.b))
}

// itemHash hashes word i with what the features read of its children: the
// first and last two on each side, their relations, how many there are, and the
// sets of their relations.
func (s *state) itemHash(i int) uint64 {
	if i < 0 || i >= s.n {
		return uint64(i) + 7
	}
	lab := func(c int) uint64 {
		if c < 0 {
			return 0
		}
		return uint64(s.labels[c]) + 1
	}
	pos := func(c int) uint64 { return uint64(c + 1) }
	h := perceptron.F3(3, uint64(i), pos(s.lc1[i])|pos(s.lc2[i])<<32, pos(s.rc1[i])|pos(s.rc2[i])<<32)
	h = perceptron.F3(4, h, s.lset[i], s.rset[i])
	return perceptron.F3(5, h, lab(s.lc1[i])|lab(s.lc2[i])<<8|lab(s.rc1[i])<<16|lab(s.rc2[i])<<24,
		uint64(s.nl[i])|uint64(s.nr[i])<<8)
}

// greedyLP is the log-likelihood of step i of the greedy path.
func (p *Parser) greedyLP(sc *Scratch, i int) float32 {
	if sc.at[i] < 0 {
		return 0 // the only valid transition
	}
	if v := sc.lp[i]; v == v {
		return v
	}
	at := int(sc.at[i])
	v := -p.lse(sc.gscores[at:at+len(sc.scores)], sc.greedy[i])
	sc.lp[i] = v
	return v
}

// lse is log Σ exp((s_c - s_best)/T) over the valid transitions c: the negative
// log-likelihood of the best one.
func (p *Parser) lse(scores []float32, best int) float32 {
	inv := 1 / p.Temperature
	floor := scores[best] - 8*p.Temperature // further below, a transition adds under 3e-4
	var sum float64
	for _, v := range scores {
		if v > floor {
			sum += math.Exp(float64((v - scores[best]) * inv))
		}
	}
	return float32(math.Log(sum))
}

// invalid marks the score of a transition that may not apply.
const invalid = -math.MaxFloat32

func (p *Parser) attrs(words, tags []string, out []word) []word {
	out = out[:0]
	for i, w := range words {
		a := word{w: perceptron.String(lex.Norm(w))}
		if i < len(tags) {
			a.t = perceptron.String(tags[i])
		}
		a.wt = perceptron.F2(0, a.w, a.t)
		a.l = hNone
		if c, ok := p.wlex.Get(a.w); ok {
			a.l = c
		}
		if p.clusters != nil {
			c := p.clusters.Of(w)
			a.c, a.cf = uint64(c[1]), uint64(c[0])
		}
		if i < len(tags) {
			switch _, x, _ := strings.Cut(tags[i], "|"); x {
			case "VBD", "VBZ", "VBP":
				a.finite = true
			}
		}
		out = append(out, a)
	}
	return out
}

// Features and Weights describe the model's size.
func (p *Parser) Features() int { return p.model.Features() }
func (p *Parser) Weights() int  { return p.model.Weights() }

// Pruned returns a copy of p without weights smaller than min quantisation steps.
func (p *Parser) Pruned(min float64) *Parser {
	c := *p
	c.model = p.model.Pruned(min)
	return &c
}

// Clusters is the model's table of word clusters (nil without).
func (p *Parser) Clusters() *lex.Clusters { return p.clusters }

// ShareClusters makes the model use c in place of its own table of word clusters
// when the two are the same, so that models trained together hold one copy.
// It is not safe while the model is in use.
func (p *Parser) ShareClusters(c *lex.Clusters) {
	p.clusters = p.clusters.Share(c)
}
