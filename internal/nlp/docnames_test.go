package nlp

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// TestDocNamesFoundingArticle: the recogniser reads "Izium [Izyum] direction"
// alone and misses Izyum, which the article names as a place elsewhere; read as a
// document, it is a place there too.
func TestDocNamesFoundingArticle(t *testing.T) {
	m := mustLoad(t)
	d := m.Annotate(readFile(t, "testdata/founding.txt"), nil, Options{NoParse: true})
	checked := 0
	for _, s := range d.Sentences {
		var words []string
		for i := s.First; i <= s.Last; i++ {
			words = append(words, d.Tokens[i].Text)
		}
		k := slices.Index(words, "Izyum")
		if k < 0 || !slices.Contains(words, "direction") {
			continue
		}
		checked++
		if got := d.Tokens[s.First+k].NER; got != "B-LOC" {
			t.Errorf("%q: Izyum is %s, want B-LOC", strings.Join(words, " "), got)
		}
	}
	if checked == 0 {
		t.Fatal("no sentence of the Izyum direction in the article")
	}
}

func TestDocNames(t *testing.T) {
	split := func(ss ...string) [][]string {
		var out [][]string
		for _, s := range ss {
			out = append(out, strings.Fields(s))
		}
		return out
	}
	sents := split(
		"Kupiansk was liberated , said Oleh Synehubov .", // 0: LOC 0-1, PER 5-7
		"KHARKIV , Ukraine — Synehubov spoke .",          // 1: LOC 2-3 only
		"In Kupiansk and Kupiansk , shelling went on .",  // 2: PER 1-2 (misread), LOC 3-4
		"The President met Hope in Kupiansk .",           // 3: PER 1-2 (a title misread), PER 3-4
		"We hope the President sees Hope .",              // 4: nothing
		"Kupiansk is skipped .",                          // 5: skipped
		"Oleh Synehubov , Kupiansk",                      // 6: nothing
	)
	spans := [][]ner.Span{
		{{Start: 0, End: 1, Type: "LOC"}, {Start: 5, End: 7, Type: "PER"}},
		{{Start: 2, End: 3, Type: "LOC"}},
		{{Start: 1, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "LOC"}},
		{{Start: 1, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "PER"}},
		nil,
		nil,
		nil,
	}
	skip := []bool{5: true, 6: false}
	common := func(w string) bool { return slices.Contains([]string{"hope", "president", "the"}, strings.ToLower(w)) }
	docNames(sents, skip, spans, common)
	want := [][]ner.Span{
		{{Start: 0, End: 1, Type: "LOC"}, {Start: 5, End: 7, Type: "PER"}},
		// KHARKIV is no name found elsewhere; Synehubov alone is Oleh Synehubov.
		{{Start: 2, End: 3, Type: "LOC"}, {Start: 4, End: 5, Type: "PER"}},
		// Kupiansk is a place three times of four: the person becomes a place.
		{{Start: 1, End: 2, Type: "LOC"}, {Start: 3, End: 4, Type: "LOC"}},
		{{Start: 1, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "PER"}, {Start: 5, End: 6, Type: "LOC"}},
		// "hope" is a common word in another case, "President" a title: only Hope.
		{{Start: 5, End: 6, Type: "PER"}},
		nil,
		// A name of two words.
		{{Start: 0, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "LOC"}},
	}
	for i := range want {
		if !slices.Equal(spans[i], want[i]) {
			t.Errorf("sentence %d %q: got %v, want %v", i, strings.Join(sents[i], " "), spans[i], want[i])
		}
	}
}

// TestDocNamesSurnames: a surname alone, which the recogniser took for an
// organisation, names the person the document names in full; one that names a
// place elsewhere stays as it is.
func TestDocNamesSurnames(t *testing.T) {
	sents := [][]string{
		strings.Fields("Cres Eastman was born in Sydney ."),
		strings.Fields("Eastman studied iodine ."),
		strings.Fields("In 1970 Eastman founded a centre ."),
		strings.Fields("Shelling hit Bakhmut , said Battle Bakhmut ."),
		strings.Fields("Bakhmut held ."),
	}
	spans := [][]ner.Span{
		{{Start: 0, End: 2, Type: "PER"}, {Start: 5, End: 6, Type: "LOC"}},
		{{Start: 0, End: 1, Type: "ORG"}},
		{{Start: 2, End: 3, Type: "ORG"}},
		{{Start: 2, End: 3, Type: "LOC"}, {Start: 5, End: 7, Type: "PER"}},
		{{Start: 0, End: 1, Type: "LOC"}},
	}
	docNames(sents, nil, spans, nil)
	want := [][]ner.Span{
		{{Start: 0, End: 2, Type: "PER"}, {Start: 5, End: 6, Type: "LOC"}},
		{{Start: 0, End: 1, Type: "PER"}},
		{{Start: 2, End: 3, Type: "PER"}},
		{{Start: 2, End: 3, Type: "LOC"}, {Start: 5, End: 7, Type: "PER"}},
		{{Start: 0, End: 1, Type: "LOC"}},
	}
	wantSpans(t, sents, spans, want)
}

