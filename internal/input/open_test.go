package input

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// collect reads every item of one input.
func collect(t *testing.T, name string, opt Options) []Item {
	t.Helper()
	var items []Item
	for it := range Open(context.Background(), name, opt) {
		checkItem(t, it)
		items = append(items, it)
	}
	return items
}

// checkItem asserts the contract every item keeps: a failure names its item,
// a good item has exactly one of Text and HTML, in valid UTF-8.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	if it.Name == "" {
		t.Errorf("item without a name: %+v", it)
	}
	if it.Err != nil {
		if !strings.HasPrefix(it.Err.Error(), it.Name) && !strings.Contains(it.Err.Error(), it.Name) {
			t.Errorf("error %q does not name the item %q", it.Err, it.Name)
		}
		if it.Text != "" || it.HTML != "" {
			t.Errorf("%s: failed item carries a document", it.Name)
		}
		return
	}
	if (it.Text == "") == (it.HTML == "") {
		t.Errorf("%s: want exactly one of Text and HTML, have text %d bytes, html %d bytes", it.Name, len(it.Text), len(it.HTML))
	}
	if !utf8.ValidString(it.Text) || !utf8.ValidString(it.HTML) {
		t.Errorf("%s: document is not valid UTF-8", it.Name)
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// want describes one expected good item.
type want struct {
	name      string
	html      bool
	contains  string
	url       string
	title     string
	outlet    string
	author    string
	language  string
	published time.Time
	captured  time.Time
}

func (w want) check(t *testing.T, it Item) {
	t.Helper()
	if it.Err != nil {
		t.Errorf("%s: unexpected error: %v", w.name, it.Err)
		return
	}
	doc := it.Text
	if w.html {
		doc = it.HTML
		if it.HTML == "" {
			t.Errorf("%s: want HTML, got text", w.name)
		}
	} else if it.Text == "" {
		t.Errorf("%s: want text, got HTML", w.name)
	}
	checks := []struct{ field, got, want string }{
		{"name", it.Name, w.name},
		{"url", it.URL, w.url},
		{"title", it.Title, w.title},
		{"outlet", it.Outlet, w.outlet},
		{"author", it.Author, w.author},
		{"language", it.Language, w.language},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %s = %q, want %q", w.name, c.field, c.got, c.want)
		}
	}
	if !it.Published.Equal(w.published) {
		t.Errorf("%s: published = %v, want %v", w.name, it.Published, w.published)
	}
	if !it.Captured.Equal(w.captured) {
		t.Errorf("%s: captured = %v, want %v", w.name, it.Captured, w.captured)
	}
	if !strings.Contains(doc, w.contains) {
		t.Errorf("%s: document lacks %q", w.name, w.contains)
	}
}

const (
	focusURL      = "https://www.defense.gov/News/News-Stories/Article/Article/2996087/russians-shifting-their-fighting-focus-to-eastern-ukraine-says-dod-official/"
	repositionURL = "https://www.defense.gov/News/News-Stories/Article/Article/2985302/russia-possibly-repositioning-forces-to-donbas/"
	golos1URL     = "https://www.golosameriki.com/a/6603358.html"
	golos2URL     = "https://www.golosameriki.com/a/6642643.html"
	blinkenURL    = "https://www.state.gov/secretary-antony-j-blinken-at-a-press-availability-14/"
)

// warcWants are the four pages of dodnews.warc, by record number.
func warcWants(name string) []want {
	return []want{
		{name: name + "#3", html: true, url: focusURL, captured: date("2022-04-12T09:12:44Z"),
			contains: "concentrating their combat activity, resupply and reinforcement mostly in the Donbas"},
		{name: name + "#6", html: true, url: repositionURL, captured: date("2022-03-31T18:02:10Z"),
			contains: "possibly into the Donbas region, Kirby said"}, // gzip inside chunked, as sent
		{name: name + "#7", html: true, url: golos2URL, captured: date("2022-07-02T20:40:00Z"),
			contains: "Российские войска обстреливают город Лисичанск"}, // Windows-1251 by HTTP header
		{name: name + "#10", html: true, url: blinkenURL, captured: date("2022-03-02T21:00:00Z"),
			contains: "Today is the seventh day of President Putin"}, // resource record
	}
}

