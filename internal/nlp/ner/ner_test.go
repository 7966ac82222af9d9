package ner

import (
	"bytes"
	"github.com/sitrep/sitrep/internal/testutil"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

func examples() []Example {
	var out []Example
	for range 10 {
		out = append(out,
			Example{Words: strings.Fields("Oleh Synehubov said ."), POS: strings.Fields("PROPN PROPN VERB PUNCT"),
				Entities: []Span{{0, 2, "PER"}}},
			Example{Words: strings.Fields("troops left Izyum ."), POS: strings.Fields("NOUN VERB PROPN PUNCT"),
				Entities: []Span{{2, 3, "LOC"}}},
			Example{Words: strings.Fields("the Kremlin denied it"), POS: strings.Fields("DET PROPN VERB PRON"),
				Entities: []Span{{1, 2, "ORG"}}},
		)
	}
	return out
}

func TestTrainLabelRoundTrip(t *testing.T) {
	r := Train(examples(), Options{Epochs: 5, Seed: 1})
	if _, _, f := r.Evaluate(examples()); f < 0.99 {
		t.Errorf("training F1 %.2f", f)
	}
	r2, b := roundTrip(t, r)
	if b2, _ := r2.MarshalBinary(); !bytes.Equal(b, b2) {
		t.Error("encoding changes across a round trip")
	}
	got := r2.Spans(r2.Label(strings.Fields("Oleh Synehubov said ."), strings.Fields("PROPN PROPN VERB PUNCT"), nil, nil))
	if len(got) != 1 || got[0] != (Span{0, 2, "PER"}) {
		t.Errorf("spans %v", got)
	}
	for _, bad := range [][]byte{nil, []byte("NER1"), b[:len(b)/2]} {
		if err := (&Recognizer{}).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%d bytes) accepted", len(bad))
		}
	}
}

// Decoding yields well-formed BILOU sequences: I- and L- only inside a name of
// their type, every B- closed by an L-.
func TestBILOUConstraint(t *testing.T) {
	r := Train(examples(), Options{Epochs: 1, Seed: 1})
	for _, text := range []string{"said Synehubov Izyum Kremlin Oleh troops", "Oleh Oleh Synehubov Synehubov", "Oleh"} {
		words := strings.Fields(text)
		labels := r.Label(words, make([]string, len(words)), nil, nil)
		n := len(r.Labels)
		for i, l := range labels {
			if i == 0 && !r.first[l] || i > 0 && !r.allow[labels[i-1]*n+l] || i == len(labels)-1 && !r.last[l] {
				t.Errorf("%q: label %d %s not allowed after %v", text, i, r.Labels[l], labels[:i])
			}
		}
		inName := 0
		for _, e := range r.Spans(labels) {
			inName += e.End - e.Start
		}
		named := 0
		for _, l := range labels {
			if l != 0 {
				named++
			}
		}
		if inName != named {
			t.Errorf("%q: %d labelled words, %d in spans", text, named, inName)
		}
	}
}

// Gazetteer place names are marked longest first, from a capitalised word, and
// survive the model's encoding.
func TestPlaces(t *testing.T) {
	r := Train(examples(), Options{Epochs: 1, Seed: 1,
		Places: []string{"York", "New York", "Kharkiv", "Bosnia and Herzegovina", "Washington, D.C."}})
	r2, _ := roundTrip(t, r)
	words := strings.Fields("from New York and new york to Kharkiv , Bosnia and Herzegovina and Washington , D.C. .")
	ws := r2.attrs(words, nil, nil, nil)
	want := []uint64{hNone, hPlace[0], hPlace[2], hNone, hNone, hNone, hNone, hPlace[3], hNone,
		hPlace[0], hPlace[1], hPlace[2], hNone, hPlace[0], hPlace[1], hPlace[2], hNone}
	for i, w := range ws {
		if w.place != want[i] {
			t.Errorf("word %d %q: place mark %x, want %x", i, words[i], w.place, want[i])
		}
	}
}

func TestListHash(t *testing.T) {
	for _, w := range []string{"ministry", "said", "march", "ukraine", "ukrainian", "river", "mr.", "kharkiv", ""} {
		if got, want := listHash(w), perceptron.String(listOf(w)); got != want {
			t.Errorf("%q: listHash %x, want %x", w, got, want)
		}
	}
}

