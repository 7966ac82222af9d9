package reading

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/places"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

var founded = time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)

// read runs the stages before reading, as the pipeline does, and then Read.
func read(t testing.TB, text string, published time.Time, boilerplate ...record.Boilerplate) *record.Record {
	t.Helper()
	rec := record.New(record.Source{}, text)
	rec.Boilerplate = append(rec.Boilerplate, boilerplate...)
	skip := make([]record.Span, len(rec.Boilerplate))
	for i, b := range rec.Boilerplate {
		skip[i] = record.Span{Start: b.Start, End: b.End}
	}
	nd := nlp.Annotate(text, skip)
	rec.Entities = nd.Entities()
	rec.Places = safePlaces(text, skip, rec.Entities)
	if err := Read(rec, nd, published); err != nil {
		t.Fatal(err)
	}
	return rec
}

// safePlaces finds places as the pipeline does: the geoparser on its own, then
// the recogniser's people vetoing weak readings (places.WithoutPeople). A panic
// leaves no places, as the pipeline's stage does, so that reading can be tested
// regardless.
func safePlaces(text string, skip []record.Span, ents []record.Entity) (ps []record.Place) {
	defer func() {
		if recover() != nil {
			ps = []record.Place{}
		}
	}()
	return places.WithoutPeople(text, places.Resolve(text, skip, nil), ents)
}

// founding reads the founding article once for all tests, with the teaser and the
// photo caption marked as boilerplate as the article stage marks them.
func founding(t *testing.T) *record.Record {
	t.Helper()
	text := testutil.FoundingArticle(t)
	var bp []record.Boilerplate
	for _, s := range []string{"Read Next: Ukraine Launches Counteroffensive In Russian-held Kherson",
		"Dead Russian soldiers being identified by Ukrainian authorities in Kharkiv (Roman Stepanovych). Source:",
		"Dead Russian soldiers being identified by Ukrainian authorities in Kharkiv (Roman Stepanovych/Twitter)"} {
		if i := strings.Index(text, s); i >= 0 {
			start := record.RuneLen(text[:i])
			bp = append(bp, record.Boilerplate{Start: start, End: start + record.RuneLen(s), Kind: "teaser"})
		}
	}
	return read(t, text, founded, bp...)
}

func findQuote(rec *record.Record, prefix string) *record.Quote {
	for i := range rec.Quotes {
		if strings.HasPrefix(rec.Quotes[i].Text, prefix) {
			return &rec.Quotes[i]
		}
	}
	return nil
}

func TestFoundingQuotes(t *testing.T) {
	rec := founding(t)
	cases := []struct {
		prefix, kind, speaker, mention, title, org string
	}{
		{"Izium [Izyum] direction remains the hottest spot", "direct", "Oleh Synehubov", "", "Head", "Kharkiv Regional Military Administration"},
		{"The Russians aren’t winning", "direct", "Scott Berrier", "", "Army Lt. Gen.", ""},
		{"I am grateful to all our defenders", "direct", "Volodymyr Zelensky", "he", "", ""},
		{"No one today can predict", "direct", "Volodymyr Zelensky", "he", "", ""},
		{"We are preparing for new attempts by Russia", "direct", "Volodymyr Zelensky", "Zelensky", "", ""},
		{"The occupiers still do not want to admit", "direct", "Volodymyr Zelensky", "he", "", ""},
		{"This Ukrainian operation is developing", "direct", "Institute for the Study of War", "", "", ""},
		{"Russian forces are increasingly constrained", "direct", "British Defence Intelligence", "", "", ""},
		{"somewhat victorious", "partial", "Volodymyr Zelensky", "", "", ""},
		{"block force", "partial", "", "", "", ""},
		{"substantial", "partial", "", "", "", ""},
		{"People’s Republics", "partial", "", "", "", ""},
	}
	for _, c := range cases {
		q := findQuote(rec, c.prefix)
		if q == nil {
			t.Errorf("no quote %q", c.prefix)
			continue
		}
		if q.Kind != c.kind {
			t.Errorf("%q: kind %s, want %s", c.prefix, q.Kind, c.kind)
		}
		if rec.Text != "" && record.SliceRunes(rec.Text, q.Start, q.End) != q.Text {
			t.Errorf("%q: offsets do not give the text", c.prefix)
		}
		if c.speaker == "" {
			if q.Speaker != nil && c.kind == "partial" && c.prefix != "somewhat victorious" {
				// Scare quotes outside any attribution have no speaker.
				if c.prefix == "People’s Republics" {
					t.Errorf("%q: speaker %+v, want none", c.prefix, q.Speaker)
				}
			}
			continue
		}
		if q.Speaker == nil {
			t.Errorf("%q: no speaker, want %s", c.prefix, c.speaker)
			continue
		}
		if q.Speaker.Name != c.speaker {
			t.Errorf("%q: speaker %q, want %q", c.prefix, q.Speaker.Name, c.speaker)
		}
		if c.mention != "" && q.Speaker.Mention != c.mention {
			t.Errorf("%q: mention %q, want %q", c.prefix, q.Speaker.Mention, c.mention)
		}
		if c.title != "" && q.Speaker.Title != c.title {
			t.Errorf("%q: title %q, want %q", c.prefix, q.Speaker.Title, c.title)
		}
		if c.org != "" && q.Speaker.Org != c.org {
			t.Errorf("%q: org %q, want %q", c.prefix, q.Speaker.Org, c.org)
		}
	}
	// Nothing is read from the teaser or the caption.
	for _, q := range rec.Quotes {
		for _, b := range rec.Boilerplate {
			if q.Start < b.End && q.End > b.Start {
				t.Errorf("quote %q inside boilerplate", q.Text)
			}
		}
	}
}

