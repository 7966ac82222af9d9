// Package tokenize splits raw text into words and sentences with exact offsets.
//
// Words follow the conventions of the Universal Dependencies English treebanks (EWT,
// GUM), on which the tagger, parser and entity models are trained: punctuation is split
// off, hyphenated compounds are split at the hyphen ("Russo - Ukrainian") except after
// a few prefixes ("counter-offensive"), clitics are separate words of one surface token
// ("do" + "n't", "Ukraine" + "'s"), and URLs, e-mail addresses, numbers and
// abbreviations ("Lt.", "U.S.") stay whole.
//
// Offsets are Unicode code points into the original text, [Start, End), as in the
// record schema; byte offsets are kept too for slicing. Any input, including invalid
// UTF-8, yields valid, increasing, non-overlapping offsets; the tokenizer never panics.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word of the text.
type Token struct {
	Text       string
	Start, End int // code points, [Start, End)
	Byte, BEnd int // bytes, [Byte, BEnd)
	// SpaceAfter reports white space after the token.
	SpaceAfter bool
	// Newlines counts the line breaks in the white space before the token.
	Newlines int
	// Joined marks a word that continues the previous word's surface token, as "n't"
	// continues "do" in "don't": the pair is one multiword token in CoNLL-U.
	Joined bool
}

// piece is a word inside a chunk of non-space text, in bytes relative to the chunk.
type piece struct {
	a, b   int
	joined bool
}

// Tokenize splits text into words.
func Tokenize(text string) []Token {
	var t tokenizer
	return t.run(text, make([]Token, 0, len(text)/5+1))
}

type tokenizer struct {
	pieces     []piece
	singleOpen bool // a single quote (‘ or ') is open: a trailing ’ closes it
}

func (t *tokenizer) run(text string, out []Token) []Token {
	cp := 0 // code points before position i
	newlines := 0
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			if r == '\n' {
				newlines++
				if newlines >= 2 {
					t.singleOpen = false
				}
			}
			i += n
			cp++
			continue
		}
		// A chunk: a maximal run of non-space.
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if isSpace(r) {
				break
			}
			j += n
		}
		chunk := text[i:j]
		next := text[j:]
		t.pieces = t.splitChunk(chunk, next, t.pieces[:0])
		pos, pcp := 0, cp // running byte offset and code point inside the chunk
		for k, p := range t.pieces {
			pcp += utf8.RuneCountInString(chunk[pos:p.a])
			start := pcp
			pcp += utf8.RuneCountInString(chunk[p.a:p.b])
			pos = p.b
			tok := Token{
				Text: chunk[p.a:p.b], Start: start, End: pcp, Byte: i + p.a, BEnd: i + p.b,
				Joined: p.joined,
			}
			if k == 0 {
				tok.Newlines = newlines
			}
			if k == len(t.pieces)-1 {
				tok.SpaceAfter = j < len(text)
			}
			out = append(out, tok)
		}
		cp = pcp + utf8.RuneCountInString(chunk[pos:])
		newlines = 0
		i = j
	}
	return out
}

// isSpace is white space, including the no-break and zero-width spaces and the byte
// order mark that web text carries.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0x85, 0xA0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return unicode.IsSpace(r) || (r < 0x20)
}

// isLeading is punctuation split off the front of a chunk.
func isLeading(r rune) bool {
	switch r {
	case '(', '[', '{', '"', '\'', '`', '“', '‘', '„', '‚', '«', '‹', '¿', '¡', '$', '£', '€',
		'¥', '₴', '₽', '*', '•', '·', '–', '—', '―', '<', '>', '|', '~', '…', '¶', '§':
		return true
	}
	return false
}

// isTrailing is punctuation split off the end of a chunk.
func isTrailing(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '…', ')', ']', '}', '"', '\'', '”', '’', '»', '›',
		'%', '*', '–', '—', '―', '>', '|', '~', '“', '‘', '°', '♥':
		return true
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›':
		return true
	}
	return false
}

func isDash(r rune) bool { return r == '–' || r == '—' || r == '―' || r == '‒' }

