package lex

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"slices"
)

// Vectors gives lowercased words a short real vector: the GloVe vectors
// (see train/clustergen) cut to their main axes and stored a byte per value, a
// scale per axis. Words whose vectors are near are used alike, so a model that
// reads them carries what it learned of one word to words it never saw.
type Vectors struct {
	dim   int
	keys  []uint64 // sorted clusterKey hashes
	scale []float32
	data  []byte // len(keys) × dim values, each an int8
	sum   uint64
}

var errVectors = errors.New("bad vector table")

// vectorsMagic opens an encoded table.
const vectorsMagic = "VEC1"

// NewVectors builds a table from words and their vectors (all of one length),
// each axis quantised to a byte. A hash collision keeps the first word.
func NewVectors(words []string, vecs [][]float32) (*Vectors, error) {
	if len(words) == 0 || len(words) != len(vecs) {
		return nil, errVectors
	}
	dim := len(vecs[0])
	t := &Vectors{dim: dim, scale: make([]float32, dim)}
	for _, v := range vecs {
		if len(v) != dim {
			return nil, errVectors
		}
		for j, x := range v {
			t.scale[j] = max(t.scale[j], float32(math.Abs(float64(x))))
		}
	}
	for j := range t.scale {
		t.scale[j] /= 127
		if t.scale[j] == 0 {
			t.scale[j] = 1
		}
	}
	idx := make([]int, len(words))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) uint64 { return clusterKey(Lower(words[i])) }
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	for n, i := range idx {
		k := key(i)
		if n > 0 && len(t.keys) > 0 && t.keys[len(t.keys)-1] == k {
			continue
		}
		t.keys = append(t.keys, k)
		for j, x := range vecs[i] {
			t.data = append(t.data, byte(int8(math.Round(float64(x/t.scale[j])))))
		}
	}
	t.sum = t.checksum()
	return t, nil
}

// Dim is the vectors' length; 0 for a nil table.
func (t *Vectors) Dim() int {
	if t == nil {
		return 0
	}
	return t.dim
}

// Len is the number of words in the table.
func (t *Vectors) Len() int {
	if t == nil {
		return 0
	}
	return len(t.keys)
}

// Sum identifies the table's contents: a model trained on one table must be
// used with the same table.
func (t *Vectors) Sum() uint64 {
	if t == nil {
		return 0
	}
	return t.sum
}

// Of writes word w's vector (any case) into v (Dim long) and reports whether
// the table has the word; v is left alone if not.
func (t *Vectors) Of(w string, v []float32) bool {
	if t == nil {
		return false
	}
	i, ok := slices.BinarySearch(t.keys, clusterKey(Lower(w)))
	if !ok {
		return false
	}
	for j, q := range t.data[i*t.dim : (i+1)*t.dim] {
		v[j] = float32(int8(q)) * t.scale[j]
	}
	return true
}

func (t *Vectors) checksum() uint64 { return tableSum(t.AppendBinary(nil)) }

// tableSum identifies an encoded table: its CRC-32C and its IEEE CRC-32, both
// computed by the processor's own instructions where it has them (FNV-1a, a
// byte at a time, took 6 % of the models' load for the 7 MB vectors table).
func tableSum(b []byte) uint64 {
	return uint64(crc32.Checksum(b, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(b))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// AppendBinary appends the table's encoding to b: the dimension, the scales,
// the count, the keys as varint differences, then the bytes of the vectors.
func (t *Vectors) AppendBinary(b []byte) []byte {
	b = append(b, vectorsMagic...)
	b = binary.AppendUvarint(b, uint64(t.dim))
	for _, s := range t.scale {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(s))
	}
	b = binary.AppendUvarint(b, uint64(len(t.keys)))
	var prev uint64
	for _, k := range t.keys {
		b = binary.AppendUvarint(b, k-prev)
		prev = k
	}
	return append(b, t.data...)
}

// ReadVectors decodes a table written by AppendBinary. The table keeps the
// vectors' bytes of b, which must not change.
func ReadVectors(b []byte) (*Vectors, error) {
	all := b
	if len(b) < len(vectorsMagic) || string(b[:len(vectorsMagic)]) != vectorsMagic {
		return nil, errVectors
	}
	b = b[len(vectorsMagic):]
	dim, w := binary.Uvarint(b)
	if w <= 0 || dim == 0 || dim > 1024 || uint64(len(b)-w) < 4*dim {
		return nil, errVectors
	}
	b = b[w:]
	t := &Vectors{dim: int(dim), scale: make([]float32, dim)}
	for j := range t.scale {
		t.scale[j] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*j:]))
		if !(t.scale[j] > 0) || math.IsInf(float64(t.scale[j]), 0) {
			return nil, errVectors
		}
	}
	b = b[4*dim:]
	n, w := binary.Uvarint(b)
	if w <= 0 || n == 0 || n > uint64(len(b)-w)/(1+dim) {
		return nil, errVectors
	}
	b = b[w:]
	t.keys = make([]uint64, n)
	var prev uint64
	for i := range t.keys {
		d, w := binary.Uvarint(b)
		if w <= 0 || (i > 0 && d == 0) {
			return nil, errVectors
		}
		prev += d
		t.keys[i] = prev
		b = b[w:]
	}
	if uint64(len(b)) != n*dim {
		return nil, errVectors
	}
	t.data = b // kept, not copied: b must not change
	t.sum = tableSum(all)
	return t, nil
}
