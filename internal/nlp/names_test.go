package nlp

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
)

// wantName fails t unless Annotate finds in text the name name of type typ.
func wantName(t *testing.T, text, typ, name string) {
	t.Helper()
	var got []string
	for _, e := range Annotate(text, nil).Entities() {
		got = append(got, e.Type+" "+e.Text)
	}
	if !slices.Contains(got, typ+" "+name) {
		t.Errorf("%q: names %q, want %s %q", text, got, typ, name)
	}
}

// A known place's name after a word of fighting ("seized", "shelled") is the
// place, though the recogniser takes it for a person; a name no place has stays
// a person.
func TestPlaceTaken(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name, typ string }{
		{`The Institute for the Study of War assessed that Russian forces "likely" seized Lyman.`, "Lyman", "LOC"},
		{"Police seized Johnson at his home.", "Johnson", "PER"},
	} {
		wantName(t, c.text, c.typ, c.name)
	}
	// The rule alone, with a gazetteer that knows only Lyman.
	isPlace := func(w []string) bool { return len(w) == 1 && w[0] == "Lyman" }
	words := strings.Fields("They seized Lyman and seized Johnson .")
	upos := strings.Fields("PRON VERB PROPN CCONJ VERB PROPN PUNCT")
	got := repairNames(words, upos, []ner.Span{{Start: 2, End: 3, Type: "PER"}, {Start: 5, End: 6, Type: "PER"}}, isPlace)
	if want := []ner.Span{{Start: 2, End: 3, Type: "LOC"}, {Start: 5, End: 6, Type: "PER"}}; !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// A name's short form in brackets, when it is the name's initials, is a name of
// the same type, and so are its repeats; organisation words right after an
// organisation's name are part of it.
func TestShortForms(t *testing.T) {
	mustLoad(t)
	text := "Reporting by the Associated Press (AP) showed the damage on Sunday. " +
		"AP reporters said that the UN Human Rights Monitoring Mission had counted 4,000 civilian dead. " +
		"The Ministry of Defence (MoD) did not comment."
	var orgs []string
	for _, e := range Annotate(text, nil).Entities() {
		if e.Type == "ORG" {
			orgs = append(orgs, e.Text)
		}
	}
	want := []string{"Associated Press", "AP", "AP", "UN Human Rights Monitoring Mission", "Ministry of Defence", "MoD"}
	if !slices.Equal(orgs, want) {
		t.Errorf("organisations %q, want %q", orgs, want)
	}
	// the short form of the name's last words, and with its short words
	wantName(t, "The Russian Ministry of Defense (MoD) claimed that Russian forces had taken the village.", "ORG", "MoD")
	words := strings.Fields("the Associated Press ( AP ) and John Smith ( JS ) and Kyiv ( KY )")
	got := shortForms(words, []ner.Span{{Start: 1, End: 3, Type: "ORG"}, {Start: 7, End: 9, Type: "PER"}, {Start: 13, End: 14, Type: "LOC"}})
	wantSpans := []ner.Span{{Start: 1, End: 3, Type: "ORG"}, {Start: 4, End: 5, Type: "ORG"}, {Start: 7, End: 9, Type: "PER"},
		{Start: 10, End: 11, Type: "PER"}, {Start: 13, End: 14, Type: "LOC"}}
	if !slices.Equal(got, wantSpans) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, wantSpans)
	}
}

// A place's name goes on over capitalised words that end in a word ending
// names of sites ("Nuclear Power Plant", "Dam"), not over others.
func TestSiteNames(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name string }{
		{"The Zaporizhzhia Nuclear Power Plant lost power again on Monday.", "Zaporizhzhia Nuclear Power Plant"},
		{"Russian forces blew up the Kakhovka Dam in June.", "Kakhovka Dam"},
	} {
		wantName(t, c.text, "LOC", c.name)
	}
	words := strings.Fields("Kyiv Regional Military Administration and Kyiv Boryspil Airport")
	got := extendPlaces(words, []ner.Span{{Start: 0, End: 1, Type: "LOC"}, {Start: 5, End: 6, Type: "LOC"}})
	if want := []ner.Span{{Start: 0, End: 1, Type: "LOC"}, {Start: 5, End: 8, Type: "LOC"}}; !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// A unit's number, written as an ordinal, is part of the unit's name.
