package nlp

import (
	"slices"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// citedAuthors makes people of the authors a reference cites by name and year,
// as scholarly writing and think-tanks' assessments do: "(Porte, 2012)",
// "(Marsden, Mackey, & Plonsky, 2016; Makel et al., 2012)", "Santos (1989)",
// and of a first author before "et al." ("Daily et al."). The recogniser,
// which reads a list of capitalised words set off by commas as a list of
// places ("Porte" a place, "Chin, Chong" one person), gets these wrong. An
// author is one or two capitalised words, or a hyphenated surname
// ("Morgan-Short"), with no word in capitals ("WHO, 2020" cites an
// organisation) and no organisation's word ("Open Science Collaboration,
// 2015"), and no country. Other names inside the reference give way to the
// authors'; an author that is not one keeps the names found in it.
func citedAuthors(words, upos []string, spans []ner.Span, isPlace func([]string) bool) []ner.Span {
	var authors [][2]int // [start, end) of each author
	var refs [][2]int    // the words each reference covers
	for y := range words {
		switch {
		case citedYear(words[y]):
			from, end, most := -1, y, 2 // most words in an author's name
			switch {
			case y >= 2 && words[y-1] == "(" && y+1 < len(words) && (words[y+1] == ")" || words[y+1] == ",") &&
				upos[y-2] == "PROPN":
				// "Santos (1989)"; but "Seven Nights (1960)" and "Imagine Me and You (2006)" are films
				from, end, most = y-1, y-1, 1
			case insideBrackets(words, y):
				// "(Porte, 2012)", "(Brieber 2014; …)": the authors come right before the year
				if end > 0 && words[end-1] == "," {
					end--
				}
				from = end
			default:
				continue
			}
			from = authorList(words, from)
			if from < end && !nameGoesOn(words, from) {
				runs := authorRuns(words, from, end, most)
				if len(runs) == 1 && isPlace != nil && isPlace(words[runs[0][0]:runs[0][1]]) {
					continue // "the Budapest Memorandum (Budapest, 1994)": a place and its year
				}
				refs = append(refs, [2]int{from, end})
				authors = append(authors, runs...)
			}
		case words[y] == "et" && y+1 < len(words) && (words[y+1] == "al." || words[y+1] == "al"):
			// "Daily et al." names its first author
			from := authorList(words, y)
			if from < y && !nameGoesOn(words, from) {
				refs = append(refs, [2]int{from, y})
				authors = append(authors, authorRuns(words, from, y, 2)...)
			}
		}
	}
	if len(refs) == 0 {
		return spans
	}
	inRef := func(e ner.Span) bool {
		for _, r := range refs {
			if e.Start < r[1] && e.End > r[0] {
				return true
			}
		}
		return false
	}
	var kept, added []ner.Span
	for _, e := range spans {
		if !inRef(e) {
			kept = append(kept, e)
			continue
		}
		overlaps := false
		for _, a := range authors {
			overlaps = overlaps || e.Start < a[1] && e.End > a[0]
		}
		if !overlaps {
			kept = append(kept, e) // "Open Science Collaboration", an organisation
		}
	}
	// A reference with "et al." and a year yields its first author twice.
	slices.SortFunc(authors, func(a, b [2]int) int { return a[0] - b[0] })
	for _, a := range authors {
		if n := len(added); n == 0 || a[0] >= added[n-1].End {
			added = append(added, ner.Span{Start: a[0], End: a[1], Type: "PER"})
		}
	}
	return withSpans(kept, added)
}

// nameGoesOn reports whether the name that words[from] begins goes on before
// it: "Research Institute of" + "Music 2010" and "I.B." + "Tauris, 2002"
// cite no person.
func nameGoesOn(words []string, from int) bool {
	if from == 0 {
		return false
	}
	switch w := words[from-1]; {
	case w == "of" || w == "for" || w == "the" || w == "The":
		return true
	case lex.FlagsOf(w)&lex.Upper != 0:
		return true // "I.B. Tauris, 2002", a publisher
	}
	return false
}

// citedYear reports a year as references write it: 1500 to 2099, perhaps with
// a letter ("2015a").
func citedYear(w string) bool {
	if len(w) == 5 && w[4] >= 'a' && w[4] <= 'z' {
		w = w[:4]
	}
	if len(w) != 4 || !(w[0] == '1' && w[1] >= '5' || w[0] == '2' && w[1] == '0') {
		return false
	}
	return w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9'
}

// insideBrackets reports whether words[i] is inside round brackets opened
// earlier in the sentence.
func insideBrackets(words []string, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch words[k] {
		case ")":
			return false
		case "(":
			return true
		}
	}
	return false
}

// authorList returns where the list of authors ending before words[end]
// begins: it walks back over capitalised words, the hyphens and particles of
// surnames, and the commas, "&", "and" and "et al." between them.
func authorList(words []string, end int) int {
	from := end
	for from > 0 {
		w := words[from-1]
		switch {
		case w == "," || w == "&" || w == "and" || w == "et" || w == "al." || w == "al" || w == "-" ||
			namePrefixes[w]:
		case lex.FlagsOf(w)&lex.Title != 0 && !citeCues[lex.Lower(w)]:
		default:
			return from
		}
		from--
	}
	return from
}

// authorRuns splits the author list words[from:end] into its authors, those
// that qualify (see citedAuthors) and have at most most words.
func authorRuns(words []string, from, end, most int) [][2]int {
	var out [][2]int
	for a := from; a < end; {
		if !surnameWord(words, a) {
			a++
			continue
		}
		b, n := a, 0 // n counts the words of the name, a hyphenated one as one
		for b < end && (surnameWord(words, b) || words[b] == "-" && b > a && b+1 < end && surnameWord(words, b+1)) {
			if words[b] != "-" && (b == a || words[b-1] != "-") {
				n++
			}
			b++
		}
		if n <= most && author(words[a:b]) {
			out = append(out, [2]int{a, b})
		}
		a = b
	}
	return out
}

// surnameWord reports whether words[i] may be part of an author's name: a
// capitalised word, or a particle between two ("Filippini de Fantoni").
func surnameWord(words []string, i int) bool {
	w := words[i]
	if lex.FlagsOf(w)&lex.Title != 0 && w != "And" {
		return true
	}
	return namePrefixes[w] && i > 0 && lex.FlagsOf(words[i-1])&lex.Title != 0
}

// author reports whether a run of capitalised words may name a cited author.
func author(name []string) bool {
	if slices.ContainsFunc(knownOrgs[name[0]], func(org []string) bool { return slices.Equal(org, name) }) {
		return false // "(Reuters, 2022)"
	}
	for _, w := range name {
		l := lex.Lower(w)
		if orgHeads[l] || ofHeads[l] || businessHeads[l] || citedBodies[l] || ner.IsCountry(w) || isTitle(w) ||
			monthNames[l] || weekdays[l] {
			return false
		}
	}
	return true
}

// citeCues come before references: "See Klenk (2019)", "E.g. Enoch (2010)".
var citeCues = set("see", "e.g.", "eg", "cf.", "cf", "i.e.", "also", "compare")

// namePrefixes are the lowercase particles inside surnames.
var namePrefixes = set("de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "la", "le", "ter", "ten")

// citedBodies are words of organisations that write what is cited.
var citedBodies = set("collaboration", "consortium", "network", "project", "team", "initiative", "report",
	"survey", "press", "news", "times", "post", "review", "journal", "herald", "guardian", "telegraph", "tribune", "gazette", "university", "college", "school", "centre",
	"center", "institute", "foundation", "association", "society", "programme", "program")
