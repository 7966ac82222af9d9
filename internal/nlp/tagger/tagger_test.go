package tagger

import (
	"bytes"
	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/testutil"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func examples() []Example {
	var out []Example
	for range 10 {
		out = append(out,
			Example{Words: strings.Fields("the dog runs ."), Tags: strings.Fields("DET|DT NOUN|NN VERB|VBZ PUNCT|.")},
			Example{Words: strings.Fields("a cat sleeps ."), Tags: strings.Fields("DET|DT NOUN|NN VERB|VBZ PUNCT|.")},
			Example{Words: strings.Fields("Kharkiv burns"), Tags: strings.Fields("PROPN|NNP VERB|VBZ")},
		)
	}
	return out
}

func TestTrainTagRoundTrip(t *testing.T) {
	tg := Train(examples(), Options{Epochs: 5, Seed: 1})
	if acc := tg.Accuracy(examples()); acc < 0.99 {
		t.Errorf("training accuracy %.2f", acc)
	}
	got := tg.Tag(strings.Fields("the cat runs ."))
	var ups, xps []string
	for _, c := range got {
		ups, xps = append(ups, tg.UPOS(c)), append(xps, tg.XPOS(c))
	}
	if strings.Join(ups, " ") != "DET NOUN VERB PUNCT" || xps[1] != "NN" {
		t.Errorf("tags %v %v", ups, xps)
	}
	t2, b := roundTrip(t, tg)
	if b2, _ := t2.MarshalBinary(); !bytes.Equal(b, b2) {
		t.Error("encoding changes across a round trip")
	}
	for _, bad := range [][]byte{nil, []byte("TAG1"), []byte("TAG2"), b[:len(b)/2]} {
		if err := (&Tagger{}).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%d bytes) accepted", len(bad))
		}
	}
	if out := tg.Tag(nil); len(out) != 0 {
		t.Errorf("empty sentence: %v", out)
	}
}

// Words the training never showed are tagged by their word classes: made-up words
// whose spelling says nothing, in a context where nouns and verbs both occur,
// tagged only by what the lexicon knows of them.
func TestLexiconTagsUnseenWords(t *testing.T) {
	lexicon := map[string]string{}
	tagUnseen(t, "the lexicon", 7, func(w string, verb bool) {
		lexicon[w] = map[bool]string{true: "lv", false: "ln"}[verb]
	}, func(o *Options) { o.Lexicon = lexicon })
}

// Likewise from the word clusters: unseen words in the cluster of training's
// nouns or of its verbs.
func TestClustersTagUnseenWords(t *testing.T) {
	words := map[string]lex.Cluster{}
	tagUnseen(t, "the clusters", 9, func(w string, verb bool) {
		words[w] = map[bool]lex.Cluster{true: {2, 2, 2, 1, 0}, false: {1, 1, 1, 1, 0}}[verb]
	}, func(o *Options) {
		c, err := lex.NewClusters(words)
		if err != nil {
			t.Fatal(err)
		}
		o.Clusters = c
	})
}

// tagUnseen trains on "they say W ." with W a made-up noun or verb that only know
// tells apart (recording what it knows of each word), with the knowledge use puts
// in the options, and checks that the tagger, decoded, tags unseen words right
// and a tagger without that knowledge does not.
func tagUnseen(t *testing.T, what string, seed uint64, know func(w string, verb bool), use func(*Options)) {
	t.Helper()
	word := testutil.MadeUpWords(seed, 6)
	sentences := func(n int) []Example {
		var out []Example
		for i := range n {
			w, tag := word(), "NOUN|NN"
			if i%2 == 1 {
				tag = "VERB|VB"
			}
			know(w, i%2 == 1)
			out = append(out, Example{Words: []string{"they", "say", w, "."}, Tags: []string{"PRON|PRP", "VERB|VBP", tag, "PUNCT|."}})
		}
		return out
	}
	train, test := sentences(400), sentences(200)
	opt := Options{Epochs: 5, Seed: 1}
	use(&opt)
	tg := Train(train, opt)
	if acc := tg.Accuracy(test); acc < 0.99 {
		t.Errorf("with %s: accuracy %.3f on unseen words", what, acc)
	}
	t2, _ := roundTrip(t, tg)
	if acc := t2.Accuracy(test); acc < 0.99 {
		t.Errorf("decoded: accuracy %.3f; %s did not survive encoding", acc, what)
	}
	if acc := Train(train, Options{Epochs: 5, Seed: 1}).Accuracy(test); acc > 0.9 {
		t.Errorf("without %s: accuracy %.3f; the test does not test it", what, acc)
	}
}