func TestUnitNumbers(t *testing.T) {
	mustLoad(t)
	wantName(t, "Ukraine's 93rd Mechanized Brigade repelled an assault near Bakhmut, the General Staff said.",
		"ORG", "93rd Mechanized Brigade")
	for w, want := range map[string]bool{"1st": true, "93rd": true, "47TH": true, "2nd": true, "rd": false, "x3rd": false, "93": false} {
		if got := ordinal(w); got != want {
			t.Errorf("ordinal(%q) = %v, want %v", w, got, want)
		}
	}
}

// A "person" listed with places is a place when a place has that name
// ("Ivano-Frankivsk", which the tokenizer splits at its hyphen, as the
// gazetteer does not); a person listed with places, whom no place is named
// after, stays a person.
func TestListedPlaces(t *testing.T) {
	mustLoad(t)
	wantName(t, "Missiles struck Vinnytsia, Ivano-Frankivsk and Lviv overnight.", "LOC", "Ivano-Frankivsk")
	isPlace := func(w []string) bool { return len(w) == 1 && w[0] == "Alvin" }
	words := strings.Fields("from Alvin , Texas , and Smith , Texas")
	spans := []ner.Span{{Start: 1, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "LOC"}, {Start: 6, End: 7, Type: "PER"}, {Start: 8, End: 9, Type: "LOC"}}
	listedPlaces(words, spans, isPlace)
	want := []ner.Span{{Start: 1, End: 2, Type: "LOC"}, {Start: 3, End: 4, Type: "LOC"}, {Start: 6, End: 7, Type: "PER"}, {Start: 8, End: 9, Type: "LOC"}}
	if !slices.Equal(spans, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), spans, want)
	}
	// an "organisation" too, the first of a list of towns (president.gov.ua)
	words = strings.Fields("Borodyanka , Bucha , Irpin were places of")
	isPlace = func(w []string) bool { return len(w) == 1 && w[0] == "Borodyanka" }
	spans = []ner.Span{{Start: 0, End: 1, Type: "ORG"}, {Start: 2, End: 3, Type: "LOC"}, {Start: 4, End: 5, Type: "LOC"}}
	listedPlaces(words, spans, isPlace)
	if spans[0].Type != "LOC" {
		t.Errorf("%q: got %v, want Borodyanka a place", strings.Join(words, " "), spans)
	}
}

