package picture_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
)

// stmt is a control statement about Izium.
func stmt(id int64, date, side, action, status, source string) picture.Control {
	c := picture.Control{Item: picture.Item{ID: id, Document: picture.Doc{ID: "doc", Published: date}}}
	c.Place = record.PlaceRef{Name: "Izium", GeonameID: 707292, Lat: 49.20697, Lon: 37.27679}
	c.Side, c.Action, c.Status, c.Date = side, action, status, date
	c.Source.Name = source
	return c
}

// Izium in 2022, as the reporting had it: taken by Russia on 1 April, retaken by
// Ukraine on 10 September (claimed, then assessed by ISW and confirmed), with a
// Russian denial of the withdrawal in between.
func TestTimelineIzium(t *testing.T) {
	stmts := []picture.Control{
		stmt(1, "2022-04-01", "RUS", "captured", "claimed", "Russian Ministry of Defence"),
		stmt(2, "2022-04-01", "RUS", "captured", "assessed", "Institute for the Study of War"),
		stmt(3, "2022-04-01", "UKR", "denied", "denied", "General Staff of Ukraine"),
		stmt(4, "2022-09-10", "UKR", "retook", "claimed", "Volodymyr Zelensky"),
		stmt(5, "2022-09-10", "RUS", "withdrew", "claimed", "Russian Ministry of Defence"),
		stmt(6, "2022-09-11", "UKR", "retook", "confirmed", "British Defence Intelligence"),
		stmt(7, "2022-09-11", "RUS", "captured", "claimed", "a Russian milblogger"),
		stmt(8, "", "RUS", "captured", "claimed", "undated"),
	}
	tl := picture.BuildTimeline(stmts)
	if len(tl.Intervals) != 2 {
		t.Fatalf("intervals %+v", tl.Intervals)
	}
	tests := []struct {
		day        string
		side       string
		status     string
		evidence   int
		held       bool
		wantSource string
	}{
		{"2022-03-15", "", "", 0, false, ""},
		{"2022-04-01", "RUS", "assessed", 2, true, "Institute for the Study of War"},
		{"2022-09-05", "RUS", "assessed", 2, true, "Russian Ministry of Defence"},
		{"2022-09-10", "UKR", "confirmed", 3, true, "British Defence Intelligence"},
		{"2023-01-01", "UKR", "confirmed", 3, true, "Volodymyr Zelensky"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			d, _ := time.Parse(time.DateOnly, tt.day)
			iv, ok := tl.AsOf(d)
			if ok != tt.held || iv.Side != tt.side || iv.Status != tt.status || len(iv.Evidence) != tt.evidence {
				t.Fatalf("as of %s: %v %s %s with %d statements (%s)", tt.day, ok, iv.Side, iv.Status, len(iv.Evidence), iv.Why)
			}
			found := !ok
			for _, e := range iv.Evidence {
				found = found || e.Source.Name == tt.wantSource
			}
			if !found {
				t.Errorf("%s not among the evidence", tt.wantSource)
			}
		})
	}
	if ru := tl.Intervals[0]; ru.To != "2022-09-10" || len(ru.Against) != 1 || ru.Why == "" {
		t.Errorf("Russian interval %+v", ru)
	}
	// The milblogger's claim of 11 September is against the Ukrainian interval.
	if ua := tl.Intervals[1]; ua.To != "" || len(ua.Against) != 1 || ua.Against[0].ID != 7 {
		t.Errorf("Ukrainian interval %+v", ua)
	}
	// The retaking is corroborated: the president's claim, the opponent's
	// admitted withdrawal and, the next day, an independent confirmation, each
	// raised to credibility 2 (0.48 + 0.48 + 1.44). The milblogger's claim of the
	// next day is weighed and loses.
	ua := tl.Intervals[1]
	if ua.Score != 2.4 || len(ua.Sources) != 3 || !strings.Contains(ua.Why, "UKR 2.40 from 3 independent sources, corroborated") {
		t.Errorf("retaking: %v %q %q", ua.Score, ua.Sources, ua.Why)
	}
	if len(ua.Challenges) != 1 || !strings.HasPrefix(ua.Challenges[0], "2022-09-11: RUS 0.36") || !strings.HasSuffix(ua.Challenges[0], "UKR keeps it") {
		t.Errorf("challenges %q", ua.Challenges)
	}
	if tl.Place.GeonameID != 707292 {
		t.Errorf("place %+v", tl.Place)
	}
}