// Brackets, and the words a caller rules out, are never inside a name.
func TestLabelOutside(t *testing.T) {
	r := Train(examples(), Options{Epochs: 5, Seed: 1})
	pos := strings.Fields("PROPN PROPN VERB PUNCT")
	words := strings.Fields("Oleh Synehubov said .")
	if got := r.Spans(r.Label(words, pos, nil, nil)); len(got) != 1 || got[0] != (Span{0, 2, "PER"}) {
		t.Fatalf("spans %v without constraints: the test shows nothing", got)
	}
	for _, s := range r.Spans(r.LabelOutside(words, pos, []bool{false, true}, nil, nil)) {
		if s.Start <= 1 && 1 < s.End {
			t.Errorf("span %v holds the word ruled out", s)
		}
	}
	words = strings.Fields("Oleh ( Synehubov said .")
	pos = strings.Fields("PROPN PUNCT PROPN VERB PUNCT")
	for _, s := range r.Spans(r.Label(words, pos, nil, nil)) {
		if s.Start <= 1 && 1 < s.End {
			t.Errorf("span %v holds a bracket", s)
		}
	}
}

// Names the training never showed take their type from the word-class lexicon:
// made-up capitalised words in one context, persons or places only by what the
// lexicon knows of them.
func TestLexiconTypesUnseenNames(t *testing.T) {
	lexicon := map[string]string{}
	typeUnseen(t, "the lexicon", 7, func(w string, place bool) {
		lexicon[w] = map[bool]string{true: "LN", false: "NP"}[place]
	}, func(o *Options) { o.Lexicon = lexicon }, nil)
}

// Likewise from the word clusters: unseen names whose clusters are those of the
// persons or the places of training, or (vote) whose clusters are the same and
// whose name-type votes differ.
func TestClustersTypeUnseenNames(t *testing.T) {
	for _, vote := range []bool{false, true} {
		words := map[string]lex.Cluster{}
		placeCluster := lex.Cluster{2, 2, 1, 1, 0}
		what := "the clusters"
		if vote {
			placeCluster, what = lex.Cluster{1, 1, 1, 1, 6 + 4}, "the name-type votes"
		}
		typeUnseen(t, what, 8, func(w string, place bool) {
			words[w] = map[bool]lex.Cluster{true: placeCluster, false: {1, 1, 1, 1, 0}}[place]
		}, func(o *Options) {
			c, err := lex.NewClusters(words)
			if err != nil {
				t.Fatal(err)
			}
			o.Clusters = c
		}, nil)
	}
}

// Likewise from the word vectors, through the window network: unseen names
// whose vectors point as the persons' or the places' of training do. The
// decoded recogniser uses the network only once given the same vectors.
func TestVectorsTypeUnseenNames(t *testing.T) {
	var words []string
	var vecs [][]float32
	var table *lex.Vectors
	typeUnseen(t, "the vectors", 9, func(w string, place bool) {
		v := []float32{-1, 0.3, float32(len(w)%3) / 3, 0}
		if place {
			v = []float32{1, 0.3, 0, float32(len(w)%3) / 3}
		}
		words, vecs = append(words, w), append(vecs, v)
	}, func(o *Options) {
		var err error
		if table, err = lex.NewVectors(words, vecs); err != nil {
			t.Fatal(err)
		}
		o.Vectors = table
		o.Net = NetOptions{Hidden: 8, Epochs: 5, Rate: 0.01, Weight: 8}
	}, func(r *Recognizer) {
		if !r.HasNet() {
			t.Fatal("no window network trained")
		}
		other, _ := lex.NewVectors(words[:10], vecs[:10])
		if err := r.UseVectors(other); err == nil {
			t.Error("a network takes vectors it was not trained on")
		}
		if err := r.UseVectors(table); err != nil {
			t.Fatal(err)
		}
	})
}

