package picture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"unicode"
)

// Near-duplicate documents: syndicated copies of one wire story, a story updated
// in place, the same article behind two addresses, one cut short. Their texts
// differ in a credit line, a paragraph or the punctuation, so the content hash
// (record.ContentHash) sees two documents; MinHash sees one.
//
// A text's features are its shingles: every run of ShingleWords words, lower-cased,
// punctuation dropped. MinHash (Broder 1997) keeps, for each of SignatureSize hash
// functions, the least hash over the shingles; the share of positions where two
// signatures agree estimates the Jaccard similarity of the shingle sets. Candidates
// are found by locality-sensitive hashing: the signature is cut into Bands bands,
// and texts that agree on a whole band are compared.
//
// SimHash was tried first and dropped: on short texts (a statement of a few
// hundred words) its fingerprints of copies and of different stories overlapped
// (copies up to 19 bits apart, different stories from 18).

// ShingleWords is the number of words in a shingle.
const ShingleWords = 3

// SignatureSize is the number of hash functions in a MinHash signature.
const SignatureSize = 64

// Bands and BandRows cut a signature for lookup. With 32 bands of 2 rows, texts of
// Jaccard similarity 0.5 become candidates with probability 1-(1-0.5²)³² > 0.9999,
// and texts of similarity 0.1 with probability 0.27 (rejected by the comparison).
const (
	Bands    = 32
	BandRows = SignatureSize / Bands
)

// NearSimilarity is the least estimated Jaccard similarity of the shingle sets of
// two near-duplicates. Chosen on the founding article and the 24 news-dev texts with
// syndicated, updated and cut copies of each (see neardup_test.go).
const NearSimilarity = 0.5

// Signature is a MinHash signature.
type Signature [SignatureSize]uint64

// MinHash returns the signature of text. A text of fewer than ShingleWords words
// is one shingle; an empty text has a signature of all ones, similar to nothing
// but another empty text.
func MinHash(text string) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return sig
	}
	n := max(len(words)-ShingleWords+1, 1)
	for i := range n {
		h := fnv.New64a()
		for _, w := range words[i:min(i+ShingleWords, len(words))] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for k := range sig {
			// Hash function k: the shingle's hash mixed with seed k.
			if v := mix(x ^ seeds[k]); v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

var seeds = func() (s [SignatureSize]uint64) {
	for i := range s {
		s[i] = mix(uint64(i) + 0x9e3779b97f4a7c15)
	}
	return s
}()

// mix is the finaliser of SplitMix64.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Similarity estimates the Jaccard similarity of the shingle sets of two texts.
func Similarity(a, b *Signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / SignatureSize
}

// Near says whether two signatures are of near-duplicate texts.
func Near(a, b *Signature) bool { return Similarity(a, b) >= NearSimilarity }

// Band returns the key of band i (0 ≤ i < Bands): its rows hashed to one number.
func (s *Signature) Band(i int) int64 {
	x := uint64(i)
	for _, v := range s[i*BandRows : (i+1)*BandRows] {
		x = mix(x ^ v)
	}
	return int64(x >> 1) // non-negative, for SQL
}

// MarshalBinary encodes the signature as SignatureSize big-endian uint64s.
func (s *Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 8*SignatureSize)
	for _, v := range s {
		b = binary.BigEndian.AppendUint64(b, v)
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != 8*SignatureSize {
		return errors.New("minhash signature: wrong length")
	}
	for i := range s {
		s[i] = binary.BigEndian.Uint64(b[8*i:])
	}
	return nil
}

// Match finds, among candidates considered one by one, the one most similar to a
// signature at NearSimilarity or above.
type Match struct {
	ID         int64 // 0 while no candidate is near
	Similarity float64
}

// Consider compares sig with the candidate id, whose signature is enc as
// MarshalBinary wrote it.
func (m *Match) Consider(sig *Signature, id int64, enc []byte) error {
	var other Signature
	if err := other.UnmarshalBinary(enc); err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	if s := Similarity(sig, &other); s >= NearSimilarity && s > m.Similarity {
		m.ID, m.Similarity = id, s
	}
	return nil
}
