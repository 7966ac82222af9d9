package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/testutil"
)

func post(t *testing.T, url, token, ctype, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("POST answered %d with %q", resp.StatusCode, b)
	}
	return resp.StatusCode, m
}

// `sitrep serve` on one machine reads posted documents through its in-process
// queue and embedded worker, and still answers each post with the stored
// document: 201 and its id, 200 for the same text again (stored once), 422 with
// the reason for a page with nothing to read; /metrics counts the worker's work.
func TestServePostsThroughEmbeddedQueue(t *testing.T) {
	article := testutil.FoundingArticle(t)
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	stop, stderr := start(t, "serve", "--db", filepath.Join(dir, "s.db"), "--addr", addr, "--token-file", tokenFile)
	base := "http://" + addr
	eventually(t, "the server to answer", func() bool { c, _ := get(t, base+"/healthz"); return c == 200 })

	url := base + "/api/documents?outlet=SOFREP&published=2022-05-15"
	code, first := post(t, url, "s3cret", "text/plain", article)
	if code != http.StatusCreated || first["id"] == "" || first["duplicate"] == true {
		t.Fatalf("first post: %d %v\n%s", code, first, stderr.String())
	}
	code, again := post(t, url, "s3cret", "text/plain", article)
	if code != http.StatusOK || again["id"] != first["id"] || again["duplicate"] != true {
		t.Errorf("second post: %d %v, want 200 with id %v marked duplicate", code, again, first["id"])
	}
	code, bad := post(t, base+"/api/documents", "s3cret", "text/html", `<html><head><title>Izyum</title></head><body><nav><a href="/">Home</a></nav></body></html>`)
	if code != http.StatusUnprocessableEntity || !strings.Contains(bad["error"].(string), "no readable text") {
		t.Errorf("page without text: %d %v, want 422 saying why", code, bad)
	}
	if c, body := get(t, base+"/api/documents/"+first["id"].(string)); c != 200 || !strings.Contains(body, "Kharkiv") {
		t.Errorf("stored document: %d %.200s", c, body)
	}
	_, metrics := get(t, base+"/metrics")
	for _, want := range []string{`sitrep_documents_processed_total{result="stored"} 1`, "sitrep_documents_dead_total 1"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if c := stop(); c != 0 {
		t.Errorf("serve exit %d:\n%s", c, stderr.String())
	}
}
