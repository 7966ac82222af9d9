package input

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// readFeed yields one item per entry of an RSS, Atom or RDF feed. doc is the
// whole feed, already decoded to UTF-8; base resolves relative links (the URL
// the feed came from, or "" for a file).
func readFeed(ctx context.Context, name, doc, base string, yield func(Item) bool) {
	p := gofeed.NewParser()
	f, err := p.Parse(strings.NewReader(stripXMLDecl(doc)))
	if err != nil {
		yield(failItem(name, fmt.Errorf("is not a valid feed: %w", err)))
		return
	}
	baseURL := parseAbs(base)
	if baseURL == nil {
		baseURL = parseAbs(f.Link)
	}
	outlet := oneLine(f.Title)
	for i, e := range f.Items {
		if ctx.Err() != nil {
			return
		}
		it := Item{
			Name:     fmt.Sprintf("%s#%d", name, i+1),
			URL:      resolve(baseURL, strings.TrimSpace(e.Link)),
			Outlet:   outlet,
			Title:    oneLine(e.Title),
			Author:   authors(e.Authors),
			Language: strings.TrimSpace(f.Language),
		}
		switch {
		case e.PublishedParsed != nil:
			it.Published = e.PublishedParsed.UTC()
		case e.UpdatedParsed != nil:
			it.Published = e.UpdatedParsed.UTC()
		}
		// The full text when the feed carries it, else the summary; both are
		// HTML fragments.
		body := e.Content
		if strings.TrimSpace(body) == "" {
			body = e.Description
		}
		var err error
		switch {
		case strings.TrimSpace(body) == "":
			err = errors.New("entry has neither content nor description")
		case !hasBodyText(body):
			err = errors.New("entry has no text")
		default:
			err = checkText(body)
		}
		if err != nil {
			if !yield(failItem(entryName(it), err)) {
				return
			}
			continue
		}
		it.HTML = body
		if !yield(it) {
			return
		}
	}
}

// entryName names an entry in messages by its number and, when known, its link.
func entryName(it Item) string {
	if it.URL != "" {
		return it.Name + " (" + it.URL + ")"
	}
	return it.Name
}

func failItem(name string, err error) Item {
	return Item{Name: name, Err: fmt.Errorf("%s: %w", name, err)}
}

func authors(ps []*gofeed.Person) string {
	var names []string
	for _, p := range ps {
		if p == nil {
			continue
		}
		n := oneLine(p.Name)
		if n == "" {
			n = oneLine(p.Email)
		}
		if n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// oneLine collapses the runs of white space that feeds put in titles.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func parseAbs(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || !u.IsAbs() {
		return nil
	}
	return u
}

func resolve(base *url.URL, ref string) string {
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

// parseDate reads YYYY-MM-DD or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is neither YYYY-MM-DD nor RFC 3339", s)
	}
	return t, nil
}
