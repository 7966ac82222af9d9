// Package store keeps records. Store is the interface every backend implements; the
// storetest package holds the conformance suite each backend must pass.
//
// Documents are keyed by the content hash of their text (record.ContentHash), so a
// document read twice — from a feed and again from an archive, or after a restart —
// is stored once.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/sitrep/sitrep/internal/record"
)

// ErrNotFound is returned when no document has the given id.
var ErrNotFound = errors.New("not found")

// Store is a document store.
type Store interface {
	// Put stores the records in one transaction. A record whose content hash is
	// already stored (or repeated within recs) is not stored again: its Results
	// entry has Duplicate set and ID naming the stored document.
	Put(ctx context.Context, recs []*record.Record) ([]PutResult, error)
	// Get returns the record of the document with this id (its content hash) or,
	// failing that, the caller's id it was ingested with.
	Get(ctx context.Context, id string) (*record.Record, error)
	// List returns one page of documents, newest first, optionally filtered by a
	// full-text query.
	List(ctx context.Context, q Query) (Page, error)
	// Count returns how many documents are stored.
	Count(ctx context.Context) (int, error)
	Close() error
}

// PutResult says what happened to one record given to Put.
type PutResult struct {
	ID        string // content hash: the stored document's id
	Duplicate bool   // already stored; nothing was written
}

// Query selects documents for List.
type Query struct {
	// Text is a full-text query: words, "quoted phrases", OR, and prefix*.
	// Empty lists everything.
	Text string
	// Limit is the page size; zero means DefaultLimit, and it is capped at MaxLimit.
	Limit int
	// Cursor is the Next value of the previous page; empty starts at the first.
	Cursor string
}

// Paging bounds.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

// Page is one page of a listing.
type Page struct {
	Documents []Summary `json:"documents"`
	// Next is the cursor for the following page; empty on the last page.
	Next string `json:"next,omitempty"`
}

// Summary describes a stored document without its full record.
type Summary struct {
	ID       string        `json:"id"`
	CallerID string        `json:"caller_id,omitempty"`
	Source   record.Source `json:"source"`
	// Snippet is a short extract: around the matched words for a text query,
	// else the opening of the text.
	Snippet  string    `json:"snippet"`
	Chars    int       `json:"chars"`
	Ingested time.Time `json:"ingested"`
}

// ErrBadQuery wraps errors caused by a malformed full-text query or cursor, so the
// API can answer 400 rather than 500.
var ErrBadQuery = errors.New("bad query")
