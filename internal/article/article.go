// Package article turns one input item into a record: the main text of a page without
// its navigation and clutter, the page's metadata (title, author, outlet, canonical
// URL, published date, language), and the spans of web debris — teasers, captions,
// credits — that later stages must skip. For plain text the record's text is the
// input verbatim, so offsets line up with the input.
package article

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/record"
)

// Options govern extraction.
type Options struct {
	// Published is the anchor date for a document that carries none.
	Published time.Time
}

// ErrEmpty is returned for a document with no readable text.
var ErrEmpty = errors.New("no readable text")

// Extract reads one item into a record. The error names the item.
func Extract(it input.Item, opt Options) (*record.Record, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	var (
		text string
		meta pageMeta
	)
	switch {
	case it.HTML != "":
		var err error
		text, meta, err = extractHTML(it.HTML, it.URL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", it.Name, err)
		}
	default:
		text = it.Text
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%s: text is not valid UTF-8", it.Name)
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%s: %w", it.Name, ErrEmpty)
	}

	src := record.Source{
		URL:    first(meta.canonical, it.URL),
		Outlet: first(it.Outlet, meta.siteName),
		Title:  first(it.Title, meta.title),
		Author: first(it.Author, meta.author),
	}
	if src.Outlet == "" {
		src.Outlet = outletFromURL(src.URL)
	}
	switch {
	case !it.Published.IsZero():
		src.Published = it.Published.UTC().Format(time.DateOnly)
	case !meta.published.IsZero():
		src.Published = meta.published.UTC().Format(time.DateOnly)
	case !opt.Published.IsZero():
		src.Published = opt.Published.Format(time.DateOnly)
	case !it.Captured.IsZero():
		// An archive's capture date is an upper bound on publication: better than
		// no anchor at all, and an explicit --published wins over it.
		src.Published = it.Captured.UTC().Format(time.DateOnly)
	}
	src.Language = first(normLang(it.Language), normLang(meta.language), DetectLanguage(text))

	rec := record.New(src, text)
	if it.ID != "" {
		rec.ID = it.ID
	}
	rec.Boilerplate = FindDebris(text)
	return rec, nil
}

func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// outletFromURL names an outlet by its host when the page names none: "www.bbc.co.uk"
// becomes "bbc.co.uk".
func outletFromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// normLang reduces a language tag ("en-GB", "uk_UA") to its primary subtag.
func normLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		tag = tag[:i]
	}
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	return tag
}
