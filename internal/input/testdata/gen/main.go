//go:build ignore

// Command gen writes the sample inputs in internal/input/testdata from the real
// texts below, wrapped in markup modelled on how their publishers put them out.
// Run it from internal/input/testdata:
//
//	go run gen/main.go
//
// README.md in that directory names the source and licence of every text.
// The WARC files carry a warcinfo record dated when gen runs, so they differ
// from run to run in that record only.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/text/encoding/charmap"
)

// An article: real text and where it was published.
type article struct {
	title, url, date, outlet string
	paras                    []string
}

// DOD News, public domain (a work of the US government). The story as stored
// on defense.gov, from its first paragraph; the last, cut-off paragraph of the
// stored copy is left out.
var focus = article{
	title:  "Russians Shifting Their Fighting Focus to Eastern Ukraine, Says DOD Official",
	url:    "https://www.defense.gov/News/News-Stories/Article/Article/2996087/russians-shifting-their-fighting-focus-to-eastern-ukraine-says-dod-official/",
	date:   "2022-04-11",
	outlet: "U.S. Department of Defense",
	paras: []string{
		"The Russians are now concentrating their combat activity, resupply and reinforcement mostly in the Donbas area of eastern Ukraine, a senior Defense Department official said at a press briefing today.",
		"That's a change from the first part of their invasion, when Russian forces were trying to advance on Ukraine's capital, Kyiv.",
		"Lines of Russian vehicles are now headed toward Izyum, but they're still north of that city. This convoy is believed to include command and control elements, a support battalion, perhaps rotary wing aviation support, and other infantry support, the official said.",
		"\"It's clear evidence of what we've been saying for a while now that the Russians are going to want to pour more of their assets into the Donbas,\" the official said.",
		"There's some evidence that the Russians are beginning to reinforce some of their positions southwest of Donetsk. They're doing that largely with artillery units, the official said.",
		"The DOD does not yet assess this as the beginning of a new offensive, as fighting in the Donbas region has been going on now for eight years, the official said.",
		"In Kharkiv, the DOD assesses that Russian forces remain north of the city but they have not totally left the area as of yet, the official said.",
		"There are indications that Russian forces that were in northern Ukraine and then moved into Belarus, are starting to move to the east, the official said.",
		"Russian movements in southern Ukraine are static now, the official said. Mariupol and Mykolaiv are still in Ukrainian control.",
		"The Russians still have almost a couple dozen ships in the Black Sea and the Sea of Azov. The DOD believes that they are largely focused on resupply efforts, although there has been some limited activity in terms of strikes from the sea into the Donbas region.",
	},
}

// DOD News, public domain. The first five paragraphs of the story as stored on
// defense.gov (a photo caption follows them there).
var reposition = article{
	title:  "Russia Possibly Repositioning Forces to Donbas",
	url:    "https://www.defense.gov/News/News-Stories/Article/Article/2985302/russia-possibly-repositioning-forces-to-donbas/",
	date:   "2022-03-31",
	outlet: "U.S. Department of Defense",
	paras: []string{
		"About 20 percent of the Russian forces to the north of Kyiv are repositioning, and while American officials do not know where they are going, they don't think they are going home.",
		"A small number of Russian forces are beginning to reposition from their attack on Ukraine's capital, Kyiv. \"It is not exactly clear … where they're going to go, for how long and for what purpose, but we don't see any indication that they're going to be sent home,\" said Pentagon Press Secretary John F. Kirby.",
		"The best assessment is these troops will reposition to Belarus where they will refit, get resupplied and then be moved back into Ukraine, possibly into the Donbas region, Kirby said. \"It's clear the Russians want to reprioritize their operations in the Donbas area [and] that could be one destination, but again, [it's] too soon to know,\" he said. \"We don't really have a good sense of it.\"",
		"Kirby also discussed how long the American troops deployed to Europe will remain in the region. Secretary of Defense Lloyd J. Austin III ordered the first of those troops to deploy from the United States in February. Most are now in the frontline NATO states of the Baltic Republics, Poland, Slovakia, Hungary, Bulgaria and Romania.",
		"\"I think the Secretary wants to keep his options open,\" Kirby said. Austin ordered just under 20,000 troops to the region on temporary orders.",
	},
}