// A tie keeps the holder; statements with no one holding yet are dropped; an
// advance on a place moves no one's hold.
func TestTimelineTie(t *testing.T) {
	tl := picture.BuildTimeline([]picture.Control{
		stmt(1, "2022-05-01", "UKR", "encircled", "claimed", "a"),
		stmt(2, "2022-05-02", "UKR", "retook", "claimed", "a"),
		stmt(3, "2022-05-03", "RUS", "captured", "claimed", "b"),
		stmt(4, "2022-05-03", "UKR", "entered", "claimed", "c"),
		stmt(5, "2022-05-20", "RUS", "advanced", "assessed", "d"),
	})
	if len(tl.Intervals) != 1 || tl.Intervals[0].Side != "UKR" || tl.Intervals[0].From != "2022-05-02" {
		t.Fatalf("%+v", tl.Intervals)
	}
	iv := tl.Intervals[0]
	if len(iv.Challenges) != 1 || !strings.Contains(iv.Challenges[0], "tie, UKR keeps it") {
		t.Errorf("challenges %q", iv.Challenges)
	}
	if len(iv.Contested) != 1 || iv.Contested[0].ID != 5 {
		t.Errorf("contested %+v", iv.Contested)
	}
	if tl := picture.BuildTimeline([]picture.Control{stmt(1, "2022-05-01", "UKR", "advanced", "confirmed", "")}); len(tl.Intervals) != 0 {
		t.Errorf("an advance gave the place away: %+v", tl.Intervals)
	}
}

// One party's official claims a capture; the other party denies it the same day.
// Equal grades cancel: the holder stays, and the interval says the claim was
// weighed and why it lost. A denial the next day still answers the claim.
func TestTimelineClaimDenied(t *testing.T) {
	held := stmt(1, "2022-06-01", "UKR", "retook", "confirmed", "")
	for _, denialDay := range []string{"2022-06-10", "2022-06-11"} {
		t.Run(denialDay, func(t *testing.T) {
			stmts := []picture.Control{
				held,
				stmt(2, "2022-06-10", "RUS", "captured", "claimed", "Russian Ministry of Defence"),
				stmt(3, denialDay, "RUS", "captured", "denied", "General Staff of Ukraine"),
			}
			tl := picture.BuildTimeline(stmts)
			if len(tl.Intervals) != 1 || tl.Intervals[0].Side != "UKR" || tl.Intervals[0].To != "" {
				t.Fatalf("the denied claim moved the place: %+v", tl.Intervals)
			}
			iv := tl.Intervals[0]
			if len(iv.Against) != 1 || iv.Against[0].ID != 2 {
				t.Errorf("against %+v", iv.Against)
			}
			// The denial speaks for the holder.
			found := false
			for _, e := range iv.Evidence {
				found = found || e.ID == 3
			}
			if !found {
				t.Errorf("the denial is not among the evidence: %+v", iv.Evidence)
			}
			if len(iv.Challenges) == 0 || !strings.Contains(iv.Challenges[0], "denied by General Staff of Ukraine") ||
				!strings.Contains(iv.Challenges[0], "RUS 0.00") {
				t.Errorf("challenges %q", iv.Challenges)
			}
			// With no one holding before, the denied claim gives no one the place.
			if tl := picture.BuildTimeline(stmts[1:]); len(tl.Intervals) != 0 {
				t.Errorf("denied claim alone: %+v", tl.Intervals)
			}
		})
	}
	// A denial out of reach answers nothing: the claim stands, as a claim.
	tl := picture.BuildTimeline([]picture.Control{
		stmt(2, "2022-06-10", "RUS", "captured", "claimed", "Russian Ministry of Defence"),
		stmt(3, "2022-06-20", "RUS", "captured", "denied", "General Staff of Ukraine"),
	})
	if len(tl.Intervals) != 1 || tl.Intervals[0].Side != "RUS" || tl.Intervals[0].Status != "claimed" || len(tl.Intervals[0].Against) != 1 {
		t.Errorf("late denial: %+v", tl.Intervals)
	}
}

