package nlp

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/tokenize"
)

// Repairs of the recogniser's names, by rule: a title is not part of a name
// ("Lt. Gen. Scott Berrier" is Scott Berrier), two halves of one name are one,
// organisation names take their whole capitalised phrase, a known place taken or
// shelled is a place, and a name's initials in brackets are its short form. Spans stay sorted and
// never overlap. (Extending organisation and place names over the capitalised
// words that follow them, and typing coordinated names alike, cost 0.8 F1 on
// UNER-EWT dev once the recogniser had its place gazetteer, and was dropped.)

func isTitle(w string) bool { return lex.IsTitle(w) }

// pluralTitle reports a title in the plural, before the names of several:
// "Senators Daschle and Leahy", "Professors Ronn and Smith".
func pluralTitle(w string) bool {
	s, ok := strings.CutSuffix(w, "s")
	return ok && len(s) > 2 && isTitle(s)
}

// repairNames adjusts spans in place and returns them.
// isPlace, when not nil, says whether words spell a known place's name.
func repairNames(words, upos []string, spans []ner.Span, isPlace func([]string) bool) []ner.Span {
	// Two halves of one name are one name.
	merged := spans[:0]
	for _, e := range spans {
		if n := len(merged); n > 0 && e.Type == "PER" && merged[n-1].Type == "PER" && merged[n-1].End == e.Start {
			merged[n-1].End = e.End
			continue
		}
		merged = append(merged, e)
	}
	merged = callSigns(words, merged)
	merged = peoples(words, merged)
	merged = capitalOrgs(words, upos, merged)
	orgWordsAfter(words, merged)
	// A "place" with an organisation's word and "of" in it is an organisation:
	// "United States Department of Housing", "Housing Authority of New Orleans".
	for k := range merged {
		if e := &merged[k]; e.Type == "LOC" && orgOf(words[e.Start:e.End]) {
			e.Type = "ORG"
		}
	}
	// Organisation names go on through "of"/"for" and capitalised words
	// ("Institute" + "for the Study of War"), swallowing what they cover.
	merged = extendOrgs(words, merged)
	merged = joinOrgs(words, merged)
	merged = pairedPlaceOrgs(words, merged, isPlace)
	// A place name right before an organisation's name is part of it: "Kharkiv" +
	// "Regional Military Administration", "Moscow" + "State University".
	joined := merged[:0]
	for _, e := range merged {
		if n := len(joined); n > 0 && e.Type == "ORG" && joined[n-1].Type == "LOC" && joined[n-1].End == e.Start {
			joined[n-1].End, joined[n-1].Type = e.End, "ORG"
			continue
		}
		joined = append(joined, e)
	}
	merged = joined
	merged = extendPlaces(words, merged)
	// Titles, nationalities and lowercase words before a name are not part of
	// it, but for the particles of names ("al-Sadr", "bin Laden").
	out := merged[:0]
	for _, e := range merged {
		if placeEnd[lex.Lower(words[e.End-1])] && e.End-e.Start > 1 {
			e.Type = "LOC" // "Siverskyi Donets River"
		}
		if e.Type == "PER" && e.End-e.Start > 1 && builtPlaces[lex.Lower(words[e.End-1])] {
			e.Type = "LOC" // "Chaharbagh Boulevard", "Ali Qapu Palace": no person's name ends so
		}
		e.Type = contextType(words, upos, e, isPlace)
		// Before a title, an organisation's name loses the words of the title:
		// "Pentagon" + "Press Secretary", "US" + "National Security Adviser".
		if e.Type == "ORG" && e.End < len(words) && isTitle(words[e.End]) && capitalName(words[e.End]) {
			for e.End-e.Start > 1 && titleWords[lex.Lower(words[e.End-1])] {
				e.End--
			}
			if e.End-e.Start == 1 && ner.IsCountry(words[e.Start]) {
				e.Type = "LOC"
			}
		}
		// A name found as its organisation word alone takes the capitalised words
		// before it: "Mechanized" + "Brigade".
		if e.Type == "ORG" && orgHeads[lex.Lower(words[e.Start])] {
			prevEnd := 0
			if len(out) > 0 {
				prevEnd = out[len(out)-1].End
			}
			for e.Start > prevEnd && capitalName(words[e.Start-1]) && !isTitle(words[e.Start-1]) && nameWord(upos[e.Start-1]) {
				e.Start--
			}
		}
		// A unit's number is part of its name: "93rd Mechanized Brigade".
		if e.Type == "ORG" && e.Start > 0 && ordinal(words[e.Start-1]) {
			e.Start--
		}
		// An organisation's name ends at its last capitalised word: "Coca-Cola",
		// not "Coca-Cola corporation"; "Caldwell", not "Caldwell insurance".
		// (Places keep theirs: UNER's include "Gaza strip".)
		for e.Type == "ORG" && e.End-1 > e.Start && startsLower(words[e.End-1]) {
			e.End--
		}
		// ... and begins at its first: "Governing Council", not "interim
		// Governing Council" (but "al-Qaeda", "az-Zaman", "93rd Mechanized Brigade").
		for e.Type == "ORG" && e.End-1 > e.Start && startsLower(words[e.Start]) && !particle(words, e.Start, e.End) &&
			words[e.Start+1] != "-" && !ordinal(words[e.Start]) {
			e.Start++
		}
		if e.Type == "PER" {
			for e.Start < e.End && (isTitle(words[e.Start]) || pluralTitle(words[e.Start]) ||
				startsLower(words[e.Start]) && !particle(words, e.Start, e.End) ||
				nationalities[lex.Lower(words[e.Start])]) {
				e.Start++
			}
			if e.Start == e.End {
				continue
			}
		}
		out = append(out, e)
	}
	out = speakerNames(words, out)
	out = titledNames(words, upos, out, isPlace)
	out = notNames(words, out)
	out = addressesOut(words, out)
	out = displayNames(words, out)
	out = placeLists(words, out)
	if isPlace != nil {
		out = frontPlaces(words, upos, out, isPlace)
		out = listedPlaces(words, out, isPlace)
	}
	return weaponNames(words, cyrillicNames(words, shortForms(words, knownOrgsIn(words, citedAuthors(words, upos, out, isPlace)))))
}

