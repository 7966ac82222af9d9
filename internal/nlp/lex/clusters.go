package lex

import (
	"encoding/binary"
	"errors"
	"slices"
	"sync"
)

// ClusterLevels is how many nested granularities a word's cluster has, finest
// first (see train/clustergen).
const ClusterLevels = 4

// NameVote is the place in a Cluster of the word's name-type vote: which type of
// name (and what share) its nearest training name words are, by their
// vectors (see train/clustergen and train.WordClusters).
const NameVote = ClusterLevels

// Cluster is a word's cluster at each level, then its name-type vote.
type Cluster [ClusterLevels + 1]uint16

// NoCluster is the cluster of words the table lacks.
var NoCluster = Cluster{0xffff, 0xffff, 0xffff, 0xffff, 0xffff}

// Clusters gives lowercased words their clusters: a sorted table of the words'
// hashes, compact in memory and in a model file.
type Clusters struct {
	keys []uint64
	vals []Cluster
}

var errClusters = errors.New("bad cluster table")

// NewClusters builds a table from lowercased words and their clusters.
func NewClusters(words map[string]Cluster) (*Clusters, error) {
	type kv struct {
		k uint64
		v Cluster
	}
	var all []kv
	for w, c := range words {
		if slices.Contains(c[:], NoCluster[0]) {
			return nil, errClusters
		}
		all = append(all, kv{clusterKey(w), c})
	}
	slices.SortFunc(all, func(a, b kv) int {
		switch {
		case a.k < b.k:
			return -1
		case a.k > b.k:
			return 1
		}
		return 0
	})
	t := &Clusters{}
	for i, e := range all {
		if i > 0 && e.k == all[i-1].k {
			continue // a hash collision keeps one of the words
		}
		t.keys = append(t.keys, e.k)
		t.vals = append(t.vals, e.v)
	}
	return t, nil
}

// Len is the number of words in the table.
func (t *Clusters) Len() int {
	if t == nil {
		return 0
	}
	return len(t.keys)
}

// Finer gives the three finest levels of c as feature values.
func (c Cluster) Finer() [3]uint64 { return [3]uint64{uint64(c[0]), uint64(c[1]), uint64(c[2])} }

// Share returns o in place of t when the two are the same table, so that models
// trained together hold one copy; otherwise t.
func (t *Clusters) Share(o *Clusters) *Clusters {
	if o != nil && t.Equal(o) {
		return o
	}
	return t
}

// Equal reports whether t and o give every word the same clusters.
func (t *Clusters) Equal(o *Clusters) bool {
	if t == o {
		return true
	}
	if t.Len() == 0 || o.Len() == 0 {
		return t.Len() == o.Len()
	}
	return slices.Equal(t.keys, o.keys) && slices.Equal(t.vals, o.vals)
}

// Of gives the clusters of word w (any case), NoCluster if the table lacks it.
func (t *Clusters) Of(w string) Cluster {
	if t == nil || len(t.keys) == 0 {
		return NoCluster
	}
	i, ok := slices.BinarySearch(t.keys, clusterKey(Lower(w)))
	if !ok {
		return NoCluster
	}
	return t.vals[i]
}

// clusterKey hashes a lowercased word (FNV-1a, 64 bits).
func clusterKey(lower string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(lower); i++ {
		h ^= uint64(lower[i])
		h *= 1099511628211
	}
	return h
}

// AppendBinary appends the table's encoding to b: the count, then each key as
// the varint of its difference from the previous one, with its clusters.
func (t *Clusters) AppendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(t.Len()))
	var prev uint64
	for i := range t.Len() {
		b = binary.AppendUvarint(b, t.keys[i]-prev)
		for _, c := range t.vals[i] {
			b = binary.AppendUvarint(b, uint64(c))
		}
		prev = t.keys[i]
	}
	return b
}

// ReadClusters decodes a table written by AppendBinary and returns what follows
// it. An empty table decodes as nil.
//
// The tagger, the parser and the recogniser each carry the same table. A table
// whose encoding is, by length and checksum (tableSum), that of the last one
// decoded is not decoded again: the same table is returned, and the three
// models share it.
func ReadClusters(b []byte) (*Clusters, []byte, error) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w)/uint64(1+len(Cluster{})) {
		return nil, nil, errClusters
	}
	b = b[w:]
	if n == 0 {
		return nil, b, nil
	}
	// The encoding ends after n × (1 + len(Cluster{})) varints.
	size, left := 0, int(n)*(1+len(Cluster{}))
	for ; left > 0 && size < len(b); size++ {
		if b[size] < 0x80 {
			left--
		}
	}
	if left > 0 {
		return nil, nil, errClusters
	}
	sum := tableSum(b[:size])
	lastRead.Lock()
	defer lastRead.Unlock()
	if t := lastRead.t; t != nil && lastRead.n == n && lastRead.size == size && lastRead.sum == sum {
		return t, b[size:], nil
	}
	t, rest, err := decodeClusters(b, n)
	if err == nil {
		lastRead.t, lastRead.n, lastRead.size, lastRead.sum = t, n, size, sum
	}
	return t, rest, err
}

// lastRead is the last table ReadClusters decoded, with its encoding's length
// and checksum.
var lastRead struct {
	sync.Mutex
	t    *Clusters
	n    uint64
	size int
	sum  uint64
}

// decodeClusters decodes the n rows of a table at the front of b.
func decodeClusters(b []byte, n uint64) (*Clusters, []byte, error) {
	t := &Clusters{keys: make([]uint64, n), vals: make([]Cluster, n)}
	var prev uint64
	for i := range n {
		d, w := binary.Uvarint(b)
		if w <= 0 || (i > 0 && d == 0) || prev+d < prev {
			return nil, nil, errClusters
		}
		b = b[w:]
		for l := range len(Cluster{}) {
			v, w := binary.Uvarint(b)
			if w <= 0 || v >= uint64(NoCluster[l]) {
				return nil, nil, errClusters
			}
			b = b[w:]
			t.vals[i][l] = uint16(v)
		}
		prev += d
		t.keys[i] = prev
	}
	return t, b, nil
}
