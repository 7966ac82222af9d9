package api

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

func getJSON(t *testing.T, fx *fixture, target string, v any) int {
	t.Helper()
	w := fx.do(t, "GET", target, "")
	checkResponse(t, w)
	if w.Code == 200 {
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
	}
	return w.Code
}

// Clusters hold every placed event of the founding article at every zoom, fewer
// cells as the map zooms out; the histogram counts every dated one.
func TestMapClustersAndHistogram(t *testing.T) {
	fx, rec := pictureFixture(t)
	placed := 0
	for _, e := range rec.Events {
		if e.Place != nil && !(e.Place.Lat == 0 && e.Place.Lon == 0) {
			placed++
		}
	}
	if placed == 0 {
		t.Fatal("no placed events in the founding article")
	}
	prev := 0
	for _, zoom := range []int{12, 8, 5, 2} {
		var out clustersJSON
		if code := getJSON(t, fx, "/api/events/clusters?zoom="+strconv.Itoa(zoom), &out); code != 200 {
			t.Fatalf("zoom %d: status %d", zoom, code)
		}
		if out.Events != placed {
			t.Errorf("zoom %d: %d events in cells, the article has %d placed", zoom, out.Events, placed)
		}
		if prev != 0 && len(out.Cells) > prev {
			t.Errorf("zoom %d: %d cells, more than the %d at the zoom above", zoom, len(out.Cells), prev)
		}
		prev = len(out.Cells)
		for _, c := range out.Cells {
			n := 0
			for _, k := range c.Types {
				n += k
			}
			if n != c.Count {
				t.Errorf("zoom %d: cell of %d counts %d by type", zoom, c.Count, n)
			}
		}
	}
	var iz clustersJSON
	getJSON(t, fx, "/api/events/clusters?zoom=10&bbox=37.1,49.1,37.4,49.3&type=ASSAULT", &iz)
	for _, c := range iz.Cells {
		if c.Lon < 37.1 || c.Lon > 37.4 || len(c.Types) != 1 || c.Types["ASSAULT"] != c.Count {
			t.Errorf("cell %+v outside the box or not only assaults", c)
		}
	}

	dated := 0
	for _, e := range rec.Events {
		if e.Date != "" || rec.Source.Published != "" {
			dated++
		}
	}
	for _, width := range []string{"day", "week"} {
		var h histogramJSON
		if code := getJSON(t, fx, "/api/events/histogram?bin="+width, &h); code != 200 {
			t.Fatalf("bin %s: status %d", width, code)
		}
		sum := 0
		for _, b := range h.Bins {
			sum += b.Count
			d, err := time.Parse(time.DateOnly, b.Start)
			if err != nil || width == "week" && d.Weekday() != time.Monday {
				t.Errorf("bin %s starts %q", width, b.Start)
			}
		}
		if sum != dated || h.Events != dated {
			t.Errorf("bin %s: %d events in bins, %d said, want %d", width, sum, h.Events, dated)
		}
		if h.First == "" || h.First > h.Last || h.BBox == nil {
			t.Errorf("bin %s: first %q last %q bbox %v", width, h.First, h.Last, h.BBox)
		}
	}
	for _, target := range []string{
		"/api/events/clusters?zoom=23", "/api/events/clusters?zoom=x", "/api/events/histogram?bin=month",
		"/api/events/clusters?bbox=1,2,3", "/api/control/asof", "/api/control/asof?date=2022-13-01",
		"/api/events/x/evidence", "/api/events/0/evidence",
	} {
		if w := fx.do(t, "GET", target, ""); w.Code != 400 {
			t.Errorf("%s: status %d, want 400", target, w.Code)
		}
	}
	if w := fx.do(t, "GET", "/api/events/999999/evidence", ""); w.Code != 404 {
		t.Errorf("missing event: status %d, want 404", w.Code)
	}
}

