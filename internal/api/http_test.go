package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// TestOverHTTP runs the write-then-read path through a real listener, where body
// limits and HEAD are enforced by net/http itself rather than a recorder.
func TestOverHTTP(t *testing.T) {
	endToEnd(t, newFakeStore())
}

// endToEnd posts the founding article over HTTP, finds it by search and reads its
// record and summary back.
func endToEnd(t *testing.T, st store.Store) {
	article := sharedFile(t, articlePath)
	fx := newFixture(t, st, nil)
	ts := httptest.NewServer(fx.srv)
	defer ts.Close()

	call := func(method, target, ctype, body string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), method, ts.URL+target, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
			req.Header.Set("Authorization", "Bearer "+testToken)
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" || (method != "HEAD" && !json.Valid(b)) {
			t.Errorf("%s %s: %q body %q", method, target, ct, b)
		}
		return resp, b
	}

	target := "/api/documents?id=sofrep-izyum&outlet=SOFREP&published=2022-05-16&url=" + url.QueryEscape("https://sofrep.com/news/izyum/")
	resp, b := call("POST", target, "text/plain; charset=utf-8", article)
	if resp.StatusCode != 201 {
		t.Fatalf("post: %d %s", resp.StatusCode, b)
	}
	var res postResult
	if err := json.Unmarshal(b, &res); err != nil || res.ID != record.ContentHash(article) {
		t.Fatalf("post answered %s (%v)", b, err)
	}
	if resp, b := call("POST", target, "text/plain", article); resp.StatusCode != 200 || !strings.Contains(string(b), `"duplicate":true`) {
		t.Errorf("second post: %d %s", resp.StatusCode, b)
	}
	if resp, b := call("POST", "/api/documents", "text/plain", strings.Repeat(article, 20)); resp.StatusCode != 413 {
		t.Errorf("oversized post: %d %s", resp.StatusCode, b)
	}

	resp, b = call("GET", "/api/documents?q="+url.QueryEscape("Siverskyi OR Kupiansk"), "", "")
	var page store.Page
	if err := json.Unmarshal(b, &page); resp.StatusCode != 200 || err != nil {
		t.Fatalf("search: %d %s", resp.StatusCode, b)
	}
	if len(page.Documents) != 1 || page.Documents[0].ID != res.ID || page.Documents[0].Source.Outlet != "SOFREP" {
		t.Errorf("search found %+v", page.Documents)
	}

	resp, b = call("GET", "/api/records/sofrep-izyum", "", "")
	var rec record.Record
	if err := json.Unmarshal(b, &rec); resp.StatusCode != 200 || err != nil {
		t.Fatalf("record: %d %s", resp.StatusCode, b)
	}
	if rec.Schema != record.Schema || rec.Text != article || rec.Source.Published != "2022-05-16" {
		t.Errorf("record: schema %q, published %q, text of %d bytes", rec.Schema, rec.Source.Published, len(rec.Text))
	}

	resp, b = call("GET", "/api/documents/"+res.ID, "", "")
	var sum documentSummary
	if err := json.Unmarshal(b, &sum); resp.StatusCode != 200 || err != nil || sum.Chars != record.RuneLen(article) {
		t.Errorf("summary: %d %s", resp.StatusCode, b)
	}

	if resp, b := call("HEAD", "/healthz", "", ""); resp.StatusCode != 200 || len(b) != 0 {
		t.Errorf("HEAD /healthz: %d with %d bytes", resp.StatusCode, len(b))
	}
}