// US Department of State, public domain. Remarks of March 2, 2022.
var blinken = article{
	title:  "Secretary Antony J. Blinken at a Press Availability",
	url:    "https://www.state.gov/secretary-antony-j-blinken-at-a-press-availability-14/",
	date:   "2022-03-02",
	outlet: "U.S. Department of State",
	paras: []string{
		"SECRETARY BLINKEN:  Good afternoon.",
		"Today is the seventh day of President Putin's full-scale war against Ukraine.",
		"The assault continues by land, by air, by sea.",
		"And as I noted in my remarks to the UN Human Rights Council just yesterday, Russian strikes are hitting schools, hospitals, residences.",
		"They're destroying critical infrastructure which supplies millions of people across Ukraine with drinking water, with electricity, with gas to keep from freezing to death.",
		"Buses, cars, ambulances being shelled.",
		"Yesterday, Russian strikes in Kyiv struck the capital's main television and radio tower and destroyed part of the Babin Yar Holocaust Memorial.",
		"Apartment buildings outside of Kyiv were hit, partially collapsed.",
		"A huge explosion occurred in the main square of Kharkiv, Ukraine's second-largest city.",
		"These aren't military targets; they are places where civilians work and families live.",
	},
}

// Voice of America, public domain.
var voa = article{
	title:  "Russia Renews Offensive in Eastern Ukraine With Mass Shelling",
	url:    "https://www.voanews.com/a/russia-renews-offensive-in-eastern-ukraine-with-mass-shelling/7320945.html",
	date:   "2023-10-14",
	outlet: "VOA News",
	paras: []string{
		"Russian forces bolstered their offensive in the east and pummeled swaths of Ukraine, killing at least three civilians and injuring others.",
		"Russian forces shelled the Ukrainian-held town of Nikopol from their stronghold near the Zaporizhzhia Nuclear Power Plant. Ukrainian local Governor Serhii Lysak said emergency services in Nikopol were working to assess the damage.",
		"Russian forces captured the nuclear plant early in their February 2022 invasion, prompting fears at times of a radiation incident because of shelling in the area.",
		"Russian forces attacked southern Ukraine's front-line Kherson region with mortars, artillery, tanks, drones and rocket launchers. One civilian was killed and another was wounded in the mass shelling, Governor Oleksandr Prokudin wrote Saturday in a Telegram post.",
		"Fierce fighting continues around the eastern city of Avdiivka, as Russian forces have intensified their offensive in that area and Ukrainian forces try to repel Russian attacks, Acting Governor Ihor Moroz said Saturday.",
	},
}

// Голос Америки (VOA Russian), public domain.
var golos1 = article{
	title:  "VOAэкспресс 4 июня 2022",
	url:    "https://www.golosameriki.com/a/6603358.html",
	date:   "2022-06-04",
	outlet: "Голос Америки",
	paras: []string{
		"Губернатор Луганской области Сергей Гайдай заявил по украинскому телевидению, что украинские войска отвоевали 20% от той территории, которую они ранее потеряли в Северодонецке. Боевые действия украинской армии ранним утром в субботу помешали российским войскам захватить разрушенный город, оказавшийся в центре наступления Москвы с целью захвата всего Донбасса.",
		"Он отметил, что считает «нереалистичными» заявления о том, что город падет в ближайшие две недели, даже несмотря на переброску российских подкреплений.",
	},
}

// Голос Америки (VOA Russian), public domain.
var golos2 = article{
	title:  "VOAэкспресс 2 июля 2022",
	url:    "https://www.golosameriki.com/a/6642643.html",
	date:   "2022-07-02",
	outlet: "Голос Америки",
	paras: []string{
		"Российские войска обстреливают город Лисичанск и его окрестности, пытаясь захватить последний оплот сопротивления в Луганской области, заявил в субботу губернатор Сергей Гайдай.",
		"Украинские военные в течение нескольких недель пытались защитить город от захвата. Министерство обороны России заявило, что в последние дни российские силы взяли под контроль нефтеперерабатывающий завод на окраине Лисичанска, но в пятницу губернатор Луганской области Сергей Гайдай сообщил, что бои за объект продолжаются.",
		"«За последние сутки оккупанты открывали огонь из всех доступных видов оружия», — написал Гайдай в субботу в своем телеграм-канале.",
	},
}