// TestDocNamesHeadline: a headline in capitals, read title-cased, comes out one
// name; the names the article knows split it. A name the article knows only in
// part stays whole.
func TestDocNamesHeadline(t *testing.T) {
	sents := [][]string{
		strings.Fields("PUTIN VISITS CRIMEA"),
		strings.Fields("ZELENSKY THANKS ALLIES"),
		strings.Fields("STATEMENT BY ELIZABETH B. PRELOGAR"),
		strings.Fields("Russian President Vladimir Putin visited Crimea on Friday ."),
		strings.Fields("Volodymyr Zelensky and Elizabeth Prelogar spoke ."),
	}
	spans := [][]ner.Span{
		{{Start: 0, End: 3, Type: "PER"}},
		nil,
		{{Start: 2, End: 5, Type: "PER"}},
		{{Start: 2, End: 4, Type: "PER"}, {Start: 5, End: 6, Type: "LOC"}},
		{{Start: 0, End: 2, Type: "PER"}, {Start: 3, End: 5, Type: "PER"}},
	}
	common := func(w string) bool {
		return slices.Contains([]string{"visits", "thanks", "allies", "statement", "by"}, strings.ToLower(w))
	}
	docNames(sents, nil, spans, common)
	want := [][]ner.Span{
		{{Start: 0, End: 1, Type: "PER"}, {Start: 2, End: 3, Type: "LOC"}},
		{{Start: 0, End: 1, Type: "PER"}},
		{{Start: 2, End: 5, Type: "PER"}},
	}
	wantSpans(t, sents, spans, want)
}

// A "name" in lowercase common words is none, nor found again; web text's
// lowercase names that hold other words stay.
func TestDocNamesCommonWords(t *testing.T) {
	sents := [][]string{
		strings.Fields("The appropriations were cut ."),
		strings.Fields("Those appropriations went to north carolina and the willow plaza ."),
	}
	spans := [][]ner.Span{
		{{Start: 1, End: 2, Type: "ORG"}},
		{{Start: 4, End: 6, Type: "LOC"}, {Start: 8, End: 10, Type: "LOC"}},
	}
	common := func(w string) bool {
		return slices.Contains([]string{"appropriations", "north", "willow", "plaza", "cut"}, w)
	}
	docNames(sents, nil, spans, common)
	want := [][]ner.Span{nil, {{Start: 4, End: 6, Type: "LOC"}}}
	wantSpans(t, sents, spans, want)
}

// A surname named in full once is found alone wherever it is written so; not
// in lowercase, nor at the head of another name, nor when the "full name"
// opens with a place of the document.
func TestDocNamesSurnameAlone(t *testing.T) {
	sents := [][]string{
		strings.Fields("Terry Winter , who runs the grid , met Pittsburgh Pirates fans ."),
		strings.Fields("Winter defied the board in the winter , at the Winter Palace ."),
		strings.Fields("The Pirates lost in Pittsburgh ."),
	}
	spans := [][]ner.Span{
		{{Start: 0, End: 2, Type: "PER"}, {Start: 9, End: 11, Type: "PER"}},
		nil,
		{{Start: 4, End: 5, Type: "LOC"}},
	}
	docNames(sents, nil, spans, func(string) bool { return false }) // "winter" is found as written only
	want := [][]ner.Span{
		{{Start: 0, End: 2, Type: "PER"}, {Start: 9, End: 11, Type: "PER"}},
		{{Start: 0, End: 1, Type: "PER"}},
		{{Start: 4, End: 5, Type: "LOC"}},
	}
	wantSpans(t, sents, spans, want)
}

