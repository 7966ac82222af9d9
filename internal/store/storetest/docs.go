package storetest

import (
	"embed"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

// The conformance texts: short excerpts of real reporting, each free to reuse.
// testdata/SOURCES.md names every source; in short:
//
//   - dod-*: US Department of Defense news stories and briefing transcripts
//     (defense.gov, 2022), works of the US government;
//   - usembassy-*: the US Embassy in Kyiv's Ukrainian text of a State Department
//     statement (ua.usembassy.gov, 2023), a work of the US government;
//   - genshtab-*: an operational update of the General Staff of the Armed Forces of
//     Ukraine (25 April 2022), an official news-of-the-day communication that
//     Ukraine's copyright law leaves unprotected.
//
//go:embed testdata/*.txt
var texts embed.FS

// doc is one conformance document: its caller id (the key tests refer to it by), the
// file holding its text, and where it came from.
type doc struct {
	key    string
	file   string
	source record.Source
}

var docs = []doc{
	{"dod-2022-09-kharkiv", "dod-2022-09-kharkiv.txt", record.Source{
		URL:      "https://www.315aw.afrc.af.mil/News/Article-Display/Article/3156816/as-ukraine-pushes-forward-us-officials-give-update/",
		Outlet:   "DOD News",
		Title:    "As Ukraine Pushes Forward, U.S. Officials Give Update",
		Language: "en",
	}},
	{"dod-2022-10-lyman", "dod-2022-10-lyman.txt", record.Source{
		URL:      "https://www.defense.gov/News/Transcripts/Transcript/Article/3178292/senior-military-official-holds-a-background-briefing/",
		Outlet:   "U.S. Department of Defense",
		Title:    "Senior Military Official Holds a Background Briefing",
		Language: "en",
	}},
	{"dod-2022-05-day75", "dod-2022-05-day75.txt", record.Source{
		URL:      "https://www.defense.gov/News/Transcripts/Transcript/Article/3025371/senior-defense-official-holds-a-background-briefing/",
		Outlet:   "U.S. Department of Defense",
		Title:    "Senior Defense Official Holds a Background Briefing",
		Language: "en",
	}},
	{"dod-2022-04-cernochova", "dod-2022-04-cernochova.txt", record.Source{
		URL:      "https://www.defense.gov/News/Transcripts/Transcript/Article/3007242/secretary-of-defense-lloyd-j-austin-iii-remarks-welcoming-czech-defense-ministe/",
		Outlet:   "U.S. Department of Defense",
		Author:   "Lloyd J. Austin III",
		Language: "en",
	}},
	{"dod-2022-06-contact-group", "dod-2022-06-contact-group.txt", record.Source{
		URL:       "https://www.defense.gov/News/News-Stories/Article/Article/3063730/austin-convenes-contact-group-at-pivotal-moment-for-ukraine/",
		Outlet:    "DOD News",
		Title:     "Austin Convenes Contact Group at 'Pivotal Moment' for Ukraine",
		Published: "2022-06-15",
		Language:  "en",
	}},
	{"usembassy-2023-09-blinken", "usembassy-2023-09-blinken.txt", record.Source{
		URL:       "https://ua.usembassy.gov/uk/secretary-blinkens-travel-to-ukraine/",
		Outlet:    "Посольство США в Україні",
		Published: "2023-09-06",
		Language:  "uk",
	}},
	{"genshtab-2022-04-25", "genshtab-2022-04-25.txt", record.Source{
		Outlet:    "Генеральний штаб ЗСУ",
		Published: "2022-04-25",
		Language:  "uk",
	}},
}

// corpus returns a fresh record for every conformance document, in the order of docs,
// each with its key as the caller's id.
func corpus(t testing.TB) []*record.Record {
	t.Helper()
	recs := make([]*record.Record, len(docs))
	for i, d := range docs {
		b, err := texts.ReadFile("testdata/" + d.file)
		if err != nil {
			t.Fatalf("read conformance text: %v", err)
		}
		r := record.New(d.source, string(b))
		r.ID = d.key
		recs[i] = r
	}
	return recs
}

// Records returns n distinct records for loading a store: each is one of the
// conformance texts (real reporting, cycled) followed by a numbered line that makes
// it unique. Record i has caller id "storetest-i". The same n always gives the
// same records, so a test can rebuild the set another process wrote.
func Records(n int) []*record.Record {
	base := make([]string, len(docs))
	for i, d := range docs {
		b, err := texts.ReadFile("testdata/" + d.file)
		if err != nil {
			panic("storetest: embedded text missing: " + err.Error()) // a build defect, not input
		}
		base[i] = string(b)
	}
	recs := make([]*record.Record, n)
	for i := range recs {
		d := docs[i%len(docs)]
		text := fmt.Sprintf("%s\nstoretest copy %d\n", base[i%len(base)], i)
		r := record.New(d.source, text)
		r.ID = fmt.Sprintf("storetest-%d", i)
		recs[i] = r
	}
	return recs
}

// foundingArticle returns the founding article's text from the shared corpus
// beside the repository (skipped when absent, unless SITREP_REQUIRE_SHARED=1).
func foundingArticle(t testing.TB) string {
	t.Helper()
	return testutil.FoundingArticle(t)
}

// byKey returns the corpus record with caller id key.
func byKey(t testing.TB, recs []*record.Record, key string) *record.Record {
	t.Helper()
	for _, r := range recs {
		if r.ID == key {
			return r
		}
	}
	t.Fatalf("no conformance document %q", key)
	return nil
}

// collapse folds every run of white space to one space, for comparing snippets
// with the text they come from.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
