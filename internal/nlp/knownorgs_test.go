package nlp

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// News agencies and other known organisations are organisations, not people,
// and found where the recogniser misses them.
func TestKnownOrgs(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name string }{
		{"Russian state news agency RIA Novosti quoted the governor as saying the bridge was closed.", "RIA Novosti"},
		{"Interfax quoted a source in the ministry.", "Interfax"},
		{"Ukrinform reported that shelling continued overnight.", "Ukrinform"},
		{"Ukrenergo said power was restored overnight.", "Ukrenergo"},
		{"Kyrylo Budanov's HUR claimed responsibility for the explosion.", "HUR"},
		{"Apr. 11, 2022 | By DOD News\n\nThe Russians are now concentrating their combat activity in the Donbas.", "DOD News"},
	} {
		wantName(t, c.text, "ORG", c.name)
	}
	words := strings.Fields("Interfax and the Interfax Group and RIA Novosti , not reuters")
	got := knownOrgsIn(words, []ner.Span{{Start: 0, End: 1, Type: "PER"}, {Start: 3, End: 5, Type: "ORG"}, {Start: 6, End: 7, Type: "PER"}})
	want := []ner.Span{{Start: 0, End: 1, Type: "ORG"}, {Start: 3, End: 5, Type: "ORG"}, {Start: 6, End: 8, Type: "ORG"}}
	if !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}
