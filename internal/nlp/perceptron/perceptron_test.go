package perceptron

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// toy is a separable problem: the class is the value of one of three features.
func toy(n int, seed uint64) (feats [][]uint64, labels []int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	for range n {
		c := rng.IntN(3)
		noise := rng.Uint64N(50)
		feats = append(feats, []uint64{F1(1, uint64(c)), F1(2, noise), F1(3, 0)})
		labels = append(labels, c)
	}
	return feats, labels
}

func trainToy(t *testing.T) *Model { return toyTrainer(500, 1, 5).Average(0) }

// toyTrainer trains on n toy instances from seed for the given epochs.
func toyTrainer(n int, seed uint64, epochs int) *Trainer {
	feats, labels := toy(n, seed)
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for range epochs {
		for i, f := range feats {
			clear(scores)
			tr.Score(f, scores)
			tr.Update(f, labels[i], argmax(scores))
			tr.Tick()
		}
	}
	return tr
}

func argmax(s []float32) int {
	b := 0
	for i, v := range s {
		if v > s[b] {
			b = i
		}
	}
	return b
}

func accuracy(m *Model, feats [][]uint64, labels []int) float64 {
	ok := 0
	scores := make([]float32, m.NClasses)
	for i, f := range feats {
		clear(scores)
		m.Score(f, scores)
		if argmax(scores) == labels[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(feats))
}

func TestLearnsAndRoundTrips(t *testing.T) {
	m := trainToy(t)
	feats, labels := toy(200, 2)
	if acc := accuracy(m, feats, labels); acc < 0.99 {
		t.Fatalf("accuracy %.2f on a separable problem", acc)
	}
	b, err := m.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	m2, rest, err := Decode(append(b, 'x'))
	if err != nil || string(rest) != "x" {
		t.Fatalf("decode: %v, rest %q", err, rest)
	}
	b2, _ := m2.AppendBinary(nil)
	if !bytes.Equal(b, b2) {
		t.Fatal("encoding is not stable across a round trip")
	}
	s1, s2 := make([]float32, 3), make([]float32, 3)
	for _, f := range feats {
		clear(s1)
		clear(s2)
		m.Score(f, s1)
		m2.Score(f, s2)
		if s1 != nil && (s1[0] != s2[0] || s1[1] != s2[1] || s1[2] != s2[2]) {
			t.Fatalf("scores differ after round trip: %v %v", s1, s2)
		}
	}
	// Training is deterministic: the same data gives the same bytes.
	b3, _ := trainToy(t).AppendBinary(nil)
	if !bytes.Equal(b, b3) {
		t.Fatal("training is not deterministic")
	}
}

func TestPruneDropsWeights(t *testing.T) {
	feats, labels := toy(500, 1)
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for i, f := range feats {
		clear(scores)
		tr.Score(f, scores)
		tr.Update(f, labels[i], argmax(scores))
		tr.Tick()
	}
	full, pruned := tr.Average(0), tr.Average(2000)
	if pruned.Weights() >= full.Weights() {
		t.Errorf("pruning kept %d of %d weights", pruned.Weights(), full.Weights())
	}
}

func TestDecodeRejectsGarbage(t *testing.T) {
	m := trainToy(t)
	b, _ := m.AppendBinary(nil)
	for _, bad := range [][]byte{nil, []byte("PCT1"), []byte("XXXX1234"), b[:len(b)/2], b[:len(magic)+3]} {
		if _, _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%d bytes) accepted", len(bad))
		}
	}
}

func FuzzDecode(f *testing.F) {
	m := func() *Model {
		tr := NewTrainer(2)
		tr.Update([]uint64{1, 2}, 0, 1)
		tr.Tick()
		return tr.Average(0)
	}()
	b, _ := m.AppendBinary(nil)
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _, err := Decode(data)
		if err != nil {
			return
		}
		scores := make([]float32, m.NClasses)
		m.Score([]uint64{1, 2, 3}, scores)
	})
}

