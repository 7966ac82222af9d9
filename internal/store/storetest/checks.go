package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// spanOf returns the code-point span of the first occurrence of sub in text.
func spanOf(t testing.TB, text, sub string) record.Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	start := utf8.RuneCountInString(text[:i])
	return record.Span{Start: start, End: start + utf8.RuneCountInString(sub)}
}

// fullRecord returns a record with every field of the schema set, over a text that
// mixes Cyrillic and Latin script, CRLF line ends, typographic dashes and quotes.
func fullRecord(t testing.TB) *record.Record {
	t.Helper()
	recs := corpus(t)
	uk := byKey(t, recs, "genshtab-2022-04-25").Text
	en := byKey(t, recs, "dod-2022-09-kharkiv").Text
	text := strings.TrimSpace(uk) + "\r\n\r\n" + strings.ReplaceAll(en, "\n", "\r\n")

	kharkiv := spanOf(t, text, "Харків")
	izyum := spanOf(t, text, "Ізюм")
	kupiansk := spanOf(t, text, "Kupiansk")
	quote := spanOf(t, text, "are obviously fighting hard.")
	official := spanOf(t, text, "A senior U.S. military official")
	said := spanOf(t, text, "said Ukrainians")
	said.End = said.Start + len("said")
	attack := spanOf(t, text, "ворог намагався провести штурмові дії")
	taken := spanOf(t, text, "Ukrainian forces have very likely taken control of Kupiansk")

	// The annotations are illustrative, not a gold reading: the store must keep
	// every field as given, not judge it.
	kharkivRef := record.PlaceRef{Name: "Kharkiv", GeonameID: 706483, Lat: 49.98081, Lon: 36.25272}
	kupianskRef := record.PlaceRef{Name: "Kupiansk", GeonameID: 704508, Lat: 49.71055, Lon: 37.61517}
	dod := record.ClaimSource{Name: "senior U.S. military official", Type: "government", Mention: &official}

	r := record.New(record.Source{
		URL:       "https://example.org/genshtab/2022-04-25",
		Outlet:    "Генеральний штаб ЗСУ",
		Title:     "Оперативна інформація — 25.04.2022",
		Author:    "Пресслужба",
		Published: "2022-04-25T18:00:00+03:00",
		Language:  "uk",
	}, text)
	r.ID = "full-record"
	r.Boilerplate = []record.Boilerplate{{Start: official.Start, End: official.End, Kind: "credit"}}
	r.Entities = []record.Entity{
		{Text: "Харків", Start: kharkiv.Start, End: kharkiv.End, Type: "LOC"},
		{Text: "Ізюм", Start: izyum.Start, End: izyum.End, Type: "LOC"},
		{Text: "Kupiansk", Start: kupiansk.Start, End: kupiansk.End, Type: "LOC"},
	}
	r.Places = []record.Place{{
		Text: "Харків", Start: kharkiv.Start, End: kharkiv.End, GeonameID: kharkivRef.GeonameID,
		Name: "Kharkiv", Lat: kharkivRef.Lat, Lon: kharkivRef.Lon, Kind: "city",
		FeatureCode: "PPLA", Country: "UKR", Admin1: "Kharkivska", Precision: "city",
		Metonymic: true, Confidence: 0.875,
	}}
	r.Quotes = []record.Quote{{
		Text: "are obviously fighting hard.", Start: quote.Start, End: quote.End,
		Speaker: &record.Speaker{Name: "senior U.S. military official", Mention: "A senior U.S. military official",
			Start: official.Start, End: official.End, Title: "senior military official", Org: "U.S. Department of Defense"},
		Cue: "said", Kind: "partial",
	}}
	r.Claims = []record.Claim{{
		Content:      quote,
		Cue:          record.Cue{Text: "said", Start: said.Start, End: said.End},
		Source:       dod,
		Grade:        "B2",
		Corroborates: []int{0},
	}}
	r.Events = []record.Event{{
		Type: "ASSAULT", Mode: "firearms",
		ACLED:  &record.ACLED{EventType: "Battles", SubEventType: "Armed clash"},
		Actor:  &record.Actor{Name: "Russian forces", Country: "RUS", Sector: "military"},
		Target: &record.Actor{Name: "Armed Forces of Ukraine", Country: "UKR", Sector: "military"},
		Place:  &kharkivRef, Date: "2022-04-25", DatePrecision: "day", Modality: "reported",
		Source:   &record.ClaimSource{Name: "General Staff of the Armed Forces of Ukraine", Type: "government"},
		Evidence: attack,
	}}
	c := record.Control{Place: kupianskRef, Side: "UKR", Action: "retook", Status: "assessed", Date: "2022-09", Evidence: taken}
	c.Source.Name = "senior U.S. military official"
	r.Control = []record.Control{c}
	return r
}