// The evidence of an event at Izium: its sentence, spelled by its segments, with
// the place marked, the source and its grade, a link to the document that the API
// serves; and a copy of the article in another outlet fused into it.
func TestMapEvidence(t *testing.T) {
	fx, rec := pictureFixture(t)
	// The same story as a wire copy: another document reporting the same events.
	text := testutil.FoundingArticle(t)
	cp, err := (&pipeline.Pipeline{}).Process(input.Item{Name: "wire.txt", Text: text + "\n\nThis story was first published by SOFREP.",
		Outlet: "Wire", Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.st.Put(t.Context(), []*record.Record{cp}); err != nil {
		t.Fatal(err)
	}
	var page pictureJSON[struct {
		ID           int64  `json:"id"`
		EvidenceText string `json:"evidence_text"`
		Document     struct {
			ID     string `json:"id"`
			Outlet string `json:"outlet"`
		} `json:"document"`
		record.Event
	}]
	getJSON(t, fx, "/api/events?bbox=37.1,49.1,37.4,49.3&limit=1000", &page)
	if len(page.Items) == 0 {
		t.Fatal("no event at Izium")
	}
	grade := regexp.MustCompile(`^[A-F][1-6]$`)
	sawGrade, sawFused := false, false
	for _, it := range page.Items {
		var ev evidenceJSON
		if code := getJSON(t, fx, "/api/events/"+strconv.FormatInt(it.ID, 10)+"/evidence?q=Izyum", &ev); code != 200 {
			t.Fatalf("event %d: status %d", it.ID, code)
		}
		if len(ev.Mentions) == 0 || ev.Mentions[0].EventID != it.ID || ev.Event.ID != it.ID {
			t.Fatalf("event %d: mentions %+v", it.ID, ev.Mentions)
		}
		for _, m := range ev.Mentions {
			var spelled strings.Builder
			for _, s := range m.Segments {
				spelled.WriteString(s.Text)
			}
			if spelled.String() != m.Sentence || m.Sentence == "" {
				t.Errorf("event %d: segments spell %q, sentence %q", m.EventID, spelled.String(), m.Sentence)
			}
			runes := []rune(m.Sentence)
			for _, mk := range m.Marks {
				if string(runes[mk.Start:mk.End]) != mk.Text {
					t.Errorf("event %d: mark %+v is %q in the sentence", m.EventID, mk, string(runes[mk.Start:mk.End]))
				}
			}
			if !slices.ContainsFunc(m.Marks, func(mk mark) bool { return mk.Kind == "place" }) &&
				!slices.ContainsFunc(m.Marks, func(mk mark) bool { return mk.Kind == "query" }) {
				t.Errorf("event %d: no place marked in %q (%+v)", m.EventID, m.Sentence, m.Marks)
			}
			if m.Source == "" {
				t.Errorf("event %d: no source", m.EventID)
			}
			if m.Document.Link != "/api/documents/"+m.Document.ID {
				t.Errorf("link %q", m.Document.Link)
			}
		}
		if ev.Documents >= 2 && len(ev.Mentions) >= 2 && len(ev.Why) == len(ev.Mentions)-1 {
			sawFused = true
		}
	}
	// Events a named source reports carry the grade of its claim: British
	// intelligence's are B3 in this reading.
	var all pictureJSON[struct {
		ID int64 `json:"id"`
		record.Event
	}]
	getJSON(t, fx, "/api/events?source=British%20intelligence&limit=1000", &all)
	for _, it := range all.Items {
		var ev evidenceJSON
		getJSON(t, fx, "/api/events/"+strconv.FormatInt(it.ID, 10)+"/evidence", &ev)
		m := ev.Mentions[0]
		if m.Source != "British intelligence" {
			t.Errorf("event %d: source %q", it.ID, m.Source)
		}
		if m.Grade != "" {
			sawGrade = true
			if !grade.MatchString(m.Grade) {
				t.Errorf("event %d: grade %q", m.EventID, m.Grade)
			}
		}
		if !slices.ContainsFunc(m.Marks, func(mk mark) bool { return mk.Kind == "source" || mk.Kind == "cue" }) {
			t.Errorf("event %d: neither source nor cue marked in %q", it.ID, m.Sentence)
		}
	}
	if len(all.Items) == 0 || !sawGrade {
		t.Errorf("%d events reported by British intelligence, none with a grade", len(all.Items))
	}
	if !sawFused {
		t.Error("no event at Izium is fused with its wire copy")
	}
	var doc documentSummary
	if code := getJSON(t, fx, "/api/documents/"+page.Items[0].Document.ID, &doc); code != 200 || doc.ID != page.Items[0].Document.ID {
		t.Errorf("document link: status %d, id %q", code, doc.ID)
	}
	_ = rec
}

// Control as of a day agrees with each place's timeline, and a day before any
// statement has no one holding anything.
func TestMapControlAsOf(t *testing.T) {
	fx, rec := pictureFixture(t)
	if len(rec.Control) == 0 {
		t.Skip("the founding article has no control statements")
	}
	var out asOfJSON
	if code := getJSON(t, fx, "/api/control/asof?date=2022-05-20", &out); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(out.Places) == 0 {
		t.Fatalf("no place held on 2022-05-20: %+v", rec.Control)
	}
	for _, p := range out.Places {
		if p.Place.GeonameID == 0 {
			continue
		}
		var tl timelineJSON
		getJSON(t, fx, "/api/control/timeline?as_of=2022-05-20&geonameid="+strconv.FormatInt(p.Place.GeonameID, 10), &tl)
		if tl.AsOf == nil || tl.AsOf.Side != p.Side || tl.AsOf.From != p.From {
			t.Errorf("%s: as of %s/%s, timeline says %+v", p.Place.Name, p.Side, p.From, tl.AsOf)
		}
	}
	var before asOfJSON
	getJSON(t, fx, "/api/control/asof?date=2021-01-01", &before)
	if len(before.Places) != 0 {
		t.Errorf("places held before the war's reporting: %+v", before.Places)
	}
}

// Text from articles stays data: the evidence of an event in a document full of
// markup comes back as JSON strings with <, > and & escaped.
func TestMapEvidenceEscapes(t *testing.T) {
	fx, _ := pictureFixture(t)
	text := "Russian forces shelled Kharkiv on Monday <img src=x onerror=window.__pwned=1> <script>alert(1)</script>, the governor said."
	rec, err := (&pipeline.Pipeline{}).Process(input.Item{Name: "x.txt", Text: text, Outlet: "Evil & Co",
		Published: time.Date(2022, 5, 16, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Events) == 0 {
		t.Fatalf("no event read in %q", text)
	}
	if _, err := fx.st.Put(t.Context(), []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	var page pictureJSON[struct {
		ID int64 `json:"id"`
	}]
	getJSON(t, fx, "/api/events?source=Evil%20%26%20Co", &page)
	if len(page.Items) == 0 {
		t.Fatal("the event is not stored")
	}
	w := fx.do(t, "GET", "/api/events/"+strconv.FormatInt(page.Items[0].ID, 10)+"/evidence", "")
	checkResponse(t, w)
	body := w.Body.String()
	if strings.ContainsAny(body, "<>") || !strings.Contains(body, `\u003cscript\u003e`) {
		t.Errorf("evidence not escaped: %s", body)
	}
}
