package ner

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep/sitrep/internal/nlp/lex"
)

// The window network is a second scorer of each word's labels, whose scores are
// added to the perceptron's before the Viterbi search. It reads what the
// perceptron's hashed features cannot: the GloVe vectors (lex.Vectors) of the
// word and the two words each side, with their case, through one hidden layer
// of rectified units (Collobert et al. 2011's window approach), trained with
// cross-entropy on each word's label. Vectors carry what six billion words of
// text know of words the treebanks never name: "Firefox" sits near "Mozilla"
// and "Linux".
//
// Alone, the network reads each word from a window of five, blind to where a
// long name ends: added to a perceptron trained without it, it cut "UN Human
// Rights Monitoring Mission" in two and made "and" end "National Security and
// Defense Council". So the perceptron is trained on top of it (Train): with the
// network's scores added to its own, from networks that did not see the
// sentence, it learns where the network is wrong.
//
// The first layer is linear in each word, so a word's share of the hidden units
// at each of the five places is computed once per distinct word and kept: a
// word then costs five additions of the hidden layer and the output layer.

const (
	netWindow = 2 // words each side
	// netExtra are the inputs beside a word's vector: no vector, outside the
	// sentence, and its case (lowercase, capitalised, capitals, other).
	netExtra   = 6
	netUnknown = 0
	netPad     = 1
	netCase    = 2
)

// NetOptions govern the window network's training; Hidden 0 trains none.
type NetOptions struct {
	Hidden      int     // hidden units
	Epochs      int     // passes over the training words
	Rate        float64 // Adam's step size
	WordDropout float64 // chance of hiding a word's vector in training
	Dropout     float64 // chance of silencing a hidden unit in training
	// Weight multiplies the network's scores (log-probabilities up to a
	// constant per word) where they join the perceptron's.
	Weight float64
	// Folds: the perceptron learns from each training sentence's scores by a
	// network trained on the other folds.
	Folds int
}

type windowNet struct {
	dim, hidden, labels int
	sum                 uint64    // the lex.Vectors table it was trained on
	w1                  []float32 // hidden × in
	b1                  []float32
	w2                  []float32 // labels × hidden, times the weight
	b2                  []float32
	pad                 []float32 // per place × hidden: the first layer's share of a place outside the sentence
	// w1t is w1 by place, input and hidden unit: a word's share at a place is
	// the sum of the rows of its inputs that are not zero.
	w1t []float32
	// unknown holds the shares of words without a vector, by their case.
	unknown [4][]float32
	// cache keeps the shares of words with a vector, up to maxNetCache values,
	// for every labeller: the most frequent words come first and stay.
	mu    sync.RWMutex
	cache map[string][]float32
}

func (n *windowNet) per() int { return n.dim + netExtra }
func (n *windowNet) in() int  { return (2*netWindow + 1) * n.per() }

// caseOf classes a word's letters: 0 lowercase, 1 capitalised, 2 capitals, 3
// other (no letters, or mixed).
func caseOf(w string) int {
	letters, upper := 0, 0
	first := true
	title := false
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			title = title || first
		}
		first = false
	}
	switch {
	case letters == 0:
		return 3
	case upper == 0:
		return 0
	case upper == letters && letters > 1:
		return 2
	case title && upper == 1:
		return 1
	}
	return 3
}

// input writes word w's inputs (per() long, zeroed) from the vectors, its
// vector hidden if hide, and reports whether it has one.
func (n *windowNet) input(v *lex.Vectors, w string, x []float32, hide bool) bool {
	known := !hide && v.Of(w, x[:n.dim])
	if !known {
		x[n.dim+netUnknown] = 1
	}
	x[n.dim+netCase+caseOf(w)] = 1
	return known
}

// share writes the first layer's share of word input x at each of the five
// places (places × hidden) into out.
func (n *windowNet) share(x []float32, out []float32) {
	H, per := n.hidden, n.per()
	clear(out)
	for p := range 2*netWindow + 1 {
		o := out[p*H : (p+1)*H]
		for j, v := range x {
			if v == 0 {
				continue
			}
			row := n.w1t[(p*per+j)*H : (p*per+j+1)*H]
			for k, w := range row {
				o[k] += w * v
			}
		}
	}
}

