package ner

import (
	"math"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/lex"
)

// The network's scores, built from each word's cached share of the first layer
// at each place, are those of the whole window read at once, as in training.
func TestNetScoresAsTrained(t *testing.T) {
	words := strings.Fields("Oleh Synehubov said troops left Izyum and the Kremlin denied it")
	vecs := make([][]float32, len(words))
	for i, w := range words {
		vecs[i] = []float32{float32(len(w)) / 10, float32(i%3) - 1, float32(strings.Count(w, "o")), -0.5}
	}
	table, err := lex.NewVectors(words[:len(words)-2], vecs[:len(words)-2]) // "denied it" unknown
	if err != nil {
		t.Fatal(err)
	}
	r := Train(examples(), Options{Epochs: 1, Seed: 1, Vectors: table, Net: NetOptions{Hidden: 6, Epochs: 3, Rate: 0.01, Weight: 2}})
	n := r.net
	var s netScratch
	for range 2 { // the second time from the cache
		got := n.scores(table, words, &s)
		per := n.per()
		x := make([]float32, len(words)*per)
		for i, w := range words {
			n.input(table, w, x[i*per:(i+1)*per], false)
		}
		in := make([]float32, n.in())
		for i := range words {
			n.window(x, len(words), i, in)
			for y := range n.labels {
				want := n.b2[y]
				for k := range n.hidden {
					h := n.b1[k]
					for j, v := range in {
						h += n.w1[k*n.in()+j] * v
					}
					want += n.w2[y*n.hidden+k] * max(h, 0)
				}
				if g := got[i*n.labels+y]; math.Abs(float64(g-want)) > 1e-4 {
					t.Fatalf("word %d label %d: %v, want %v", i, y, g, want)
				}
			}
		}
	}
}