// A word whose tag only the words three places to its right tell: the
// left-to-right model, which looks two words ahead, must guess; the right-to-left
// model carries the answer back through its own tags, and the sum of the two
// models' scores takes it.
func TestBidirectionalSeesFarRight(t *testing.T) {
	sentences := func() []Example {
		var out []Example
		for range 50 {
			out = append(out,
				Example{Words: strings.Fields("fi fi fi alpha"), Tags: strings.Fields("X|A X|A X|A NOUN|NN")},
				Example{Words: strings.Fields("fi fi fi beta"), Tags: strings.Fields("X|B X|B X|B NOUN|NN")},
			)
		}
		return out
	}
	first := func(tg *Tagger) float64 { // accuracy on the first word, XPOS
		right := 0
		for _, ex := range sentences() {
			if "X|"+tg.XPOS(tg.Tag(ex.Words)[0]) == ex.Tags[0] {
				right++
			}
		}
		return float64(right) / float64(len(sentences()))
	}
	if acc := first(Train(sentences(), Options{Epochs: 5, Seed: 1})); acc > 0.6 {
		t.Errorf("left to right only: first word %.2f right; the test does not test the other direction", acc)
	}
	tg := Train(sentences(), Options{Epochs: 5, Seed: 1, Bidirectional: true})
	if acc := first(tg); acc < 0.99 {
		t.Errorf("both ways: first word %.2f right", acc)
	}
	t2, b := roundTrip(t, tg)
	if acc := first(t2); acc < 0.99 {
		t.Errorf("decoded: first word %.2f right; the right-to-left model did not survive encoding", acc)
	}
	for _, bad := range [][]byte{b[:len(b)-1], append(b[:len(b):len(b)], 0)} {
		if err := (&Tagger{}).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary accepted %d bytes of a %d-byte model", len(bad), len(b))
		}
	}
}

// The right-to-left check may not take a sentence's only finite verb away.
func TestKeepFinite(t *testing.T) {
	tg := &Tagger{Tags: []string{"ADJ|JJ", "NOUN|NNS", "PROPN|NNP", "VERB|VBD", "VERB|VBN"}}
	tg.prepare()
	// "Serbia eased measures": the check made "eased" an adjective.
	out := []int{2, 0, 1}
	tg.keepFinite(out, [][2]int{{1, 3}})
	if out[1] != 3 {
		t.Errorf("lost verb not restored: %v", out)
	}
	// "Serbia eased measures that worked": another finite verb stays; so does the
	// check's choice.
	out = []int{2, 0, 1, 2, 3}
	tg.keepFinite(out, [][2]int{{1, 3}})
	if out[1] != 0 {
		t.Errorf("restored though the sentence keeps a finite verb: %v", out)
	}
}

// roundTrip encodes and decodes tg, returning the copy and the encoding.
func roundTrip(t *testing.T, tg *Tagger) (*Tagger, []byte) {
	t.Helper()
	b, err := tg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t2 := &Tagger{}
	if err := t2.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return t2, b
}