// clone returns a deep copy of r.
func clone(t testing.TB, r *record.Record) *record.Record {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var c record.Record
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// sameRecord fails unless got equals want in every field.
func sameRecord(t testing.TB, what string, got, want *record.Record) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	t.Fatalf("%s: record differs\n got: %s\nwant: %s", what, g, w)
}

func get(t testing.TB, st store.Store, id string) *record.Record {
	t.Helper()
	r, err := st.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("get %q: %v", id, err)
	}
	return r
}

func (s *Suite) testPutGet(t *testing.T) {
	st := s.open(t)
	full := fullRecord(t)
	want := clone(t, full)
	hash := record.ContentHash(full.Text)

	res := put(t, st, full)
	if res[0].Duplicate || res[0].ID != hash {
		t.Fatalf("put: got %+v, want stored with id %s", res[0], hash)
	}
	// The store keeps its own copy: changing the caller's record changes nothing.
	full.Source.Title = "changed"
	full.Entities[0].Text = "changed"

	sameRecord(t, "get by content hash", get(t, st, hash), want)
	got := get(t, st, "full-record")
	sameRecord(t, "get by caller id", got, want)
	if !strings.Contains(got.Text, "\r\n") {
		t.Error("get: CRLF line ends not kept verbatim")
	}
	for _, e := range got.Entities {
		if s := got.Slice(record.Span{Start: e.Start, End: e.End}); s != e.Text {
			t.Errorf("entity %q: offsets [%d,%d) slice %q", e.Text, e.Start, e.End, s)
		}
	}

	// A record without a caller id is known by its content hash alone.
	recs := corpus(t)
	anon := recs[0]
	anon.ID = ""
	ah := record.ContentHash(anon.Text)
	put(t, st, anon)
	if got := get(t, st, ah); got.ID != ah || got.Text != anon.Text {
		t.Errorf("record without id: got id %q, want %q", got.ID, ah)
	}
	// A record whose id is its content hash has no separate caller id.
	self := recs[1]
	self.ID = record.ContentHash(self.Text)
	put(t, st, self)
	for _, d := range list(t, st, store.Query{}).Documents {
		if (d.ID == ah || d.ID == self.ID) && d.CallerID != "" {
			t.Errorf("document %s: caller id %q, want none", d.ID, d.CallerID)
		}
		if d.ID == hash && d.CallerID != "full-record" {
			t.Errorf("document %s: caller id %q, want full-record", d.ID, d.CallerID)
		}
	}
}

func (s *Suite) testGetNotFound(t *testing.T) {
	st := s.open(t)
	ids := []string{"0123456789abcdef0123456789abcdef", "no-such-document", "", "' OR 1=1 --", "Ізюм"}
	check := func(when string) {
		for _, id := range ids {
			if _, err := st.Get(context.Background(), id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: get %q: got %v, want ErrNotFound", when, id, err)
			}
		}
	}
	check("empty store")
	putEach(t, st, corpus(t))
	check("loaded store")
}

func (s *Suite) testPutEmpty(t *testing.T) {
	st := s.open(t)
	res, err := st.Put(context.Background(), nil)
	if err != nil || len(res) != 0 {
		t.Fatalf("put nothing: got %v, %v; want no results and no error", res, err)
	}
	if n := count(t, st); n != 0 {
		t.Fatalf("count after putting nothing: %d", n)
	}
}

