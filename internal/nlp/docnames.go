package nlp

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// docNames makes the names of one document agree with each other. A name is
// usually written out in full once and repeated ("CPA", "HANO", "Synehubov"), but
// the recogniser reads each sentence alone and finds some of the repeats only. So
// every run of words outside the names that spells, in any case, a name found
// elsewhere in the document becomes that name too (longest first), and each name
// takes the type its spelling has most often in the document (the mention's own
// type on a tie). Titles are never names ("Emperor" found once is not found
// again), and a repeat of a common word's spelling counts only in the same case
// as the name found (common reports common words): "Hope" named once does not
// make every "hope" a person. On UNER-EWT dev: F1 72.95 → 73.99 (recall +2.1,
// precision −0.1); on GUM dev 75.00 → 74.63 (a name misread once is misread
// throughout: "DH" as a place). So a title in title case, where every word looks
// like part of a name, teaches none (titleLine; GUM dev 82.95 → 83.96, "DH" read
// as a person in "Leading Dutch Librarians into DH"), though it learns the
// body's.
//
// A headline in capitals is read title-cased, where every word looks like part of
// a name ("PUTIN VISITS CRIMEA" comes out one person). There, a person's surname
// named in full elsewhere ("Vladimir Putin") counts as a name too, and a name
// the rest of the document does not know, but which holds names it knows, gives
// way to them: Putin, a person, and Crimea, a place.
//
// sents holds each sentence's words; skip marks sentences that get no names;
// spans, each sentence's names, is updated in place and kept sorted.
func docNames(sents [][]string, skip []bool, spans [][]ner.Span, common func(string) bool) {
	stormNames(sents, spans)
	commonNames(sents, spans, common)
	body := newNameIndex() // the names of the sentences in mixed case
	caps := make([]bool, len(sents))
	for i, ss := range spans {
		caps[i] = allCaps(sents[i])
		if caps[i] || titleLine(sents[i]) {
			continue // headlines neither teach names nor their types
		}
		for k, e := range ss {
			body.add(sents[i][e.Start:e.End], e.Type)
			body.exact[strings.Join(sents[i][e.Start:e.End], " ")] = true
			if k > 0 && definesShortForm(sents[i], ss[k-1], e) {
				// A short form given in brackets after its name is that name's
				// type throughout, whatever a reading of its repeats says.
				body.types[joinLower(sents[i][e.Start:e.End])][ss[k-1].Type] += 2
			}
		}
	}
	if len(body.types) == 0 {
		return
	}
	body.surnames(sents, caps, spans)
	// For headlines: the same names in any case, and surnames.
	head := newNameIndex()
	head.exact = nil
	for i, ss := range spans {
		for _, e := range ss {
			if caps[i] {
				continue
			}
			head.add(sents[i][e.Start:e.End], e.Type)
			if last := sents[i][e.End-1 : e.End]; e.Type == "PER" && e.End-e.Start >= 2 && !isTitle(last[0]) {
				if l := joinLower(last); body.types[l] == nil || body.exactOnly[l] {
					head.add(last, "PER")
				}
			}
		}
	}
	for i, words := range sents {
		if skip != nil && skip[i] {
			continue
		}
		if caps[i] {
			spans[i] = headlineRepeats(words, spans[i], head, common)
			continue
		}
		spans[i] = body.repeats(words, 0, len(words), spans[i], true, common)
	}
}

// surnames makes a person's surname, named alone, a person's name wherever the
// document also names that person in full: "Cres Eastman" and then "Eastman",
// which the recogniser, reading one sentence at a time, may take for an
// organisation. A surname that names a place elsewhere in the document keeps its
// types (a misread "Battle Bakhmut" makes no person of Bakhmut). A surname the
// recogniser found nowhere alone is found wherever it is written so, capitalised
// and not at the head of another name ("Terry Winter" … "Winter said"), unless
// the full name looks like no person's (see notSurname).
func (x *nameIndex) surnames(sents [][]string, caps []bool, spans [][]ner.Span) {
	var full [][]string
	last := map[string]bool{} // the surnames of full names, lowercased
	for i, ss := range spans {
		if caps[i] {
			continue
		}
		for _, e := range ss {
			w := sents[i][e.End-1]
			if e.Type != "PER" || e.End-e.Start < 2 || isTitle(w) || lex.FlagsOf(w)&lex.Title == 0 ||
				utf8.RuneCountInString(w) < 2 {
				continue
			}
			full = append(full, sents[i][e.Start:e.End])
			last[lex.Lower(w)] = true
		}
	}
	for _, name := range full {
		w := name[len(name)-1]
		l := lex.Lower(w)
		switch ts := x.types[l]; {
		case ts == nil:
			if !x.notSurname(name, last) {
				x.add(name[len(name)-1:], "PER")
				x.types[l]["PER"] += fullNameCount
				x.exact[w] = true
				x.exactOnly[l] = true
			}
		case ts["LOC"] == 0:
			ts["PER"] += fullNameCount
		}
	}
}