func TestOpenSamples(t *testing.T) {
	tests := []struct {
		input string
		opt   Options
		want  []want
	}{
		{"testdata/dod-donbas.html", Options{}, []want{
			{name: "testdata/dod-donbas.html", html: true, contains: "Mariupol and Mykolaiv are still in Ukrainian control"},
		}},
		{"testdata/blinken-press.txt", Options{}, []want{
			{name: "testdata/blinken-press.txt", contains: "A huge explosion occurred in the main square of Kharkiv"},
		}},
		{"testdata/golos-1251.html", Options{}, []want{
			{name: "testdata/golos-1251.html", html: true, contains: "потеряли в Северодонецке"}, // <meta> charset
		}},
		{"testdata/dodnews.rss", Options{}, []want{
			{name: "testdata/dodnews.rss#1", html: true, url: focusURL, outlet: "DOD News", language: "en-us",
				title: "Russians Shifting Their Fighting Focus to Eastern Ukraine, Says DOD Official", published: date("2022-04-11T14:00:00Z"),
				contains: "limited activity in terms of strikes from the sea"}, // content:encoded, the full story
			{name: "testdata/dodnews.rss#2", html: true, url: repositionURL, outlet: "DOD News", language: "en-us",
				title: "Russia Possibly Repositioning Forces to Donbas", published: date("2022-03-31T14:00:00Z"),
				contains: "<p>A small number of Russian forces are beginning to reposition"}, // description only; relative link resolved
		}},
		{"testdata/voanews.atom", Options{}, []want{
			{name: "testdata/voanews.atom#1", html: true, outlet: "VOA News - Ukraine", author: "VOA News", language: "en",
				url:       "https://www.voanews.com/a/russia-renews-offensive-in-eastern-ukraine-with-mass-shelling/7320945.html",
				title:     "Russia Renews Offensive in Eastern Ukraine With Mass Shelling",
				published: date("2023-10-14T16:31:00Z"), contains: "<p>Fierce fighting continues around the eastern city of Avdiivka"},
		}},
		{"testdata/dodnews.warc", Options{}, warcWants("testdata/dodnews.warc")},
		{"testdata/dodnews.warc.gz", Options{}, warcWants("testdata/dodnews.warc.gz")},
		{"testdata/president-ua.jsonl", Options{JSONL: true}, []want{
			{name: "testdata/president-ua.jsonl:1", outlet: "President of Ukraine", url: "https://www.president.gov.ua/en/news/speeches",
				title:     "Today, we honor the strength of everyone who has withstood, who is fighting and working, and will surely bring freedom to our entire land – address by the President of Ukraine",
				published: date("2024-03-31T00:00:00Z"), contains: "Borodyanka, Bucha, Irpin, Hostomel, Moshchun"},
			{name: "testdata/president-ua.jsonl:2", outlet: "President of Ukraine", url: "https://www.president.gov.ua/en/news/nagalni-prioriteti-poziciyi-na-fronti-fizichnij-zahist-lyude-90769",
				published: date("2024-05-08T00:00:00Z"), contains: "Vinnytsia, Ivano-Frankivsk, Lviv, Zaporizhzhia"},
			{name: "testdata/president-ua.jsonl:3", html: true, outlet: "President of Ukraine", url: "https://www.president.gov.ua/en/news/speeches?date-from=02-06-2022&date-to=02-06-2023&page=1",
				contains: "<p>All the details regarding our air defense system"},
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.input), func(t *testing.T) {
			items := collect(t, tt.input, tt.opt)
			if len(items) != len(tt.want) {
				for _, it := range items {
					t.Logf("got %s err=%v", it.Name, it.Err)
				}
				t.Fatalf("got %d items, want %d", len(items), len(tt.want))
			}
			for i, w := range tt.want {
				w.check(t, items[i])
			}
		})
	}
}

func TestJSONLIDs(t *testing.T) {
	items := collect(t, "testdata/president-ua.jsonl", Options{JSONL: true})
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	if got, want := strings.Join(ids, ","), "ua-2024-03-31,17,ua-staff"; got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
}

// A file named .jsonl (or .ndjson) is a batch without being told; the same
// lines named .txt are text, kept verbatim.
func TestJSONLByName(t *testing.T) {
	items := collect(t, "testdata/president-ua.jsonl", Options{})
	if len(items) != 3 || items[0].ID != "ua-2024-03-31" {
		t.Fatalf("got %d items (first id %q), want the batch's 3", len(items), items[0].ID)
	}
	raw, err := os.ReadFile("testdata/president-ua.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, n := range map[string]int{"batch.ndjson": 3, "batch.txt": 1} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, raw, 0o644)
		if got := len(collect(t, p, Options{})); got != n {
			t.Errorf("%s: %d items, want %d", name, got, n)
		}
	}
}

