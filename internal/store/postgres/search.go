package postgres

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/text/unicode/norm"

	"github.com/sitrep/sitrep/internal/store"
)

// Full-text search is tokenised here, in Go, rather than by a PostgreSQL text
// search configuration: the same code splits and folds the documents (into a
// tsvector sent with COPY) and the queries (into a tsquery), so Černochová finds
// Cernochova and ІЗЮМ finds Ізюм on any server, with no extension (unaccent) and no
// configuration to install, and snippets can be cut around the very words that
// matched.

// Limits of PostgreSQL's tsvector, and of what is worth indexing.
const (
	maxWordBytes   = 200     // longer "words" are junk (base64, URLs run together)
	maxPosition    = 16383   // tsvector positions saturate here
	maxPositions   = 255     // positions kept per lexeme
	maxLexemeBytes = 1 << 19 // well under tsvector's 1 MB of lexeme text
	maxQueryTerms  = 64
)

// isWordRune reports whether r belongs to a word: letters, digits and the marks
// that combine with them. Everything else (spaces, punctuation, apostrophes,
// hyphens) separates words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// appendFold appends the searchable form of word w to b: lower case, without
// diacritics.
func appendFold(b []byte, w string) []byte {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		return b
	}
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return b
}

// fold returns the searchable form of a word.
func fold(w string) string { return string(appendFold(nil, w)) }

// spans calls fn with the byte span of each word of text, until fn returns
// false.
func spans(text string, fn func(start, end int) bool) {
	start := -1
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			if !fn(start, i) {
				return
			}
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

// words calls fn with each word of text, folded, and its byte span, until fn
// returns false.
func words(text string, fn func(w string, start, end int) bool) {
	spans(text, func(start, end int) bool { return fn(fold(text[start:end]), start, end) })
}

// tsvector returns the index entry of text: each folded word with the positions
// where it occurs, so that phrase queries can ask for neighbours.
func tsvector(text string) pgtype.TSVector {
	// First pass: number the distinct words and note, for each word of the
	// text, which it is; then carve every word's positions from one array.
	index := map[string]int32{}
	var (
		lexemes []pgtype.TSVectorLexeme
		seq     []int32 // per word of the text: its lexeme, or -1 if skipped
		buf     []byte
		size    int
	)
	spans(text, func(start, end int) bool {
		buf = appendFold(buf[:0], text[start:end])
		i, ok := index[string(buf)] // no allocation for the lookup
		switch {
		case ok:
		case len(buf) > maxWordBytes || size+len(buf) > maxLexemeBytes:
			i = -1
		default:
			size += len(buf)
			w := string(buf)
			i = int32(len(lexemes))
			index[w] = i
			lexemes = append(lexemes, pgtype.TSVectorLexeme{Word: w})
		}
		seq = append(seq, i)
		return true
	})
	counts := make([]int, len(lexemes))
	total := 0
	for _, i := range seq {
		if i >= 0 && counts[i] < maxPositions {
			counts[i]++
			total++
		}
	}
	slab := make([]pgtype.TSVectorPosition, total)
	for i := range lexemes {
		lexemes[i].Positions, slab = slab[:0:counts[i]], slab[counts[i]:]
	}
	for k, i := range seq {
		if i >= 0 && len(lexemes[i].Positions) < cap(lexemes[i].Positions) {
			lexemes[i].Positions = append(lexemes[i].Positions, pgtype.TSVectorPosition{Position: uint16(min(k+1, maxPosition))})
		}
	}
	slices.SortFunc(lexemes, func(a, b pgtype.TSVectorLexeme) int { return strings.Compare(a.Word, b.Word) })
	return pgtype.TSVector{Valid: true, Lexemes: lexemes}
}

// term is one thing to look for: a word, or a phrase of words that must follow
// one another; with prefix, the last word may be the start of a longer one.
type term struct {
	words  []string
	prefix bool
}

// query is a parsed full-text query: any of its groups matches, and a group
// matches when all of its terms do. As in SQLite's FTS5, juxtaposition (AND) binds
// tighter than OR: "a b OR c" is (a AND b) OR c.
type query [][]term

// parseQuery reads the query syntax of store.Query.Text: words, "quoted phrases",
// OR, and prefix*. Punctuation around words is ignored; a query with nothing left
// to search for is an error wrapping store.ErrBadQuery rather than an empty
// result that would hide the mistake.
func parseQuery(s string) (query, error) {
	var (
		q     query
		group []term
		seen  = map[string]bool{}
		n     int
	)
	add := func(text string, prefix bool) error {
		var t term
		var long bool
		words(text, func(w string, _, _ int) bool {
			if len(w) > maxWordBytes {
				long = true
				return false
			}
			t.words = append(t.words, w)
			return true
		})
		if long {
			return fmt.Errorf("%w: a word longer than %d bytes", store.ErrBadQuery, maxWordBytes)
		}
		if len(t.words) == 0 {
			return nil // punctuation alone: nothing to look for
		}
		t.prefix = prefix
		key := fmt.Sprint(len(q), t.prefix, t.words)
		if seen[key] {
			return nil
		}
		seen[key] = true
		if n++; n > maxQueryTerms {
			return fmt.Errorf("%w: more than %d terms", store.ErrBadQuery, maxQueryTerms)
		}
		group = append(group, t)
		return nil
	}
	endGroup := func() {
		if len(group) > 0 {
			q = append(q, group)
			group = nil
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '"':
			end := strings.IndexByte(s[i+1:], '"')
			var phrase string
			if end < 0 { // an unclosed quote runs to the end
				phrase, i = s[i+1:], len(s)
			} else {
				phrase, i = s[i+1:i+1+end], i+1+end+1
			}
			prefix := i < len(s) && s[i] == '*'
			if prefix {
				i++
			}
			if err := add(phrase, prefix); err != nil {
				return nil, err
			}
		default:
			j := i
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || r == '"' {
					break
				}
				j += size
			}
			tok := s[i:j]
			i = j
			if tok == "OR" {
				endGroup()
				continue
			}
			if err := add(tok, strings.HasSuffix(tok, "*")); err != nil {
				return nil, err
			}
		}
	}
	endGroup()
	if len(q) == 0 {
		return nil, fmt.Errorf("%w: nothing to search for in %q", store.ErrBadQuery, s)
	}
	return q, nil
}

