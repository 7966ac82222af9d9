package worker

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/record"
)

// document is the body of a queue message: one input item as read, before
// extraction, so that the reading runs on the workers.
type document struct {
	Name      string    `json:"name,omitempty"`
	ID        string    `json:"id,omitempty"`
	Text      string    `json:"text,omitempty"`
	HTML      string    `json:"html,omitempty"`
	URL       string    `json:"url,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Title     string    `json:"title,omitempty"`
	Author    string    `json:"author,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Language  string    `json:"language,omitempty"`
	Captured  time.Time `json:"captured,omitzero"`
}

// compressAbove is the body size from which a message is gzipped: HTML shrinks
// five to ten times, so pages well over the server's 1 MB message limit still go.
const compressAbove = 32 << 10

// Message encodes an item for the queue. Its ID is the content hash of the text
// or page as read, so the same document published twice is dropped by the queue's
// duplicate window; the store drops it again by the hash of the extracted text.
func Message(it input.Item) (queue.Message, error) {
	if it.Err != nil {
		return queue.Message{}, it.Err
	}
	d := document{
		Name: it.Name, ID: it.ID, Text: it.Text, HTML: it.HTML, URL: it.URL, Outlet: it.Outlet,
		Title: it.Title, Author: it.Author, Published: it.Published, Language: it.Language, Captured: it.Captured,
	}
	body, err := json.Marshal(d)
	if err != nil {
		return queue.Message{}, fmt.Errorf("%s: encode for the queue: %w", it.Name, err)
	}
	if len(body) > compressAbove {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(body)
		if err := zw.Close(); err != nil {
			return queue.Message{}, fmt.Errorf("%s: compress for the queue: %w", it.Name, err)
		}
		body = b.Bytes()
	}
	content := it.Text
	if content == "" {
		content = it.HTML
	}
	return queue.Message{ID: record.ContentHash(content), Body: body}, nil
}

// maxDecoded bounds a decompressed body, so a hostile message cannot expand
// without limit.
const maxDecoded = 2*input.DefaultMaxBytes + 1<<20

// decode reads an item back from a message body.
func decode(body []byte) (input.Item, error) {
	if len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return input.Item{}, fmt.Errorf("decompress: %w", err)
		}
		body, err = io.ReadAll(io.LimitReader(zr, maxDecoded+1))
		if err != nil {
			return input.Item{}, fmt.Errorf("decompress: %w", err)
		}
		if len(body) > maxDecoded {
			return input.Item{}, fmt.Errorf("decompressed body over %d bytes", maxDecoded)
		}
	}
	var d document
	if err := json.Unmarshal(body, &d); err != nil {
		return input.Item{}, fmt.Errorf("decode: %w", err)
	}
	if d.Text == "" && d.HTML == "" {
		return input.Item{}, fmt.Errorf("decode: message has neither text nor html")
	}
	return input.Item{
		Name: d.Name, ID: d.ID, Text: d.Text, HTML: d.HTML, URL: d.URL, Outlet: d.Outlet,
		Title: d.Title, Author: d.Author, Published: d.Published, Language: d.Language, Captured: d.Captured,
	}, nil
}

// DocumentName returns the name a queued document was read under (its file, URL
// or feed entry), or "" when the body cannot be read.
func DocumentName(body []byte) string {
	it, err := decode(body)
	if err != nil {
		return ""
	}
	if it.Name == "" {
		return it.URL
	}
	return it.Name
}
