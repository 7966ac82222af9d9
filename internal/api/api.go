// Package api serves stored documents and records over HTTP as JSON: listing with
// paging and full-text search, one document or record by id, posting a document to be
// read and stored, a health check, and an OpenAPI description of it all.
//
// Article text is untrusted. Every response is JSON with security headers that stop a
// browser from rendering it as anything else, and every error is a JSON object
// {"error": "...", "status": N}.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/store"
)

// DefaultMaxBody caps a request body when Config.MaxBody is zero.
const DefaultMaxBody = 8 << 20

// Config configures a Server.
type Config struct {
	// Token is the bearer token that authorises writes. Empty refuses every write.
	Token string
	// Ingest reads a posted document through the pipeline and stores it. Errors
	// wrapping ErrBadDocument answer 422; any other error answers 500.
	Ingest func(ctx context.Context, it input.Item) (store.PutResult, error)
	// Logger receives one line per request. Nil means slog.Default().
	Logger *slog.Logger
	// Version is the software version, shown in the OpenAPI document.
	Version string
	// MaxBody caps a request body in bytes. Zero means DefaultMaxBody.
	MaxBody int64
}

// ErrBadDocument marks an Ingest error caused by the document itself (nothing to
// read in it, say) rather than by the server, so the API answers 422, not 500.
var ErrBadDocument = errors.New("bad document")

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	st      store.Store
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	routes  []string // patterns in the order they were registered
	openapi []byte
}

// New returns the API over st.
func New(st store.Store, cfg Config) *Server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	s := &Server{st: st, cfg: cfg, log: cfg.Logger, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.openapi = openAPIDocument(cfg.Version)

	s.route("GET /healthz", s.health)
	s.route("GET /api/openapi.json", s.openAPI)
	s.route("GET /api/documents", s.listDocuments)
	s.route("POST /api/documents", s.postDocument)
	s.route("GET /api/documents/{id}", s.getDocument)
	s.route("GET /api/records/{id}", s.getRecord)
	s.pictureRoutes() // picture.go
	return s
}

// Handle adds a route, with a pattern as for http.ServeMux ("GET /api/events/{id}").
// Its responses get the same logging, panic recovery and security headers as the
// built-in routes; a handler serving something other than JSON sets its own
// Content-Type and Content-Security-Policy. Plain-text errors (http.Error) are turned
// into JSON errors.
func (s *Server) Handle(pattern string, h http.Handler) {
	s.mux.Handle(pattern, h)
	s.routes = append(s.routes, pattern)
}

// apiFunc is a handler that reports failure by returning an error; fail turns the
// error into a status code.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

func (s *Server) route(pattern string, fn apiFunc) {
	s.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.fail(w, r, err)
		}
	}))
}

// ServeHTTP serves a request: security headers, logging and panic recovery around
// the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &responseWriter{ResponseWriter: w}
	h := rw.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")

	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.LogAttrs(r.Context(), slog.LevelError, "panic serving request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
			if !rw.wrote {
				writeError(rw, http.StatusInternalServerError, "internal server error")
			}
		}
		status := rw.status
		if !rw.wrote {
			status = http.StatusOK
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "http request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
			slog.Int64("bytes", rw.bytes))
	}()
	s.mux.ServeHTTP(rw, r)
}

// statusError is an error with the status code and message the client sees.
type statusError struct {
	status int
	msg    string
}

func (e *statusError) Error() string { return e.msg }

func errorf(status int, msg string) error { return &statusError{status: status, msg: msg} }

// fail answers err with the status it calls for. Server faults are logged and
// answered with a bare 500: their messages may name files or SQL.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var se *statusError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &se):
		writeError(w, se.status, se.msg)
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge,
			"request body is larger than "+strconv.FormatInt(tooBig.Limit, 10)+" bytes")
	case errors.Is(err, store.ErrNotFound):
		msg := "not found"
		if id := r.PathValue("id"); id != "" {
			msg = "no document with id " + strconv.Quote(id)
		}
		writeError(w, http.StatusNotFound, msg)
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, ErrBadDocument):
		writeError(w, http.StatusUnprocessableEntity, err.Error())
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client went away; nobody reads the answer, but the log shows why.
		writeError(w, 499, "request canceled")
	default:
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("error", err.Error()))
		writeError(w, http.StatusInternalServerError, "internal server error")
	}
}

// writeJSON answers v as JSON. encoding/json escapes <, > and & in strings, so
// article text cannot be read as markup even by a careless client.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Error: "internal server error", Status: status})
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

type errorBody struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg, Status: status})
}

// responseWriter records the status and size for the log, and turns the plain-text
// errors of http.ServeMux and http.Error (404, 405 with Allow) into JSON errors and
// drops the HTML body of http.Redirect, so that no response is anything but JSON
// unless a handler says so.
type responseWriter struct {
	http.ResponseWriter
	status  int
	bytes   int64
	wrote   bool
	discard bool // the handler's body is dropped
}

func (w *responseWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	if code < 200 {
		w.ResponseWriter.WriteHeader(code) // informational: the real answer follows
		return
	}
	w.wrote, w.status = true, code
	h := w.Header()
	ct := h.Get("Content-Type")
	switch {
	case code >= 400 && (ct == "" || strings.HasPrefix(ct, "text/plain")):
		w.discard = true
		var b bytes.Buffer
		json.NewEncoder(&b).Encode(errorBody{Error: strings.ToLower(http.StatusText(code)), Status: code})
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", strconv.Itoa(b.Len()))
		w.ResponseWriter.WriteHeader(code)
		n, _ := w.ResponseWriter.Write(b.Bytes())
		w.bytes += int64(n)
		return
	case code >= 300 && code < 400 && strings.HasPrefix(ct, "text/html"):
		w.discard = true
		h.Del("Content-Type")
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.discard {
		return len(p), nil
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (Flush, deadlines).
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
