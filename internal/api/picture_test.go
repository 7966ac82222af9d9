package api

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/testutil"
)

// pictureFixture is the API over an SQLite store holding the founding article as
// the pipeline reads it.
func pictureFixture(t *testing.T) (*fixture, *record.Record) {
	t.Helper()
	rec, err := (&pipeline.Pipeline{}).Process(input.Item{Name: "000.txt", ID: "000_c4534293001b59dc",
		Text: testutil.FoundingArticle(t), Outlet: "SOFREP", URL: "https://sofrep.com/news/izyum/",
		Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Put(t.Context(), []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	return newFixture(t, st, nil), rec
}

// The JSON routes answer pages of items with the stamp, and their filters reach
// the store.
func TestPictureJSON(t *testing.T) {
	fx, rec := pictureFixture(t)
	countEvents := func(keep func(record.Event) bool) int {
		n := 0
		for _, e := range rec.Events {
			if keep(e) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		target string
		want   int
	}{
		{"/api/events", len(rec.Events)},
		{"/api/events?limit=1000&type=ASSAULT", countEvents(func(e record.Event) bool { return e.Type == "ASSAULT" })},
		{"/api/events?limit=1000&side=UKR,RUS", countEvents(func(e record.Event) bool {
			return e.Actor != nil && (e.Actor.Country == "UKR" || e.Actor.Country == "RUS")
		})},
		{"/api/events?limit=1000&side=UKR&side=RUS", countEvents(func(e record.Event) bool {
			return e.Actor != nil && (e.Actor.Country == "UKR" || e.Actor.Country == "RUS")
		})},
		{"/api/events?bbox=37.1,49.1,37.4,49.3", countEvents(func(e record.Event) bool {
			return e.Place != nil && e.Place.Lon >= 37.1 && e.Place.Lon <= 37.4 && e.Place.Lat >= 49.1 && e.Place.Lat <= 49.3
		})},
		{"/api/events?from=2022-09-01", 0},
		{"/api/events?q=Izyum&source=SOFREP", len(rec.Events)},
		{"/api/places", len(rec.Places)},
		{"/api/places?type=river", countPlaces(rec, "river")},
		{"/api/quotes", len(rec.Quotes)},
		{"/api/claims", len(rec.Claims)},
		{"/api/control", len(rec.Control)},
		{"/api/control?side=RUS", countControl(rec, "RUS")},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := fx.do(t, "GET", tt.target, "")
			checkResponse(t, w)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var page struct {
				Items  []json.RawMessage `json:"items"`
				Sitrep picture.Stamp     `json:"sitrep"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil {
				t.Fatal(err)
			}
			if len(page.Items) != tt.want {
				t.Errorf("%d items, want %d", len(page.Items), tt.want)
			}
			if page.Sitrep.Sitrep != "v0.0.0-test" || page.Sitrep.Codebook != picture.CodebookVersion {
				t.Errorf("stamp %+v", page.Sitrep)
			}
			if w.Header().Get("X-Sitrep-Codebook") != picture.CodebookVersion {
				t.Errorf("no codebook header")
			}
		})
	}
}

func countPlaces(rec *record.Record, kind string) int {
	n := 0
	for _, p := range rec.Places {
		if p.Kind == kind {
			n++
		}
	}
	return n
}

func countControl(rec *record.Record, side string) int {
	n := 0
	for _, c := range rec.Control {
		if c.Side == side {
			n++
		}
	}
	return n
}

// GeoJSON is RFC 7946: a FeatureCollection of Points in lon, lat order, carrying
// the items as properties; the events' evidence is the founding article's words.
func TestPictureGeoJSON(t *testing.T) {
	fx, rec := pictureFixture(t)
	for _, target := range []string{"/api/events?format=geojson", "/api/places?format=geojson", "/api/control?format=geojson"} {
		t.Run(target, func(t *testing.T) {
			w := fx.do(t, "GET", target, "")
			if w.Code != 200 || w.Header().Get("Content-Type") != "application/geo+json" {
				t.Fatalf("status %d, %s: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
			}
			var fc struct {
				Type     string `json:"type"`
				Features []struct {
					Type     string `json:"type"`
					Geometry struct {
						Type        string    `json:"type"`
						Coordinates []float64 `json:"coordinates"`
					} `json:"geometry"`
					Properties struct {
						Evidence string `json:"evidence_text"`
					} `json:"properties"`
				} `json:"features"`
				Sitrep picture.Stamp `json:"sitrep"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &fc); err != nil {
				t.Fatal(err)
			}
			if fc.Type != "FeatureCollection" || len(fc.Features) == 0 || fc.Sitrep.Codebook == "" {
				t.Fatalf("collection %q with %d features, stamp %+v", fc.Type, len(fc.Features), fc.Sitrep)
			}
			for _, f := range fc.Features {
				c := f.Geometry.Coordinates
				// Ukraine lies at lon 22–40, lat 44–53: swapped axes would show.
				if f.Type != "Feature" || f.Geometry.Type != "Point" || len(c) != 2 {
					t.Fatalf("feature %+v", f)
				}
				if strings.HasPrefix(target, "/api/events") && (c[0] < 22 || c[0] > 41 || c[1] < 44 || c[1] > 53) {
					t.Errorf("event at %v: not lon, lat in Ukraine", c)
				}
				if f.Properties.Evidence == "" || !strings.Contains(rec.Text, f.Properties.Evidence) {
					t.Errorf("evidence %q is not the article's", f.Properties.Evidence)
				}
			}
		})
	}
}

// The CSV export has ACLED's columns and one row an event, stamped; JSONL has one
// PLOVER-style event a line.
func TestPictureExports(t *testing.T) {
	fx, rec := pictureFixture(t)
	w := fx.do(t, "GET", "/api/events?format=csv", "")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: status %d, %s", w.Code, w.Header().Get("Content-Type"))
	}
	rows, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], picture.ACLEDColumns) {
		t.Errorf("header %v", rows[0])
	}
	if len(rows)-1 != len(rec.Events) {
		t.Errorf("%d rows, %d events", len(rows)-1, len(rec.Events))
	}
	col := func(name string) int { return slices.Index(picture.ACLEDColumns, name) }
	for _, r := range rows[1:] {
		if r[col("codebook_version")] != picture.CodebookVersion || r[col("sitrep_version")] != "v0.0.0-test" {
			t.Errorf("row not stamped: %v", r)
		}
		if r[col("event_date")] == "" || r[col("plover_type")] == "" || r[col("notes")] == "" {
			t.Errorf("row lacks date, type or notes: %v", r)
		}
		if r[col("location")] == "Izium" && (r[col("admin1")] != "Kharkiv" || r[col("geo_precision")] != "1") {
			t.Errorf("Izium row: admin1 %q, geo_precision %q", r[col("admin1")], r[col("geo_precision")])
		}
	}

	w = fx.do(t, "GET", "/api/events?format=jsonl", "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("jsonl: status %d, %s", w.Code, w.Header().Get("Content-Type"))
	}
	n := 0
	sc := bufio.NewScanner(w.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev struct {
			ID        string `json:"id"`
			EventType string `json:"event_type"`
			Codebook  string `json:"codebook_version"`
			Text      string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ev.ID, "sitrep-") || ev.EventType == "" || ev.Codebook != picture.CodebookVersion || ev.Text == "" {
			t.Errorf("line %s", sc.Bytes())
		}
		n++
	}
	if n != len(rec.Events) {
		t.Errorf("%d lines, %d events", n, len(rec.Events))
	}

	// Pages of an export link to the next one.
	w = fx.do(t, "GET", "/api/events?format=jsonl&limit=5", "")
	link := w.Header().Get("Link")
	if !strings.Contains(link, "cursor=") || !strings.HasSuffix(link, `rel="next"`) {
		t.Errorf("Link %q", link)
	}
	target := strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
	if w2 := fx.do(t, "GET", target, ""); w2.Code != 200 || strings.Count(w2.Body.String(), "\n") != min(5, len(rec.Events)-5) {
		t.Errorf("next page %s: %d, %d lines", target, w2.Code, strings.Count(w2.Body.String(), "\n"))
	}
}