// splitChunk splits one run of non-space text into pieces. next is the text after
// the chunk, for abbreviations that only count as such before a number.
func (t *tokenizer) splitChunk(s, next string, out []piece) []piece {
	lo, hi := 0, len(s)
	var tail [8]piece
	nt := 0
	// Each round looks at the whole rest of the chunk, so the rounds are bounded:
	// a hostile run of brackets cannot make tokenizing quadratic. What is left
	// goes to splitCore, which is linear.
	for round := 0; lo < hi && round < 32; round++ {
		cur := s[lo:hi]
		if isWhole(cur) {
			break
		}
		r, n := utf8.DecodeRuneInString(cur)
		if n < len(cur) && (isLeading(r) || r == '-' || r == '%' || (r == '#' && isDigitByte(cur[n]))) {
			switch {
			case (r == '`' || r == '\'') && len(cur) > 2 && cur[1] == cur[0]:
				n = 2
			case r == '-' || isDash(r) || r == '*' || r == '~' || r == '$' || r == '<' || r == '>':
				n = runLen(cur, r)
			}
			if r == '‘' || r == '\'' || r == '`' {
				t.singleOpen = true
			}
			out = append(out, piece{a: lo, b: lo + n})
			lo += n
			continue
		}
		rl, m := utf8.DecodeLastRuneInString(cur)
		if m < len(cur) && (isTrailing(rl) || rl == '-' && !isLetterBefore(cur, len(cur)-1) || rl == '+') && nt < len(tail) {
			if rl == '.' {
				k := runLenLast(cur, '.')
				if k == 1 && isAbbrev(cur, next) {
					break
				}
				m = k
				if k == 2 && isAbbrev(cur[:len(cur)-1], next) {
					m = 1 // "Inc.." is "Inc." and a full stop
				} else if k == 1 {
					m = runLenLastAny(cur, ".?!")
				}
			} else if rl == '’' || rl == '\'' {
				if !t.singleOpen && isPluralPossessive(cur) {
					tail[nt] = piece{a: hi - m, b: hi, joined: true}
					nt++
					hi -= m
					break
				}
				t.singleOpen = false
			} else if rl == '!' || rl == '?' {
				m = runLenLastAny(cur, "!?.")
			} else if rl == '-' || isDash(rl) || rl == '*' || rl == '+' || rl == '>' || rl == '<' {
				m = runLenLastAny(cur, string(rl))
			}
			tail[nt] = piece{a: hi - m, b: hi}
			nt++
			hi -= m
			continue
		}
		break
	}
	if lo < hi {
		out = splitCore(s, lo, hi, out)
	}
	for k := nt - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

func runLen(s string, r rune) int {
	n := 0
	for _, c := range s {
		if c != r {
			break
		}
		n += utf8.RuneLen(c)
	}
	return n
}

func runLenLast(s string, b byte) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == b {
		n++
	}
	return n
}

// runLenLastAny is the byte length of the run at the end of s of runes from set.
func runLenLastAny(s, set string) int {
	n := 0
	for n < len(s) {
		r, k := utf8.DecodeLastRuneInString(s[:len(s)-n])
		if !strings.ContainsRune(set, r) {
			break
		}
		n += k
	}
	return n
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isLowerASCII(b byte) bool { return b >= 'a' && b <= 'z' }

// isPluralPossessive reports a trailing apostrophe that marks a plural possessive
// ("the states' borders"), not a closing quote.
func isPluralPossessive(s string) bool {
	s = s[:len(s)-len(lastRune(s))]
	if len(s) < 2 {
		return false
	}
	c := s[len(s)-1]
	return (c == 's' || c == 'S') && isWordish(s)
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

func isWordish(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’' && r != '.' {
			return false
		}
	}
	return true
}

// isAbbrev reports whether s, which ends in one period, is an abbreviation that keeps
// its period. next is the text after the chunk.
func isAbbrev(s, next string) bool {
	stem := s[:len(s)-1]
	if stem == "" {
		return false
	}
	// Initials and dotted abbreviations: "J.", "U.S.", "e.g.", "a.m.".
	letters, dots := 0, 0
	dotted := true
	prevDot := true
	for _, r := range stem {
		switch {
		case r == '.':
			if prevDot {
				dotted = false
			}
			dots++
			prevDot = true
		case unicode.IsLetter(r):
			if !prevDot {
				dotted = false
			}
			letters++
			prevDot = false
		default:
			dotted = false
		}
	}
	if dotted && dots >= 1 && letters >= 2 {
		return true
	}
	if letters == 1 && dots == 0 {
		r, _ := utf8.DecodeRuneInString(stem)
		if unicode.IsUpper(r) || (r == 'c' && beforeNumberOrLower(next)) {
			return true // an initial, or "c. 1900"
		}
	}
	low := strings.ToLower(stem)
	if titles[low] || abbreviations[low] {
		if ambiguous[low] {
			return beforeNumberOrLower(next) && isCapitalized(stem)
		}
		return true
	}
	return false
}

