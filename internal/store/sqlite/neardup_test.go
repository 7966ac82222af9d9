package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/testutil"
)

// A wire copy of the founding article (credit line, sign-off) and an updated
// version are linked to the original, so the story counts once; a different story
// is not linked.
func TestNearDuplicateDocuments(t *testing.T) {
	text := testutil.FoundingArticle(t)
	p := &pipeline.Pipeline{}
	read := func(id, outlet, text string) *record.Record {
		rec, err := p.Process(input.Item{Name: id, ID: id, Text: text, Outlet: outlet,
			Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	orig := read("original", "SOFREP", text)
	wire := read("wire", "Wire", "KHARKIV (Wire) -\n\n"+text+"\n\nReporting by staff; editing by the desk.")
	update := read("update", "SOFREP", text+"\n\nUPDATE: Ukrainian officials later said fighting near Izyum continued overnight.")
	other := read("other", "Other", "Russia announced new sanctions against Western officials on Friday, the foreign ministry in Moscow said in a statement.")

	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The original alone first, then the rest in one batch: links are found both
	// across batches and within one.
	if _, err := st.Put(t.Context(), []*record.Record{orig}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(t.Context(), []*record.Record{wire, other, update}); err != nil {
		t.Fatal(err)
	}
	origID := record.ContentHash(orig.Text)

	all, err := st.Events(t.Context(), picture.Query{Limit: picture.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	want := len(orig.Events) + len(wire.Events) + len(update.Events) + len(other.Events)
	if len(all.Items) != want {
		t.Errorf("%d events, want %d", len(all.Items), want)
	}
	for _, e := range all.Items {
		wantDup := ""
		switch e.Document.CallerID {
		case "wire", "update":
			wantDup = origID
		}
		if e.Document.DuplicateOf != wantDup {
			t.Errorf("event of %s: duplicate of %q, want %q", e.Document.CallerID, e.Document.DuplicateOf, wantDup)
		}
	}
	unique, err := st.Events(t.Context(), picture.Query{Limit: picture.MaxLimit, Unique: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(orig.Events) + len(other.Events); len(unique.Items) != want || want == 0 {
		t.Errorf("%d events with unique, want %d", len(unique.Items), want)
	}
}