// Phrases of war reporting that type a name: a compass point and "of" before a
// place, armed men after their group's name, an organisation named with "and"
// in it, an organisation's word after a place's name, "People's Republic", a
// place struck, an organisation before an official's title, a capital alone, an
// international body.
func TestWarPhrases(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name, typ string }{
		{"Geolocated footage published on June 5 shows Ukrainian forces advancing southwest of Velyka Novosilka.", "Velyka Novosilka", "LOC"},
		{"Belarusian President Alexander Lukashenko said Wagner fighters would remain in Belarus.", "Wagner", "ORG"},
		{"The army said M23 rebels had seized Bunagana near the Ugandan border.", "M23", "ORG"},
		{"Oleksiy Danilov, secretary of Ukraine's National Security and Defense Council, said Kyiv was ready.",
			"National Security and Defense Council", "ORG"},
		{"The Russian Black Sea Fleet withdrew several ships from Sevastopol.", "Black Sea Fleet", "ORG"},
		{"Denis Pushilin, head of the self-proclaimed Donetsk People's Republic (DPR), said the DPR would vote.",
			"Donetsk People's Republic", "LOC"},
		{"Denis Pushilin, head of the self-proclaimed Donetsk People's Republic (DPR), said the DPR would vote.", "DPR", "LOC"},
		{"The People's Liberation Army held drills near Taiwan.", "People's Liberation Army", "ORG"},
		{"Denis Pushilin said the Russian Aerospace Forces had struck Kramatorsk.", "Kramatorsk", "LOC"},
		{`"The enemy is trying to break through near Kupiansk," said Serhiy Cherevatyi, a spokesperson for the Eastern Group of Forces.`,
			"Eastern Group of Forces", "ORG"},
		{"Pentagon Press Secretary Brig. Gen. Pat Ryder told reporters that more air defense systems would be sent.", "Pentagon", "ORG"},
		{"US National Security Adviser Jake Sullivan said Washington was working with Kyiv on the package.", "US", "LOC"},
		{"US National Security Adviser Jake Sullivan said Washington was working with Kyiv on the package.", "Washington", "LOC"},
		{"EU foreign policy chief Josep Borrell said the bloc would train more Ukrainian soldiers.", "EU", "ORG"},
		{"A Russian milblogger claimed that elements of the 98th VDV Division attacked toward Bohdanivka.", "98th VDV Division", "ORG"},
		{"The Wagner Private Military Company (PMC) withdrew from Bakhmut in late May.", "Wagner Private Military Company", "ORG"},
		{`"We have liberated the village," the 47th Mechanized Brigade wrote on Telegram.`, "47th Mechanized Brigade", "ORG"},
		{"The Ministry of Internal Affairs of Ukraine said police evacuated 300 people from Vovchansk.",
			"Ministry of Internal Affairs of Ukraine", "ORG"},
		{"Colonel General Aleksandr Lapin was dismissed after the retreat from Lyman.", "Lyman", "LOC"},
		{`Commander Serhiy "Tsezar" Velychko of the Russian Volunteer Corps said his fighters crossed the border.`,
			`Serhiy "Tsezar" Velychko`, "PER"},
		{"The Kremlin's spokesman said Kyiv's forces had shelled Donetsk city.", "Kremlin", "ORG"},
		{"In the Lyman direction, Ukrainian defenders repelled 12 attacks.", "Lyman", "LOC"},
		{"The Russian Ministry of Defense (MoD) claimed that Russian forces seized Petrivka and Novoselydivka.", "Petrivka", "LOC"},
		{"The Russian Ministry of Defense (MoD) claimed that Russian forces seized Petrivka and Novoselydivka.", "Novoselydivka", "LOC"},
		{"North Korean troops deployed to Kursk Oblast, according to South Korea's National Intelligence Service (NIS).",
			"South Korea", "LOC"},
		{"Russia seized Danone assets in July.", "Danone", "ORG"},
		{"Our information indicates that Wagner has been suffering high losses near Bakhmut.", "Wagner", "ORG"},
		{"Our defenders reached the state border with the Russian Federation, the governor said.", "Russian Federation", "LOC"},
	} {
		wantName(t, c.text, c.typ, c.name)
	}
	words := strings.Fields("Google and Amazon Web Services , Ministry of Defence and General Staff")
	spans := []ner.Span{{Start: 0, End: 1, Type: "ORG"}, {Start: 2, End: 5, Type: "ORG"}, {Start: 6, End: 9, Type: "ORG"}, {Start: 10, End: 12, Type: "ORG"}}
	want := slices.Clone(spans)
	if got := joinOrgs(words, spans); !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// In a sentence in Cyrillic, a "name" with a lowercase word in it is dropped:
// the recogniser, trained on English, takes the opening words of Russian and
// Ukrainian sentences for people's names.
func TestCyrillicNames(t *testing.T) {
	mustLoad(t)
	text := "Губернатор Луганской области Сергей Гайдай заявил по телевидению, что бои продолжаются. Он отметил, что город не сдан."
	for _, e := range Annotate(text, nil).Entities() {
		for _, w := range strings.Fields(e.Text) {
			if unicode.IsLower([]rune(w)[0]) {
				t.Errorf("%q: %s %q has a lowercase word", text, e.Type, e.Text)
				break
			}
		}
	}
	for _, e := range Annotate(text, nil).Entities() {
		if strings.HasPrefix(e.Text, "Губернатор") || strings.HasSuffix(e.Text, "Луганской") {
			t.Errorf("%q: %s %q holds a title or an adjective", text, e.Type, e.Text)
		}
	}
	words := strings.Fields("Він сказав , що Kyiv Post і Київ")
	spans := []ner.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 4, End: 6, Type: "ORG"}, {Start: 7, End: 8, Type: "LOC"}}
	want := []ner.Span{{Start: 4, End: 6, Type: "ORG"}, {Start: 7, End: 8, Type: "LOC"}}
	if got := cyrillicNames(words, spans); !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
	english := strings.Fields("He said that Kyiv Post was")
	if got := cyrillicNames(english, []ner.Span{{Start: 0, End: 2, Type: "PER"}}); len(got) != 1 {
		t.Errorf("%q: an English sentence lost its names: %v", strings.Join(english, " "), got)
	}
}

