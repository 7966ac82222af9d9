package input

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestURLs(t *testing.T) {
	koi8 := readSample(t, "golos-koi8r.rss")
	// The same feed without its XML declaration: only the HTTP header names
	// the charset.
	koi8NoDecl := koi8[bytes.Index(koi8, []byte("?>"))+2:]
	page1251 := readSample(t, "golos-1251.html")
	page1251NoMeta := bytes.Replace(page1251, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`), nil, 1)

	serve := func(ctype string, body []byte, extra ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if ctype != "" {
				w.Header().Set("Content-Type", ctype)
			}
			for i := 0; i+1 < len(extra); i += 2 {
				w.Header().Set(extra[i], extra[i+1])
			}
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/news/donbas", serve("text/html; charset=utf-8", readSample(t, "dod-donbas.html"), "Content-Language", "en-US"))
	mux.Handle("/old/donbas", http.RedirectHandler("/news/donbas", http.StatusMovedPermanently))
	mux.Handle("/golos.html", serve("text/html; charset=windows-1251", page1251NoMeta))
	mux.Handle("/feed", serve("application/rss+xml; charset=koi8-r", koi8NoDecl))
	mux.Handle("/crawl.warc.gz", serve("application/warc", readSample(t, "dodnews.warc.gz")))
	mux.Handle("/remarks", serve("text/plain; charset=utf-8", readSample(t, "blinken-press.txt")))
	mux.Handle("/batch", serve("application/x-ndjson", readSample(t, "president-ua.jsonl")))
	mux.Handle("/photo", serve("image/png", []byte("\x89PNG\r\n\x1a\n")))
	mux.Handle("/big", serve("text/plain", bytes.Repeat([]byte("Kherson "), 1<<16)))
	mux.Handle("/bomb", serve("text/html", append(gz([]byte("<html><body>")), gz(bytes.Repeat([]byte(" "), 64<<20))...), "Content-Encoding", "gzip"))
	mux.Handle("/missing", http.NotFoundHandler())
	srv := httptest.NewServer(mux)
	defer srv.Close()

	allow := Options{AllowPrivate: true}
	tests := []struct {
		path     string
		opt      Options
		n        int
		contains string // in the first item's document
		url      string // of the first item
		lang     string
		errText  string // in the first item's error
	}{
		{path: "/old/donbas", opt: allow, n: 1, contains: "Mariupol and Mykolaiv are still in Ukrainian control", url: srv.URL + "/news/donbas", lang: "en-US"},
		{path: "/golos.html", opt: allow, n: 1, contains: "ранее потеряли в Северодонецке", url: srv.URL + "/golos.html"},
		{path: "/feed", opt: allow, n: 2, contains: "отвоевали 20% от той территории", url: golos1URL, lang: "ru"},
		{path: "/crawl.warc.gz", opt: allow, n: 4, contains: "Lines of Russian vehicles are now headed toward Izyum", url: focusURL},
		{path: "/remarks", opt: allow, n: 1, contains: "Babin Yar Holocaust Memorial", url: srv.URL + "/remarks"},
		{path: "/batch", opt: Options{AllowPrivate: true, JSONL: true}, n: 3, contains: "Borodyanka, Bucha", url: "https://www.president.gov.ua/en/news/speeches"},
		{path: "/photo", opt: allow, n: 1, errText: "content type image/png, which is not text"},
		{path: "/big", opt: Options{AllowPrivate: true, MaxBytes: 100 << 10}, n: 1, errText: "larger than the cap of 100 KiB"},
		{path: "/bomb", opt: Options{AllowPrivate: true, MaxBytes: 1 << 20}, n: 1, errText: "larger than the cap of 1 MiB"},
		{path: "/missing", opt: allow, n: 1, errText: "server answered 404 Not Found"},
		{path: "/news/donbas", opt: Options{}, n: 1, errText: "refusing to connect to 127.0.0.1, a loopback address"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			name := srv.URL + tt.path
			items := collect(t, name, tt.opt)
			if len(items) != tt.n {
				t.Fatalf("got %d items (first err %v), want %d", len(items), firstErr(items), tt.n)
			}
			it := items[0]
			if tt.errText != "" {
				if it.Err == nil || !strings.Contains(it.Err.Error(), tt.errText) || !strings.Contains(it.Err.Error(), name) {
					t.Errorf("got error %v, want one naming %s and containing %q", it.Err, name, tt.errText)
				}
				return
			}
			if it.Err != nil {
				t.Fatalf("unexpected error: %v", it.Err)
			}
			if doc := it.Text + it.HTML; !strings.Contains(doc, tt.contains) {
				t.Errorf("document lacks %q", tt.contains)
			}
			if it.URL != tt.url || it.Language != tt.lang {
				t.Errorf("url %q language %q, want %q %q", it.URL, it.Language, tt.url, tt.lang)
			}
		})
	}
}

func TestHostileSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "gopher://example.org:70/1", "ftp://ftp.example.org/pub/x", "data://text/plain,hi"} {
		items := collect(t, u, Options{AllowPrivate: true})
		if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "unsupported URL scheme") {
			t.Errorf("%s: got %v, want an unsupported-scheme failure", u, firstErr(items))
		}
	}
}
