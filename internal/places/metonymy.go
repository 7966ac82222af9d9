package places

import "strings"

// metonymic reports whether mention mi uses a country or capital for its
// government, army or people.
func (d *doc) metonymic(mi int) bool {
	m := d.ms[mi]
	e := m.cands[m.best].e
	if !strings.HasPrefix(e.Code, "PCL") && e.Code != "PPLC" {
		return false
	}
	word := func(k int) string {
		if k < 0 || k >= len(d.toks) {
			return ""
		}
		return d.toks[k].lower
	}
	next := m.tj + 1
	if cyrillic(m.surface) {
		// Russian and Ukrainian: a preposition makes the place ("в Украине"); an
		// institution before it in the genitive ("Минобороны России", "армия
		// России") or a verb after it ("Россия заявила", "Україна отримала") the
		// state.
		switch {
		case slavicPrepositions[word(m.ti-1)]:
			return false
		case slavicStateNouns[word(m.ti-1)]:
			return true
		}
		w := word(next)
		if next < len(d.toks) && !d.toks[next].upper && len([]rune(w)) > 3 {
			for _, end := range []string{"л", "ла", "ли", "ло", "ет", "ит", "ут", "ют", "ят", "ає", "ить", "ать"} {
				if strings.HasSuffix(w, end) {
					return true
				}
			}
		}
		return false
	}
	// A locative preposition makes it the place itself, whatever verb follows:
	// "Russian strikes in Kyiv struck the TV tower".
	switch word(m.ti - 1) {
	case "in", "near", "at", "outside", "around", "inside", "across", "throughout":
		return false
	}
	if m.possessive {
		// Russia's invasion, Ukraine's forces, Ukraine's right to defend itself;
		// but Ukraine's capital, Russia's Belgorod region, Ukraine's east are
		// places.
		k := next
		for n := word(k); k < next+3 && !placeParts[n] && (adjectiveLike(n) || n == "critical" || n == "illegal"); n = word(k) {
			k++ // "Ukraine's critical national infrastructure"
		}
		if k >= len(d.toks) {
			return false
		}
		n := word(k)
		return metNouns[n] || !placeParts[n] && !d.toks[k].upper && !d.isPlaceWord(k)
	}
	// "It is Russia that unleashed …": a cleft puts the state first. "How can
	// Russia attempt …": a question puts the auxiliary first.
	if prev := word(m.ti - 1); next < len(d.toks) && !d.toks[next].upper &&
		((prev == "is" || prev == "was") && (word(next) == "that" || word(next) == "who") || auxiliaries[prev] && m.ti >= 2 && !prepositions[word(m.ti-2)]) {
		return true
	}
	if next < len(d.toks) && d.toks[next].start-m.end <= 1 { // from the mention's end: "U.S." keeps its dot
		w := word(next)
		switch w {
		case "also", "now", "still", "reportedly", "allegedly", "already", "repeatedly", "then", "again", "has", "have", "had", "will", "would":
			// (Not "is" or "was": "Kyiv was shelled" is a passive, the place hit.)
			if metVerbs[word(next+1)] && word(next+1) != "is" && word(next+1) != "was" {
				return true
			}
		}
		if metVerbs[w] && w != "is" && w != "was" && w != "has" && w != "had" {
			return true
		}
		// The country as the subject of a verb: "Russia has chosen", "Russia is
		// getting desperate", "Ukraine marked", "Ukraine demonstrates" (but not
		// a passive: "Kyiv was shelled").
		if !d.toks[next].upper && !prepositions[word(m.ti-1)] {
			v := word(next + 1)
			if v == "been" || v == "not" || v == "also" || v == "already" || v == "never" || strings.HasSuffix(v, "ly") {
				v = word(next + 2)
			}
			switch {
			case auxiliaries[w] && (strings.HasSuffix(v, "ed") || strings.HasSuffix(v, "en") || metVerbs[v] || participles[v]),
				(w == "is" || w == "was" || w == "are" || w == "were") && strings.HasSuffix(v, "ing"),
				len(w) > 3 && strings.HasSuffix(w, "ed") && !adjectiveWords[w],
				len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !placeParts[w]:
				return true
			}
		}
		if metTitles[w] || w == "officials" || w == "forces" || w == "troops" || w == "statement" || stateNouns[w] {
			return true // US President, UK statement, U.S. support
		}
	}
	prev, prev2 := word(m.ti-1), word(m.ti-2)
	if metBefore[prev] {
		return true
	}
	switch prev {
	case "for", "to", "on", "with":
		if metBefore[prev2] {
			return true
		}
	case "of":
		if metTitles[prev2] {
			return true // President of Ukraine
		}
	}
	return false
}

// adjectiveLike guesses whether a lower-case word is an adjective before a noun
// (Russia's full-scale invasion, Ukraine's armed forces).
func adjectiveLike(w string) bool {
	return strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ive") ||
		strings.Contains(w, "-") || w == "full" || w == "own" || w == "top" || w == "new"
}