func findClaim(rec *record.Record, contentPrefix string) (int, *record.Claim) {
	for i := range rec.Claims {
		c := strings.TrimPrefix(rec.Slice(rec.Claims[i].Content), "that ")
		if strings.HasPrefix(c, contentPrefix) {
			return i, &rec.Claims[i]
		}
	}
	return -1, nil
}

func TestFoundingClaims(t *testing.T) {
	rec := founding(t)
	cases := []struct {
		content, source, stype, cue string
	}{
		{"the Russians were placing troops that retreated from Kharkiv", "Oleksiy Arestovych", "party_official", "told"},
		{"this report", "British intelligence", "intelligence", "confirms"},
		{"Russia plans to deploy these troops to the eastern bank of the Siverskyi Donets", "British intelligence", "intelligence", "According to"},
		{"Russia may have suffered casualties as high as 1/3", "British Defence Intelligence", "intelligence", "claims"},
		{"Ukrainian forces have reached the Russo-Ukrainian border", "reports", "media", "reports"},
		{"Ukrainian forces are moving in on Izyum from the north", "Intel gained from Russia", "intelligence", "indicated"},
		{"the Russian offensive in Donbas had lost significant momentum", "British intelligence", "intelligence", "reported"},
		{"This Ukrainian operation is developing", "Institute for the Study of War", "think_tank", "said"},
		{"railroads in Vovchansk and Kupiansk", "Reports", "media", "Reports have also surfaced"},
	}
	for _, c := range cases {
		_, cl := findClaim(rec, c.content)
		if cl == nil {
			t.Errorf("no claim %q", c.content)
			continue
		}
		if cl.Source.Name != c.source || cl.Source.Type != c.stype || cl.Cue.Text != c.cue {
			t.Errorf("claim %q: source %q (%s), cue %q; want %q (%s), %q", c.content, cl.Source.Name, cl.Source.Type, cl.Cue.Text, c.source, c.stype, c.cue)
		}
		if cl.Source.Mention == nil {
			t.Errorf("claim %q: no source mention", c.content)
		}
	}
	// British intelligence corroborates Arestovich: his claim rises to credibility 2.
	ai, ar := findClaim(rec, "the Russians were placing troops")
	_, bi := findClaim(rec, "this report")
	if ar != nil && bi != nil {
		if len(bi.Corroborates) != 1 || bi.Corroborates[0] != ai {
			t.Errorf("confirming claim corroborates %v, want [%d]", bi.Corroborates, ai)
		}
		if len(ar.Grade) != 2 || ar.Grade[1] > '2' {
			t.Errorf("corroborated claim graded %q, want credibility 2 or better", ar.Grade)
		}
	}
	for _, cl := range rec.Claims {
		if len(cl.Grade) != 2 || cl.Grade[0] < 'A' || cl.Grade[0] > 'F' || cl.Grade[1] < '1' || cl.Grade[1] > '6' {
			t.Errorf("claim %q: grade %q is not an Admiralty code", rec.Slice(cl.Content), cl.Grade)
		}
		if cl.Corroborates == nil {
			t.Errorf("claim %q: corroborates is nil, want a list", rec.Slice(cl.Content))
		}
	}
}

func TestFoundingControl(t *testing.T) {
	rec := founding(t)
	cases := []struct {
		side, action, place, status, source string
	}{
		{"UKR", "retook", "Kharkiv", "confirmed", ""},
		{"RUS", "withdrew", "Kharkiv", "", ""}, // "withdraw from the region": Kharkiv Oblast
		{"UKR", "advanced", "Izium", "", ""},
		{"UKR", "advanced", "Russo-Ukrainian border", "claimed", "reports"},
	}
	for _, c := range cases {
		found := false
		for _, k := range rec.Control {
			if k.Side == c.side && k.Action == c.action && k.Place.Name == c.place &&
				(c.status == "" || k.Status == c.status) && (c.source == "" || k.Source.Name == c.source) {
				found = true
			}
		}
		if !found {
			t.Errorf("no control statement %+v in %+v", c, rec.Control)
		}
	}
	for _, k := range rec.Control {
		// Izyum taken back "would be devastating": a hypothetical is no control.
		if k.Side == "UKR" && k.Place.Name == "Izium" && k.Action != "advanced" {
			t.Errorf("hypothetical read as control: %+v", k)
		}
		switch k.Status {
		case "claimed", "assessed", "confirmed", "denied":
		default:
			t.Errorf("status %q", k.Status)
		}
		if k.Evidence.End <= k.Evidence.Start {
			t.Errorf("no evidence: %+v", k)
		}
	}
}

