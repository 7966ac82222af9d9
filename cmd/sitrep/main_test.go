package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/testutil"
)

// TestMain lets a test run this test binary as the sitrep command itself, so a test
// can kill a real sitrep process part-way through its work.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_AS_MAIN") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &o, &e)
	return o.String(), e.String(), code
}

func decodeRecords(t *testing.T, out string) []record.Record {
	t.Helper()
	var recs []record.Record
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var r record.Record
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("decode: %v\n%s", err, out)
		}
		recs = append(recs, r)
	}
	return recs
}

func foundingPath(t *testing.T) string {
	return filepath.Join(testutil.SharedDir(t), "corpus", "000_c4534293001b59dc.txt")
}

func TestExtractFoundingArticle(t *testing.T) {
	path := foundingPath(t)
	out, errs, code := runCmd(t, "", "extract", "--published", "2022-05-15", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Fatalf("want one NDJSON line, got %d", n)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "id", "source", "text", "boilerplate", "entities", "places", "quotes", "claims", "events", "control"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
	rec := decodeRecords(t, out)[0]
	want, _ := os.ReadFile(path)
	if rec.Text != string(want) || rec.Schema != "sitrep.record/v1" || rec.Source.Published != "2022-05-15" {
		t.Fatalf("record: schema %q published %q, text verbatim %v", rec.Schema, rec.Source.Published, rec.Text == string(want))
	}
	covered := map[string]bool{}
	for _, b := range rec.Boilerplate {
		covered[rec.Slice(record.Span{Start: b.Start, End: b.End})] = true
	}
	for _, s := range []string{
		"Read Next: Ukraine Launches Counteroffensive In Russian-held Kherson",
		"Ukraine Launches Counteroffensive In Russian-held Kherson",
		"Dead Russian soldiers being identified by Ukrainian authorities in Kharkiv (Roman Stepanovych). Source:",
		"Dead Russian soldiers being identified by Ukrainian authorities in Kharkiv (Roman Stepanovych/Twitter)",
	} {
		if !covered[s] {
			t.Errorf("boilerplate does not cover %q", s)
		}
	}
}

func TestExtractStdinAndJSONL(t *testing.T) {
	text := testutil.FoundingArticle(t)
	paras := strings.Split(text, "\n\n")
	line1, _ := json.Marshal(map[string]any{"id": "a1", "text": paras[0], "published": "2022-05-14", "outlet": "SOFREP"})
	line2, _ := json.Marshal(map[string]any{"id": 2, "html": "<html><body><p>" + paras[1] + "</p></body></html>", "url": "https://sofrep.com/x"})
	batch := string(line1) + "\n{broken json\n" + string(line2) + "\n"
	out, errs, code := runCmd(t, batch, "extract", "--jsonl", "-")
	if code != 1 {
		t.Errorf("exit %d, want 1 for the broken line; stderr: %s", code, errs)
	}
	if !strings.Contains(errs, ":2") {
		t.Errorf("stderr does not name line 2: %s", errs)
	}
	recs := decodeRecords(t, out)
	if len(recs) != 2 || recs[0].ID != "a1" || recs[1].ID != "2" {
		t.Fatalf("records: %+v", recs)
	}
	if recs[0].Source.Published != "2022-05-14" || recs[0].Source.Outlet != "SOFREP" || recs[0].Text != paras[0] {
		t.Errorf("first record source %+v", recs[0].Source)
	}
	if !strings.Contains(recs[1].Text, "Head of the Kharkiv Regional Military Administration") {
		t.Errorf("html line text %q", recs[1].Text)
	}

	// Plain text on stdin is kept verbatim.
	out, errs, code = runCmd(t, text, "extract", "-")
	if code != 0 || decodeRecords(t, out)[0].Text != text {
		t.Fatalf("stdin: exit %d %s", code, errs)
	}
}

// One bad input among good ones: the error names it and the others go on.
func TestExtractBatchGoesOnPastBadInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.bin")
	os.WriteFile(junk, []byte("\x00\x01\x02\xff\xfe binary\x00junk"), 0o644)
	missing := filepath.Join(dir, "missing.txt")
	out, errs, code := runCmd(t, "", "extract", junk, missing, foundingPath(t))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, name := range []string{"junk.bin", "missing.txt"} {
		if !strings.Contains(errs, name) {
			t.Errorf("stderr does not name %s: %s", name, errs)
		}
	}
	if recs := decodeRecords(t, out); len(recs) != 1 {
		t.Errorf("want the good document's record, got %d", len(recs))
	}
}