// A party's claim of a capture, denied by the other party, is confirmed the
// next day by an independent assessment: the capture wins from the claim's day,
// corroborated, and outweighs the denial. Grades found for the statements
// (ControlGrades) change the weights.
func TestTimelineCaptureConfirmed(t *testing.T) {
	stmts := []picture.Control{
		stmt(1, "2022-05-26", "RUS", "captured", "claimed", "Russian Ministry of Defence"),
		stmt(2, "2022-05-26", "RUS", "captured", "denied", "General Staff of Ukraine"),
		stmt(3, "2022-05-27", "RUS", "captured", "assessed", "British Defence Intelligence"),
	}
	tl := picture.BuildTimeline(stmts)
	if len(tl.Intervals) != 1 {
		t.Fatalf("%+v", tl.Intervals)
	}
	iv := tl.Intervals[0]
	if iv.Side != "RUS" || iv.From != "2022-05-26" || iv.Status != "assessed" {
		t.Fatalf("%+v", iv)
	}
	// Claimed C3 raised to C2 (0.48) plus assessed B3 raised to B2 (1.28), less the
	// denial (C3, 0.36).
	if iv.Score != 1.4 || len(iv.Sources) != 2 || !strings.Contains(iv.Why, "corroborated") || !strings.Contains(iv.Why, "C3→C2") {
		t.Errorf("score %v sources %q why %q", iv.Score, iv.Sources, iv.Why)
	}
	// Without the assessment the claim and the denial cancel.
	if tl := picture.BuildTimeline(stmts[:2]); len(tl.Intervals) != 0 {
		t.Errorf("uncorroborated: %+v", tl.Intervals)
	}
	// Two claims of the same party's kind corroborate nothing.
	two := picture.BuildTimeline([]picture.Control{
		stmt(1, "2022-05-26", "RUS", "captured", "claimed", "Russian Ministry of Defence"),
		stmt(4, "2022-05-26", "RUS", "captured", "claimed", "Denis Pushilin"),
	})
	if iv := two.Intervals[0]; strings.Contains(iv.Why, "corroborated") || iv.Score != 0.72 {
		t.Errorf("two claims: %v %q", iv.Score, iv.Why)
	}
	// An unreliable denier (a Telegram channel, graded F6) weighs less than a
	// party's claim graded C3: the claim wins alone.
	graded := picture.BuildTimelineWith(stmts[:2], picture.TimelineOptions{Grades: map[int64]string{2: "F6"}})
	if len(graded.Intervals) != 1 || graded.Intervals[0].Side != "RUS" || graded.Intervals[0].Score != 0.11 {
		t.Errorf("graded: %+v", graded.Intervals)
	}
}

// The same statement in near-duplicate documents (a syndicated copy) counts
// once; the same fact stated by two outlets counts twice.
func TestTimelineNearDuplicatesCountOnce(t *testing.T) {
	a := stmt(1, "2022-09-10", "UKR", "retook", "claimed", "")
	a.Document = picture.Doc{ID: "a", Published: "2022-09-10"}
	copyOfA := stmt(2, "2022-09-10", "UKR", "retook", "claimed", "")
	copyOfA.Document = picture.Doc{ID: "b", Published: "2022-09-10", DuplicateOf: "a"}
	other := stmt(3, "2022-09-10", "UKR", "retook", "claimed", "")
	other.Document = picture.Doc{ID: "c", Published: "2022-09-10", Outlet: "DOD News"}
	if iv := picture.BuildTimeline([]picture.Control{a, copyOfA}).Intervals[0]; len(iv.Sources) != 1 || iv.Score != 0.36 {
		t.Errorf("copies: %v %q", iv.Score, iv.Sources)
	}
	if iv := picture.BuildTimeline([]picture.Control{a, copyOfA, other}).Intervals[0]; len(iv.Sources) != 2 || len(iv.Evidence) != 3 {
		t.Errorf("two outlets: %q, %d statements", iv.Sources, len(iv.Evidence))
	}
}