func (s *Suite) testPutInvalid(t *testing.T) {
	st := s.open(t)
	bad := func(id, text string) *record.Record {
		r := record.New(record.Source{}, text)
		r.ID = id
		return r
	}
	cases := []struct {
		name string
		recs []*record.Record
		// named is what the error must mention, so the user can find the input.
		named string
	}{
		{"nil record", []*record.Record{corpus(t)[0], nil}, ""},
		{"invalid UTF-8", []*record.Record{corpus(t)[0], bad("bad-utf8", "Izyum \xff\xfe counteroffensive")}, "bad-utf8"},
		{"empty text", []*record.Record{corpus(t)[0], bad("empty-text", " \r\n\t ")}, "empty-text"},
	}
	for _, c := range cases {
		res, err := st.Put(context.Background(), c.recs)
		if err == nil {
			t.Errorf("%s: put succeeded with %+v, want an error", c.name, res)
			continue
		}
		if !strings.Contains(err.Error(), c.named) {
			t.Errorf("%s: error %q does not name %q", c.name, err, c.named)
		}
		// Put is one transaction: the good record in the batch is not stored either.
		if n := count(t, st); n != 0 {
			t.Errorf("%s: count %d after a failed put, want 0", c.name, n)
		}
	}
}

func (s *Suite) testDuplicates(t *testing.T) {
	st := s.open(t)
	recs := corpus(t)
	a, b, c := recs[0], recs[1], recs[2]
	ha, hb := record.ContentHash(a.Text), record.ContentHash(b.Text)

	put(t, st, a)
	variant := func(id, text string) *record.Record {
		r := record.New(a.Source, text)
		r.ID = id
		return r
	}
	for _, v := range []*record.Record{
		a,
		variant("crlf", strings.ReplaceAll(a.Text, "\n", "\r\n")),
		variant("padded", "\n\n   "+a.Text+" \t\n\n"),
		variant("crlf-padded", "\r\n"+strings.ReplaceAll(a.Text, "\n", "\r\n")+"\r\n\r\n"),
	} {
		res := put(t, st, v)
		if !res[0].Duplicate || res[0].ID != ha {
			t.Errorf("put again as %q: got %+v, want duplicate of %s", v.ID, res[0], ha)
		}
	}

	bCRLF := record.New(b.Source, strings.ReplaceAll(b.Text, "\n", "\r\n"))
	bCRLF.ID = "b-crlf"
	res := put(t, st, b, bCRLF, c, b)
	want := []store.PutResult{{ID: hb}, {ID: hb, Duplicate: true}, {ID: record.ContentHash(c.Text)}, {ID: hb, Duplicate: true}}
	if !slices.Equal(res, want) {
		t.Errorf("put with repeats inside one batch:\n got %+v\nwant %+v", res, want)
	}

	if n := count(t, st); n != 3 {
		t.Errorf("count: %d, want 3", n)
	}
	// The first version stored is the one kept.
	if got := get(t, st, ha); got.Text != a.Text || got.ID != a.ID {
		t.Errorf("get %s: got the id %q and %d bytes, want the first version (%q, %d bytes)", ha, got.ID, len(got.Text), a.ID, len(a.Text))
	}
	if got := get(t, st, hb); got.Text != b.Text {
		t.Errorf("get %s: text is not the first version stored", hb)
	}
	if n := len(listAll(t, st, store.Query{Limit: 2})); n != 3 {
		t.Errorf("listing: %d documents, want 3", n)
	}
}

func (s *Suite) testCount(t *testing.T) {
	st := s.open(t)
	if n := count(t, st); n != 0 {
		t.Fatalf("empty store: count %d", n)
	}
	recs := corpus(t)
	putEach(t, st, recs[:3])
	if n := count(t, st); n != 3 {
		t.Fatalf("count %d, want 3", n)
	}
	put(t, st, recs...)
	if n := count(t, st); n != len(recs) {
		t.Fatalf("count %d, want %d", n, len(recs))
	}
}