// speakerNames makes a person of the capitalised words between a word for a
// person's role and a verb of saying: "cleric Muqtada al-Sadr said", "spokesman
// John Kirby told". The recogniser, which learnt from web text, missed names it
// had not seen there (or read "al-Sadr" as a place).
func speakerNames(words []string, spans []ner.Span) []ner.Span {
	for i := 1; i < len(words)-1; i++ {
		role := lex.Lower(words[i-1])
		if !startsLower(words[i-1]) || !roleWords[role] && !isTitle(role) {
			continue
		}
		j := i
		for j < len(words) && (lex.FlagsOf(words[j])&lex.Title != 0 || particle(words, j, len(words)) || words[j] == "-" && j > i && particles[words[j-1]]) {
			j++
		}
		if j == i || j >= len(words) || !sayWords[lex.Lower(words[j])] || words[j-1] == "-" {
			continue
		}
		// The run must not cut a name in two; names inside it give way.
		e := ner.Span{Start: i, End: j, Type: "PER"}
		ok, out := true, make([]ner.Span, 0, len(spans)+1)
		for _, o := range spans {
			switch {
			case o.End <= e.Start || o.Start >= e.End:
				out = append(out, o)
			case o.Start < e.Start || o.End > e.End:
				ok = false
			}
		}
		if !ok {
			continue
		}
		k := 0
		for k < len(out) && out[k].Start < e.Start {
			k++
		}
		spans = slices.Insert(out, k, e)
		i = j
	}
	return spans
}

// titledNames makes a person of the capitalised proper nouns after a capitalised
// title, outside any name: "Professor Eastman says", "Justice Scalia 's opinion".
// (In UNER-EWT's training and dev sets a capitalised title before a capitalised
// word is followed by a person's name 204 times in 223.) The name words must not
// end in an organisation's or a place's word ("General Assembly", "Prince Edward
// Island"), nor spell a known place ("Queen Victoria" is a person, but "King
// Charles Street" is not).
func titledNames(words, upos []string, spans []ner.Span, isPlace func([]string) bool) []ner.Span {
	covered := coveredBy(len(words), spans)
	titled := func(i int) bool { // "Professor", or "SECRETARY" of a transcript's "SECRETARY BLINKEN:"
		fl := lex.FlagsOf(words[i])
		return isTitle(words[i]) && (fl&lex.Title != 0 || fl&lex.Upper != 0 && i+1 < len(words) && lex.FlagsOf(words[i+1])&lex.Upper != 0) &&
			!rolesInNames[lex.Lower(words[i])]
	}
	named := func(a, b int) bool {
		last := lex.Lower(words[b-1])
		return !orgHeads[last] && !placeEnd[last] && !siteWords[last]
	}
	// The recogniser's organisation or place right after a title is a person:
	// "Professor Eastman" (an organisation: Eastman Kodak). Known organisations
	// are typed again after (knownOrgsIn).
	for k := range spans {
		e := &spans[k]
		if e.Type != "PER" && e.Start > 0 && !covered[e.Start-1] && titled(e.Start-1) && named(e.Start, e.End) {
			e.Type = "PER"
		}
	}
	var added []ner.Span
	for i := 0; i < len(words)-1; i++ {
		if covered[i] || !titled(i) {
			continue
		}
		j := i + 1
		for j < len(words) && !covered[j] && isTitle(words[j]) && lex.FlagsOf(words[j])&lex.Title != 0 {
			j++
		}
		k := j
		for k < len(words) && k-j < 3 && !covered[k] && upos[k] == "PROPN" && capitalName(words[k]) && !isTitle(words[k]) {
			k++
		}
		if k == j || k < len(words) && (covered[k] || lex.FlagsOf(words[k])&lex.Title != 0) {
			i = k
			continue
		}
		if !named(j, k) || isPlace != nil && isPlace(words[j:k]) {
			i = k
			continue
		}
		added = append(added, ner.Span{Start: j, End: k, Type: "PER"})
		i = k
	}
	return withSpans(spans, added)
}

// placeLists splits a place's "name" at its commas: "Portland, Oregon" and
// "Opera House, City Hall" are two places each (2 of UNER-EWT train's 3,129
// places hold a comma).
func placeLists(words []string, spans []ner.Span) []ner.Span {
	var out []ner.Span
	for _, e := range spans {
		if e.Type != "LOC" {
			out = append(out, e)
			continue
		}
		a := e.Start
		for i := e.Start; i <= e.End; i++ {
			if i < e.End && words[i] != "," {
				continue
			}
			if i > a {
				out = append(out, ner.Span{Start: a, End: i, Type: "LOC"})
			}
			a = i + 1
		}
	}
	return out
}

