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
	// A locative preposition makes it the place itself, whatever verb follows:
	// "Russian strikes in Kyiv struck the TV tower".
	switch word(m.ti - 1) {
	case "in", "near", "at", "outside", "around", "inside", "across", "throughout":
		return false
	}
	if m.possessive {
		// Russia's invasion, Ukraine's forces; but Ukraine's capital is a place.
		return metNouns[word(next)] || adjectiveLike(word(next)) && metNouns[word(next+1)]
	}
	if next < len(d.toks) && len(d.gap(m.tj, next)) <= 1 {
		w := word(next)
		switch w {
		case "also", "now", "still", "reportedly", "allegedly", "already", "repeatedly", "then", "again", "has", "have", "had", "will", "would", "is", "was":
			if metVerbs[word(next+1)] && word(next+1) != "is" && word(next+1) != "was" {
				return true
			}
		}
		if metVerbs[w] && w != "is" && w != "was" && w != "has" && w != "had" {
			return true
		}
		if metTitles[w] || w == "officials" || w == "forces" || w == "troops" || w == "statement" {
			return true // US President, UK statement
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