// notSurname reports a person's "name" whose last word is not to be found
// alone: a word with a hyphen, a period or a digit, or of fewer than three
// letters ("Wu Chi-wai", "James To"); a name with a lowercase word ("Peter the
// Great"), ending in a place's or an organisation's word ("Ali Qapu Palace"),
// or opening with an acronym ("USS Stark"), a place or an organisation of the
// document, or another person's surname ("Pittsburgh Pirates", "Warhol
// Polaroids"): no given name.
func (x *nameIndex) notSurname(name []string, surnames map[string]bool) bool {
	w := name[len(name)-1]
	if lex.FlagsOf(w)&(lex.HasHyphen|lex.HasPeriod|lex.HasDigit) != 0 || utf8.RuneCountInString(w) < 3 {
		return true
	}
	for _, w := range name {
		if lex.FlagsOf(w)&lex.Lowercase != 0 {
			return true
		}
	}
	l := lex.Lower(w)
	if placeEnd[l] || siteWords[l] || builtPlaces[l] || orgHeads[l] || businessHeads[l] {
		return true
	}
	first := lex.Lower(name[0])
	ts := x.types[first]
	return lex.FlagsOf(name[0])&lex.Upper != 0 || surnames[first] || ts != nil && ts["LOC"]+ts["ORG"] > 0
}

// fullNameCount is what one mention of a person's full name counts for in the type of
// the surname alone: more than all the surname's other mentions.
const fullNameCount = 1000

// nameIndex holds the names of a document.
type nameIndex struct {
	types map[string]map[string]int // lowercased name → type → mentions
	exact map[string]bool           // names as written; nil: any case will do
	// exactOnly marks the lowercased names found only as written (exact)
	exactOnly map[string]bool
	first     map[string]bool // the names' lowercased first words
	longest   int             // words in the longest name
}

func newNameIndex() *nameIndex {
	return &nameIndex{types: map[string]map[string]int{}, exact: map[string]bool{}, first: map[string]bool{},
		exactOnly: map[string]bool{}}
}

func (x *nameIndex) add(words []string, typ string) {
	k := joinLower(words)
	if x.types[k] == nil {
		x.types[k] = map[string]int{}
	}
	x.types[k][typ]++
	x.first[lex.Lower(words[0])] = true
	x.longest = max(x.longest, len(words))
}

// typeOf returns the type the name spelt words has most often (see majority).
func (x *nameIndex) typeOf(words []string, own string) string {
	return majority(x.types[joinLower(words)], own)
}

// definesShortForm reports whether short is a short form in brackets right
// after the name, of which it is a short form: "Associated Press (AP)".
func definesShortForm(words []string, name, short ner.Span) bool {
	return short.End-short.Start == 1 && short.Start == name.End+1 && short.End < len(words) &&
		words[name.End] == "(" && words[short.End] == ")" && abbreviates(words[short.Start], words[name.Start:name.End])
}

// headlineRepeats names the words of a headline in capitals (see docNames) with
// the names the rest of the document knows, types those as below, or surnames.
func headlineRepeats(words []string, old []ner.Span, x *nameIndex, common func(string) bool) []ner.Span {
	var out []ner.Span
	for _, e := range old {
		if _, ok := x.types[joinLower(words[e.Start:e.End])]; ok {
			out = append(out, ner.Span{Start: e.Start, End: e.End, Type: x.typeOf(words[e.Start:e.End], e.Type)})
			continue
		}
		inner := x.repeats(words, e.Start, e.End, nil, false, common)
		// Give way only to two names or more, or to one beside a common word:
		// "PUTIN VISITS CRIMEA", not "ELIZABETH B. PRELOGAR" (Prelogar named in full
		// elsewhere).
		if len(inner) < 2 && !holdsCommon(words, e, inner, common) {
			inner = []ner.Span{e}
		}
		out = append(out, inner...)
	}
	// Then the words outside names.
	return x.repeats(words, 0, len(words), out, false, common)
}

// repeats returns names, which lie in words[from:to], with the runs of the words
// between them that repeat a name of x (see repeatAt) as names too, in order. With
// retype, names take their spelling's most frequent type (see majority).
func (x *nameIndex) repeats(words []string, from, to int, names []ner.Span, retype bool, common func(string) bool) []ner.Span {
	var out []ner.Span
	next := 0 // index in names of the first not yet copied
	for a := from; a < to; {
		if next < len(names) && names[next].Start == a {
			e := names[next]
			if retype {
				e.Type = x.typeOf(words[e.Start:e.End], e.Type)
			}
			out = append(out, e)
			a, next = e.End, next+1
			continue
		}
		limit := to
		if next < len(names) {
			limit = names[next].Start
		}
		l := x.repeatAt(words[a:limit], common)
		if l > 0 && x.exactOnly[joinLower(words[a:a+l])] && a+l < len(words) && capitalName(words[a+l]) {
			l = 0 // a surname found alone, not at the head of another name ("Carnegie Hall")
		}
		if l == 0 {
			a++
			continue
		}
		out = append(out, ner.Span{Start: a, End: a + l, Type: x.typeOf(words[a:a+l], "")})
		a += l
	}
	return out
}