// President of Ukraine, president.gov.ua, CC BY 4.0.
var president = []article{
	{
		title:  "Today, we honor the strength of everyone who has withstood, who is fighting and working, and will surely bring freedom to our entire land – address by the President of Ukraine",
		url:    "https://www.president.gov.ua/en/news/speeches",
		date:   "2024-03-31",
		outlet: "President of Ukraine",
		paras: []string{
			"Two years have already passed since our warriors, all our people, drove the Russian occupiers out of Kyiv region. Borodyanka, Bucha, Irpin, Hostomel, Moshchun were places of battle, places where Ukrainians fought for their country, for their lives, for their homes free from evil.",
			"I am grateful to our warriors, and for this week's battles I would like to especially mention the 95th brigade, the 79th air assault brigade, the 44th and 55th separate artillery brigades... Thank you, warriors!",
		},
	},
	{
		// The address of 8 May 2024, "Our Positions at the Front, the Physical
		// Protection of Our People and Communities, and the Disruption of Any
		// Attempts at Russian Offensive Are Urgent Priorities – Address by the
		// President"; its title is left out of the batch line.
		title:  "",
		url:    "https://www.president.gov.ua/en/news/nagalni-prioriteti-poziciyi-na-fronti-fizichnij-zahist-lyude-90769",
		date:   "2024-05-08",
		outlet: "President of Ukraine",
		paras: []string{
			"First of all, I am grateful to all those who have been eliminating the consequences of the Russian Nazis’ attack in various regions of Ukraine today – Vinnytsia, Ivano-Frankivsk, Lviv, Zaporizhzhia, Poltava, Kirovohrad. This is how the Kremlin marks the end of World War II in Europe – with a massive attack, with its attempts to break the lives of our people, with its Nazism. Almost sixty Russian missiles and more than twenty \"Shaheds\" were launched in just one day. It was a deliberate, combined strike against our energy system – against power generation, hydroelectric dam, gas infrastructure. We managed to shoot down some of the missiles and most of the \"Shaheds.\" I thank each of our partners whose air defense systems were effective today.",
		},
	},
	{
		title:  "",
		url:    "https://www.president.gov.ua/en/news/speeches?date-from=02-06-2022&date-to=02-06-2023&page=1",
		outlet: "President of Ukraine",
		paras: []string{
			"All the details regarding our air defense system – its further development, supply, and production of the necessary missiles in Ukraine were also discussed at the Staff meeting.",
		},
	},
}

func main() {
	log.SetFlags(0)
	write("dod-donbas.html", []byte(dodPage(focus)))
	write("blinken-press.txt", []byte(plain(blinken)))
	write("dodnews.rss", []byte(dodRSS()))
	write("voanews.atom", []byte(voaAtom()))
	write("golos-1251.rss", encode(golosRSS("windows-1251"), charmap.Windows1251))
	write("golos-koi8r.rss", encode(koi8Safe(golosRSS("KOI8-R")), charmap.KOI8R))
	write("golos-1251.html", encode(golosPage(golos1, true), charmap.Windows1251))
	write("president-ua.jsonl", []byte(presidentJSONL()))
	writeWARC(false)
	writeWARC(true)
}

func write(name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", name, len(b), "bytes")
}

func encode(s string, cm *charmap.Charmap) []byte {
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		log.Fatalf("encode to %s: %v", cm, err)
	}
	return b
}

// koi8Safe replaces the punctuation KOI8-R lacks.
func koi8Safe(s string) string {
	return strings.NewReplacer("«", "\"", "»", "\"", "—", "-", "–", "-").Replace(s)
}

func esc(s string) string { return html.EscapeString(s) }

func paragraphs(a article) string {
	var b strings.Builder
	for _, p := range a.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	return b.String()
}

func plain(a article) string {
	return a.title + "\n\n" + strings.Join(a.paras, "\n\n") + "\n"
}

