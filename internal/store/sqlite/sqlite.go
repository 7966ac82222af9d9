// Package sqlite is sitrep's default store: one SQLite file, through the pure-Go
// driver modernc.org/sqlite (no cgo), so the binary stays static.
//
// The database runs in WAL mode: readers never wait for the writer, and a process
// killed mid-write loses at most the transaction it was in. Writes go through a
// single connection, so goroutines of one process queue for it instead of meeting
// SQLITE_BUSY; another process writing the same file is waited for (busy_timeout).
// The schema is a numbered list of migrations recorded in PRAGMA user_version.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"modernc.org/sqlite"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// Memory is the path that opens a private database in memory, gone on Close.
const Memory = ":memory:"

const (
	driverName = "sqlite"
	// busyTimeoutMS is how long to wait for another process's write lock (sitrep
	// serve and sitrep ingest may share one file) before giving up.
	busyTimeoutMS = 10000
	// readers is the size of the read pool. Reads are short; a few connections
	// keep the API responsive during a long ingest.
	readers = 4
	// Snippet sizes: tokens around a match, and code points of an opening.
	snippetTokens = 24
	openingChars  = 200
)

// Store is a document store in one SQLite database. It is safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB      // a single connection: every write
	r    *sql.DB      // the read pool; the same as w in memory
	pic  pictureStmts // statements Put runs for the picture, prepared once (picture_schema.go)
}

var _ store.Store = (*Store)(nil)

// Open opens the store at path, creating the file and its schema if need be, or a
// private in-memory store when path is Memory.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: no path given")
	}
	s := &Store{path: path}
	if path == Memory {
		// Each connection to ":memory:" is a database of its own, so there can be
		// only one, and it must never be closed while the store is open.
		db, err := sql.Open(driverName, Memory+"?"+params(false, true))
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		s.w, s.r = db, db
	} else {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		if s.w, err = sql.Open(driverName, fileDSN(abs, true)); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		s.w.SetMaxOpenConns(1)
		if s.r, err = sql.Open(driverName, fileDSN(abs, false)); err != nil {
			s.w.Close()
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		s.r.SetMaxOpenConns(readers)
	}
	// Connecting runs the pragmas: this is where a file that is not a database,
	// or a path that cannot be created, is found out.
	if err := s.w.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, ctxErr(ctx, err))
	}
	if err := migrate(ctx, s.w); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, ctxErr(ctx, err))
	}
	return s, nil
}

// fileDSN is the modernc.org/sqlite data source name for a database file.
// A file: URI keeps paths with spaces, '?' or '#' intact.
func fileDSN(abs string, write bool) string {
	return "file:" + escapePath(filepath.ToSlash(abs)) + "?" + params(write, false)
}

// params are the connection settings. Every connection waits for locks and
// enforces foreign keys; the writer sets WAL (which persists in the file),
// synchronous=NORMAL (durable across a crash of the process, and of the machine
// up to the last checkpoint: WAL's recommended trade) and takes the write lock at
// BEGIN, so that a transaction never fails half-way on a lock upgrade. Readers
// cannot write at all.
func params(write, memory bool) string {
	v := url.Values{}
	v.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	v.Add("_pragma", "foreign_keys(1)")
	switch {
	case write && !memory:
		v.Add("_pragma", "journal_mode(WAL)")
		v.Add("_pragma", "synchronous(NORMAL)")
		v.Set("_txlock", "immediate")
	case memory:
		v.Set("_txlock", "immediate")
	default:
		v.Add("_pragma", "query_only(1)")
	}
	return v.Encode()
}