func BenchmarkScore(b *testing.B) {
	feats, labels := toy(5000, 1)
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for i, f := range feats {
		clear(scores)
		tr.Score(f, scores)
		tr.Update(f, labels[i], argmax(scores))
		tr.Tick()
	}
	m := tr.Average(0)
	b.ResetTimer()
	for i := range b.N {
		clear(scores)
		m.Score(feats[i%len(feats)], scores)
	}
}

// TestDenseAndSparseRows builds a model of 103 classes whose rows range from one
// weight to all of them, so that some are stored sparse and some dense, and
// checks its scores, its encoded form and Pruned against the rows it was given.
// randomRows builds a model of 103 classes over 400 features with random rows,
// dense and sparse, and returns it with each feature's row.
func randomRows(t *testing.T) (m *Model, want map[uint64][]int32, feats []uint64) {
	const n = 103
	rng := rand.New(rand.NewPCG(7, 7))
	var b builder
	b.init(n, 0.5)
	want = map[uint64][]int32{}
	dense := 0
	for r := range 400 {
		f := F1(9, uint64(r))
		k := 1 + rng.IntN(n)
		if isDense(k, n) {
			dense++
		}
		row := make([]int32, n)
		var cls []uint8
		var q []int16
		for _, c := range rng.Perm(n)[:k] {
			v := int16(rng.IntN(65535) - 32767)
			if v == 0 {
				v = 1
			}
			row[c] = int32(v)
		}
		for c, v := range row {
			if v != 0 {
				cls, q = append(cls, uint8(c)), append(q, int16(v))
			}
		}
		b.add(fold(f), cls, q)
		want[f] = row
		feats = append(feats, f)
	}
	if dense == 0 || dense == len(feats) {
		t.Fatalf("%d dense rows of %d: want both kinds", dense, len(feats))
	}
	return b.model(), want, feats
}

func TestDenseAndSparseRows(t *testing.T) {
	m, want, feats := randomRows(t)
	n := m.NClasses
	dec := roundTrip(t, m)
	// Lists of 38 features, and all 401 at once (more than score takes in a batch).
	for _, mm := range []*Model{m, dec, m.Pruned(1)} {
		for i, step := 0, 37; i < len(feats); i += step {
			if mm == dec && i == 0 {
				step = len(feats)
			}
			fs := append(feats[i:min(i+step, len(feats)):min(i+step, len(feats))], F1(9, 1e6)) // and one unknown feature
			got := make([]float32, n)
			mm.Score(fs, got)
			for c := range n {
				var sum int32
				for _, f := range fs {
					if row, ok := want[f]; ok {
						sum += row[c]
					}
				}
				if d := float64(got[c]) - float64(sum)*0.5; d > 0.01 || d < -0.01 { // half-integer sums below 2^23 are exact in float32
					t.Fatalf("class %d: score %v, want %v", c, got[c], float64(sum)*0.5)
				}
			}
		}
	}
}

// TestTableEdges builds models whose keys crowd the top of the key space, so that
// their probes run off the end of the table and wrap to its start, and checks that
// every row is found, that absent keys are not, that the encoded form keeps key
// order, and that a decoded model holds no spare room.
func TestTableEdges(t *testing.T) {
	for _, keys := range [][]uint32{
		{math.MaxUint32, math.MaxUint32 - 1, math.MaxUint32 - 2, math.MaxUint32 - 3, 5},
		{0, 1, 2, math.MaxUint32},
		{7},
	} {
		var b builder
		b.init(3, 1)
		for i, k := range keys {
			b.add(k, []uint8{uint8(i % 3)}, []int16{int16(i + 1)})
		}
		m := b.model()
		dec := roundTrip(t, m)
		if cap(dec.data) != len(dec.data) || cap(dec.dense) != len(dec.dense) {
			t.Errorf("keys %v: decoded arrays hold spare room (data %d of %d, dense %d of %d)",
				keys, len(dec.data), cap(dec.data), len(dec.dense), cap(dec.dense))
		}
		if len(dec.slots) != tableSize(len(keys)) || dec.Features() != len(keys) {
			t.Errorf("keys %v: %d slots, %d features", keys, len(dec.slots), dec.Features())
		}
		for _, mm := range []*Model{m, dec} {
			for i, k := range keys {
				got := make([]float32, 3)
				mm.Score([]uint64{uint64(k)}, got) // keys under 2^32 fold to themselves
				if got[i%3] != float32(i+1) {
					t.Errorf("keys %v: key %d scores %v", keys, k, got)
				}
			}
			got := make([]float32, 3)
			mm.Score([]uint64{math.MaxUint32 - 4, 3, 6}, got)
			if got[0] != 0 || got[1] != 0 || got[2] != 0 {
				t.Errorf("keys %v: absent keys score %v", keys, got)
			}
		}
	}
}

