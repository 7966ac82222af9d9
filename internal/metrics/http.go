package metrics

import (
	"net/http"
	"strconv"
	"time"
)

// Instrument counts h's requests by status code and times them, in r.
func Instrument(r *Registry, h http.Handler) http.Handler {
	requests := r.CounterVec("sitrep_http_requests_total", "HTTP requests answered, by status code.", "code")
	seconds := r.Histogram("sitrep_http_request_seconds", "Time to answer an HTTP request.", LatencyBuckets)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			requests.With(strconv.Itoa(sw.status)).Inc()
			seconds.Since(start)
		}()
		h.ServeHTTP(sw, req)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing,
// deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
