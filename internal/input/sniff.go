package input

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/mmcdole/gofeed"
)

// kind is what a document is, which decides how it is read.
type kind int

const (
	kindText kind = iota
	kindHTML
	kindFeed
	kindWARC
)

func (k kind) String() string {
	return [...]string{"text", "HTML", "feed", "WARC"}[k]
}

// sniffLen is how much of a document sniffing looks at.
const sniffLen = 4096

var gzipMagic = []byte{0x1f, 0x8b}

// jsonlBatch reports a batch of JSON lines by its name and first bytes: a
// ".jsonl" or ".ndjson" file whose content begins with an object. (Read as
// text, its JSON would be taken for an article.)
func jsonlBatch(ext string, head []byte) bool {
	return (ext == ".jsonl" || ext == ".ndjson") && bytes.HasPrefix(bytes.TrimLeft(trimBOM(head), " \t\r\n"), []byte("{"))
}

// extOf is the lower-case extension of a path or URL path, without a
// compression suffix: "crawl.WARC.gz" → ".warc".
func extOf(name string) string {
	if i := strings.IndexAny(name, "?#"); i >= 0 && strings.Contains(name, "://") {
		name = name[:i]
	}
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	return path.Ext(name)
}

// sniff decides what a document is from its extension, its declared media type
// (from HTTP; "" for files) and its first bytes. Content wins where it is
// unambiguous — a WARC, a feed, binary junk — and the extension and media type
// decide between HTML and plain text, since a .txt file is kept verbatim even
// when it holds markup.
func sniff(ext, contentType string, head []byte) (kind, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if len(head) == 0 {
		return 0, fmt.Errorf("is empty")
	}
	body := bytes.TrimLeft(trimBOM(head), " \t\r\n")

	isWARC := bytes.HasPrefix(body, []byte("WARC/"))
	switch {
	case isWARC:
		return kindWARC, nil
	case ext == ".arc":
		return 0, fmt.Errorf("is an ARC archive, which is not supported (convert it to WARC)")
	case ext == ".warc" || mt == "application/warc":
		return 0, fmt.Errorf("is named as a WARC archive but does not begin with a WARC record")
	}

	if !utf16BOM(head) && bytes.IndexByte(head, 0) >= 0 {
		return 0, fmt.Errorf("is binary data (%s), not text", detectedType(head))
	}
	if binaryMediaType(mt) {
		return 0, fmt.Errorf("has content type %s, which is not text", mt)
	}

	if ext != ".txt" && ext != ".text" && bytes.HasPrefix(body, []byte("<")) {
		switch gofeed.DetectFeedType(bytes.NewReader(body)) {
		case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
			return kindFeed, nil
		}
	}
	switch ext {
	case ".txt", ".text", ".md":
		return kindText, nil
	case ".html", ".htm", ".xhtml", ".shtml":
		return kindHTML, nil
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return kindHTML, nil
	case "text/plain":
		return kindText, nil
	}
	if looksLikeHTML(body) {
		return kindHTML, nil
	}
	return kindText, nil
}

func trimBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
}

func utf16BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\xFF\xFE")) || bytes.HasPrefix(b, []byte("\xFE\xFF"))
}

// detectedType names binary content for an error message: "application/pdf".
func detectedType(head []byte) string {
	t := http.DetectContentType(head)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}

func binaryMediaType(mt string) bool {
	switch {
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "audio/"),
		strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "font/"):
		return true
	}
	switch mt {
	case "application/pdf", "application/zip", "application/x-tar", "application/x-7z-compressed",
		"application/vnd.rar", "application/wasm", "application/x-protobuf":
		return true
	}
	return false
}

// htmlStarts are the tags that open an HTML document in the WHATWG
// MIME-sniffing algorithm, lower-cased.
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
	"<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--",
	"<meta", "<article", "<section", "<main", "<header", "<link",
}

func looksLikeHTML(body []byte) bool {
	n := min(len(body), 64)
	start := strings.ToLower(string(body[:n]))
	if strings.HasPrefix(start, "<?xml") {
		// XHTML: an XML document whose root is html.
		return bytes.Contains(bytes.ToLower(body), []byte("<html"))
	}
	for _, tag := range htmlStarts {
		if strings.HasPrefix(start, tag) {
			rest := start[len(tag):]
			if tag == "<!--" || rest == "" || rest[0] == ' ' || rest[0] == '>' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '/' {
				return true
			}
		}
	}
	return false
}