func (n *windowNet) prepare() {
	per, in, places, H := n.per(), n.in(), 2*netWindow+1, n.hidden
	n.pad = make([]float32, places*H)
	n.w1t = make([]float32, len(n.w1))
	for k := range H {
		for j := range in {
			n.w1t[j*H+k] = n.w1[k*in+j]
		}
	}
	for p := range places {
		copy(n.pad[p*H:(p+1)*H], n.w1t[(p*per+n.dim+netPad)*H:])
	}
	x := make([]float32, per)
	for c := range n.unknown {
		clear(x)
		x[n.dim+netUnknown], x[n.dim+netCase+c] = 1, 1
		n.unknown[c] = make([]float32, places*H)
		n.share(x, n.unknown[c])
	}
	n.cache = map[string][]float32{}
}

// shareOf returns word w's shares at the five places. When the network's
// cache is full, a word's shares are written into *spare (grown as needed)
// and kept nowhere, or, with spare nil, not computed: nil.
func (n *windowNet) shareOf(v *lex.Vectors, w string, x []float32, spare *[]float32) []float32 {
	n.mu.RLock()
	sh, ok := n.cache[w]
	full := len(n.cache) >= maxNetCache/((2*netWindow+1)*n.hidden)
	n.mu.RUnlock()
	if ok {
		return sh
	}
	clear(x)
	if !n.input(v, w, x, false) {
		return n.unknown[caseOf(w)]
	}
	size := (2*netWindow + 1) * n.hidden
	if full {
		if spare == nil {
			return nil
		}
		if cap(*spare)-len(*spare) < size {
			*spare = make([]float32, 0, max(4*size, 2*cap(*spare)))
		}
		sh = (*spare)[len(*spare) : len(*spare)+size]
		*spare = (*spare)[:len(*spare)+size]
		n.share(x, sh)
		return sh
	}
	sh = make([]float32, size)
	n.share(x, sh)
	n.mu.Lock()
	if len(n.cache) < maxNetCache/size {
		n.cache[strings.Clone(w)] = sh
	}
	n.mu.Unlock()
	return sh
}

// netScratch is a labeller's working memory for the network.
type netScratch struct {
	x, h   []float32
	shares [][]float32
	out    []float32
	// spare holds the shares of a sentence's words that the network's cache
	// has no room for (shareOf).
	spare []float32
}

// maxNetCache bounds the shares kept, in values: 16,384 words' with 96 hidden
// units (1,920 bytes each), 30 MB shared by every labeller. A labeller keeps
// (lex.Memo) only the shares the cache holds, so words past it cost it nothing.
const maxNetCache = 1 << 14 * (2*netWindow + 1) * 96

// scores writes each word's label scores (len(words) × labels) into s.out.
func (n *windowNet) scores(v *lex.Vectors, words []string, s *netScratch) []float32 {
	s.x = growF(s.x, n.per())
	s.shares, s.spare = s.shares[:0], s.spare[:0]
	for _, w := range words {
		s.shares = append(s.shares, n.shareOf(v, w, s.x, &s.spare))
	}
	return n.scoresOf(s.shares, s)
}

// scoresOf is scores, from the words' shares (shareOf).
func (n *windowNet) scoresOf(shares [][]float32, s *netScratch) []float32 {
	places, H, L, words := 2*netWindow+1, n.hidden, n.labels, len(shares)
	s.h = growF(s.h, H)
	s.out = growF(s.out, words*L)
	for i := range words {
		h := s.h
		copy(h, n.b1)
		for p := range places {
			j := i + p - netWindow
			var sh []float32
			if j < 0 || j >= words {
				sh = n.pad[p*H : (p+1)*H]
			} else {
				sh = shares[j][p*H : (p+1)*H]
			}
			for k, a := range sh {
				h[k] += a
			}
		}
		for k, a := range h {
			h[k] = max(a, 0)
		}
		n.output(h, s.out[i*L:(i+1)*L])
	}
	return s.out
}

// output writes the label scores of hidden units h into o.
func (n *windowNet) output(h, o []float32) {
	for y := range n.labels {
		row := n.w2[y*n.hidden : (y+1)*n.hidden]
		sum := n.b2[y]
		for k, a := range h {
			sum += row[k] * a
		}
		o[y] = sum
	}
}

// joinNets returns one network whose scores are the mean of nets' scores:
// their hidden units side by side, each output weight divided by their number.
// They must read the same vectors and give the same labels.
func joinNets(nets []*windowNet) *windowNet {
	if len(nets) == 1 {
		return nets[0]
	}
	first, M := nets[0], float32(len(nets))
	n := &windowNet{dim: first.dim, labels: first.labels, sum: first.sum}
	for _, m := range nets {
		n.hidden += m.hidden
		n.w1 = append(n.w1, m.w1...)
		n.b1 = append(n.b1, m.b1...)
	}
	n.w2 = make([]float32, 0, n.labels*n.hidden)
	n.b2 = make([]float32, n.labels)
	for y := range n.labels {
		for _, m := range nets {
			for _, w := range m.w2[y*m.hidden : (y+1)*m.hidden] {
				n.w2 = append(n.w2, w/M)
			}
			n.b2[y] += m.b2[y] / M
		}
	}
	n.prepare()
	return n
}

