package reading

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/record"
)

// The sentences below were written for these tests; they follow the patterns of
// war reporting without quoting any report.

func TestQuoteSpeakers(t *testing.T) {
	cases := []struct {
		name, text, quote, speaker, kind string
	}{
		{"after, name then cue",
			"“The bridge is gone,” regional governor Petro Ivanenko said on Monday.",
			"The bridge is gone,", "Petro Ivanenko", "direct"},
		{"after, cue then name",
			"“We hold the line,” said Valerii Zaluzhnyi, the commander-in-chief.",
			"We hold the line,", "Valerii Zaluzhnyi", "direct"},
		{"before, colon",
			"Vladimir Putin told the council: “The operation goes according to plan.”",
			"The operation goes according to plan.", "Vladimir Putin", "direct"},
		{"pronoun",
			"Dmytro Kuleba spoke in Brussels. “Ukraine needs air defence now,” he said.",
			"Ukraine needs air defence now,", "Dmytro Kuleba", "direct"},
		{"continued after attribution",
			"“The shelling did not stop,” Oksana Melnyk said. “Nobody slept that night.”",
			"Nobody slept that night.", "Oksana Melnyk", "direct"},
		{"surname resolves to the full name",
			"Deputy minister Hanna Maliar briefed reporters. Later, “our units advanced near the village,” Maliar said.",
			"our units advanced near the village,", "Hanna Maliar", "direct"},
		{"according to",
			"“Supplies are running low,” according to the Institute for the Study of War.",
			"Supplies are running low,", "Institute for the Study of War", "direct"},
		{"according to, before the quote",
			"According to spokesman Dmytro Lykhovyi, “the enemy lost 400 men over the past day.”",
			"the enemy lost 400 men over the past day.", "Dmytro Lykhovyi", "direct"},
		{"what it called: the subject of the clause above",
			"The Russian Defence Ministry spoke of drones. Russia's foreign ministry summoned the British ambassador over what it called London's “direct involvement” in the war.",
			"direct involvement", "Russia's foreign ministry", "partial"},
		{"scare quote has no speaker",
			"The so-called “referendum” was held under occupation.",
			"referendum", "", "partial"},
		{"straight marks",
			`"We will rebuild the town," Mayor Ivan Fedorov said.`,
			"We will rebuild the town,", "Ivan Fedorov", "direct"},
		{"typewriter marks",
			"''The front is quiet,'' the spokesman Andriy Yusov said.",
			"The front is quiet,", "Andriy Yusov", "direct"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			q := findQuote(rec, c.quote)
			if q == nil {
				t.Fatalf("no quote %q in %+v", c.quote, rec.Quotes)
			}
			if q.Text != c.quote {
				t.Errorf("quote %q, want %q", q.Text, c.quote)
			}
			if q.Kind != c.kind {
				t.Errorf("kind %s, want %s", q.Kind, c.kind)
			}
			got := ""
			if q.Speaker != nil {
				got = q.Speaker.Name
			}
			if got != c.speaker {
				t.Errorf("speaker %q, want %q", got, c.speaker)
			}
		})
	}
}

func TestQuoteAcrossParagraphs(t *testing.T) {
	// A quotation of two paragraphs: the first is left open, the second reopens.
	text := "The commander described the night.\n\n“We lost two positions and took them back by dawn.\n\n“The enemy paid for every metre,” he said."
	rec := read(t, text, time.Time{})
	if len(rec.Quotes) != 1 {
		t.Fatalf("%d quotes %+v, want 1", len(rec.Quotes), rec.Quotes)
	}
	q := rec.Quotes[0]
	if !strings.HasPrefix(q.Text, "We lost two positions") || !strings.HasSuffix(q.Text, "every metre,") {
		t.Errorf("quote %q", q.Text)
	}
}

func TestClaims(t *testing.T) {
	cases := []struct {
		name, text, content, source, stype, cue string
	}{
		{"that-clause", "Ukraine's General Staff said that Russian troops had shelled Kupiansk overnight.",
			"that Russian troops had shelled Kupiansk overnight", "Ukraine's General Staff", "party_official", "said"},
		{"parenthetical", "Two bridges were destroyed near the town, the Russian Defence Ministry said.",
			"Two bridges were destroyed near the town", "Ministry of Defence of Russia", "party_official", "said"},
		{"according to", "According to British Defence Intelligence, Russia has lost a third of its tanks.",
			"Russia has lost a third of its tanks", "British Defence Intelligence", "intelligence", "According to"},
		{"anonymous", "The strike killed three soldiers, sources said.",
			"The strike killed three soldiers", "sources", "anonymous", "said"},
		{"think tank", "The Institute for the Study of War assessed that the offensive had stalled.",
			"that the offensive had stalled", "Institute for the Study of War", "think_tank", "assessed"},
		{"nominal", "There were reports that the dam had been breached.",
			"that the dam had been breached", "reports", "media", "reports"},
		{"named official, hyphenated side", "Moscow-installed official Vladimir Rogov said Ukrainian units had been destroyed near Robotyne.",
			"Ukrainian units had been destroyed near Robotyne", "Vladimir Rogov", "party_official", "said"},
		{"a verb with its object is no parenthetical cue", "In the east, Russian troops continued their assault on Avdiivka, according to the Ukrainian military.",
			"In the east, Russian troops continued their assault on Avdiivka", "Ukrainian military", "party_official", "according to"},
		{"title, then the name in apposition", "Ukrainian forces had advanced near Andriivka, the commander of Ukraine's ground forces, Oleksandr Syrskyi, said.",
			"Ukrainian forces had advanced near Andriivka", "Oleksandr Syrskyi", "party_official", "said"},
		{"title and name as two subjects", "Kremlin-backed leader Denis Pushilin said Ukrainian units had been destroyed near Robotyne.",
			"Ukrainian units had been destroyed near Robotyne", "Denis Pushilin", "party_official", "said"},
		// A dictionary name of eight words.
		{"long organisation name", "The General Staff of the Armed Forces of Ukraine said that its units repelled nine attacks near Bakhmut.",
			"that its units repelled nine attacks near Bakhmut", "General Staff of the Armed Forces of Ukraine", "party_official", "said"},
		// Officials of a region or city are its country's: Belgorod is Russia's,
		// the Odesa and Zaporizhzhia administrations Ukraine's.
		{"governor of a region, in apposition", "The governor of Belgorod Oblast, Vyacheslav Gladkov, said a woman was wounded in Shebekino.",
			"a woman was wounded in Shebekino", "Vyacheslav Gladkov", "party_official", "said"},
		{"an office's head, in apposition", "The head of the Zaporizhzhia Oblast Military Administration, Yurii Malashko, said two civilians were wounded.",
			"two civilians were wounded", "Yurii Malashko", "party_official", "said"},
		{"abbreviated title", "Bryansk Gov. Alexander Bogomaz said that a fire broke out at a fuel depot.",
			"that a fire broke out at a fuel depot", "Alexander Bogomaz", "party_official", "said"},
		{"organisation, title, then the person", "NATO Secretary General Mark Rutte said the alliance would increase its support.",
			"the alliance would increase its support", "Mark Rutte", "international_org", "said"},
		{"a UN agency by its initials", "According to OCHA, at least 12 civilians were killed in Donetsk Oblast last week.",
			"at least 12 civilians were killed in Donetsk Oblast last week", "OCHA", "international_org", "According to"},
		{"spokesman of a group of forces", "Nazar Voloshyn, spokesman for the Khortytsia group of forces, said the enemy attacked 40 times.",
			"the enemy attacked 40 times", "Nazar Voloshyn", "party_official", "said"},
		{"spokesman of an office", "Serhiy Bratchuk, spokesman for the Odesa Military Administration, said that missiles were shot down.",
			"that missiles were shot down", "Serhiy Bratchuk", "party_official", "said"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			_, cl := findClaim(rec, strings.TrimPrefix(c.content, "that "))
			if cl == nil {
				t.Fatalf("no claim %q in %+v", c.content, rec.Claims)
			}
			if got := rec.Slice(cl.Content); got != c.content && got != strings.TrimPrefix(c.content, "that ") {
				t.Errorf("content %q, want %q", got, c.content)
			}
			if cl.Source.Name != c.source || cl.Source.Type != c.stype || cl.Cue.Text != c.cue {
				t.Errorf("source %q (%s) cue %q; want %q (%s) %q", cl.Source.Name, cl.Source.Type, cl.Cue.Text, c.source, c.stype, c.cue)
			}
		})
	}
}

