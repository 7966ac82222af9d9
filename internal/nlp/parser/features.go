package parser

import "github.com/sitrep/sitrep/internal/nlp/perceptron"

var (
	hNone = perceptron.String("<none>")
	hRoot = perceptron.String("<root>")
)

var noneWord = word{w: hNone, t: hNone, wt: hNone, l: hNone, c: hNone, cf: hNone}
var rootWord = word{w: hRoot, t: hRoot, wt: hRoot, l: hRoot, c: hRoot, cf: hRoot}

// Feature templates.
const (
	_ = iota
	fS0w
	fS0t
	fS0wt
	fS1w
	fS1t
	fS1wt
	fS2t
	fB0w
	fB0t
	fB0wt
	fB1w
	fB1t
	fB1wt
	fB2t
	fB2w
	fS0wtB0wt
	fS0wtB0w
	fS0wB0wt
	fS0wtB0t
	fS0tB0wt
	fS0wB0w
	fS0tB0t
	fB0tB1t
	fS1wtS0wt
	fS1wtS0w
	fS1wS0wt
	fS1wtS0t
	fS1tS0wt
	fS1wS0w
	fS1tS0t
	fB0tB1tB2t
	fS0tB0tB1t
	fS1tS0tB0t
	fS2tS1tS0t
	fS1tS0tB1t
	fS0tS0lctB0t
	fS0tS0rctB0t
	fS0tB0tB0lct
	fS1tS0tS0lct
	fS1tS1rctS0t
	fS1tS0tS0rct
	fS1tS1lctS0t
	fDistS0B0w
	fDistS0B0t
	fDistB0w
	fDistB0t
	fDistS0tB0t
	fDistS1S0w
	fDistS0w
	fDistS1tS0t
	fS0tVl
	fS0tVr
	fS0wVl
	fS0wVr
	fS1wVr
	fS1tVr
	fS1tVl
	fB0wVl
	fB0tVl
	fS0lcw
	fS0lct
	fS0lcl
	fS0rcw
	fS0rct
	fS0rcl
	fS1lcw
	fS1lct
	fS1lcl
	fS1rcw
	fS1rct
	fS1rcl
	fB0lcw
	fB0lct
	fB0lcl
	fS0lc2t
	fS0lc2l
	fS0rc2t
	fS0rc2l
	fS1rc2t
	fS1rc2l
	fB0lc2t
	fB0lc2l
	fS0tLcl2
	fS0tRcl2
	fB0tLcl2
	fS1tRcl2
	fS0tLset
	fS0tRset
	fB0tLset
	fS1tRset
	fS1tLset
	fBias
	fS1wtS0wtB0t
	fS0wB0wB1t
	fStackDepth
	fS0l
	fB0l
	fS0lB0t
	fS0tB0l
	fB1l
	fS0c
	fB0c
	fS1c
	fB1c
	fS0cB0c
	fS0cB0t
	fS0tB0c
	fS0cf
	fB0cf
)

func dist(a, b int) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	}
	return 7
}

func lab(l int) uint64 { return uint64(l + 2) }

// at is where a configuration's features look: the top three words of the
// stack and the first three of the buffer (-1 where there is none; the root, n,
// ends the buffer).
type at struct{ i0, i1, i2, j0, j1, j2 int }

func (s *state) at() at {
	a := at{i0: -1, i1: -1, i2: -1, j0: s.b, j1: -1, j2: -1}
	if k := len(s.stack); k > 0 {
		a.i0 = s.stack[k-1]
		if k > 1 {
			a.i1 = s.stack[k-2]
			if k > 2 {
				a.i2 = s.stack[k-3]
			}
		}
	}
	if a.j0 < s.n {
		a.j1 = a.j0 + 1
		if a.j1 < s.n {
			a.j2 = a.j1 + 1
		}
	}
	return a
}

// wordAt is word i of a sentence of n words: its attributes, the root's (n), or
// none's.
func wordAt(ws []word, n, i int) *word {
	switch {
	case i < 0 || i > n:
		return &noneWord
	case i == n:
		return &rootWord
	}
	return &ws[i]
}

// features of configuration s. They fall in four groups. The first three depend
// on where the configuration looks alone, not on the arcs made so far: the
// buffer's front (bufferFeatures), the top three of the stack (stackFeatures),
// and the top two of the stack with the buffer's front (pairFeatures), so a
// parse can score each once for each place it visits (see scoreAll). The rest
// read the children found so far (restFeatures).
func (p *Parser) features(s *state, ws []word, f []uint64) []uint64 {
	a := s.at()
	f = bufferFeatures(f, ws, s.n, a)
	f = stackFeatures(f, ws, s.n, a)
	f = pairFeatures(f, ws, s.n, a)
	return restFeatures(f, s, ws, a)
}