// trainNet trains a window network on words and their gold labels.
func trainNet(v *lex.Vectors, words [][]string, gold [][]int, labels int, opt NetOptions, seed uint64) *windowNet {
	n := &windowNet{dim: v.Dim(), hidden: opt.Hidden, labels: labels, sum: v.Sum()}
	in, per, H := n.in(), n.per(), n.hidden
	rng := rand.New(rand.NewPCG(seed, 0x6e6574))
	n.w1 = make([]float32, H*in)
	s1 := math.Sqrt(2 / float64(in))
	for i := range n.w1 {
		n.w1[i] = float32(rng.NormFloat64() * s1)
	}
	n.b1 = make([]float32, H)
	n.w2 = make([]float32, labels*H)
	s2 := math.Sqrt(1 / float64(H))
	for i := range n.w2 {
		n.w2[i] = float32(rng.NormFloat64() * s2)
	}
	n.b2 = make([]float32, labels)
	params := [][]float32{n.w1, n.b1, n.w2, n.b2}
	opts := make([]adam, len(params))
	for i, p := range params {
		opts[i] = adam{m: make([]float32, len(p)), v: make([]float32, len(p))}
	}

	type item struct{ s, i int32 }
	var items []item
	for s, ws := range words {
		for i := range ws {
			items = append(items, item{int32(s), int32(i)})
		}
	}
	// Two workers share each batch, each summing its half's gradients.
	const batch, workers = 32, 2
	type worker struct {
		grads   [][]float32
		in, h   []float32
		o, dh   []float32
		rng     *rand.Rand
		dropped []bool
	}
	ws := make([]*worker, workers)
	for w := range ws {
		ws[w] = &worker{in: make([]float32, in), h: make([]float32, H), o: make([]float32, labels),
			dh: make([]float32, H), rng: rand.New(rand.NewPCG(seed, uint64(w)+1)), dropped: make([]bool, H)}
		for _, p := range params {
			ws[w].grads = append(ws[w].grads, make([]float32, len(p)))
		}
	}
	xs := make([][]float32, len(words))
	t := 0
	for range opt.Epochs {
		// Each epoch hides a fresh draw of words' vectors.
		for s, sent := range words {
			x := growF(xs[s], len(sent)*per)
			for i, w := range sent {
				n.input(v, w, x[i*per:(i+1)*per], rng.Float64() < opt.WordDropout)
			}
			xs[s] = x
		}
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		for b := 0; b < len(items); b += batch {
			e := min(b+batch, len(items))
			mid := (b + e) / 2
			var wg sync.WaitGroup
			for w, part := range [][]item{items[b:mid], items[mid:e]} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					wk := ws[w]
					for _, it := range part {
						sent := words[it.s]
						n.window(xs[it.s], len(sent), int(it.i), wk.in)
						n.backprop(wk.in, gold[it.s][it.i], opt.Dropout, wk.rng, wk.h, wk.o, wk.dh, wk.dropped, wk.grads)
					}
				}()
			}
			wg.Wait()
			t++
			scale := 1 / float32(e-b)
			for i, p := range params {
				g := ws[0].grads[i]
				for w := 1; w < workers; w++ {
					for j, d := range ws[w].grads[i] {
						g[j] += d
					}
					clear(ws[w].grads[i])
				}
				opts[i].step(p, g, float32(opt.Rate), t, scale)
			}
		}
	}
	for i := range n.w2 {
		n.w2[i] *= float32(opt.Weight)
	}
	for i := range n.b2 {
		n.b2[i] *= float32(opt.Weight)
	}
	n.prepare()
	return n
}

// window writes the network's input for word i of a sentence of n words whose
// inputs are x.
func (n *windowNet) window(x []float32, words, i int, in []float32) {
	per := n.per()
	for p := range 2*netWindow + 1 {
		dst := in[p*per : (p+1)*per]
		j := i + p - netWindow
		if j < 0 || j >= words {
			clear(dst)
			dst[n.dim+netPad] = 1
			continue
		}
		copy(dst, x[j*per:(j+1)*per])
	}
}