// The plain-text sample must come through byte for byte.
func TestTextIsVerbatim(t *testing.T) {
	raw, err := os.ReadFile("testdata/blinken-press.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bom := filepath.Join(dir, "bom.txt")
	crlf := filepath.Join(dir, "crlf.txt")
	os.WriteFile(bom, append([]byte("\xEF\xBB\xBF"), raw...), 0o644)
	os.WriteFile(crlf, bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n")), 0o644)
	for _, tt := range []struct {
		path string
		want string
	}{
		{"testdata/blinken-press.txt", string(raw)},
		{bom, string(raw)}, // only the byte order mark goes
		{crlf, strings.ReplaceAll(string(raw), "\n", "\r\n")},
	} {
		items := collect(t, tt.path, Options{})
		if len(items) != 1 || items[0].Text != tt.want {
			t.Errorf("%s: text not kept verbatim", tt.path)
		}
	}
}

func TestStdin(t *testing.T) {
	page, _ := os.ReadFile("testdata/dod-donbas.html")
	text, _ := os.ReadFile("testdata/blinken-press.txt")
	batch, _ := os.ReadFile("testdata/president-ua.jsonl")
	warc, _ := os.ReadFile("testdata/dodnews.warc.gz")
	tests := []struct {
		name  string
		in    []byte
		jsonl bool
		n     int
		html  bool
	}{
		{"html", page, false, 1, true},
		{"text", text, false, 1, false},
		{"jsonl", batch, true, 3, false},
		{"warc.gz", warc, false, 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := collect(t, "-", Options{Stdin: bytes.NewReader(tt.in), JSONL: tt.jsonl})
			if len(items) != tt.n {
				t.Fatalf("got %d items, want %d", len(items), tt.n)
			}
			if items[0].Err != nil || (items[0].HTML != "") != tt.html {
				t.Errorf("first item: err %v, html %v, want html %v", items[0].Err, items[0].HTML != "", tt.html)
			}
			if !strings.HasPrefix(items[0].Name, "stdin") {
				t.Errorf("name %q does not say stdin", items[0].Name)
			}
		})
	}
}

func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"dod-donbas.html", "blinken-press.txt", "voanews.atom"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		sub := dir
		if f == "voanews.atom" {
			sub = filepath.Join(dir, "feeds")
			os.Mkdir(sub, 0o755)
		}
		os.WriteFile(filepath.Join(sub, f), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("skipped"), 0o644)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref: refs/heads/main"), 0o644)

	var names []string
	for _, it := range collect(t, dir, Options{}) {
		if it.Err != nil {
			t.Errorf("unexpected error: %v", it.Err)
		}
		names = append(names, strings.TrimPrefix(it.Name, dir+string(filepath.Separator)))
	}
	want := []string{"blinken-press.txt", "dod-donbas.html", filepath.Join("feeds", "voanews.atom") + "#1"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("items %q, want %q (sorted, recursive, hidden skipped)", names, want)
	}
}

// Read goes on past a bad input.
func TestReadGoesOn(t *testing.T) {
	var names []string
	var failed int
	for it := range Read(context.Background(), []string{"testdata/nope.txt", "testdata/blinken-press.txt"}, Options{}) {
		names = append(names, it.Name)
		if it.Err != nil {
			failed++
		}
	}
	if len(names) != 2 || failed != 1 || names[1] != "testdata/blinken-press.txt" {
		t.Errorf("got %q with %d failures, want the missing file failed and the text read", names, failed)
	}
}