func (s *Suite) testListNewestFirst(t *testing.T) {
	st := s.open(t)
	if p := list(t, st, store.Query{}); len(p.Documents) != 0 || p.Next != "" {
		t.Fatalf("empty store lists %+v", p)
	}
	recs := corpus(t)
	before := time.Now()
	putEach(t, st, recs)
	after := time.Now()

	p := list(t, st, store.Query{Limit: store.MaxLimit})
	if got, want := callerIDs(p.Documents), newestFirst(recs); !slices.Equal(got, want) {
		t.Fatalf("order:\n got %v\nwant %v", got, want)
	}
	if p.Next != "" {
		t.Errorf("single page has next cursor %q", p.Next)
	}
	byID := map[string]*record.Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	for _, d := range p.Documents {
		r := byID[d.CallerID]
		if d.ID != record.ContentHash(r.Text) {
			t.Errorf("%s: id %s, want the content hash", d.CallerID, d.ID)
		}
		if d.Source != r.Source {
			t.Errorf("%s: source %+v, want %+v", d.CallerID, d.Source, r.Source)
		}
		if d.Chars != utf8.RuneCountInString(r.Text) {
			t.Errorf("%s: chars %d, want %d", d.CallerID, d.Chars, utf8.RuneCountInString(r.Text))
		}
		// The store's clock may round; a second either side is rounding, not a bug.
		if d.Ingested.Before(before.Add(-time.Second)) || d.Ingested.After(after.Add(time.Second)) {
			t.Errorf("%s: ingested %v, not between %v and %v", d.CallerID, d.Ingested, before, after)
		}
		sn := strings.TrimSpace(strings.TrimSuffix(collapse(d.Snippet), "…"))
		if sn == "" || utf8.RuneCountInString(d.Snippet) > 400 || !strings.HasPrefix(collapse(r.Text), sn) {
			t.Errorf("%s: snippet %q is not a short opening of the text", d.CallerID, d.Snippet)
		}
	}

	// Within one Put, later records are newer.
	st2 := s.open(t)
	put(t, st2, recs[:3]...)
	if got, want := callerIDs(list(t, st2, store.Query{}).Documents), newestFirst(recs[:3]); !slices.Equal(got, want) {
		t.Errorf("order within one put:\n got %v\nwant %v", got, want)
	}
}

func (s *Suite) testPaging(t *testing.T) {
	st := s.open(t)
	recs := Records(30)
	for i := 0; i < len(recs); i += 10 {
		put(t, st, recs[i:i+10]...)
	}
	first := list(t, st, store.Query{Limit: 7})
	if len(first.Documents) != 7 || first.Next == "" {
		t.Fatalf("first page: %d documents, next %q; want 7 and a cursor", len(first.Documents), first.Next)
	}
	if got, want := callerIDs(listAll(t, st, store.Query{Limit: 7})), newestFirst(recs); !slices.Equal(got, want) {
		t.Fatalf("paging by 7:\n got %v\nwant %v", got, want)
	}

	// A last page that is exactly full still says it is the last.
	st2 := s.open(t)
	put(t, st2, recs[:12]...)
	p1 := list(t, st2, store.Query{Limit: 6})
	p2 := list(t, st2, store.Query{Limit: 6, Cursor: p1.Next})
	if len(p2.Documents) != 6 || p2.Next != "" {
		t.Errorf("exactly full last page: %d documents, next %q; want 6 and no cursor", len(p2.Documents), p2.Next)
	}
}

func (s *Suite) testPagingWhileWriting(t *testing.T) {
	st := s.open(t)
	recs := Records(25)
	old, fresh := recs[:20], recs[20:]
	put(t, st, old...)

	q := store.Query{Limit: 6}
	p := list(t, st, q)
	got := callerIDs(p.Documents)
	put(t, st, fresh...)
	q.Cursor = p.Next
	got = append(got, callerIDs(listAll(t, st, q))...)
	if want := newestFirst(old); !slices.Equal(got, want) {
		t.Fatalf("documents arriving between pages changed the listing:\n got %v\nwant %v", got, want)
	}
	if got, want := callerIDs(list(t, st, store.Query{Limit: 5}).Documents), newestFirst(fresh); !slices.Equal(got, want) {
		t.Errorf("a new listing does not start with the new documents:\n got %v\nwant %v", got, want)
	}
}

func (s *Suite) testBadCursor(t *testing.T) {
	st := s.open(t)
	put(t, st, corpus(t)...)
	for _, c := range []string{"not a cursor", "%%%", "\xff\xfe", "'; DROP TABLE documents; --", strings.Repeat("€", 300)} {
		for _, text := range []string{"", "Izyum"} {
			_, err := st.List(context.Background(), store.Query{Text: text, Cursor: c})
			if !errors.Is(err, store.ErrBadQuery) {
				t.Errorf("list %q with cursor %q: got %v, want ErrBadQuery", text, c, err)
			}
		}
	}
	if n := count(t, st); n != len(docs) {
		t.Errorf("count %d after bad cursors, want %d", n, len(docs))
	}
}

