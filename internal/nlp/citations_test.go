package nlp

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// The authors a reference cites by name and year are people, whatever the
// recogniser made of them; what is no author keeps its names.
func TestCitedAuthors(t *testing.T) {
	m := mustLoad(t)
	for _, c := range []struct {
		text  string
		spans []ner.Span // the recogniser's
		want  []string   // "type name", in order
	}{
		{"Shortages were reported ( Krawczyk , 2019 ) .", []ner.Span{{Start: 4, End: 5, Type: "LOC"}}, []string{"PER Krawczyk"}},
		{"as earlier work found ( Ito , Brandt , & Okafor , 2016 ; Lindqvist et al. , 2021 ) .",
			[]ner.Span{{Start: 5, End: 8, Type: "PER"}, {Start: 10, End: 11, Type: "ORG"}},
			[]string{"PER Ito", "PER Brandt", "PER Okafor", "PER Lindqvist"}},
		{"Kowalczyk - Ruiz ( 2018 ) disagrees .", []ner.Span{{Start: 0, End: 1, Type: "PER"}},
			[]string{"PER Kowalczyk - Ruiz"}},
		{"Figure 2 : Marsh et al.", nil, []string{"PER Marsh"}},
		{"See Oduya ( 2020 ) .", []ner.Span{{Start: 0, End: 2, Type: "PER"}}, []string{"PER Oduya"}},
		// no authors: an organisation, a country, a month, capitals, a film, a name going on before
		{"as surveyed ( Global Energy Monitor , 2023 ) .", []ner.Span{{Start: 3, End: 6, Type: "ORG"}}, []string{"ORG Global Energy Monitor"}},
		{"as reported ( Reuters , 2022 ; UNHCR , 2023 ) .", []ner.Span{{Start: 3, End: 4, Type: "ORG"}}, []string{"ORG Reuters"}},
		{"fighting resumed ( Ukraine , 2014 ) .", []ner.Span{{Start: 3, End: 4, Type: "LOC"}}, []string{"LOC Ukraine"}},
		{"the memorandum ( Budapest , 1994 ) .", []ner.Span{{Start: 3, End: 4, Type: "LOC"}}, []string{"LOC Budapest"}},
		{"talks ended ( January 2015 ) .", nil, nil},
		{"She starred in Seven Nights ( 1960 ) and Imagine Me and You ( 2006 ) .", nil, nil},
		{"a history of the war ( London : I.B. Tauris , 2002 )", nil, nil},
		{"( Research Institute of Oceanography 2010 , vol. 3 )", []ner.Span{{Start: 1, End: 5, Type: "ORG"}},
			[]string{"ORG Research Institute of Oceanography"}},
	} {
		words := strings.Fields(c.text)
		got := citedAuthors(words, m.Analyze(words, Options{NoParse: true}).UPOS, slices.Clone(c.spans), m.NER.IsPlace)
		var names []string
		for _, e := range got {
			names = append(names, e.Type+" "+strings.Join(words[e.Start:e.End], " "))
		}
		if !slices.Equal(names, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, names, c.want)
		}
	}
	// The whole chain, from raw text.
	wantName(t, "A lack of prestige plagues applied research (Porte, 2012), as it does other fields (Santos, Jasny, Chin, & Vossen, 2017).", "PER", "Santos")
	wantName(t, "The approach follows Laws (2016) and Lindsay et al. (2015).", "PER", "Laws")
}
