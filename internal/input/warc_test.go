package input

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var warcLine = []byte("WARC/1.1\r\n")

// recordStart is the offset of the nth record (1-based) in a WARC.
func recordStart(t *testing.T, warc []byte, n int) int {
	t.Helper()
	off := 0
	for i := 1; ; i++ {
		j := bytes.Index(warc[off:], warcLine)
		if j < 0 {
			t.Fatalf("no record %d", n)
		}
		if i == n {
			return off + j
		}
		off += j + len(warcLine)
	}
}

var lengthField = regexp.MustCompile(`Content-Length: (\d+)\r\n`)

// setLength rewrites the WARC Content-Length of record n with f(old).
func setLength(t *testing.T, warc []byte, n int, f func(int) string) []byte {
	t.Helper()
	start := recordStart(t, warc, n)
	loc := lengthField.FindSubmatchIndex(warc[start:])
	old, _ := strconv.Atoi(string(warc[start+loc[2] : start+loc[3]]))
	var out []byte
	out = append(out, warc[:start+loc[2]]...)
	out = append(out, f(old)...)
	out = append(out, warc[start+loc[3]:]...)
	return out
}

// outcome summarises items as "#3 #6 !#7" (good, good, failed) for comparison.
func outcome(items []Item, name string) string {
	var s []string
	for _, it := range items {
		n := strings.TrimPrefix(it.Name, name)
		if i := strings.Index(n, " ("); i >= 0 {
			n = n[:i]
		}
		if it.Err != nil {
			n = "!" + n
		}
		s = append(s, n)
	}
	return strings.Join(s, " ")
}

