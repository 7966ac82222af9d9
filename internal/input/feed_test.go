package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Russian feeds must come out as the Cyrillic they were written in, from
// the encoding their XML declaration names.
func TestCyrillicFeeds(t *testing.T) {
	for _, tt := range []struct {
		file  string
		quote string // KOI8-R has no guillemets: the generator wrote plain quotes
	}{
		{"golos-1251.rss", "«нереалистичными»"},
		{"golos-koi8r.rss", `"нереалистичными"`},
	} {
		t.Run(tt.file, func(t *testing.T) {
			items := collect(t, filepath.Join("testdata", tt.file), Options{})
			if len(items) != 2 {
				t.Fatalf("got %d items, want 2", len(items))
			}
			it := items[0]
			if it.Err != nil {
				t.Fatal(it.Err)
			}
			if it.Title != "VOAэкспресс 4 июня 2022" || it.Outlet != "Голос Америки" || it.Language != "ru" {
				t.Errorf("title %q outlet %q language %q", it.Title, it.Outlet, it.Language)
			}
			for _, want := range []string{
				"Губернатор Луганской области Сергей Гайдай заявил по украинскому телевидению",
				"которую они ранее потеряли в Северодонецке",
				"считает " + tt.quote + " заявления",
			} {
				if !strings.Contains(it.HTML, want) {
					t.Errorf("entry lacks %q", want)
				}
			}
			if !strings.Contains(items[1].HTML, "Российские войска обстреливают город Лисичанск") {
				t.Errorf("second entry not decoded: %.80q", items[1].HTML)
			}
		})
	}
}

func TestFeedShapes(t *testing.T) {
	para := "Lines of Russian vehicles are now headed toward Izyum, but they're still north of that city."
	tests := []struct {
		name, feed string
		want       string // outcome
		check      func([]Item) bool
	}{
		{"RDF (RSS 1.0)", `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://www.defense.gov/News/"><title>DOD News</title><link>https://www.defense.gov/News/</link><description>x</description></channel>
<item rdf:about="https://www.defense.gov/a/1"><title>Izyum</title><link>https://www.defense.gov/a/1</link><description>` + para + `</description><dc:date>2022-04-11T14:00:00Z</dc:date><dc:creator>DOD News</dc:creator></item>
</rdf:RDF>`, "#1", func(items []Item) bool {
			return items[0].URL == "https://www.defense.gov/a/1" && items[0].Author == "DOD News" && !items[0].Published.IsZero()
		}},
		{"entry without content", `<rss version="2.0"><channel><title>DOD News</title>
<item><title>Empty</title><link>https://www.defense.gov/a/0</link></item>
<item><title>Izyum</title><description>` + para + `</description></item>
</channel></rss>`, "!#1 #2", func(items []Item) bool {
			return strings.Contains(items[0].Err.Error(), "#1 (https://www.defense.gov/a/0): entry has neither content nor description")
		}},
		{"entry with an image only", `<rss version="2.0"><channel><title>t</title>
<item><description>&lt;img src="x.png"&gt;</description></item></channel></rss>`, "!#1", func(items []Item) bool {
			return strings.Contains(items[0].Err.Error(), "entry has no text")
		}},
		{"feed with no entries", `<rss version="2.0"><channel><title>t</title></channel></rss>`, "", nil},
		{"relative links against the feed's link", `<feed xmlns="http://www.w3.org/2005/Atom"><title>VOA</title><link href="https://www.voanews.com/"/>
<entry><title>x</title><link href="/a/7320945.html"/><content type="html">&lt;p&gt;` + para + `&lt;/p&gt;</content></entry></feed>`, "#1", func(items []Item) bool {
			return items[0].URL == "https://www.voanews.com/a/7320945.html"
		}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "f.xml")
			os.WriteFile(p, []byte(tt.feed), 0o644)
			items := collect(t, p, Options{})
			if got := outcome(items, p); got != tt.want {
				t.Fatalf("got %q, want %q (first err %v)", got, tt.want, firstErr(items))
			}
			if tt.check != nil && !tt.check(items) {
				t.Errorf("unexpected items: %+v", items)
			}
		})
	}
}
