package places

import (
	"unicode"
)

// token is a run of letters and digits, with code-point offsets into the text.
type token struct {
	start, end int  // [start, end) in runes
	upper      bool // starts with a capital letter
	allCaps    bool // two or more letters, all capitals
	lower      string
	// possessive is set when the token is followed by 's or ’s (Russia's).
	possessive bool
	// sentStart is set on the first token of a line or sentence.
	sentStart bool
}

// tokenize splits runes into word tokens. A lone "s" after an apostrophe is folded
// into the previous token as its possessive.
func tokenize(rs []rune) []token {
	var toks []token
	sent := true
	for i := 0; i < len(rs); {
		r := rs[i]
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '"' || r == '“' || r == '”' {
				// A dot after a one-letter token is an initial or an abbreviation
				// (U.S.), not a sentence end.
				if !(r == '.' && len(toks) > 0 && toks[len(toks)-1].end == i && toks[len(toks)-1].end-toks[len(toks)-1].start == 1) {
					sent = true
				}
			}
			i++
			continue
		}
		j := i
		upper, caps, letters := unicode.IsUpper(r), true, 0
		for j < len(rs) && isWordRune(rs[j]) {
			if unicode.IsLetter(rs[j]) {
				letters++
				if !unicode.IsUpper(rs[j]) {
					caps = false
				}
			}
			j++
		}
		t := token{start: i, end: j, upper: upper, allCaps: caps && letters >= 2, sentStart: sent}
		// 's after a word is its possessive, not a token.
		if j-i == 1 && (r == 's' || r == 'S') && i >= 2 && isApos(rs[i-1]) && len(toks) > 0 && toks[len(toks)-1].end == i-1 {
			toks[len(toks)-1].possessive = true
			i = j
			continue
		}
		t.lower = lowerString(rs[i:j])
		toks = append(toks, t)
		sent = false
		i = j
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApos(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

func lowerString(rs []rune) string {
	b := make([]rune, len(rs))
	for i, r := range rs {
		b[i] = unicode.ToLower(r)
	}
	return string(b)
}

// gapJoins reports whether the characters between two tokens may sit inside one
// name: a single space, a hyphen, an apostrophe (Kup'iansk), a dot (U.S.) or a
// dot and a space (St. Louis).
func gapJoins(gap []rune) bool {
	switch len(gap) {
	case 0:
		return true
	case 1:
		r := gap[0]
		return r == ' ' || r == '-' || r == '‐' || r == '–' || r == '.' || isApos(r) || r == '\u00a0'
	case 2:
		return gap[0] == '.' && gap[1] == ' '
	}
	return false
}