// TestNoComment: "did not comment" says nothing; "did not say that …" still
// attributes what follows (PolNeAR annotates it).
func TestNoComment(t *testing.T) {
	rec := read(t, "Russia claimed its troops had captured Bohdanivka. Kyiv did not comment on the claim.", time.Time{})
	for _, c := range rec.Claims {
		if c.Source.Name == "Kyiv" {
			t.Errorf("a claim from a refusal to comment: %+v", c)
		}
	}
	if _, cl := findClaim(rec, "its troops had captured Bohdanivka"); cl == nil {
		t.Errorf("the claim itself is lost: %+v", rec.Claims)
	}
}

func TestGrades(t *testing.T) {
	text := "Ukrainian officials said that Russian forces had left the village of Pryvillia. " +
		"The Institute for the Study of War confirmed the report. " +
		"Separately, Russian bloggers claimed that the town of Vovchansk had been encircled. " +
		"Reuters could not independently verify the claim."
	rec := read(t, text, time.Time{})
	ui, ua := findClaim(rec, "Russian forces had left the village")
	_, isw := findClaim(rec, "the report")
	_, bl := findClaim(rec, "the town of Vovchansk had been encircled")
	if ua == nil || isw == nil || bl == nil {
		t.Fatalf("claims missing: %+v", rec.Claims)
	}
	if ua.Grade[1] > '2' {
		t.Errorf("confirmed claim graded %s, want credibility 2 or better", ua.Grade)
	}
	if len(isw.Corroborates) != 1 || isw.Corroborates[0] != ui {
		t.Errorf("confirming claim corroborates %v, want [%d]", isw.Corroborates, ui)
	}
	if bl.Grade[1] != '6' {
		t.Errorf("unverified claim graded %s, want credibility 6", bl.Grade)
	}
	if bl.Source.Type != "social_media" {
		t.Errorf("bloggers typed %s", bl.Source.Type)
	}
}

// TestUnverifiedNotes: the reporter's own note that claims could not be checked.
func TestUnverifiedNotes(t *testing.T) {
	cases := []struct {
		name, text string
		checked    []string // claims whose credibility must be 6
		unchecked  []string // claims it must not be
	}{
		{"plural, both sides",
			"Ukraine's General Staff said Russian forces had lost 20 tanks near Avdiivka.\n\n" +
				"Russia's defence ministry said its forces had repelled every attack.\n\n" +
				"The claims could not be independently verified.",
			[]string{"Russian forces had lost 20 tanks", "its forces had repelled every attack"}, nil},
		{"relative clause, one claim",
			"The governor said three people were killed. Russia said it had shot down 12 drones, which could not be independently confirmed.",
			[]string{"it had shot down 12 drones"}, []string{"three people were killed"}},
		{"no note",
			"Russia said it had shot down 12 drones. The attack was confirmed by satellite images.",
			nil, []string{"it had shot down 12 drones"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			check := func(contents []string, six bool) {
				for _, content := range contents {
					_, cl := findClaim(rec, content)
					if cl == nil {
						t.Fatalf("no claim %q in %+v", content, rec.Claims)
					}
					if (cl.Grade[1] == '6') != six {
						t.Errorf("%q graded %s", content, cl.Grade)
					}
				}
			}
			check(c.checked, true)
			check(c.unchecked, false)
		})
	}
}

func TestControl(t *testing.T) {
	cases := []struct {
		name, text, side, action, place, status string
	}{
		{"retook", "Ukrainian forces retook Kupiansk on Saturday.", "UKR", "retook", "Kupiansk", "confirmed"},
		{"withdrew from", "Russian troops withdrew from Kherson after weeks of fighting.", "RUS", "withdrew", "Kherson", "confirmed"},
		{"claimed by a party", "The Russian Defence Ministry said its forces had captured Bakhmut.", "RUS", "captured", "Bakhmut", "claimed"},
		{"assessed by a third party", "British intelligence said Russian forces had encircled Bakhmut.", "RUS", "encircled", "Bakhmut", "assessed"},
		{"denied", "The Ukrainian General Staff denied that Russian forces had captured Bakhmut.", "RUS", "captured", "Bakhmut", "denied"},
		{"advance toward", "The Ukrainians launched a counteroffensive toward Melitopol.", "UKR", "advanced", "Melitopol", "confirmed"},
		{"near a place", "Ukrainian units recaptured villages near Izium.", "UKR", "advanced", "Izium", "confirmed"},
		{"the region", "Fighting raged in Kharkiv as Russian forces withdrew from the region.", "RUS", "withdrew", "Kharkiv", "confirmed"},
		{"hedged assessment", "A Western defence official said that Ukrainian troops have very likely taken control of Balakliia and Kupiansk as well as nearby hamlets.", "UKR", "retook", "Balakliia", "assessed"},
		{"hedged, listed", "A Western defence official said that Ukrainian troops have very likely taken control of Balakliia and Kupiansk as well as nearby hamlets.", "UKR", "retook", "Kupiansk", "assessed"},
		{"reportedly", "Russian troops reportedly abandoned their vehicles as they fled Izium.", "RUS", "withdrew", "Izium", "claimed"},
		{"allegedly", "Russian troops allegedly entered Vuhledar on Sunday.", "RUS", "entered", "Vuhledar", "claimed"},
		{"it is claimed", "It is claimed that Russian units entered Kherson at dawn.", "RUS", "entered", "Kherson", "claimed"},
		{"according to reports", "According to local reports, Ukrainian units recaptured Kherson overnight.", "UKR", "retook", "Kherson", "claimed"},
		{"withdrawal around a city", "Russian units had pulled back from the villages around the city of Kupiansk.", "UKR", "advanced", "Kupiansk", "confirmed"},
		{"withdrawal from the outskirts", "The Russians withdrew from the outskirts of Mykolaiv in March.", "UKR", "advanced", "Mykola", "confirmed"},
		{"settlements in a region", "Ukrainian troops have liberated more than 40 settlements in Kherson Oblast this month.", "UKR", "advanced", "Kherson", "confirmed"},
		{"counteroffensive around a city", "Ukraine began a counter-offensive in the east of the country, around the town of Lyman.", "UKR", "advanced", "Lyman", "confirmed"},
		{"advances in a fragment", "Russian forces made slow progress in the Donbas over the week. Some advances south of Izium as well.", "RUS", "advanced", "Izium", "confirmed"},
		{"object past a hyphenated modifier", "Ukraine retook the Russian-held town of Lyman on Saturday.", "UKR", "retook", "Lyman", "confirmed"},
		{"the place as subject", "The town of Lyman fell to Russian forces on Saturday.", "RUS", "captured", "Lyman", "confirmed"},
		{"hedged verb before a noun of movement", "According to the ISW, Russian forces likely made marginal advances near Bohdanivka.", "RUS", "advanced", "Bohdanivka", "assessed"},
		{"pushed out of", "Ukrainian forces have pushed Russian troops out of Andriivka.", "UKR", "retook", "Andriivka", "confirmed"},
		{"ousted from", "Ukrainian troops ousted Russian forces from Klishchiivka on Sunday.", "UKR", "retook", "Klishchiivka", "confirmed"},
		{"moving in from a direction", "Ukrainian forces are moving in on Izyum from the north.", "UKR", "advanced", "Izium", "confirmed"},
		{"a river is no place held", "Russian forces withdrew from the west bank of the Dnipro River, including the city of Kherson, in November.", "RUS", "withdrew", "Kherson", "confirmed"},
		{"full control, his fighters", "Wagner chief Yevgeny Prigozhin claimed that his fighters had taken full control of Bakhmut.", "RUS", "captured", "Bakhmut", "claimed"},
		{"forced to, passive", "Ukrainian troops were forced to withdraw from the city of Avdiivka in the eastern part of Ukraine.", "UKR", "withdrew", "Avdiivka", "confirmed"},
		// The other side's gain, reported by a party, is confirmed against its interest.
		{"the opponent's advance", "Russian forces are advancing toward Pokrovsk, the Ukrainian army said.", "RUS", "advanced", "Pokrovsk", "confirmed"},
		{"the opponent's entry", "The Ukrainian General Staff said Russian troops had entered Vuhledar.", "RUS", "entered", "Vuhledar", "confirmed"},
		// Unnamed units are the speaking party's own, and their "liberating" a
		// village of the other side's country is a capture.
		{"a party's own units liberate", "Units of the Vostok group of forces liberated the settlement of Urozhaine in the Donetsk region, the Russian Ministry of Defence reported.",
			"RUS", "captured", "Urozhaine", "claimed"},
		// A named group of forces gives the units in it their side.
		{"units of a named group", "Units of the Vostok group of forces captured Urozhaine in the Donetsk region.",
			"RUS", "captured", "Urozhaine", "confirmed"},
		// A parenthetical cue before a contrasting clause still attributes.
		{"claimed, but denied", "Russian troops have captured Novomykhailivka, the Russian defence ministry claimed, but Ukraine denied the claim.",
			"RUS", "captured", "Novomykhailivka", "claimed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			for _, k := range rec.Control {
				if k.Side == c.side && k.Action == c.action && strings.HasPrefix(k.Place.Name, c.place) {
					if k.Status != c.status {
						t.Errorf("status %s, want %s", k.Status, c.status)
					}
					return
				}
			}
			t.Errorf("no %s %s %s in %+v", c.side, c.action, c.place, rec.Control)
		})
	}
}

