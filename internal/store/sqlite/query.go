package sqlite

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store"
)

// Bounds on a full-text query. FTS5 parses MATCH expressions recursively, so an
// unbounded query is a way to spend the server's stack and time.
const (
	maxQueryBytes = 1024
	maxQueryTerms = 32
)

// term is one searchable unit of a query: a word or a phrase, maybe a prefix.
type term struct {
	text   string // as the user wrote it, without quotes or trailing stars
	prefix bool
	or     bool // joined to the term before by OR
}

// matchExpr translates a user's query into an FTS5 MATCH expression that cannot
// break FTS5's syntax. The user's grammar is small: words, "quoted phrases", OR
// between terms, and a trailing * for a prefix. Every word and phrase becomes an
// FTS5 string (so FTS5 operators, column filters and punctuation in it are only
// text), OR binds tighter than the implicit AND, as in web search engines, and
// anything else is dropped. A query left with nothing to search for is an
// ErrBadQuery.
func matchExpr(q string) (string, error) {
	if len(q) > maxQueryBytes {
		return "", fmt.Errorf("%w: query of %d bytes, longer than %d", store.ErrBadQuery, len(q), maxQueryBytes)
	}
	terms := parseQuery(q)
	if len(terms) == 0 {
		return "", fmt.Errorf("%w: query %q has no words to search for", store.ErrBadQuery, q)
	}
	if len(terms) > maxQueryTerms {
		return "", fmt.Errorf("%w: query has %d terms, more than %d", store.ErrBadQuery, len(terms), maxQueryTerms)
	}
	// Group runs of OR-joined terms in parentheses and join the groups with an
	// explicit AND: FTS5 would otherwise read "a b OR c" as "(a b) OR c", and it
	// has no implicit AND after a parenthesised group.
	var b strings.Builder
	for i, t := range terms {
		groupStart := !t.or
		groupEnd := i+1 == len(terms) || !terms[i+1].or
		switch {
		case i == 0:
		case groupStart:
			b.WriteString(" AND ")
		default:
			b.WriteString(" OR ")
		}
		if groupStart && !groupEnd {
			b.WriteByte('(')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t.text, `"`, `""`))
		b.WriteByte('"')
		if t.prefix {
			b.WriteByte('*')
		}
		if groupEnd && !groupStart {
			b.WriteByte(')')
		}
	}
	return b.String(), nil
}

// parseQuery splits q into terms. It never fails: what it cannot use it drops.
func parseQuery(q string) []term {
	q = clean(q)
	var terms []term
	pendingOr := false
	add := func(text string, prefix bool) {
		if !searchable(text) {
			return
		}
		terms = append(terms, term{text: text, prefix: prefix, or: pendingOr && len(terms) > 0})
		pendingOr = false
	}
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == ' ':
			i++
		case c == '"':
			// A phrase runs to the closing quote, or to the end if there is none.
			end := strings.IndexByte(q[i+1:], '"')
			var phrase string
			if end < 0 {
				phrase, i = q[i+1:], len(q)
			} else {
				phrase, i = q[i+1:i+1+end], i+2+end
			}
			prefix := false
			for i < len(q) && q[i] == '*' {
				prefix, i = true, i+1
			}
			add(phrase, prefix)
		default:
			end := strings.IndexAny(q[i:], ` "`)
			if end < 0 {
				end = len(q) - i
			}
			word := q[i : i+end]
			i += end
			switch word {
			case "OR":
				pendingOr = true
				continue
			case "AND":
				// AND is what terms mean side by side; saying it changes nothing.
				continue
			}
			bare := strings.TrimRight(word, "*")
			add(bare, len(bare) < len(word))
		}
	}
	return terms
}

// clean makes q valid UTF-8 and turns control characters and every kind of white
// space into plain spaces, so that the scanner only has to know one separator.
func clean(q string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(q, " "))
}

// searchable reports whether s has a character the unicode61 tokenizer keeps as
// part of a token (letters, numbers, private use). A term without one matches
// nothing and is dropped, so that "***" or "()" alone is reported, not searched.
func searchable(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Co) {
			return true
		}
	}
	return false
}

// A cursor is the sequence number of the last document on a page, so the next page
// starts below it whatever has been stored since. It is opaque to callers.
const cursorPrefix = "s"

func encodeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(seq, 10)))
}

func decodeCursor(c string) (int64, error) {
	bad := func() (int64, error) {
		if len(c) > 40 {
			c = c[:40] + "…"
		}
		return 0, fmt.Errorf("%w: cursor %q is not one this store gave out", store.ErrBadQuery, c)
	}
	if len(c) > 32 {
		return bad()
	}
	// Strict: the last character's unused bits must be zero, so that one cursor
	// has one spelling.
	b, err := base64.RawURLEncoding.Strict().DecodeString(c)
	if err != nil {
		return bad()
	}
	s, ok := strings.CutPrefix(string(b), cursorPrefix)
	if !ok {
		return bad()
	}
	seq, err := strconv.ParseInt(s, 10, 64)
	if err != nil || seq <= 0 || strconv.FormatInt(seq, 10) != s {
		return bad()
	}
	return seq, nil
}
