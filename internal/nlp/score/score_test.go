package score

import (
	"math"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

func read(t *testing.T, s string) []*conllu.Sentence {
	t.Helper()
	out, err := conllu.ReadAll(strings.NewReader(s), "test")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const gold = `1-2	don't	_	_	_	_	_	_	_	_
1	do	do	AUX	VBP	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	go	go	VERB	VB	_	0	root	_	_
4	home	home	ADV	RB	_	3	advmod	_	SpaceAfter=No
5	.	.	PUNCT	.	_	3	punct	_	_

1	Yes	yes	INTJ	UH	_	0	root	_	_

`

func TestPerfect(t *testing.T) {
	g := read(t, gold)
	sc, err := Evaluate(g, g)
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]F{"tokens": sc.Tokens, "words": sc.Words, "sentences": sc.Sentences, "upos": sc.UPOS, "las": sc.LAS} {
		if f.F1() != 1 {
			t.Errorf("%s F1 = %v on identical files", name, f.F1())
		}
	}
	if sc.Tokens.Gold != 5 || sc.Words.Gold != 6 || sc.Sentences.Gold != 2 {
		t.Errorf("counts: %+v", sc)
	}
}

func TestErrors(t *testing.T) {
	// One sentence instead of two; "don't" not split; "home" gets a wrong head and
	// "go" a subtyped relation, which counts as right (universal part only).
	sys := read(t, `1	don't	do	AUX	VBP	_	2	aux	_	_
2	go	go	VERB	VB	_	0	root:x	_	_
3	home	home	NOUN	NN	_	1	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
5	Yes	yes	INTJ	UH	_	2	discourse	_	_

`)
	sc, err := Evaluate(read(t, gold), sys)
	if err != nil {
		t.Fatal(err)
	}
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.4f, want %.4f", name, got, want)
		}
	}
	near("tokens F1", sc.Tokens.F1(), 1)
	near("sentences F1", sc.Sentences.F1(), 0) // gold 2, system 1, none match
	// words: gold 6, system 5; aligned: don't~do (LCS on forms fails: "don't" vs
	// "do","n't"), go, home, ., Yes = 4
	if sc.Words.Correct != 4 {
		t.Errorf("aligned words %d, want 4", sc.Words.Correct)
	}
	if sc.UPOS.Correct != 3 { // go, ., Yes
		t.Errorf("UPOS correct %d, want 3", sc.UPOS.Correct)
	}
	if sc.LAS.Correct != 2 { // go (root:x = root), . (head go)
		t.Errorf("LAS correct %d, want 2", sc.LAS.Correct)
	}
}

func TestTextMismatch(t *testing.T) {
	if _, err := Evaluate(read(t, gold), read(t, "1\tno\t_\t_\t_\t_\t0\troot\t_\t_\n\n")); err == nil {
		t.Error("different texts accepted")
	}
}

func TestEntities(t *testing.T) {
	sp := func(a, b int, t string) conllu.Span { return conllu.Span{Start: a, End: b, Type: t} }
	gold := [][]conllu.Span{{sp(0, 2, "PER"), sp(3, 4, "LOC")}, {sp(1, 2, "ORG")}}
	sys := [][]conllu.Span{{sp(0, 2, "PER"), sp(3, 4, "ORG")}, {sp(1, 3, "ORG"), sp(4, 5, "LOC")}}
	f := Entities(gold, sys)
	if f.Correct != 1 || f.Gold != 3 || f.System != 4 {
		t.Errorf("%+v", f)
	}
}