// ambiguous abbreviations are also common words ("no.", "ill.", "art."): they keep
// their period only when capitalised and followed by a number or a lowercase word.
var ambiguous = set("no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "art", "ch", "sec",
	"v", "ca", "ed", "eds", "est", "sun", "sat", "mar", "wed", "ill", "ind", "wash",
	"miss", "mass", "del", "pa", "la", "co", "ore", "mo", "ark", "min", "max", "ext", "ref",
	"op", "tel", "ave", "rd", "sq", "ft", "oz", "lb", "lbs", "km", "yr", "yrs", "dec", "jan",
	"mon", "hon", "rev", "fr", "ms", "mt", "cf", "mins", "hrs", "esp", "abt", "govs",
	"sens", "reps", "pres", "amb", "rt", "misc", "viz", "ibid", "tue", "tues",
	"thu", "thur", "thurs", "fri", "neb", "nev", "kan", "kans", "ky", "md", "minn", "mont",
	"okla", "tenn", "tex", "va", "vt", "wis", "wyo", "ala", "ariz", "calif", "colo", "conn",
	"fla", "ga", "mich", "univ", "assn", "dept", "bros", "ltd")

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func beforeNumberOrLower(next string) bool {
	next = strings.TrimLeftFunc(next, isSpace)
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsDigit(r) || unicode.IsLower(r) || r == ',' || r == ';' || r == ')' || r == '('
}

// isWhole reports text kept as one token: URLs, e-mail addresses, handles, hashtags,
// emoticons, numbers.
func isWhole(s string) bool {
	if emoticons[s] || len(s) <= 5 && clitics[strings.ToLower(s)] { // the longest clitic: "n’t"
		return true
	}
	if rl, _ := utf8.DecodeLastRuneInString(s); isTrailing(rl) && rl != '/' {
		// a URL or address never ends in punctuation: strip it first
		return isNumber(s)
	}
	if (s[0] == '\'' || strings.HasPrefix(s, "’")) && len(s) > 2 && isDecade(s) {
		return true
	}
	if len(s) < 2 {
		return true
	}
	return isURL(s) || isEmail(s) || isHandle(s) || isNumber(s)
}

// clitics standing alone ("Russia 's") are words, not quote plus letters.
var clitics = set("'s", "’s", "'m", "’m", "'d", "’d", "'re", "’re", "'ve", "’ve", "'ll", "’ll",
	"n't", "n’t", "'", "’")

// isDecade: "'90s", "’22".
func isDecade(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	d := 0
	for i := n; i < len(s); i++ {
		if isDigitByte(s[i]) {
			d++
		} else if !(s[i] == 's' && i == len(s)-1 && d == 2) {
			return false
		}
	}
	return d == 2
}

// IsAddress reports whether token s is a web address or an e-mail address.
func IsAddress(s string) bool { return isURL(s) || isEmail(s) }

func isURL(s string) bool {
	if strings.IndexByte(s, '.') < 0 && strings.IndexByte(s, ':') < 0 {
		return false // the common case, a word
	}
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "ftp://") ||
		(strings.HasPrefix(l, "www.") && len(l) > 6) {
		return true
	}
	// bare domains with a path or a common top-level domain: "cra.org/resources"
	host, _, _ := strings.Cut(l, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	switch host[dot+1:] {
	case "com", "org", "net", "edu", "gov", "mil", "int", "io", "uk", "ua", "ru", "de", "fr",
		"eu", "info", "ca", "au", "us", "jp", "cn", "in", "nl", "pl", "it", "es", "ch", "se":
		return true
	}
	return false
}

func isEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	dom := s[at+1:]
	d := strings.IndexByte(dom, '.')
	if d <= 0 || d == len(dom)-1 || strings.ContainsAny(dom, "@,;()<>\"") {
		return false
	}
	return !strings.ContainsAny(s[:at], ",;()<>\"")
}

// isHandle: "@user" or "#tag".
func isHandle(s string) bool {
	if s[0] != '@' && s[0] != '#' {
		return false
	}
	n := 0
	for _, r := range s[1:] {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 0
}

// isNumber: digits with inner separators, "3.5", "1,000", "10:30", "1/3", "+380".
func isNumber(s string) bool {
	digits := 0
	prevSep := true
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			prevSep = false
		case (r == '.' || r == ',' || r == ':' || r == '/') && !prevSep && i < len(s)-1:
			prevSep = true
		default:
			return false
		}
	}
	return digits > 0 && !prevSep
}

// splitCore splits the inside of a chunk: clitics, hyphens, dashes, inner
// punctuation.
func splitCore(s string, lo, hi int, out []piece) []piece {
	core := s[lo:hi]
	if isWhole(core) {
		return append(out, piece{a: lo, b: hi})
	}
	// A clitic at the end is one word of the same surface token.
	if k := cliticSplit(core); k > 0 {
		out = splitInner(s, lo, lo+k, out)
		return append(out, piece{a: lo + k, b: hi, joined: true})
	}
	return splitInner(s, lo, hi, out)
}

