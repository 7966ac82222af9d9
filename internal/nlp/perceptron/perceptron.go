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
	"cmp"
	"maps"
	"math"
	"slices"
	"sync"
)

// Model is a trained, read-only model. It is safe for concurrent use.
//
// A feature costs a slot in the hash table (key and offset side by side) and a
// row of weights. Rows come in two forms. A sparse row, in data, is a count, then
// one word per class weight: class in the high half, quantised weight in the low
// half. A row with weights for many classes (a frequent feature: most lookups find
// one) is dense, in dense: one 16-bit weight per class, so that it is added by a
// sequential loop, eight classes at a time, instead of a scattered update per
// weight.
//
// The table is sized to the rows (see tableSize), not to a power of two, and a
// key's home slot is its position scaled to the table (see home): keys are
// uniform hashes, so rows added in key order fill it front to back. Nothing else
// is kept per row: encoding and pruning recover the rows, in key order, from the
// table.
type Model struct {
	NClasses int
	slots    []slot
	rows     int // features with weights
	data     []uint32
	dense    []int16 // dense rows, denseLen(NClasses) weights each
	scale    float32 // weight of one quantisation step
}

type slot struct {
	key uint32
	off uint32 // the row's offset in data, or denseRow|index in dense, plus one; 0 marks an empty slot
}

// denseRow marks an offset that indexes dense rows.
const denseRow = 1 << 31

// tableSize is the number of slots for rows rows: a load of 0.4, and at least one
// empty slot to end every probe.
func tableSize(rows int) int { return rows*5/2 + 1 }

// home is key k's first slot in a table of size slots.
func home(k uint32, size int) int { return int(uint64(k) * uint64(size) >> 32) }

// denseLen is the length of a dense row of n classes: n rounded up to a multiple
// of 8, the classes one step of addRow16 adds.
func denseLen(n int) int { return (n + 7) &^ 7 }

// isDense reports whether a row of k weights over n classes is kept dense: adding
// a dense row costs about what scattering an eighth as many weights does, and the
// row takes at most four times the space.
func isDense(k, n int) bool { return n >= 8 && 8*k >= n }

// Score adds each class's score over feats into scores (len NClasses), which the
// caller zeroes.
func (m *Model) Score(feats []uint64, scores []float32) { m.score(feats, scores) }

// score is Score. It returns a sum of the words find reads, only so that the
// compiler keeps those reads.
func (m *Model) score(feats []uint64, scores []float32) (touched uint32) {
	if len(m.slots) == 0 {
		return 0
	}
	for len(feats) > batch {
		touched += m.score(feats[:batch], scores)
		feats = feats[batch:]
	}
	var rows [batch]uint32
	found, touch := m.find(feats, rows[:], nil)
	// Whole quantisation steps add up exactly in 32 bits: a batch's rows sum to
	// at most batch × 2^15 a class.
	var sum [256]int32
	acc := sum[:denseLen(m.NClasses)]
	m.AddRows(rows[:found], acc)
	m.Finish(acc, scores)
	return touched + touch
}

// Width is the length of the sums AddRows adds into: NClasses rounded up to a
// multiple of eight.
func (m *Model) Width() int { return denseLen(m.NClasses) }

// MaxFind is the most features Find takes.
const MaxFind = batch

// Find looks up the rows of weights of feats (at most MaxFind), for AddRows:
// it puts references to those it finds into rows (len(rows) >= len(feats)),
// in order, and returns how many. For a caller that wants the sums of several
// groups of features, looked up in one call so that their cache misses overlap,
// it replaces each of marks, an index into feats (ascending), by the number of
// rows found before it.
func (m *Model) Find(feats []uint64, rows []uint32, marks []int) int {
	if len(feats) > batch {
		panic("perceptron: Find takes at most MaxFind features")
	}
	found, _ := m.find(feats, rows, marks)
	return found
}

