package treebank

import (
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

// Entity types of the models. GUM's and UNER's person, place and organisation map to
// PER, LOC and ORG.
var gumTypes = map[string]string{"person": "PER", "place": "LOC", "organization": "ORG"}

type mention struct {
	start, end int // words, inclusive end while parsing
	typ        string
}

// gumMentions parses the CorefUD Entity= annotations of a sentence: "(" opens a
// mention "(id-type-...", "id)" closes the innermost open mention of entity id.
func gumMentions(s *conllu.Sentence) []mention {
	type open struct {
		id, typ string
		start   int
	}
	var stack []open
	var out []mention
	for i, w := range s.Words {
		e, ok := conllu.MiscValue(w.Misc, "Entity")
		if !ok {
			continue
		}
		for j := 0; j < len(e); {
			switch c := e[j]; {
			case c == '(':
				k := j + 1
				for k < len(e) && e[k] != '(' && e[k] != ')' {
					k++
				}
				parts := strings.Split(e[j+1:k], "-")
				id, typ := parts[0], ""
				if len(parts) > 1 {
					typ = parts[1]
				}
				if k < len(e) && e[k] == ')' {
					out = append(out, mention{i, i, typ})
					k++
				} else {
					stack = append(stack, open{id, typ, i})
				}
				j = k
			case c >= '0' && c <= '9':
				k := j
				for k < len(e) && e[k] >= '0' && e[k] <= '9' {
					k++
				}
				id := e[j:k]
				for q := len(stack) - 1; q >= 0; q-- {
					if stack[q].id == id {
						out = append(out, mention{stack[q].start, i, stack[q].typ})
						stack = append(stack[:q], stack[q+1:]...)
						break
					}
				}
				j = k + 1
			default:
				j++
			}
		}
	}
	return out
}

// GUMNamed returns a GUM sentence's named mentions of people, places and
// organisations, as word spans [Start, End) typed PER, LOC, ORG, following the
// conventions of CoNLL and Universal NER, which annotate names, not whole noun
// phrases:
//
//   - a mention is a name if its syntactic head is a proper noun that is not a title
//     ("the Secretary", "the President of the United States" are not names) and,
//     for people, not a plural ("Americans", "Senators" are groups, not persons);
//   - the name is the head with the words that hang from it by name-internal
//     relations (flat, compound, amod, nmod with its case and det, nummod, ...):
//     relative clauses, appositions, conjuncts and the like are cut off, so
//     "Mary Chaworth, whom he met at school" names Mary Chaworth and "Portland,
//     Oregon" holds two names, Portland and Oregon;
//   - a leading determiner or lowercase modifier ("early Athens"), a person's title ("Mr.", "President", see lex.IsTitle)
//     and a trailing possessive or punctuation are dropped;
//   - a name inside another name is not counted ("the Netherlands" in "National
//     Library of the Netherlands").
func GUMNamed(s *conllu.Sentence) []conllu.Span {
	var named []mention
	for _, m := range gumMentions(s) {
		t, ok := gumTypes[m.typ]
		if !ok {
			continue
		}
		h := headOf(s, m.start, m.end)
		if h < 0 || s.Words[h].UPOS != "PROPN" || lex.IsTitle(s.Words[h].Form) ||
			t == "PER" && s.Words[h].XPOS == "NNPS" {
			continue
		}
		a, b := nameSpan(s, h, m.start, m.end)
		for a < b && (s.Words[a].UPOS == "DET" || lex.FlagsOf(s.Words[a].Form)&lex.Lowercase != 0 ||
			t == "PER" && lex.IsTitle(s.Words[a].Form)) {
			a++
		}
		for b >= a && (s.Words[b].UPOS == "PUNCT" || s.Words[b].UPOS == "PART" && isPossessive(s.Words[b].Form)) {
			b--
		}
		if a <= b {
			named = append(named, mention{a, b, t})
		}
	}
	var out []conllu.Span
	for i, m := range named {
		inner := false
		for j, o := range named {
			if i != j && o.start <= m.start && m.end <= o.end && (o.start != m.start || o.end != m.end || j < i) {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, conllu.Span{Start: m.start, End: m.end + 1, Type: m.typ})
		}
	}
	sortSpans(out)
	return out
}

// nameRels are the relations that keep a dependent inside its head's name.
var nameRels = map[string]bool{"flat": true, "compound": true, "amod": true, "nmod": true, "case": true,
	"det": true, "nummod": true, "fixed": true, "goeswith": true, "punct": true}

// nameSpan is the name inside mention [a, b] headed by h: the contiguous run of
// words around h that hang from h through name-internal relations only.
func nameSpan(s *conllu.Sentence, h, a, b int) (int, int) {
	in := func(i int) bool {
		for k := 0; k < len(s.Words); k++ { // bounded walk up to h
			if i == h {
				return true
			}
			w := s.Words[i]
			rel, sub, _ := strings.Cut(w.Deprel, ":")
			if !nameRels[rel] || rel == "nmod" && (sub == "poss" || sub == "unmarked" || sub == "npmod") {
				return false
			}
			i = w.Head - 1
			if i < a || i > b {
				return false
			}
		}
		return false
	}
	lo, hi := h, h
	for lo > a && in(lo-1) {
		lo--
	}
	for hi < b && in(hi+1) {
		hi++
	}
	return lo, hi
}

func isPossessive(f string) bool {
	switch f {
	case "'s", "’s", "'", "’", "s":
		return true
	}
	return false
}

// headOf is the word of [a, b] whose head lies outside it (the first, if several).
func headOf(s *conllu.Sentence, a, b int) int {
	for i := a; i <= b; i++ {
		h := s.Words[i].Head - 1
		if h < a || h > b {
			return i
		}
	}
	return -1
}

func sortSpans(sp []conllu.Span) {
	for i := 1; i < len(sp); i++ {
		for j := i; j > 0 && sp[j].Start < sp[j-1].Start; j-- {
			sp[j], sp[j-1] = sp[j-1], sp[j]
		}
	}
}

// UNEROnTreebank projects Universal NER annotations onto the words of the EWT
// sentences they were made on, joining by sentence id and aligning by characters
// (a few sentences are tokenised differently). Sentences that cannot be aligned, or
// whose entity boundaries fall inside a word, are dropped and counted.
func UNEROnTreebank(ner []*conllu.TaggedSentence, tb []*conllu.Sentence) (out []*conllu.Sentence, spans [][]conllu.Span, dropped int) {
	byID := make(map[string]*conllu.Sentence, len(tb))
	for _, s := range tb {
		byID[s.ID()] = s
	}
	for _, ns := range ner {
		s := byID[ns.ID]
		if s == nil {
			dropped++
			continue
		}
		sp, ok := project(ns, s)
		if !ok {
			dropped++
			continue
		}
		out = append(out, s)
		spans = append(spans, sp)
	}
	return out, spans, dropped
}

func project(ns *conllu.TaggedSentence, s *conllu.Sentence) ([]conllu.Span, bool) {
	// character offsets of token starts and ends on both sides
	nerStart, nerEnd := charSpans(ns.Forms)
	forms := make([]string, len(s.Words))
	for i, w := range s.Words {
		forms[i] = w.Form
	}
	wStart, wEnd := charSpans(forms)
	if len(nerEnd) == 0 || len(wEnd) == 0 || nerEnd[len(nerEnd)-1] != wEnd[len(wEnd)-1] {
		return nil, false
	}
	startAt := map[int]int{}
	endAt := map[int]int{}
	for i := range forms {
		startAt[wStart[i]] = i
		endAt[wEnd[i]] = i
	}
	var out []conllu.Span
	for _, e := range conllu.SpansFromBIO(ns.Tags) {
		a, ok1 := startAt[nerStart[e.Start]]
		b, ok2 := endAt[nerEnd[e.End-1]]
		if !ok1 || !ok2 || b < a {
			return nil, false
		}
		out = append(out, conllu.Span{Start: a, End: b + 1, Type: e.Type})
	}
	return out, true
}

func charSpans(forms []string) (start, end []int) {
	n := 0
	for _, f := range forms {
		start = append(start, n)
		n += len([]rune(strings.Join(strings.Fields(f), "")))
		end = append(end, n)
	}
	return start, end
}
