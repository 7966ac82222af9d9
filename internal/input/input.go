// Package input turns what a user names on the command line — a path, a URL, a feed,
// a WARC archive, standard input or a JSONL batch — into a stream of documents.
//
// Each input may yield many documents (a feed's items, an archive's pages). A document
// that cannot be read is yielded as an Item with Err set, so that one broken item
// never stops the rest of the batch.
package input

import (
	"context"
	"fmt"
	"io"
	"iter"
	"time"
)

// Item is one document as read from an input, before its main text is extracted.
// Exactly one of Text and HTML is set on a good item.
type Item struct {
	// Name identifies the item in messages: the path or URL, with "#N" for the Nth
	// item of a feed or archive, or ":N" for the Nth line of a JSONL batch.
	Name string
	// ID is the caller's id (JSONL batch mode); empty otherwise.
	ID string
	// Text is plain text, kept verbatim as the record's text.
	Text string
	// HTML is a page already decoded to UTF-8.
	HTML string
	// Metadata known before extraction (from a feed item, WARC header, HTTP
	// response or JSONL line). Extraction fills what is missing.
	URL       string
	Outlet    string
	Title     string
	Author    string
	Published time.Time
	// Language is the language the input declares for the item (a feed's
	// <language>, an HTTP Content-Language, a JSONL "language"), if any.
	Language string
	// Captured is when an archive captured the page (a WARC record's WARC-Date).
	// It is not a publication date and is never copied into Published; extraction
	// may fall back to it when the page itself carries no date.
	Captured time.Time
	// Err is set when this item could not be read; it names the item.
	Err error
}

// Options govern how inputs are read.
type Options struct {
	// JSONL reads each input as a batch of {"id", "text"|"html", ...} lines.
	JSONL bool
	// AllowPrivate lets URL fetches reach private, loopback and link-local
	// addresses. Off by default: a hostile URL must not reach the local network.
	AllowPrivate bool
	// MaxBytes caps one document (file, response, record). Zero means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds one URL fetch. Zero means DefaultTimeout.
	Timeout time.Duration
	// Stdin is what the input "-" reads; nil means os.Stdin.
	Stdin io.Reader
	// Version is the sitrep version named in the User-Agent of URL fetches;
	// empty means "dev".
	Version string
}

// Defaults for Options.
const (
	DefaultMaxBytes = 32 << 20
	DefaultTimeout  = 30 * time.Second
)

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

// failed yields a single failed item.
func failed(name string, err error) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		yield(Item{Name: name, Err: fmt.Errorf("%s: %w", name, err)})
	}
}

// Read yields the documents of every input in order. It never stops early on a bad
// input: failures arrive as items with Err set.
func Read(ctx context.Context, inputs []string, opt Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for _, in := range inputs {
			for it := range Open(ctx, in, opt) {
				if !yield(it) {
					return
				}
			}
			if ctx.Err() != nil {
				return
			}
		}
	}
}
