package nlp

import (
	"bytes"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/models"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

func mustLoad(t testing.TB) *Models {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatalf("models: %v", err)
	}
	return m
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entitySet maps "text/TYPE" to presence.
func entitySet(d *Doc) map[string]bool {
	out := map[string]bool{}
	for _, e := range d.Ents {
		out[e.Text+"/"+e.Type] = true
	}
	return out
}

// The founding article's names, as issue 3 lists them.
var foundingEntities = []string{
	"Oleh Synehubov/PER", "Volodymyr Zelensky/PER", "Scott Berrier/PER", "Oleksiy Arestovich/PER",
	"Roman Stepanovych/PER",
	"Institute for the Study of War/ORG", "Senate Armed Services Committee/ORG",
	"British Defense Intelligence/ORG", "Kharkiv Regional Military Administration/ORG",
	"Ukrainian Armed Forces/ORG",
	"Kharkiv/LOC", "Izyum/LOC", "Izium/LOC", "Vovchansk/LOC", "Kupiansk/LOC", "Donbas/LOC",
	"Kherson/LOC", "Ukraine/LOC", "Russia/LOC", "Southern Ukraine/LOC", "Siverskyi Donets River/LOC",
}

// foundingFloor is how many of foundingEntities the current models must find: a
// regression floor: all 21 are found today (see STATUS.md).
const foundingFloor = 21

func TestFoundingArticle(t *testing.T) {
	mustLoad(t)
	text := readFile(t, "testdata/founding.txt")
	d := Annotate(text, nil)
	got := entitySet(d)
	found := 0
	for _, e := range foundingEntities {
		if got[e] {
			found++
		} else {
			t.Logf("missed %s", e)
		}
	}
	t.Logf("found %d of %d named entities of issue 3", found, len(foundingEntities))
	if found < foundingFloor {
		t.Errorf("found %d of the article's %d entities, want at least %d", found, len(foundingEntities), foundingFloor)
	}
	// Titles are not names.
	for _, bad := range []string{"Lt. Gen. Scott/PER", "Army Lt/PER", "Army Lt./PER", "Lt. Gen. Scott Berrier/PER"} {
		if got[bad] {
			t.Errorf("found %s", bad)
		}
	}
	prevEnd := 0
	for _, e := range d.Ents {
		if s := record.SliceRunes(text, e.Start, e.End); s != e.Text {
			t.Errorf("entity %q: offsets [%d,%d) give %q", e.Text, e.Start, e.End, s)
		}
		if e.Start < prevEnd {
			t.Errorf("entity %q overlaps the one before", e.Text)
		}
		prevEnd = e.End
	}
}

func TestDocInvariants(t *testing.T) {
	mustLoad(t)
	for _, name := range []string{"testdata/founding.txt", "testdata/news.txt"} {
		text := readFile(t, name)
		d := Annotate(text, nil)
		if len(d.Sentences) < 10 {
			t.Errorf("%s: %d sentences", name, len(d.Sentences))
		}
		for si, s := range d.Sentences {
			roots := 0
			for i := s.First; i <= s.Last; i++ {
				tk := d.Tokens[i]
				if tk.Sentence != si {
					t.Fatalf("%s: token %d in sentence %d, want %d", name, i, tk.Sentence, si)
				}
				if tk.UPOS == "" || tk.Deprel == "" {
					t.Fatalf("%s: token %d %q unanalysed", name, i, tk.Text)
				}
				if tk.Head < 0 {
					roots++
				} else if tk.Head < s.First || tk.Head > s.Last || tk.Head == i {
					t.Fatalf("%s: token %d head %d outside sentence [%d,%d]", name, i, tk.Head, s.First, s.Last)
				}
				if record.SliceRunes(text, tk.Start, tk.End) != tk.Text {
					t.Fatalf("%s: token %q offsets wrong", name, tk.Text)
				}
			}
			if roots != 1 {
				t.Errorf("%s: sentence %d has %d roots", name, si, roots)
			}
		}
	}
}

func TestNewsFormatting(t *testing.T) {
	mustLoad(t)
	text := readFile(t, "testdata/news.txt")
	d := Annotate(text, nil)
	got := entitySet(d)
	for _, want := range []string{"Kharkiv/LOC", "Moscow/LOC", "Dmitry Peskov/PER", "Serhiy Bratchuk/PER",
		"May 14, 2022/DATE", "Tuesday/DATE", "10:30 a.m./TIME"} {
		if !got[want] {
			t.Errorf("missed %s", want)
		}
	}
	first := d.SentenceTokens(0)
	if last := first[len(first)-1].Text; last != "EAST" {
		t.Errorf("headline sentence ends at %q", last)
	}
}

func TestSkipSpans(t *testing.T) {
	mustLoad(t)
	text := "Zelensky spoke in Kyiv. Read Next: Putin Visits Moscow Zoo. Russia attacked Kharkiv."
	start := strings.Index(text, "Read Next")
	end := strings.Index(text, "Zoo.") + len("Zoo.")
	d := Annotate(text, []record.Span{{Start: start, End: end}}) // ASCII: bytes are code points
	for _, e := range d.Ents {
		if e.End > start && e.Start < end {
			t.Errorf("entity %q inside a skip span", e.Text)
		}
	}
	for _, s := range d.Sentences {
		if s.Start < start && s.End > start || s.Start < end && s.End > end {
			t.Errorf("sentence [%d,%d) crosses the skip span [%d,%d)", s.Start, s.End, start, end)
		}
	}
	if !entitySet(d)["Kharkiv/LOC"] {
		t.Errorf("lost the entities after the skip span: %v", d.Ents)
	}
}

func TestCoNLLUOutput(t *testing.T) {
	mustLoad(t)
	d := Annotate("Oleh Synehubov didn't say.\n\nIt’s Ukraine's war.", nil)
	var buf bytes.Buffer
	if err := d.WriteCoNLLU(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"# text = Oleh Synehubov didn't say.", "3-4\tdidn't\t", "\tn't\t",
		"NER=B-PER", "SpaceAfter=No", "# sent_id = 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	sents, err := conllu.ReadAll(strings.NewReader(out), "out")
	if err != nil || len(sents) != 2 {
		t.Fatalf("output does not read back: %v, %d sentences", err, len(sents))
	}
	for _, s := range sents {
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
	}
}

func TestPretokenized(t *testing.T) {
	m := mustLoad(t)
	s := &conllu.Sentence{Words: []conllu.Word{{ID: 1, Form: "Zelensky", Misc: "_"}, {ID: 2, Form: "spoke", Misc: "SpaceAfter=No"}, {ID: 3, Form: ".", Misc: "_"}}}
	m.AnnotateCoNLLU(s, Options{})
	if s.Words[0].UPOS != "PROPN" || s.Words[1].Deprel != "root" || s.Words[0].Head != 2 {
		t.Errorf("analysis: %+v", s.Words)
	}
	if v, _ := conllu.MiscValue(s.Words[1].Misc, "SpaceAfter"); v != "No" {
		t.Errorf("MISC lost: %q", s.Words[1].Misc)
	}
}

func TestEntitiesRecord(t *testing.T) {
	mustLoad(t)
	d := Annotate("Ukrainian President Volodymyr Zelensky visited Kharkiv.", nil)
	es := d.Entities()
	if len(es) == 0 {
		t.Fatal("no entities")
	}
	for _, e := range es {
		if e.Type == "" || e.Text == "" || e.End <= e.Start {
			t.Errorf("bad entity %+v", e)
		}
	}
}

func TestEmptyAndHostileInput(t *testing.T) {
	mustLoad(t)
	for _, text := range []string{"", " \n ", "\xff\xfe", strings.Repeat("a ", 2000), strings.Repeat("(", 500),
		strings.Repeat("Kharkiv ", 600), "\x00\x01\x02"} {
		d := Annotate(text, []record.Span{{Start: -5, End: 3}, {Start: 10, End: 2}})
		for _, tk := range d.Tokens {
			if tk.End <= tk.Start {
				t.Fatalf("bad token %+v", tk)
			}
		}
	}
}

// TestMemory checks the resident cost of the models against the budget of 150 MB.
func TestMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := decodeModels(models.Read)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	used := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("models hold %.1f MB of heap", float64(used)/(1<<20))
	if used > 150<<20 {
		t.Errorf("models hold %d MB, budget 150 MB", used>>20)
	}
	if c := m.Tagger.Clusters(); c.Len() == 0 || m.Parser.Clusters() != c || m.NER.Clusters() != c {
		t.Error("the models do not share one table of word clusters")
	}
	runtime.KeepAlive(m)
}

func benchText(b *testing.B) (string, int) {
	text := readFile(b, "testdata/founding.txt") + "\n\n" + readFile(b, "testdata/news.txt")
	d := AnnotateWith(text, nil, Options{NoParse: true, NoEntities: true})
	return text, len(d.Tokens)
}

// BenchmarkAnnotate measures tokens per second for tokenizer, sentences, tagger
// and entities on mixed news text.
func BenchmarkAnnotate(b *testing.B) {
	mustLoad(b)
	text, n := benchText(b)
	b.ResetTimer()
	for range b.N {
		AnnotateWith(text, nil, Options{NoParse: true})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAnnotateParse adds the dependency parser.
func BenchmarkAnnotateParse(b *testing.B) {
	mustLoad(b)
	text, n := benchText(b)
	b.ResetTimer()
	for range b.N {
		AnnotateWith(text, nil, Options{})
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAnnotateCorpus and BenchmarkAnnotateParseCorpus are the two above on
// the larger mixed news corpus of testutil.NewsCorpus (426 documents); one
// iteration reads all of it. BenchmarkAnnotateSearchCorpus parses with the
// accurate search (SearchPaths paths, sitrep parse's default).
func BenchmarkAnnotateCorpus(b *testing.B)       { benchCorpus(b, Options{NoParse: true}) }
func BenchmarkAnnotateParseCorpus(b *testing.B)  { benchCorpus(b, Options{}) }
func BenchmarkAnnotateSearchCorpus(b *testing.B) { benchCorpus(b, Options{Search: SearchPaths}) }

func benchCorpus(b *testing.B, opt Options) {
	mustLoad(b)
	texts := testutil.NewsCorpus(b)
	n := 0
	for _, t := range texts {
		n += len(AnnotateWith(t, nil, Options{NoParse: true, NoEntities: true}).Tokens)
	}
	b.ResetTimer()
	for range b.N {
		for _, t := range texts {
			AnnotateWith(t, nil, opt)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad measures decoding the embedded models (done once per process).
func BenchmarkLoad(b *testing.B) {
	for range b.N {
		if _, err := decodeModels(models.Read); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzAnnotate(f *testing.F) {
	mustLoad(f)
	for _, s := range []string{"Army Lt. Gen. Scott Berrier said.", "KYIV, Ukraine — “Izium”", "Київ\xff", "A\n\nB. C",
		"the Institute for the Study of War and the Ukrainian Armed Forces in Vovchansk and Kupiansk",
		"Head of the Kharkiv Regional Military Administration Oleh Synehubov said.",
		"RUSSIAN FORCES SHELL KHARKIV AS UKRAINE PUSHES EAST"} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		d := Annotate(text, []record.Span{{Start: a, End: b}})
		for _, s := range d.Sentences {
			for i := s.First; i <= s.Last; i++ {
				if h := d.Tokens[i].Head; h >= 0 && (h < s.First || h > s.Last) {
					t.Fatalf("head outside sentence")
				}
			}
		}
		prevEnd := 0
		for _, e := range d.Ents {
			if e.Start >= e.End || e.First > e.Last || e.Last >= len(d.Tokens) || e.Start < prevEnd {
				t.Fatalf("bad or overlapping entity %+v", e)
			}
			prevEnd = e.End
		}
		var buf bytes.Buffer
		if err := d.WriteCoNLLU(&buf); err != nil {
			t.Fatal(err)
		}
	})
}

// A headline in capitals is read title-cased, where every word looks like a name;
// names stop before its verbs and function words.
func TestHeadlineNames(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, want, not string }{
		{"RUSSIAN FORCES SHELL KHARKIV AS UKRAINE PUSHES EAST", "KHARKIV", "AS"},
		{"ZELENSKY VISITS IZIUM AFTER LIBERATION", "IZIUM", "AFTER"},
	} {
		d := Annotate(c.text, nil)
		found := false
		for _, e := range d.Entities() {
			if e.Text == c.want {
				found = true
			}
			if strings.Contains(e.Text, " "+c.not+" ") || strings.HasSuffix(e.Text, " "+c.not) {
				t.Errorf("%q: entity %q runs over %q", c.text, e.Text, c.not)
			}
		}
		if !found {
			t.Errorf("%q: no entity %q in %+v", c.text, c.want, d.Entities())
		}
	}
}

// A lone name the text calls a place is one, whatever the recogniser made of it:
// the word list knows Lyman as a surname.
func TestNamesCalledPlaces(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name, want string }{
		{"The town of Lyman fell to Russian forces on Saturday.", "Lyman", "LOC"},
		{"Heavy fighting continued near Lyman on Tuesday.", "Lyman", "LOC"},
		{"Lyman said the talks would go on.", "Lyman", "PER"},
	} {
		d := Annotate(c.text, nil)
		got := ""
		for _, e := range d.Entities() {
			if e.Text == c.name {
				got = e.Type
			}
		}
		if got != c.want {
			t.Errorf("%q: %s is %q, want %s (%+v)", c.text, c.name, got, c.want, d.Entities())
		}
	}
}

// A run of capitalised words ending in an organisation word is an organisation,
// where the recogniser alone finds nothing at a sentence's start.
func TestOrganisationHeads(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name string }{
		{"The World Health Organization said on Monday that cases rose.", "World Health Organization"},
		{"The World Health Organisation said on Monday that cases rose.", "World Health Organisation"},
		// An organisation's name goes on through "on" to capitalised words, but
		// not to a day or a month.
		{"The Senate Committee on Foreign Relations met in Washington.", "Senate Committee on Foreign Relations"},
		{"We met the Kyiv City Council on Thursday.", "Kyiv City Council"},
		// It ends at its last capitalised word.
		{"The Coca-Cola corporation said on Monday that sales rose.", "Coca-Cola"},
		// A name with an organisation's word and "of" in it names an organisation.
		{"The complaint was filed with the United States Department of Housing and Urban Development on Monday.",
			"United States Department of Housing and Urban Development"},
		{"Officials of the Housing Authority of New Orleans declined to comment.", "Housing Authority of New Orleans"},
		// A run of capitalised words ending in a business's word names a business.
		{"Ukraine International Airlines suspended its flights to Kyiv.", "Ukraine International Airlines"},
		{"The drones were assembled by Dnipro Aerospace Systems near the front.", "Dnipro Aerospace Systems"},
	} {
		found := false
		for _, e := range Annotate(c.text, nil).Entities() {
			found = found || e.Text == c.name && e.Type == "ORG"
		}
		if !found {
			t.Errorf("%q: no organisation %q", c.text, c.name)
		}
	}
}

// The lowercase particles of names stay in them ("al-Sadr", "bin Laden"), where
// other lowercase words before a name go.
func TestNameParticles(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name string }{
		{"Radical Shiite cleric Muqtada al-Sadr said the attack was criminal.", "al-Sadr"},
		{"Young radicals may look to bin Laden for their cue.", "bin Laden"},
	} {
		var got []string
		for _, e := range Annotate(c.text, nil).Entities() {
			if e.Type == "PER" {
				got = append(got, e.Text)
			}
		}
		if !slices.ContainsFunc(got, func(n string) bool { return strings.HasSuffix(n, c.name) }) {
			t.Errorf("%q: persons %q, want one ending in %q", c.text, got, c.name)
		}
	}
}

// The parser's search (Options.Search) gives trees — one root, every head a word
// of the sentence, no cycles — that differ from the greedy parser's on some
// sentences of real news; with one path it is the greedy parser.
func TestParseSearch(t *testing.T) {
	m := mustLoad(t)
	text := readFile(t, "testdata/news.txt") + "\n\n" + readFile(t, "testdata/founding.txt")
	greedy := m.Annotate(text, nil, Options{NoEntities: true})
	one := m.Annotate(text, nil, Options{NoEntities: true, Search: 1})
	searched := m.Annotate(text, nil, Options{NoEntities: true, Search: SearchPaths})
	differ := 0
	for si, s := range searched.Sentences {
		roots, changed := 0, false
		for i := s.First; i <= s.Last; i++ {
			tok := searched.Tokens[i]
			if one.Tokens[i].Head != greedy.Tokens[i].Head || one.Tokens[i].Deprel != greedy.Tokens[i].Deprel {
				t.Fatalf("sentence %d: one path differs from the greedy parse at %q", si, tok.Text)
			}
			if tok.Head != greedy.Tokens[i].Head || tok.Deprel != greedy.Tokens[i].Deprel {
				changed = true
			}
			switch {
			case tok.Head < 0:
				roots++
			case tok.Head < s.First || tok.Head > s.Last:
				t.Fatalf("sentence %d: %q has its head outside the sentence", si, tok.Text)
			}
			// follow the heads up: the root within the sentence's length
			h, steps := i, 0
			for h >= 0 && steps <= s.Last-s.First+1 {
				h, steps = searched.Tokens[h].Head, steps+1
			}
			if h >= 0 {
				t.Fatalf("sentence %d: a cycle above %q", si, tok.Text)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d: %d roots", si, roots)
		}
		if changed {
			differ++
		}
	}
	t.Logf("%d of %d sentences parsed otherwise by the search", differ, len(searched.Sentences))
	if differ == 0 {
		t.Error("the search changed no parse")
	}
}
