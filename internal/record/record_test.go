package record

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestContentHashIgnoresLineEndsAndEdges(t *testing.T) {
	a := ContentHash("Izium [Izyum] direction remains the hottest spot.\nWe will win.")
	for _, v := range []string{
		"Izium [Izyum] direction remains the hottest spot.\r\nWe will win.",
		"  Izium [Izyum] direction remains the hottest spot.\nWe will win.\n\n",
	} {
		if ContentHash(v) != a {
			t.Errorf("hash differs for %q", v)
		}
	}
	if ContentHash("Izium [Izyum] direction remains the hottest spot. We will win.") == a {
		t.Error("a different text has the same hash")
	}
	if len(a) != 32 {
		t.Errorf("hash %q: want 32 hex digits", a)
	}
}

func TestSliceRunesCountsCodePoints(t *testing.T) {
	text := "Бої за Ізюм — “Izium”."
	cases := []struct {
		start, end int
		want       string
	}{
		{7, 11, "Ізюм"},
		{14, 21, "“Izium”"},
		{0, 100, text},
		{-3, 3, "Бої"},
		{5, 2, ""},
		{22, 30, ""},
	}
	for _, c := range cases {
		if got := SliceRunes(text, c.start, c.end); got != c.want {
			t.Errorf("SliceRunes(%d, %d) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}

// A new record carries every list of the schema, empty rather than null, so
// consumers never meet a missing field.
func TestNewRecordJSONHasEveryField(t *testing.T) {
	b, err := json.Marshal(New(Source{URL: "https://sofrep.com/x"}, "Kupiansk."))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"schema":"sitrep.record/v1"`, `"boilerplate":[]`, `"entities":[]`, `"places":[]`, `"quotes":[]`, `"claims":[]`, `"events":[]`, `"control":[]`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON lacks %s: %s", k, b)
		}
	}
}

// A control statement takes the grade of the claim that carries it: same source,
// overlapping text. One stated as fact, or sourced to someone else, takes none.
func TestGradeControl(t *testing.T) {
	text := "British intelligence said Russian forces withdrew from around Kharkiv. " +
		"Ukrainian forces retook Staryi Saltiv, the regional governor said."
	r := New(Source{Outlet: "test"}, text)
	withdrew := Span{Start: 0, End: 70}
	retook := Span{Start: 71, End: len([]rune(text))}
	r.Claims = []Claim{
		{Content: Span{Start: 26, End: 69}, Source: ClaimSource{Name: "British intelligence"}, Grade: "B2"},
		{Content: Span{Start: 71, End: 107}, Source: ClaimSource{Name: "the regional governor"}, Grade: "C3"},
	}
	r.Control = []Control{
		{Side: "RUS", Action: "withdrew", Status: "assessed", Evidence: withdrew},
		{Side: "UKR", Action: "retook", Status: "claimed", Evidence: retook},
		{Side: "UKR", Action: "retook", Status: "confirmed", Evidence: retook},
		{Side: "RUS", Action: "withdrew", Status: "claimed", Evidence: retook},
	}
	r.Control[0].Source.Name = "british Intelligence "
	r.Control[1].Source.Name = "the regional governor"
	r.Control[3].Source.Name = "British intelligence" // its claim is elsewhere
	r.GradeControl()
	for i, want := range []string{"B2", "C3", "", ""} {
		if got := r.Control[i].Grade; got != want {
			t.Errorf("statement %d: grade %q, want %q", i, got, want)
		}
	}
}