// find is Find. Scoring is bound by cache misses, so find reads each feature's
// home slot, then (once the probes have found the rows) each cache line of each
// row, in passes whose loads depend neither on each other nor on branches: their
// misses overlap, and the adding that follows finds its data in cache. It
// returns a sum of the words the last pass reads, only so that the compiler
// keeps those reads; it is not inlined, for the same reason.
//
//go:noinline
func (m *Model) find(feats []uint64, rows []uint32, marks []int) (found int, touch uint32) {
	if len(m.slots) == 0 {
		for i := range marks {
			marks[i] = 0
		}
		return 0, 0
	}
	var keys [batch]uint32
	var first [batch]slot
	slots := m.slots
	size := len(slots)
	for j, f := range feats {
		k := fold(f)
		keys[j] = k
		first[j] = slots[home(k, size)]
	}
	mk := 0
	for j := range feats {
		for mk < len(marks) && marks[mk] <= j {
			marks[mk] = found
			mk++
		}
		k, s := keys[j], first[j]
		for i := home(k, size); s.off != 0; {
			if s.key == k {
				rows[found] = s.off - 1
				found++
				break
			}
			if i++; i == size {
				i = 0
			}
			s = slots[i]
		}
	}
	for ; mk < len(marks); mk++ {
		marks[mk] = found
	}
	w := denseLen(m.NClasses)
	dense, data := m.dense, m.data
	for _, o := range rows[:found] {
		if o&denseRow != 0 {
			row := dense[int(o&^denseRow)*w:][:w]
			for j := 0; j < w; j += 32 { // a 64-byte line holds 32 weights
				touch += uint32(row[j])
			}
			touch += uint32(row[w-1])
		} else {
			touch += data[o]
		}
	}
	return found, touch
}

// AddRows adds the weights of rows (from Find) into acc (len Width), in whole
// quantisation steps: exact, as long as no class's sum leaves 32 bits (each
// row adds at most 2^15 a class).
func (m *Model) AddRows(rows []uint32, acc []int32) {
	w := denseLen(m.NClasses)
	acc = acc[:w]
	dense, data := m.dense, m.data
	avx2 := hasAVX2
	for _, o := range rows {
		if o&denseRow != 0 {
			i := int(o&^denseRow) * w
			if avx2 {
				addRow16AVX2(acc, dense[i:i+w:i+w])
			} else {
				addRow16SSE2(acc, dense[i:i+w:i+w])
			}
			continue
		}
		n := data[o]
		for _, e := range data[o+1 : o+1+n] {
			acc[e>>16] += int32(int16(uint16(e)))
		}
	}
}

// Finish adds the sums in acc, in quantisation steps, to scores (len NClasses).
func (m *Model) Finish(acc []int32, scores []float32) {
	sc := m.scale
	acc = acc[:len(scores)]
	for c := range scores {
		scores[c] += float32(acc[c]) * sc
	}
}

// batch is the most features score takes in one go; it splits longer lists.
const batch = 128

// Features is the number of features with weights.
func (m *Model) Features() int { return m.rows }

// fold narrows a feature hash to the 32 bits the compact model keys by.
func fold(h uint64) uint32 { return uint32(h ^ h>>32) }

// newModel prepares an empty model for rows rows holding sparse sparse weights
// in all, and dense dense ones.
func newModel(n int, scale float64, rows, sparse, dense int) *Model {
	return &Model{NClasses: n, scale: float32(scale), slots: make([]slot, tableSize(rows)),
		data: make([]uint32, 0, sparse), dense: make([]int16, 0, dense*denseLen(n))}
}

// rowSize is the room a row of k weights takes in data (sparse) or the number of
// dense rows it adds (0 or 1).
func rowSize(k, n int) (sparse, dense int) {
	if isDense(k, n) {
		return 0, 1
	}
	return 1 + k, 0
}

// addRow adds a row; rows must come in ascending key order without duplicates.
func (m *Model) addRow(k uint32, cls []uint8, q []int16) {
	var off uint32
	if isDense(len(cls), m.NClasses) {
		w := denseLen(m.NClasses)
		start := len(m.dense)
		off = denseRow | uint32(start/w)
		m.dense = slices.Grow(m.dense, w)[:start+w]
		row := m.dense[start:]
		clear(row)
		for i, c := range cls {
			row[c] = q[i]
		}
	} else {
		off = uint32(len(m.data))
		m.data = append(m.data, uint32(len(cls)))
		for i, c := range cls {
			m.data = append(m.data, uint32(c)<<16|uint32(uint16(q[i])))
		}
	}
	m.rows++
	i := home(k, len(m.slots))
	for m.slots[i].off != 0 {
		if i++; i == len(m.slots) {
			i = 0
		}
	}
	m.slots[i] = slot{key: k, off: off + 1}
}

