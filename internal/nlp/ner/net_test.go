package ner

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/lex"
)

// testVectors gives a test sentence and made-up vectors for its words but the
// last unknown ones.
func testVectors(t *testing.T, unknown int) ([]string, *lex.Vectors) {
	t.Helper()
	words := strings.Fields("Oleh Synehubov said troops left Izyum and the Kremlin denied it")
	vecs := make([][]float32, len(words))
	for i, w := range words {
		vecs[i] = []float32{float32(len(w)) / 10, float32(i%3) - 1, float32(strings.Count(w, "o")), -0.5}
	}
	n := len(words) - unknown
	table, err := lex.NewVectors(words[:n], vecs[:n])
	if err != nil {
		t.Fatal(err)
	}
	return words, table
}

// The network's scores, built from each word's cached share of the first layer
// at each place, are those of the whole window read at once, as in training.
func TestNetScoresAsTrained(t *testing.T) {
	words, table := testVectors(t, 2) // "denied it" unknown
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

// Joined networks score each word with the mean of their scores.
func TestJoinedNetsScoreTheMean(t *testing.T) {
	words, table := testVectors(t, 2) // "denied it" unknown
	opt := Options{Epochs: 1, Seed: 1, Vectors: table, Net: NetOptions{Hidden: 6, Epochs: 3, Rate: 0.01, Weight: 2}}
	a := Train(examples(), opt).net
	opt.Seed = 2
	b := Train(examples(), opt).net
	j := joinNets([]*windowNet{a, b})
	if j.hidden != 12 {
		t.Fatalf("joined network has %d hidden units, want 12", j.hidden)
	}
	var sa, sb, sj netScratch
	ga := a.scores(table, words, &sa)
	gb := b.scores(table, words, &sb)
	gj := j.scores(table, words, &sj)
	differ := false
	for i := range gj {
		want := (ga[i] + gb[i]) / 2
		if math.Abs(float64(gj[i]-want)) > 1e-4 {
			t.Fatalf("score %d: %v, want %v (the mean of %v and %v)", i, gj[i], want, ga[i], gb[i])
		}
		differ = differ || math.Abs(float64(ga[i]-gb[i])) > 1e-3
	}
	if !differ {
		t.Fatal("the two seeds' networks score alike; the test shows nothing")
	}
}

// A recogniser of two members scores each word with the mean of the scores of
// the two recognisers its seeds train alone.
func TestMembersJoined(t *testing.T) {
	words, table := testVectors(t, 0)
	opt := Options{Epochs: 2, Seed: 1, Vectors: table, Net: NetOptions{Hidden: 6, Epochs: 3, Rate: 0.01, Weight: 2, Folds: 2}}
	one := Train(examples(), opt)
	opt.Seed = 2
	two := Train(examples(), opt)
	opt.Seed, opt.Members = 1, 2
	both := Train(examples(), opt)
	pos := strings.Fields("PROPN PROPN VERB NOUN VERB PROPN CCONJ DET PROPN VERB PRON")
	static := func(r *Recognizer) []float32 {
		s := &Scratch{owner: r}
		r.prepareWords(words, pos, nil, s)
		r.scoreStatic(r.model, s.ws, false, &s.dec)
		return s.dec.static
	}
	a, b, m := static(one), static(two), static(both)
	differ := false
	for i := range m {
		want := (a[i] + b[i]) / 2
		if math.Abs(float64(m[i]-want)) > 0.01*(1+math.Abs(float64(want))) {
			t.Fatalf("score %d: %v, want %v (the mean of %v and %v)", i, m[i], want, a[i], b[i])
		}
		differ = differ || math.Abs(float64(a[i]-b[i])) > 0.1
	}
	if !differ {
		t.Fatal("the two seeds score alike; the test shows nothing")
	}
}

// With the network's cache full, words' shares are computed for the sentence
// alone, score as before, and are kept nowhere.
func TestNetCacheFull(t *testing.T) {
	words, table := testVectors(t, 0)
	r := Train(examples(), Options{Epochs: 1, Seed: 1, Vectors: table, Net: NetOptions{Hidden: 6, Epochs: 3, Rate: 0.01, Weight: 2}})
	pos := strings.Fields("PROPN PROPN VERB NOUN VERB PROPN CCONJ DET PROPN VERB PRON")
	want := slices.Clone(r.Label(words, pos, nil, nil))
	var s netScratch
	wantScores := slices.Clone(r.net.scores(table, words, &s))
	r.net.cache = map[string][]float32{}
	for i := range maxNetCache / ((2*netWindow + 1) * r.net.hidden) {
		r.net.cache[strconv.Itoa(i)] = nil
	}
	full := len(r.net.cache)
	if got := r.net.scores(table, words, &s); !slices.Equal(got, wantScores) {
		t.Fatalf("scores with the cache full: %v, want %v", got, wantScores)
	}
	sc := &Scratch{}
	if got := r.Label(words, pos, nil, sc); !slices.Equal(got, want) {
		t.Fatalf("labels with the cache full: %v, want %v", got, want)
	}
	if len(r.net.cache) != full {
		t.Fatalf("the full cache grew to %d", len(r.net.cache))
	}
	for w, k := range sc.cache {
		if k.share != nil && !slices.ContainsFunc(r.net.unknown[:], func(u []float32) bool { return &u[0] == &k.share[0] }) {
			t.Fatalf("the labeller kept %q's shares", w)
		}
	}
}
