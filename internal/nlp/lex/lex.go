// Package lex computes the lexical attributes that the tagger, parser and entity
// recogniser use as features: normalised forms, shapes, prefixes and suffixes. Like
// spaCy's lexical attributes they are functions of the word alone, so they are
// computed once per word and shared by every model.
package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lower lowercases s, quickly when it is ASCII and already lowercase.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// Norm is the lowercase form with every digit written 0, so that numbers of one
// shape share their features ("2022" and "1999" are both "0000").
func Norm(s string) string {
	l := Lower(s)
	if strings.IndexAny(l, "0123456789") < 0 {
		return l
	}
	b := []byte(l)
	for i, c := range b {
		if c >= '1' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// Shape maps letters to X or x, digits to d and keeps other characters, collapsing
// runs: "Kharkiv" → "Xx", "U.S." → "X.X.", "COVID-19" → "X-d", "Київ" → "Xx".
func Shape(s string) string {
	var buf [32]byte
	b := buf[:0]
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < 0x80:
			c = byte(r)
		default:
			c = '*'
		}
		if c != last {
			b = append(b, c)
			last = c
		}
		if len(b) >= 16 {
			break
		}
	}
	return string(b)
}

// Prefix is the first n code points of s (all of s when shorter).
func Prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// Suffix is the last n code points of s (all of s when shorter).
func Suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return s[i:]
}

// Flags are boolean attributes of a word.
type Flags uint16

const (
	Title     Flags = 1 << iota // first letter upper, some lower: "Kharkiv"
	Upper                       // letters all upper: "NATO", "U.S."
	Lowercase                   // letters all lower
	HasDigit
	AllDigit
	HasHyphen
	HasPeriod
	Punct // no letter or digit
	NonLatin
)

// FlagsOf computes a word's flags.
func FlagsOf(s string) Flags {
	var f Flags
	letters, upper, lower, digits, other := 0, 0, 0, 0, 0
	first := true
	firstUpper := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
				if first {
					firstUpper = true
				}
			} else if unicode.IsLower(r) {
				lower++
			}
			if r >= 0x250 {
				f |= NonLatin
			}
		case unicode.IsDigit(r):
			digits++
		default:
			other++
			if r == '-' {
				f |= HasHyphen
			}
			if r == '.' {
				f |= HasPeriod
			}
		}
		first = false
	}
	if letters > 0 {
		switch {
		case upper == letters:
			f |= Upper
		case lower == letters:
			f |= Lowercase
		case firstUpper:
			f |= Title
		}
	}
	if digits > 0 {
		f |= HasDigit
		if letters == 0 && other == 0 {
			f |= AllDigit
		}
	}
	if letters == 0 && digits == 0 {
		f |= Punct
	}
	return f
}

// Memo remembers a value computed from a word alone, for at most MaxMemo words
// (it forgets them all when full). A nil Memo remembers nothing.
type Memo[T any] map[string]T

// MaxMemo bounds the words a Memo holds.
const MaxMemo = 1 << 15

// Get returns f(w), computing it only if w is not remembered.
func (m Memo[T]) Get(w string, f func(string) T) T {
	if v, ok := m[w]; ok {
		return v
	}
	v := f(w)
	if m != nil {
		if len(m) >= MaxMemo {
			clear(m)
		}
		m[strings.Clone(w)] = v
	}
	return v
}