// Weapon systems are not names of people, places or organisations; a name that
// is a weapon only before a weapon word stays a name elsewhere.
func TestWeaponNames(t *testing.T) {
	mustLoad(t)
	for _, text := range []string{
		"Russian troops used Krasnopol guided shells near Bakhmut.",
		"Shahed drones attacked Odesa overnight.",
		"An Iskander-M strike hit Kharkiv.",
	} {
		for _, e := range Annotate(text, nil).Entities() {
			if e.Type == "PER" || e.Type == "ORG" || e.Type == "LOC" {
				if w, _ := lex.Weapon(strings.ToLower(e.Text)); w {
					t.Errorf("%q: weapon %q named %s", text, e.Text, e.Type)
				}
			}
		}
	}
	words := strings.Fields("Grad rockets hit Grad , and Shahed spoke in Shahed .")
	spans := []ner.Span{{Start: 0, End: 1, Type: "PER"}, {Start: 3, End: 4, Type: "LOC"}, {Start: 6, End: 7, Type: "PER"}, {Start: 9, End: 10, Type: "LOC"}}
	want := []ner.Span{{Start: 3, End: 4, Type: "LOC"}, {Start: 9, End: 10, Type: "LOC"}}
	if got := weaponNames(words, spans); !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// A header word opening a sentence is no part of the name after it.
func TestHeaderOpeners(t *testing.T) {
	mustLoad(t)
	wantName(t, "Latest Defence Intelligence update on the situation in Ukraine: Russia has likely deployed reserves.",
		"ORG", "Defence Intelligence")
	words := strings.Fields("Latest Defence Intelligence update")
	if got := openerOff(words, []ner.Span{{Start: 0, End: 3, Type: "ORG"}}); got[0].Start != 1 {
		t.Errorf("%v: got %v", words, got)
	}
	words = strings.Fields("New York police said")
	if got := openerOff(words, []ner.Span{{Start: 0, End: 2, Type: "LOC"}}); got[0].Start != 0 {
		t.Errorf("%v: got %v", words, got)
	}
}

// A capitalised title makes a person of the proper nouns after it, unless they
// end in an organisation's or a site's word or the title often opens other
// names; an era after a year, a day of the week and letters after a person's
// name are no names.
func TestTitledNames(t *testing.T) {
	mustLoad(t)
	for _, c := range []struct{ text, name, typ string }{
		{"Professor Eastman said the shortage would harm children.", "Eastman", "PER"},
		{"Professor Eastman says most bread is made without iodised salt.", "Eastman", "PER"},
	} {
		wantName(t, c.text, c.typ, c.name)
	}
	// a transcript's speaker in capitals, in a press availability's transcript
	press := readFile(t, "../input/testdata/blinken-press.txt")
	wantName(t, press[:strings.Index(press, "Today is")], "PER", "BLINKEN")
	for _, c := range []struct{ words, upos string }{
		{"Analyst Team 2 : Coach", "PROPN PROPN NUM PUNCT NOUN"},
		{"She studied at Queen Mary University .", "PRON VERB ADP PROPN PROPN PROPN PUNCT"},
		{"The Major League season began .", "DET PROPN PROPN NOUN VERB PUNCT"},
		{"It is good to see you , Mr Speaker .", "PRON AUX ADJ PART VERB PRON PUNCT PROPN PROPN PUNCT"},
	} {
		words := strings.Fields(c.words)
		if got := repairNames(words, strings.Fields(c.upos), nil, nil); len(got) != 0 {
			t.Errorf("%q: got %v, want no names", c.words, got)
		}
	}
	for _, c := range []struct {
		words, upos string
		spans, want []ner.Span
	}{
		{"Justice Scalia wrote in 508 BC .", "PROPN PROPN VERB ADP NUM PROPN PUNCT",
			[]ner.Span{{Start: 5, End: 6, Type: "ORG"}}, []ner.Span{{Start: 1, End: 2, Type: "PER"}}},
		{"Tom Molomby , SC , met them on Wednesdays in SC .", "PROPN PROPN PUNCT PROPN PUNCT VERB PRON ADP PROPN ADP PROPN PUNCT",
			[]ner.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "LOC"}, {Start: 8, End: 9, Type: "LOC"}, {Start: 10, End: 11, Type: "LOC"}},
			[]ner.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 10, End: 11, Type: "LOC"}}},
		{"Oh my God , they believe in God .", "INTJ PRON PROPN PUNCT PRON VERB ADP PROPN PUNCT",
			[]ner.Span{{Start: 2, End: 3, Type: "PER"}, {Start: 7, End: 8, Type: "PER"}}, []ner.Span{{Start: 7, End: 8, Type: "PER"}}},
		{"Michiel Cock m.p.cock@vu.nl Vrije Universiteit , www.vu.nl", "PROPN PROPN PROPN PROPN PROPN PUNCT PROPN",
			[]ner.Span{{Start: 0, End: 5, Type: "PER"}, {Start: 6, End: 7, Type: "ORG"}}, []ner.Span{{Start: 0, End: 2, Type: "PER"}}},
		{"Winter is low season ; Winter , the coach , said so .", "NOUN AUX ADJ NOUN PUNCT PROPN PUNCT DET NOUN PUNCT VERB ADV PUNCT",
			[]ner.Span{{Start: 0, End: 1, Type: "PER"}, {Start: 5, End: 6, Type: "PER"}}, []ner.Span{{Start: 5, End: 6, Type: "PER"}}},
		{"God , I thank God that God is with us .", "PROPN PUNCT PRON VERB PROPN SCONJ PROPN AUX ADP PRON PUNCT",
			[]ner.Span{{Start: 0, End: 1, Type: "PER"}, {Start: 4, End: 5, Type: "PER"}, {Start: 6, End: 7, Type: "PER"}},
			[]ner.Span{{Start: 6, End: 7, Type: "PER"}}},
		{"We walked down Khreshchatyk Boulevard to Mariinskyi Palace .", "PRON VERB ADP PROPN PROPN ADP PROPN PROPN PUNCT",
			[]ner.Span{{Start: 3, End: 5, Type: "PER"}, {Start: 6, End: 8, Type: "PER"}},
			[]ner.Span{{Start: 3, End: 5, Type: "LOC"}, {Start: 6, End: 8, Type: "LOC"}}},
		{`" Kovalenko , Iryna " < iryna.kovalenko@example.org > wrote :`, "PUNCT PROPN PUNCT PROPN PUNCT PUNCT X PUNCT VERB PUNCT",
			[]ner.Span{{Start: 1, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "PER"}},
			[]ner.Span{{Start: 1, End: 4, Type: "PER"}}},
		{`" The Cat Album " < cats@example.org >`, "PUNCT DET PROPN PROPN PUNCT PUNCT X PUNCT", nil, nil},
		{"Senators Hrytsak and Moroz voted .", "PROPN PROPN CCONJ PROPN VERB PUNCT",
			[]ner.Span{{Start: 0, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "PER"}},
			[]ner.Span{{Start: 1, End: 2, Type: "PER"}, {Start: 3, End: 4, Type: "PER"}}},
	} {
		words := strings.Fields(c.words)
		if got := repairNames(words, strings.Fields(c.upos), c.spans, nil); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.words, got, c.want)
		}
	}
}

