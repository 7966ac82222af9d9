package score

import (
	"math"
	"strings"
	"testing"
)

func TestParseBRAT(t *testing.T) {
	ann := "T1\tSource 0 5\tAlice\n" +
		"T2\tCue 6 10\tsaid\n" +
		"T3\tContent 11 20;25 30\tsomething else\n" +
		"T4\tAttribution 6 10\tsaid\n" +
		"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n" +
		"T5\tDiscard 31 35\tjunk\n" +
		"E2\tAttribution-no-source:T4 Cue:T2 Content:T5\n"
	attrs, err := ParseBRAT(strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if len(attrs) != 2 {
		t.Fatalf("%d attributions, want 2", len(attrs))
	}
	a := attrs[0]
	if len(a.Source) != 1 || a.Source[0] != (Span{0, 5}) || len(a.Content) != 2 || a.Content[1] != (Span{25, 30}) {
		t.Errorf("attribution %+v", a)
	}
	if len(attrs[1].Source) != 0 {
		t.Errorf("no-source attribution has source %+v", attrs[1].Source)
	}
	// A repeated role is numbered: both contents belong to the relation.
	two, err := ParseBRAT(strings.NewReader(ann + "T6\tContent 40 45\tmore\nE3\tAttribution:T4 Source:T1 Cue:T2 Content:T3 Content2:T6\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := two[2].Content; len(c) != 3 || c[2] != (Span{40, 45}) {
		t.Errorf("numbered role: content %+v", c)
	}
	for _, bad := range []string{"T1\tSource x 5\tA\n", "T1\tSource 5 2\tA\n", "T1\tSource\n"} {
		if _, err := ParseBRAT(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestMatches(t *testing.T) {
	cases := []struct {
		a, b []Span
		want bool
	}{
		{[]Span{{0, 10}}, []Span{{0, 10}}, true},
		{[]Span{{0, 10}}, []Span{{5, 10}}, true},          // half of the longer
		{[]Span{{0, 10}}, []Span{{6, 10}}, false},         // less than half
		{[]Span{{0, 10}}, []Span{{0, 100}}, false},        // a sprawling prediction
		{[]Span{{0, 5}, {10, 15}}, []Span{{0, 15}}, true}, // 10 of 15
		{[]Span{{0, 5}, {10, 15}}, []Span{{0, 5}, {10, 14}}, true},
		{nil, []Span{{0, 1}}, false},
	}
	for _, c := range cases {
		if got := Matches(c.a, c.b, 0.5); got != c.want {
			t.Errorf("Matches(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestAttrResult(t *testing.T) {
	text := "“We hold,” he said. Officials said the town fell."
	gold := []Attribution{
		{Source: []Span{{11, 13}}, Content: []Span{{0, 10}}},
		{Source: []Span{{20, 29}}, Content: []Span{{35, 49}}},
	}
	pred := []PredAttribution{
		{Content: []Span{{1, 9}}, Source: []Span{{11, 13}}, Quote: true},
		{Content: []Span{{35, 49}}, Source: []Span{{30, 34}}},
		{Content: []Span{{20, 34}}},
	}
	var r AttrResult
	r.Add(text, gold, pred, 0.5)
	if r.Gold != 2 || r.Pred != 3 || r.Matched != 2 {
		t.Errorf("counts %+v", r)
	}
	if r.SourceGold != 2 || r.SourceRight != 1 || r.QuoteGold != 1 || r.QuoteSourceRight != 1 {
		t.Errorf("sources %+v", r)
	}
	if math.Abs(r.F1()-0.8) > 1e-9 {
		t.Errorf("F1 %v, want 0.8", r.F1())
	}
}

func TestTypeResult(t *testing.T) {
	var r TypeResult
	for _, p := range [][2]string{{"ASSAULT", "ASSAULT"}, {"ASSAULT", "COERCE"}, {"AID", "AID"}, {"AID", ""}} {
		r.Add(p[0], p[1])
	}
	if r.Accuracy() != 0.5 {
		t.Errorf("accuracy %v", r.Accuracy())
	}
	p, rc, f := r.PerType("ASSAULT")
	if p != 1 || rc != 0.5 || math.Abs(f-2.0/3) > 1e-9 {
		t.Errorf("ASSAULT %v %v %v", p, rc, f)
	}
	if CurrentType("FIGHT") != "ASSAULT" || CurrentType("DEMAND") != "REQUEST" || CurrentType("AID") != "AID" {
		t.Error("old types not mapped")
	}
}

func TestToponyms(t *testing.T) {
	id := int64(1)
	gold := []NewsToponym{
		{Text: "Kyiv", Start: 10, End: 14, GeonameID: &id, Lat: 50.45, Lon: 30.52},
		{Text: "Kharkiv", Start: 30, End: 37, Lat: 49.99, Lon: 36.23},
		{Text: "Russia", Start: 60, End: 66, Lat: 60, Lon: 100, Metonymic: true},
	}
	pred := []PredToponym{
		{Text: "kyiv", Start: 10, End: 14, Lat: 50.4, Lon: 30.5, Metonymic: true}, // right, but read as the state
		{Text: "Kharkiv", Start: 30, End: 37, Lat: 48.0, Lon: 37.8},               // > 161 km off
		{Text: "Lviv", Start: 50, End: 54, Lat: 49.8, Lon: 24.0},                  // not in gold
		{Text: "Russia", Start: 60, End: 66, Lat: 60, Lon: 100, Metonymic: true},
	}
	var r ToponymResult
	r.Add(gold, pred)
	if r.Matched != 3 || r.Within161 != 2 {
		t.Errorf("%+v", r)
	}
	if r.MetAgree != 2 || r.MetGold != 1 || r.MetFound != 1 || r.MetWrong != 1 {
		t.Errorf("metonymy %+v", r)
	}
	if d := Haversine(50.45, 30.52, 49.99, 36.23); d < 400 || d > 420 {
		t.Errorf("Kyiv–Kharkiv %v km", d)
	}
}

func TestQuotesAndNames(t *testing.T) {
	if !SameQuote("We will win,", "“We will win,”") || SameQuote("We will win", "They will lose") {
		t.Error("SameQuote")
	}
	if !SameQuote("The Ukrainians are making them pay.\n\"Several hundred hold,", "The Ukrainians are making them pay. Several hundred hold") {
		t.Error("SameQuote across a paragraph mark")
	}
	if !SameName("Zelensky", "Volodymyr Zelensky") || !SameName("", "") || SameName("", "Kirby") || SameName("John Kirby", "Lloyd Austin") {
		t.Error("SameName")
	}
	zel := "Volodymyr Zelensky"
	var r QuoteResult
	r.Add([]NewsQuote{{Text: "We will win", Speaker: &zel}, {Text: "Nobody knows"}},
		[]PredQuote{{Text: "We will win,", Speaker: "Volodymyr Zelensky"}, {Text: "Nobody knows.", Speaker: "Someone"}})
	if r.Matched != 2 || r.SpeakerRight != 1 || r.NamedRight != 1 {
		t.Errorf("%+v", r)
	}
}

func TestControlMatch(t *testing.T) {
	id := int64(706448)
	gold := []NewsControl{
		{Place: "Kherson", GeonameID: &id, Actor: "RU", Action: "withdrew", Status: "confirmed"},
		{Place: "Donbas region", Actor: "RU", Action: "advanced", Status: "assessed"},
	}
	pred := []PredControl{
		{Place: "Kherson", GeonameID: 706448, Side: "RUS", Action: "withdrew", Status: "claimed"},
		{Place: "Donbas", Side: "RUS", Action: "advanced", Status: "assessed"},
		{Place: "Kherson", GeonameID: 706448, Side: "UKR", Action: "retook"},
	}
	var r ControlResult
	r.Add(gold, pred)
	if r.Matched != 2 || r.StatusRight != 1 || r.Pred != 3 {
		t.Errorf("%+v", r)
	}
}
