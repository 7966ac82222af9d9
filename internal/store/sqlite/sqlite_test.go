package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// crashEnv, when set, makes the test binary the child of TestCrashSafety: it
// writes documents into the store the variable names until it is killed.
const crashEnv = "SITREP_SQLITE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnv); path != "" {
		os.Exit(crashChild(path))
	}
	os.Exit(m.Run())
}

func openFile(t testing.TB) store.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func openMemory(t testing.TB) store.Store {
	t.Helper()
	s, err := Open(context.Background(), Memory)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func reopen(t testing.TB, st store.Store) store.Store {
	t.Helper()
	path := st.(*Store).path
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSuite(t *testing.T) {
	s := &storetest.Suite{NewStore: openFile, Reopen: reopen}
	s.RunTests(t)
}

func TestSuiteMemory(t *testing.T) {
	s := &storetest.Suite{NewStore: openMemory}
	s.RunTests(t)
}

func BenchmarkSuite(b *testing.B) {
	s := &storetest.Suite{NewStore: openFile}
	s.RunBenchmarks(b)
}

func BenchmarkSuiteMemory(b *testing.B) {
	s := &storetest.Suite{NewStore: openMemory}
	s.RunBenchmarks(b)
}

// The crash test's documents: enough that the child cannot finish before the
// parent has read crashKillAfter batches, given how little the pipe buffers.
const (
	crashDocs      = 5000
	crashBatch     = 25
	crashKillAfter = 30
)

// crashChild puts storetest.Records(crashDocs) in batches and reports every
// document as soon as its Put has returned, so that the parent knows what the store
// promised to keep.
func crashChild(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	recs := storetest.Records(crashDocs)
	out := bufio.NewWriter(os.Stdout)
	for i := 0; i < len(recs); i += crashBatch {
		res, err := s.Put(ctx, recs[i:min(i+crashBatch, len(recs))])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for _, r := range res {
			if !r.Duplicate {
				fmt.Fprintf(out, "stored %s\n", r.ID)
			}
		}
		fmt.Fprintln(out, "batch")
		if err := out.Flush(); err != nil {
			return 1
		}
	}
	return 0
}

// TestCrashSafety kills a process with SIGKILL while it writes documents, then
// checks that every document it was told was stored survived, that the database and
// its full-text index are intact, and that ingesting the whole set again stores
// exactly the missing documents.
func TestCrashSafety(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []string
	batches := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		line := sc.Text()
		if id, ok := strings.CutPrefix(line, "stored "); ok {
			reported = append(reported, id)
		} else if line == "batch" {
			batches++
			if batches == crashKillAfter {
				// Process.Kill is SIGKILL: no deferred code, no clean close.
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Lines already in the pipe were written after their Put returned: they
		// count as promises too, so read on to the end.
	}
	err = cmd.Wait()
	if batches < crashKillAfter {
		t.Fatalf("child stopped after %d batches: %v\n%s", batches, err, stderr.Bytes())
	}
	if err == nil {
		t.Fatalf("child finished all %d documents before it was killed; raise crashDocs", crashDocs)
	}
	t.Logf("child killed after reporting %d documents in %d batches (%v)", len(reported), batches, err)

	ctx := context.Background()
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer st.Close()
	checkIntegrity(t, st)

	before, err := st.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before < len(reported) {
		t.Errorf("count %d after crash, but %d documents were reported stored", before, len(reported))
	}
	for _, id := range reported {
		if _, err := st.Get(ctx, id); err != nil {
			t.Errorf("reported document lost: %v", err)
		}
	}

	recs := storetest.Records(crashDocs)
	promised := map[string]bool{}
	for _, id := range reported {
		promised[id] = true
	}
	stored := 0
	for i := 0; i < len(recs); i += 500 {
		res, err := st.Put(ctx, recs[i:min(i+500, len(recs))])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if !r.Duplicate {
				stored++
				if promised[r.ID] {
					t.Errorf("document %s was reported stored before the crash, and stored again", r.ID)
				}
			}
		}
	}
	if stored != crashDocs-before {
		t.Errorf("second ingest stored %d documents, want the %d missing", stored, crashDocs-before)
	}
	if n, err := st.Count(ctx); err != nil || n != crashDocs {
		t.Errorf("count %d (%v) after second ingest, want %d", n, err, crashDocs)
	}
	checkIntegrity(t, st)
}

// checkIntegrity runs SQLite's own consistency checks on the database and on the
// full-text index against the documents it indexes.
func checkIntegrity(t *testing.T, st store.Store) {
	t.Helper()
	db := st.(*Store).w
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity check: %q %v", res, err)
	}
	if _, err := db.Exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Fatalf("full-text index integrity check: %v", err)
	}
}