func TestControlNotHandedOver(t *testing.T) {
	// Ground around a place, or settlements in a region, do not change hands with
	// the place itself; nor does falling back toward a place.
	for _, c := range []struct{ text, place string }{
		{"Russian troops fell back toward Kherson after the bridge was cut.", "Kherson"},
		{"Russian units had pulled back from the villages around the city of Kupiansk.", "Kupiansk"},
		{"The Russians withdrew from the outskirts of Mykolaiv in March.", "Mykola"},
		{"Ukrainian troops have liberated more than 40 settlements in Kherson Oblast this month.", "Kherson"},
	} {
		rec := read(t, c.text, time.Time{})
		for _, k := range rec.Control {
			if strings.HasPrefix(k.Place.Name, c.place) && k.Action != "advanced" {
				t.Errorf("%q: %+v", c.text, k)
			}
		}
	}
}

func TestControlSources(t *testing.T) {
	cases := []struct{ name, text, place, status, source string }{
		{"transcript turn, we",
			"SENIOR DEFENSE OFFICIAL: Good morning, everybody.\n\nWe assess that Ukrainian forces have retaken Izium.",
			"Izium", "assessed", "Senior Defense Official"},
		{"transcript turn, I can",
			"SENIOR MILITARY OFFICIAL: Thanks for joining.\n\nI can tell you that Ukrainian forces entered Kherson yesterday.",
			"Kherson", "assessed", "Senior Military Official"},
		{"audience",
			"SENIOR MILITARY OFFICIAL: Thanks for joining.\n\nAs many of you have heard, Ukrainian forces have entered Kherson.",
			"Kherson", "assessed", "Senior Military Official"},
		{"transcript, a question is no turn of the speaker",
			"SENIOR MILITARY OFFICIAL: Thanks for joining.\n\nQ: Thank you. Ukrainian forces have entered Kherson. What comes next for them?",
			"Kherson", "confirmed", ""},
		{"transcript, unattributed",
			"SENIOR MILITARY OFFICIAL: Thanks for joining.\n\nIn the south, Ukrainian forces have entered Kherson.",
			"Kherson", "assessed", "Senior Military Official"},
		{"dateline, then the speaker",
			"KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy said Tuesday that his forces had recaptured the village of Staromaiorske.",
			"Staromaiorske", "claimed", "Volodymyr Zelensky"},
		{"dateline with a date and agency",
			"KHARKIV, Ukraine, May 14 (Reuters) - Ukrainian forces retook the village of Ternova, the General Staff said.",
			"Ternova", "claimed", "General Staff"},
		{"fragment after an assessment",
			"SENIOR DEFENSE OFFICIAL: Good morning.\n\nWe assess that Ukrainian forces are making steady progress in the Donbas. Some advances south of Izium as well, but the fighting goes on.",
			"Izium", "assessed", "Senior Defense Official"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			for _, k := range rec.Control {
				if k.Side == "UKR" && strings.HasPrefix(k.Place.Name, c.place) {
					if k.Status != c.status || k.Source.Name != c.source {
						t.Errorf("status %s source %q, want %s %q", k.Status, k.Source.Name, c.status, c.source)
					}
					return
				}
			}
			t.Errorf("no UKR control of %s in %+v", c.place, rec.Control)
		})
	}
}

// TestSampleControl reads the sample reporting on the 2022 Kharkiv
// counteroffensive (public-domain texts kept in internal/sample) and checks the
// control statements that once went wrong there.
func TestSampleControl(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "sample", "reporting", "kharkiv-2022.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string][]record.Control{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var in struct{ ID, Text, Published string }
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			t.Fatal(err)
		}
		pub, _ := time.Parse("2006-01-02", in.Published)
		got[in.ID] = read(t, in.Text, pub).Control
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	has := func(id, side, action, place, status string) bool {
		for _, c := range got[id] {
			if c.Side == side && c.Action == action && strings.HasPrefix(c.Place.Name, place) && (status == "" || c.Status == status) {
				return true
			}
		}
		return false
	}
	for _, c := range []struct{ id, side, action, place, status string }{
		{"dodnews-ukraine-pushes-forward-2022-09-12", "UKR", "retook", "Izium", "assessed"},
		{"voa-learningenglish-ukraine-claims-new-gains-2022-09-12", "UKR", "advanced", "Izium", ""},
		{"voa-learningenglish-ukraine-claims-new-gains-2022-09-12", "RUS", "withdrew", "Izium", "claimed"},
		{"dod-sdo-smo-briefing-2022-09-19", "UKR", "advanced", "Kharkiv", ""},
		{"dod-sdo-briefing-2022-04-28", "RUS", "advanced", "Izium", ""},
	} {
		if !has(c.id, c.side, c.action, c.place, c.status) {
			t.Errorf("%s: no %s %s %s %s in %+v", c.id, c.side, c.action, c.place, c.status, got[c.id])
		}
	}
	for _, c := range []struct{ id, side, action, place string }{
		// Withdrawing from the areas around a city does not give the city up.
		{"voa-learningenglish-ukraine-claims-new-gains-2022-09-12", "RUS", "withdrew", "Kharkiv"},
		// 300 settlements in a province are not the province.
		{"dod-sdo-smo-briefing-2022-09-19", "UKR", "retook", "Kharkiv"},
	} {
		if has(c.id, c.side, c.action, c.place, "") {
			t.Errorf("%s: %s %s %s read", c.id, c.side, c.action, c.place)
		}
	}
	for id, cs := range got {
		for _, c := range cs {
			if n := c.Source.Name; n != "" && (strings.ToUpper(n) == n && strings.Contains(n, " ") ||
				strings.Contains(" "+strings.ToLower(n)+" ", " i ") || strings.Contains(" "+strings.ToLower(n)+" ", " you ")) {
				t.Errorf("%s: source %q is no speaker", id, n)
			}
		}
	}
}