// searchCases are queries over the conformance corpus and the documents each must
// find (by caller id); every other document must not be found.
var searchCases = []struct {
	query string
	want  []string
}{
	{"Izyum", []string{"dod-2022-09-kharkiv", "dod-2022-05-day75"}},
	{"izyum", []string{"dod-2022-09-kharkiv", "dod-2022-05-day75"}},
	{"Izium", []string{"dod-2022-10-lyman"}},
	{"Kupiansk", []string{"dod-2022-09-kharkiv", "dod-2022-10-lyman"}},
	{"Lyman Kupiansk", []string{"dod-2022-10-lyman"}},
	{"Izyum Lyman", []string{"dod-2022-05-day75"}},
	{"Reznikov OR Cernochova", []string{"dod-2022-06-contact-group", "dod-2022-04-cernochova"}},
	{"Izium OR Kherson", []string{"dod-2022-09-kharkiv", "dod-2022-10-lyman"}},
	{`"Velyka Novosilka"`, []string{"dod-2022-05-day75"}},
	{`"Novosilka Velyka"`, nil},
	{`"Zaporizhzhia nuclear power plant"`, []string{"dod-2022-09-kharkiv"}},
	{"Kupians*", []string{"dod-2022-09-kharkiv", "dod-2022-10-lyman"}},
	{"Izy*", []string{"dod-2022-09-kharkiv", "dod-2022-05-day75"}},
	{"Donbas", []string{"dod-2022-05-day75", "dod-2022-06-contact-group"}},
	{"Bakhmut", nil},
	{"Cernochova", []string{"dod-2022-04-cernochova"}},
	{"Černochová", []string{"dod-2022-04-cernochova"}},
	{"ČERNOCHOVÁ", []string{"dod-2022-04-cernochova"}},
	{"Ізюм", []string{"genshtab-2022-04-25"}},
	{"ізюм", []string{"genshtab-2022-04-25"}},
	{"ІЗЮМ", []string{"genshtab-2022-04-25"}},
	{"Блінкен", []string{"usembassy-2023-09-blinken"}},
	{`"Велика Комишуваха"`, []string{"genshtab-2022-04-25"}},
	{"Слов'янськ", []string{"genshtab-2022-04-25"}},
	{"Ізюм OR Блінкен", []string{"genshtab-2022-04-25", "usembassy-2023-09-blinken"}},
	{"Сполуч*", []string{"usembassy-2023-09-blinken"}},
}

