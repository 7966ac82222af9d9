package api

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestErrorStatus(t *testing.T) {
	bearer := "Bearer " + testToken
	noToken := func(c *Config) { c.Token = "" }
	noIngest := func(c *Config) { c.Ingest = nil }
	tests := []struct {
		name           string
		edit           func(*Config)
		method, target string
		ctype, auth    string
		body           string
		chunked        bool // send without Content-Length
		want           int
		wantMsg        string // in the error message
		wantHeader     [2]string
	}{
		{name: "unknown path", method: "GET", target: "/nowhere", want: 404},
		{name: "unknown api path", method: "GET", target: "/api/events", want: 404},
		{name: "no id", method: "GET", target: "/api/documents/", want: 404},
		{name: "unknown document", method: "GET", target: "/api/documents/nope", want: 404, wantMsg: "nope"},
		{name: "unknown record", method: "GET", target: "/api/records/nope", want: 404},
		{name: "delete documents", method: "DELETE", target: "/api/documents", want: 405, wantHeader: [2]string{"Allow", "POST"}},
		{name: "post healthz", method: "POST", target: "/healthz", want: 405, wantHeader: [2]string{"Allow", "GET"}},
		{name: "put record", method: "PUT", target: "/api/records/x", want: 405},
		{name: "limit not a number", method: "GET", target: "/api/documents?limit=ten", want: 400, wantMsg: "limit"},
		{name: "limit zero", method: "GET", target: "/api/documents?limit=0", want: 400},
		{name: "limit negative", method: "GET", target: "/api/documents?limit=-3", want: 400},
		{name: "limit too big", method: "GET", target: "/api/documents?limit=201", want: 400},
		{name: "bad cursor", method: "GET", target: "/api/documents?cursor=zzz", want: 400, wantMsg: "cursor"},
		{name: "bad query", method: "GET", target: "/api/documents?q=%22Izyum", want: 400, wantMsg: "bad query"},
		{name: "query too long", method: "GET", target: "/api/documents?q=" + strings.Repeat("x", maxQueryLen+1), want: 400},
		{name: "store fault on record", method: "GET", target: "/api/records/boom", want: 500},
		{name: "store fault on document", method: "GET", target: "/api/documents/boom", want: 500},

		{name: "writes disabled", edit: noToken, method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: "Izyum", want: 403, wantMsg: "token"},
		{name: "no token", method: "POST", target: "/api/documents", ctype: "text/plain", body: "Izyum", want: 401, wantHeader: [2]string{"WWW-Authenticate", "Bearer"}},
		{name: "wrong token", method: "POST", target: "/api/documents", ctype: "text/plain", auth: "Bearer guess", body: "Izyum", want: 401, wantHeader: [2]string{"WWW-Authenticate", "invalid_token"}},
		{name: "token prefix", method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer[:len(bearer)-1], body: "Izyum", want: 401},
		{name: "basic auth", method: "POST", target: "/api/documents", ctype: "text/plain", auth: "Basic " + testToken, body: "Izyum", want: 401},
		{name: "ingest off", edit: noIngest, method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: "Izyum", want: 503},
		{name: "too large", method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: strings.Repeat("Izyum ", 20000), want: 413},
		{name: "too large chunked", method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: strings.Repeat("Izyum ", 20000), chunked: true, want: 413},
		{name: "xml", method: "POST", target: "/api/documents", ctype: "application/xml", auth: bearer, body: "<a/>", want: 415},
		{name: "no content type", method: "POST", target: "/api/documents", auth: bearer, body: "Izyum", want: 415},
		{name: "koi8-r", method: "POST", target: "/api/documents", ctype: "text/plain; charset=koi8-r", auth: bearer, body: "\xe9\xda\xc0\xcd", want: 415, wantMsg: "koi8-r"},
		{name: "broken json", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text": "Izyum`, want: 400},
		{name: "json syntax", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text" "Izyum"}`, want: 400, wantMsg: "byte"},
		{name: "json wrong type", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text": 5}`, want: 400, wantMsg: `"text"`},
		{name: "json array", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `[{"text": "Izyum"}]`, want: 400, wantMsg: "object"},
		{name: "json two objects", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text": "Izyum"} {"text": "Izium"}`, want: 400},
		{name: "text and html", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text": "Izyum", "html": "<p>Izyum</p>"}`, want: 400},
		{name: "neither text nor html", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"id": "a"}`, want: 400},
		{name: "blank text", method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: " \n\t ", want: 400},
		{name: "empty body", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, want: 400},
		{name: "bad date", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text": "Izyum", "published": "May 16"}`, want: 400, wantMsg: "published"},
		{name: "bad date in query", method: "POST", target: "/api/documents?published=2022-13-01", ctype: "text/plain", auth: bearer, body: "Izyum", want: 400},
		{name: "script url", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"text": "Izyum", "url": "javascript:alert(1)"}`, want: 400, wantMsg: "url"},
		{name: "relative url", method: "POST", target: "/api/documents?url=/izyum", ctype: "text/plain", auth: bearer, body: "Izyum", want: 400},
		{name: "invalid utf-8", method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: "Izyum \xff\xfe", want: 400, wantMsg: "UTF-8"},
		{name: "id too long", method: "POST", target: "/api/documents", ctype: "application/json", auth: bearer, body: `{"id": "` + strings.Repeat("i", maxIDLen+1) + `", "text": "Izyum"}`, want: 400},
		{name: "unreadable document", method: "POST", target: "/api/documents", ctype: "text/html", auth: bearer, body: "<html>UNREADABLE</html>", want: 422, wantMsg: "no main text"},
		{name: "ingest fault", method: "POST", target: "/api/documents", ctype: "text/plain", auth: bearer, body: "EXPLODE", want: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil, tt.edit)
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			if tt.chunked {
				req.ContentLength = -1
			}
			w := httptest.NewRecorder()
			fx.srv.ServeHTTP(w, req)
			checkResponse(t, w)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			e := decode[errorBody](t, w)
			if !strings.Contains(e.Error, tt.wantMsg) {
				t.Errorf("error %q does not mention %q", e.Error, tt.wantMsg)
			}
			if tt.want == 500 && e.Error != "internal server error" {
				t.Errorf("500 answers %q: internals leak", e.Error)
			}
			if strings.Contains(w.Body.String(), "/var/lib") {
				t.Errorf("body leaks a server path: %s", w.Body)
			}
			if name := tt.wantHeader[0]; name != "" && !strings.Contains(w.Header().Get(name), tt.wantHeader[1]) {
				t.Errorf("%s = %q, want it to contain %q", name, w.Header().Get(name), tt.wantHeader[1])
			}
			if tt.want == 401 || tt.want == 403 || tt.want == 413 || tt.want == 415 {
				if len(fx.items) != 0 {
					t.Errorf("refused request reached ingest")
				}
			}
		})
	}
}

// A store fault is logged for the operator even though the client sees only 500.
func TestServerFaultLogged(t *testing.T) {
	fx := newFixture(t, nil, nil)
	w := fx.do(t, "GET", "/api/records/boom", "")
	if w.Code != 500 {
		t.Fatalf("status %d", w.Code)
	}
	if !strings.Contains(fx.logs.String(), "disk I/O error") {
		t.Errorf("log does not carry the fault:\n%s", fx.logs.String())
	}
}

func TestHealthz(t *testing.T) {
	tests := []struct {
		name     string
		countErr error
		want     int
		wantBody string
	}{
		{"store answers", nil, 200, `{"status":"ok"}` + "\n"},
		{"store down", errors.New("database is locked"), 503, `{"error":"store unavailable","status":503}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newFakeStore()
			st.countErr = tt.countErr
			fx := newFixture(t, st, nil)
			w := fx.do(t, "GET", "/healthz", "")
			checkResponse(t, w)
			if w.Code != tt.want || w.Body.String() != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Body, tt.want, tt.wantBody)
			}
		})
	}
}