// bufferFeatures depend on a.j0 alone (the next two words follow from it).
func bufferFeatures(f []uint64, ws []word, n int, a at) []uint64 {
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	b0, b1, b2 := wordAt(ws, n, a.j0), wordAt(ws, n, a.j1), wordAt(ws, n, a.j2)
	return append(f,
		F1(fBias, 0),
		F1(fB0w, b0.w), F1(fB0t, b0.t), F1(fB0wt, b0.wt),
		F1(fB1w, b1.w), F1(fB1t, b1.t), F1(fB1wt, b1.wt),
		F1(fB2t, b2.t), F1(fB2w, b2.w),
		F2(fB0tB1t, b0.t, b1.t), F3(fB0tB1tB2t, b0.t, b1.t, b2.t),
		// The word-class lexicon's classes and the GloVe clusters.
		F1(fB0l, b0.l), F1(fB1l, b1.l), F1(fB0c, b0.c), F1(fB1c, b1.c), F1(fB0cf, b0.cf),
	)
}

// stackFeatures depend on a.i2, a.i1 and a.i0 alone.
func stackFeatures(f []uint64, ws []word, n int, a at) []uint64 {
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	s0, s1, s2 := wordAt(ws, n, a.i0), wordAt(ws, n, a.i1), wordAt(ws, n, a.i2)
	d10 := uint64(99)
	if a.i1 >= 0 {
		d10 = dist(a.i1, a.i0)
	}
	return append(f,
		F1(fS0w, s0.w), F1(fS0t, s0.t), F1(fS0wt, s0.wt),
		F1(fS1w, s1.w), F1(fS1t, s1.t), F1(fS1wt, s1.wt),
		F1(fS2t, s2.t),
		F2(fS1wtS0wt, s1.wt, s0.wt), F2(fS1wtS0w, s1.wt, s0.w), F2(fS1wS0wt, s1.w, s0.wt),
		F2(fS1wtS0t, s1.wt, s0.t), F2(fS1tS0wt, s1.t, s0.wt), F2(fS1wS0w, s1.w, s0.w),
		F2(fS1tS0t, s1.t, s0.t), F3(fS2tS1tS0t, s2.t, s1.t, s0.t),
		F2(fDistS1S0w, s1.w, d10), F2(fDistS0w, s0.w, d10), F3(fDistS1tS0t, s1.t, s0.t, d10),
		// The word-class lexicon's classes (dev UAS +0.7, LAS +0.6) and the
		// GloVe clusters.
		F1(fS0l, s0.l), F1(fS0c, s0.c), F1(fS1c, s1.c), F1(fS0cf, s0.cf),
	)
}

// pairFeatures depend on a.i1, a.i0 and a.j0 alone.
func pairFeatures(f []uint64, ws []word, n int, a at) []uint64 {
	F2, F3 := perceptron.F2, perceptron.F3
	s0, s1 := wordAt(ws, n, a.i0), wordAt(ws, n, a.i1)
	b0, b1 := wordAt(ws, n, a.j0), wordAt(ws, n, a.j1)
	d01 := uint64(99)
	if a.i0 >= 0 {
		d01 = dist(a.i0, a.j0)
	}
	return append(f,
		F2(fS0wtB0wt, s0.wt, b0.wt), F2(fS0wtB0w, s0.wt, b0.w), F2(fS0wB0wt, s0.w, b0.wt),
		F2(fS0wtB0t, s0.wt, b0.t), F2(fS0tB0wt, s0.t, b0.wt), F2(fS0wB0w, s0.w, b0.w),
		F2(fS0tB0t, s0.t, b0.t),
		F3(fS0tB0tB1t, s0.t, b0.t, b1.t), F3(fS1tS0tB0t, s1.t, s0.t, b0.t),
		F3(fS1tS0tB1t, s1.t, s0.t, b1.t),
		F2(fDistS0B0w, s0.w, d01), F2(fDistS0B0t, s0.t, d01), F2(fDistB0w, b0.w, d01),
		F2(fDistB0t, b0.t, d01), F3(fDistS0tB0t, s0.t, b0.t, d01),
		F3(fS1wtS0wtB0t, s1.wt, s0.wt, b0.t), F3(fS0wB0wB1t, s0.w, b0.w, b1.t),
		F2(fS0lB0t, s0.l, b0.t), F2(fS0tB0l, s0.t, b0.l),
		F2(fS0cB0c, s0.c, b0.c), F2(fS0cB0t, s0.c, b0.t), F2(fS0tB0c, s0.t, b0.c),
	)
}

