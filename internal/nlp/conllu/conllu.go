// Package conllu reads and writes CoNLL-U, the Universal Dependencies file format,
// and the IOB2 files of Universal NER, so that treebanks can be used for training and
// scoring and sitrep's own analyses can be written in the same form.
//
// See https://universaldependencies.org/format.html. Empty nodes (decimal ids) are
// read and dropped: nothing in sitrep uses enhanced dependencies.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word: a line of ten columns with an integer id.
type Word struct {
	ID     int // 1-based position in the sentence
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 for the root; -1 when the column is "_"
	Deprel string
	Deps   string
	Misc   string
}

// MultiToken is a surface token that spans several words ("don't" = do + n't): a
// range line "First-Last".
type MultiToken struct {
	First, Last int // word ids, inclusive
	Form        string
	Misc        string
}

// Sentence is one sentence with its comment lines.
type Sentence struct {
	Comments []string // without the leading "# "
	Words    []Word
	Multi    []MultiToken
}

// Comment returns the value of the comment "key = value", and whether it is present.
func (s *Sentence) Comment(key string) (string, bool) {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
		if !ok && strings.TrimSpace(c) == key {
			return "", true
		}
	}
	return "", false
}

// ID returns the sentence id (the sent_id comment), or "".
func (s *Sentence) ID() string { v, _ := s.Comment("sent_id"); return v }

// Text returns the sentence text (the text comment), or "".
func (s *Sentence) Text() string { v, _ := s.Comment("text"); return v }

// NewDoc reports whether the sentence opens a document.
func (s *Sentence) NewDoc() bool {
	_, ok := s.Comment("newdoc id")
	_, ok2 := s.Comment("newdoc")
	return ok || ok2
}

// NewPar reports whether the sentence opens a paragraph.
func (s *Sentence) NewPar() bool {
	_, ok := s.Comment("newpar id")
	_, ok2 := s.Comment("newpar")
	return ok || ok2
}

// MiscValue returns the value of key in a MISC column ("SpaceAfter=No|NER=B-PER").
func MiscValue(misc, key string) (string, bool) {
	if misc == "_" || misc == "" {
		return "", false
	}
	for f := range strings.SplitSeq(misc, "|") {
		if k, v, ok := strings.Cut(f, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// SetMisc returns misc with key set to value (or removed when value is "").
func SetMisc(misc, key, value string) string {
	var out []string
	if misc != "_" && misc != "" {
		for f := range strings.SplitSeq(misc, "|") {
			if k, _, _ := strings.Cut(f, "="); k != key {
				out = append(out, f)
			}
		}
	}
	if value != "" {
		out = append(out, key+"="+value)
	}
	if len(out) == 0 {
		return "_"
	}
	return strings.Join(out, "|")
}

// Token is a surface token: a multiword token, or a word outside any.
type Token struct {
	Form        string
	First, Last int // word indices (0-based) into Sentence.Words
	SpaceAfter  bool
}

// Tokens lists the sentence's surface tokens in order.
func (s *Sentence) Tokens() []Token {
	var out []Token
	m := 0
	for i := 0; i < len(s.Words); i++ {
		w := &s.Words[i]
		for m < len(s.Multi) && s.Multi[m].Last < w.ID {
			m++
		}
		if m < len(s.Multi) && s.Multi[m].First == w.ID {
			mt := s.Multi[m]
			last := i
			for last+1 < len(s.Words) && s.Words[last+1].ID <= mt.Last {
				last++
			}
			sa, _ := MiscValue(mt.Misc, "SpaceAfter")
			out = append(out, Token{Form: mt.Form, First: i, Last: last, SpaceAfter: sa != "No"})
			i = last
			continue
		}
		sa, _ := MiscValue(w.Misc, "SpaceAfter")
		out = append(out, Token{Form: w.Form, First: i, Last: i, SpaceAfter: sa != "No"})
	}
	return out
}

// Reader reads sentences from CoNLL-U text.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int
}

// NewReader returns a reader; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	return &Reader{sc: sc, name: name}
}

// Read returns the next sentence, or io.EOF after the last one. A malformed line is
// an error naming the file and line; reading may go on after it.
func (r *Reader) Read() (*Sentence, error) {
	s := &Sentence{}
	started := false
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if r.line == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			if started {
				return s, nil
			}
			continue
		}
		started = true
		if strings.HasPrefix(line, "#") {
			s.Comments = append(s.Comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		if err := r.parseLine(s, line); err != nil {
			// Skip the rest of the broken sentence so the next read starts clean.
			for r.sc.Scan() {
				r.line++
				if strings.TrimSpace(r.sc.Text()) == "" {
					break
				}
			}
			return nil, err
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", r.name, err)
	}
	if started {
		return s, nil
	}
	return nil, io.EOF
}

func (r *Reader) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.name, r.line, fmt.Sprintf(format, args...))
}

func (r *Reader) parseLine(s *Sentence, line string) error {
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		// Be lenient with pretokenized input that has fewer columns: pad them.
		if len(cols) < 2 || len(cols) > 10 {
			return r.errorf("want 10 tab-separated columns, got %d", len(cols))
		}
		for len(cols) < 10 {
			cols = append(cols, "_")
		}
	}
	id := cols[0]
	if strings.Contains(id, ".") {
		return nil // empty node
	}
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return r.errorf("bad range id %q", id)
		}
		s.Multi = append(s.Multi, MultiToken{First: first, Last: last, Form: cols[1], Misc: cols[9]})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n < 1 {
		return r.errorf("bad word id %q", id)
	}
	if n != len(s.Words)+1 {
		return r.errorf("word id %d out of sequence", n)
	}
	head := -1
	if cols[6] != "_" {
		h, err := strconv.Atoi(cols[6])
		if err != nil || h < 0 {
			return r.errorf("bad head %q", cols[6])
		}
		head = h
	}
	s.Words = append(s.Words, Word{
		ID: n, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4], Feats: cols[5],
		Head: head, Deprel: cols[7], Deps: cols[8], Misc: cols[9],
	})
	return nil
}

// Validate checks what later stages rely on: heads within the sentence and
// multiword ranges inside it.
func (s *Sentence) Validate() error {
	n := len(s.Words)
	for _, w := range s.Words {
		if w.Head > n {
			return fmt.Errorf("word %d: head %d beyond sentence of %d words", w.ID, w.Head, n)
		}
	}
	for _, m := range s.Multi {
		if m.Last > n {
			return fmt.Errorf("range %d-%d beyond sentence of %d words", m.First, m.Last, n)
		}
	}
	return nil
}

// ReadAll reads every sentence, stopping at the first error.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	cr := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// Write writes one sentence followed by a blank line.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	m := 0
	for _, wd := range s.Words {
		for m < len(s.Multi) && s.Multi[m].First < wd.ID {
			m++
		}
		if m < len(s.Multi) && s.Multi[m].First == wd.ID {
			mt := s.Multi[m]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", mt.First, mt.Last, clean(mt.Form), orBlank(mt.Misc))
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, clean(wd.Form),
			orBlank(clean(wd.Lemma)), orBlank(wd.UPOS), orBlank(wd.XPOS), orBlank(wd.Feats), head,
			orBlank(wd.Deprel), orBlank(wd.Deps), orBlank(wd.Misc))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func orBlank(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// clean keeps a form from breaking the line format: tabs and newlines become spaces.
func clean(s string) string {
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}
