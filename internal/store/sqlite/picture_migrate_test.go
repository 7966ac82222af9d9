package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

// A database made before the picture (schema step 1) with the founding article in
// it: opening it backfills the picture tables, and the next Put links the old
// document with its new copy. Splits are recorded and read back.
func TestPictureMigrationBackfill(t *testing.T) {
	ctx := context.Background()
	text := testutil.FoundingArticle(t)
	rec, err := (&pipeline.Pipeline{}).Process(input.Item{Name: "000.txt", Text: text,
		Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open(driverName, fileDSN(path, true))
	if err != nil {
		t.Fatal(err)
	}
	r, err := prepare(0, 1, rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], "PRAGMA user_version = 1"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, insertSQL, r.hash, nil, "", "SOFREP", "", "", r.src.Published, "", r.text, r.chars, r.json, 0); err != nil {
		t.Fatal(err)
	}
	db.Close()

	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := st.Events(ctx, picture.Query{Limit: picture.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	control, err := st.Control(ctx, picture.Query{Limit: picture.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(events.Items) != len(rec.Events) || len(control.Items) != len(rec.Control) || len(rec.Events) == 0 {
		t.Errorf("backfilled %d events and %d control statements, record has %d and %d",
			len(events.Items), len(control.Items), len(rec.Events), len(rec.Control))
	}

	copyRec := record.New(record.Source{Outlet: "Wire"}, "KHARKIV (Wire) -\n\n"+text)
	if _, err := st.Put(ctx, []*record.Record{copyRec}); err != nil {
		t.Fatal(err)
	}
	var of string
	if err := st.r.QueryRowContext(ctx, `SELECT o.id FROM near_duplicates n JOIN documents o ON o.seq = n.of`).Scan(&of); err != nil {
		t.Fatal(err)
	}
	if of != r.hash {
		t.Errorf("copy linked to %q, want the old document %q", of, r.hash)
	}

	a, b := events.Items[0].ID, events.Items[1].ID
	if err := st.KeepApart(ctx, [][2]int64{{b, a}}); err != nil {
		t.Fatal(err)
	}
	if err := st.KeepApart(ctx, [][2]int64{{a, 1 << 40}}); err == nil {
		t.Error("kept apart from a mention that does not exist")
	}
	apart, err := st.Apart(ctx, []int64{b})
	if err != nil {
		t.Fatal(err)
	}
	if len(apart) != 1 || !apart[picture.Pair(a, b)] {
		t.Errorf("apart %v", apart)
	}
}