// holdsCommon reports whether span e holds a common word outside the spans inner.
func holdsCommon(words []string, e ner.Span, inner []ner.Span, common func(string) bool) bool {
	if common == nil {
		return false
	}
	for k := e.Start; k < e.End; k++ {
		in := false
		for _, x := range inner {
			in = in || (k >= x.Start && k < x.End)
		}
		if !in && common(words[k]) {
			return true
		}
	}
	return false
}

// majority returns the type with the most mentions in ts, own on a tie with it,
// else the first in alphabetical order.
func majority(ts map[string]int, own string) string {
	best, n := own, ts[own]
	for t, c := range ts {
		if c > n || (c == n && t < best && best != own) {
			best, n = t, c
		}
	}
	return best
}

// repeatAt returns the length of the longest run at the front of words that
// repeats a name (see docNames), or 0.
func (x *nameIndex) repeatAt(words []string, common func(string) bool) int {
	if len(words) == 0 || !x.first[lex.Lower(words[0])] {
		return 0
	}
	for l := min(x.longest, len(words)); l >= 1; l-- {
		run := words[:l]
		k := joinLower(run)
		if _, ok := x.types[k]; !ok || x.exactOnly[k] && !x.exact[strings.Join(run, " ")] {
			continue
		}
		ok := true
		for _, w := range run {
			if isTitle(w) {
				ok = false
			}
		}
		if ok && !x.exact[strings.Join(run, " ")] {
			for _, w := range run {
				if common != nil && common(w) {
					ok = false
				}
			}
		}
		if ok {
			return l
		}
	}
	return 0
}

func joinLower(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lex.Lower(w))
	}
	return b.String()
}

// commonNames drops the "names" written in lowercase whose every word is a
// common word ("appropriations", "willow", "green river valley"), before they
// teach the document to find them again: web text writes some names in
// lowercase ("north carolina", "wal mart"), but not in common words only.
// On five folds of UNER-EWT train and GUM train (the recogniser trained on the
// other four and dev): F1 80.05 → 80.16 and 76.16 → 76.20, no name lost.
func commonNames(sents [][]string, spans [][]ner.Span, common func(string) bool) {
	if common == nil {
		return
	}
	for i, ss := range spans {
		spans[i] = slices.DeleteFunc(ss, func(e ner.Span) bool {
			for _, w := range sents[i][e.Start:e.End] {
				if lex.FlagsOf(w)&lex.Lowercase == 0 || !common(w) {
					return false
				}
			}
			return true
		})
	}
}

// stormNames drops the names of storms, which are neither people nor places: a
// capitalised word after "Hurricane", "Cyclone", "Typhoon" or "Storm" names a
// storm, there and wherever else the document names it alone ("Hurricane Rita"
// … "Rita packed winds of 240 km/h"). Names with other words stay ("the
// National Hurricane Center").
func stormNames(sents [][]string, spans [][]ner.Span) {
	storms := map[string]bool{}
	for _, ws := range sents {
		for i := 1; i < len(ws); i++ {
			if stormWords[lex.Lower(ws[i-1])] && lex.FlagsOf(ws[i-1])&lex.Title != 0 &&
				lex.FlagsOf(ws[i])&lex.Title != 0 && !orgHeads[lex.Lower(ws[i])] && !siteWords[lex.Lower(ws[i])] {
				storms[ws[i]] = true
			}
		}
	}
	if len(storms) == 0 {
		return
	}
	for k, ss := range spans {
		out := ss[:0]
		for _, e := range ss {
			storm, other := false, false
			for _, w := range sents[k][e.Start:e.End] {
				switch {
				case storms[w]:
					storm = true
				case !stormWords[lex.Lower(w)]:
					other = true
				}
			}
			if !storm || other {
				out = append(out, e)
			}
		}
		spans[k] = out
	}
}

var stormWords = set("hurricane", "cyclone", "typhoon", "storm")

// titleLine reports a title written in title case: three or more capitalised
// words, no other lowercase words than short ones that titles leave small, and
// no stop at the end ("Leading Dutch Librarians into DH"). Every word of it
// looks like part of a name, so its names are the least sure of a document.
func titleLine(words []string) bool {
	if len(words) == 0 {
		return false
	}
	switch words[len(words)-1] {
	case ".", "!", "?", "…", ":", ";", ",":
		return false
	}
	n := 0
	for _, w := range words {
		f := lex.FlagsOf(w)
		switch {
		case f&lex.Title != 0:
			n++
		case f&lex.Lowercase != 0 && !smallTitleWords[w]:
			return false
		}
	}
	return n >= 3
}

var smallTitleWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true,
	"in": true, "into": true, "on": true, "at": true, "to": true, "for": true, "by": true, "with": true,
	"from": true, "as": true, "vs": true, "vs.": true}
