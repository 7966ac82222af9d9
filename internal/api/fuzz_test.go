package api

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// A posted body, whatever its bytes and declared type, gets a JSON answer with a
// client-error or success status: never a panic, never a 500.
func FuzzPostDocument(f *testing.F) {
	f.Add("application/json", []byte(`{"id":"a","text":"Izyum direction remains the hottest spot.","published":"2022-05-16"}`))
	f.Add("application/json", []byte(`{"html":"<p>Izium</p>","url":"https://sofrep.com/x"}`))
	f.Add("application/json", []byte(`{"text": 5}`))
	f.Add("application/json; charset=utf-8", []byte(`{"text":"a"} trailing`))
	f.Add("text/plain", []byte("Kupiansk \xff"))
	f.Add("text/html; charset=windows-1251", []byte("<p>\xc8\xe7\xfe\xec</p>"))
	f.Add("multipart/form-data; boundary=x", []byte("--x--"))
	f.Add("", []byte{})
	fx := newFixture(f, nil, nil)
	ok := map[int]bool{200: true, 201: true, 400: true, 413: true, 415: true, 422: true}
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		if strings.Contains(string(body), "EXPLODE") {
			return // the fake ingest's marker for a server fault
		}
		req := httptest.NewRequest("POST", "/api/documents", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Authorization", "Bearer "+testToken)
		w := httptest.NewRecorder()
		fx.srv.ServeHTTP(w, req)
		if !ok[w.Code] {
			t.Fatalf("status %d for %q %q: %s", w.Code, ctype, body, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json" || !json.Valid(w.Body.Bytes()) {
			t.Fatalf("answer is %q, not JSON: %q", ct, w.Body)
		}
	})
}

// Any query string on the listing gets 200 or 400, as JSON.
func FuzzListQuery(f *testing.F) {
	f.Add("Izyum", "20", "")
	f.Add(`"Izyum`, "0", "x")
	f.Add("Izium OR Izyum*", "200", "3")
	f.Add("", "1e3", "-1")
	fx := newFixture(f, nil, nil)
	fx.put(f, "Izium [Izyum] direction remains the hottest spot.", "Vovchansk and Kupiansk rail hubs.")
	f.Fuzz(func(t *testing.T, q, limit, cursor string) {
		target := "/api/documents?" + url.Values{"q": {q}, "limit": {limit}, "cursor": {cursor}}.Encode()
		w := httptest.NewRecorder()
		fx.srv.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != 200 && w.Code != 400 {
			t.Fatalf("status %d for %s: %s", w.Code, target, w.Body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("not JSON: %q", w.Body)
		}
	})
}
