package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// TaggedSentence is a sentence of an IOB2 file: one tag per token.
type TaggedSentence struct {
	ID    string // from "# sent_id = ..."
	Forms []string
	Tags  []string // "O", "B-PER", "I-PER", ...
}

// ReadIOB2 reads a Universal NER file: comment lines, then one token a line with the
// columns id, form, tag (further columns ignored), sentences separated by blank lines.
func ReadIOB2(r io.Reader, name string) ([]*TaggedSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var out []*TaggedSentence
	cur := &TaggedSentence{}
	flush := func() {
		if len(cur.Forms) > 0 {
			out = append(out, cur)
		}
		cur = &TaggedSentence{}
	}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "#"):
			k, v, ok := strings.Cut(strings.TrimSpace(line[1:]), "=")
			if ok && strings.TrimSpace(k) == "sent_id" {
				if len(cur.Forms) > 0 {
					flush()
				}
				cur.ID = strings.TrimSpace(v)
			}
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 3 {
				return out, fmt.Errorf("%s:%d: want at least 3 columns, got %d", name, n, len(cols))
			}
			tag := cols[2]
			if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
				return out, fmt.Errorf("%s:%d: bad tag %q", name, n, tag)
			}
			cur.Forms = append(cur.Forms, cols[1])
			cur.Tags = append(cur.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %w", name, err)
	}
	flush()
	return out, nil
}

// Span is a labelled run of tokens [Start, End).
type Span struct {
	Start, End int
	Type       string
}

// SpansFromBIO decodes IOB2 tags into spans. An I- tag that does not continue a span
// of its type opens a new one, as the CoNLL scorer does.
func SpansFromBIO(tags []string) []Span {
	var out []Span
	open := -1
	typ := ""
	for i, t := range tags {
		bi, ty, _ := strings.Cut(t, "-")
		if open >= 0 && (bi != "I" || ty != typ) {
			out = append(out, Span{open, i, typ})
			open = -1
		}
		if bi == "B" || (bi == "I" && open < 0) {
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, Span{open, len(tags), typ})
	}
	return out
}

// BIOFromSpans encodes spans (non-overlapping) as IOB2 tags over n tokens.
func BIOFromSpans(n int, spans []Span) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		tags[s.Start] = "B-" + s.Type
		for i := s.Start + 1; i < s.End; i++ {
			tags[i] = "I-" + s.Type
		}
	}
	return tags
}
