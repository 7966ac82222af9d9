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
	mentions := gumMentions(s)
	for _, m := range mentions {
		t, ok := gumTypes[m.typ]
		if !ok {
			continue
		}
		h := headOf(s, m.start, m.end)
		if h >= 0 && s.Words[h].UPOS != "PROPN" {
			h = namedBy(s, mentions, h, m)
		}
		if h < 0 || s.Words[h].UPOS != "PROPN" || lex.IsTitle(s.Words[h].Form) ||
			t == "PER" && (s.Words[h].XPOS == "NNPS" || articled(s, h)) {
			continue
		}
		a, b := nameSpan(s, h, m.start, m.end, t)
		if s.Words[h].Deprel == "flat" && h != headOf(s, m.start, m.end) {
			if h > 0 && s.Words[h-1].Form == "-" {
				continue // "Comédie-Française" is one word
			}
			// "interviewee David Titley": the name is the run of proper nouns
			// in the flat relation to the common noun.
			a, b = h, h
			flat := func(i int) bool {
				return i <= m.end && s.Words[i].Deprel == "flat" && s.Words[i].UPOS == "PROPN"
			}
			for {
				if flat(b + 1) {
					b++
				} else if b+2 <= m.end && s.Words[b+1].Form == "-" && flat(b+2) {
					b += 2 // "Wong Kwok-hing"
				} else {
					break
				}
			}
			if a == b && len([]rune(s.Words[a].Form)) == 1 {
				continue // "speaker G" is a letter
			}
		}
		for a < b && (s.Words[a].UPOS == "DET" || s.Words[a].UPOS == "PUNCT" || s.Words[a].UPOS == "CCONJ" ||
			lex.FlagsOf(s.Words[a].Form)&lex.Lowercase != 0 ||
			t == "PER" && lex.IsTitle(s.Words[a].Form)) {
			a++
		}
		for b >= a && (s.Words[b].UPOS == "PUNCT" || s.Words[b].UPOS == "ADP" || s.Words[b].UPOS == "DET" ||
			s.Words[b].UPOS == "CCONJ" || s.Words[b].UPOS == "PART" && isPossessive(s.Words[b].Form)) {
			b--
		}
		if t == "PER" && a == b && ofPhrase(s, h) {
			continue // a role: "Chair of the National Space Council", "Man of the Match"
		}
		if a <= b && capitalised(s, a, b) {
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

// nameCases are the prepositions that may join a modifier to a name ("University
// of Texas", "Foundation for the Visual Arts", "Antonio Lopez de Santa Anna").
// Others start a phrase about the name: "Tiananmen Square in Beijing", "US-75
// from Okmulgee", "Tårs on Lolland".
var nameCases = map[string]bool{"of": true, "for": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "do": true, "dos": true, "das": true, "du": true, "des": true, "von": true, "van": true,
	"der": true, "y": true, "la": true, "le": true}

// nameSpan is the name of type t inside mention [a, b] headed by h: the
// contiguous run of words around h that hang from h through name-internal
// relations only. A modifier in a prepositional phrase stays only after one of
// nameCases, and only if it is not a common word ("Musical Hall, of this city");
// a person's name takes no such phrase at all ("Wu Chi-wai of the Democratic
// Party" names a person and an organisation).
func nameSpan(s *conllu.Sentence, h, a, b int, t string) (int, int) {
	in := func(i int) bool {
		for k := 0; k < len(s.Words); k++ { // bounded walk up to h
			if i == h {
				return true
			}
			w := s.Words[i]
			rel, sub, _ := strings.Cut(w.Deprel, ":")
			if (rel == "conj" || rel == "cc") && t != "PER" && coordinated(s, i) {
				i = w.Head - 1 // "Newfoundland and Labrador Court of Appeal"
				continue
			}
			if !nameRels[rel] || rel == "nmod" && (sub == "poss" || sub == "unmarked" || sub == "npmod") {
				return false
			}
			if rel == "nmod" {
				c := caseOf(s, i)
				if c != "" && (t == "PER" || !nameCases[lex.Lower(c)]) ||
					lex.FlagsOf(w.Form)&lex.Lowercase != 0 {
					return false
				}
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

// capitalised reports a name with a capital letter in one of its words [a, b]: a
// proper noun all in lowercase heads a role ("whip", "imam") or a handle ("aywv").
func capitalised(s *conllu.Sentence, a, b int) bool {
	for i := a; i <= b; i++ {
		if lex.FlagsOf(s.Words[i].Form)&lex.Lowercase == 0 {
			return true
		}
	}
	return false
}

// ofPhrase reports a word with a modifier after "of".
func ofPhrase(s *conllu.Sentence, h int) bool {
	for i, w := range s.Words {
		if w.Head-1 == h && strings.HasPrefix(w.Deprel, "nmod") && lex.Lower(caseOf(s, i)) == "of" {
			return true
		}
	}
	return false
}

// articled reports a proper noun standing alone after an article, which names a
// role, not a person: "a Fellow at King's College", "the Speaker" ("a Dr.
// Bailey", "the younger John Edleston" are names).
func articled(s *conllu.Sentence, i int) bool {
	art := false
	for _, w := range s.Words {
		if w.Head-1 != i {
			continue
		}
		switch {
		case w.Deprel == "det":
			switch lex.Lower(w.Form) {
			case "a", "an", "the":
				art = true
			}
		case w.UPOS == "PROPN" && w.Deprel != "nmod" && w.Deprel != "appos" && w.Deprel != "conj",
			w.Deprel == "amod" || w.Deprel == "compound" || w.Deprel == "flat":
			return false
		}
	}
	return art
}

// coordinated reports a conjunct, or its conjunction, of a compound modifier:
// "Newfoundland and Labrador" in "the Newfoundland and Labrador Court of Appeal"
// (for places and organisations: "Jenna and Julien" are two people).
func coordinated(s *conllu.Sentence, i int) bool {
	if s.Words[i].Deprel == "cc" {
		i = s.Words[i].Head - 1
		if i < 0 || s.Words[i].Deprel != "conj" {
			return false
		}
	}
	h := s.Words[i].Head - 1
	return h >= 0 && strings.HasPrefix(s.Words[h].Deprel, "compound") && s.Words[i].UPOS == "PROPN"
}

// caseOf is the preposition (case marker) of word i, "" if it has none.
func caseOf(s *conllu.Sentence, i int) string {
	for _, w := range s.Words {
		if w.Head-1 == i && w.Deprel == "case" && w.UPOS == "ADP" {
			return w.Form
		}
	}
	return ""
}

// namedBy is the proper noun that names a mention headed by common noun h ("the
// province of Palawan", "the island of Busuanga", "interviewee David Titley"),
// or -1: a proper noun hanging from h after "of", in apposition or in the flat
// relation, which no other mention covers.
func namedBy(s *conllu.Sentence, mentions []mention, h int, m mention) int {
	if s.Words[h].UPOS != "NOUN" {
		return -1
	}
	for i := m.start; i <= m.end; i++ {
		w := s.Words[i]
		if w.Head-1 != h || w.UPOS != "PROPN" {
			continue
		}
		if !(w.Deprel == "appos" || w.Deprel == "flat" || w.Deprel == "nmod" && lex.Lower(caseOf(s, i)) == "of") {
			continue
		}
		for _, o := range mentions {
			if o != m && o.start <= i && i <= o.end && o.end-o.start < m.end-m.start {
				return -1
			}
		}
		return i
	}
	return -1
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