func TestBrokenWARC(t *testing.T) {
	warc := readSample(t, "dodnews.warc")
	warcGz := readSample(t, "dodnews.warc.gz")
	plus := func(d int) func(int) string { return func(n int) string { return strconv.Itoa(n + d) } }
	rec7 := recordStart(t, warc, 7)
	rec8 := recordStart(t, warc, 8)

	tests := []struct {
		name    string
		file    string
		content []byte
		opt     Options
		want    string // outcome
		errText string // in the first failure
	}{
		{name: "intact", file: "a.warc", content: warc, want: "#3 #6 #7 #10"},
		{name: "truncated in a block", file: "a.warc", content: warc[:rec7+600],
			want: "#3 #6 !#7", errText: fmt.Sprintf("archive is truncated: the record at offset %d declares 1131 bytes of content but the archive ends after", rec7)},
		{name: "truncated in a header", file: "a.warc", content: warc[:rec8+30],
			want: "#3 #6 #7 !#8", errText: fmt.Sprintf("archive is truncated: it ends inside the header of the record at offset %d", rec8)},
		{name: "truncated gzip", file: "a.warc.gz", content: warcGz[:len(warcGz)*2/3],
			want: "#3 #6 !#7", errText: "gzip data ends early (truncated file)"},
		{name: "length too long", file: "a.warc", content: setLength(t, warc, 3, plus(200)),
			want: "!#3 #6 #7 #10", errText: "Content-Length 3893 does not match the record"},
		{name: "length too short", file: "a.warc", content: setLength(t, warc, 3, plus(-200)),
			want: "!#3 #6 #7 #10", errText: "Content-Length 3493 does not match the record"},
		{name: "length too long, next record swallowed whole", file: "a.warc", content: setLength(t, warc, 4, plus(400)),
			want: "#3 !#4 #6 #7 #10", errText: "Content-Length"},
		{name: "length lies in gzip", file: "a.warc.gz", content: gz(setLength(t, warc, 6, plus(-50))),
			want: "#3 !#6 #7 #10", errText: "does not match the record"},
		{name: "length past the end", file: "a.warc", content: setLength(t, warc, 10, plus(1)),
			want: "#3 #6 #7 !#10", errText: "Content-Length 1152 does not match the record"},
		{name: "length not a number", file: "a.warc", content: setLength(t, warc, 4, func(int) string { return "12ab" }),
			want: "#3 !#4 #6 #7 #10", errText: `Content-Length "12ab" is not a length`},
		{name: "junk where a header should be", file: "a.warc",
			content: bytes.Replace(warc, []byte("\r\n\r\nWARC/1.1\r\nWARC-Type: metadata"), []byte("\r\n\r\nXARC/1.1\r\nWARC-Type: metadata"), 1),
			want:    "#3 #6 #7 !#8 #10", errText: `expected a WARC record header, found "XARC/1.1`},
		{name: "junk at the end", file: "a.warc", content: append(bytes.Clone(warc), "<html>stray</html>\n"...),
			want: "#3 #6 #7 #10 !#11", errText: "no further WARC record"},
		{name: "blank lines between records", file: "a.warc",
			content: bytes.ReplaceAll(warc, []byte("\r\n\r\nWARC/1.1"), []byte("\r\n\r\n\r\n\nWARC/1.1")), want: "#3 #6 #7 #10"},
		{name: "record over the cap", file: "a.warc", content: warc, opt: Options{MaxBytes: 3300},
			want: "!#3 #6 #7 #10", errText: "is 3.6 KiB, over the cap of 3.2 KiB"},
		{name: "large image over the cap", file: "a.warc",
			content: append(bytes.Clone(warc), rawRecord("response", "https://www.defense.gov/photo.jpg", "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n"+strings.Repeat("\xff", 5000))...),
			opt:     Options{MaxBytes: 4000}, want: "#3 #6 #7 #10"},
		{name: "segmented record", file: "a.warc",
			content: append(bytes.Clone(warc), rawRecord("response", "https://www.defense.gov/big", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>part one", "WARC-Segment-Number: 1")...),
			want:    "#3 #6 #7 #10 !#11", errText: "segmented record"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			items := collect(t, p, tt.opt)
			if got := outcome(items, p); got != tt.want {
				for _, it := range items {
					t.Logf("%s: %v", it.Name, it.Err)
				}
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for _, it := range items {
				if it.Err != nil {
					if !strings.Contains(it.Err.Error(), tt.errText) {
						t.Errorf("error %q lacks %q", it.Err, tt.errText)
					}
					break
				}
			}
		})
	}
}

// rawRecord frames one WARC record by hand, for shapes gowarc will not write.
func rawRecord(typ, uri, block string, extra ...string) []byte {
	h := "WARC/1.1\r\nWARC-Type: " + typ + "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000ffff>\r\n" +
		"WARC-Date: 2022-11-15T10:00:00Z\r\nWARC-Target-URI: " + uri + "\r\n"
	if typ == "response" {
		h += "Content-Type: application/http;msgtype=response\r\n"
	}
	for _, e := range extra {
		h += e + "\r\n"
	}
	return []byte(h + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(block)) + block + "\r\n\r\n")
}

func TestHTTPPayloadCodings(t *testing.T) {
	page := "<html><body><p>Kherson City is liberated.</p></body></html>"
	tests := []struct {
		name    string
		header  string
		body    string
		want    string
		errText string
	}{
		{name: "identity", header: "Content-Type: text/html", body: page, want: "liberated"},
		{name: "gzip", header: "Content-Type: text/html\r\nContent-Encoding: gzip", body: string(gz([]byte(page))), want: "liberated"},
		{name: "gzip header, stored decoded", header: "Content-Type: text/html\r\nContent-Encoding: gzip", body: page, want: "liberated"},
		{name: "chunked", header: "Content-Type: text/html\r\nTransfer-Encoding: chunked", body: fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(page), page), want: "liberated"},
		{name: "chunked header, stored decoded", header: "Content-Type: text/html\r\nTransfer-Encoding: chunked", body: page, want: "liberated"},
		{name: "deflate", header: "Content-Type: text/html\r\nContent-Encoding: deflate", body: string(deflated([]byte(page))), want: "liberated"},
		{name: "no content type", header: "Server: nginx", body: page, want: "liberated"},
		{name: "brotli", header: "Content-Type: text/html\r\nContent-Encoding: br", body: "\x1b\x03", errText: `Content-Encoding "br", which is not supported`},
		{name: "broken gzip", header: "Content-Type: text/html\r\nContent-Encoding: gzip", body: string(gz([]byte(page))[:20]), errText: "gzip"},
		{name: "empty body", header: "Content-Type: text/html", body: "<html><head><title>x</title></head></html>", errText: "page has no body text"},
		{name: "not found", header: "Content-Type: text/html", body: page},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status := "200 OK"
			if tt.name == "not found" {
				status = "404 Not Found"
			}
			p := filepath.Join(dir, "c.warc")
			os.WriteFile(p, rawRecord("response", "https://www.defense.gov/x", "HTTP/1.1 "+status+"\r\n"+tt.header+"\r\n\r\n"+tt.body), 0o644)
			items := collect(t, p, Options{})
			switch {
			case tt.want == "" && tt.errText == "":
				if len(items) != 0 {
					t.Errorf("got %d items, want none", len(items))
				}
			case tt.errText != "":
				if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), tt.errText) {
					t.Errorf("got %d items (err %v), want an error with %q", len(items), firstErr(items), tt.errText)
				}
			default:
				if len(items) != 1 || items[0].Err != nil || !strings.Contains(items[0].HTML, tt.want) {
					t.Errorf("got %d items (err %v), want the page", len(items), firstErr(items))
				}
			}
		})
	}
}

func deflated(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