// Malformed filters are the client's fault and answer 400; a store without the
// picture answers 404.
func TestPictureErrors(t *testing.T) {
	fx, _ := pictureFixture(t)
	tests := []struct {
		target string
		want   int
	}{
		{"/api/events?bbox=1,2,3", 400},
		{"/api/events?bbox=40,50,30,45", 400},
		{"/api/events?bbox=a,b,c,d", 400},
		{"/api/events?from=yesterday", 400},
		{"/api/events?from=2022-06-01&to=2022-05-01", 400},
		{"/api/events?format=xml", 400},
		{"/api/quotes?format=geojson", 400},
		{"/api/quotes?bbox=36,49,38,50", 400},
		{"/api/claims?side=UKR", 400},
		{"/api/events?limit=0", 400},
		{"/api/events?limit=x", 400},
		{"/api/events?cursor=not-a-cursor", 400},
		{"/api/events?q=%22", 400},
		{"/api/events?limit=100000", 200},
	}
	for _, tt := range tests {
		w := fx.do(t, "GET", tt.target, "")
		checkResponse(t, w)
		if w.Code != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.target, w.Code, tt.want, w.Body)
		}
	}
	fake := newFixture(t, nil, nil)
	w := fake.do(t, "GET", "/api/events", "")
	checkResponse(t, w)
	if w.Code != 404 || !strings.Contains(w.Body.String(), "situation picture") {
		t.Errorf("store without the picture: %d %s", w.Code, w.Body)
	}
}