// notNames drops one-word "names" that name no person, place or organisation:
// an era after a year or a century ("508 BC", "the 7th century BC", "AD 79"), a
// day of the week ("on Wednesdays"), a barrister's or doctor's letters after
// a person's name ("Mark Tedeschi, QC,"; SC is no South Carolina there), an
// oath ("Oh my God", "thank God", "God, I was scared"), and a season opening a
// sentence ("Winter is low season"; not "Winter, the coach, said").
func notNames(words []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for k, e := range spans {
		if e.End-e.Start == 1 {
			w := lex.Lower(words[e.Start])
			if weekdays[w] || weekdays[strings.TrimSuffix(w, "s")] || oath(words, e.Start) ||
				e.Start == 0 && seasons[w] && e.End < len(words) && startsLower(words[e.End]) {
				continue
			}
			if postNominals[words[e.Start]] && e.Start >= 2 && words[e.Start-1] == "," && k > 0 &&
				spans[k-1].Type == "PER" && spans[k-1].End == e.Start-1 {
				continue
			}
		}
		if e.End-e.Start == 1 && eras[strings.TrimSuffix(words[e.Start], ".")] {
			i := e.Start
			year := func(k int) bool {
				return k >= 0 && k < len(words) && (lex.FlagsOf(words[k])&lex.HasDigit != 0 ||
					strings.HasPrefix(lex.Lower(words[k]), "centur") || strings.HasPrefix(lex.Lower(words[k]), "millenni"))
			}
			if year(i-1) || year(i+1) {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// oath reports whether words[i] is a deity's name used as an exclamation:
// after "my", "oh" or "thank", or opening a sentence with a comma or an
// exclamation mark after it. (GUM and Universal NER leave these out; "believe
// in God", "may God bless" stay names.)
func oath(words []string, i int) bool {
	if !oaths[lex.Lower(words[i])] {
		return false
	}
	if i > 0 {
		return oathOpeners[lex.Lower(words[i-1])]
	}
	return i+1 < len(words) && (words[i+1] == "," || words[i+1] == "!")
}

var seasons = set("winter", "spring", "summer", "autumn", "fall")

var oaths = set("god", "jesus", "christ", "lord", "gosh", "heavens")

var oathOpeners = set("my", "oh", "o", "thank", "omg")

// addressesOut ends a name before an e-mail address or a web address in it:
// "Michiel Cock m.p.cock@vu.nl Vrije Universiteit" names Michiel Cock, in an
// article's list of authors. A name that begins with one goes.
func addressesOut(words []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for _, e := range spans {
		for i := e.Start; i < e.End; i++ {
			if tokenize.IsAddress(words[i]) {
				e.End = i
				break
			}
		}
		if e.End > e.Start {
			out = append(out, e)
		}
	}
	return out
}

// displayNames makes a person of the name in quotes before an e-mail address
// in angle brackets, as mail headers write their senders: "Katie Kaplan"
// <kaplan@example.com>, "Leopold, Jason" <…> (one name, surname first), and
// "Lindh, Frank (Law)" <…> without its bracket. Only capitalised words, an
// initial or that comma; "The Cat Album" is no person.
func displayNames(words []string, spans []ner.Span) []ner.Span {
	for j := 2; j+2 < len(words); j++ {
		if !isQuote(words[j]) || words[j+1] != "<" || !tokenize.IsAddress(words[j+2]) {
			continue
		}
		i := j - 1
		for i >= 0 && !isQuote(words[i]) {
			i--
		}
		if i < 0 || j-i < 2 {
			continue
		}
		end := j
		if k := slices.Index(words[i+1:j], "("); k >= 0 {
			end = i + 1 + k
		}
		ok := end > i+1 && words[i+1] != "The" && words[end-1] != ","
		for k := i + 1; k < end && ok; k++ {
			ok = lex.FlagsOf(words[k])&(lex.Title|lex.Upper) != 0 || words[k] == "," && k > i+1
		}
		if !ok {
			continue
		}
		spans = slices.DeleteFunc(spans, func(e ner.Span) bool { return e.Start < end && e.End > i+1 })
		spans = withSpans(spans, []ner.Span{{Start: i + 1, End: end, Type: "PER"}})
	}
	return spans
}

var eras = set("BC", "AD", "BCE", "CE", "B.C", "A.D", "B.C.E")

// postNominals are letters written after a person's name, set off by a comma.
var postNominals = set("QC", "KC", "SC", "MP", "MD", "PhD", "OBE", "CBE", "MBE", "KBE", "Jr", "Jr.", "Sr", "Sr.", "Esq")

// businessHeads end the names of businesses: "Rodale Books", "Carr Futures",
// "Enron Investment Partners", "Ashdown Horse Transport".
var businessHeads = set("books", "futures", "partners", "motors", "motorsports", "transport", "airlines",
	"airways", "foods", "records", "pictures", "studios", "systems", "technologies", "solutions",
	"holdings", "investments", "securities", "insurance", "pharmaceuticals", "labs", "laboratories",
	"industries", "enterprises", "consulting", "associates", "brothers", "corporation", "corp", "inc",
	"ltd", "llc", "plc", "fabrics", "publishing", "press", "media", "networks", "communications")

// stateWords end the names of states after a people's adjective.
var stateWords = set("federation", "republic", "kingdom", "states", "emirates")

// coveredBy marks the words of n that spans cover.
func coveredBy(n int, spans []ner.Span) []bool {
	covered := make([]bool, n)
	for _, e := range spans {
		for i := e.Start; i < e.End; i++ {
			covered[i] = true
		}
	}
	return covered
}

// withSpans adds the spans added, which overlap none of spans, keeping them in
// order.
func withSpans(spans, added []ner.Span) []ner.Span {
	if len(added) == 0 {
		return spans
	}
	spans = append(spans, added...)
	slices.SortFunc(spans, func(a, b ner.Span) int { return a.Start - b.Start })
	return spans
}

// rolesInNames are titles that also begin names of other things: "Analyst Team",
// "General Motors", "Major League", "Head Office", "Army Group", "Prime Video".
var rolesInNames = set("analyst", "officer", "head", "leader", "director", "deputy", "army",
	"presidential", "prime", "vice", "chief", "general", "major", "doctor", "count", "adviser",
	"advisor", "envoy", "commander", "captain", "lieutenant")

// siteWords end names of buildings and institutions that bear a person's title
// and name: "Queen Mary University", "King Edward Street".
var siteWords = set("university", "college", "school", "hospital", "street", "road", "avenue",
	"square", "park", "hall", "church", "cathedral", "station", "airport", "bridge", "hotel",
	"centre", "center", "museum", "theatre", "theater", "library", "prize", "award")

// roleWords name people by what they do, before their names: "cleric Muqtada
// al-Sadr" (titles, lex.IsTitle, are roles too).
var roleWords = set("cleric", "activist", "blogger", "journalist", "correspondent", "resident", "soldier",
	"lawmaker", "militant", "volunteer", "negotiator", "diplomat", "official", "historian", "expert")

// sayWords are verbs of saying that follow a speaker's name.
var sayWords = set("said", "says", "told", "added", "warned", "wrote", "stated", "announced", "claimed")

// weaponNames drops the one-word names that are weapon systems (lex.Weapon),
// neither people nor places: "Krasnopol guided shells", "Shahed drones".
func weaponNames(words []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for _, e := range spans {
		if e.End-e.Start != 1 || !weaponAt(words, e.Start) {
			out = append(out, e)
		}
	}
	return out
}

// weaponAt reports whether words[i] names a weapon system here (lex.WeaponHere),
// reading up to three words after it within its clause.
func weaponAt(words []string, i int) bool {
	var after []string
	for k := i + 1; k < len(words) && k <= i+3 && !punctuation(words[k]); k++ {
		after = append(after, lex.Lower(words[k]))
	}
	prev := ""
	if i > 0 {
		prev = lex.Lower(words[i-1])
	}
	suffix := i+2 < len(words) && words[i+1] == "-" && len(words[i+2]) <= 3
	return lex.WeaponHere(lex.Lower(words[i]), prev, after, suffix)
}

// punctuation reports whether w is a run of punctuation, a hyphen aside.
func punctuation(w string) bool {
	if w == "-" {
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// cyrillicNames keeps, in a sentence written mostly in Cyrillic, only the names
// whose words are all capitalised. The recogniser learnt English; in Russian and
// Ukrainian, where a sentence's first word is capitalised and the words of a
// name's title and office are not, it reads the opening words of sentences as
// people ("Губернатор Луганской области Сергей", "Он отметил").
func cyrillicNames(words []string, spans []ner.Span) []ner.Span {
	cyr, lat := 0, 0
	for _, w := range words {
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
		}
	}
	if cyr <= lat {
		return spans
	}
	out := spans[:0]
	for _, e := range spans {
		if slices.ContainsFunc(words[e.Start:e.End], startsLowerRune) {
			continue
		}
		// An adjective before a common noun is no name: "Луганской" of
		// "Губернатор Луганской области" (the title gone, see lex.IsTitle).
		if e.End < len(words) && startsLowerRune(words[e.End]) && cyrillicAdjective(words[e.End-1]) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func startsLowerRune(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// cyrillicAdjective reports a Russian or Ukrainian word with an adjective's
// ending: Луганской, Донецкая, Харківської.
func cyrillicAdjective(w string) bool {
	w = strings.ToLower(w)
	for _, end := range []string{"ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему",
		"ых", "их", "ую", "ої", "ій", "ська", "цька", "ське"} {
		if strings.HasSuffix(w, end) && len([]rune(w)) > len([]rune(end))+2 {
			return true
		}
	}
	return false
}

// frontPlaces makes a place of a known place's name, outside any name, between
// "the" and a word of the front: "in the Lyman direction", "the Bakhmut axis".
func frontPlaces(words, upos []string, spans []ner.Span, isPlace func([]string) bool) []ner.Span {
	for i := 2; i < len(words); i++ {
		if !lex.FrontAfter(lex.Lower(words[i])) || !startsLower(words[i]) {
			continue
		}
		a := i
		for a > 0 && i-a < 3 && upos[a-1] == "PROPN" && lex.FlagsOf(words[a-1])&lex.Title != 0 {
			a--
		}
		if a == i || a == 0 || lex.Lower(words[a-1]) != "the" || !isPlace(words[a:i]) ||
			slices.ContainsFunc(spans, func(e ner.Span) bool { return e.Start < i && a < e.End }) {
			continue
		}
		k := 0
		for k < len(spans) && spans[k].Start < a {
			k++
		}
		spans = slices.Insert(spans, k, ner.Span{Start: a, End: i, Type: "LOC"})
	}
	return spans
}

// villageName reports a word ending as Ukrainian and Russian names of villages and
// towns do, and no surname: Petrivka, Novoselydivka, Klishchiivka, Pokrovske,
// Ivanivske.
func villageName(w string) bool {
	if lex.FlagsOf(w)&lex.Title == 0 {
		return false
	}
	l := lex.Lower(w)
	for _, suf := range []string{"ivka", "yivka", "ovka", "evka", "ivske", "ovske", "ivsk", "opil", "hrad", "horod", "horodok"} {
		if strings.HasSuffix(l, suf) && len(l) > len(suf)+2 {
			return true
		}
	}
	return false
}

// listedPlaces makes a place of a "person" or an "organisation" listed with
// places, when a place of the gazetteer has that name: "Borodyanka, Bucha, Irpin,
// Hostomel" (Borodyanka read as a person, or an organisation). Typing listed names alike in general cost 0.8 F1 on
// UNER-EWT dev (see the top of this file); only known places are retyped here.
//
// Two more of war reporting: a one-word "person" taken or shelled, or named as
// villages are, listed with a place, is a place ("seized Petrivka and
// Novoselydivka"); and capitalised words
// the recogniser left out, listed after a place, are a place when the gazetteer
// has them ("Fighting spread to El Fasher and Wad Madani").
func listedPlaces(words []string, spans []ner.Span, isPlace func([]string) bool) []ner.Span {
	listed := func(a, b ner.Span) bool { // a, then b, one after the other in a list
		between := words[a.End:b.Start]
		switch len(between) {
		case 1:
			return between[0] == "," || between[0] == "and" || between[0] == "or"
		case 2:
			return between[0] == "," && (between[1] == "and" || between[1] == "or")
		}
		return false
	}
	for k := range spans {
		e := &spans[k]
		taken := e.End-e.Start == 1 && e.Start > 0 && lex.TakesGround(lex.Lower(words[e.Start-1]))
		known := isPlace(words[e.Start:e.End])
		village := e.End-e.Start == 1 && villageName(words[e.Start])
		if !(e.Type == "PER" && (taken || known || village) || e.Type == "ORG" && !taken && known) {
			continue
		}
		if taken && villageName(words[e.Start]) {
			e.Type = "LOC" // "seized Petrivka": no surname ends so
			continue
		}
		if !taken && k > 0 && spans[k-1].Type == "LOC" && listed(spans[k-1], *e) ||
			k+1 < len(spans) && spans[k+1].Type == "LOC" && listed(*e, spans[k+1]) {
			e.Type = "LOC"
		}
	}
	for k := 0; k < len(spans); k++ {
		if spans[k].Type != "LOC" {
			continue
		}
		a := spans[k].End
		for a < len(words) && (words[a] == "," || words[a] == "and" || words[a] == "or") {
			a++
		}
		b := a
		for b < len(words) && b-a < 4 && lex.FlagsOf(words[b])&lex.Title != 0 {
			b++
		}
		if a == spans[k].End || b == a || k+1 < len(spans) && spans[k+1].Start < b {
			continue
		}
		if e := (ner.Span{Start: a, End: b, Type: "LOC"}); listed(spans[k], e) && (isPlace(words[a:b]) || b-a == 1 && villageName(words[a])) {
			spans = slices.Insert(spans, k+1, e)
		}
	}
	return spans
}

// shortForms adds the short form a name is given in brackets after it, when the
// short form is the initials of the name's capitalised words: "Institute for the
// Study of War (ISW)", "Associated Press (AP)", or of its last words, short words
// too, in any case: "Russian Ministry of Defense (MoD)" (see abbreviates).
// Later mentions of the short form alone are then found as repeats of a name of
// the document (docNames).
func shortForms(words []string, spans []ner.Span) []ner.Span {
	for k := 0; k < len(spans); k++ {
		e := spans[k]
		i := e.End
		if i+2 >= len(words) || words[i] != "(" || words[i+2] != ")" || (k+1 < len(spans) && spans[k+1].Start <= i+1) {
			continue
		}
		if short := words[i+1]; abbreviates(short, words[e.Start:e.End]) {
			spans = slices.Insert(spans, k+1, ner.Span{Start: i + 1, End: i + 2, Type: e.Type})
			k++
		}
	}
	return spans
}

// initials are the first letters of a name's capitalised words, "" when the
// name has fewer than two.
// abbreviates reports whether short is a short form of name.
func abbreviates(short string, name []string) bool {
	if lex.FlagsOf(short)&lex.Upper != 0 && initials(name) == short {
		return true
	}
	// "Ministry of Defense (MoD)", "Russian Ministry of Defense (MOD)": the
	// initials of the name or of its last words, the short words' too, in
	// capitals or not, given two capitals in the short form.
	caps, n := 0, 0
	for _, r := range short {
		n++
		if !unicode.IsLetter(r) {
			return false
		}
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if caps < 2 || n > 6 || !unicode.IsUpper([]rune(short)[0]) {
		return false
	}
	up := strings.ToUpper(short)
	for s := range name {
		if lex.FlagsOf(name[s])&(lex.Title|lex.Upper) == 0 {
			continue
		}
		var all strings.Builder
		for _, w := range name[s:] {
			r, _ := utf8.DecodeRuneInString(w)
			all.WriteRune(unicode.ToUpper(r))
		}
		if all.String() == up || strings.ToUpper(initials(name[s:])) == up {
			return true
		}
	}
	return false
}

func initials(name []string) string {
	var b strings.Builder
	n := 0
	for _, w := range name {
		if lex.FlagsOf(w)&(lex.Title|lex.Upper) != 0 {
			r, _ := utf8.DecodeRuneInString(w)
			b.WriteRune(r)
			n++
		}
	}
	if n < 2 {
		return ""
	}
	return b.String()
}

// ordinal reports whether w is a number written as an ordinal in digits: "1st",
// "93rd", "47th".
func ordinal(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	switch strings.ToLower(w[n-2:]) {
	case "st", "nd", "rd", "th":
	default:
		return false
	}
	for _, c := range w[:n-2] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// particle reports whether word i of a name ending before end is a particle
// that the rest of the name follows: "al" in "al - Sadr", "bin" in "bin Laden".
func particle(words []string, i, end int) bool {
	if !particles[words[i]] || i+1 >= end {
		return false
	}
	return words[i+1] == "-" || lex.FlagsOf(words[i+1])&lex.Title != 0
}

var particles = set("al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von", "de", "da", "di",
	"du", "del", "della", "der", "den", "la", "le", "ter", "ten")

// placeBefore reports whether the words before word i call it a place: "near",
// "outside", or a kind of place and "of" ("the town of", "the region of"). ("in",
// "around" and "toward" are not enough: "faith in Obama", "people around Trump".)
func placeBefore(words []string, i int) bool {
	if i < 1 {
		return false
	}
	switch lex.Lower(words[i-1]) {
	case "near", "outside":
		return true
	case "of":
		return i >= 2 && placeKinds[lex.Lower(words[i-2])]
	}
	return false
}

// titleWords open the titles of officials: "Press Secretary", "National
// Security Adviser", "Foreign Policy Chief".
var titleWords = set("press", "national", "security", "foreign", "defense", "defence", "policy",
	"communications", "deputy", "chief", "senior")

// compass points, before "of", make a place of what follows: "southwest of Velyka
// Novosilka".
var compass = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
	"north-east", "north-west", "south-east", "south-west")

var placeKinds = set("town", "city", "village", "settlement", "region", "province", "oblast", "district",
	"outskirts", "suburbs")

// extendPlaces carries a place's name over the capitalised words after it when
// they end in a word that ends names of places and sites: "Zaporizhzhia" +
// "Nuclear Power Plant", "Kakhovka" + "Dam". (Carrying it over any capitalised
// words cost UNER-EWT dev 0.8 F1: see the top of this file.)
func extendPlaces(words []string, spans []ner.Span) []ner.Span {
	for k := range spans {
		e := &spans[k]
		if e.Type != "LOC" {
			continue
		}
		limit := len(words)
		if k+1 < len(spans) {
			limit = spans[k+1].Start
		}
		end := e.End
		for j := e.End; j < limit && j < e.End+4 && capitalName(words[j]); j++ {
			if l := lex.Lower(words[j]); placeEnd[l] || siteEnd[l] {
				end = j + 1
			}
		}
		e.End = end
	}
	return spans
}

// siteEnd are common nouns that end the names of sites.
var siteEnd = set("plant", "airport", "bridge", "dam", "port", "station", "reservoir", "canal", "base",
	"airfield", "highway", "refinery", "factory", "works", "stadium")

// placeEnd are common nouns that end place names.
var placeEnd = set("river", "sea", "lake", "mountains", "oblast", "region", "peninsula", "gulf",
	"bay", "island", "islands", "valley", "strait")

// builtPlaces end the names of streets, squares and buildings, which the
// recogniser, meeting a name in an unfamiliar language, may read as a person's.
var builtPlaces = set("street", "road", "avenue", "boulevard", "lane", "square", "bridge", "palace", "mosque",
	"church", "cathedral", "temple", "minster", "abbey", "castle", "tower", "gate", "gardens", "bazaar",
	"market", "station", "airport", "stadium", "beach", "mountains", "hills", "canyon", "falls", "fort")

// orgHeads end organisation names.
var orgHeads = set("administration", "ministry", "council", "committee", "command", "forces",
	"army", "navy", "agency", "service", "services", "intelligence", "institute", "office",
	"department", "guard", "brigade", "regiment", "corps", "party", "parliament", "assembly",
	"directorate", "staff", "commission", "union", "bank", "court", "organization", "organisation",
	"mission", "fleet", "group", "division", "company", "battalion", "tech")

// ofHeads open organisations' names before "of" or "for" ("Ministry of Internal
// Affairs", "Office of the Prosecutor General", "Bank of England").
var ofHeads = set("ministry", "department", "office", "committee", "council", "commission", "agency",
	"service", "bureau", "directorate", "institute", "court", "administration", "assembly", "bank",
	"organization", "organisation", "federation", "university", "secretariat", "cabinet",
	"library", "museum", "foundation", "society", "association", "academy", "centre", "center", "police")

// orgOf reports whether a name holds, after its first word, an organisation's
// word followed by "of" (orgHeads, and the words of orgOfHeads, which head
// organisations before "of" though not always at a name's end).
func orgOf(name []string) bool {
	for i := 1; i+1 < len(name); i++ {
		if l := lex.Lower(name[i]); (orgHeads[l] || orgOfHeads[l]) && name[i+1] == "of" {
			return true
		}
	}
	return false
}

var orgOfHeads = set("authority", "university", "school", "college", "board", "bureau", "embassy",
	"government", "house")

var orgLinks = set("of", "for", "on", "and", "the", "&")

func extendOrgs(words []string, spans []ner.Span) []ner.Span {
	for k := 0; k < len(spans); k++ {
		e := &spans[k]
		if e.Type != "ORG" {
			continue
		}
		end := e.End
		j := e.End
		if j < len(words) && words[j] == "and" && !slices.ContainsFunc(words[e.Start:e.End], func(w string) bool { return w == "of" || w == "for" }) {
			continue // "Google and Amazon" are two; "Department of Health and Human Services" one
		}
		for j < len(words) && orgLinks[words[j]] {
			j++
		}
		for j > e.End && j < len(words) && capitalName(words[j]) {
			for j < len(words) && capitalName(words[j]) {
				j++
			}
			end = j
			for j < len(words) && (words[j] == "of" || words[j] == "the" || words[j] == "for") {
				j++
			}
		}
		if end == e.End {
			continue
		}
		e.End = end
		// drop the spans now covered
		n := k + 1
		for n < len(spans) && spans[n].Start < end {
			n++
		}
		if n < len(spans) && spans[n].Start < end {
			continue
		}
		spans = append(spans[:k+1], spans[n:]...)
	}
	return spans
}

// contextType is the type the words around name e give it, where the
// recogniser's type is a common mistake of war reporting: a place read as a
// person or an organisation, a group read as a person.
func contextType(words, upos []string, e ner.Span, isPlace func([]string) bool) string {
	one := e.End-e.Start == 1
	known := isPlace != nil && isPlace(words[e.Start:e.End])
	before, after := "", ""
	if e.Start > 0 {
		before = lex.Lower(words[e.Start-1])
	}
	if e.End < len(words) && startsLower(words[e.End]) {
		after = lex.Lower(words[e.End])
	}
	switch e.Type {
	case "PER":
		switch {
		case one && placeBefore(words, e.Start), // "the town of Lyman", "fighting near Avdiivka"
			before == "of" && e.Start >= 2 && compass[lex.Lower(words[e.Start-2])], // "southwest of Velyka Novosilka"
			lex.FrontAfter(after), // "in the Lyman direction"
			// "Sullivan said Washington was working with Kyiv" (but "Mr. Washington")
			one && ner.IsCountry(words[e.Start]) && (e.Start == 0 || !isTitle(words[e.Start-1])),
			one && known && before == "from" && e.Start >= 2 && lex.LeavesGround(lex.Lower(words[e.Start-2])), // "the retreat from Lyman"
			one && known && lex.TakesGround(before):                                                           // "Russian forces seized Lyman"
			return "LOC"
		case one && lex.Fighters(after): // "Wagner fighters", "Akhmat forces"
			return "ORG"
		}
	case "LOC":
		if one && !known && lex.Fighters(after) && !ner.IsCountry(words[e.Start]) {
			return "ORG" // "M23 rebels", not a place
		}
	case "ORG":
		switch {
		// "South Korea's National Intelligence Service"
		case e.End-e.Start <= 2 && ner.IsCountry(words[e.End-1]) && (one || compass[lex.Lower(words[e.Start])]),
			// "the Russian Federation", "the Czech Republic", "the United Kingdom"
			e.End-e.Start == 2 && stateWords[lex.Lower(words[e.End-1])] &&
				(nationalities[lex.Lower(words[e.Start])] || lex.Lower(words[e.Start]) == "united"),
			// taken or shelled, and the whole object: "seized Petrivka and
			// Novoselydivka", not "seized Naftogaz assets"
			one && lex.TakesGround(before) && (known || objectEnds(words, upos, e.End)):
			return "LOC"
		}
	}
	return e.Type
}

// callSigns joins a person's first name to the surname after a call sign or
// nickname in quotes: Serhiy "Tsezar" Velychko, one name, where the recogniser
// found "Serhiy" alone.
func callSigns(words []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for k := 0; k < len(spans); k++ {
		e := spans[k]
		if i := e.End; e.Type == "PER" && i+3 < len(words) && isQuote(words[i]) {
			j := i + 1
			for j < len(words) && j < i+3 && capitalName(words[j]) {
				j++
			}
			if j > i+1 && j+1 < len(words) && isQuote(words[j]) && capitalName(words[j+1]) {
				end := j + 2
				for end < len(words) && end < j+3 && capitalName(words[end]) {
					end++
				}
				for k+1 < len(spans) && spans[k+1].Start < end { // the surname, found as a name
					end = max(end, spans[k+1].End)
					k++
				}
				e.End = end
			}
		}
		out = append(out, e)
	}
	return out
}

func isQuote(w string) bool {
	switch w {
	case "\"", "“", "”", "'", "‘", "’", "«", "»":
		return true
	}
	return false
}

// peoples joins a name ending in "People" to the capitalised words after its
// "'s": "Donetsk People" + "'s" + "Republic", "People's Liberation Army" (the
// tokenizer splits the possessive off). A name ending in "Republic" is a place's,
// one ending in an organisation's word an organisation's.
func peoples(words []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for k := 0; k < len(spans); k++ {
		e := spans[k]
		// "People" + "'s" + "Liberation Army", the name found without its first word
		if j := e.Start; j >= 2 && words[j-2] == "People" && (words[j-1] == "'s" || words[j-1] == "’s") &&
			(len(out) == 0 || out[len(out)-1].End <= j-2) {
			e.Start = j - 2
		}
		i := e.End
		if words[i-1] == "People" && i+1 < len(words) && (words[i] == "'s" || words[i] == "’s") && capitalName(words[i+1]) {
			end := i + 1
			for end < len(words) && capitalName(words[end]) {
				end++
			}
			for k+1 < len(spans) && spans[k+1].Start < end { // names now inside
				end = max(end, spans[k+1].End)
				k++
			}
			e.End = end
			switch last := lex.Lower(words[end-1]); {
			case last == "republic" || last == "republics":
				e.Type = "LOC"
			case orgHeads[last]:
				e.Type = "ORG"
			}
		}
		out = append(out, e)
	}
	return out
}

// orgWordsAfter carries an organisation's or a place's name over the
// capitalised organisation words right after it, which make it an
// organisation's: "UN Human Rights Monitoring" + "Mission", "Black Sea" +
// "Fleet".
func orgWordsAfter(words []string, spans []ner.Span) {
	for k := range spans {
		e := &spans[k]
		if e.Type != "ORG" && e.Type != "LOC" {
			continue
		}
		end := e.End
		for end < len(words) && (orgHeads[lex.Lower(words[end])] || businessHeads[lex.Lower(words[end])]) && capitalName(words[end]) &&
			(k+1 == len(spans) || spans[k+1].Start > end) {
			end++
		}
		if end > e.End {
			e.End, e.Type = end, "ORG"
		}
	}
}

// joinOrgs makes one organisation of two joined by "and" when the first, of two
// words or more, holds no organisation's word and the second ends in one: the
// "National Security" and "Defense Council" of "National Security and Defense
// Council". ("Google and Amazon" stay two.)
func joinOrgs(words []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for _, e := range spans {
		if n := len(out); n > 0 {
			a := &out[n-1]
			if a.Type == "ORG" && e.Type == "ORG" && e.Start == a.End+1 && words[a.End] == "and" && a.End-a.Start >= 2 &&
				orgHeads[lex.Lower(words[e.End-1])] && !slices.ContainsFunc(words[a.Start:a.End], func(w string) bool { return orgHeads[lex.Lower(w)] }) {
				a.End = e.End
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// pairedPlaceOrgs makes one organisation of a place, "and", and an
// organisation whose name opens with another place: "Newfoundland" and
// "Labrador Court of Appeal", "Trinidad" and "Tobago Police Service" name one
// body of two places.
func pairedPlaceOrgs(words []string, spans []ner.Span, isPlace func([]string) bool) []ner.Span {
	if isPlace == nil {
		return spans
	}
	out := spans[:0]
	for _, e := range spans {
		if n := len(out); n > 0 {
			a := &out[n-1]
			if a.Type == "LOC" && e.Type == "ORG" && e.Start == a.End+1 && words[a.End] == "and" && e.End-e.Start >= 2 &&
				isPlace(words[e.Start:e.Start+1]) && !isPlace(words[e.Start:e.End]) {
				a.End, a.Type = e.End, "ORG"
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// capitalName reports whether w is capitalised and no day or month: "Committee
// on Foreign Relations" goes on over "on", "Georgia Tech on Thursday" does not.
func capitalName(w string) bool {
	if lex.FlagsOf(w)&(lex.Title|lex.Upper) == 0 {
		return false
	}
	l := lex.Lower(w)
	return !weekdays[l] && !monthNames[l]
}

// capitalOrgs finds organisations the model missed: a run of two or more
// capitalised words, outside any name, that ends in an organisation word
// ("Ukrainian Armed Forces", "General Staff").
func capitalOrgs(words, upos []string, spans []ner.Span) []ner.Span {
	covered := coveredBy(len(words), spans)
	ok := func(i int) bool {
		return !covered[i] && lex.FlagsOf(words[i])&(lex.Title|lex.Upper) != 0 && nameWord(upos[i])
	}
	var added []ner.Span
	for i := 0; i < len(words); {
		if !ok(i) {
			i++
			continue
		}
		j := i
		for j < len(words) && ok(j) {
			j++
		}
		switch {
		case j-i >= 2 && (orgHeads[lex.Lower(words[j-1])] || businessHeads[lex.Lower(words[j-1])]):
			added = append(added, ner.Span{Start: i, End: j, Type: "ORG"})
		case ofHeads[lex.Lower(words[j-1])] && j+1 < len(words) && (words[j] == "of" || words[j] == "for") &&
			(lex.FlagsOf(words[j+1])&(lex.Title|lex.Upper) != 0 ||
				words[j+1] == "the" && j+2 < len(words) && lex.FlagsOf(words[j+2])&(lex.Title|lex.Upper) != 0):
			// "Ministry" + "of Internal Affairs of Ukraine": extendOrgs carries it on
			added = append(added, ner.Span{Start: i, End: j, Type: "ORG"})
		}
		i = j
	}
	return withSpans(spans, added)
}

// objectEnds reports whether a verb's object ends before word i: at the end of
// the sentence, punctuation, a conjunction, a preposition or an adverb.
func objectEnds(words, upos []string, i int) bool {
	if i >= len(words) {
		return true
	}
	switch upos[i] {
	case "PUNCT", "CCONJ", "ADP", "ADV", "SCONJ":
		return true
	}
	return false
}

// nameWord reports whether a word of this part of speech, capitalised, may be
// part of an organisation's name ("Mechanized", "Armed", "Forces"; not "The").
func nameWord(upos string) bool {
	switch upos {
	case "PROPN", "NOUN", "ADJ", "VERB":
		return true
	}
	return false
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

// headlineNames cuts the names found in a headline written in capitals, which the
// recogniser reads title-cased ("Kharkiv As Ukraine Pushes East"): there every word
// looks like part of a name, so a name ends before a verb or a function word that
// names never hold ("KHARKIV AS UKRAINE PUSHES EAST" names Kharkiv, not all five
// words). "of", "for" and "the" stay, as in "Institute for the Study of War".
func headlineNames(words, upos []string, spans []ner.Span) []ner.Span {
	out := spans[:0]
	for _, e := range spans {
		for i := e.Start + 1; i < e.End; i++ {
			if headlineBreaks[lex.Lower(words[i])] || upos[i] == "VERB" || upos[i] == "AUX" {
				e.End = i
				break
			}
		}
		out = append(out, e)
	}
	return out
}

var headlineBreaks = set("as", "in", "on", "at", "to", "from", "with", "by", "after", "before", "amid",
	"while", "and", "or", "but", "a", "an", "near", "over", "into", "against", "says", "said")

// openerOff takes off a name that opens a sentence a word of news headers
// written with a capital for opening it: "Latest" + "Defence Intelligence
// update", "Breaking" + "Kremlin says". (Adjectives in general stay: "New York",
// "Islamic Jihad".)
func openerOff(words []string, spans []ner.Span) []ner.Span {
	if len(spans) > 0 && spans[0].Start == 0 && spans[0].End >= 2 && openers[lex.Lower(words[0])] {
		spans[0].Start = 1
	}
	return spans
}

var openers = set("latest", "breaking", "exclusive", "updated", "update", "explainer", "factbox", "urgent")

// lowercasePlaces finds the places web text writes in lowercase after a word
// of going or being somewhere: "living in malaysia", "going to baguio". Only a
// word of the gazetteer that is no common word ("in turkey" may be the bird).
func lowercasePlaces(words []string, spans []ner.Span, isPlace func([]string) bool, common func(string) bool) []ner.Span {
	covered := coveredBy(len(words), spans)
	var added []ner.Span
	for i := 1; i < len(words); i++ {
		w := words[i]
		if covered[i] || !goesTo[lex.Lower(words[i-1])] || lex.FlagsOf(w)&lex.Lowercase == 0 ||
			utf8.RuneCountInString(w) < 4 || strings.ContainsAny(w, ".-'") {
			continue
		}
		if isPlace([]string{w}) && !common(w) {
			added = append(added, ner.Span{Start: i, End: i + 1, Type: "LOC"})
		}
	}
	return withSpans(spans, added)
}

var goesTo = set("in", "to", "from", "at", "near", "visit", "visiting", "around", "across")
