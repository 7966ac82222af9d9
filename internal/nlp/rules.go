package nlp

import (
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/tokenize"
)

// Rule entities: dates, times and nationalities follow patterns that a few rules
// find more reliably than the treebanks (which do not annotate them) could teach.
// They never override the model's PER, ORG and LOC, and skip boilerplate.

var monthNames = set("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.",
	"jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.")

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

var relDays = set("yesterday", "today", "tomorrow", "tonight")

var periodWords = set("week", "weekend", "month", "year", "spring", "summer", "autumn", "fall",
	"winter", "morning", "afternoon", "evening", "night", "decade", "century", "weeks", "months",
	"years", "days", "hours", "decades")

var timeUnits = set("day", "days", "week", "weeks", "month", "months", "year", "years", "hours",
	"hour", "minutes", "decades")

var numberWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "several", "a", "few", "many", "some", "couple")

// nationalities are adjectives and plural nouns for peoples, countries' citizens,
// religious and political groups (spaCy's NORP).
var nationalities = set("ukrainian", "ukrainians", "russian", "russians", "american",
	"americans", "british", "briton", "britons", "european", "europeans", "german", "germans",
	"french", "polish", "poles", "chinese", "belarusian", "belarusians", "soviet", "israeli",
	"israelis", "iranian", "iranians", "syrian", "syrians", "turkish", "turks", "georgian",
	"georgians", "moldovan", "chechen", "chechens", "crimean", "english", "italian", "italians",
	"spanish", "japanese", "korean", "koreans", "indian", "indians", "canadian", "canadians",
	"australian", "australians", "african", "africans", "arab", "arabs", "muslim", "muslims",
	"christian", "christians", "jewish", "jews", "palestinian", "palestinians", "kurdish",
	"kurds", "afghan", "afghans", "iraqi", "iraqis", "pakistani", "pakistanis", "hungarian",
	"romanian", "romanians", "lithuanian", "latvian", "estonian", "finnish", "finns", "swedish",
	"norwegian", "danish", "dutch", "belgian", "swiss", "austrian", "czech", "slovak", "serbian",
	"serbs", "croatian", "bulgarian", "greek", "greeks", "armenian", "armenians", "azerbaijani",
	"kazakh", "uzbek", "tatar", "tatars", "mexican", "mexicans", "brazilian", "egyptian",
	"saudi", "saudis", "lebanese", "libyan", "yemeni", "qatari", "emirati", "turkmen",
	"western", "republican", "republicans", "democrat", "democrats", "communist", "communists",
	"nazi", "nazis", "sunni", "shia", "shiite", "catholic", "orthodox", "protestant", "slavic",
	"scottish", "irish", "welsh", "portuguese", "mongolian", "vietnamese", "thai", "filipino",
	"indonesian", "malaysian", "nigerian", "ethiopian", "somali", "sudanese", "venezuelan",
	"colombian", "argentine", "argentinian", "chilean", "cuban", "north", "south")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func addRuleEntities(d *Doc, toks []tokenize.Token, ents []Entity) []Entity {
	taken := make([]bool, len(toks))
	for _, e := range ents {
		for i := e.First; i <= e.Last; i++ {
			taken[i] = true
		}
	}
	var found []Entity
	add := func(first, last int, typ string) {
		for i := first; i <= last; i++ {
			if taken[i] || d.Tokens[i].Skipped || d.Tokens[i].Sentence != d.Tokens[first].Sentence {
				return
			}
		}
		for i := first; i <= last; i++ {
			taken[i] = true
		}
		found = append(found, Entity{Text: d.Text[toks[first].Byte:toks[last].BEnd],
			Start: toks[first].Start, End: toks[last].End, Type: typ, First: first, Last: last})
	}
	low := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return lex.Lower(toks[i].Text)
	}
	isNum := func(i int) bool {
		return i >= 0 && i < len(toks) && lex.FlagsOf(toks[i].Text)&lex.AllDigit != 0
	}
	isYear := func(i int) bool {
		if !isNum(i) || len(toks[i].Text) != 4 {
			return false
		}
		t := toks[i].Text
		return t[:2] == "19" || t[:2] == "20"
	}
	isDay := func(i int) bool {
		if !isNum(i) {
			t := low(i)
			t = strings.TrimRight(t, "stndrh")
			return len(t) > 0 && len(t) <= 2 && lex.FlagsOf(t)&lex.AllDigit != 0 && len(low(i)) > len(t)
		}
		return len(toks[i].Text) <= 2
	}
	for i := 0; i < len(toks); i++ {
		w := low(i)
		switch {
		case monthNames[w] && (toks[i].Text[0] >= 'A' && toks[i].Text[0] <= 'Z'):
			first, last := i, i
			if isDay(i - 1) {
				first = i - 1 // 13 May
			}
			if isDay(i + 1) {
				last = i + 1 // May 13
			}
			if low(last+1) == "," && isYear(last+2) {
				last += 2
			} else if isYear(last + 1) {
				last++
			}
			prev := low(first - 1)
			if w == "may" && first == i && last == i && prev != "in" && prev != "since" &&
				prev != "last" && prev != "next" && prev != "early" && prev != "late" && prev != "mid" {
				continue // "may" the verb
			}
			if w == "march" && first == i && last == i && prev != "in" && prev != "since" && prev != "last" {
				continue
			}
			if prev == "last" || prev == "next" || prev == "early" || prev == "late" || prev == "mid" {
				first--
			}
			add(first, last, "DATE")
			i = last
		case weekdays[w]:
			first := i
			if p := low(i - 1); p == "last" || p == "next" || p == "this" {
				first--
			}
			add(first, i, "DATE")
		case relDays[w]:
			add(i, i, "DATE")
		case (w == "last" || w == "next" || w == "this" || w == "earlier" || w == "later") && periodWords[low(i+1)]:
			add(i, i+1, "DATE")
			i++
		case isYear(i):
			p := low(i - 1)
			if p == "in" || p == "since" || p == "by" || p == "until" || p == "of" || p == "from" ||
				p == "to" || p == "before" || p == "after" || p == "," || p == "early" || p == "late" {
				add(i, i, "DATE")
			}
		case (isNum(i) || numberWords[w]) && timeUnits[low(i+1)] && low(i+2) == "ago":
			add(i, i+2, "DATE")
			i += 2
		case isClock(toks[i].Text):
			last := i
			if m := low(i + 1); m == "a.m." || m == "p.m." || m == "am" || m == "pm" {
				last++
			}
			add(i, last, "TIME")
			i = last
		case isNum(i) && len(toks[i].Text) <= 2 && (low(i+1) == "a.m." || low(i+1) == "p.m."):
			add(i, i+1, "TIME")
			i++
		case nationalities[w] && w != "north" && w != "south" && isCapital(toks[i].Text):
			u := d.Tokens[i].UPOS
			if u == "ADJ" || u == "PROPN" || u == "NOUN" {
				add(i, i, "NORP")
			}
		}
	}
	if len(found) == 0 {
		return ents
	}
	ents = append(ents, found...)
	slices.SortFunc(ents, func(a, b Entity) int { return a.Start - b.Start })
	return ents
}

func isCapital(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// isClock: "10:30", "9:05".
func isClock(s string) bool {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return false
	}
	for _, c := range h + m {
		if c < '0' || c > '9' {
			return false
		}
	}
	return h < "24" || len(h) == 1
}