// typeUnseen trains on "they saw W ." with W a made-up name, a person's or a
// place's, that only know tells apart (recording what it knows of each word,
// lowercased), with the knowledge use puts in the options, and checks that the
// recogniser, decoded, types unseen names right and one without that knowledge
// does not.
func typeUnseen(t *testing.T, what string, seed uint64, know func(w string, place bool), use func(*Options), decoded func(*Recognizer)) {
	t.Helper()
	word := testutil.MadeUpWords(seed, 6)
	name := func() string { w := word(); return strings.ToUpper(w[:1]) + w[1:] }
	sentences := func(n int) []Example {
		var out []Example
		for i := range n {
			w, typ := name(), "PER"
			if i%2 == 1 {
				typ = "LOC"
			}
			know(strings.ToLower(w), i%2 == 1)
			out = append(out, Example{Words: []string{"they", "saw", w, "."}, POS: strings.Fields("PRON VERB PROPN PUNCT"),
				Entities: []Span{{2, 3, typ}}})
		}
		return out
	}
	train, test := sentences(400), sentences(200)
	opt := Options{Epochs: 5, Seed: 1}
	use(&opt)
	r2, _ := roundTrip(t, Train(train, opt))
	if decoded != nil {
		decoded(r2)
	}
	if _, _, f := r2.Evaluate(test); f < 0.99 {
		t.Errorf("with %s (decoded): F1 %.3f on unseen names", what, f)
	}
	if _, _, f := Train(train, Options{Epochs: 5, Seed: 1}).Evaluate(test); f > 0.8 {
		t.Errorf("without %s: F1 %.3f; the test does not test it", what, f)
	}
}

// roundTrip encodes and decodes r, returning the copy and the encoding.
func roundTrip(t *testing.T, r *Recognizer) (*Recognizer, []byte) {
	t.Helper()
	b, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	c := &Recognizer{}
	if err := c.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return c, b
}

// A scratch remembers what a word alone gives; the place marks and parts of speech,
// which depend on the sentence, are worked out afresh each time, and a scratch
// moved to another recogniser does not keep the first one's attributes.
func TestAttrsCache(t *testing.T) {
	r := Train(examples(), Options{Epochs: 1, Seed: 1, Places: []string{"New York", "Kharkiv"},
		Lexicon: map[string]string{"kharkiv": "L"}})
	r2 := Train(examples(), Options{Epochs: 1, Seed: 1, Places: []string{"New York", "Kharkiv"}})
	if r.attrsOf("Kharkiv") == r2.attrsOf("Kharkiv") {
		t.Fatal("the two recognisers give Kharkiv the same attributes: the test shows nothing")
	}
	s := &Scratch{cache: map[string]known{}, owner: r}
	first := strings.Fields("New York and Kharkiv")
	r.Label(first, []string{"PROPN", "PROPN", "CCONJ", "PROPN"}, nil, s)
	// "York" and "Kharkiv" again, now outside a place name and with other tags
	words := strings.Fields("York and Kharkiv")
	pos := []string{"NOUN", "CCONJ", "NOUN"}
	r.Label(words, pos, nil, s)
	if s.ws[0].place != hNone || s.ws[2].place != hPlace[3] {
		t.Errorf("place marks %x %x after the cache, want none and place-U", s.ws[0].place, s.ws[2].place)
	}
	if s.ws[0].pos != perceptron.String("NOUN") {
		t.Error("a cached word kept the part of speech of its last sentence")
	}
	r2.Label(words, pos, nil, s)
	for _, w := range words {
		if s.cache[w].word != r2.attrsOf(w) {
			t.Errorf("cached attributes of %q are not the recogniser's own", w)
		}
	}
}

// The scores from the sums kept per word are those of the whole list of
// features, to the last bit, at the sentence's edges and in a headline too.
func TestStaticScores(t *testing.T) {
	r := Train(examples(), Options{Epochs: 2, Seed: 1, Places: []string{"New York", "Kharkiv"}})
	var s Scratch
	for _, sent := range []string{"Kharkiv", "Troops left New York and Kharkiv .", "TROOPS LEFT KHARKIV"} {
		words := strings.Fields(sent)
		pos := make([]string, len(words))
		for i := range pos {
			pos[i] = "PROPN"
		}
		r.Label(words, pos, nil, &s)
		caps := allCaps(words)
		for i := range words {
			got := make([]float32, len(r.Labels))
			r.static(s.ws, i, caps, &s.dec, got)
			want := make([]float32, len(r.Labels))
			r.model.Score(features(s.ws, i, caps, nil), want)
			if !slices.Equal(got, want) {
				t.Fatalf("%q word %d: scores %v, want %v", sent, i, got, want)
			}
		}
	}
}