func TestFoundingEvents(t *testing.T) {
	rec := founding(t)
	type want struct {
		typ, side, place, modality, evidence string
	}
	cases := []want{
		{"ASSAULT", "UKR", "Izium", "reported", "launched a counteroffensive toward Izyum"},
		{"RETREAT", "RUS", "", "reported", "continue to withdraw from the region"},
		{"MOBILIZE", "RUS", "Siverskyi Donets", "planned", "Russia plans to deploy these troops"},
		{"ASSAULT", "", "", "", "armored column had been destroyed a few days earlier"},
		{"ASSAULT", "", "Izium", "hypothetical", "This would also cut supply to Izyum"},
	}
	for _, c := range cases {
		var got *record.Event
		for i, e := range rec.Events {
			if e.Type != c.typ || !strings.Contains(rec.Slice(e.Evidence), c.evidence) {
				continue
			}
			if c.side != "" && (e.Actor == nil || e.Actor.Country != c.side) {
				continue
			}
			if c.place != "" && (e.Place == nil || e.Place.Name != c.place) {
				continue
			}
			if c.modality != "" && e.Modality != c.modality {
				continue
			}
			got = &rec.Events[i]
			break
		}
		if got == nil {
			t.Errorf("no event %+v", c)
		}
	}
	// The destroyed column is dated to the days before publication, and its target is
	// the Russian side.
	for _, e := range rec.Events {
		if e.Type == "ASSAULT" && e.Mode == "destroy" && strings.Contains(rec.Slice(e.Evidence), "a few days earlier") {
			if e.DatePrecision != "week" || e.Date >= "2022-05-15" || e.Date < "2022-05-08" {
				t.Errorf("column dated %s (%s)", e.Date, e.DatePrecision)
			}
			if e.Target == nil || e.Target.Country != "RUS" {
				t.Errorf("column target %+v", e.Target)
			}
		}
	}
	for _, e := range rec.Events {
		if e.ACLED != nil && e.Modality != "reported" && e.Modality != "claimed" {
			t.Errorf("%s event with modality %s has an ACLED class", e.Type, e.Modality)
		}
	}
}

// BenchmarkRead measures the reading stage alone on the founding article, the
// language core's analysis done beforehand.
func BenchmarkRead(b *testing.B) {
	text := testutil.FoundingArticle(b)
	nd := nlp.Annotate(text, nil)
	ents := nd.Entities()
	ps := safePlaces(text, nil, ents)
	words := len(strings.Fields(text))
	b.ResetTimer()
	for b.Loop() {
		rec := record.New(record.Source{}, text)
		rec.Entities, rec.Places = ents, ps
		if err := Read(rec, nd, founded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkReadLong reads a long document (the founding article twenty times), to
// show that the cost grows with the text, not with its square.
func BenchmarkReadLong(b *testing.B) {
	text := strings.Repeat(testutil.FoundingArticle(b)+"\n\n", 20)
	nd := nlp.Annotate(text, nil)
	words := len(strings.Fields(text))
	b.ResetTimer()
	for b.Loop() {
		rec := record.New(record.Source{}, text)
		Read(rec, nd, founded)
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

func TestPublished(t *testing.T) {
	fb := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]string{
		"2022-05-15":                "2022-05-15",
		"2022-05-15T08:30:00Z":      "2022-05-15",
		"2022-05-15T08:30:00+03:00": "2022-05-15",
		"2022-05-15 08:30":          "2022-05-15",
		"":                          "2000-01-01",
		"last week":                 "2000-01-01",
	}
	for in, want := range cases {
		rec := record.New(record.Source{Published: in}, "")
		if got := Published(rec, fb).Format("2006-01-02"); got != want {
			t.Errorf("Published(%q) = %s, want %s", in, got, want)
		}
	}
}

func ExampleRead() {
	rec := record.New(record.Source{Published: "2022-05-15"}, "“We will win,” Zelensky said on Tuesday.")
	Read(rec, nlp.Annotate(rec.Text, nil), Published(rec, time.Time{}))
	q := rec.Quotes[0]
	fmt.Println(q.Text, "—", q.Speaker.Name, q.Speaker.Title)
	c := rec.Claims[0]
	fmt.Println(c.Source.Type, c.Grade)
	// Output:
	// We will win, — Volodymyr Zelensky President
	// party_official C3
}
