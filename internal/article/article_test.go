package article

import (
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

func TestFoundingArticleDebris(t *testing.T) {
	text := testutil.FoundingArticle(t)
	rec, err := Extract(input.Item{Name: "000.txt", Text: text}, Options{Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Text != text {
		t.Fatal("plain text must be kept verbatim")
	}
	want := []struct{ kind, text string }{
		{"teaser", "Ukraine Launches Counteroffensive In Russian-held Kherson"},
		{"teaser", "Read Next: Ukraine Launches Counteroffensive In Russian-held Kherson"},
		{"caption", "Dead Russian soldiers being identified by Ukrainian authorities in Kharkiv (Roman Stepanovych). Source:"},
		{"caption", "Dead Russian soldiers being identified by Ukrainian authorities in Kharkiv (Roman Stepanovych/Twitter)"},
	}
	if len(rec.Boilerplate) != len(want) {
		for _, b := range rec.Boilerplate {
			t.Logf("%s %q", b.Kind, record.SliceRunes(text, b.Start, b.End))
		}
		t.Fatalf("got %d boilerplate spans, want %d", len(rec.Boilerplate), len(want))
	}
	for i, w := range want {
		b := rec.Boilerplate[i]
		if got := record.SliceRunes(text, b.Start, b.End); got != w.text || b.Kind != w.kind {
			t.Errorf("span %d = %s %q, want %s %q", i, b.Kind, got, w.kind, w.text)
		}
	}
	if rec.Source.Published != "2022-05-15" || rec.Source.Language != "en" {
		t.Errorf("source = %+v", rec.Source)
	}
	if rec.ID != record.ContentHash(text) || rec.Schema != record.Schema {
		t.Errorf("id %q schema %q", rec.ID, rec.Schema)
	}
}

// Real story paragraphs that look a little like debris must stay: datelines with a
// wire credit, sentences with parenthesised agencies, a subheading.
func TestDebrisKeepsStoryLines(t *testing.T) {
	text := testutil.FoundingArticle(t)
	keep := []string{
		"KYIV (Reuters) - " + firstParagraph(text),
		"Russian forces shelled the town overnight, officials said (Reuters could not verify the claim).",
		"With these counteroffensives now in play",
		"Read the full assessment below.",
		"Photos of the destroyed column circulated on Telegram, and the ministry said they were genuine.",
	}
	for _, s := range keep {
		if d := FindDebris(s); len(d) != 0 {
			t.Errorf("marked %q as %s", s, d[0].Kind)
		}
	}
}

func firstParagraph(text string) string {
	p, _, _ := strings.Cut(text, "\n")
	return p
}

func TestDebrisKinds(t *testing.T) {
	cases := []struct{ line, kind string }{
		{"Advertisement", "prompt"},
		{"READ MORE: Russia strikes Kyiv energy grid", "teaser"},
		{"Related: How the Izium counteroffensive unfolded", "teaser"},
		{"A destroyed Russian tank near Izium, Ukraine, September 2022. (AP Photo/Evgeniy Maloletka)", "caption"},
		{"Ukrainian soldiers ride on an armoured vehicle (Photo by Anatolii Stepanov/AFP via Getty Images)", "caption"},
		{"Photo: Ukrainian General Staff", "credit"},
		{"Sign up for our daily newsletter", "prompt"},
	}
	for _, c := range cases {
		d := FindDebris("Story text starts here.\n\n" + c.line + "\n\nStory goes on.")
		if len(d) != 1 || d[0].Kind != c.kind {
			t.Errorf("%q: got %+v, want one %s", c.line, d, c.kind)
		}
	}
}

func TestDebrisOffsetsAreCodePoints(t *testing.T) {
	text := "Ізюм — «місто». Україна.\n\nRead Next: Бої за Ізюм\n"
	d := FindDebris(text)
	if len(d) != 1 {
		t.Fatalf("got %+v", d)
	}
	if got := record.SliceRunes(text, d[0].Start, d[0].End); got != "Read Next: Бої за Ізюм" {
		t.Fatalf("span text %q", got)
	}
}

// page wraps real article paragraphs in the furniture of a news site: navigation,
// a cookie banner, share buttons, a related-stories rail, comments and a footer.
func page(paras []string, head string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">` + head + `
<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>
<style>.ad{display:block}</style></head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<header class="site-header"><a href="/">SOFREP</a><nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/military">Military</a></li><li><a href="/subscribe">Subscribe Today</a></li></ul></nav></header>
<main><article class="post"><h1 class="entry-title">Russians Lose Momentum Amid Massive Losses, Ukraine Continues Counteroffensive in Izyum</h1>
<div class="byline">By <a rel="author" href="/author/jane">Jane Analyst</a></div>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<div class="entry-content">`)
	for i, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
		if i == 2 {
			b.WriteString(`<div class="ad ad-slot"><span>Advertisement</span><iframe src="https://ads.example/slot"></iframe></div>`)
		}
	}
	b.WriteString(`</div></article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Navy tests new drone boat in Black Sea exercise</a></li><li><a href="/b">Five things to know about HIMARS</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>First! Great piece, keep them coming.</p></div></section>
</main>
<footer class="site-footer"><p>© 2022 SOFREP Media Group. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>`)
	return b.String()
}

func storyParagraphs(t *testing.T) []string { return storyParagraphsB(t) }

func foundingB(t testing.TB) string { return testutil.FoundingArticle(t) }

func storyParagraphsB(t testing.TB) []string {
	var paras []string
	for _, p := range strings.Split(testutil.FoundingArticle(t), "\n\n") {
		p = strings.TrimSpace(p)
		if len(p) > 200 && len(FindDebris(p)) == 0 {
			paras = append(paras, p)
		}
	}
	if len(paras) < 8 {
		t.Fatalf("only %d paragraphs", len(paras))
	}
	return paras
}

func TestHTMLMainTextAndMetadata(t *testing.T) {
	paras := storyParagraphs(t)
	head := `<title>Russians Lose Momentum Amid Massive Losses | SOFREP</title>
<link rel="canonical" href="https://sofrep.com/news/russians-lose-momentum-amid-massive-losses-ukraine-continues-counteroffensive-in-izyum/">
<meta property="og:site_name" content="SOFREP">
<meta property="og:title" content="Russians Lose Momentum Amid Massive Losses, Ukraine Continues Counteroffensive in Izyum">
<meta name="author" content="Jane Analyst">
<meta property="article:published_time" content="2022-05-16T08:30:00+00:00">`
	rec, err := Extract(input.Item{Name: "sofrep.html", HTML: page(paras, head), URL: "https://sofrep.com/?p=1"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paras {
		if !strings.Contains(rec.Text, p) {
			t.Errorf("paragraph %d missing from the main text: %.60q", i, p)
		}
	}
	for _, junk := range []string{"cookies", "Subscribe Today", "Share on Facebook", "Advertisement", "HIMARS", "First! Great piece", "All rights reserved", "dataLayer", "Privacy Policy"} {
		if strings.Contains(rec.Text, junk) {
			t.Errorf("page furniture %q in the main text", junk)
		}
	}
	s := rec.Source
	if s.URL != "https://sofrep.com/news/russians-lose-momentum-amid-massive-losses-ukraine-continues-counteroffensive-in-izyum/" {
		t.Errorf("url %q", s.URL)
	}
	if s.Outlet != "SOFREP" || s.Author != "Jane Analyst" || s.Published != "2022-05-16" || s.Language != "en" {
		t.Errorf("source %+v", s)
	}
	if !strings.Contains(s.Title, "Russians Lose Momentum") {
		t.Errorf("title %q", s.Title)
	}
}

// Metadata the page lacks comes from the item (a feed entry, a WARC header) or the
// anchor date; the outlet falls back to the host name.
func TestHTMLMetadataFallbacks(t *testing.T) {
	paras := storyParagraphs(t)
	rec, err := Extract(input.Item{Name: "p.html", HTML: page(paras, ""), URL: "https://www.example-news.org/story"}, Options{Published: time.Date(2022, 5, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Source.Outlet != "example-news.org" || rec.Source.Published != "2022-05-15" || rec.Source.URL != "https://www.example-news.org/story" {
		t.Errorf("source %+v", rec.Source)
	}
}

// A short statement is below readability's article threshold; its text must still
// come through, without the page furniture.
func TestHTMLShortPageFallsBack(t *testing.T) {
	p := firstParagraph(testutil.FoundingArticle(t))
	doc := `<html><head><title>Update</title></head><body><nav><a href="/">Home</a> <a href="/about">About us</a></nav><p>` + html.EscapeString(p) + `</p><footer>Contact the press office</footer></body></html>`
	rec, err := Extract(input.Item{Name: "short.html", HTML: doc}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(rec.Text) != p {
		t.Errorf("text = %q", rec.Text)
	}
}

func TestHTMLWithoutText(t *testing.T) {
	for name, doc := range map[string]string{
		"nobody.html":   `<html><head><title>Nothing here</title></head></html>`,
		"scripts.html":  `<html><body><script>var a = "not text";</script><nav>Home</nav></body></html>`,
		"empty.html":    `<html><body>   </body></html>`,
		"garbage.html":  "<<<>>><<!--",
		"onlytags.html": `<div><span></span></div>`,
	} {
		_, err := Extract(input.Item{Name: name, HTML: doc}, Options{})
		if !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want ErrEmpty naming the input", name, err)
		}
	}
}

func TestInvalidUTF8Refused(t *testing.T) {
	_, err := Extract(input.Item{Name: "bad.txt", Text: "Kharkiv \xff\xfe shelled"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "bad.txt") {
		t.Fatalf("err = %v", err)
	}
}

func TestCallerIDKept(t *testing.T) {
	rec, err := Extract(input.Item{Name: "b.jsonl:1", ID: "doc-17", Text: "Shelling reported in Kupiansk."}, Options{})
	if err != nil || rec.ID != "doc-17" {
		t.Fatalf("rec %+v err %v", rec, err)
	}
}

func TestDetectLanguage(t *testing.T) {
	cases := map[string]string{
		"Збройні сили України звільнили Ізюм і продовжують контрнаступ на сході країни.": "uk",
		"Вооружённые силы России отступили из Изюма, сообщили в министерстве обороны.":   "ru",
		"The Ukrainian Armed Forces have since retaken several portions of the region.":  "en",
		"12345 67890": "",
	}
	for text, want := range cases {
		if got := DetectLanguage(text); got != want {
			t.Errorf("DetectLanguage(%.30q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzFindDebris(f *testing.F) {
	f.Add("Read Next: x\nx\n(AP Photo/Y)")
	f.Add("Ізюм\r\n\r\nPhoto: ДСНС")
	f.Add("\xff\n\n(Reuters)")
	f.Fuzz(func(t *testing.T, s string) {
		n := record.RuneLen(s)
		last := -1
		for _, b := range FindDebris(s) {
			if b.Start < 0 || b.End > n || b.Start >= b.End || b.Start < last {
				t.Fatalf("bad span %+v in %d code points", b, n)
			}
			last = b.End
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	f.Add(`<html><body><p>Kharkiv</p></body></html>`)
	f.Add(`<html><head><meta property="article:published_time" content="9999-99-99"></head><body><article><p>x</p></article></body></html>`)
	f.Fuzz(func(t *testing.T, s string) {
		rec, err := Extract(input.Item{Name: "fuzz.html", HTML: s}, Options{})
		if err == nil && rec.Text == "" {
			t.Fatal("empty text without an error")
		}
	})
}