// tsquery renders q in PostgreSQL's tsquery input syntax. The lexemes are
// already folded, so the server compares them as they are.
func (q query) tsquery() string {
	var b strings.Builder
	for gi, g := range q {
		if gi > 0 {
			b.WriteString(" | ")
		}
		b.WriteByte('(')
		for ti, t := range g {
			if ti > 0 {
				b.WriteString(" & ")
			}
			b.WriteByte('(')
			for wi, w := range t.words {
				if wi > 0 {
					b.WriteString(" <-> ")
				}
				b.WriteByte('\'')
				b.WriteString(strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w))
				b.WriteByte('\'')
				if t.prefix && wi == len(t.words)-1 {
					b.WriteString(":*")
				}
			}
			b.WriteByte(')')
		}
		b.WriteByte(')')
	}
	return b.String()
}

// matches reports whether the folded word w is one the query looks for, so a
// snippet can be cut around it.
func (q query) matches(w string) bool {
	for _, g := range q {
		for _, t := range g {
			for i, tw := range t.words {
				if w == tw || (t.prefix && i == len(t.words)-1 && strings.HasPrefix(w, tw)) {
					return true
				}
			}
		}
	}
	return false
}

// Snippet lengths, in characters.
const (
	openingChars = 200
	beforeChars  = 80
	afterChars   = 220
)

// opening returns the start of text with white space collapsed, cut after a
// whole word and marked with an ellipsis when there is more.
func opening(text string) string {
	// Only the head of a long text matters; cut it on a character boundary.
	head, more := text, false
	if len(head) > 4*openingChars {
		cut := 4 * openingChars
		for !utf8.RuneStart(head[cut]) {
			cut--
		}
		head, more = head[:cut], true
	}
	fields := strings.Fields(head)
	if more && len(fields) > 1 && !endsInSpace(head) {
		r, _ := utf8.DecodeRuneInString(text[len(head):])
		if !unicode.IsSpace(r) {
			fields = fields[:len(fields)-1] // the head cut this word short
		}
	}
	var b strings.Builder
	chars := 0
	for i, f := range fields {
		n := utf8.RuneCountInString(f)
		if i > 0 && chars+1+n > openingChars {
			more = true
			break
		}
		if i > 0 {
			b.WriteByte(' ')
			chars++
		}
		if n > openingChars { // one enormous word: cut it
			b.WriteString(string([]rune(f)[:openingChars]))
			more = true
			break
		}
		b.WriteString(f)
		chars += n
	}
	if more {
		b.WriteString(" …")
	}
	return b.String()
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// around returns the passage of text around the first word q matches, white
// space collapsed, with ellipses where it was cut; the opening when no word
// matches (the document matched on words the snippet cannot see, such as a
// prefix spread over a phrase).
func around(text string, q query) string {
	at := -1
	words(text, func(w string, start, _ int) bool {
		if q.matches(w) {
			at = start
			return false
		}
		return true
	})
	if at < 0 {
		return opening(text)
	}
	start := at
	for n := 0; start > 0 && n < beforeChars; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	if start > 0 { // move forward to the start of a word
		if i := strings.IndexFunc(text[start:at], unicode.IsSpace); i >= 0 {
			start += i
		} else {
			start = at
		}
	}
	end := at
	for n := 0; end < len(text) && n < afterChars; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) { // move back to the end of a word
		if i := strings.LastIndexFunc(text[at:end], unicode.IsSpace); i > 0 {
			end = at + i
		}
	}
	s := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		s = "… " + s
	}
	if end < len(text) {
		s += " …"
	}
	return s
}