func TestTitleLabel(t *testing.T) {
	for in, want := range map[string]string{
		"SENIOR MILITARY OFFICIAL":       "Senior Military Official",
		"ISW":                            "ISW",
		"U.S. OFFICIAL":                  "U.S. Official",
		"Institute for the Study of War": "Institute for the Study of War",
	} {
		if got := titleLabel(in); got != want {
			t.Errorf("titleLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNoControl(t *testing.T) {
	// Intentions, attempts and hypotheticals are no control statements.
	for _, text := range []string{
		"Russia is trying to capture Avdiivka.",
		"If Ukraine retakes Melitopol, the land bridge to Crimea would be cut.",
		"Russian commanders plan to encircle Bakhmut.",
		"Retaking Kherson would be a major success.",
		"Russian forces are likely to capture Avdiivka within weeks.",
		"Ukrainian forces would likely retake Lyman if supplies arrive.",
		"Analysts discussed the likely fall of Bakhmut.",
		"Is it true that Ukrainian forces have entered Kherson?",
		// Who holds a place, or that it changed hands at some time not given, is no
		// dated change of control.
		"Ukrainian troops shelled Russian-occupied Izium on Tuesday.",
		"Residents of occupied Melitopol protested on Tuesday.",
		"The liberated city of Kherson was shelled on Tuesday.",
		"The convoy drove toward Kherson.",
		"Russian forces will likely capture Avdiivka.",
		"Russian forces will likely make advances near Bohdanivka.",
		"Russian forces were ordered to capture Kyiv.",
		"Kharkiv was retaken.",
	} {
		rec := read(t, text, time.Time{})
		if len(rec.Control) != 0 {
			t.Errorf("%q: control %+v", text, rec.Control)
		}
	}
}

func TestEvents(t *testing.T) {
	cases := []struct {
		name, text, typ, side, modality, acled string
	}{
		{"shelling", "Russian artillery shelled Kherson on Tuesday.", "ASSAULT", "RUS", "reported", "Shelling/artillery/missile attack"},
		{"withdrawal", "Russian troops withdrew from the island.", "RETREAT", "RUS", "reported", "Non-violent transfer of territory"},
		{"planned", "Russia plans to deploy more troops to Belarus.", "MOBILIZE", "RUS", "planned", ""},
		{"hypothetical", "A strike on the dam would flood the valley.", "ASSAULT", "", "hypothetical", ""},
		{"negated", "Ukrainian forces did not attack the bridge.", "ASSAULT", "UKR", "negated", ""},
		{"threat", "Moscow threatened to strike Kyiv.", "THREATEN", "RUS", "", ""},
		{"retook", "Ukrainian forces retook Lyman.", "ASSAULT", "UKR", "reported", "Government regains territory"},
		{"aid", "The United States sent artillery shells to Ukraine.", "AID", "USA", "", ""},
		{"our forces", "“Our forces repelled the attack at dawn,” Zelensky said.", "", "UKR", "", ""},
		{"sexual violence", "Russian soldiers sexually assaulted women in Bucha.", "ASSAULT", "RUS", "reported", "Sexual violence"},
		{"ethnic cleansing", "Serb forces were engaged in ethnic cleansing in Kosovo.", "ASSAULT", "", "reported", "Attack"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC))
			if len(rec.Events) == 0 {
				t.Fatalf("no events")
			}
			var e *record.Event
			for i := range rec.Events {
				if c.typ == "" || rec.Events[i].Type == c.typ {
					e = &rec.Events[i]
					break
				}
			}
			if e == nil {
				t.Fatalf("no %s event in %+v", c.typ, rec.Events)
			}
			if c.side != "" && (e.Actor == nil || e.Actor.Country != c.side) {
				t.Errorf("actor %+v, want side %s", e.Actor, c.side)
			}
			if c.modality != "" && e.Modality != c.modality {
				t.Errorf("modality %s, want %s", e.Modality, c.modality)
			}
			if c.acled != "" && (e.ACLED == nil || e.ACLED.SubEventType != c.acled) {
				t.Errorf("ACLED %+v, want %s", e.ACLED, c.acled)
			}
		})
	}
}

// TestEventWeaponsAndPlaces: the weapon named with the attacker gives the attack its
// ACLED sub-event type; "the city of X" and "Russia's X region" name X.
func TestEventWeaponsAndPlaces(t *testing.T) {
	cases := []struct{ text, acled, place string }{
		{"Ukrainian drones attacked an oil refinery in Russia's Krasnodar region overnight.", "Air/drone strike", "Krasnodar"},
		{"Russian missiles hit Kyiv on Tuesday.", "Shelling/artillery/missile attack", "Kyiv"},
		{"A Russian missile strike on a residential building in Dnipro killed at least 40 people.\n\nRussian forces shelled the city of Kherson 87 times over the past day.", "", "Kherson"},
		// What was fired, by name (lex.WeaponKind), and a general trigger.
		{"Russia fired two Iskander missiles at Kharkiv overnight.", "Shelling/artillery/missile attack", "Kharkiv"},
		{"Kinzhal hypersonic missiles were fired at Kyiv.", "Shelling/artillery/missile attack", "Kyiv"},
		{"Lancet loitering munitions hit a Ukrainian tank near Kupiansk.", "Air/drone strike", "Kupiansk"},
		{"A Lancet hit a Ukrainian tank near Kupiansk.", "Air/drone strike", "Kupiansk"},
		{"Russia fired two Iskanders at Kharkiv.", "Shelling/artillery/missile attack", "Kharkiv"},
		{"The Houthis launched Shahed drones at Eilat.", "Air/drone strike", "Eilat"},
		{"Russian forces shelled Kherson with Grad rockets.", "Shelling/artillery/missile attack", "Kherson"},
	}
	for _, c := range cases {
		rec := read(t, c.text, time.Time{})
		var e *record.Event
		for i := range rec.Events {
			if rec.Events[i].Type == "ASSAULT" {
				e = &rec.Events[i] // the last attack
			}
		}
		if e == nil {
			t.Errorf("%q: no attack in %+v", c.text, rec.Events)
			continue
		}
		if c.acled != "" && (e.ACLED == nil || e.ACLED.SubEventType != c.acled) {
			t.Errorf("%q: ACLED %+v, want %s", c.text, e.ACLED, c.acled)
		}
		if e.Place == nil || !strings.HasPrefix(e.Place.Name, c.place) {
			t.Errorf("%q: place %+v, want %s", c.text, e.Place, c.place)
		}
	}
}

// TestWeaponIsNoActor: a weapon with no side names what struck, not who; what
// was destroyed or shot down is the target, not the means. A pronoun resolved to
// the speaker keeps it ("Hezbollah said it fired"), though it has no side.
func TestWeaponIsNoActor(t *testing.T) {
	rec := read(t, "Kalibr cruise missiles launched from the Black Sea hit Lviv.", time.Time{})
	for _, e := range rec.Events {
		if e.Actor != nil && strings.Contains(e.Actor.Name, "Kalibr") {
			t.Errorf("weapon as actor: %+v", e.Actor)
		}
	}
	rec = read(t, "Two people were killed by Russian shelling in the town of Myrnohrad.", time.Time{})
	for _, e := range rec.Events {
		if e.Actor != nil && (strings.Contains(e.Actor.Name, "shelling") || e.Actor.Country != "RUS") {
			t.Errorf("an attack as the actor: %+v, want Russian forces", e.Actor)
		}
	}
	rec = read(t, "Yesterday, Russian strikes in Kyiv struck the capital's television tower.", time.Time{})
	for _, e := range rec.Events {
		if e.Actor != nil && e.Actor.Country != "RUS" {
			t.Errorf("Russian strikes in Kyiv: actor %+v, want Russian forces", e.Actor)
		}
	}
	rec = read(t, "Dozens of Russian drones were fired at Odesa overnight.", time.Time{})
	if len(rec.Events) == 0 || rec.Events[0].Actor == nil || rec.Events[0].Actor.Country != "RUS" {
		t.Errorf("sided weapons fired, passive: events %+v, want an attack by Russian forces", rec.Events)
	}
	rec = read(t, "Russia launched Kinzhal missiles at Kyiv.", time.Time{})
	for _, e := range rec.Events {
		if e.Target != nil && strings.Contains(e.Target.Name, "Kinzhal") {
			t.Errorf("what was fired as the target: %+v", e.Target)
		}
	}
	rec = read(t, "Ukrainian forces destroyed a Russian reconnaissance drone near Zaporizhzhia.", time.Time{})
	for _, e := range rec.Events {
		if e.ACLED != nil && e.ACLED.SubEventType == "Air/drone strike" {
			t.Errorf("a drone destroyed read as a drone strike: %+v", e)
		}
	}
	rec = read(t, "Fighting between the Sudanese Armed Forces and the RSF spread to El Fasher. Hezbollah said it fired rockets at the town of Kiryat Shmona.", time.Time{})
	var got []string
	for _, e := range rec.Events {
		if e.Actor != nil {
			got = append(got, e.Actor.Name)
		}
	}
	if !slices.Contains(got, "Hezbollah") || slices.Contains(got, "Sudanese Armed Forces") {
		t.Errorf("actors %q, want Hezbollah firing, not the Sudanese Armed Forces", got)
	}
}

