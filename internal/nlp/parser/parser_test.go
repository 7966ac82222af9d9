package parser

import (
	"bytes"
	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/testutil"
	"slices"
	"testing"
)

// A small treebank: "the dog saw a cat", "dogs bark", with a non-projective tree.
var examples = []Example{
	{Words: []string{"the", "dog", "saw", "a", "cat", "."}, Tags: []string{"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"},
		Heads: []int{2, 3, 0, 5, 3, 3}, Rels: []string{"det", "nsubj", "root", "det", "obj", "punct"}},
	{Words: []string{"dogs", "bark"}, Tags: []string{"NOUN", "VERB"}, Heads: []int{2, 0}, Rels: []string{"nsubj", "root"}},
	{Words: []string{"a", "cat", "saw", "the", "dog", "."}, Tags: []string{"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"},
		Heads: []int{2, 3, 0, 5, 3, 3}, Rels: []string{"det", "nsubj", "root", "det", "obj", "punct"}},
}

// Following only zero-cost transitions from the start must rebuild a projective
// gold tree exactly: the dynamic oracle is exact on projective trees.
func TestOracleReachesGold(t *testing.T) {
	p := &Parser{Labels: []string{"det", "nsubj", "obj", "punct", "root"}}
	p.prepare()
	index := map[string]int{}
	for i, l := range p.Labels {
		index[l] = i
	}
	for _, ex := range examples {
		n := len(ex.Words)
		gh, gl := make([]int, n), make([]int, n)
		for i := range n {
			gh[i] = ex.Heads[i] - 1
			if gh[i] < 0 {
				gh[i] = n
			}
			gl[i] = index[ex.Rels[i]]
		}
		var s state
		s.reset(n)
		costs := make([]int, p.nClasses())
		for !s.done() {
			p.costs(&s, gh, gl, costs)
			next := slices.Index(costs, 0)
			if next < 0 {
				t.Fatalf("%v: no zero-cost transition at stack %v, buffer %d", ex.Words, s.stack, s.b)
			}
			p.apply(&s, next)
		}
		for i := range n {
			if s.heads[i] != gh[i] || s.labels[i] != gl[i] {
				t.Errorf("%v: word %d got head %d/%s, want %d/%s", ex.Words, i, s.heads[i], p.Labels[s.labels[i]], gh[i], ex.Rels[i])
			}
		}
	}
}

func TestProjectivize(t *testing.T) {
	// 0→2 crosses 1→3: word 2 (head 0) is lifted to 0's head.
	heads := []int{4, 3, 0, 4} // n = 4 is the root
	projectivize(heads)
	for d, h := range heads {
		if h != 4 && !projectiveArc(heads, h, d) {
			t.Errorf("arc %d→%d still non-projective: %v", h, d, heads)
		}
	}
}

