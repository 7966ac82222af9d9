package article

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page says about itself.
type pageMeta struct {
	title, author, siteName, canonical, language string
	published                                    time.Time
}

// extractHTML returns a page's main text and metadata. The main text comes from
// go-readability (a port of Firefox Reader View's algorithm); metadata it does not
// read — canonical URL, document language, the less common date fields — is taken
// from the page head here.
func extractHTML(page, pageURL string) (string, pageMeta, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return "", pageMeta{}, fmt.Errorf("parse HTML: %w", err)
	}
	meta := headMeta(doc)
	base, _ := url.Parse(pageURL)
	if base == nil || base.Host == "" {
		base, _ = url.Parse(meta.canonical)
	}
	if base == nil {
		base = &url.URL{}
	}

	// Readability rewrites the tree it reads; keep a fallback for pages too short
	// for it to call an article (a statement, a one-paragraph update).
	art, rerr := readability.FromDocument(doc, base)
	var text string
	if rerr == nil && art.Node != nil {
		text = cleanText(render.InnerText(art.Node))
		meta.title = first(art.Title(), meta.title)
		meta.author = first(art.Byline(), meta.author)
		meta.siteName = first(art.SiteName(), meta.siteName)
		meta.language = first(meta.language, art.Language())
		if t, err := art.PublishedTime(); err == nil && meta.published.IsZero() {
			meta.published = t
		}
	}
	if utf8.RuneCountInString(text) < shortPage {
		// Readability's last resort on a short page keeps navigation and footers;
		// the visible body without page furniture is the better reading there.
		if again, err := html.Parse(strings.NewReader(page)); err == nil {
			text = cleanText(bodyText(again))
		}
	}
	if !hasWords(text) {
		return "", meta, ErrEmpty
	}
	return text, meta, nil
}

// shortPage is readability's own threshold for calling a page an article.
const shortPage = 500

// hasWords: text with at least one letter or digit.
func hasWords(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// headMeta reads <html lang>, <title>, <link rel=canonical> and the <meta> tags.
func headMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var dates []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.language = attr(n, "lang")
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Meta:
				key := strings.ToLower(first(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv")))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:url":
					if m.canonical == "" {
						m.canonical = val
					}
				case "og:site_name", "application-name":
					m.siteName = first(m.siteName, val)
				case "author", "article:author", "byl", "dc.creator", "sailthru.author":
					if !strings.HasPrefix(val, "http") {
						m.author = first(m.author, strings.TrimPrefix(val, "By "))
					}
				case "og:title", "twitter:title":
					m.title = first(val, m.title)
				case "content-language", "dc.language":
					m.language = first(m.language, val)
				case "og:locale":
					m.language = first(m.language, val)
				case "article:published_time", "datepublished", "date", "pubdate", "publishdate",
					"publish-date", "dc.date.issued", "dc.date", "citation_publication_date",
					"sailthru.date", "parsely-pub-date", "og:published_time":
					dates = append(dates, val)
				}
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					dates = append(dates, dt)
				}
			case atom.Body:
				// <time> in the body is a last resort, after every meta tag.
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, d := range dates {
		if t, ok := parseDate(d); ok {
			m.published = t
			break
		}
	}
	if u, err := url.Parse(m.canonical); err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") {
		m.canonical = ""
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02", "2006/01/02", time.RFC1123, time.RFC1123Z,
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "20060102",
}

// parseDate reads the date formats pages put in their metadata. Dates before 1990
// or more than a day in the future are mistakes (template defaults, typos).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1990 || t.After(time.Now().Add(24*time.Hour)) {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// skipTags hold page furniture, never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Button: true, atom.Select: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Head: true,
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Li: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Br: true, atom.Main: true,
	atom.Figcaption: true, atom.Dd: true, atom.Dt: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
}

// bodyText is the fallback extractor: the visible text of <body> without page furniture.
func bodyText(doc *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if skipTags[n.DataAtom] || attr(n, "hidden") != "" || strings.Contains(strings.ToLower(attr(n, "style")), "display:none") {
				return
			}
			if blockTags[n.DataAtom] {
				b.WriteString("\n\n")
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			b.WriteString("\n\n")
		}
	}
	walk(doc)
	return b.String()
}

var (
	spaceRun = regexp.MustCompile(`[ \t\f\v\x{00a0}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}]+`)
	blankRun = regexp.MustCompile(`\n{3,}`)
)

// cleanText folds runs of spaces inside lines, trims each line, and leaves one blank
// line between paragraphs.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaceRun.ReplaceAllString(l, " "))
	}
	s = strings.Join(lines, "\n")
	s = blankRun.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