// TestAirDefence: munitions shot down or intercepted are an attack prevented
// (ACLED: Strategic developments, Disrupted weapons use), and the attack they
// were part of is its launcher's; an aircraft shot down and a ship intercepted
// are not.
func TestAirDefence(t *testing.T) {
	cases := []struct {
		text, sub, actor string // the sub-event types of the events, "|"-joined; the attacker
	}{
		{"Ukrainian air defences shot down 23 of 27 Shahed drones launched by Russia overnight, the air force said.",
			"Disrupted weapons use|Air/drone strike", "Russia"},
		{"Two Iskander missiles were intercepted over Kyiv, the city administration said.", "Disrupted weapons use", ""},
		{"Air defence destroyed 40 drones over the Belgorod region on Monday.", "Disrupted weapons use", ""},
		{"Russian forces shot down a Ukrainian Su-25 jet near Bakhmut.", "Armed clash", ""},
		{"The navy intercepted a cargo ship bound for Gaza on Monday.", "", ""},
	}
	for _, c := range cases {
		rec := read(t, c.text, time.Time{})
		var subs []string
		attacker := ""
		for _, e := range rec.Events {
			if e.ACLED != nil {
				subs = append(subs, e.ACLED.SubEventType)
				if e.ACLED.SubEventType == "Air/drone strike" && e.Actor != nil {
					attacker = e.Actor.Name
				}
			}
		}
		if got := strings.Join(subs, "|"); got != c.sub {
			t.Errorf("%q: events %q, want %q", c.text, got, c.sub)
		}
		if attacker != c.actor {
			t.Errorf("%q: attacker %q, want %q", c.text, attacker, c.actor)
		}
	}
}

// A strike by weapons alone, reported by a party's official: its own side's
// when the target is the opponent's, the opponent's when it fell on the
// official's country; with no source, no one's.
func TestStrikerBySource(t *testing.T) {
	for text, want := range map[string]string{
		"Bayraktar TB2 drones destroyed two Russian tanks near Kherson, the Ukrainian General Staff said.":      "Ukrainian forces",
		"Shahed drones hit Odesa overnight, the Ukrainian Air Force said.":                                      "Russian forces",
		"HIMARS rockets struck a Russian ammunition depot in Nova Kakhovka, the Russian Defence Ministry said.": "Ukrainian forces",
		"Kalibr cruise missiles hit Lviv.": "",
	} {
		rec := read(t, text, time.Time{})
		got := ""
		if len(rec.Events) > 0 && rec.Events[0].Actor != nil {
			got = rec.Events[0].Actor.Name
		}
		if got != want {
			t.Errorf("%q: actor %q, want %q", text, got, want)
		}
	}
}

// The words a side uses for its enemy are the source's in reported speech too:
// "the occupiers" of a Ukrainian official are Russian forces, in English and in
// Ukrainian.
func TestEnemyOfTheSource(t *testing.T) {
	for _, text := range []string{
		"The occupiers struck Kharkiv, killing two people, said Oleh Synehubov.",
		"Окупанти завдали удару по Харкову, повідомив очільник Харківської ОВА Олег Синєгубов.",
	} {
		rec := read(t, text, time.Time{})
		if len(rec.Events) == 0 || rec.Events[0].Actor == nil || rec.Events[0].Actor.Name != "Russian forces" {
			t.Errorf("%q: events %+v, want an attack by Russian forces", text, rec.Events)
		}
	}
}

