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

// ClassMap is a class map held for lookups: its keys sorted, each with the
// index of its value. Decoding it builds no hash table (a Go map of the
// 157,000 words of the word-class lexicon took a fifth of the models' load).
// The zero ClassMap is empty.
type ClassMap struct {
	keys []uint64
	idx  []uint32 // per key, its value's index in vals
	vals []uint64
}

// NewClassMap holds m for lookups.
func NewClassMap(m map[uint64]uint64) ClassMap {
	var c ClassMap
	c.keys = slices.Sorted(maps.Keys(m))
	at := map[uint64]uint32{}
	for _, k := range c.keys {
		v := m[k]
		i, ok := at[v]
		if !ok {
			i = uint32(len(c.vals))
			at[v] = i
			c.vals = append(c.vals, v)
		}
		c.idx = append(c.idx, i)
	}
	return c
}

// Get returns the value of key k, if it has one.
func (c ClassMap) Get(k uint64) (uint64, bool) {
	i, ok := slices.BinarySearch(c.keys, k)
	if !ok {
		return 0, false
	}
	return c.vals[c.idx[i]], true
}

// Len is the number of keys.
func (c ClassMap) Len() int { return len(c.keys) }

// Map returns the class map as a Go map.
func (c ClassMap) Map() map[uint64]uint64 {
	if len(c.keys) == 0 {
		return nil
	}
	m := make(map[uint64]uint64, len(c.keys))
	for i, k := range c.keys {
		m[k] = c.vals[c.idx[i]]
	}
	return m
}

// AppendClassMap appends the encoding of c to b: its distinct values in order
// of first use, then each key with the index of its value.
func AppendClassMap(b []byte, c ClassMap) []byte {
	b = binary.AppendUvarint(b, uint64(len(c.vals)))
	for _, v := range c.vals {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(c.keys)))
	for i, k := range c.keys {
		b = binary.LittleEndian.AppendUint64(b, k)
		b = binary.AppendUvarint(b, uint64(c.idx[i]))
	}
	return b
}

var errClassMap = errors.New("bad class map")

// ReadClassMap decodes a class map written by AppendClassMap and returns what
// follows it.
func ReadClassMap(b []byte) (ClassMap, []byte, error) {
	var c ClassMap
	nv, w := binary.Uvarint(b)
	if w <= 0 || nv > uint64(len(b)-w)/8 {
		return c, nil, errClassMap
	}
	b = b[w:]
	vals := make([]uint64, nv)
	for i := range vals {
		vals[i] = binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w)/9 {
		return c, nil, errClassMap
	}
	b = b[w:]
	keys, idx := make([]uint64, n), make([]uint32, n)
	for i := range keys {
		if len(b) < 9 {
			return c, nil, errClassMap
		}
		keys[i] = binary.LittleEndian.Uint64(b)
		v, w := binary.Uvarint(b[8:])
		if w <= 0 || v >= nv || i > 0 && keys[i] <= keys[i-1] {
			return c, nil, errClassMap
		}
		idx[i] = uint32(v)
		b = b[8+w:]
	}
	if n > 0 {
		c = ClassMap{keys: keys, idx: idx, vals: vals}
	}
	return c, b, nil
}