func TestMatchExpr(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Izium", `"Izium"`},
		{"  Izium   Kharkiv ", `"Izium" AND "Kharkiv"`},
		{"Izium\tKharkiv\nKupiansk\u00a0Lyman", `"Izium" AND "Kharkiv" AND "Kupiansk" AND "Lyman"`},
		{"Izium OR Izyum", `("Izium" OR "Izyum")`},
		{"Lyman Izyum OR Kupiansk", `"Lyman" AND ("Izyum" OR "Kupiansk")`},
		{"a OR b c OR d OR e", `("a" OR "b") AND ("c" OR "d" OR "e")`},
		{`"Velyka Novosilka"`, `"Velyka Novosilka"`},
		{`"Velyka Novo"*`, `"Velyka Novo"*`},
		{"Kupians*", `"Kupians"*`},
		{"Kupians***", `"Kupians"*`},
		{"Ізюм*", `"Ізюм"*`},
		{"Izyum AND Lyman", `"Izyum" AND "Lyman"`},
		{"or and not", `"or" AND "and" AND "not"`},
		{"NOT Lyman", `"NOT" AND "Lyman"`},
		{"NEAR(Izyum Lyman)", `"NEAR(Izyum" AND "Lyman)"`},
		{"title:Izyum", `"title:Izyum"`},
		{`say "hi`, `"say" AND "hi"`},
		{`a"b`, `"a" AND "b"`},
		{`a" OR "b`, `"a" AND " OR " AND "b"`},
		{"Kharkiv-based O'Brien", `"Kharkiv-based" AND "O'Brien"`},
		{"OR Izyum OR", `"Izyum"`},
		{"a OR OR b", `("a" OR "b")`},
		{"a OR *** OR b", `("a" OR "b")`},
		{"Izyum ^ - ()", `"Izyum"`},
		{"Iz\x00yum\xff", `"Iz" AND "yum"`},
		{`"" Izyum`, `"Izyum"`},
	} {
		got, err := matchExpr(c.in)
		if err != nil || got != c.want {
			t.Errorf("matchExpr(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "   ", `""`, "***", "OR", "AND OR", "()", "-", `" "`, "\x00",
		strings.Repeat("x ", maxQueryTerms+1), strings.Repeat("x", maxQueryBytes+1)} {
		if got, err := matchExpr(in); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("matchExpr(%q) = %q, %v; want ErrBadQuery", in, got, err)
		}
	}
}

func TestCursor(t *testing.T) {
	for _, seq := range []int64{1, 42, 1 << 40, 1<<63 - 1} {
		got, err := decodeCursor(encodeCursor(seq))
		if err != nil || got != seq {
			t.Errorf("cursor for %d decodes to %d, %v", seq, got, err)
		}
	}
	for _, c := range []string{"", "x", encodeCursor(1) + "=", "czA", "czEyYQ", "MTI", "cy0x", "czAx", "czX"} {
		if _, err := decodeCursor(c); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("decodeCursor(%q): %v, want ErrBadQuery", c, err)
		}
	}
}

// The conformance suite leaves precedence and title search to the backend; these
// are sqlite's choices.
func TestSearchChoices(t *testing.T) {
	st := openMemory(t)
	defer st.Close()
	recs := storetest.Records(7) // one copy of each conformance text
	ctx := context.Background()
	if _, err := st.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		// OR binds tighter than AND: Lyman AND (Izyum OR Kupiansk).
		{"Lyman Izyum OR Kupiansk", []string{"storetest-2", "storetest-1"}},
		// "Pushes" is in the first text's title only.
		{"Pushes", []string{"storetest-0"}},
		{"storetest Reznikov", []string{"storetest-4"}},
	} {
		p, err := st.List(ctx, store.Query{Text: c.query})
		if err != nil {
			t.Fatalf("search %q: %v", c.query, err)
		}
		var got []string
		for _, d := range p.Documents {
			got = append(got, d.CallerID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q: got %v, want %v", c.query, got, c.want)
		}
	}
}