// ordered returns the caller ids in want, newest first, given recs in storing order.
func ordered(recs []*record.Record, want []string) []string {
	var ids []string
	for _, id := range newestFirst(recs) {
		if slices.Contains(want, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func (s *Suite) testSearch(t *testing.T) {
	st := s.open(t)
	recs := corpus(t)
	putEach(t, st, recs)
	for _, c := range searchCases {
		p, err := st.List(context.Background(), store.Query{Text: c.query})
		if err != nil {
			t.Errorf("search %q: %v", c.query, err)
			continue
		}
		if got, want := callerIDs(p.Documents), ordered(recs, c.want); !slices.Equal(got, want) {
			t.Errorf("search %q:\n got %v\nwant %v", c.query, got, want)
		}
		if p.Next != "" {
			t.Errorf("search %q: single page has next cursor", c.query)
		}
	}
}

func (s *Suite) testSearchPaging(t *testing.T) {
	st := s.open(t)
	recs := Records(45)
	old, fresh := recs[:40], recs[40:]
	put(t, st, old...)

	if got, want := callerIDs(listAll(t, st, store.Query{Text: "storetest", Limit: 7})), newestFirst(old); !slices.Equal(got, want) {
		t.Fatalf("search paging:\n got %v\nwant %v", got, want)
	}
	// Izyum is in two of the seven texts Records cycles through.
	var izyum []*record.Record
	for _, r := range old {
		if strings.Contains(r.Text, "Izyum") {
			izyum = append(izyum, r)
		}
	}
	if got, want := callerIDs(listAll(t, st, store.Query{Text: "Izyum", Limit: 3})), newestFirst(izyum); !slices.Equal(got, want) {
		t.Fatalf("search paging for Izyum:\n got %v\nwant %v", got, want)
	}

	q := store.Query{Text: "storetest", Limit: 5}
	p := list(t, st, q)
	got := callerIDs(p.Documents)
	put(t, st, fresh...)
	q.Cursor = p.Next
	got = append(got, callerIDs(listAll(t, st, q))...)
	if want := newestFirst(old); !slices.Equal(got, want) {
		t.Fatalf("documents arriving between search pages changed the result:\n got %v\nwant %v", got, want)
	}
}

func (s *Suite) testBadQuery(t *testing.T) {
	st := s.open(t)
	recs := corpus(t)
	putEach(t, st, recs)
	ctx := context.Background()

	// Nothing to search for: an error, not an empty page that hides the mistake.
	for _, q := range []string{`""`, `"   "`, `***`, `OR`, `()`, `"" OR ""`, `-`, `!!!`, `* OR *`} {
		if _, err := st.List(ctx, store.Query{Text: q}); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("search %q: got %v, want ErrBadQuery", q, err)
		}
	}
	// Stray syntax around a good word: either the word is found or the query is
	// refused as bad; never another error.
	izyum := ordered(recs, []string{"dod-2022-09-kharkiv", "dod-2022-05-day75"})
	for _, q := range []string{`Izyum)`, `(Izyum`, `"Izyum`, `Izyum"`, `Izyum OR`, `OR Izyum`, `Izyum -`, `Izyum ^`, "Izyum\x00", "Izyum\xff"} {
		p, err := st.List(ctx, store.Query{Text: q})
		if !okOrBadQuery(err) {
			t.Errorf("search %q: %v, want results or ErrBadQuery", q, err)
		} else if err == nil && !slices.Equal(callerIDs(p.Documents), izyum) {
			t.Errorf("search %q: got %v, want %v", q, callerIDs(p.Documents), izyum)
		}
	}
	// Anything else: results or ErrBadQuery, never another error and never a panic.
	for _, q := range []string{
		`title:Izyum`, `NEAR(Izyum Lyman)`, `Izyum NEAR/3 Lyman`, `Izyum NOT Lyman`, `Izyum AND Lyman`,
		`{Izyum}`, `Izyum:*`, `^Izyum`, `*Izyum`, `Iz*yum`, `Izyum + Lyman`, `'Izyum'`, `\"`, `"Izyum" "`,
		`a OR OR OR b`, `Ізюм*`, "\u202eIzyum", `col:"x"`, "\x00", `"\"`, `"*"`, `" OR "`, `"NEAR"`, `'`, `%`, `_`,
		strings.Repeat("Izyum ", 500), strings.Repeat(`"`, 1001), strings.Repeat("(", 300),
		strings.Repeat("a OR ", 300) + "b", strings.Repeat("x", 10000),
	} {
		if _, err := st.List(ctx, store.Query{Text: q}); !okOrBadQuery(err) {
			t.Errorf("search %.40q: %v, want results or ErrBadQuery", q, err)
		}
	}
	if n := count(t, st); n != len(recs) {
		t.Errorf("count %d after bad queries, want %d", n, len(recs))
	}
}

func (s *Suite) testSnippets(t *testing.T) {
	st := s.open(t)
	putEach(t, st, corpus(t))
	for _, c := range []struct{ query, want string }{
		{"Reznikov", "Reznikov"},
		{"Ізюм", "Ізюм"},
		{"Cernochova", "Černochová"},
		{`"Velyka Novosilka"`, "Velyka Novosilka"},
		{"Zaporizhzhia", "Zaporizhzhia"},
	} {
		p := list(t, st, store.Query{Text: c.query})
		if len(p.Documents) != 1 {
			t.Errorf("search %q: %d documents, want 1", c.query, len(p.Documents))
			continue
		}
		sn := p.Documents[0].Snippet
		if !strings.Contains(collapse(sn), c.want) {
			t.Errorf("search %q: snippet %q does not show %q", c.query, sn, c.want)
		}
		if n := utf8.RuneCountInString(sn); n > 400 {
			t.Errorf("search %q: snippet of %d characters is not short", c.query, n)
		}
	}
}

func (s *Suite) testLimits(t *testing.T) {
	st := s.open(t)
	recs := Records(store.MaxLimit + 5)
	for i := 0; i < len(recs); i += 50 {
		put(t, st, recs[i:min(i+50, len(recs))]...)
	}
	for _, c := range []struct {
		q    store.Query
		want int
	}{
		{store.Query{}, store.DefaultLimit},
		{store.Query{Limit: 5}, 5},
		{store.Query{Limit: store.MaxLimit}, store.MaxLimit},
		{store.Query{Limit: store.MaxLimit * 10}, store.MaxLimit},
		{store.Query{Text: "storetest"}, store.DefaultLimit},
		{store.Query{Text: "storetest", Limit: 1 << 30}, store.MaxLimit},
	} {
		p := list(t, st, c.q)
		if len(p.Documents) != c.want || p.Next == "" {
			t.Errorf("list %+v: %d documents, next %q; want %d and a cursor", c.q, len(p.Documents), p.Next, c.want)
		}
	}
	p, err := st.List(context.Background(), store.Query{Limit: -1})
	if !okOrBadQuery(err) {
		t.Errorf("list with limit -1: %v", err)
	} else if err == nil && len(p.Documents) > store.DefaultLimit {
		t.Errorf("list with limit -1: %d documents, more than the default %d", len(p.Documents), store.DefaultLimit)
	}
}

func (s *Suite) testConcurrentPuts(t *testing.T) {
	st := s.open(t)
	recs := Records(40)
	want := map[string]bool{}
	for _, r := range recs {
		want[record.ContentHash(r.Text)] = true
	}
	const writers, batch = 6, 5

	var (
		mu     sync.Mutex
		stored = map[string]int{}
		errs   []error
		wg     sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	for w := range writers {
		wg.Go(func() {
			// Each writer puts every document, in its own order and batches.
			rng := rand.New(rand.NewPCG(uint64(w), 2022))
			perm := rng.Perm(len(recs))
			for i := 0; i < len(perm); i += batch {
				var b []*record.Record
				for _, j := range perm[i:min(i+batch, len(perm))] {
					b = append(b, recs[j])
				}
				res, err := st.Put(context.Background(), b)
				if err != nil {
					fail(fmt.Errorf("writer %d: %w", w, err))
					return
				}
				mu.Lock()
				for k, r := range res {
					if r.ID != record.ContentHash(b[k].Text) {
						errs = append(errs, fmt.Errorf("writer %d: result id %s for %s", w, r.ID, b[k].ID))
					}
					if !r.Duplicate {
						stored[r.ID]++
					}
				}
				mu.Unlock()
			}
		})
	}
	// Readers run alongside the writers and must never fail.
	done := make(chan struct{})
	var rwg sync.WaitGroup
	rwg.Go(func() {
		ctx := context.Background()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := st.Count(ctx); err != nil {
				fail(fmt.Errorf("reader: count: %w", err))
				return
			}
			if _, err := st.List(ctx, store.Query{Text: "storetest", Limit: 10}); err != nil {
				fail(fmt.Errorf("reader: list: %w", err))
				return
			}
			if _, err := st.Get(ctx, recs[0].ID); err != nil && !errors.Is(err, store.ErrNotFound) {
				fail(fmt.Errorf("reader: get: %w", err))
				return
			}
		}
	})
	wg.Wait()
	close(done)
	rwg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	for id := range want {
		if stored[id] != 1 {
			t.Errorf("document %s reported stored %d times, want once", id, stored[id])
		}
	}
	if len(stored) != len(want) {
		t.Errorf("%d documents reported stored, want %d", len(stored), len(want))
	}
	if n := count(t, st); n != len(want) {
		t.Errorf("count %d, want %d", n, len(want))
	}
	if n := len(listAll(t, st, store.Query{Limit: store.MaxLimit})); n != len(want) {
		t.Errorf("listing has %d documents, want %d", n, len(want))
	}
}

func (s *Suite) testCancelled(t *testing.T) {
	st := s.open(t)
	recs := corpus(t)
	put(t, st, recs[:2]...)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	if _, err := st.Put(ctx, recs[2:]); !errors.Is(err, context.Canceled) {
		t.Errorf("put: got %v, want context.Canceled", err)
	}
	if _, err := st.Get(ctx, recs[0].ID); !errors.Is(err, context.Canceled) {
		t.Errorf("get: got %v, want context.Canceled", err)
	}
	if _, err := st.List(ctx, store.Query{}); !errors.Is(err, context.Canceled) {
		t.Errorf("list: got %v, want context.Canceled", err)
	}
	if _, err := st.List(ctx, store.Query{Text: "Izyum"}); !errors.Is(err, context.Canceled) {
		t.Errorf("search: got %v, want context.Canceled", err)
	}
	if _, err := st.Count(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("count: got %v, want context.Canceled", err)
	}
	// The store is still usable, and the cancelled put stored nothing.
	if n := count(t, st); n != 2 {
		t.Errorf("count %d after a cancelled put, want 2", n)
	}
	put(t, st, recs[2])
	if n := count(t, st); n != 3 {
		t.Errorf("count %d after a put following a cancelled one, want 3", n)
	}
}

func (s *Suite) testFoundingArticle(t *testing.T) {
	text := foundingArticle(t)
	st := s.open(t)
	recs := corpus(t)
	founding := record.New(record.Source{
		URL:      "https://sofrep.com/news/russians-lose-momentum-amid-massive-losses-ukraine-continues-counteroffensive-in-izyum/",
		Outlet:   "SOFREP",
		Language: "en",
	}, text)
	founding.ID = "founding"
	recs = append(recs, founding)
	putEach(t, st, recs)

	hash := record.ContentHash(text)
	if got := get(t, st, hash); got.Text != text {
		t.Fatalf("get %s: text not verbatim", hash)
	}
	if res := put(t, st, record.New(founding.Source, strings.ReplaceAll(text, "\n", "\r\n")+"\n")); !res[0].Duplicate || res[0].ID != hash {
		t.Errorf("CRLF copy of the founding article: got %+v, want duplicate of %s", res[0], hash)
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"Synehubov", []string{"founding"}},
		{"Izium", []string{"founding", "dod-2022-10-lyman"}},
		{"Izyum", []string{"founding", "dod-2022-09-kharkiv", "dod-2022-05-day75"}},
		{`"Kharkiv Regional Military Administration"`, []string{"founding"}},
		{`"Administration Military Regional Kharkiv"`, nil},
		{`"Siverskyi Donets"`, []string{"founding"}},
		{"Kupians*", []string{"founding", "dod-2022-09-kharkiv", "dod-2022-10-lyman"}},
		{"Vovchansk OR Reznikov", []string{"founding", "dod-2022-06-contact-group"}},
	} {
		p := list(t, st, store.Query{Text: c.query})
		if got, want := callerIDs(p.Documents), ordered(recs, c.want); !slices.Equal(got, want) {
			t.Errorf("search %q:\n got %v\nwant %v", c.query, got, want)
		}
	}
	p := list(t, st, store.Query{Text: "Synehubov"})
	if len(p.Documents) == 1 && !strings.Contains(p.Documents[0].Snippet, "Synehubov") {
		t.Errorf("snippet %q does not show Synehubov", p.Documents[0].Snippet)
	}
}

func (s *Suite) testDurability(t *testing.T) {
	if s.Reopen == nil {
		t.Skip("backend has no Reopen")
	}
	st := s.NewStore(t)
	recs := corpus(t)
	putEach(t, st, recs)
	more := Records(20)
	put(t, st, more...)
	all := append(slices.Clone(recs), more...)
	before := listAll(t, st, store.Query{Limit: 9})

	st = s.Reopen(t, st)
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	if n := count(t, st); n != len(all) {
		t.Fatalf("count after reopen %d, want %d", n, len(all))
	}
	for _, r := range all {
		sameRecord(t, "get after reopen", get(t, st, record.ContentHash(r.Text)), r)
	}
	after := listAll(t, st, store.Query{Limit: 9})
	if !slices.Equal(callerIDs(after), callerIDs(before)) {
		t.Fatalf("listing changed on reopen:\n got %v\nwant %v", callerIDs(after), callerIDs(before))
	}
	for i := range after {
		if !after[i].Ingested.Equal(before[i].Ingested) {
			t.Errorf("%s: ingested %v before reopen, %v after", after[i].CallerID, before[i].Ingested, after[i].Ingested)
		}
	}
	if got := callerIDs(list(t, st, store.Query{Text: "Ізюм"}).Documents); len(got) == 0 {
		t.Error("search after reopen finds nothing for Ізюм")
	}
	for i, r := range put(t, st, all...) {
		if !r.Duplicate {
			t.Errorf("put %s again after reopen: stored twice", all[i].ID)
		}
	}
	// Documents stored after a restart are newer than everything before it.
	extra := Records(21)[20]
	put(t, st, extra)
	if p := list(t, st, store.Query{Limit: 1}); len(p.Documents) != 1 || p.Documents[0].CallerID != extra.ID {
		t.Errorf("newest after reopen: got %v, want %s", callerIDs(p.Documents), extra.ID)
	}
}