// sortedRows returns the table's occupied slots in ascending key order.
func (m *Model) sortedRows() []slot {
	out := make([]slot, 0, m.rows)
	for _, s := range m.slots {
		if s.off != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b slot) int { return cmp.Compare(a.key, b.key) })
	return out
}

// row returns the classes and quantised weights of the row a slot points to.
func (m *Model) row(s slot) (cls []uint8, q []int16) {
	o := s.off - 1
	if o&denseRow != 0 {
		w := denseLen(m.NClasses)
		d := m.dense[int(o&^denseRow)*w:]
		for c := range m.NClasses {
			if d[c] != 0 {
				cls = append(cls, uint8(c))
				q = append(q, d[c])
			}
		}
		return cls, q
	}
	d := m.data[o:]
	for _, e := range d[1 : 1+d[0]] {
		cls = append(cls, uint8(e>>16))
		q = append(q, int16(uint16(e)))
	}
	return cls, q
}

// Weights is the number of stored weights.
func (m *Model) Weights() int {
	n := 0
	for _, s := range m.sortedRows() {
		c, _ := m.row(s)
		n += len(c)
	}
	return n
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
func (tr *Trainer) Average(prune float64) *Model { return Mix([]*Trainer{tr}, prune) }

// TrainMembers runs train for members 0 … n-1 (at least one), two at a time,
// and returns their trainers in order, for Mix.
func TrainMembers(n int, train func(member int) *Trainer) []*Trainer {
	trainers := make([]*Trainer, max(n, 1))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for m := range trainers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			trainers[m] = train(m)
		}()
	}
	wg.Wait()
	return trainers
}

// Mix returns the mean of the trainers' averaged weights, pruned as Average
// prunes. Scores are linear in the weights, so the mixed model scores every
// decision with the mean of the trainers' scores: an ensemble at the cost of one
// model. The trainers must have the same number of classes.
func Mix(trainers []*Trainer, prune float64) *Model {
	n := trainers[0].NClasses
	avg := func(tr *Trainer, e entry) float64 {
		T := float64(max(tr.t, 1))
		return float64(e.total+int64(tr.t-e.stamp)*int64(e.w)) / T
	}
	keys := map[uint64]bool{}
	for _, tr := range trainers {
		if tr.NClasses != n {
			panic("perceptron: mixing trainers of different class counts")
		}
		for k := range tr.index {
			keys[k] = true
		}
	}
	// mean returns the mixed weights of key k by class.
	sum := make([]float64, n)
	seen := make([]bool, n)
	mean := func(k uint64) {
		clear(sum)
		clear(seen)
		for _, tr := range trainers {
			r, ok := tr.index[k]
			if !ok {
				continue
			}
			for _, e := range tr.rows[r] {
				sum[e.cls] += avg(tr, e) / float64(len(trainers))
				seen[e.cls] = true
			}
		}
	}
	maxAbs := 0.0
	for k := range keys {
		mean(k)
		for c, v := range sum {
			if seen[c] {
				maxAbs = max(maxAbs, math.Abs(v))
			}
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	var b builder
	b.init(n, scale)
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		mean(k)
		var cls []uint8
		var q []int16
		for c, v := range sum {
			if !seen[c] {
				continue
			}
			v = math.Round(v / scale)
			if math.Abs(v) < max(prune, 1) {
				continue
			}
			cls = append(cls, uint8(c))
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
	sparse, dense := 0, 0
	for _, r := range cls {
		s, d := rowSize(len(r), n)
		sparse, dense = sparse+s, dense+d
	}
	m := newModel(n, scale, len(keys), sparse, dense)
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
	for _, s := range m.sortedRows() {
		k := s.key
		var c []uint8
		var v []int16
		rc, rq := m.row(s)
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
