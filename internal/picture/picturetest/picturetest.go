// Package picturetest is the conformance suite of the situation picture: every
// store that serves it (SQLite, PostgreSQL) must give the same answers to the same
// queries over the same records. A store proves itself by filling in a Suite:
//
//	func TestPictureConformance(t *testing.T) {
//		s := &picturetest.Suite{NewStore: ...}
//		s.Run(t)
//	}
//
// The records are the founding article and copies of it, read through the whole
// pipeline, so the picture holds what a real ingest gives.
package picturetest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/testutil"
)

// Store is what the suite needs of a store.
type Store interface {
	store.Store
	picture.Picture
	picture.Splitter
}

// Suite runs the conformance checks against one implementation.
type Suite struct {
	// NewStore opens an empty store, closed and removed when t ends.
	NewStore func(t testing.TB) Store
}

// Run runs every check as a subtest of t.
func (s *Suite) Run(t *testing.T) {
	if s.NewStore == nil {
		t.Fatal("picturetest: Suite.NewStore is nil")
	}
	t.Run("FoundingArticle", s.testFoundingArticle)
	t.Run("NearDuplicates", s.testNearDuplicates)
	t.Run("KeepApart", s.testKeepApart)
	t.Run("Mapper", s.testMapper)
	t.Run("Sources", s.testSources)
}