// TestRussianAndUkrainian: reporting in Russian and Ukrainian is read for its
// sources and control as English is, by word order and the lexicon (the language
// core's English tags and trees are set aside there).
func TestRussianAndUkrainian(t *testing.T) {
	text := "Российские войска заняли Авдеевку, заявил Денис Пушилин.\n\n" +
		"Губернатор Луганской области Сергей Гайдай заявил по телевидению, что украинские войска отвоевали часть Северодонецка.\n\n" +
		"Сили оборони звільнили Кліщіївку, повідомив Генштаб ЗСУ."
	rec := read(t, text, time.Time{})
	var got []string
	for _, c := range rec.Control {
		got = append(got, strings.Join([]string{c.Place.Name, c.Side, c.Action, c.Status, c.Source.Name}, " "))
	}
	want := []string{
		"Avdiivka RUS captured claimed Denis Pushilin",
		"Sievierodonetsk UKR advanced claimed Serhiy Haidai",
		"Klishchiivka UKR retook claimed General Staff of the Armed Forces of Ukraine",
	}
	if !slices.Equal(got, want) {
		t.Errorf("control %q, want %q", got, want)
	}
	rs := []rune(text)
	for _, c := range rec.Claims {
		if c.Source.Type != "party_official" {
			t.Errorf("claim by %q typed %q, want party_official", c.Source.Name, c.Source.Type)
		}
		// What was said is the clause of "что", not the words before it.
		if content := string(rs[c.Content.Start:c.Content.End]); c.Source.Name == "Serhiy Haidai" && !strings.HasPrefix(content, "что украинские войска") {
			t.Errorf("claim by %s: %q, want the clause of что", c.Source.Name, content)
		}
	}
	if len(rec.Claims) != 3 {
		t.Errorf("%d claims, want 3", len(rec.Claims))
	}
	// A group named in guillemets is no quotation, and the units of a Russian
	// group of forces take Russia's side, named by several words in the
	// genitive and without a parse.
	rec = read(t, "Активными действиями подразделений группировки войск «Центр» освобожден населенный пункт Новогродовка Донецкой Народной Республики.", time.Time{})
	if len(rec.Quotes) != 0 {
		t.Errorf("quotes %+v, want none: «Центр» is a name", rec.Quotes)
	}
	if len(rec.Control) != 1 || rec.Control[0].Side != "RUS" || rec.Control[0].Action != "captured" {
		t.Errorf("control %+v, want Novohrodivka captured by RUS", rec.Control)
	}
	// The Russian ministry's daily phrases: "improved their position" is an
	// advance, "inflicted defeat on manpower" an attack.
	rec = read(t, "Подразделения группировки войск «Юг» улучшили положение по переднему краю и нанесли поражение живой силе ВСУ в районе населенного пункта Часов Яр.", time.Time{})
	if len(rec.Control) == 0 || rec.Control[0].Side != "RUS" || rec.Control[0].Action != "advanced" {
		t.Errorf("control %+v, want RUS advancing on Chasiv Yar", rec.Control)
	}
	if len(rec.Events) == 0 || rec.Events[0].Actor == nil || rec.Events[0].Actor.Name != "Yug Group of Forces" {
		t.Errorf("events %+v, want an attack by the Yug Group of Forces", rec.Events)
	}
	// "Про це повідомив X": X reported the sentence before.
	text = "Національний банк України підвищив облікову ставку. Про це повідомив Андрій Пишний."
	rec = read(t, text, time.Time{})
	rs = []rune(text)
	if len(rec.Claims) != 1 || rec.Claims[0].Source.Name != "Andrii Pyshnyi" ||
		!strings.HasPrefix(string(rs[rec.Claims[0].Content.Start:rec.Claims[0].Content.End]), "Національний банк") {
		t.Errorf("claims %+v, want Andrii Pyshnyi (Андрій Пишний) saying the sentence before", rec.Claims)
	}
	// The Russian ministry's "освободили" of a Ukrainian village is its capture.
	rec = read(t, "Министерство обороны Российской Федерации сообщило, что подразделения группировки войск «Запад» освободили населенный пункт Синьковка Харьковской области.", time.Time{})
	if len(rec.Control) != 1 || rec.Control[0].Side != "RUS" || rec.Control[0].Action != "captured" || rec.Control[0].Source.Name != "Ministry of Defence of Russia" {
		t.Errorf("control %+v, want Synkivka captured by RUS, claimed by the Russian ministry", rec.Control)
	}
	rec = read(t, "Российские войска обстреляли Херсон, сообщил Генштаб ВСУ.\n\nПо данным Минобороны России, в Белгородской области сбиты 12 беспилотников.", time.Time{})
	got = nil
	for _, e := range rec.Events {
		if e.ACLED != nil && e.Place != nil && e.Source != nil {
			actor := ""
			if e.ACLED.SubEventType != "Disrupted weapons use" && e.Actor != nil {
				actor = e.Actor.Name // named as in English
			}
			got = append(got, strings.Join([]string{e.ACLED.SubEventType, actor, e.Place.Name, e.Modality, e.Source.Name}, " / "))
		}
	}
	want = []string{
		"Shelling/artillery/missile attack / Russian forces / Kherson / claimed / General Staff of the Armed Forces of Ukraine",
		"Disrupted weapons use /  / Belgorod / claimed / Ministry of Defence of Russia",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

// A "they" that is not the sentence's own speaker takes the side named before
// it, not an older source.
func TestPronounActor(t *testing.T) {
	rec := read(t, "The IAEA said the plant was safe. Russian soldiers left behind ammunition as they fled Izium.", time.Time{})
	for _, e := range rec.Events {
		if e.Actor != nil && e.Actor.Name == "IAEA" {
			t.Errorf("%s by the IAEA: %+v", e.Type, e)
		}
	}
}

// Weapons that arrive are aid delivered, not a visit; a delegation still visits.
func TestWeaponsArrive(t *testing.T) {
	rec := read(t, "Leopard tanks arrived in Ukraine from Poland. The delegation arrived in Kyiv on Monday.", time.Time{})
	var types []string
	for _, e := range rec.Events {
		types = append(types, e.Type)
	}
	if !slices.Equal(types, []string{"AID", "CONSULT"}) {
		t.Errorf("events %v, want AID then CONSULT", types)
	}
}

// TestMunitionsAreNoAttack: weapons named as things (an aid package's contents)
// are no attack; the act is.
func TestMunitionsAreNoAttack(t *testing.T) {
	rec := read(t, "The Pentagon announced a new $200 million aid package for Ukraine, including artillery shells and Stinger missiles.", time.Time{})
	for _, e := range rec.Events {
		if e.Type == "ASSAULT" {
			t.Errorf("attack read in an aid package: %+v", e)
		}
	}
	rec = read(t, "The ministry launched an investigation on Monday.", time.Time{})
	for _, e := range rec.Events {
		if e.Type == "ASSAULT" {
			t.Errorf("launching an investigation read as an attack: %+v", e)
		}
	}
	rec = read(t, "Russian forces fired artillery shells at Kherson on Tuesday.", time.Time{})
	if len(rec.Events) == 0 || rec.Events[0].Type != "ASSAULT" {
		t.Errorf("firing shells: events %+v, want an ASSAULT", rec.Events)
	}
}

func TestEventDate(t *testing.T) {
	rec := read(t, "Russian artillery shelled Kherson on Tuesday.", time.Date(2023, 3, 2, 0, 0, 0, 0, time.UTC))
	if len(rec.Events) == 0 || rec.Events[0].Date != "2023-02-28" || rec.Events[0].DatePrecision != "day" {
		t.Errorf("events %+v, want dated 2023-02-28 (day)", rec.Events)
	}
}

func TestWithoutLanguageCore(t *testing.T) {
	// With no analysis, reading still finds quotations, their speakers and claims.
	text := "“The bridge is gone,” Governor Oleh Synehubov said. Ukrainian forces retook Kupiansk, the General Staff said."
	rec := record.New(record.Source{}, text)
	if err := Read(rec, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if len(rec.Quotes) != 1 || rec.Quotes[0].Speaker == nil || rec.Quotes[0].Speaker.Name != "Oleh Synehubov" {
		t.Errorf("quotes %+v", rec.Quotes)
	}
	if len(rec.Claims) < 2 {
		t.Errorf("claims %+v", rec.Claims)
	}
}

func TestSkipsBoilerplate(t *testing.T) {
	text := "Read more: “Nothing will stop us,” the minister said.\n\nRussian forces shelled Kharkiv."
	end := utf8.RuneCountInString("Read more: “Nothing will stop us,” the minister said.")
	rec := read(t, text, time.Time{}, record.Boilerplate{Start: 0, End: end, Kind: "teaser"})
	if len(rec.Quotes) != 0 || len(rec.Claims) != 0 {
		t.Errorf("read boilerplate: quotes %+v claims %+v", rec.Quotes, rec.Claims)
	}
	for _, e := range rec.Events {
		if e.Evidence.Start < end {
			t.Errorf("event from boilerplate: %+v", e)
		}
	}
}

// FuzzRead checks that any text reads without panicking and that every span the
// record holds lies inside the text.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"“The bridge is gone,” he said.", "\"", "“", "”x", "''", "‘a’ said", "According to",
		"reports that", "Russian forces withdrew from the region.", "He said: “", "\n\n“a\n\n“b”",
		"KYIV, Ukraine (AP) — A -", "X -", "Moscow-installed official V. R said", "A-b-c d said",
		"pushed them out of", "The claims could not be verified.", ", which could not be confirmed",
		"“We stay,” the official said. We're prepared to do that for as long as it takes.”",
		"MODERATOR: Hi.\nMR. KIRBY: I think we retook Lyman.\nQUESTION: Why?",
		"Our warriors liberated our land. We thank you. I report to the House that we advanced. Our people",
		"It was, the minister said, “a b”", "Russia's claims that", "Neither official would comment.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		rec := record.New(record.Source{}, s)
		// With and without the language core's analysis.
		if err := Read(record.New(record.Source{}, s), nil, founded); err != nil {
			t.Fatal(err)
		}
		if err := Read(rec, nlp.Annotate(s, nil), founded); err != nil {
			t.Fatal(err)
		}
		in := func(a, b int) bool { return 0 <= a && a <= b && b <= n }
		for _, q := range rec.Quotes {
			if !in(q.Start, q.End) || record.SliceRunes(s, q.Start, q.End) != q.Text {
				t.Fatalf("quote %+v out of %q", q, s)
			}
		}
		for _, c := range rec.Claims {
			if !in(c.Content.Start, c.Content.End) {
				t.Fatalf("claim %+v out of %q", c, s)
			}
			for _, i := range c.Corroborates {
				if i < 0 || i >= len(rec.Claims) {
					t.Fatalf("corroborates %d of %d claims", i, len(rec.Claims))
				}
			}
		}
		for _, e := range rec.Events {
			if !in(e.Evidence.Start, e.Evidence.End) {
				t.Fatalf("event %+v out of %q", e, s)
			}
		}
	})
}

func TestSpeakerForms(t *testing.T) {
	cases := []struct {
		text, speaker, stype, title string
	}{
		{"“The enemy is regrouping,” Ukraine’s military intelligence spokesman Andriy Yusov told reporters.",
			"Andriy Yusov", "intelligence", ""},
		{"“Nothing has changed,” wrote Mykhailo Podolyak, an adviser to the head of the presidential office, on Twitter.",
			"Mykhailo Podolyak", "party_official", ""},
		{"“All targets were hit,” the Russian Defence Ministry said in a statement.",
			"Ministry of Defence of Russia", "party_official", ""},
		{"Kremlin spokesman Dmitry Peskov told reporters: “There will be no talks.”",
			"Dmitry Peskov", "party_official", "Kremlin spokesman"},
		{"“We need more shells,” said one commander, who asked not to be named.",
			"", "anonymous", ""},
		{"The governor, Oleh Syniehubov, said the city was shelled. “Two people were killed,” he wrote on Telegram.",
			"Oleh Synehubov", "party_official", ""},
		{"“It was a massacre,” said Olena, 54, a resident of the town.",
			"", "witness", ""},
	}
	for _, c := range cases {
		rec := read(t, c.text, time.Time{})
		var q *record.Quote
		for i := range rec.Quotes {
			if rec.Quotes[i].Kind == "direct" {
				q = &rec.Quotes[i]
			}
		}
		if q == nil || q.Speaker == nil {
			t.Errorf("%q: no attributed quote in %+v", c.text, rec.Quotes)
			continue
		}
		if q.Speaker.Name != c.speaker || c.title != "" && q.Speaker.Title != c.title {
			t.Errorf("%q: speaker %+v, want %q (%s)", c.text, q.Speaker, c.speaker, c.title)
		}
		_, cl := findClaim(rec, q.Text)
		if cl == nil || cl.Source.Type != c.stype {
			t.Errorf("%q: claim %+v, want source type %s", c.text, cl, c.stype)
		}
	}
}