// Who held Kharkiv on the founding article's day, and who said so: the timeline
// of the city from the article's control statements.
func TestControlTimeline(t *testing.T) {
	fx, rec := pictureFixture(t)
	const kharkiv = 706483
	wantSide := ""
	for _, c := range rec.Control {
		if c.Place.GeonameID == kharkiv && (c.Action == "retook" || c.Action == "captured") {
			wantSide = c.Side
		}
	}
	if wantSide == "" {
		t.Fatal("the founding article no longer says who retook Kharkiv: pick another place")
	}
	w := fx.do(t, "GET", "/api/control/timeline?geonameid=706483&as_of=2022-05-15", "")
	checkResponse(t, w)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var tl struct {
		Place     record.PlaceRef    `json:"place"`
		Intervals []picture.Interval `json:"intervals"`
		AsOf      *picture.Interval  `json:"as_of"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &tl); err != nil {
		t.Fatal(err)
	}
	if tl.Place.GeonameID != kharkiv || tl.AsOf == nil || tl.AsOf.Side != wantSide || tl.AsOf.Why == "" {
		t.Fatalf("place %+v, as of %+v", tl.Place, tl.AsOf)
	}
	for _, e := range tl.AsOf.Evidence {
		if e.EvidenceText == "" || !strings.Contains(rec.Text, e.EvidenceText) {
			t.Errorf("evidence %q is not the article's", e.EvidenceText)
		}
	}
	// Before the article, nobody is reported to hold it.
	w = fx.do(t, "GET", "/api/control/timeline?geonameid=706483&as_of=2022-01-01", "")
	if !strings.Contains(w.Body.String(), `"as_of":null`) {
		t.Errorf("as of 2022-01-01: %s", w.Body)
	}
	for target, want := range map[string]int{
		"/api/control/timeline":                             400,
		"/api/control/timeline?geonameid=x":                 400,
		"/api/control/timeline?geonameid=706483&as_of=soon": 400,
		"/api/quotes?geonameid=706483":                      400,
		"/api/events?geonameid=707292":                      200,
	} {
		w := fx.do(t, "GET", target, "")
		checkResponse(t, w)
		if w.Code != want {
			t.Errorf("%s: %d, want %d: %s", target, w.Code, want, w.Body)
		}
	}
}

// The founding article and a wire copy of it: their mentions fuse, each fused
// event counts one story, and a split made through the API holds when fusion runs
// again.
func TestFusedAndSplit(t *testing.T) {
	fx, rec := pictureFixture(t)
	wire, err := (&pipeline.Pipeline{}).Process(input.Item{Name: "wire", ID: "wire", Outlet: "Wire",
		Text:      "KHARKIV (Wire) -\n\n" + rec.Text + "\n\nReporting by staff; editing by the desk.",
		Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.st.Put(t.Context(), []*record.Record{wire}); err != nil {
		t.Fatal(err)
	}
	type fusedPage struct {
		Items []picture.Fused `json:"items"`
	}
	get := func() fusedPage {
		t.Helper()
		w := fx.do(t, "GET", "/api/fused", "")
		checkResponse(t, w)
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		var p fusedPage
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := get()
	var pair *picture.Fused
	for i, f := range p.Items {
		if f.Documents == 2 {
			if f.Stories != 1 || len(f.Why) != 1 {
				t.Errorf("%s: %d stories, reasons %v", f.ID, f.Stories, f.Why)
			}
			if pair == nil {
				pair = &p.Items[i]
			}
		}
	}
	if pair == nil {
		t.Fatalf("no event fused across the article and its copy: %d fused events", len(p.Items))
	}
	a, b := pair.Mentions[0].ID, pair.Mentions[1].ID
	body := fmt.Sprintf(`{"split": [%d], "from": [%d]}`, b, a)
	if w := fx.do(t, "POST", "/api/fused/split", body); w.Code != 401 {
		t.Errorf("split without a token: %d", w.Code)
	}
	for target, want := range map[string]int{
		`{"split": [], "from": [1]}`:                       400,
		`{"split": [1], "from": [1]}`:                      400,
		`{"split": [999999], "from": [1]}`:                 400,
		`not json`:                                         400,
		fmt.Sprintf(`{"split": [%d], "from": [%d]}`, b, a): 200,
	} {
		w := fx.do(t, "POST", "/api/fused/split", target, "Authorization", "Bearer "+testToken, "Content-Type", "application/json")
		checkResponse(t, w)
		if w.Code != want {
			t.Errorf("split %s: %d, want %d: %s", target, w.Code, want, w.Body)
		}
	}
	// Fusion runs again on every request: the split holds.
	for _, f := range get().Items {
		has := map[int64]bool{}
		for _, m := range f.Mentions {
			has[m.ID] = true
		}
		if has[a] && has[b] {
			t.Errorf("%s still fuses mentions %d and %d after the split", f.ID, a, b)
		}
	}
}

// The sources the founding article's claims cite, most cited first, each with
// its type and grades; filters that do not apply to claims are the client's
// mistake.
func TestPictureSources(t *testing.T) {
	fx, rec := pictureFixture(t)
	w := fx.do(t, "GET", "/api/sources", "")
	checkResponse(t, w)
	var body struct {
		Sources []picture.Source `json:"sources"`
		Sitrep  picture.Stamp    `json:"sitrep"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); w.Code != 200 || err != nil {
		t.Fatalf("%d %v: %s", w.Code, err, w.Body)
	}
	cited := 0
	for _, c := range rec.Claims {
		if c.Source.Name != "" {
			cited++
		}
	}
	n := 0
	for _, s := range body.Sources {
		n += s.Claims
		if s.Name == "" || s.Type == "" || s.Documents != 1 {
			t.Errorf("source %+v", s)
		}
	}
	if n != cited || len(body.Sources) == 0 || body.Sitrep.Codebook != picture.CodebookVersion {
		t.Errorf("%d sources citing %d claims, the record has %d cited claims; stamp %+v", len(body.Sources), n, cited, body.Sitrep)
	}
	for _, bad := range []string{"/api/sources?bbox=36,49,38,50", "/api/sources?side=RUS", "/api/sources?cursor=x", "/api/sources?limit=0"} {
		if w := fx.do(t, "GET", bad, ""); w.Code != 400 {
			t.Errorf("%s: %d, want 400", bad, w.Code)
		}
	}
}
