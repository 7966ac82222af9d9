package nlp

import (
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// Repairs of the recogniser's person names, by rule: a title is not part of a name
// ("Lt. Gen. Scott Berrier" is Scott Berrier), a name goes on over capitalised
// proper nouns ("Volodymyr" + "Zelensky"), and two halves of one name are one.

func isTitle(w string) bool { return lex.IsTitle(w) }

// repairNames adjusts spans in place and returns them.
func repairNames(words, upos []string, spans []ner.Span) []ner.Span {
	// A name goes on over capitalised proper nouns.
	for k := range spans {
		e := &spans[k]
		if e.Type != "PER" {
			continue
		}
		next := len(words)
		if k+1 < len(spans) {
			next = spans[k+1].Start
		}
		for n := 0; n < 3 && e.End < next && upos[e.End] == "PROPN" && lex.FlagsOf(words[e.End])&lex.Title != 0; n++ {
			e.End++
		}
	}
	// Two halves of one name are one name.
	merged := spans[:0]
	for _, e := range spans {
		if n := len(merged); n > 0 && e.Type == "PER" && merged[n-1].Type == "PER" && merged[n-1].End == e.Start {
			merged[n-1].End = e.End
			continue
		}
		merged = append(merged, e)
	}
	// Titles, nationalities and lowercase words before a name are not part of it.
	out := merged[:0]
	for _, e := range merged {
		if e.Type == "PER" {
			for e.Start < e.End && (isTitle(words[e.Start]) || startsLower(words[e.Start]) ||
				nationalities[lex.Lower(words[e.Start])]) {
				e.Start++
			}
			if e.Start == e.End {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

func startsLower(w string) bool {
	return lex.FlagsOf(w)&lex.Lowercase != 0
}

// titleCase rewrites an all-capitals headline word as a title-case one ("SHELL"
// → "Shell"), which the models, trained on mixed-case text, read far better.
// Dotted abbreviations ("U.S.") and short acronyms known as such stay.
func titleCase(w string) string {
	if lex.FlagsOf(w)&lex.Upper == 0 || strings.Contains(w, ".") || acronyms[w] {
		return w
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(r) + strings.ToLower(w[n:])
}

var acronyms = set("NATO", "UN", "EU", "US", "UK", "USA", "ISW", "CIA", "FBI", "FSB", "SBU",
	"GRU", "OSCE", "IAEA", "BBC", "CNN", "AP", "AFP", "UAE", "HIMARS", "ISIS", "IMF", "WHO")
