package lexicon

import (
	"strings"
	"testing"
)

func load(t *testing.T) *Lexicon {
	t.Helper()
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func TestLoad(t *testing.T) {
	lx := load(t)
	for name, n := range map[string]int{
		"cues": len(lx.Cues), "grades": len(lx.Grades), "countries": len(lx.Countries),
		"actors": len(lx.Actors), "titles": len(lx.Titles), "triggers": len(lx.Triggers),
		"control": len(lx.Control), "modality": len(lx.Modality), "source words": len(lx.SourceWords),
	} {
		if n == 0 {
			t.Errorf("%s: empty table", name)
		}
	}
	// Every source type a word can give must have a grade, and every grade must be valid.
	for w, st := range lx.SourceWords {
		if _, ok := lx.Grades[st]; !ok {
			t.Errorf("source word %q: type %q has no grade", w, st)
		}
	}
	// All 16 PLOVER types must have at least one trigger, so that no type is unreachable.
	seen := map[string]bool{}
	for _, ts := range lx.Triggers {
		for _, tr := range ts {
			seen[tr.Type] = true
		}
	}
	for _, typ := range strings.Fields("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT") {
		if !seen[typ] {
			t.Errorf("no trigger for %s", typ)
		}
	}
}

func TestLookups(t *testing.T) {
	lx := load(t)
	cues := []struct {
		form, lemma, class, frame string
	}{
		{"said", "say", "speech", "all"},
		{"confirms", "confirm", "confirm", "all"},
		{"denied", "deny", "deny", "all"},
		{"according to", "according to", "speech", "prep"},
		{"added", "add", "speech", "quote"},
		{"pointed out", "point out", "speech", "all"},
	}
	for _, c := range cues {
		got, ok := lx.Cues[c.form]
		if !ok || got.Lemma != c.lemma || got.Class != c.class || got.Frame != c.frame {
			t.Errorf("cue %q = %+v, %v; want %s/%s/%s", c.form, got, ok, c.lemma, c.class, c.frame)
		}
	}
	countries := map[string]string{"Ukrainian": "UKR", "Russians": "RUS", "British": "GBR", "U.S.": "USA", "Russia's": "RUS", "Montenegro": "MNE"}
	for in, want := range countries {
		if c, ok := lx.CountryByName(in); !ok || c.ISO3 != want {
			t.Errorf("CountryByName(%q) = %q, %v; want %s", in, c.ISO3, ok, want)
		}
	}
	if got := lx.ISO3("ua"); got != "UKR" {
		t.Errorf("ISO3(ua) = %q", got)
	}
	actors := []struct{ alias, name, side, kind string }{
		{"Zelensky", "Volodymyr Zelensky", "UKR", "person"},
		{"Zelenskyy", "Volodymyr Zelensky", "UKR", "person"},
		{"the Kremlin", "Kremlin", "RUS", "org"},
		{"Institute for the Study of War", "Institute for the Study of War", "USA", "org"},
		{"occupiers", "enemy", "", "enemy"},
		{"our Armed Forces", "own forces", "", "self"},
		{"troops", "forces", "", "noun"},
	}
	for _, a := range actors {
		got := lx.ActorsByAlias(a.alias)
		if len(got) == 0 || got[0].Name != a.name || got[0].Side != a.side || got[0].Kind != a.kind {
			t.Errorf("actor %q = %+v", a.alias, got)
		}
	}
	if g := lx.Grade("intelligence"); g.String() != "B3" {
		t.Errorf("intelligence grade %s", g)
	}
	if g := lx.Grade("no such type"); g.String() != "F6" {
		t.Errorf("fallback grade %s", g)
	}
	if !lx.Party("UKR") || !lx.Party("RUS") || lx.Party("USA") {
		t.Error("parties: want UKR and RUS only")
	}
	tr := lx.Triggers["shelled"]
	if len(tr) == 0 || tr[0].Type != "ASSAULT" || tr[0].ACLEDSub != "Shelling/artillery/missile attack" {
		t.Errorf("trigger shelled = %+v", tr)
	}
	if cw := lx.Control["retaken"]; len(cw) == 0 || cw[0].Action != "retook" {
		t.Errorf("control retaken = %+v", cw)
	}
	if rs := lx.Objects["expelled"]; len(rs) == 0 || !rs[0].Objects["diplomats"] || rs[0].Type != "SANCTION" {
		t.Errorf("object rule expelled = %+v", rs)
	}
	if !lx.Aspectual["continue"] || lx.Aspectual["plans"] {
		t.Error("aspectual verbs")
	}
	if !lx.NonTriggers["as opposed to"] {
		t.Error("non-triggers")
	}
	if m := lx.Modality["would"]; m.Modality != "hypothetical" {
		t.Errorf("modality would = %+v", m)
	}
}

func TestInflect(t *testing.T) {
	cases := map[string]string{
		"say":    "say says sayed saying", // irregular verbs are written out in the data
		"deny":   "deny denies denied denying",
		"agree":  "agree agrees agreed agreeing",
		"note":   "note notes noted noting",
		"stress": "stress stresses stressed stressing",
		"shell":  "shell shells shelled shelling",
		"play":   "play plays played playing",
	}
	for in, want := range cases {
		if got := strings.Join(Inflect(in), " "); got != want {
			t.Errorf("Inflect(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLongest(t *testing.T) {
	lx := load(t)
	words := strings.Fields("he pointed out that")
	if c, n := Longest(lx.Cues, words, 1, lx.MaxWords); n != 2 || c.Lemma != "point out" {
		t.Errorf("Longest = %+v, %d", c, n)
	}
	if _, n := Longest(lx.Cues, words, 0, lx.MaxWords); n != 0 {
		t.Errorf("Longest matched %q", words[0])
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
