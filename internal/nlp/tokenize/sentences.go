package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// Span is a run of tokens [Start, End), by index.
type Span struct{ Start, End int }

// MaxSentence bounds a sentence's length in words, so that text without punctuation
// (a table, a list of names) cannot make one unbounded sentence.
const MaxSentence = 250

// Sentences groups tokens into sentences by rule: a sentence ends at a paragraph
// break, at a line break that does not continue a wrapped line, and after terminal
// punctuation (with any closing quotes and brackets) when the next word can start a
// sentence. Titles ("Lt.", "Gen.") never end one; other abbreviations ("U.S.")
// end one only before a word that usually starts sentences.
func Sentences(toks []Token) []Span {
	var out []Span
	start := 0
	for i := 0; i < len(toks); i++ {
		if i+1 == len(toks) {
			break
		}
		end := boundaryAfter(toks, i)
		if end < 0 && i+1-start >= MaxSentence {
			end = i + 1
		}
		if end > 0 {
			out = append(out, Span{start, end})
			start = end
			i = end - 1
		}
	}
	if start < len(toks) {
		out = append(out, Span{start, len(toks)})
	}
	return out
}

// boundaryAfter decides whether a sentence ends after token i, returning the index
// of the next sentence's first token, or -1.
func boundaryAfter(toks []Token, i int) int {
	next := &toks[i+1]
	if next.Joined {
		return -1
	}
	if next.Newlines >= 2 {
		return i + 1
	}
	cur := &toks[i]
	if next.Newlines == 1 {
		// A wrapped line goes on in lowercase after a word or comma.
		if !startsLower(next.Text) || isTerminal(cur.Text) {
			return i + 1
		}
		return -1
	}
	if isTerminal(cur.Text) {
		// Closing quotes and brackets stay with the sentence they close.
		j := i + 1
		for j < len(toks) && isCloser(toks[j].Text) && toks[j].Newlines < 2 {
			j++
			if j < len(toks) && toks[j].Newlines > 0 {
				return j
			}
		}
		if j >= len(toks) {
			return -1
		}
		if canStart(toks[j].Text) {
			return j
		}
		return -1
	}
	if abbrevEnd(cur.Text) {
		if isTitleAbbrev(cur.Text) {
			return -1
		}
		if starters[toks[i+1].Text] {
			return i + 1
		}
	}
	return -1
}

func isTerminal(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != '.' && r != '!' && r != '?' && r != '…' {
			return false
		}
	}
	return true
}

func isCloser(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) {
		return s == "''"
	}
	switch r {
	case '"', '\'', '”', '’', ')', ']', '}', '»', '›':
		return true
	}
	return false
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// canStart: an uppercase letter, a digit, an opening quote or bracket, a bullet.
func canStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return false
	}
	switch r {
	case ',', ';', ':', ')', ']', '}', '%', '.', '!', '?', '…', '”', '’':
		return false
	}
	return true
}

// abbrevEnd: a word of more than one character ending in its own period.
func abbrevEnd(s string) bool {
	return len(s) > 1 && s[len(s)-1] == '.' && !isTerminal(s)
}

func isTitleAbbrev(s string) bool {
	stem := s[:len(s)-1]
	if len(stem) == 1 {
		return true // an initial: "John F. Kennedy"
	}
	low := []byte(stem)
	for i, c := range low {
		if c >= 'A' && c <= 'Z' {
			low[i] = c + 'a' - 'A'
		}
	}
	return titles[string(low)]
}

// starters are words that usually open a sentence: after an abbreviation such as
// "U.S." they mark a sentence break.
var starters = set("The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This",
	"That", "These", "Those", "There", "But", "And", "In", "On", "At", "For", "However",
	"His", "Her", "Its", "Their", "Our", "My", "If", "When", "While", "After", "Before",
	"As", "So", "Yet", "Meanwhile", "According", "Some", "Many", "Most", "No", "Not",
	"What", "Why", "How", "Who", "Where", "Also", "Still", "Now", "Then", "Since", "Although",
	"Despite", "During", "Under", "Over", "By", "With", "From", "To", "Officials")