// A place's "name" holding commas is a list of places.
func TestPlaceLists(t *testing.T) {
	words := strings.Fields("We walked from the Opera House , City Hall and Portland , Oregon .")
	upos := strings.Fields("PRON VERB ADP DET PROPN PROPN PUNCT PROPN PROPN CCONJ PROPN PUNCT PROPN PUNCT")
	got := repairNames(words, upos, []ner.Span{{Start: 4, End: 9, Type: "LOC"}, {Start: 10, End: 13, Type: "LOC"}}, nil)
	want := []ner.Span{{Start: 4, End: 6, Type: "LOC"}, {Start: 7, End: 9, Type: "LOC"}, {Start: 10, End: 11, Type: "LOC"}, {Start: 12, End: 13, Type: "LOC"}}
	if !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// A run of capitalised words ending in a business's word, outside any name,
// names a business.
func TestBusinessNames(t *testing.T) {
	words := strings.Fields("She joined Carpathian Futures last year .")
	got := repairNames(words, strings.Fields("PRON VERB PROPN PROPN ADJ NOUN PUNCT"), nil, nil)
	if want := []ner.Span{{Start: 2, End: 4, Type: "ORG"}}; !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// An organisation's name begins at its first capitalised word, but for the
// particles of names.
func TestOrgStarts(t *testing.T) {
	words := strings.Fields("The interim Governing Council and az - Zaman and al - Qaeda met .")
	upos := strings.Fields("DET ADJ PROPN PROPN CCONJ X PUNCT PROPN CCONJ X PUNCT PROPN VERB PUNCT")
	got := repairNames(words, upos, []ner.Span{{Start: 1, End: 4, Type: "ORG"}, {Start: 5, End: 8, Type: "ORG"}, {Start: 9, End: 12, Type: "ORG"}}, nil)
	want := []ner.Span{{Start: 2, End: 4, Type: "ORG"}, {Start: 5, End: 8, Type: "ORG"}, {Start: 9, End: 12, Type: "ORG"}}
	if !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
}

// An institution's word before "of the" and a capitalised word opens its name
// ("National Museum" + "of the History of Ukraine"); a place, "and", and an
// organisation named from a second place are one organisation.
func TestInstitutionNames(t *testing.T) {
	mustLoad(t)
	wantName(t, "The National Museum of the History of Ukraine reopened its halls in Kyiv last week.",
		"ORG", "National Museum of the History of Ukraine")
	wantName(t, "The appeal went to the Newfoundland and Labrador Supreme Court in March.",
		"ORG", "Newfoundland and Labrador Supreme Court")
	// without a known place opening the organisation's name, the two stay apart
	words := strings.Fields("Russia and Ukraine Defense Ministry")
	spans := []ner.Span{{Start: 0, End: 1, Type: "LOC"}, {Start: 2, End: 5, Type: "ORG"}}
	got := pairedPlaceOrgs(words, slices.Clone(spans), func(w []string) bool { return false })
	if !slices.Equal(got, spans) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, spans)
	}
}

// A place written in lowercase after a word of going or being somewhere is a
// place when the gazetteer has it and it is no common word.
func TestLowercasePlaces(t *testing.T) {
	isPlace := func(w []string) bool { return len(w) == 1 && (w[0] == "kollam" || w[0] == "turkey") }
	common := func(w string) bool { return w == "turkey" }
	words := strings.Fields("we stayed in kollam , ate turkey in turkey and met kollam")
	got := lowercasePlaces(words, nil, isPlace, common)
	if want := []ner.Span{{Start: 3, End: 4, Type: "LOC"}}; !slices.Equal(got, want) {
		t.Errorf("%q: got %v, want %v", strings.Join(words, " "), got, want)
	}
	mustLoad(t)
	wantName(t, "i m traveling to lourdes for a day", "LOC", "lourdes")
}