func TestBadFlags(t *testing.T) {
	if _, _, code := runCmd(t, "", "extract", "--published", "15 May 2022", "x"); code == 0 {
		t.Error("a bad --published date was accepted")
	}
	if _, _, code := runCmd(t, "Kharkiv held.", "parse", "--search", "0"); code != 2 {
		t.Errorf("parse --search 0 exit %d", code)
	}
	if _, _, code := runCmd(t, "", "no-such-command"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}

// writeBatch writes n distinct real-text documents as a JSONL batch.
func writeBatch(t *testing.T, n int) string {
	paras := strings.Split(testutil.FoundingArticle(t), "\n\n")
	var b strings.Builder
	for i := range n {
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("d%05d", i), "text": fmt.Sprintf("Report %d. %s", i, paras[i%len(paras)])})
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "batch.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Kill sitrep during a large ingest, run it again: every document is stored once.
func TestIngestKilledAndRerun(t *testing.T) {
	const n = 4000
	batch := writeBatch(t, n)
	db := filepath.Join(t.TempDir(), "kill.db")

	cmd := exec.Command(os.Args[0], "ingest", "--db", db, "--batch", "8", "--jsonl", batch)
	cmd.Env = append(os.Environ(), "SITREP_TEST_AS_MAIN=1", "GOMAXPROCS=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Wait until a good part is committed, then kill it without warning.
	deadline := time.Now().Add(2 * time.Minute)
	var before int
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		st, err := sqlite.Open(ctx, db)
		if err != nil {
			continue
		}
		before, _ = st.Count(ctx)
		st.Close()
		if before >= 400 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if before == 0 {
		t.Fatalf("the child stored nothing before the deadline: %s", stderr.String())
	}

	_, errs, code := runCmd(t, "", "ingest", "--db", db, "--jsonl", batch)
	if code != 0 {
		t.Fatalf("rerun exit %d: %s", code, errs)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	total, _ := st.Count(ctx)
	if total != n {
		t.Fatalf("store holds %d documents, want %d (killed after %d)", total, n, before)
	}
	for _, id := range []string{"d00000", "d01999", fmt.Sprintf("d%05d", n-1)} {
		if _, err := st.Get(ctx, id); err != nil {
			t.Errorf("get %s: %v", id, err)
		}
	}
	// A third run finds everything stored already.
	_, errs, code = runCmd(t, "", "ingest", "--db", db, "--jsonl", batch)
	if code != 0 || !strings.Contains(errs, fmt.Sprintf("stored 0, duplicates %d, failed 0", n)) {
		t.Fatalf("third run exit %d: %s", code, errs)
	}
	t.Logf("killed after %d of %d committed; rerun stored the rest once", before, n)
}

// The demo ingests every bundled sample and serves them; stop it as soon as it
// listens.
func TestDemoIngestsSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"demo", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, &stderr)
	}()
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(stderr.String(), "sitrep serving") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("demo exit %d: %s", code, stderr.String())
	}
	out := stderr.String()
	if !strings.Contains(out, "failed 0") || !strings.Contains(out, "sitrep serving") {
		t.Fatalf("demo output: %s", out)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, err := st.Get(context.Background(), "000_c4534293001b59dc")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Source.Published != "2022-05-15" || rec.Source.Outlet != "SOFREP" || len(rec.Boilerplate) != 4 {
		t.Errorf("founding article: source %+v, %d boilerplate spans", rec.Source, len(rec.Boilerplate))
	}
	if n, _ := st.Count(context.Background()); n < 8 {
		t.Errorf("demo stored %d documents", n)
	}
}

// sitrep parse follows the parser's accurate search unless told to parse
// greedily, which gives other trees for some sentences of the founding article.
func TestParseSearchesByDefault(t *testing.T) {
	text := testutil.FoundingArticle(t)
	def, _, code := runCmd(t, text, "parse")
	if code != 0 {
		t.Fatalf("parse exit %d", code)
	}
	searched, _, _ := runCmd(t, text, "parse", "--search", strconv.Itoa(nlp.SearchPaths))
	greedy, _, _ := runCmd(t, text, "parse", "--search", "1")
	if def != searched {
		t.Errorf("parse differs from parse --search %d", nlp.SearchPaths)
	}
	if def == greedy {
		t.Error("parse gives the greedy parser's trees")
	}
}
