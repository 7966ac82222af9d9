package input

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// jsonlLine is one line of a batch: {"id": ..., "text"|"html": ..., ...}.
type jsonlLine struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
	URL       string          `json:"url"`
	Published string          `json:"published"`
	Outlet    string          `json:"outlet"`
	Title     string          `json:"title"`
	Author    string          `json:"author"`
	Language  string          `json:"language"`
}

// maxLine is the longest batch line accepted: a document at the cap, with room
// for JSON escaping and the other fields.
func maxLine(max int64) int64 { return 2*max + 64<<10 }

// readJSONL yields one item per non-blank line. A bad line is a failed item
// naming the line, and the lines after it go on. Memory holds one line.
func readJSONL(ctx context.Context, name string, r io.Reader, opt Options, yield func(Item) bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	max := opt.maxBytes()
	limit := maxLine(max)
	var line []byte
	for n := 1; ctx.Err() == nil; n++ {
		var (
			tooLong bool
			err     error
		)
		line, tooLong, err = readLongLine(br, line[:0], limit)
		if err != nil && err != io.EOF {
			yield(failItem(fmt.Sprintf("%s:%d", name, n), err))
			return
		}
		atEOF := err == io.EOF
		if n == 1 {
			line = trimBOM(line)
		}
		switch {
		case tooLong:
			if !yield(failItem(fmt.Sprintf("%s:%d", name, n), fmt.Errorf("line is longer than %s, the most allowed for a document capped at %s", sizeText(limit), sizeText(max)))) {
				return
			}
		case len(bytes.TrimSpace(line)) > 0:
			if !yield(jsonlItem(fmt.Sprintf("%s:%d", name, n), line, max)) {
				return
			}
		}
		if atEOF {
			return
		}
	}
}

// readLongLine appends the next line (without its newline) to buf. A line over
// limit is skipped to its end and reported with tooLong, never held whole.
func readLongLine(br *bufio.Reader, buf []byte, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(chunk)) > limit+1 { // +1 for the newline
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return bytes.TrimRight(buf, "\r\n"), tooLong, nil
		default:
			return bytes.TrimRight(buf, "\r\n"), tooLong, err
		}
	}
}

func jsonlItem(name string, line []byte, max int64) Item {
	if !utf8.Valid(line) {
		return failItem(name, fmt.Errorf("line is not valid UTF-8 (bad byte at offset %d)", badUTF8Offset(line)))
	}
	var l jsonlLine
	if err := json.Unmarshal(line, &l); err != nil {
		return failItem(name, fmt.Errorf("bad JSON: %w", err))
	}
	id, err := jsonlID(l.ID)
	if err != nil {
		return failItem(name, err)
	}
	it := Item{
		Name:     name,
		ID:       id,
		URL:      strings.TrimSpace(l.URL),
		Outlet:   strings.TrimSpace(l.Outlet),
		Title:    oneLine(l.Title),
		Author:   oneLine(l.Author),
		Language: strings.TrimSpace(l.Language),
	}
	if id != "" {
		name += " (id " + id + ")" // errors name the caller's id too
	}
	if p := strings.TrimSpace(l.Published); p != "" {
		t, err := parseDate(p)
		if err != nil {
			return failItem(name, fmt.Errorf("published: %w", err))
		}
		it.Published = t
	}
	var doc string
	switch {
	case l.Text != nil && l.HTML != nil:
		return failItem(name, errors.New(`line has both "text" and "html"; give one`))
	case l.Text != nil:
		doc = *l.Text
	case l.HTML != nil:
		doc = *l.HTML
	default:
		return failItem(name, errors.New(`line has neither "text" nor "html"`))
	}
	switch {
	case strings.TrimSpace(doc) == "":
		return failItem(name, errors.New("document is empty"))
	case int64(len(doc)) > max:
		return failItem(name, &tooLargeError{limit: max, size: int64(len(doc))})
	}
	if err := checkText(doc); err != nil {
		return failItem(name, fmt.Errorf("document %w", err))
	}
	if l.HTML != nil {
		if !hasBodyText(doc) {
			return failItem(name, errors.New("html has no body text"))
		}
		it.HTML = doc
	} else {
		it.Text = doc
	}
	return it
}

// jsonlID keeps an id's text form: "42" for 42, "a-7" for "a-7".
func jsonlID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0, string(raw) == "null":
		return "", nil
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("id: %w", err)
		}
		return s, nil
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		return string(raw), nil
	}
	return "", fmt.Errorf("id must be a string or a number, not %s", clip(raw, 20))
}