// roundTrip encodes m, decodes it, and checks that the decoded model encodes to
// the same bytes.
func roundTrip(t *testing.T, m *Model) *Model {
	t.Helper()
	enc, err := m.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	dec, _, err := Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := dec.AppendBinary(nil); !bytes.Equal(enc, again) {
		t.Fatal("encoding does not round-trip")
	}
	return dec
}

// TestMixScoresTheMean checks that a mix of trainers scores every instance with
// the mean of their averaged models' scores, and that a mix of one is Average.
func TestMixScoresTheMean(t *testing.T) {
	a, b := toyTrainer(300, 1, 3), toyTrainer(300, 2, 3)
	one, err := Mix([]*Trainer{a}, 0).AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	avg, _ := a.Average(0).AppendBinary(nil)
	if !bytes.Equal(one, avg) {
		t.Error("a mix of one trainer differs from its average")
	}
	ma, mb, mix := a.Average(0), b.Average(0), Mix([]*Trainer{a, b}, 0)
	feats, _ := toy(100, 3)
	feats = append(feats, []uint64{F1(2, 7)}, []uint64{F1(9, 9)}) // a lone feature; an unseen one
	for _, f := range feats {
		sa, sb, sm := make([]float32, 3), make([]float32, 3), make([]float32, 3)
		ma.Score(f, sa)
		mb.Score(f, sb)
		mix.Score(f, sm)
		for c := range sm {
			want := (sa[c] + sb[c]) / 2
			if d := math.Abs(float64(sm[c] - want)); d > 1e-3*max(1, math.Abs(float64(want))) {
				t.Fatalf("class %d of %v: mix scores %v, mean of the two is %v", c, f, sm[c], want)
			}
		}
	}
}

// Find looks up groups of features in one go: each group's rows, added, give
// the sums of that group's features alone, and all of them the sums of all.
func TestFindGroups(t *testing.T) {
	m, want, feats := randomRows(t)
	n := m.NClasses
	// 100 features, every third unknown, in groups of 0, 17, 1, 40 and the rest.
	var fs []uint64
	for i := range 100 {
		if i%3 == 2 {
			fs = append(fs, F1(8, uint64(i)))
		} else {
			fs = append(fs, feats[i*3])
		}
	}
	starts := []int{0, 0, 17, 18, 58, 100}
	marks := slices.Clone(starts)
	rows := make([]uint32, len(fs))
	found := m.Find(fs, rows, marks)
	if marks[len(marks)-1] != found {
		t.Fatalf("last mark %d, found %d", marks[len(marks)-1], found)
	}
	all := make([]int32, m.Width())
	for g := range len(starts) - 1 {
		sum := make([]int32, m.Width())
		m.AddRows(rows[marks[g]:marks[g+1]], sum)
		for c := range n {
			var w int32
			for _, f := range fs[starts[g]:starts[g+1]] {
				if row, ok := want[f]; ok {
					w += row[c]
				}
			}
			if sum[c] != w {
				t.Fatalf("group %d, class %d: %d, want %d", g, c, sum[c], w)
			}
			all[c] += sum[c]
		}
	}
	got, direct := make([]float32, n), make([]float32, n)
	m.Finish(all, got)
	m.Score(fs, direct)
	for c := range n {
		if math.Float32bits(got[c]) != math.Float32bits(direct[c]) {
			t.Fatalf("class %d: %v from the groups' sums, %v scored at once", c, got[c], direct[c])
		}
	}
}
