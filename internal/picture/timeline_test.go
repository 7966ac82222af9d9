package picture_test

import (
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
	if tl.Place.GeonameID != 707292 {
		t.Errorf("place %+v", tl.Place)
	}
}

// A tie keeps the holder; statements with no one holding yet are dropped.
func TestTimelineTie(t *testing.T) {
	tl := picture.BuildTimeline([]picture.Control{
		stmt(1, "2022-05-01", "UKR", "encircled", "claimed", "a"),
		stmt(2, "2022-05-02", "UKR", "retook", "claimed", "a"),
		stmt(3, "2022-05-03", "RUS", "captured", "claimed", "b"),
		stmt(4, "2022-05-03", "UKR", "advanced", "claimed", "c"),
	})
	if len(tl.Intervals) != 1 || tl.Intervals[0].Side != "UKR" || tl.Intervals[0].From != "2022-05-02" {
		t.Fatalf("%+v", tl.Intervals)
	}
}