// BenchmarkDocNames times the document pass alone over the mixed news corpus of
// BenchmarkAnnotateCorpus, sentences and names as the models give them.
func BenchmarkDocNames(b *testing.B) {
	m := mustLoad(b)
	text := readFile(b, "testdata/founding.txt") + "\n\n" + readFile(b, "testdata/news.txt")
	d := m.Annotate(text, nil, Options{NoParse: true})
	var sents [][]string
	for _, s := range d.Sentences {
		var words []string
		for i := s.First; i <= s.Last; i++ {
			words = append(words, d.Tokens[i].Text)
		}
		sents = append(sents, words)
	}
	base := make([][]ner.Span, len(sents))
	for i, w := range sents {
		base[i] = m.Analyze(w, Options{NoParse: true}).Spans
	}
	b.ResetTimer()
	for range b.N {
		spans := make([][]ner.Span, len(base))
		for i := range base {
			spans[i] = slices.Clone(base[i])
		}
		docNames(sents, nil, spans, m.Tagger.Common)
	}
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// Retype takes the types a later stage gives the same spans, and only those.
func TestRetype(t *testing.T) {
	mustLoad(t)
	d := Annotate("Olena Petrenko met Ivan Franko in Lviv.", nil)
	ents := d.Entities()
	if len(ents) < 2 {
		t.Fatalf("entities %v", ents)
	}
	ents[0].Type = "LOC"
	d.Retype(ents[:1])
	if got := d.Entities(); got[0].Type != "LOC" || got[1].Type != ents[1].Type {
		t.Errorf("after Retype: %v", got)
	}
}

// A storm's name is no person's, there or anywhere else in the document; names
// holding other words stay.
func TestStormNames(t *testing.T) {
	var sents [][]string
	for _, s := range []string{
		"Hurricane Ida made landfall in Louisiana .",
		"Ida knocked out power , the National Hurricane Center said .",
		"Ida Wells wrote .",
	} {
		sents = append(sents, strings.Fields(s))
	}
	spans := [][]ner.Span{
		{{Start: 0, End: 2, Type: "PER"}, {Start: 5, End: 6, Type: "LOC"}},
		{{Start: 0, End: 1, Type: "PER"}, {Start: 6, End: 9, Type: "ORG"}},
		{{Start: 0, End: 2, Type: "PER"}},
	}
	stormNames(sents, spans)
	want := [][]ner.Span{
		{{Start: 5, End: 6, Type: "LOC"}},
		{{Start: 6, End: 9, Type: "ORG"}},
		{{Start: 0, End: 2, Type: "PER"}},
	}
	wantSpans(t, sents, spans, want)
	mustLoad(t)
	wantName(t, "Typhoon Haiyan struck the Philippines. Haiyan killed thousands.", "LOC", "Philippines")
	for _, e := range Annotate("Typhoon Haiyan struck the Philippines. Haiyan killed thousands.", nil).Entities() {
		if strings.Contains(e.Text, "Haiyan") {
			t.Errorf("storm named as %s %q", e.Type, e.Text)
		}
	}
}

// A title in title case does not teach the document its names: an acronym
// misread as a person there stays a misreading of the title, while a name the
// body finds still reaches the title.
func TestDocNamesTitleLine(t *testing.T) {
	sents := [][]string{
		strings.Fields("Training Dutch Librarians into DH for Kharkiv"),
		strings.Fields("The clinics teach DH to librarians ."),
		strings.Fields("They met in Kharkiv ."),
	}
	spans := [][]ner.Span{{{Start: 4, End: 5, Type: "PER"}}, nil, {{Start: 3, End: 4, Type: "LOC"}}}
	docNames(sents, nil, spans, func(string) bool { return false })
	if len(spans[1]) != 0 {
		t.Errorf("%q: names %v, want none", strings.Join(sents[1], " "), spans[1])
	}
	if want := (ner.Span{Start: 6, End: 7, Type: "LOC"}); !slices.Contains(spans[0], want) {
		t.Errorf("%q: names %v, want %v", strings.Join(sents[0], " "), spans[0], want)
	}
	for _, c := range []struct {
		text  string
		title bool
	}{
		{"Leading Dutch Librarians into DH", true},
		{"Russian Forces Shell Kharkiv as Ukraine Pushes East", true},
		{"Russian forces shell Kharkiv", false},
		{"Zelensky Meets Biden in Washington .", false},
	} {
		if got := titleLine(strings.Fields(c.text)); got != c.title {
			t.Errorf("titleLine(%q) = %v, want %v", c.text, got, c.title)
		}
	}
}

// wantSpans reports the sentences whose names are not those wanted.
func wantSpans(t *testing.T, sents [][]string, spans, want [][]ner.Span) {
	t.Helper()
	for i := range want {
		if len(spans[i])+len(want[i]) > 0 && !slices.Equal(spans[i], want[i]) {
			t.Errorf("%q: got %v, want %v", strings.Join(sents[i], " "), spans[i], want[i])
		}
	}
}
