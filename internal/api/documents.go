package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// Bounds on query parameters, so that a request cannot hand the store an
// arbitrarily large full-text query.
const (
	maxQueryLen = 1024
	maxIDLen    = 512
	snippetLen  = 200 // code points in a document summary's snippet
)

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.st.Count(ctx); err != nil {
		s.log.ErrorContext(r.Context(), "health check: store does not answer", "error", err)
		return errorf(http.StatusServiceUnavailable, "store unavailable")
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(s.openapi)))
	w.Write(s.openapi)
	return nil
}

func (s *Server) listDocuments(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q := store.Query{Text: v.Get("q"), Cursor: v.Get("cursor")}
	if len(q.Text) > maxQueryLen || len(q.Cursor) > maxQueryLen {
		return errorf(http.StatusBadRequest, fmt.Sprintf("q and cursor are limited to %d bytes", maxQueryLen))
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > store.MaxLimit {
			return errorf(http.StatusBadRequest, fmt.Sprintf("limit must be an integer from 1 to %d", store.MaxLimit))
		}
		q.Limit = n
	}
	page, err := s.st.List(r.Context(), q)
	if err != nil {
		return fmt.Errorf("list documents: %w", err)
	}
	if page.Documents == nil {
		page.Documents = []store.Summary{} // an empty page is [], not null
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// documentSummary is one document without its annotations. The store keeps no
// ingestion time in the record, so unlike store.Summary it has none.
type documentSummary struct {
	ID       string        `json:"id"`
	CallerID string        `json:"caller_id,omitempty"`
	Source   record.Source `json:"source"`
	Snippet  string        `json:"snippet"`
	Chars    int           `json:"chars"`
	Record   string        `json:"record"` // path of the full record
}

func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.st.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return fmt.Errorf("get document: %w", err)
	}
	id := record.ContentHash(rec.Text)
	sum := documentSummary{
		ID:      id,
		Source:  rec.Source,
		Snippet: snippet(rec.Text, snippetLen),
		Chars:   record.RuneLen(rec.Text),
		Record:  "/api/records/" + url.PathEscape(id),
	}
	if rec.ID != id {
		sum.CallerID = rec.ID // a record's id is the caller's when one was given
	}
	writeJSON(w, http.StatusOK, sum)
	return nil
}

func (s *Server) getRecord(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.st.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return fmt.Errorf("get record: %w", err)
	}
	writeJSON(w, http.StatusOK, rec)
	return nil
}

// snippet is the opening of text, at most n code points, cut at a space when one
// is near the end.
func snippet(text string, n int) string {
	text = strings.TrimSpace(text)
	i := 0
	for off := range text {
		if i == n {
			cut := text[:off]
			if sp := strings.LastIndexAny(cut, " \n\t"); sp > len(cut)*3/4 {
				cut = cut[:sp]
			}
			return strings.TrimSpace(cut) + "…"
		}
		i++
	}
	return text
}

// documentIn is a posted document: one line of the JSONL batch format.
type documentIn struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Author    string `json:"author"`
}

type postResult struct {
	ID        string `json:"id"`
	Duplicate bool   `json:"duplicate"`
}

func (s *Server) postDocument(w http.ResponseWriter, r *http.Request) error {
	// Authorise before reading anything an anonymous client sent.
	if err := s.authorize(w, r); err != nil {
		return err
	}
	if s.cfg.Ingest == nil {
		return errorf(http.StatusServiceUnavailable, "this server does not ingest documents")
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case err != nil, mt != "application/json" && mt != "text/plain" && mt != "text/html":
		return errorf(http.StatusUnsupportedMediaType, "Content-Type must be application/json, text/plain or text/html")
	case params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8") && !strings.EqualFold(params["charset"], "us-ascii"):
		return errorf(http.StatusUnsupportedMediaType, fmt.Sprintf("charset %q is not supported: send UTF-8", params["charset"]))
	}
	if r.ContentLength > s.cfg.MaxBody {
		return &http.MaxBytesError{Limit: s.cfg.MaxBody}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if !utf8.Valid(body) {
		return errorf(http.StatusBadRequest, "body is not valid UTF-8")
	}

	var in documentIn
	switch mt {
	case "application/json":
		if in, err = decodeDocument(body); err != nil {
			return errorf(http.StatusBadRequest, err.Error())
		}
	default:
		// A bare text or page: its metadata comes in the query string.
		v := r.URL.Query()
		in = documentIn{ID: v.Get("id"), URL: v.Get("url"), Published: v.Get("published"),
			Outlet: v.Get("outlet"), Title: v.Get("title"), Author: v.Get("author")}
		if mt == "text/html" {
			in.HTML = string(body)
		} else {
			in.Text = string(body)
		}
	}
	it, err := in.item()
	if err != nil {
		return errorf(http.StatusBadRequest, err.Error())
	}

	res, err := s.cfg.Ingest(r.Context(), it)
	if err != nil {
		return fmt.Errorf("ingest %s: %w", it.Name, err)
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	} else {
		w.Header().Set("Location", "/api/documents/"+url.PathEscape(res.ID))
	}
	writeJSON(w, status, postResult{ID: res.ID, Duplicate: res.Duplicate})
	return nil
}

// authorize checks the bearer token. It compares digests so that neither the
// token's bytes nor its length show in the time taken.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.Token == "" {
		return errorf(http.StatusForbidden, "writes are disabled: configure an API token on the server to accept documents")
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		return errorf(http.StatusUnauthorized, "a bearer token is required")
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(s.cfg.Token))
	if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep", error="invalid_token"`)
		return errorf(http.StatusUnauthorized, "invalid token")
	}
	return nil
}

// decodeDocument reads one JSON object, with errors that name the field rather
// than the Go type behind it.
func decodeDocument(body []byte) (documentIn, error) {
	var in documentIn
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&in); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return in, fmt.Errorf("invalid JSON at byte %d", syn.Offset)
		case errors.As(err, &typ) && typ.Field != "":
			return in, fmt.Errorf("field %q must be a %s, not a JSON %s", typ.Field, typ.Type, typ.Value)
		case errors.As(err, &typ):
			return in, errors.New("body must be a JSON object")
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return in, errors.New("body is empty or cut short")
		}
		return in, errors.New("invalid JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return in, errors.New("body must hold exactly one JSON object")
	}
	return in, nil
}

// item checks a posted document and turns it into an input item.
func (in documentIn) item() (input.Item, error) {
	it := input.Item{ID: in.ID, Text: in.Text, HTML: in.HTML, URL: in.URL,
		Outlet: in.Outlet, Title: in.Title, Author: in.Author}
	switch {
	case len(in.ID) > maxIDLen:
		return it, fmt.Errorf("id is longer than %d bytes", maxIDLen)
	case in.Text != "" && in.HTML != "":
		return it, errors.New("give text or html, not both")
	case strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.HTML) == "":
		return it, errors.New("the document is empty: give text or html")
	}
	if in.URL != "" {
		// The URL may later be shown as a link: only web addresses are taken.
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return it, fmt.Errorf("url %q is not an absolute http or https URL", in.URL)
		}
	}
	if in.Published != "" {
		t, err := parsePublished(in.Published)
		if err != nil {
			return it, err
		}
		it.Published = t
	}
	it.Name = "POST /api/documents"
	if in.ID != "" {
		it.Name += " id " + strconv.Quote(in.ID)
	}
	return it, nil
}

func parsePublished(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("published %q is neither YYYY-MM-DD nor RFC 3339", s)
}
