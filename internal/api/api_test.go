package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/testutil"
)

const testToken = "s3cret-token"

var discardLogger = slog.New(slog.DiscardHandler)

// fakeStore keeps records in memory. Its full-text search is a case-insensitive
// match of every word; an odd number of double quotes is a syntax error, as in FTS5.
type fakeStore struct {
	mu       sync.Mutex
	recs     []*record.Record // oldest first
	byHash   map[string]*record.Record
	countErr error
}

func newFakeStore() *fakeStore { return &fakeStore{byHash: map[string]*record.Record{}} }

// errInternal stands for a fault whose message must never reach a client.
var errInternal = errors.New("open /var/lib/sitrep/secret.db: disk I/O error")

func (f *fakeStore) Put(_ context.Context, recs []*record.Record) ([]store.PutResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	res := make([]store.PutResult, len(recs))
	for i, r := range recs {
		h := record.ContentHash(r.Text)
		res[i].ID = h
		if _, ok := f.byHash[h]; ok {
			res[i].Duplicate = true
			continue
		}
		f.byHash[h] = r
		f.recs = append(f.recs, r)
	}
	return res, nil
}

func (f *fakeStore) Get(_ context.Context, id string) (*record.Record, error) {
	if id == "boom" {
		return nil, errInternal
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.byHash[id]; ok {
		return r, nil
	}
	for _, r := range f.recs {
		if r.ID == id {
			return r, nil
		}
	}
	return nil, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
}

func (f *fakeStore) List(_ context.Context, q store.Query) (store.Page, error) {
	if strings.Count(q.Text, `"`)%2 == 1 {
		return store.Page{}, fmt.Errorf("fts5: syntax error near %q: %w", q.Text, store.ErrBadQuery)
	}
	off := 0
	if q.Cursor != "" {
		n, err := strconv.Atoi(q.Cursor)
		if err != nil || n < 0 {
			return store.Page{}, fmt.Errorf("cursor %q: %w", q.Cursor, store.ErrBadQuery)
		}
		off = n
	}
	limit := q.Limit
	if limit == 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	f.mu.Lock()
	defer f.mu.Unlock()
	var p store.Page // Documents stays nil when nothing matches, as a SQL scan leaves it
	n := 0           // matches so far
	for _, r := range slices.Backward(f.recs) {
		if !matches(r.Text, q.Text) {
			continue
		}
		if n++; n <= off {
			continue
		}
		if len(p.Documents) == limit {
			p.Next = strconv.Itoa(off + limit)
			break
		}
		s := store.Summary{ID: record.ContentHash(r.Text), Source: r.Source,
			Snippet: snippet(r.Text, 80), Chars: record.RuneLen(r.Text),
			Ingested: time.Date(2022, 5, 17, 0, 0, 0, 0, time.UTC)}
		if r.ID != s.ID {
			s.CallerID = r.ID
		}
		p.Documents = append(p.Documents, s)
	}
	return p, nil
}

func matches(text, q string) bool {
	text = strings.ToLower(text)
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func (f *fakeStore) Count(context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.recs), f.countErr
}

func (f *fakeStore) Close() error { return nil }

// fixture is a server over a fake store, with the items its ingest received and
// the log it wrote.
type fixture struct {
	srv   *Server
	st    store.Store
	mu    sync.Mutex
	items []input.Item
	logs  bytes.Buffer
}

// newFixture serves st (a fresh fake store when nil) with a token, a fake ingest
// and a small body limit; edit changes the configuration before New.
func newFixture(t testing.TB, st store.Store, edit func(*Config)) *fixture {
	t.Helper()
	if st == nil {
		st = newFakeStore()
	}
	fx := &fixture{st: st}
	cfg := Config{
		Token:   testToken,
		Ingest:  fx.ingest,
		Logger:  slog.New(slog.NewJSONHandler(&syncWriter{w: &fx.logs, mu: &fx.mu}, nil)),
		Version: "v0.0.0-test",
		MaxBody: 64 << 10,
	}
	if edit != nil {
		edit(&cfg)
	}
	fx.srv = New(st, cfg)
	return fx
}

type syncWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// ingest stands in for the reading pipeline: the text (or the page, unread) becomes
// the record's text. Marker words make it fail the two ways a pipeline can.
func (fx *fixture) ingest(ctx context.Context, it input.Item) (store.PutResult, error) {
	fx.mu.Lock()
	fx.items = append(fx.items, it)
	fx.mu.Unlock()
	text := it.Text + it.HTML
	switch {
	case strings.Contains(text, "UNREADABLE"):
		return store.PutResult{}, fmt.Errorf("%s: no main text found: %w", it.Name, ErrBadDocument)
	case strings.Contains(text, "EXPLODE"):
		return store.PutResult{}, errInternal
	}
	src := record.Source{URL: it.URL, Outlet: it.Outlet, Title: it.Title, Author: it.Author}
	if !it.Published.IsZero() {
		src.Published = it.Published.Format(time.DateOnly)
	}
	rec := record.New(src, text)
	if it.ID != "" {
		rec.ID = it.ID
	}
	res, err := fx.st.Put(ctx, []*record.Record{rec})
	if err != nil {
		return store.PutResult{}, err
	}
	return res[0], nil
}

func (fx *fixture) lastItem(t *testing.T) input.Item {
	t.Helper()
	fx.mu.Lock()
	defer fx.mu.Unlock()
	if len(fx.items) == 0 {
		t.Fatal("ingest was not called")
	}
	return fx.items[len(fx.items)-1]
}

// put stores texts directly, newest last, and returns their ids.
func (fx *fixture) put(t testing.TB, texts ...string) []string {
	t.Helper()
	var recs []*record.Record
	for _, s := range texts {
		recs = append(recs, record.New(record.Source{Outlet: "SOFREP"}, s))
	}
	res, err := fx.st.Put(context.Background(), recs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(res))
	for i, r := range res {
		ids[i] = r.ID
	}
	return ids
}

// do serves one request. hdr holds header name, value pairs.
func (fx *fixture) do(t testing.TB, method, target, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	fx.srv.ServeHTTP(w, req)
	return w
}

// checkResponse asserts what holds for every response: security headers, JSON
// only, and errors in the {"error", "status"} shape.
func checkResponse(t testing.TB, w *httptest.ResponseRecorder) {
	t.Helper()
	h := w.Result().Header
	for name, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
		"Referrer-Policy":         "no-referrer",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if w.Code >= 300 && w.Code < 400 {
		if ct := h.Get("Content-Type"); ct != "" || w.Body.Len() != 0 {
			t.Errorf("redirect carries Content-Type %q and %d bytes of body", ct, w.Body.Len())
		}
		return
	}
	if ct := h.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if !json.Valid(w.Body.Bytes()) {
		t.Errorf("body is not JSON: %q", w.Body.String())
	}
	if w.Code >= 400 {
		var e errorBody
		dec := json.NewDecoder(bytes.NewReader(w.Body.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Errorf("error body: %v", err)
		}
		if e.Status != w.Code || e.Error == "" {
			t.Errorf("error body = %+v for status %d", e, w.Code)
		}
	}
}

// sharedFile reads a file under ../shared beside the module root.
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.SharedDir(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const articlePath = "corpus/000_c4534293001b59dc.txt"

// paragraphs splits the founding article into its paragraphs: real text for many
// small documents.
func paragraphs(t testing.TB) []string {
	var ps []string
	for p := range strings.SplitSeq(sharedFile(t, articlePath), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

func decode[T any](t testing.TB, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
	return v
}