// A NUL is valid UTF-8 and may come from a broken page; it must neither truncate
// the stored text nor hide the words after it.
func TestTextWithNUL(t *testing.T) {
	st := openMemory(t)
	defer st.Close()
	ctx := context.Background()
	text := "Ukrainian forces entered Lyman\x00 east of Izium."
	rec := record.New(record.Source{}, text)
	if _, err := st.Put(ctx, []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != text {
		t.Errorf("text %q, want %q", got.Text, text)
	}
	p, err := st.List(ctx, store.Query{Text: "Izium"})
	if err != nil || len(p.Documents) != 1 {
		t.Errorf("search after NUL: %v, %v", p.Documents, err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	notDB := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("Izyum direction remains the hottest spot. ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	for _, c := range []struct{ name, path, says string }{
		{"no path", "", "no path"},
		{"not a database", notDB, "not a database"},
		{"directory", dir, dir},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "x.db"), "x.db"},
		{"newer schema", newer, "newer"},
	} {
		s, err := Open(ctx, c.path)
		if err == nil {
			s.Close()
			t.Errorf("%s: open %q succeeded", c.name, c.path)
			continue
		}
		if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %q does not name %q and say %q", c.name, err, c.path, c.says)
		}
	}
	if b, err := os.ReadFile(notDB); err != nil || !strings.HasPrefix(string(b), "Izyum") {
		t.Errorf("opening a text file as a store changed it: %v", err)
	}
}

func TestOpenAwkwardPath(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "war reports ?#% Ізюм")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "store #1?.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, storetest.Records(3)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the path given: %v", err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Count(ctx); err != nil || n != 3 {
		t.Errorf("count after reopen: %d, %v; want 3", n, err)
	}
}

func TestSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "schema.db")
	for range 2 { // the second open finds the schema current and changes nothing
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var version int
		var mode string
		if err := s.w.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != len(migrations) {
			t.Errorf("user_version %d, %v; want %d", version, err, len(migrations))
		}
		if err := s.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode %q, %v; want wal", mode, err)
		}
		// Readers must not be able to write.
		if _, err := s.r.Exec("DELETE FROM documents"); err == nil {
			t.Error("a read connection could write")
		}
		s.Close()
	}
	// A database with no tables is also a fresh one to migrate.
	db, err := sql.Open(driverName, filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
}

func FuzzMatchExpr(f *testing.F) {
	for _, s := range []string{
		"Izium", `"Velyka Novosilka"`, "Kupians*", "Izium OR Izyum", "Ізюм", "a OR OR b",
		`NEAR("a" "b", 3)`, "title:x", `"unterminated`, "(((", "*", `""`, "\x00", "\xff",
		"col:* OR ^x", `"a"*"b"*`, "- + ! @ # $ % ^ & * ( )", "Č\u030c", "\u202e",
	} {
		f.Add(s)
	}
	st := openMemory(f)
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Put(ctx, storetest.Records(7)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		expr, err := matchExpr(q)
		if err != nil {
			if !errors.Is(err, store.ErrBadQuery) {
				t.Fatalf("matchExpr(%q): %v, not ErrBadQuery", q, err)
			}
			return
		}
		// What matchExpr accepts, FTS5 must parse: no error at all, not even
		// ErrBadQuery.
		if _, err := st.List(ctx, store.Query{Text: q, Limit: 3}); err != nil {
			t.Fatalf("query %q as %q: %v", q, expr, err)
		}
	})
}

func FuzzCursor(f *testing.F) {
	for _, s := range []string{encodeCursor(1), encodeCursor(1 << 62), "", "x", "czA", "////"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		seq, err := decodeCursor(c)
		if err != nil {
			if !errors.Is(err, store.ErrBadQuery) {
				t.Fatalf("decodeCursor(%q): %v, not ErrBadQuery", c, err)
			}
			return
		}
		// Only a cursor this store could have issued is accepted.
		if seq <= 0 || encodeCursor(seq) != c {
			t.Fatalf("decodeCursor(%q) accepted seq %d, which encodes as %q", c, seq, encodeCursor(seq))
		}
	})
}

// The stored record is JSON text, so that SQLite's json functions (and anyone
// looking with the sqlite3 shell) can read it.
func TestRecordColumnIsJSONText(t *testing.T) {
	st := openMemory(t)
	defer st.Close()
	recs := storetest.Records(1)
	if _, err := st.Put(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	var typ, schema, callerID string
	err := st.(*Store).r.QueryRow(`SELECT typeof(record), record ->> '$.schema', record ->> '$.id' FROM documents`).Scan(&typ, &schema, &callerID)
	if err != nil {
		t.Fatal(err)
	}
	if typ != "text" || schema != record.Schema || callerID != recs[0].ID {
		t.Errorf("record column: type %s, schema %q, id %q", typ, schema, callerID)
	}
}