// The router cleans paths with a redirect; http.Redirect would send an HTML body.
func TestRedirectCarriesNoHTML(t *testing.T) {
	fx := newFixture(t, nil, nil)
	w := fx.do(t, "GET", "/api//documents", "")
	checkResponse(t, w)
	if w.Code/100 != 3 || w.Header().Get("Location") != "/api/documents" {
		t.Errorf("got %d Location %q", w.Code, w.Header().Get("Location"))
	}
}

func TestHandle(t *testing.T) {
	fx := newFixture(t, nil, nil)
	fx.srv.Handle("GET /api/extra", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"extra": "yes"})
	}))
	fx.srv.Handle("GET /api/teapot", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "I'm a teapot: /etc/secret", http.StatusTeapot)
	}))
	fx.srv.Handle("GET /api/panic", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]int
		m["Izyum"]++ // a nil map: the handler panics
	}))
	tests := []struct {
		target, wantBody string
		want             int
	}{
		{"/api/extra", `{"extra":"yes"}`, 200},
		{"/api/teapot", `{"error":"i'm a teapot","status":418}`, 418},
		{"/api/panic", `{"error":"internal server error","status":500}`, 500},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := fx.do(t, "GET", tt.target, "")
			checkResponse(t, w)
			if w.Code != tt.want || strings.TrimSpace(w.Body.String()) != tt.wantBody {
				t.Errorf("got %d %s, want %d %s", w.Code, w.Body, tt.want, tt.wantBody)
			}
		})
	}
	if !strings.Contains(fx.logs.String(), "panic serving request") {
		t.Errorf("panic not logged:\n%s", fx.logs.String())
	}
}