// escapePath percent-encodes what a URI path may not carry verbatim.
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '%', '?', '#':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Close closes the database. It is safe to call more than once.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil && s.r != s.w {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// row is a record ready to insert.
type row struct {
	hash, caller string
	src          record.Source
	text         string
	chars        int
	json         string // bound as TEXT: SQLite's json functions read a BLOB as JSONB
}

// prepare validates rec and renders it for the documents table. The record's JSON
// leaves the text out: it is stored once, in its own column, which the full-text
// index reads too.
func prepare(i, n int, rec *record.Record) (row, error) {
	if rec == nil {
		return row{}, fmt.Errorf("record %d of %d is nil", i+1, n)
	}
	name := fmt.Sprintf("record %d of %d (id %q)", i+1, n, rec.ID)
	if !utf8.ValidString(rec.Text) {
		return row{}, fmt.Errorf("%s: text is not valid UTF-8", name)
	}
	if strings.TrimSpace(rec.Text) == "" {
		return row{}, fmt.Errorf("%s: text is empty", name)
	}
	for _, f := range []string{rec.ID, rec.Source.URL, rec.Source.Outlet, rec.Source.Title, rec.Source.Author, rec.Source.Published, rec.Source.Language} {
		if !utf8.ValidString(f) {
			return row{}, fmt.Errorf("%s: id or source field %q is not valid UTF-8", name, f)
		}
	}
	r := row{hash: record.ContentHash(rec.Text), src: rec.Source, text: rec.Text, chars: utf8.RuneCountInString(rec.Text)}
	stored := *rec
	stored.Text = ""
	switch rec.ID {
	case "":
		stored.ID = r.hash
	case r.hash:
	default:
		r.caller = rec.ID
	}
	b, err := json.Marshal(&stored)
	if err != nil {
		return row{}, fmt.Errorf("%s: %w", name, err)
	}
	r.json = string(b)
	return r, nil
}

const insertSQL = `
INSERT INTO documents (id, caller_id, url, outlet, title, author, published, language, text, chars, record, ingested)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

// indexSQL adds the documents a Put stored to the full-text index, in one
// statement. An insert trigger would index row by row, and FTS5 writes its pending
// terms to disk at every statement savepoint, so each document would become an
// index segment of its own to be merged later: twice the CPU time of this.
// Seq only grows and Put holds the write lock, so seq >= the first new one is
// exactly this batch.
const indexSQL = `
INSERT INTO documents_fts (rowid, title, text)
SELECT seq, title, text FROM documents WHERE seq >= ?`

// Put stores recs in one transaction. Records are validated first: a nil record,
// or a text that is empty or not UTF-8, fails the whole batch and stores nothing.
func (s *Store) Put(ctx context.Context, recs []*record.Record) ([]store.PutResult, error) {
	if len(recs) == 0 {
		return []store.PutResult{}, nil
	}
	rows := make([]row, len(recs))
	for i, rec := range recs {
		var err error
		if rows[i], err = prepare(i, len(recs), rec); err != nil {
			return nil, fmt.Errorf("put into %s: %w", s.path, err)
		}
	}
	// Before the transaction: the writer has one connection, which it will hold.
	if err := s.preparePicture(ctx); err != nil {
		return nil, fmt.Errorf("put into %s: %w", s.path, ctxErr(ctx, err))
	}
	res, err := s.put(ctx, rows)
	if err != nil {
		return nil, fmt.Errorf("put %d records into %s: %w", len(recs), s.path, ctxErr(ctx, err))
	}
	return res, nil
}

func (s *Store) put(ctx context.Context, rows []row) ([]store.PutResult, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, insertSQL)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()

	now := time.Now().UnixMicro()
	res := make([]store.PutResult, len(rows))
	seen := make(map[string]bool, len(rows))
	var first int64 // seq of the first document stored, 0 while none is
	for i, r := range rows {
		res[i].ID = r.hash
		if seen[r.hash] {
			res[i].Duplicate = true
			continue
		}
		seen[r.hash] = true
		out, err := stmt.ExecContext(ctx, r.hash, nullable(r.caller), r.src.URL, r.src.Outlet, r.src.Title,
			r.src.Author, r.src.Published, r.src.Language, r.text, r.chars, r.json, now)
		if err != nil {
			return nil, err
		}
		n, err := out.RowsAffected()
		if err != nil {
			return nil, err
		}
		res[i].Duplicate = n == 0
		if n == 1 && first == 0 {
			if first, err = out.LastInsertId(); err != nil {
				return nil, err
			}
		}
	}
	if first > 0 {
		if _, err := tx.ExecContext(ctx, indexSQL, first); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		if err := s.fillPicture(ctx, tx, first); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return res, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Get returns the record with this content hash or, failing that, the most recently
// stored record the caller gave this id.
func (s *Store) Get(ctx context.Context, id string) (*record.Record, error) {
	var js []byte
	var text string
	err := s.r.QueryRowContext(ctx, `SELECT record, text FROM documents WHERE id = ?`, id).Scan(&js, &text)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.r.QueryRowContext(ctx,
			`SELECT record, text FROM documents WHERE caller_id = ? ORDER BY seq DESC LIMIT 1`, id).Scan(&js, &text)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get document %q from %s: %w", id, s.path, ctxErr(ctx, err))
	}
	var rec record.Record
	if err := json.Unmarshal(js, &rec); err != nil {
		return nil, fmt.Errorf("document %q in %s: stored record is corrupt: %w", id, s.path, err)
	}
	rec.Text = text
	return &rec, nil
}

// Count returns how many documents are stored.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents in %s: %w", s.path, ctxErr(ctx, err))
	}
	return n, nil
}

const summaryColumns = `d.seq, d.id, d.caller_id, d.url, d.outlet, d.title, d.author, d.published, d.language, d.chars, d.ingested`

// The listing reads only the opening of each text, for the snippet.
var listSQL = fmt.Sprintf(`
SELECT %s, substr(d.text, 1, %d)
FROM documents AS d
WHERE d.seq < ?
ORDER BY d.seq DESC
LIMIT ?`, summaryColumns, 3*openingChars)

// A search walks the full-text index newest first, so paging costs the same at any
// depth. The snippet marks nothing: the API returns plain text.
var searchSQL = fmt.Sprintf(`
SELECT %s, snippet(documents_fts, -1, '', '', '…', %d)
FROM documents_fts
JOIN documents AS d ON d.seq = documents_fts.rowid
WHERE documents_fts MATCH ? AND documents_fts.rowid < ?
ORDER BY documents_fts.rowid DESC
LIMIT ?`, summaryColumns, snippetTokens)

// List returns one page of documents, newest first, optionally filtered by a
// full-text query (see matchExpr for its grammar).
func (s *Store) List(ctx context.Context, q store.Query) (store.Page, error) {
	limit := q.Limit
	switch {
	case limit < 0:
		return store.Page{}, fmt.Errorf("%w: limit %d is negative", store.ErrBadQuery, limit)
	case limit == 0:
		limit = store.DefaultLimit
	case limit > store.MaxLimit:
		limit = store.MaxLimit
	}
	before := int64(math.MaxInt64)
	if q.Cursor != "" {
		var err error
		if before, err = decodeCursor(q.Cursor); err != nil {
			return store.Page{}, err
		}
	}
	var (
		rows *sql.Rows
		err  error
	)
	search := strings.TrimSpace(q.Text) != ""
	if search {
		var expr string
		if expr, err = matchExpr(q.Text); err != nil {
			return store.Page{}, err
		}
		rows, err = s.r.QueryContext(ctx, searchSQL, expr, before, limit+1)
	} else {
		rows, err = s.r.QueryContext(ctx, listSQL, before, limit+1)
	}
	if err != nil {
		return store.Page{}, s.listErr(ctx, q, err)
	}
	defer rows.Close()

	page := store.Page{Documents: []store.Summary{}}
	var lastSeq int64
	for rows.Next() {
		if len(page.Documents) == limit {
			// The extra row only says there is another page.
			page.Next = encodeCursor(lastSeq)
			break
		}
		var (
			d        store.Summary
			caller   sql.NullString
			ingested int64
			snippet  string
		)
		if err := rows.Scan(&lastSeq, &d.ID, &caller, &d.Source.URL, &d.Source.Outlet, &d.Source.Title,
			&d.Source.Author, &d.Source.Published, &d.Source.Language, &d.Chars, &ingested, &snippet); err != nil {
			return store.Page{}, s.listErr(ctx, q, err)
		}
		d.CallerID = caller.String
		d.Ingested = time.UnixMicro(ingested).UTC()
		if search {
			d.Snippet = collapse(snippet)
		} else {
			d.Snippet = opening(snippet, openingChars, d.Chars > 3*openingChars)
		}
		page.Documents = append(page.Documents, d)
	}
	if err := rows.Err(); err != nil {
		return store.Page{}, s.listErr(ctx, q, err)
	}
	return page, nil
}

// listErr wraps an error from a listing. A MATCH expression FTS5 still rejects is
// the user's query, not the store, so it is an ErrBadQuery.
func (s *Store) listErr(ctx context.Context, q store.Query, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == 1 {
		if msg := se.Error(); strings.Contains(msg, "fts5") || strings.Contains(msg, "special query") {
			return fmt.Errorf("%w: query %q: %v", store.ErrBadQuery, q.Text, err)
		}
	}
	return fmt.Errorf("list documents in %s: %w", s.path, ctxErr(ctx, err))
}

// ctxErr makes sure an error caused by a cancelled or expired context says so, so
// that callers can tell a cancellation from a failure with errors.Is.
func ctxErr(ctx context.Context, err error) error {
	if c := ctx.Err(); c != nil && !errors.Is(err, c) {
		return fmt.Errorf("%w: %v", c, err)
	}
	return err
}

// collapse folds runs of white space to one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// opening returns the first n code points of s with white space folded, cut at a
// word boundary and marked with an ellipsis when there is more (more says the text
// goes on beyond s).
func opening(s string, n int, more bool) string {
	s = collapse(s)
	if utf8.RuneCountInString(s) <= n {
		if more {
			s += "…"
		}
		return s
	}
	cut := 0
	for i := range s {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return s[:cut] + "…"
}