// ControlGrades takes a statement's grade from the claim of its document that
// covers its sentence and has its source.
func TestControlGrades(t *testing.T) {
	c := stmt(7, "2022-09-10", "UKR", "retook", "claimed", "Oleh Synehubov")
	c.Document = picture.Doc{ID: "d1"}
	c.Evidence = record.Span{Start: 100, End: 180}
	asFact := stmt(8, "2022-09-10", "UKR", "retook", "confirmed", "")
	asFact.Document = picture.Doc{ID: "d1"}
	claim := func(doc string, start, end int, source, grade string) picture.Claim {
		cl := picture.Claim{Item: picture.Item{Document: picture.Doc{ID: doc}}}
		cl.Content, cl.Source.Name, cl.Grade = record.Span{Start: start, End: end}, source, grade
		return cl
	}
	got := picture.ControlGrades([]picture.Control{c, asFact}, []picture.Claim{
		claim("d2", 100, 180, "Oleh Synehubov", "A1"), // another document
		claim("d1", 0, 90, "Oleh Synehubov", "B1"),    // another sentence
		claim("d1", 120, 170, "Someone Else", "D4"),   // another source
		claim("d1", 120, 170, "oleh synehubov", "C2"),
	})
	if len(got) != 1 || got[7] != "C2" {
		t.Errorf("grades %v", got)
	}
}

// A statement's grade comes with its record (record.Control.Grade) when the
// caller gives none: a well-graded source outweighs a poorly graded one on the
// same day, and the interval says which grade it used.
func TestTimelineRecordGrades(t *testing.T) {
	ukr := stmt(1, "2022-09-10", "UKR", "retook", "claimed", "General Staff of Ukraine")
	rus := stmt(2, "2022-09-10", "RUS", "captured", "claimed", "a Russian milblogger")
	ukr.Grade, rus.Grade = "B2", "E5"
	tl := picture.BuildTimeline([]picture.Control{rus, ukr})
	iv, ok := tl.AsOf(time.Date(2022, 9, 11, 0, 0, 0, 0, time.UTC))
	if !ok || iv.Side != "UKR" || !strings.Contains(iv.Why, "B2") {
		t.Errorf("as of 11 September: %v %s (%s); want UKR on the B2 source", ok, iv.Side, iv.Why)
	}
	// Graded the other way round, the other side holds it.
	ukr.Grade, rus.Grade = "E5", "B2"
	tl = picture.BuildTimeline([]picture.Control{rus, ukr})
	if iv, ok := tl.AsOf(time.Date(2022, 9, 11, 0, 0, 0, 0, time.UTC)); !ok || iv.Side != "RUS" {
		t.Errorf("grades swapped: %v %s (%s); want RUS", ok, iv.Side, iv.Why)
	}
}

// The map's control layer as of a day: each place's holder, places nobody holds
// yet left out.
func TestHeldAsOf(t *testing.T) {
	lyman := func(id int64, date, side, action, status, source string) picture.Control {
		c := stmt(id, date, side, action, status, source)
		c.Place = record.PlaceRef{Name: "Lyman", GeonameID: 703071, Lat: 48.98939, Lon: 37.80202}
		return c
	}
	stmts := []picture.Control{
		stmt(1, "2022-04-01", "RUS", "captured", "assessed", "Institute for the Study of War"),
		stmt(2, "2022-09-11", "UKR", "retook", "confirmed", ""),
		lyman(3, "2022-05-27", "RUS", "captured", "claimed", "Russian Ministry of Defence"),
		lyman(4, "2022-10-01", "UKR", "entered", "claimed", "Ukrainian Ministry of Defence"),
		lyman(5, "2022-10-01", "RUS", "withdrew", "claimed", "Russian Ministry of Defence"),
	}
	unplaced := stmt(6, "2022-04-01", "RUS", "captured", "claimed", "x")
	unplaced.Place = record.PlaceRef{Name: "somewhere"}
	stmts = append(stmts, unplaced)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tt := range []struct {
		day  string
		want string
	}{
		{"2022-03-01", ""},
		{"2022-05-01", "707292 RUS"},
		{"2022-06-01", "703071 RUS, 707292 RUS"},
		{"2022-09-20", "703071 RUS, 707292 UKR"},
		{"2022-10-02", "703071 UKR, 707292 UKR"},
	} {
		var got []string
		for _, p := range picture.HeldAsOf(stmts, day(tt.day), picture.TimelineOptions{}) {
			got = append(got, fmt.Sprintf("%d %s", p.Place.GeonameID, p.Interval.Side))
		}
		if s := strings.Join(got, ", "); s != tt.want {
			t.Errorf("as of %s: %q, want %q", tt.day, s, tt.want)
		}
	}
}