// cliticSplit returns the byte offset in w where a clitic starts, or 0.
func cliticSplit(w string) int {
	n := len(w)
	low := w
	if hasUpperASCII(w) {
		low = strings.ToLower(w)
		if len(low) != n {
			return 0
		}
	}
	for _, suf := range [...]string{"n't", "n’t"} {
		if strings.HasSuffix(low, suf) && n > len(suf) && isLetterBefore(w, n-len(suf)) {
			return n - len(suf)
		}
	}
	for _, suf := range [...]string{"'s", "’s", "'m", "’m", "'d", "’d", "'re", "’re", "'ve", "’ve", "'ll", "’ll"} {
		if strings.HasSuffix(low, suf) && n > len(suf) {
			r, _ := utf8.DecodeLastRuneInString(w[:n-len(suf)])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
				return n - len(suf)
			}
		}
	}
	if k, ok := contractions[low]; ok {
		return k
	}
	return 0
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 0x80 {
			return true
		}
	}
	return false
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// splitInner splits s[lo:hi] at hyphens, dashes, ellipses and punctuation inside words.
func splitInner(s string, lo, hi int, out []piece) []piece {
	w := s[lo:hi]
	if isWhole(w) || isPhone(w) {
		return append(out, piece{a: lo, b: hi})
	}
	start := 0 // start of the current piece, relative to w
	i := 0
	for i < len(w) {
		r, n := utf8.DecodeRuneInString(w[i:])
		cut := 0 // length of a separator piece at i
		switch {
		case isDash(r):
			cut = n
		case r == '-':
			k := runLen(w[i:], '-')
			if k > 1 {
				cut = k
			} else if i > start && i+1 < len(w) && !keepHyphen[strings.ToLower(w[start:i])] {
				cut = 1
			}
		case r == '.' && i+1 < len(w) && w[i+1] == '.':
			cut = runLen(w[i:], '.')
		case r == '…' || r == '(' || r == ')' || r == '[' || r == ']' || r == '"' || r == ';' ||
			r == '!' || r == '?' || r == '“' || r == '”' || r == '{' || r == '}':
			cut = n
		case r == ',':
			if i == 0 || i+1 >= len(w) || !(isDigitByte(w[i-1]) && isDigitByte(w[i+1])) {
				cut = 1
			}
		case r == '/':
			// "and/or", "24/7" split; "w/o", "I/S" stay
			if !(i-start == 1 && len(w)-i == 2) {
				cut = 1
			}
		case r == ':':
			if i > start && i+1 < len(w) && w[i+1] != '/' && isLetterBefore(w, i) {
				cut = 1
			}
		case r == '.':
			// a missing space between sentences: "album.That"
			if i-start >= 2 && i+2 < len(w) && isLowerASCII(w[i-1]) && isLowerASCII(w[i-2]) &&
				w[i+1] >= 'A' && w[i+1] <= 'Z' && isLowerASCII(w[i+2]) {
				cut = 1
			}
		case unicode.Is(unicode.So, r):
			cut = n
		case r >= '0' && r <= '9' && i == start:
			// a number glued to its unit: "375mm", "8gb"
			k := i
			for k < len(w) && isDigitByte(w[k]) {
				k++
			}
			if k < len(w) && units[strings.ToLower(w[k:])] {
				out = append(out, piece{a: lo + i, b: lo + k})
				start = k
				i = k
				continue
			}
		}
		if cut == 0 {
			i += n
			continue
		}
		if i > start {
			out = append(out, piece{a: lo + start, b: lo + i})
		}
		out = append(out, piece{a: lo + i, b: lo + i + cut})
		i += cut
		start = i
	}
	if start < len(w) {
		out = append(out, piece{a: lo + start, b: hi})
	}
	return out
}

// isPhone: digit groups joined by hyphens that read as a telephone number
// ("713-853-3989", "345-9945"), which the treebanks keep whole, unlike ranges
// ("1969-1970").
func isPhone(s string) bool {
	groups := strings.Split(s, "-")
	if len(groups) < 2 {
		return false
	}
	for _, g := range groups {
		if g == "" {
			return false
		}
		for i := 0; i < len(g); i++ {
			if !isDigitByte(g[i]) {
				return false
			}
		}
	}
	if len(groups) >= 3 {
		return true
	}
	a, b := len(groups[0]), len(groups[1])
	return b == 4 && a != 4 && a <= 5
}