// backprop adds the gradients of the cross-entropy loss of word input in with
// label gold to grads (w1, b1, w2, b2), with dropout on the hidden units.
func (n *windowNet) backprop(in []float32, gold int, dropout float64, rng *rand.Rand, h, o, dh []float32, dropped []bool, grads [][]float32) {
	H, L, nin := n.hidden, n.labels, n.in()
	keep := float32(1 / (1 - dropout))
	for k := range H {
		row := n.w1[k*nin : (k+1)*nin]
		s := n.b1[k]
		for j, v := range in {
			if v != 0 {
				s += row[j] * v
			}
		}
		dropped[k] = dropout > 0 && rng.Float64() < dropout
		if s < 0 || dropped[k] {
			s = 0
		}
		h[k] = s * keep
	}
	n.output(h, o)
	mx := slices.Max(o[:L])
	var z float64
	for y := range L {
		z += math.Exp(float64(o[y] - mx))
	}
	gw1, gb1, gw2, gb2 := grads[0], grads[1], grads[2], grads[3]
	clear(dh)
	for y := range L {
		d := float32(math.Exp(float64(o[y]-mx)) / z)
		if y == gold {
			d--
		}
		gb2[y] += d
		row := n.w2[y*H : (y+1)*H]
		grow := gw2[y*H : (y+1)*H]
		for k, a := range h {
			grow[k] += d * a
			dh[k] += d * row[k]
		}
	}
	for k := range H {
		if h[k] <= 0 {
			continue
		}
		d := dh[k] * keep
		gb1[k] += d
		grow := gw1[k*nin : (k+1)*nin]
		for j, v := range in {
			if v != 0 {
				grow[j] += d * v
			}
		}
	}
}

// adam is the state of Kingma & Ba's optimiser for one parameter array.
type adam struct{ m, v []float32 }

// step moves p against gradient g (times scale) and clears g.
func (a *adam) step(p, g []float32, rate float32, t int, scale float32) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	c1 := float32(1 - math.Pow(b1, float64(t)))
	c2 := float32(1 - math.Pow(b2, float64(t)))
	for i, d := range g {
		d *= scale
		a.m[i] = b1*a.m[i] + (1-b1)*d
		a.v[i] = b2*a.v[i] + (1-b2)*d*d
		p[i] -= rate * (a.m[i] / c1) / (float32(math.Sqrt(float64(a.v[i]/c2))) + eps)
		g[i] = 0
	}
}

// appendNet encodes the network (or its absence).
func appendNet(b []byte, n *windowNet) []byte {
	if n == nil {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendUvarint(b, uint64(n.dim))
	b = binary.AppendUvarint(b, uint64(n.hidden))
	b = binary.AppendUvarint(b, uint64(n.labels))
	b = binary.LittleEndian.AppendUint64(b, n.sum)
	for _, p := range [][]float32{n.w1, n.b1, n.w2, n.b2} {
		for _, x := range p {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
		}
	}
	return b
}

var errNet = errors.New("ner: bad window network")

// readNet decodes a network written by appendNet; nil if there is none.
func readNet(b []byte, labels int) (*windowNet, error) {
	if len(b) == 0 {
		return nil, errNet
	}
	if b[0] == 0 {
		if len(b) != 1 {
			return nil, errNet
		}
		return nil, nil
	}
	b = b[1:]
	var dims [3]uint64
	for i := range dims {
		d, w := binary.Uvarint(b)
		if w <= 0 || d == 0 || d > 4096 {
			return nil, errNet
		}
		dims[i], b = d, b[w:]
	}
	n := &windowNet{dim: int(dims[0]), hidden: int(dims[1]), labels: int(dims[2])}
	if n.labels != labels || len(b) < 8 {
		return nil, errNet
	}
	n.sum, b = binary.LittleEndian.Uint64(b), b[8:]
	sizes := []int{n.hidden * n.in(), n.hidden, n.labels * n.hidden, n.labels}
	total := 0
	for _, s := range sizes {
		total += s
	}
	if len(b) != 4*total {
		return nil, fmt.Errorf("ner: window network: %d bytes, want %d", len(b), 4*total)
	}
	ps := make([][]float32, len(sizes))
	for i, s := range sizes {
		ps[i] = make([]float32, s)
		for j := range ps[i] {
			ps[i][j] = math.Float32frombits(binary.LittleEndian.Uint32(b))
			b = b[4:]
		}
	}
	n.w1, n.b1, n.w2, n.b2 = ps[0], ps[1], ps[2], ps[3]
	n.prepare()
	return n, nil
}
