package tokenize

import (
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/score"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// sharedDir finds the treebanks or skips; SITREP_REQUIRE_SHARED=1 makes their absence
// a failure.
func sharedDir(t testing.TB) string {
	dir, err := treebank.Dir(".")
	if err != nil {
		if os.Getenv("SITREP_REQUIRE_SHARED") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return dir
}

// toCoNLLU turns tokens and sentences into CoNLL-U sentences for scoring.
func toCoNLLU(toks []Token, sents []Span) []*conllu.Sentence {
	var out []*conllu.Sentence
	for _, sp := range sents {
		s := &conllu.Sentence{}
		for i := sp.Start; i < sp.End; i++ {
			id := i - sp.Start + 1
			misc := "_"
			if !toks[i].SpaceAfter {
				misc = "SpaceAfter=No"
			}
			if i+1 < sp.End && toks[i+1].Joined && !toks[i].Joined {
				last := i + 1
				for last+1 < sp.End && toks[last+1].Joined {
					last++
				}
				form := ""
				for k := i; k <= last; k++ {
					form += toks[k].Text
				}
				s.Multi = append(s.Multi, conllu.MultiToken{First: id, Last: id + last - i, Form: form})
			}
			s.Words = append(s.Words, conllu.Word{ID: id, Form: toks[i].Text, Misc: misc, Head: -1})
		}
		out = append(out, s)
	}
	return out
}

func TestTreebankTokenization(t *testing.T) {
	dir := sharedDir(t)
	floors := map[string][3]float64{ // tokens, words, sentences F1
		treebank.EWTDev: {0.98, 0.98, 0.60},
		treebank.GUMDev: {0.98, 0.98, 0.60},
	}
	for name, floor := range floors {
		gold, err := treebank.CoNLLU(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		text := treebank.RawText(gold)
		toks := Tokenize(text)
		sys := toCoNLLU(toks, Sentences(toks))
		sc, err := score.Evaluate(gold, sys)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: tokens %.2f words %.2f sentences %.2f", name, 100*sc.Tokens.F1(), 100*sc.Words.F1(), 100*sc.Sentences.F1())
		if sc.Tokens.F1() < floor[0] || sc.Words.F1() < floor[1] || sc.Sentences.F1() < floor[2] {
			t.Errorf("%s below floor %v", name, floor)
		}
		if os.Getenv("SITREP_TOKDIFF") != "" {
			dumpDiff(t, gold, sys)
		}
	}
}

// dumpDiff logs token mismatches, for working on the rules.
func dumpDiff(t *testing.T, gold, sys []*conllu.Sentence) {
	var g, s []string
	for _, x := range gold {
		for _, tk := range x.Tokens() {
			g = append(g, tk.Form)
		}
	}
	for _, x := range sys {
		for _, tk := range x.Tokens() {
			s = append(s, tk.Form)
		}
	}
	i, j, n := 0, 0, 0
	for i < len(g) && j < len(s) && n < 300 {
		if g[i] == s[j] {
			i++
			j++
			continue
		}
		// resynchronise on characters
		gi, sj := i, j
		gl, sl := len(g[i]), len(s[j])
		i++
		j++
		for gl != sl && i <= len(g) && j <= len(s) {
			if gl < sl && i < len(g) {
				gl += len(g[i])
				i++
			} else if j < len(s) {
				sl += len(s[j])
				j++
			} else {
				break
			}
		}
		t.Logf("gold %q sys %q", strings.Join(g[gi:i], " "), strings.Join(s[sj:j], " "))
		n++
	}
}