func TestAttributionForms(t *testing.T) {
	cases := []struct {
		name, text, content, source, cue string
	}{
		{"dash", "“The town will be rebuilt.” ― Ivan Fedorov\n", "The town will be rebuilt.", "Ivan Fedorov", "―"},
		{"nested marks", "“They call it “liberation” but it is occupation,” Dmytro Kuleba said.",
			"They call it “liberation” but it is occupation,", "Dmytro Kuleba", "said"},
		{"title with a full stop", "\"The line holds,\" Ms. Maliar said.", "The line holds,", "Hanna Maliar", "said"},
		{"abbreviation in an appositive", "“We are ready,” Sen. Ann Brown, R-Ky., said Tuesday.", "We are ready,", "Ann Brown", "said"},
		{"cue before the marks", "The soldier kept saying, “Don't shoot,” until the car stopped.", "Don't shoot,", "The soldier", "saying"},
		{"transcript turn", "MR. KIRBY: Ukrainian troops withdrew from the town because they ran out of ammunition.\n",
			"Ukrainian troops withdrew from the town because they ran out of ammunition", "John Kirby", ":"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			_, cl := findClaim(rec, c.content)
			if cl == nil {
				t.Fatalf("no claim %q in %+v", c.content, rec.Claims)
			}
			src := cl.Source.Name
			if src == "" && cl.Source.Mention != nil {
				src = rec.Slice(*cl.Source.Mention)
			}
			if src != c.source || cl.Cue.Text != c.cue {
				t.Errorf("source %q cue %q, want %q %q", src, cl.Cue.Text, c.source, c.cue)
			}
		})
	}
	// Labels are no speakers.
	rec := read(t, "Photo: Ukrainian soldiers near Bakhmut.\n", time.Time{})
	if len(rec.Claims) != 0 {
		t.Errorf("label read as a speaker: %+v", rec.Claims)
	}
}

func TestClaimBoundaries(t *testing.T) {
	// Where a content begins and ends, and whose it is, for the forms of indirect
	// speech, intention, stance and nominal cues.
	cases := []struct {
		name, text, cue, content, source string
	}{
		{"second cue joined by and", "The ministry said that two villages had been shelled overnight and urged residents to leave.",
			"said", "that two villages had been shelled overnight", "The ministry"},
		{"the joined cue shares the source", "The ministry said that two villages had been shelled overnight and urged residents to leave.",
			"urged", "residents to leave", "The ministry"},
		{"participle after a comma", "The mayor said the water supply had been restored, adding that power would return by evening.",
			"adding", "that power would return by evening", "The mayor"},
		{"intention", "The governor vowed to rebuild the bridge before winter.",
			"vowed", "to rebuild the bridge before winter", "The governor"},
		{"noun with an infinitive", "Moscow announced a plan to move more troops to the border.",
			"plan", "to move more troops to the border", "Moscow"},
		{"noun with what it is about", "There were reports of shelling near the railway station.",
			"reports", "shelling near the railway station", "reports"},
		{"passive with an empty it", "It was reported that the bridge had been destroyed.",
			"reported", "that the bridge had been destroyed", ""},
		{"passive with an agent", "The story was first reported by a local newspaper.",
			"reported", "The story", "a local newspaper"},
		{"according to ends the content", "The General Staff reported that the attack was repelled, according to the regional governor.",
			"reported", "that the attack was repelled", "The General Staff"},
		{"stance", "The foreign minister condemned the strike on the maternity hospital.",
			"condemned", "the strike on the maternity hospital", "The foreign minister"},
		{"what a complaint is about", "The commander complained about the shortage of artillery shells.",
			"complained", "the shortage of artillery shells", "The commander"},
		{"parenthetical before an adjunct", "The dam was breached overnight, officials said on Friday, as water levels rose.",
			"said", "The dam was breached overnight", "officials"},
		{"that-clause of a word inside the content", "He said he was doubtful of the army's claim that the town was retaken.",
			"said", "he was doubtful of the army's claim that the town was retaken", "He"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := read(t, c.text, time.Time{})
			var cl *record.Claim
			for i := range rec.Claims {
				if rec.Claims[i].Cue.Text == c.cue {
					cl = &rec.Claims[i]
				}
			}
			if cl == nil {
				t.Fatalf("no claim with cue %q in %+v", c.cue, rec.Claims)
			}
			if got := rec.Slice(cl.Content); got != c.content {
				t.Errorf("content %q, want %q", got, c.content)
			}
			src := ""
			if cl.Source.Mention != nil {
				src = rec.Slice(*cl.Source.Mention)
			}
			if src != c.source {
				t.Errorf("source %q, want %q", src, c.source)
			}
		})
	}
	// A passive with neither an agent nor an empty subject names no one who says
	// so, and the subject is no source.
	rec := read(t, "The mayor was accused of using city money for personal expenses.", time.Time{})
	if len(rec.Claims) != 0 {
		t.Errorf("claims from an agentless passive: %+v", rec.Claims)
	}
}

// A quotation inside a claim of speech is the claim's source's words, even when the
// source is unnamed and the quotation runs on past the sentence the claim ends
// with (DOD News, September 2022, in ../store/storetest/testdata); a one-word term
// or a quotation inside a claim that is not speech is nobody's.
func TestPartialQuoteSpeakers(t *testing.T) {
	b, err := os.ReadFile("../store/storetest/testdata/dod-2022-09-kharkiv.txt")
	if err != nil {
		t.Fatal(err)
	}
	rec := read(t, string(b), time.Time{})
	for prefix, want := range map[string]string{
		"Ukrainian forces have very likely taken control": "The military official",
		"are obviously fighting hard":                     "A senior U.S. military official",
	} {
		q := findQuote(rec, prefix)
		if q == nil {
			t.Errorf("no quotation %q: %+v", prefix, rec.Quotes)
			continue
		}
		if q.Speaker == nil || !strings.HasPrefix(q.Speaker.Mention, want) {
			t.Errorf("%q: speaker %+v, want %q", prefix, q.Speaker, want)
		}
	}
	rec = read(t, "Zelensky said that the Russians wanted to come out as “somewhat victorious” in the east. "+
		"The whole south learned last year that Russia never comes “forever”.", time.Time{})
	if q := findQuote(rec, "somewhat victorious"); q == nil || q.Speaker == nil || q.Speaker.Name != "Volodymyr Zelensky" {
		t.Errorf("somewhat victorious: %+v", q)
	}
	if q := findQuote(rec, "forever"); q == nil || q.Speaker != nil {
		t.Errorf("a term after a non-speech cue has a speaker: %+v", q)
	}
}

// Claims on the same DOD text: a participle adjunct's source is its clause's
// subject ("officials are trumpeting …, saying …"); a refusal with "neither" says
// nothing; a connective before ", X continue" is no content.
func TestDODClaims(t *testing.T) {
	b, err := os.ReadFile("../store/storetest/testdata/dod-2022-09-kharkiv.txt")
	if err != nil {
		t.Fatal(err)
	}
	rec := read(t, string(b), time.Time{})
	_, c := findClaim(rec, "they have retaken about 1,200 square miles")
	mention := func(c *record.Claim) string {
		if c.Source.Mention == nil {
			return ""
		}
		return rec.Slice(*c.Source.Mention)
	}
	if c == nil || mention(c) != "Ukrainian government officials" {
		t.Errorf("retaken claim: %+v", c)
	}
	for i := range rec.Claims {
		c := &rec.Claims[i]
		content := rec.Slice(c.Content)
		if content == "However" || strings.HasPrefix(mention(c), "Neither") {
			t.Errorf("a claim of nothing: %q from %+v", content, c.Source)
		}
	}
}

