package sqlite_test

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/testutil"
)

// foundingRecord reads the founding article through the whole pipeline, as
// `sitrep ingest` would.
func foundingRecord(t testing.TB) *record.Record {
	t.Helper()
	text := testutil.FoundingArticle(t)
	rec, err := (&pipeline.Pipeline{}).Process(input.Item{Name: "000.txt", ID: "000_c4534293001b59dc", Text: text,
		Outlet: "SOFREP", Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// Everything a record holds comes back out of the picture, item for item, with its
// evidence, and the filters select what they say.
func TestPictureFoundingArticle(t *testing.T) {
	rec := foundingRecord(t)
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(t.Context(), []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	// Storing it again adds nothing.
	if _, err := st.Put(t.Context(), []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	all := picture.Query{Limit: picture.MaxLimit}

	events, err := st.Events(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(events.Items) != len(rec.Events) || len(rec.Events) == 0 {
		t.Fatalf("%d events, record has %d", len(events.Items), len(rec.Events))
	}
	for _, e := range events.Items {
		if want := rec.Slice(e.Evidence); e.EvidenceText != want {
			t.Errorf("event %d evidence %q, want %q", e.Index, e.EvidenceText, want)
		}
		if e.Document.ID != record.ContentHash(rec.Text) || e.Document.CallerID != rec.ID || e.Document.Outlet != "SOFREP" {
			t.Errorf("event %d document %+v", e.Index, e.Document)
		}
		if e.Place != nil && e.Place.GeonameID == 707292 && (e.Location == nil || e.Location.Admin1 != "UA.07" || e.Location.Precision != "city") {
			t.Errorf("event %d at Izium: location %+v, want Kharkiv oblast (UA.07), city precision", e.Index, e.Location)
		}
		if e.Type != rec.Events[e.Index].Type {
			t.Errorf("event %d type %q, record says %q", e.Index, e.Type, rec.Events[e.Index].Type)
		}
	}
	counts := []struct {
		name string
		got  func() (int, error)
		want int
	}{
		{"places", func() (int, error) { p, err := st.Places(ctx, all); return len(p.Items), err }, len(rec.Places)},
		{"quotes", func() (int, error) { p, err := st.Quotes(ctx, all); return len(p.Items), err }, len(rec.Quotes)},
		{"claims", func() (int, error) { p, err := st.Claims(ctx, all); return len(p.Items), err }, len(rec.Claims)},
		{"control", func() (int, error) { p, err := st.Control(ctx, all); return len(p.Items), err }, len(rec.Control)},
	}
	for _, c := range counts {
		got, err := c.got()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want || c.want == 0 {
			t.Errorf("%s: %d, record has %d", c.name, got, c.want)
		}
	}

	// What the record says, counted by hand, for each filter.
	izium := &picture.BBox{West: 37.1, South: 49.1, East: 37.4, North: 49.3}
	want := func(keep func(record.Event) bool) int {
		n := 0
		for _, e := range rec.Events {
			if keep(e) {
				n++
			}
		}
		return n
	}
	inIzium := func(e record.Event) bool {
		return e.Place != nil && e.Place.Lon >= izium.West && e.Place.Lon <= izium.East && e.Place.Lat >= izium.South && e.Place.Lat <= izium.North
	}
	tests := []struct {
		name string
		q    picture.Query
		want int
	}{
		{"bbox Izium", picture.Query{BBox: izium}, want(inIzium)},
		{"bbox Izium ASSAULT", picture.Query{BBox: izium, Types: []string{"ASSAULT"}},
			want(func(e record.Event) bool { return inIzium(e) && e.Type == "ASSAULT" })},
		{"bbox Izium in May 2022", picture.Query{BBox: izium, From: day("2022-05-01"), To: day("2022-05-31")},
			want(func(e record.Event) bool { return inIzium(e) && e.Date >= "2022-05-01" && e.Date <= "2022-05-31" })},
		{"bbox Izium in September 2022", picture.Query{BBox: izium, From: day("2022-09-01"), To: day("2022-09-30")}, 0},
		{"side rus", picture.Query{Sides: []string{"rus"}},
			want(func(e record.Event) bool { return e.Actor != nil && e.Actor.Country == "RUS" })},
		{"type RETREAT or ASSAULT", picture.Query{Types: []string{"RETREAT", "ASSAULT"}},
			want(func(e record.Event) bool { return e.Type == "RETREAT" || e.Type == "ASSAULT" })},
		{"outlet", picture.Query{Source: "sofrep"}, len(rec.Events)},
		{"text Izyum", picture.Query{Text: "Izyum"}, len(rec.Events)},
		{"text absent", picture.Query{Text: "Mariupol"}, 0},
		{"bbox elsewhere", picture.Query{BBox: &picture.BBox{West: 0, South: 40, East: 10, North: 50}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = picture.MaxLimit
			p, err := st.Events(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) != tt.want {
				t.Errorf("%d events, want %d", len(p.Items), tt.want)
			}
		})
	}
	if want(inIzium) == 0 {
		t.Error("no event at Izium in the founding article: the bbox cases test nothing")
	}

	// Paging walks every event once, newest first.
	var ids []int64
	q := picture.Query{Limit: 7}
	for {
		p, err := st.Events(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			ids = append(ids, e.ID)
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if len(ids) != len(rec.Events) || !slices.IsSortedFunc(ids, func(a, b int64) int { return int(b - a) }) {
		t.Errorf("paging gave ids %v", ids)
	}

	// Filters that do not apply, and bad cursors, are the caller's mistake.
	bad := []struct {
		name string
		run  func() error
	}{
		{"quotes bbox", func() error { _, err := st.Quotes(ctx, picture.Query{BBox: izium}); return err }},
		{"claims side", func() error { _, err := st.Claims(ctx, picture.Query{Sides: []string{"UKR"}}); return err }},
		{"cursor", func() error { _, err := st.Events(ctx, picture.Query{Cursor: "nope"}); return err }},
		{"limit", func() error { _, err := st.Events(ctx, picture.Query{Limit: -1}); return err }},
		{"text", func() error { _, err := st.Events(ctx, picture.Query{Text: `"`}); return err }},
	}
	for _, b := range bad {
		if err := b.run(); err == nil || !isBadQuery(err) {
			t.Errorf("%s: %v, want a bad query", b.name, err)
		}
	}
}

func isBadQuery(err error) bool {
	return errors.Is(err, picture.ErrBadQuery) || errors.Is(err, store.ErrBadQuery)
}
