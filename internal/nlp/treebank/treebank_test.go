package treebank

import (
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

// A GUM-style sentence: "The University of Portsmouth in the United Kingdom's
// south met Claire." with nested mentions.
const gum = `1	The	the	DET	DT	_	2	det	_	Entity=(1-organization-new-x-cf1-1-sgl
2	University	University	PROPN	NNP	_	9	nsubj	_	_
3	of	of	ADP	IN	_	4	case	_	_
4	Portsmouth	Portsmouth	PROPN	NNP	_	2	nmod	_	Entity=(2-place-new-x-cf2-1-sgl)1)
5	in	in	ADP	IN	_	8	case	_	_
6	the	the	DET	DT	_	7	det	_	Entity=(3-place-new-x-cf3-1-sgl
7	United	United	PROPN	NNP	_	8	compound	_	_
8	Kingdom	Kingdom	PROPN	NNP	_	2	nmod	_	_
9	's	's	PART	POS	_	8	case	_	Entity=3)
10	south	south	NOUN	NN	_	0	root	_	_
11	met	meet	VERB	VBD	_	10	acl	_	_
12	Claire	Claire	PROPN	NNP	_	11	obj	_	Entity=(4-person-new-x-cf4-1-sgl)
13	and	and	CCONJ	CC	_	14	cc	_	_
14	him	he	PRON	PRP	_	12	conj	_	Entity=(5-person-giv-x-cf5-1-sgl)
15	.	.	PUNCT	.	_	10	punct	_	_

`

func TestGUMNamed(t *testing.T) {
	s, err := conllu.ReadAll(strings.NewReader(gum), "gum")
	if err != nil {
		t.Fatal(err)
	}
	got := GUMNamed(s[0])
	want := []conllu.Span{{Start: 1, End: 4, Type: "ORG"}, {Start: 6, End: 8, Type: "LOC"}, {Start: 11, End: 12, Type: "PER"}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("mention %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// Names, not noun phrases: a relative clause and an apposition are cut off (two
// names in "Portland, Oregon"), a title or a plural of people heading a mention is
// no name.
const gumNames = `1	Mary	Mary	PROPN	NNP	_	7	nsubj	_	Entity=(1-person-new-x-cf1-1-coref
2	Chaworth	Chaworth	PROPN	NNP	_	1	flat	_	_
3	,	,	PUNCT	,	_	6	punct	_	_
4	whom	who	PRON	WP	_	6	obj	_	_
5	he	he	PRON	PRP	_	6	nsubj	_	Entity=(2-person-new-x-cf2-1-sgl)
6	met	meet	VERB	VBD	_	1	acl:relcl	_	Entity=1)
7	lived	live	VERB	VBD	_	0	root	_	_
8	in	in	ADP	IN	_	9	case	_	_
9	Portland	Portland	PROPN	NNP	_	7	obl	_	Entity=(3-place-new-x-cf3-1-sgl
10	,	,	PUNCT	,	_	11	punct	_	_
11	Oregon	Oregon	PROPN	NNP	_	9	appos	_	Entity=(4-place-new-x-cf4-1-sgl)3)
12	.	.	PUNCT	.	_	7	punct	_	_

1	The	the	DET	DT	_	2	det	_	Entity=(5-person-new-x-cf1-1-coref
2	Secretary	Secretary	PROPN	NNP	_	3	nsubj	_	Entity=5)
3	met	meet	VERB	VBD	_	0	root	_	_
4	early	early	ADJ	JJ	_	5	amod	_	Entity=(6-place-new-x-cf1-1-sgl
5	Athens	Athens	PROPN	NNP	_	3	obj	_	Entity=6)
6	and	and	CCONJ	CC	_	7	cc	_	_
7	Americans	American	PROPN	NNPS	_	5	conj	_	Entity=(7-person-new-x-cf1-1-sgl)
8	.	.	PUNCT	.	_	3	punct	_	_

`

func TestGUMNamesNotPhrases(t *testing.T) {
	checkGUMNamed(t, gumNames, [][]conllu.Span{
		{{Start: 0, End: 2, Type: "PER"}, {Start: 8, End: 9, Type: "LOC"}, {Start: 10, End: 11, Type: "LOC"}},
		{{Start: 4, End: 5, Type: "LOC"}},
	})
}

// checkGUMNamed checks GUMNamed on each sentence of a CoNLL-U text.
func checkGUMNamed(t *testing.T, text string, wants [][]conllu.Span) {
	t.Helper()
	s, err := conllu.ReadAll(strings.NewReader(text), "gum")
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range wants {
		got := GUMNamed(s[k])
		if len(got) != len(want) {
			t.Errorf("sentence %d: got %v, want %v", k, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("sentence %d, mention %d: %v, want %v", k, i, got[i], want[i])
			}
		}
	}
}

// Names inside longer mentions: a person's party and a square's city are names of
// their own, a proper noun after an article alone is a role, and a common noun's
// mention can be named by the proper noun after its "of" or in the flat relation.
const gumPhrases = `1	Senator	Senator	PROPN	NNP	_	2	compound	_	Entity=(1-person-new-x-cf1-1-sgl
2	Ann	Ann	PROPN	NNP	_	8	nsubj	_	_
3	Chiang	Chiang	PROPN	NNP	_	2	flat	_	_
4	of	of	ADP	IN	_	7	case	_	_
5	the	the	DET	DT	_	7	det	_	Entity=(2-organization-new-x-cf2-1-sgl
6	Labour	Labour	PROPN	NNP	_	7	compound	_	_
7	Party	Party	PROPN	NNP	_	2	nmod	_	Entity=2)1)
8	visited	visit	VERB	VBD	_	0	root	_	_
9	Tiananmen	Tiananmen	PROPN	NNP	_	10	compound	_	Entity=(3-place-new-x-cf3-1-sgl
10	Square	Square	PROPN	NNP	_	8	obj	_	_
11	in	in	ADP	IN	_	12	case	_	_
12	Beijing	Beijing	PROPN	NNP	_	10	nmod	_	Entity=(4-place-new-x-cf4-1-sgl)3)
13	.	.	PUNCT	.	_	8	punct	_	_

1	The	the	DET	DT	_	2	det	_	Entity=(5-person-new-x-cf1-1-sgl
2	Speaker	Speaker	PROPN	NNP	_	3	nsubj	_	Entity=5)
3	toured	tour	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	Entity=(6-place-new-x-cf2-1-sgl
5	province	province	NOUN	NN	_	3	obj	_	_
6	of	of	ADP	IN	_	7	case	_	_
7	Palawan	Palawan	PROPN	NNP	_	5	nmod	_	Entity=6)
8	.	.	PUNCT	.	_	3	punct	_	_

1	The	the	DET	DT	_	2	det	_	Entity=(7-person-new-x-cf1-1-sgl
2	founder	founder	NOUN	NN	_	5	nsubj	_	_
3	Mark	Mark	PROPN	NNP	_	2	flat	_	_
4	Zuckerberg	Zuckerberg	PROPN	NNP	_	2	flat	_	Entity=7)
5	met	meet	VERB	VBD	_	0	root	_	_
6	legislator	legislator	NOUN	NN	_	5	obj	_	Entity=(8-person-new-x-cf2-1-sgl
7	Wong	Wong	PROPN	NNP	_	6	flat	_	_
8	Kwok	Kwok	PROPN	NNP	_	6	flat	_	SpaceAfter=No
9	-	-	PUNCT	HYPH	_	10	punct	_	SpaceAfter=No
10	hing	hing	PROPN	NNP	_	8	flat	_	Entity=8)
11	and	and	CCONJ	CC	_	12	cc	_	_
12	speaker	speaker	NOUN	NN	_	6	conj	_	Entity=(9-person-new-x-cf3-1-sgl
13	G	G	PROPN	NNP	_	12	flat	_	Entity=9)
14	.	.	PUNCT	.	_	5	punct	_	_

1	Madam	Madam	PROPN	NNP	_	2	compound	_	Entity=(10-person-new-x-cf1-1-sgl
2	Speaker	Speaker	PROPN	NNP	_	6	vocative	_	Entity=10)
3	,	,	PUNCT	,	_	2	punct	_	_
4	Speaker	Speaker	PROPN	NNP	_	5	compound	_	Entity=(11-person-new-x-cf2-1-sgl
5	Pelosi	Pelosi	PROPN	NNP	_	6	nsubj	_	Entity=11)
6	spoke	speak	VERB	VBD	_	0	root	_	_
7	.	.	PUNCT	.	_	6	punct	_	_

`

func TestGUMNamesInPhrases(t *testing.T) {
	checkGUMNamed(t, gumPhrases, [][]conllu.Span{
		{{Start: 1, End: 3, Type: "PER"}, {Start: 5, End: 7, Type: "ORG"}, {Start: 8, End: 10, Type: "LOC"}, {Start: 11, End: 12, Type: "LOC"}},
		{{Start: 6, End: 7, Type: "LOC"}},
		// a role's name in the flat relation: "founder Mark Zuckerberg"; a letter is no name
		{{Start: 2, End: 4, Type: "PER"}, {Start: 6, End: 10, Type: "PER"}},
		// a form of address is no name; a title before a name is left out
		{{Start: 4, End: 5, Type: "PER"}},
	})
}

func TestRawText(t *testing.T) {
	in := "# newdoc id = d\n# newpar id = p1\n1\tHi\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n" +
		"1\tOk\t_\t_\t_\t_\t0\troot\t_\t_\n\n# newpar id = p2\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n2\tn't\t_\t_\t_\t_\t1\tadvmod\t_\t_\n\n"
	s, err := conllu.ReadAll(strings.NewReader(in), "in")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := RawText(s), "Hi. Ok\n\ndon't\n"; got != want {
		t.Errorf("RawText = %q, want %q", got, want)
	}
}

func TestUNERProjection(t *testing.T) {
	tb, _ := conllu.ReadAll(strings.NewReader("# sent_id = s1\n1-2\tBush's\t_\t_\t_\t_\t_\t_\t_\t_\n1\tBush\t_\t_\t_\t_\t3\tnmod\t_\t_\n2\t's\t_\t_\t_\t_\t1\tcase\t_\t_\n3\tplan\t_\t_\t_\t_\t0\troot\t_\t_\n\n"), "tb")
	ner := []*conllu.TaggedSentence{{ID: "s1", Forms: []string{"Bush's", "plan"}, Tags: []string{"B-PER", "O"}},
		{ID: "s2", Forms: []string{"x"}, Tags: []string{"O"}}}
	_, spans, dropped := UNEROnTreebank(ner, tb)
	// "Bush's" as one UNER token covers both words; s2 is not in the treebank.
	if dropped != 1 || len(spans) != 1 || spans[0][0] != (conllu.Span{Start: 0, End: 2, Type: "PER"}) {
		t.Errorf("dropped %d, spans %v", dropped, spans)
	}
	ner[0] = &conllu.TaggedSentence{ID: "s1", Forms: []string{"Bush", "'s", "plan"}, Tags: []string{"B-PER", "O", "O"}}
	_, spans, _ = UNEROnTreebank(ner[:1], tb)
	if len(spans) != 1 || len(spans[0]) != 1 || spans[0][0] != (conllu.Span{Start: 0, End: 1, Type: "PER"}) {
		t.Errorf("spans %v", spans)
	}
}

func TestDir(t *testing.T) {
	dir, err := Dir(".")
	if err != nil {
		if os.Getenv("SITREP_REQUIRE_SHARED") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s, err := CoNLLU(dir, EWTDev)
	if err != nil || len(s) != 2001 {
		t.Fatalf("EWT dev: %d sentences, %v", len(s), err)
	}
}

func TestDocOf(t *testing.T) {
	for id, want := range map[string]string{
		"GUM_academic_art-12": "GUM_academic_art",
		"weblog-blogspot.com_nominations_20041117172713_ENG_20041117_172713-0003": "weblog-blogspot.com_nominations_20041117172713_ENG_20041117_172713",
		"answers-20070404104007AAY1Chs_ans-0001":                                  "answers-20070404104007AAY1Chs_ans",
		"email-enronsent":                                                         "email-enronsent",
		"plain":                                                                   "plain",
		"trailing-":                                                               "trailing-",
	} {
		if got := DocOf(id); got != want {
			t.Errorf("DocOf(%q) = %q, want %q", id, got, want)
		}
	}
}