// restFeatures read the children found so far, their relations, and the
// stack's depth.
func restFeatures(f []uint64, s *state, ws []word, a at) []uint64 {
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	n := s.n
	get := func(i int) *word { return wordAt(ws, n, i) }
	i0, i1, j0 := a.i0, a.i1, a.j0
	s0, s1, b0 := get(i0), get(i1), get(j0)
	child := func(arr []int, i int) int {
		if i < 0 || i >= n {
			return -1
		}
		return arr[i]
	}
	labOf := func(i int) uint64 {
		if i < 0 {
			return 0
		}
		return lab(s.labels[i])
	}
	s0lc, s0rc, s0lc2, s0rc2 := child(s.lc1, i0), child(s.rc1, i0), child(s.lc2, i0), child(s.rc2, i0)
	s1lc, s1rc, s1rc2 := child(s.lc1, i1), child(s.rc1, i1), child(s.rc2, i1)
	b0lc, b0lc2 := child(s.lc1, j0), child(s.lc2, j0)
	w0lc, w0rc, w1lc, w1rc, wb0lc := get(s0lc), get(s0rc), get(s1lc), get(s1rc), get(b0lc)
	vl := func(i int) uint64 {
		if i < 0 || i >= n {
			return 99
		}
		return uint64(s.nl[i])
	}
	vr := func(i int) uint64 {
		if i < 0 || i >= n {
			return 99
		}
		return uint64(s.nr[i])
	}
	set := func(arr []uint64, i int) uint64 {
		if i < 0 || i >= n {
			return 1 << 63
		}
		return arr[i]
	}
	depth := uint64(min(len(s.stack), 3))
	return append(f,
		F3(fS0tS0lctB0t, s0.t, w0lc.t, b0.t), F3(fS0tS0rctB0t, s0.t, w0rc.t, b0.t),
		F3(fS0tB0tB0lct, s0.t, b0.t, wb0lc.t), F3(fS1tS0tS0lct, s1.t, s0.t, w0lc.t),
		F3(fS1tS1rctS0t, s1.t, w1rc.t, s0.t), F3(fS1tS0tS0rct, s1.t, s0.t, w0rc.t),
		F3(fS1tS1lctS0t, s1.t, w1lc.t, s0.t),

		F2(fS0tVl, s0.t, vl(i0)), F2(fS0tVr, s0.t, vr(i0)), F2(fS0wVl, s0.w, vl(i0)),
		F2(fS0wVr, s0.w, vr(i0)), F2(fS1wVr, s1.w, vr(i1)), F2(fS1tVr, s1.t, vr(i1)),
		F2(fS1tVl, s1.t, vl(i1)), F2(fB0wVl, b0.w, vl(j0)), F2(fB0tVl, b0.t, vl(j0)),

		F1(fS0lcw, w0lc.w), F1(fS0lct, w0lc.t), F1(fS0lcl, labOf(s0lc)),
		F1(fS0rcw, w0rc.w), F1(fS0rct, w0rc.t), F1(fS0rcl, labOf(s0rc)),
		F1(fS1lcw, w1lc.w), F1(fS1lct, w1lc.t), F1(fS1lcl, labOf(s1lc)),
		F1(fS1rcw, w1rc.w), F1(fS1rct, w1rc.t), F1(fS1rcl, labOf(s1rc)),
		F1(fB0lcw, wb0lc.w), F1(fB0lct, wb0lc.t), F1(fB0lcl, labOf(b0lc)),

		F1(fS0lc2t, get(s0lc2).t), F1(fS0lc2l, labOf(s0lc2)),
		F1(fS0rc2t, get(s0rc2).t), F1(fS0rc2l, labOf(s0rc2)),
		F1(fS1rc2t, get(s1rc2).t), F1(fS1rc2l, labOf(s1rc2)),
		F1(fB0lc2t, get(b0lc2).t), F1(fB0lc2l, labOf(b0lc2)),
		F3(fS0tLcl2, s0.t, labOf(s0lc), labOf(s0lc2)),
		F3(fS0tRcl2, s0.t, labOf(s0rc), labOf(s0rc2)),
		F3(fB0tLcl2, b0.t, labOf(b0lc), labOf(b0lc2)),
		F3(fS1tRcl2, s1.t, labOf(s1rc), labOf(s1rc2)),

		F2(fS0tLset, s0.t, set(s.lset, i0)), F2(fS0tRset, s0.t, set(s.rset, i0)),
		F2(fB0tLset, b0.t, set(s.lset, j0)), F2(fS1tRset, s1.t, set(s.rset, i1)),
		F2(fS1tLset, s1.t, set(s.lset, i1)),
		F1(fStackDepth, depth),
	)
}
