// Package perceptron is the learning machine of sitrep's language models: a
// multiclass averaged perceptron over hashed sparse features (Collins 2002), with a
// compact model form — weights averaged, quantised to 16 bits, tiny ones pruned —
// that loads fast and scores with one hash-table probe per feature.
//
// A feature is a 64-bit hash of a template number and its values (see Hash). Each
// feature carries a sparse row of per-class weights; a class's score is the sum of
// its weights over the active features.
package perceptron

import (
	"maps"
	"math"
	"slices"
)

// Model is a trained, read-only model. It is safe for concurrent use.
//
// Scoring is bound by memory latency, so a feature costs two cache lines: its slot
// in the hash table (key and offset side by side) and its row in data (a count,
// then one word per class weight: class in the high half, quantised weight in the
// low half).
type Model struct {
	NClasses int
	slots    []slot
	mask     uint32
	shift    uint32
	data     []uint32
	scale    float32  // weight of one quantisation step
	rowKey   []uint32 // folded key of each row, ascending (for encoding)
	rowOff   []uint32 // offset of each row in data
}

type slot struct {
	key uint32
	off uint32 // offset of the row in data, plus one; 0 marks an empty slot
}

// Score adds each class's score over feats into scores (len NClasses), which the
// caller zeroes.
//
// It works in two passes: first it finds every feature's row, then it adds the
// rows. The lookups of the first pass do not depend on each other, so the processor
// overlaps their cache misses, which dominate the cost.
func (m *Model) Score(feats []uint64, scores []float32) {
	if len(m.slots) == 0 {
		return
	}
	var buf [128]uint32
	offs := buf[:0]
	for _, f := range feats {
		k := fold(f)
		i := k >> m.shift
		for {
			s := m.slots[i]
			if s.off == 0 {
				break
			}
			if s.key == k {
				offs = append(offs, s.off-1)
				break
			}
			i = (i + 1) & m.mask
		}
	}
	sc := m.scale
	data := m.data
	for _, o := range offs {
		n := data[o]
		for _, e := range data[o+1 : o+1+n] {
			scores[e>>16] += float32(int16(uint16(e))) * sc
		}
	}
}

// Features is the number of features with weights.
func (m *Model) Features() int { return len(m.rowKey) }

// Weights is the number of stored weights.
func (m *Model) Weights() int { return len(m.data) - len(m.rowKey) }

// fold narrows a feature hash to the 32 bits the compact model keys by.
func fold(h uint64) uint32 { return uint32(h ^ h>>32) }

// newModel prepares an empty model for rows rows and about weights weights. Keys
// are uniform hashes, so their top bits index the table directly: rows added in
// key order fill it front to back, which keeps loading cache-friendly.
func newModel(n int, scale float64, rows, weights int) *Model {
	size, bits := 1, uint32(0)
	for size < rows*2 {
		size <<= 1
		bits++
	}
	return &Model{NClasses: n, scale: float32(scale), slots: make([]slot, size), mask: uint32(size - 1),
		shift: 32 - bits, data: make([]uint32, 0, rows+weights),
		rowKey: make([]uint32, 0, rows), rowOff: make([]uint32, 0, rows)}
}

// addRow appends a row; rows must come in ascending key order without duplicates.
func (m *Model) addRow(k uint32, cls []uint8, q []int16) {
	off := uint32(len(m.data))
	m.data = append(m.data, uint32(len(cls)))
	for i, c := range cls {
		m.data = append(m.data, uint32(c)<<16|uint32(uint16(q[i])))
	}
	m.rowKey = append(m.rowKey, k)
	m.rowOff = append(m.rowOff, off)
	i := uint32(0)
	if m.shift < 32 {
		i = k >> m.shift
	}
	for m.slots[i].off != 0 {
		i = (i + 1) & m.mask
	}
	m.slots[i] = slot{key: k, off: off + 1}
}

// row returns the classes and quantised weights of row r.
func (m *Model) row(r int) (cls []uint8, q []int16) {
	d := m.data[m.rowOff[r]:]
	for _, e := range d[1 : 1+d[0]] {
		cls = append(cls, uint8(e>>16))
		q = append(q, int16(uint16(e)))
	}
	return cls, q
}

// entry is one class weight of a feature during training. Perceptron updates are
// whole numbers, so weights and their running totals are integers.
type entry struct {
	cls   uint8
	w     int32
	total int64 // sum of w over the updates seen so far, up to stamp
	stamp int32 // instance count at the last change
}

// Trainer learns a Model. It is not safe for concurrent use.
type Trainer struct {
	NClasses int
	index    map[uint64]int32
	rows     [][]entry
	t        int32 // instances seen
}

// NewTrainer returns a trainer for n classes (at most 256).
func NewTrainer(n int) *Trainer {
	if n < 1 || n > 256 {
		panic("perceptron: class count out of range")
	}
	return &Trainer{NClasses: n, index: map[uint64]int32{}}
}

// Score adds the current (not averaged) class scores over feats into scores.
func (tr *Trainer) Score(feats []uint64, scores []float32) {
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			continue
		}
		for _, e := range tr.rows[r] {
			scores[e.cls] += float32(e.w)
		}
	}
}

// Tick counts one training instance, for averaging. Call it once per decision.
func (tr *Trainer) Tick() { tr.t++ }