// FoundingRecord reads the founding article through the whole pipeline, as
// `sitrep ingest` would, published 2022-05-15 by SOFREP.
func FoundingRecord(t testing.TB) *record.Record {
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

func isBadQuery(err error) bool {
	return errors.Is(err, picture.ErrBadQuery) || errors.Is(err, store.ErrBadQuery)
}

// Splits are recorded by mention id, kept once whatever the order of the pair,
// and refused for a mention the store does not have.
func (s *Suite) testKeepApart(t *testing.T) {
	rec := FoundingRecord(t)
	st := s.NewStore(t)
	ctx := t.Context()
	if _, err := st.Put(ctx, []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	events, err := st.Events(ctx, picture.Query{Limit: 2})
	if err != nil || len(events.Items) < 2 {
		t.Fatalf("events: %d, %v", len(events.Items), err)
	}
	a, b := events.Items[1].ID, events.Items[0].ID
	if err := st.KeepApart(ctx, [][2]int64{{b, a}, {a, b}}); err != nil {
		t.Fatal(err)
	}
	if err := st.KeepApart(ctx, [][2]int64{{a, 1 << 40}}); !isBadQuery(err) {
		t.Errorf("keep apart from a mention that does not exist: %v, want a bad query", err)
	}
	if err := st.KeepApart(ctx, [][2]int64{{a, a}}); !isBadQuery(err) {
		t.Errorf("keep a mention apart from itself: %v, want a bad query", err)
	}
	apart, err := st.Apart(ctx, []int64{b})
	if err != nil {
		t.Fatal(err)
	}
	if len(apart) != 1 || !apart[picture.Pair(a, b)] {
		t.Errorf("apart %v, want only {%d %d}", apart, a, b)
	}
	if apart, err := st.Apart(ctx, []int64{1 << 40}); err != nil || len(apart) != 0 {
		t.Errorf("apart of an unknown mention: %v, %v", apart, err)
	}
}

func (s *Suite) testFoundingArticle(t *testing.T) {
	rec := FoundingRecord(t)
	st := s.NewStore(t)
	var err error
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

func (s *Suite) testNearDuplicates(t *testing.T) {
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

	st := s.NewStore(t)
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

// The map's aggregates agree with the record: every placed event in one cell or
// another, each cell's types adding up to its count, a lone event named by its id
// and found by it, every dated event counted on its day.
func (s *Suite) testMapper(t *testing.T) {
	rec := FoundingRecord(t)
	st := s.NewStore(t)
	m, ok := st.(picture.Mapper)
	if !ok {
		t.Skip("this store has no map aggregates")
	}
	ctx := t.Context()
	if _, err := st.Put(ctx, []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	placed, dated := 0, map[string]int{}
	for _, e := range rec.Events {
		if e.Place != nil && (e.Place.Lat != 0 || e.Place.Lon != 0) {
			placed++
		}
		if len(e.Date) >= 10 {
			dated[e.Date[:10]]++
		} else if rec.Source.Published != "" {
			dated[rec.Source.Published[:10]]++
		}
	}
	if placed == 0 {
		t.Fatal("the founding article has no placed event: nothing to cluster")
	}
	for _, cell := range []float64{0.01, 1, 45} {
		cl, err := m.EventClusters(ctx, picture.Query{}, cell)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range cl {
			n += c.Count
			sum := 0
			for _, k := range c.Types {
				sum += k
			}
			if sum != c.Count || c.Lon < c.BBox[0] || c.Lon > c.BBox[2] || c.Lat < c.BBox[1] || c.Lat > c.BBox[3] {
				t.Errorf("cell %v: %+v", cell, c)
			}
			if (c.Count == 1) != (c.ID != 0) {
				t.Errorf("cell %v: %d events, id %d", cell, c.Count, c.ID)
			}
			if c.ID != 0 {
				if e, err := m.Event(ctx, c.ID); err != nil || e.ID != c.ID || e.Place == nil {
					t.Errorf("event %d of a lone cell: %+v, %v", c.ID, e, err)
				}
			}
		}
		if n != placed {
			t.Errorf("cells of %v°: %d events, the record places %d", cell, n, placed)
		}
	}
	if _, err := m.EventClusters(ctx, picture.Query{}, 0); !isBadQuery(err) {
		t.Errorf("cell size 0: %v, want a bad query", err)
	}
	days, err := m.EventDays(ctx, picture.Query{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, d := range days.Days {
		got[d.Day] = d.Count
	}
	if len(got) != len(dated) {
		t.Errorf("days %v, record dates %v", got, dated)
	}
	for d, n := range dated {
		if got[d] != n {
			t.Errorf("%s: %d events counted, record has %d", d, got[d], n)
		}
	}
	if days.BBox == nil {
		t.Error("no extent around the placed events")
	}
	if _, err := m.Event(ctx, 1<<40); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("event that does not exist: %v, want not found", err)
	}
}

// The sources are the record's claim sources, counted with their grades; the
// type filter and the page size apply.
func (s *Suite) testSources(t *testing.T) {
	rec := FoundingRecord(t)
	st := s.NewStore(t)
	src, ok := st.(picture.Sourcer)
	if !ok {
		t.Skip("this store does not list sources")
	}
	ctx := t.Context()
	if _, err := st.Put(ctx, []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	type key struct{ name, typ string }
	want := map[key]map[string]int{}
	for _, c := range rec.Claims {
		if c.Source.Name == "" {
			continue
		}
		k := key{strings.ToLower(c.Source.Name), c.Source.Type}
		if want[k] == nil {
			want[k] = map[string]int{}
		}
		want[k][c.Grade]++
	}
	if len(want) < 2 {
		t.Fatalf("the founding article cites %d sources: too few to test", len(want))
	}
	got, err := src.Sources(ctx, picture.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d sources, record cites %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[key{strings.ToLower(g.Name), g.Type}]
		n := 0
		for grade, c := range w {
			n += c
			if grade != "" && g.Grades[grade] != c {
				t.Errorf("%s: grade %s counted %d, want %d", g.Name, grade, g.Grades[grade], c)
			}
		}
		if g.Claims != n || g.Documents != 1 || g.First != "2022-05-15" || g.Last != "2022-05-15" {
			t.Errorf("source %+v: want %d claims in 1 document of 2022-05-15", g, n)
		}
		if i > 0 && got[i-1].Claims < g.Claims {
			t.Errorf("sources not most cited first: %v", got)
		}
	}
	typ := got[0].Type
	typed, err := src.Sources(ctx, picture.Query{Types: []string{typ}, Limit: 1})
	if err != nil || len(typed) != 1 || typed[0].Type != typ {
		t.Errorf("first source of type %s: %+v, %v", typ, typed, err)
	}
	if _, err := src.Sources(ctx, picture.Query{BBox: &picture.BBox{West: 36, South: 49, East: 38, North: 50}}); !isBadQuery(err) {
		t.Errorf("sources in a box: %v, want a bad query (claims have no place)", err)
	}
}