func rfc1123(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		log.Fatal(err)
	}
	return t.Add(14 * time.Hour).Format(time.RFC1123Z)
}

// dodPage is an article page shaped like defense.gov's: the government banner,
// navigation, the story, related links and a footer.
func dodPage(a article) string {
	t, _ := time.Parse(time.DateOnly, a.date)
	return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>` + esc(a.title) + ` &gt; U.S. Department of Defense &gt; Defense Department News</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="` + esc(a.title) + `">
<meta property="og:url" content="` + esc(a.url) + `">
<meta property="og:site_name" content="U.S. Department of Defense">
<link rel="canonical" href="` + esc(a.url) + `">
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<div class="usa-banner"><p>An official website of the United States Government</p>
<p>Here's how you know</p></div>
<header><a href="/">U.S. Department of Defense</a>
<nav><ul><li><a href="/News/">News</a></li><li><a href="/Spotlights/">Spotlights</a></li><li><a href="/About/">About</a></li></ul></nav></header>
<main>
<article>
<h1 class="maintitle">` + esc(a.title) + `</h1>
<p class="date"><time datetime="` + a.date + `">` + t.Format("Jan. 2, 2006") + `</time> | By DOD News</p>
<div class="body">
` + paragraphs(a) + `</div>
</article>
<aside class="related"><h2>Related Stories</h2><ul><li><a href="/News/">More DOD News</a></li></ul></aside>
</main>
<footer><p>Official websites use .gov</p><ul><li><a href="/Resources/Privacy/">Privacy &amp; Security</a></li></ul></footer>
</body>
</html>
`
}

// golosPage is a golosameriki.com page; with declare it names its charset in a
// meta tag, otherwise only the HTTP header does.
func golosPage(a article, declare bool) string {
	meta := ""
	if declare {
		meta = `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">` + "\n"
	}
	return `<!DOCTYPE html>
<html lang="ru" dir="ltr">
<head>
` + meta + `<title>` + esc(a.title) + `</title>
<link rel="canonical" href="` + esc(a.url) + `">
</head>
<body>
<div class="skip"><a href="#content">Линки доступности</a></div>
<main id="content">
<h1>` + esc(a.title) + `</h1>
<p>Ежедневная рассылка новостей «Голоса Америки».</p>
` + paragraphs(a) + `</main>
</body>
</html>
`
}

// dodRSS is the DOD News feed as defense.gov publishes it (RSS 2.0). The first
// item carries the full story in content:encoded, the second only a summary.
func dodRSS() string {
	return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>DOD News</title>
<link>https://www.defense.gov/News/</link>
<description>News stories from the U.S. Department of Defense</description>
<language>en-us</language>
<atom:link href="https://www.defense.gov/DesktopModules/ArticleCS/RSS.ashx?ContentType=1&amp;Site=945&amp;max=10" rel="self" type="application/rss+xml"/>
<item>
<title>` + esc(focus.title) + `</title>
<link>` + esc(focus.url) + `</link>
<guid isPermaLink="false">2996087</guid>
<pubDate>` + rfc1123(focus.date) + `</pubDate>
<description>` + esc(focus.paras[0]) + `</description>
<content:encoded><![CDATA[` + paragraphs(focus) + `]]></content:encoded>
</item>
<item>
<title>` + esc(reposition.title) + `</title>
<link>/News/News-Stories/Article/Article/2985302/russia-possibly-repositioning-forces-to-donbas/</link>
<guid isPermaLink="false">2985302</guid>
<pubDate>` + rfc1123(reposition.date) + `</pubDate>
<description>` + esc("<p>"+reposition.paras[0]+"</p><p>"+reposition.paras[1]+"</p>") + `</description>
</item>
</channel>
</rss>
`
}

// voaAtom is an Atom feed with the HTML content escaped, as VOA's feeds carry it.
func voaAtom() string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>VOA News - Ukraine</title>
<link href="https://www.voanews.com/"/>
<link rel="self" href="https://www.voanews.com/api/zb$pmemo_ui"/>
<id>https://www.voanews.com/z/5190</id>
<updated>` + voa.date + `T16:31:00Z</updated>
<entry>
<title>` + esc(voa.title) + `</title>
<link href="` + esc(voa.url) + `"/>
<id>` + esc(voa.url) + `</id>
<published>` + voa.date + `T16:31:00Z</published>
<updated>` + voa.date + `T16:31:00Z</updated>
<author><name>VOA News</name></author>
<summary type="html">` + esc(voa.paras[0]) + `</summary>
<content type="html">` + esc(paragraphs(voa)) + `</content>
</entry>
</feed>
`
}