// junk is reproducible random bytes.
func junk(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

func TestBrokenFiles(t *testing.T) {
	page, _ := os.ReadFile("testdata/dod-donbas.html")
	rss, _ := os.ReadFile("testdata/dodnews.rss")
	text, _ := os.ReadFile("testdata/blinken-press.txt")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x06\x00\x00\x00")

	tests := []struct {
		file    string
		content []byte
		errText string
	}{
		{"latin1.txt", append(text[:200:200], "Kyiv caf\xe9 shelled"...), "not valid UTF-8 (bad byte at offset 208) and declares no charset"},
		{"nolabel.html", []byte("<html><body><p>Kharkiv \xff\xfe shelled</p></body></html>"), "not valid UTF-8"},
		{"junk.bin", junk(5000), "binary data"},
		{"junk.txt", append([]byte("Kherson\n"), bytes.Repeat([]byte{0x01, 0x02, 0x03}, 300)...), "binary data, not text (900 control characters)"},
		{"image.html", png, "binary data (image/png)"},
		{"headonly.html", []byte("<!DOCTYPE html><html><head><title>Russians Shifting Their Fighting Focus</title><script>var x = 1;</script></head></html>"), "HTML page with no body text"},
		{"emptybody.html", bytes.Replace(page, page[bytes.Index(page, []byte("<body>")):bytes.Index(page, []byte("</body>"))], []byte("<body>"), 1), "no body text"},
		{"empty.txt", nil, "is empty"},
		{"blank.txt", []byte("\n\n   \n"), "has no text"},
		{"notawarc.warc", text, "does not begin with a WARC record"},
		{"old.arc", []byte("filedesc://IA-001102.arc 0 19960923142103 text/plain 76\n"), "ARC archive"},
		{"truncated.rss", rss[:len(rss)/2], "not a valid feed"},
		{"nested.txt.gz", gz(gz(text)), "binary data"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			items := collect(t, p, Options{})
			if len(items) != 1 || items[0].Err == nil {
				t.Fatalf("got %d items (first err %v), want one failure", len(items), firstErr(items))
			}
			if !strings.Contains(items[0].Err.Error(), tt.errText) {
				t.Errorf("error %q lacks %q", items[0].Err, tt.errText)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		items := collect(t, filepath.Join(dir, "missing.html"), Options{})
		if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "no such file") {
			t.Errorf("got %v, want a no-such-file failure", firstErr(items))
		}
	})
}

func firstErr(items []Item) error {
	if len(items) == 0 {
		return nil
	}
	return items[0].Err
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// A charset that is declared explains bytes that are not UTF-8.
func TestDeclaredCharsets(t *testing.T) {
	cp1251 := "\xd1\xe5\xe2\xe5\xf0\xee\xe4\xee\xed\xe5\xf6\xea" // "Северодонецк" in Windows-1251
	tests := []struct {
		file, content, want string
	}{
		{"meta.html", `<html><head><meta charset="windows-1251"></head><body><p>` + cp1251 + `</p></body></html>`, "Северодонецк"},
		{"equiv.html", `<html><head><meta http-equiv="content-type" content="text/html; charset=cp1251"></head><body>` + cp1251 + `</body></html>`, "Северодонецк"},
		{"xhtml.html", `<?xml version="1.0" encoding="windows-1251"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>` + cp1251 + `</p></body></html>`, "Северодонецк"},
		{"utf16.txt", "\xff\xfeK\x00y\x00i\x00v\x00", "Kyiv"},
		{"late-meta.html", `<html><head><meta charset="utf-16"></head><body>Kyiv</body></html>`, "Kyiv"}, // utf-16 in a readable page means utf-8
		{"stray.html", `<html><head><meta charset="utf-8"></head><body>Kyiv` + "\xff" + `</body></html>`, "Kyiv\uFFFD"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		p := filepath.Join(dir, tt.file)
		os.WriteFile(p, []byte(tt.content), 0o644)
		items := collect(t, p, Options{})
		if len(items) != 1 || items[0].Err != nil {
			t.Errorf("%s: got %d items, err %v", tt.file, len(items), firstErr(items))
			continue
		}
		if doc := items[0].Text + items[0].HTML; !strings.Contains(doc, tt.want) {
			t.Errorf("%s: %q lacks %q", tt.file, doc, tt.want)
		}
	}
}

// countingOpen makes openFile count the bytes read from files, until the
// test ends.
func countingOpen(t *testing.T) *int64 {
	var n int64
	old := openFile
	openFile = func(name string) (io.ReadCloser, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		return struct {
			io.Reader
			io.Closer
		}{readerFunc(func(p []byte) (int, error) {
			k, err := f.Read(p)
			n += int64(k)
			return k, err
		}), f}, nil
	}
	t.Cleanup(func() { openFile = old })
	return &n
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// A 200 MB file is refused from its size, having read only what sniffing needs.
func TestHugeFile(t *testing.T) {
	read := countingOpen(t)
	dir := t.TempDir()
	for _, name := range []string{"huge.txt", "huge.html", "huge.xml", "huge.jsonl"} {
		p := filepath.Join(dir, name)
		start := []byte("Izyum, April 11 — Lines of Russian vehicles are headed toward the city.\n")
		if name == "huge.jsonl" {
			start = []byte(`{"id": 1, "text": "` + strings.Repeat("Kherson ", 1<<20))
		}
		if err := os.WriteFile(p, start, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, 200<<20); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		*read = 0
		opt := Options{JSONL: name == "huge.jsonl", MaxBytes: 1 << 20}
		items := collect(t, p, opt)
		if len(items) != 1 || items[0].Err == nil {
			t.Fatalf("%s: got %d items, want one failure", name, len(items))
		}
		if !strings.Contains(items[0].Err.Error(), "cap of 1 MiB") && !strings.Contains(items[0].Err.Error(), "capped at 1 MiB") {
			t.Errorf("%s: error %q does not name the cap", name, items[0].Err)
		}
		// A JSONL batch streams, so it reads on line by line; its one line
		// is skipped, never held, but has to be read to find its end.
		limit := int64(128 << 10)
		if opt.JSONL {
			limit = 200 << 20
		}
		if *read > limit {
			t.Errorf("%s: read %d bytes of a 200 MB file", name, *read)
		}
		t.Logf("%s: %v after reading %d bytes", name, items[0].Err, *read)
	}
}

// zeros returns a gzip member that inflates to n zero bytes.
func zeros(n int) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(make([]byte, n))
	zw.Close()
	return buf.Bytes()
}

// gzip bombs: members of zeros that inflate to 4 GiB, built in a few MB.
func TestGzipBombs(t *testing.T) {
	member := zeros(64 << 20)
	bomb := func(first []byte) []byte {
		b := gz(first)
		for range 64 { // 64 × 64 MiB = 4 GiB
			b = append(b, member...)
		}
		return b
	}
	tests := []struct {
		file    string
		content []byte
		errText string
	}{
		// A record that declares 4 GiB: refused by the cap, then skipped
		// until the inflation ratio gives the bomb away.
		{"huge-record.warc.gz", bomb([]byte("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\nContent-Length: 4294967296\r\n\r\n")), "gzip bomb"},
		// A good header, then zeros where records should be.
		{"junk-after.warc.gz", bomb([]byte("WARC/1.1\r\nWARC-Type: metadata\r\nContent-Length: 2\r\n\r\nok\r\n\r\n")), "no WARC record found in the 1 MiB"},
		// A page that never ends.
		{"page.html.gz", bomb([]byte("<html><body><p>Kherson</p>")), "binary data"},
		{"spaces.txt.gz", append(gz([]byte("Kherson")), gz(bytes.Repeat([]byte(" "), 64<<20))...), "larger than the cap of 1 MiB"},
	}
	dir := t.TempDir()
	read := countingOpen(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := filepath.Join(dir, tt.file)
			os.WriteFile(p, tt.content, 0o644)
			*read = 0
			items := collect(t, p, Options{MaxBytes: 1 << 20})
			last := items[len(items)-1]
			if last.Err == nil || !strings.Contains(last.Err.Error(), tt.errText) {
				t.Fatalf("last item error %v, want one containing %q", last.Err, tt.errText)
			}
			// Stopped near the cap: a small part of the compressed file read.
			if *read > int64(len(tt.content))/4 && *read > 256<<10 {
				t.Errorf("read %d of %d compressed bytes", *read, len(tt.content))
			}
		})
	}
}

// A consumer may stop after any item (range-over-func panics if an iterator
// yields after that), and a cancelled context stops every reader.
func TestStopEarly(t *testing.T) {
	for _, tt := range []struct {
		input string
		opt   Options
	}{
		{"testdata/dodnews.warc", Options{}},
		{"testdata/dodnews.warc.gz", Options{}},
		{"testdata/dodnews.rss", Options{}},
		{"testdata/president-ua.jsonl", Options{JSONL: true}},
		{"testdata", Options{}},
	} {
		n := 0
		for range Open(context.Background(), tt.input, tt.opt) {
			n++
			break
		}
		ctx, cancel := context.WithCancel(context.Background())
		m := 0
		for range Open(ctx, tt.input, tt.opt) {
			m++
			cancel()
		}
		cancel()
		if n != 1 || m != 1 {
			t.Errorf("%s: %d items after break, %d after cancel; want 1 and 1", tt.input, n, m)
		}
	}
}

// Russian text in Windows-1251 or KOI8-R that declares no charset is recognised by
// its letter statistics; undeclared Latin text with stray bytes stays an error.
func TestUndeclaredCyrillicDetected(t *testing.T) {
	page, err := os.ReadFile("testdata/golos-1251.html")
	if err != nil {
		t.Fatal(err)
	}
	// The same page with its declaration removed, in both legacy encodings.
	undeclared := bytes.Replace(page, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`), nil, 1)
	utf, err := charmap.Windows1251.NewDecoder().Bytes(undeclared)
	if err != nil {
		t.Fatal(err)
	}
	koi, err := encoding.ReplaceUnsupported(charmap.KOI8R.NewEncoder()).Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"cp1251.html": undeclared, "koi8r.html": koi} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		items := collect(t, p, Options{})
		if len(items) != 1 || items[0].Err != nil || !strings.Contains(items[0].HTML, "потеряли в Северодонецке") {
			t.Errorf("%s: %+v", name, items)
		}
	}
}
