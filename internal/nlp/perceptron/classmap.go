package perceptron

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
)

// A class map gives words (keys, hashed) one of a few values, such as the hash of
// their classes in a word-class lexicon. It is stored as its distinct values, then
// each key with the index of its value.

// AppendClassMap appends the encoding of m to b.
func AppendClassMap(b []byte, m map[uint64]uint64) []byte {
	keys := slices.Sorted(maps.Keys(m))
	var vals []uint64
	idx := map[uint64]int{}
	for _, k := range keys {
		v := m[k]
		if _, ok := idx[v]; !ok {
			idx[v] = len(vals)
			vals = append(vals, v)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(vals)))
	for _, v := range vals {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
		b = binary.AppendUvarint(b, uint64(idx[m[k]]))
	}
	return b
}

var errClassMap = errors.New("bad class map")

// ReadClassMap decodes a class map written by AppendClassMap and returns what
// follows it. An empty map decodes as nil.
func ReadClassMap(b []byte) (map[uint64]uint64, []byte, error) {
	nv, w := binary.Uvarint(b)
	if w <= 0 || nv > uint64(len(b)-w)/8 {
		return nil, nil, errClassMap
	}
	b = b[w:]
	vals := make([]uint64, nv)
	for i := range vals {
		vals[i] = binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w)/9 {
		return nil, nil, errClassMap
	}
	b = b[w:]
	var m map[uint64]uint64
	if n > 0 {
		m = make(map[uint64]uint64, n)
	}
	for range n {
		if len(b) < 9 {
			return nil, nil, errClassMap
		}
		k := binary.LittleEndian.Uint64(b)
		v, w := binary.Uvarint(b[8:])
		if w <= 0 || v >= nv {
			return nil, nil, errClassMap
		}
		m[k] = vals[v]
		b = b[8+w:]
	}
	return m, b, nil
}