// golosRSS is a Russian-language RSS 2.0 feed declaring the given encoding.
func golosRSS(enc string) string {
	var items strings.Builder
	for _, a := range []article{golos1, golos2} {
		fmt.Fprintf(&items, "<item>\n<title>%s</title>\n<link>%s</link>\n<pubDate>%s</pubDate>\n<description><![CDATA[%s]]></description>\n</item>\n",
			esc(a.title), esc(a.url), rfc1123(a.date), paragraphs(a))
	}
	return `<?xml version="1.0" encoding="` + enc + `"?>
<rss version="2.0">
<channel>
<title>Голос Америки</title>
<link>https://www.golosameriki.com/</link>
<description>Новости «Голоса Америки»</description>
<language>ru</language>
` + items.String() + `</channel>
</rss>
`
}

// presidentJSONL is a batch in sitrep's --jsonl shape: a string id, a number id
// and an HTML document among plain-text ones.
func presidentJSONL() string {
	line := func(id, key, doc string, a article) string {
		s := fmt.Sprintf(`{"id": %s, %q: %q, "url": %q, "outlet": %q`, id, key, doc, a.url, a.outlet)
		if a.date != "" {
			s += fmt.Sprintf(`, "published": %q`, a.date)
		}
		if a.title != "" {
			s += fmt.Sprintf(`, "title": %q`, a.title)
		}
		return s + "}\n"
	}
	return line(`"ua-2024-03-31"`, "text", strings.Join(president[0].paras, "\n\n"), president[0]) +
		line(`17`, "text", president[1].paras[0], president[1]) +
		line(`"ua-staff"`, "html", "<article><p>"+esc(president[2].paras[0])+"</p></article>", president[2])
}