func TestTrainParseRoundTrip(t *testing.T) {
	p, err := Train(examples, Options{Epochs: 10, Seed: 1, Explore: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	uas, las := p.Evaluate(examples)
	if uas < 0.99 || las < 0.99 {
		t.Errorf("training set UAS %.2f LAS %.2f", uas, las)
	}
	q, b := roundTrip(t, p)
	b2, _ := q.MarshalBinary()
	if !bytes.Equal(b, b2) {
		t.Error("encoding changes across a round trip")
	}
	// Any input parses to a tree: one root, heads in range.
	words := []string{"cat", "cat", "the", "saw", "unknown", "words", "here", "."}
	heads, rels := make([]int, len(words)), make([]int, len(words))
	q.Parse(words, make([]string, len(words)), heads, rels, nil)
	roots := 0
	for i, h := range heads {
		if h == 0 {
			roots++
		}
		if h < 0 || h > len(words) || h == i+1 {
			t.Errorf("word %d: head %d", i, h)
		}
	}
	if roots != 1 {
		t.Errorf("%d roots: %v", roots, heads)
	}
	if err := q.UnmarshalBinary([]byte("PAR2garbage")); err == nil {
		t.Error("garbage accepted")
	}
}

// A finite verb right after a noun is not parsed as its reduced relative unless
// it has a subject or a complementiser: trained on such a tree, the parser still
// gives "threatened" another relation, and keeps "acl" for "the fact that he
// left".
func TestFiniteVerbNotReducedRelative(t *testing.T) {
	bad := Example{Words: []string{"the", "parliament", "threatened", "."},
		Tags:  []string{"DET|DT", "NOUN|NN", "VERB|VBD", "PUNCT|."},
		Heads: []int{2, 0, 2, 2}, Rels: []string{"det", "root", "acl", "punct"}}
	good := Example{Words: []string{"the", "fact", "that", "he", "left", "."},
		Tags:  []string{"DET|DT", "NOUN|NN", "SCONJ|IN", "PRON|PRP", "VERB|VBD", "PUNCT|."},
		Heads: []int{2, 0, 5, 5, 2, 2}, Rels: []string{"det", "root", "mark", "nsubj", "acl", "punct"}}
	train := append(slices.Clone(examples), bad, good, bad, good)
	p, err := Train(train, Options{Epochs: 10, Seed: 1, Explore: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(ex Example, i int) string {
		heads, rels := make([]int, len(ex.Words)), make([]int, len(ex.Words))
		p.Parse(ex.Words, ex.Tags, heads, rels, nil)
		return p.Labels[rels[i]]
	}
	if got := rel(bad, 2); got == "acl" {
		t.Errorf("finite verb with no subject parsed as acl")
	}
	if got := rel(good, 4); got != "acl" {
		t.Errorf("that-clause of a noun: %s, want acl", got)
	}
	p.acl = -1 // without the rule, the training tree comes back
	if got := rel(bad, 2); got != "acl" {
		t.Errorf("without the rule: %s; the test does not test the rule", got)
	}
}

// Nor is a finite verb a noun's modifier: trained on a tree that makes the verb
// of "people blocked streets" an amod of "streets", the parser still gives it
// another relation.
func TestFiniteVerbNotModifier(t *testing.T) {
	bad := Example{Words: []string{"people", "blocked", "streets", "."},
		Tags:  []string{"NOUN|NNS", "VERB|VBD", "NOUN|NNS", "PUNCT|."},
		Heads: []int{0, 3, 1, 1}, Rels: []string{"root", "amod", "nmod", "punct"}}
	train := append(slices.Clone(examples), bad, bad, bad)
	p, err := Train(train, Options{Epochs: 10, Seed: 1, Explore: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(i int) string {
		heads, rels := make([]int, len(bad.Words)), make([]int, len(bad.Words))
		p.Parse(bad.Words, bad.Tags, heads, rels, nil)
		return p.Labels[rels[i]]
	}
	if got := rel(1); got == "amod" {
		t.Errorf("finite verb parsed as amod")
	}
	clear(p.notFinite) // without the rule, the training tree comes back
	if got := rel(1); got != "amod" {
		t.Errorf("without the rule: %s; the test does not test the rule", got)
	}
}

// Words the training never showed are attached by their word classes: a made-up
// word after "the dog", tagged like everything else, is the verb whose subject is
// the dog or the noun the dog modifies only by what the lexicon knows of it.
func TestLexiconAttachesUnseenWords(t *testing.T) {
	lexicon := map[string]string{}
	attachUnseen(t, "the lexicon", 3, func(w string, verb bool) {
		lexicon[w] = map[bool]string{true: "v", false: "n"}[verb]
	}, func(o *Options) { o.Lexicon = lexicon })
}

// Likewise from the word clusters.
func TestClustersAttachUnseenWords(t *testing.T) {
	words := map[string]lex.Cluster{}
	attachUnseen(t, "the clusters", 4, func(w string, verb bool) {
		words[w] = map[bool]lex.Cluster{true: {1, 1, 1, 1, 0}, false: {2, 2, 2, 1, 0}}[verb]
	}, func(o *Options) {
		c, err := lex.NewClusters(words)
		if err != nil {
			t.Fatal(err)
		}
		o.Clusters = c
	})
}

// attachUnseen trains on "the dog W ." with W a made-up verb or noun that only
// know tells apart (recording what it knows of each word), with the knowledge use
// puts in the options, and checks that the decoded parser attaches unseen words
// right and a parser without that knowledge does not.
func attachUnseen(t *testing.T, what string, seed uint64, know func(w string, verb bool), use func(*Options)) {
	t.Helper()
	word := testutil.MadeUpWords(seed, 7)
	sentences := func(n int) []Example {
		var out []Example
		for i := range n {
			w := word()
			ex := Example{Words: []string{"the", "dog", w, "."}, Tags: []string{"X", "X", "X", "X"}}
			know(w, i%2 == 0)
			if i%2 == 0 {
				ex.Heads, ex.Rels = []int{2, 3, 0, 3}, []string{"det", "nsubj", "root", "punct"}
			} else {
				ex.Heads, ex.Rels = []int{3, 3, 0, 3}, []string{"det", "compound", "root", "punct"}
			}
			out = append(out, ex)
		}
		return out
	}
	train, test := sentences(200), sentences(100)
	opt := Options{Epochs: 5, Seed: 1, Explore: 0.9}
	use(&opt)
	p, err := Train(train, opt)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := roundTrip(t, p)
	if _, las := q.Evaluate(test); las < 0.99 {
		t.Errorf("with %s (decoded): LAS %.3f on unseen words", what, las)
	}
	bare, err := Train(train, Options{Epochs: 5, Seed: 1, Explore: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if _, las := bare.Evaluate(test); las > 0.9 {
		t.Errorf("without %s: LAS %.3f; the test does not test it", what, las)
	}
}

// roundTrip encodes and decodes p, returning the copy and the encoding.
func roundTrip(t *testing.T, p *Parser) (*Parser, []byte) {
	t.Helper()
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	c := &Parser{}
	if err := c.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return c, b
}
