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