// In a transcript, what the speaker says in the first person is the speaker's:
// "I also understand that …" under "SECRETARY OF DEFENSE LLOYD J. AUSTIN III:" (a
// label of seven words), "we assessed that …" under "SENIOR MILITARY OFFICIAL:"
// (DOD transcripts, April and October 2022, in ../store/storetest/testdata).
func TestTranscriptFirstPerson(t *testing.T) {
	for _, c := range []struct{ file, content, source string }{
		{"dod-2022-04-cernochova.txt", "this is a solemn trip for you", "Lloyd Austin"},
		{"dod-2022-10-lyman.txt", "Russian forces continue to fire artillery", "Senior Military Official"},
	} {
		b, err := os.ReadFile("../store/storetest/testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		rec := read(t, string(b), time.Time{})
		if _, cl := findClaim(rec, c.content); cl == nil || cl.Source.Name != c.source {
			t.Errorf("%s: claim %q: %+v, want source %q", c.file, c.content, cl, c.source)
		}
	}
}

// A statement made in the first person with no speaker named (an address, a
// minister's statement to Parliament) is its author's claim, not the text's own
// fact; "that" after an addressee opens the content even where the parse takes it
// for a relative pronoun.
func TestFirstPersonStatement(t *testing.T) {
	rec := read(t, "I want to update Members about progress in Ukraine. "+
		"I can report to the House that the Ukrainian forces have made real progress, "+
		"assaulting on three axes, and especially on the advance toward Kherson.", time.Time{})
	if _, c := findClaim(rec, "the Ukrainian forces have made real progress"); c == nil {
		t.Errorf("no claim reported to the House: %+v", rec.Claims)
	}
	found := false
	for _, k := range rec.Control {
		if k.Side == "UKR" && k.Action == "advanced" {
			found = true
			if k.Status != "claimed" {
				t.Errorf("status %s, want claimed: %+v", k.Status, k)
			}
		}
	}
	if !found {
		t.Errorf("no UKR advance: %+v", rec.Control)
	}
	rec = read(t, "He spoke to the soldiers that defended Kyiv.", time.Time{})
	if _, c := findClaim(rec, "defended Kyiv"); c != nil {
		t.Errorf("a relative clause read as what was said: %+v", c)
	}
}

// An address in the first person is its author's word: what it says of control is
// claimed, while the same sentence in a report is the text's own.
func TestAddressClaims(t *testing.T) {
	address := "Dear fellow citizens! A year ago we stood together, and our people did not surrender. " +
		"Our warriors then liberated a significant part of Kherson region. We remember every one of them. " +
		"I thank all who fought for our land."
	rec := read(t, address, time.Time{})
	if len(rec.Control) == 0 {
		t.Fatalf("no control statement in the address")
	}
	for _, k := range rec.Control {
		if k.Status != "claimed" {
			t.Errorf("address: %s %s %s, want claimed", k.Action, k.Place.Name, k.Status)
		}
	}
	rec = read(t, "Ukrainian troops then liberated a significant part of Kherson region.", time.Time{})
	for _, k := range rec.Control {
		if k.Status != "confirmed" {
			t.Errorf("report: %s %s %s, want confirmed", k.Action, k.Place.Name, k.Status)
		}
	}
}

// A quotation opening a sentence right after a source's paraphrase in the same
// paragraph is that source's words.
func TestQuoteAfterParaphrase(t *testing.T) {
	text := "Over the weekend, Russian forces fired 60 missiles across the country, the official said, " +
		"noting that there were civilian casualties. \"We're not quite sure about the Russian objectives of the strikes.\"\n\n" +
		"Analysts were divided. \"It is a turning point.\""
	rec := read(t, text, time.Time{})
	q := findQuote(rec, "We're not quite sure")
	if q == nil || q.Speaker == nil || q.Speaker.Mention != "the official" {
		t.Errorf("quotation after the official's paraphrase: %+v", q)
	}
	if q := findQuote(rec, "It is a turning point"); q != nil && q.Speaker != nil && q.Speaker.Mention == "the official" {
		t.Errorf("the official's words run on into the next paragraph: %+v", q.Speaker)
	}
}

// A quotation whose opening mark was lost after another quotation and its
// attribution starts at its sentence; a closing mark far from any attribution
// makes none.
func TestLostOpeningMark(t *testing.T) {
	rec := read(t, "\"We will continue to work with our allies,\" the official said. We're prepared to do that for as long as it takes.\"", time.Time{})
	q := findQuote(rec, "We're prepared to do that")
	if q == nil || q.Speaker == nil || q.Speaker.Mention != "the official" {
		t.Errorf("quotation after a lost mark: %+v (all: %+v)", q, rec.Quotes)
	}
	rec = read(t, "\"It never crossed my mind,\" she said months later, and a big reason was the rise of a new party, "+
		"which had talked about many of the things she had come to believe, from the U.S. Congress to the war.\"", time.Time{})
	if q := findQuote(rec, "Congress to the war"); q != nil {
		t.Errorf("a quotation made from a stray mark: %+v", q)
	}
}

// A briefing's own courtesies and plans name no event; thanks to a party, aid
// provided and talks with someone do.
func TestSmallTalk(t *testing.T) {
	for _, text := range []string{
		"STAFF: Thank you very much, everyone, for being here today.",
		"What I'd like to do today is just provide you with a quick overview of the battlefield.",
		"As we talked about last week, the situation is difficult.",
		"And then I am prepared to take your questions.",
	} {
		rec := read(t, text, time.Time{})
		if len(rec.Events) != 0 {
			t.Errorf("%q: events %+v", text, rec.Events)
		}
	}
	for _, c := range []struct{ text, typ string }{
		{"Zelensky thanked the United States for its support.", "SUPPORT"},
		{"The United States provided Ukraine with artillery ammunition.", "AID"},
		{"Ukrainian and Russian negotiators talked in Istanbul.", "CONSULT"},
	} {
		rec := read(t, c.text, time.Time{})
		if len(rec.Events) == 0 || rec.Events[0].Type != c.typ {
			t.Errorf("%q: events %+v, want %s", c.text, rec.Events, c.typ)
		}
	}
}

// The possessor of a claim noun is its source, named without its "'s".
func TestPossessorSource(t *testing.T) {
	for _, text := range []string{"Russia's claims that it took Bakhmut are false.", "Russia’s claim that its troops took Bakhmut is false."} {
		rec := read(t, text, time.Time{})
		if len(rec.Claims) == 0 || rec.Claims[0].Source.Name != "Russia" {
			t.Errorf("%q: claims %+v", text, rec.Claims)
		}
	}
}

// A speaker between commas inside the quoted sentence is only the words after the
// comma: "It was, the minister said, “…”".
func TestSpeakerBetweenCommas(t *testing.T) {
	rec := read(t, "It was, the minister said, “a turning point for the whole front.”", time.Time{})
	q := findQuote(rec, "a turning point")
	if q == nil || q.Speaker == nil || q.Speaker.Mention != "the minister" {
		t.Errorf("speaker: %+v", q)
	}
}

// A protest verb closing a sentence after a main clause frames that clause (a
// statement of protest), whatever the parse; after an adjunct it is a protest.
func TestProtestFrames(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"The city council is failing to repair the shelters, a residents' group protested on Monday.", "ACCUSE"},
		{"In Kyiv, thousands protested.", "PROTEST"},
		{"After police fired tear gas, thousands protested.", "PROTEST"},
	} {
		rec := read(t, c.text, time.Time{})
		var types []string
		for _, e := range rec.Events {
			types = append(types, e.Type)
		}
		if len(types) == 0 || types[0] != c.want && !(c.want == "PROTEST" && slices.Contains(types, "PROTEST")) {
			t.Errorf("%q: events %v, want %s first", c.text, types, c.want)
		}
	}
}

// A month's name is no trigger: "on March 4" is no march, but "thousands
// marched" is a protest.
func TestMonthNoTrigger(t *testing.T) {
	for _, c := range []struct {
		text    string
		protest bool
	}{
		{"Russian forces seized the Zaporizhzhia nuclear power plant on March 4, Ukrainian officials said.", false},
		{"In March 2022 Russian troops shelled Kharkiv.", false},
		{"Thousands marched through Tbilisi against the law.", true},
	} {
		rec := read(t, c.text, time.Date(2022, 3, 9, 0, 0, 0, 0, time.UTC))
		protest := slices.ContainsFunc(rec.Events, func(e record.Event) bool { return e.Type == "PROTEST" })
		if protest != c.protest {
			t.Errorf("%q: protest %v, want %v (%+v)", c.text, protest, c.protest, rec.Events)
		}
	}
}

// Sources named in Cyrillic are named in Latin letters in the record, by the
// text's language; the mention keeps the text's spelling.
func TestLatinNames(t *testing.T) {
	for _, c := range []struct {
		name      string
		ukrainian bool
		want      string
	}{
		{"Иван Петров", false, "Ivan Petrov"},
		{"Оксана Мельничук", true, "Oksana Melnychuk"},
		{"Олег Синєгубов", false, "Oleh Syniehubov"}, // є: Ukrainian
		{"John Kirby", false, "John Kirby"},
	} {
		if got := latinName(c.name, c.ukrainian); got != c.want {
			t.Errorf("latinName(%q, %v) = %q, want %q", c.name, c.ukrainian, got, c.want)
		}
	}
	rec := read(t, "Російські війська обстріляли Харків, повідомила Оксана Мельничук.", time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC))
	found := false
	for _, c := range rec.Claims {
		found = found || c.Source.Name == "Oksana Melnychuk"
	}
	if !found {
		t.Errorf("no claim by Oksana Melnychuk in %+v", rec.Claims)
	}
}