// writeWARC writes dodnews.warc or dodnews.warc.gz with gowarc's writer: a
// crawl of the pages above with the records a real crawl has around them.
func writeWARC(compress bool) {
	dir, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	id := func() string { n++; return fmt.Sprintf("<urn:uuid:6a1b2c3d-0000-4000-8000-%012d>", n) }
	w := gowarc.NewWarcFileWriter(
		gowarc.WithCompression(compress),
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Pattern: "dodnews.%{ext}s", Extension: "warc"}),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			_, err := b.WriteString("software: sitrep testdata generator\r\nformat: WARC File Format 1.1\r\n")
			return err
		}),
		gowarc.WithRecordOptions(gowarc.WithRecordIdFunc(func() (string, error) { return "urn:uuid:6a1b2c3d-0000-4000-8000-000000000000", nil })),
	)
	var recs []gowarc.WarcRecord
	add := func(t gowarc.RecordType, uri, date, ctype string, block []byte, extra ...string) {
		b := gowarc.NewRecordBuilder(t)
		b.AddWarcHeader(gowarc.WarcRecordID, id())
		b.AddWarcHeader(gowarc.WarcDate, date)
		if uri != "" {
			b.AddWarcHeader(gowarc.WarcTargetURI, uri)
		}
		b.AddWarcHeader(gowarc.ContentType, ctype)
		for i := 0; i+1 < len(extra); i += 2 {
			b.AddWarcHeader(extra[i], extra[i+1])
		}
		if _, err := b.Write(block); err != nil {
			log.Fatal(err)
		}
		r, _, err := b.Build()
		if err != nil {
			log.Fatalf("build %s record for %s: %v", t, uri, err)
		}
		recs = append(recs, r)
	}
	const resp = "application/http;msgtype=response"
	head := func(status, ctype string, extra ...string) string {
		h := "HTTP/1.1 " + status + "\r\nServer: Apache\r\nContent-Type: " + ctype + "\r\n"
		for _, e := range extra {
			h += e + "\r\n"
		}
		return h
	}

	// Page 1: plain UTF-8 response, with its request before it.
	p1 := dodPage(focus)
	add(gowarc.Request, focus.url, "2022-04-12T09:12:44Z", "application/http;msgtype=request",
		[]byte("GET /News/News-Stories/Article/Article/2996087/russians-shifting-their-fighting-focus-to-eastern-ukraine-says-dod-official/ HTTP/1.1\r\nHost: www.defense.gov\r\nUser-Agent: sitrep-testdata\r\n\r\n"))
	add(gowarc.Response, focus.url, "2022-04-12T09:12:44Z", resp,
		[]byte(head("200 OK", "text/html; charset=utf-8", fmt.Sprintf("Content-Length: %d", len(p1)))+"\r\n"+p1))

	// An image and a redirect, which are not pages.
	add(gowarc.Response, "https://www.defense.gov/favicon.png", "2022-04-12T09:12:45Z", resp,
		append([]byte(head("200 OK", "image/png")+"\r\n"), pngBytes()...))
	add(gowarc.Response, "http://www.defense.gov/News/", "2022-04-12T09:12:46Z", resp,
		[]byte(head("301 Moved Permanently", "text/html", "Location: https://www.defense.gov/News/")+"\r\n<html><body>Moved</body></html>"))

	// Page 2: gzip content coding inside chunked transfer coding, stored as sent.
	p2 := dodPage(reposition)
	add(gowarc.Response, reposition.url, "2022-03-31T18:02:10Z", resp,
		[]byte(head("200 OK", "text/html; charset=utf-8", "Content-Encoding: gzip", "Transfer-Encoding: chunked")+"\r\n"+chunked(gzipped(p2), 700)))

	// Page 3: Windows-1251, named only by the HTTP header.
	p3 := encode(golosPage(golos2, false), charmap.Windows1251)
	add(gowarc.Response, golos2.url, "2022-07-02T20:40:00Z", resp,
		append([]byte(head("200 OK", "text/html; charset=windows-1251", fmt.Sprintf("Content-Length: %d", len(p3)))+"\r\n"), p3...))

	// A metadata record and a revisit of page 1, which hold no page.
	add(gowarc.Metadata, focus.url, "2022-04-12T09:12:47Z", "application/warc-fields",
		[]byte("outlink: https://www.defense.gov/News/\r\n"))
	add(gowarc.Revisit, focus.url, "2022-04-13T09:12:44Z", resp,
		[]byte(head("200 OK", "text/html; charset=utf-8")+"\r\n"),
		gowarc.WarcProfile, gowarc.ProfileServerNotModifiedV1_1, gowarc.WarcRefersTo, "<urn:uuid:6a1b2c3d-0000-4000-8000-000000000002>")

	// Page 4: a resource record, as a browser-based crawler stores a page.
	add(gowarc.Resource, blinken.url, "2022-03-02T21:00:00Z", "text/html; charset=utf-8",
		[]byte("<html><head><title>"+esc(blinken.title)+"</title></head><body><h1>"+esc(blinken.title)+"</h1>\n"+paragraphs(blinken)+"</body></html>\n"))

	for _, r := range w.Write(recs...) {
		if r.Err != nil {
			log.Fatal(r.Err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	name := "dodnews.warc"
	if compress {
		name += ".gz"
	}
	if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
		fmt.Println("wrote", name, fi.Size(), "bytes")
	} else {
		log.Fatal(err)
	}
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// chunked frames b in chunks of size n, as HTTP/1.1 chunked transfer coding.
func chunked(b []byte, n int) string {
	var s strings.Builder
	for len(b) > 0 {
		k := min(n, len(b))
		fmt.Fprintf(&s, "%x\r\n%s\r\n", k, b[:k])
		b = b[k:]
	}
	s.WriteString("0\r\n\r\n")
	return s.String()
}

func pngBytes() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{0, 87, 183, 255})
	img.Set(1, 1, color.RGBA{255, 215, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}
