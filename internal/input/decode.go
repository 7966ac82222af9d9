package input

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeUTF8 returns data as UTF-8 text. The charset is taken, in order, from a
// byte order mark, the charset parameter of contentType (an HTTP header), and the
// document's own declaration (<meta charset> for HTML, the XML declaration for
// feeds and XHTML). A declared charset explains any bytes, as in a browser.
// Undeclared data must be valid UTF-8: nothing else tells Windows-1251 from
// KOI8-R from random bytes reliably, and a wrong guess would corrupt the text
// silently, so it is an error instead.
func decodeUTF8(data []byte, contentType string, k kind) (string, error) {
	if len(data) == 0 {
		return "", errors.New("is empty")
	}
	var (
		enc   encoding.Encoding
		label string
	)
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data, label = data[3:], "utf-8"
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		enc, label = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16"
	}
	if label == "" {
		label = mediaCharset(contentType)
		if label != "" {
			enc, label = charset.Lookup(label)
		}
	}
	if label == "" {
		switch k {
		case kindHTML:
			label = metaCharset(data)
			if label == "" {
				label = xmlEncoding(data) // XHTML
			}
		case kindFeed:
			label = xmlEncoding(data)
		}
		if label != "" {
			enc, label = charset.Lookup(label)
		}
		// A document that could be read to find its own declaration is not
		// UTF-16, whatever it says (the HTML standard's rule).
		if strings.HasPrefix(label, "utf-16") {
			enc, label = nil, "utf-8"
		}
	}

	var s string
	switch {
	case label == "" || label == "utf-8":
		if !utf8.Valid(data) {
			data = trimPartialRune(data)
		}
		if !utf8.Valid(data) {
			if label == "" {
				if guess, name := guessCyrillic(data); guess != nil {
					out, err := guess.NewDecoder().Bytes(data)
					if err != nil {
						return "", fmt.Errorf("decode from %s (detected): %w", name, err)
					}
					s = string(out)
					break
				}
				return "", fmt.Errorf("is not valid UTF-8 (bad byte at offset %d) and declares no charset", badUTF8Offset(data))
			}
			// Declared UTF-8 with a stray bad byte: keep the text, as browsers do.
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		}
		s = string(data)
	default:
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("decode from %s: %w", label, err)
		}
		s = strings.TrimPrefix(string(out), "\uFEFF")
	}
	if err := checkText(s); err != nil {
		return "", err
	}
	return s, nil
}

// guessCyrillic recognises undeclared Russian or Ukrainian text in the two legacy
// encodings still met on the web, Windows-1251 and KOI8-R/U, and nothing else. In
// Cyrillic text most letters are lower case: Windows-1251 puts the lower-case
// alphabet at 0xE0–0xFF and KOI8 at 0xC0–0xDF, so the encoding shows in which half
// most high bytes fall. Anything less clear-cut is left as an error: a wrong guess
// would corrupt the text silently.
func guessCyrillic(b []byte) (encoding.Encoding, string) {
	var ascii, high, c0, e0, koiUA int
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			ascii++
		case c >= 0xC0 && c <= 0xDF:
			high++
			c0++
		case c >= 0xE0:
			high++
			e0++
		case c >= 0x80:
			high++
			if c == 0xA4 || c == 0xA6 || c == 0xA7 || c == 0xAD { // KOI8-U є і ї ґ
				koiUA++
			}
		}
	}
	if high < 20 || high < 2*ascii {
		return nil, ""
	}
	switch {
	case e0 > 3*c0:
		return charmap.Windows1251, "windows-1251"
	case c0 > 3*e0:
		if koiUA > 0 {
			return charmap.KOI8U, "koi8-u"
		}
		return charmap.KOI8R, "koi8-r"
	}
	return nil, ""
}

// trimPartialRune drops an incomplete UTF-8 sequence at the very end, which is
// what a capped or truncated capture leaves behind.
func trimPartialRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

func badUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// checkText refuses binary data that happens to decode: text has no NUL and
// few control characters.
func checkText(s string) error {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Errorf("is binary data, not text (NUL byte at offset %d)", i)
	}
	ctl := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	// A stray form feed or escape is normal in old text; binary data has
	// control bytes everywhere.
	if ctl > 8 && ctl > len(s)/100 {
		return fmt.Errorf("is binary data, not text (%d control characters)", ctl)
	}
	return nil
}

// mediaCharset is the charset parameter of a Content-Type value.
func mediaCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Lenient: servers send things like "text/html; charset=utf-8;".
		i := strings.Index(strings.ToLower(contentType), "charset=")
		if i < 0 {
			return ""
		}
		v := contentType[i+len("charset="):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.Trim(v, `"'`)
	}
	return params["charset"]
}

// prescanLen is how far into a page a charset declaration is looked for. The
// HTML standard says 1024 bytes; real pages put scripts first and declare later.
const prescanLen = 4096

// metaCharset finds <meta charset=...> or <meta http-equiv="Content-Type"
// content="...; charset=..."> in the head of a page.
func metaCharset(data []byte) string {
	if len(data) > prescanLen {
		data = data[:prescanLen]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, content string
			httpEquiv := false
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(v), "content-type")
				}
			}
			if cs != "" {
				return strings.TrimSpace(cs)
			}
			if httpEquiv && content != "" {
				if c := mediaCharset(content); c != "" {
					return c
				}
			}
		}
	}
}

// xmlEncoding is the encoding named by an XML declaration at the start of data.
func xmlEncoding(data []byte) string {
	decl, ok := xmlDecl(data)
	if !ok {
		return ""
	}
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	end := bytes.IndexByte(rest[1:], q)
	if end < 0 {
		return ""
	}
	return string(rest[1 : 1+end])
}

// xmlDecl returns the <?xml ...?> declaration at the start of data.
func xmlDecl(data []byte) ([]byte, bool) {
	data = bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return nil, false
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || end > 512 {
		return nil, false
	}
	return data[:end+2], true
}

// stripXMLDecl removes the XML declaration from an already-decoded document, so
// that the XML parser does not decode the UTF-8 text a second time from the
// charset the declaration names.
func stripXMLDecl(s string) string {
	t := strings.TrimLeft(s, " \t\r\n")
	if !strings.HasPrefix(t, "<?xml") {
		return s
	}
	end := strings.Index(t, "?>")
	if end < 0 {
		return s
	}
	return t[end+2:]
}

// skipTags are elements whose text is not page content.
var skipTags = map[string]bool{"head": true, "title": true, "script": true, "style": true, "template": true, "noscript": true, "svg": true}

// hasBodyText reports whether a page or fragment has any visible text. It stops
// at the first word, which on a real page comes early, so it costs little.
func hasBodyText(doc string) bool {
	z := html.NewTokenizer(strings.NewReader(doc))
	depth := 0 // nesting inside skipTags
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken:
			name, _ := z.TagName()
			if skipTags[string(name)] {
				depth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if skipTags[string(name)] && depth > 0 {
				depth--
			}
		case html.TextToken:
			if depth == 0 && len(bytes.TrimSpace(z.Text())) > 0 {
				return true
			}
		}
	}
}