// A scratch remembers words' attributes; what it remembers must be what the word
// gives afresh, and a scratch moved to another model must not use another model's.
func TestAttrsCache(t *testing.T) {
	tg := Train(examples(), Options{Epochs: 5, Seed: 1})
	var other []Example
	for _, ex := range examples() {
		ex.Tags = append([]string{}, ex.Tags...)
		ex.Tags[0] = "PRON|PRP" // "the" and "a" seen as another class: other ambiguity classes
		other = append(other, ex)
	}
	tg2 := Train(other, Options{Epochs: 5, Seed: 1})
	words := strings.Fields("the dog runs . a cat sleeps . the dog sleeps .")
	if tg.attrsOf("the") == tg2.attrsOf("the") {
		t.Fatal("the two taggers give \"the\" the same attributes: the test shows nothing")
	}
	var s Scratch
	first := make([]int, len(words))
	tg.TagInto(words, first, &s)
	again := make([]int, len(words))
	tg.TagInto(words, again, &s)
	if !slices.Equal(first, again) {
		t.Errorf("tags with a warm cache %v, cold %v", again, first)
	}
	tg2.TagInto(words, again, &s)
	for _, w := range words {
		if s.cache[w].word != tg2.attrsOf(w) {
			t.Errorf("cached attributes of %q are not the tagger's own", w)
		}
	}
}

// margin is how far the best score leads the second.
func margin(scores []float32, best int) float32 {
	second := float32(math.Inf(-1))
	for c, v := range scores {
		if c != best && v > second {
			second = v
		}
	}
	return scores[best] - second
}

// top gives argmax's class and margin's lead, ties included.
func TestTop(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := make([]float32, 1+rng.IntN(60))
		for i := range s {
			s[i] = float32(rng.IntN(7)) // small range: many ties
		}
		b, lead := top(s)
		if want := argmax(s); b != want {
			t.Fatalf("top(%v) = %d, argmax %d", s, b, want)
		}
		if len(s) > 1 && lead != margin(s, b) {
			t.Fatalf("top(%v) lead %v, margin %v", s, lead, margin(s, b))
		}
	}
}

// TestCommon: the lexicon's classes tell common words ("hope": a noun and verb,
// "us": written in lowercase) from names ("Crimea", "Putin": WordNet proper nouns
// only), in any case, and the model keeps the difference through encoding. The
// classes are those of the committed lexicon (train/lexicon.txt.gz).
func TestCommon(t *testing.T) {
	lexicon := map[string]string{"hope": "0NPlnv", "us": "0LNl", "crimea": "LNu", "putin": "NPu", "americans": "Gp"}
	tg := Train(examples(), Options{Epochs: 1, Seed: 1, Lexicon: lexicon})
	t2, _ := roundTrip(t, tg)
	for _, m := range []*Tagger{tg, t2} {
		for w, want := range map[string]bool{"hope": true, "Hope": true, "US": true, "us": true,
			"Crimea": false, "PUTIN": false, "Americans": false, "Synehubov": false} {
			if got := m.Common(w); got != want {
				t.Errorf("Common(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// The left-to-right scores from the sums kept per word are those of the whole
// list of features, to the last bit, at the sentence's edges too.
func TestForwardScores(t *testing.T) {
	tg := Train(examples(), Options{Epochs: 5, Seed: 1})
	var s Scratch
	for _, sent := range []string{"the dog runs .", "cats", "a dog sleeps and the cat runs ."} {
		words := strings.Fields(sent)
		tg.TagInto(words, make([]int, len(words)), &s)
		for i := range words {
			for _, p := range [][2]uint64{{hStart, hStart}, {tg.hashes[0], hStart}, {tg.hashes[1], tg.hashes[0]}} {
				got := make([]float32, len(tg.Tags))
				tg.forward(&s, i, p[0], p[1], got)
				want := make([]float32, len(tg.Tags))
				tg.model.Score(features(s.ws, i, p[0], p[1], nil), want)
				if !slices.Equal(got, want) {
					t.Fatalf("%q word %d: scores %v, want %v", sent, i, got, want)
				}
			}
		}
	}
}