// Update moves weight towards truth and away from guess on feats.
func (tr *Trainer) Update(feats []uint64, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			r = int32(len(tr.rows))
			tr.index[f] = r
			tr.rows = append(tr.rows, nil)
		}
		tr.bump(r, truth, 1)
		tr.bump(r, guess, -1)
	}
}

// Add moves the weights of class c on feats by d: the two halves of Update, for
// structured learning, where truth and guess may have different features.
func (tr *Trainer) Add(feats []uint64, c int, d int32) {
	for _, f := range feats {
		r, ok := tr.index[f]
		if !ok {
			r = int32(len(tr.rows))
			tr.index[f] = r
			tr.rows = append(tr.rows, nil)
		}
		tr.bump(r, c, d)
	}
}

func (tr *Trainer) bump(r int32, c int, d int32) {
	row := tr.rows[r]
	for i := range row {
		e := &row[i]
		if int(e.cls) == c {
			e.total += int64(tr.t-e.stamp) * int64(e.w)
			e.w += d
			e.stamp = tr.t
			return
		}
	}
	tr.rows[r] = append(row, entry{cls: uint8(c), w: d, stamp: tr.t})
}

// Average returns the model with averaged weights, keeping only weights whose
// magnitude is at least prune (in units of the largest weight over 32767, the
// quantisation step), so that tiny weights cost no space.
func (tr *Trainer) Average(prune float64) *Model {
	keys := slices.Sorted(maps.Keys(tr.index))
	T := float64(max(tr.t, 1))
	avg := func(e entry) float64 {
		return float64(e.total+int64(tr.t-e.stamp)*int64(e.w)) / T
	}
	maxAbs := 0.0
	for _, row := range tr.rows {
		for _, e := range row {
			maxAbs = max(maxAbs, math.Abs(avg(e)))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	var b builder
	b.init(tr.NClasses, scale)
	for _, k := range keys {
		row := tr.rows[tr.index[k]]
		slices.SortFunc(row, func(a, b entry) int { return int(a.cls) - int(b.cls) })
		var cls []uint8
		var q []int16
		for _, e := range row {
			v := math.Round(avg(e) / scale)
			if math.Abs(v) < max(prune, 1) {
				continue
			}
			cls = append(cls, e.cls)
			q = append(q, int16(v))
		}
		if len(cls) > 0 {
			b.add(fold(k), cls, q)
		}
	}
	return b.model()
}

// builder assembles a Model from rows given in any order; rows whose folded keys
// collide are merged.
type builder struct {
	n     int
	scale float64
	keys  []uint32
	cls   [][]uint8
	q     [][]int16
}

func (b *builder) init(n int, scale float64) { b.n, b.scale = n, scale }

func (b *builder) add(k uint32, cls []uint8, q []int16) {
	b.keys = append(b.keys, k)
	b.cls = append(b.cls, cls)
	b.q = append(b.q, q)
}

func (b *builder) model() *Model {
	// Sort rows by folded key so that the encoded form is canonical, merging duplicates.
	idx := make([]int, len(b.keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		switch {
		case b.keys[x] < b.keys[y]:
			return -1
		case b.keys[x] > b.keys[y]:
			return 1
		}
		return 0
	})
	var keys []uint32
	var cls [][]uint8
	var q [][]int16
	for _, i := range idx {
		if n := len(keys); n > 0 && keys[n-1] == b.keys[i] {
			cls[n-1], q[n-1] = mergeRows(cls[n-1], q[n-1], b.cls[i], b.q[i])
			continue
		}
		keys = append(keys, b.keys[i])
		cls = append(cls, b.cls[i])
		q = append(q, b.q[i])
	}
	return assemble(b.n, b.scale, keys, cls, q)
}

func assemble(n int, scale float64, keys []uint32, cls [][]uint8, q [][]int16) *Model {
	total := 0
	for _, r := range cls {
		total += len(r)
	}
	m := newModel(n, scale, len(keys), total)
	for r, k := range keys {
		m.addRow(k, cls[r], q[r])
	}
	return m
}

func mergeRows(c1 []uint8, q1 []int16, c2 []uint8, q2 []int16) ([]uint8, []int16) {
	var sum [256]int32
	var seen [256]bool
	for i, c := range c1 {
		sum[c] += int32(q1[i])
		seen[c] = true
	}
	for i, c := range c2 {
		sum[c] += int32(q2[i])
		seen[c] = true
	}
	var cls []uint8
	var q []int16
	for c := range 256 {
		if seen[c] && sum[c] != 0 {
			cls = append(cls, uint8(c))
			q = append(q, int16(max(-32767, min(32767, sum[c]))))
		}
	}
	return cls, q
}

// Pruned returns a copy of m without weights smaller than min quantisation steps.
func (m *Model) Pruned(min float64) *Model {
	var keys []uint32
	var cls [][]uint8
	var q [][]int16
	for r, k := range m.rowKey {
		var c []uint8
		var v []int16
		rc, rq := m.row(r)
		for i, x := range rq {
			if math.Abs(float64(x)) >= min {
				c = append(c, rc[i])
				v = append(v, x)
			}
		}
		if len(c) > 0 {
			keys = append(keys, k)
			cls = append(cls, c)
			q = append(q, v)
		}
	}
	return assemble(m.NClasses, float64(m.scale), keys, cls, q)
}
