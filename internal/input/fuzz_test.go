package input

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Fuzzers feed arbitrary bytes to each parser entry point. Whatever the input,
// nothing may panic or hang, and every item must keep the contract (checkItem).

func addSamples(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
}

func fuzzOpt() Options { return Options{MaxBytes: 256 << 10} }

// FuzzSniff runs the whole dispatch — gzip, sniffing, charset decoding, and
// whichever reader the bytes call for — under each file extension.
func FuzzSniff(f *testing.F) {
	addSamples(f, "dod-donbas.html", "blinken-press.txt", "golos-1251.html", "dodnews.rss", "dodnews.warc.gz")
	f.Add([]byte("\xFF\xFEK\x00y\x00i\x00v\x00"))
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><html><body>x</body></html>`))
	exts := []string{"", ".txt", ".html", ".xml", ".warc"}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ext := range exts {
			src := source{name: "fuzz" + ext, ext: ext, r: bytes.NewReader(data), size: int64(len(data))}
			readStream(context.Background(), src, fuzzOpt(), func(it Item) bool {
				checkItem(t, it)
				return true
			})
		}
	})
}

func FuzzFeed(f *testing.F) {
	addSamples(f, "dodnews.rss", "voanews.atom", "golos-1251.rss", "golos-koi8r.rss")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeUTF8(data, "", kindFeed)
		if err != nil {
			return
		}
		readFeed(context.Background(), "fuzz.xml", doc, "", func(it Item) bool {
			checkItem(t, it)
			return true
		})
	})
}

func FuzzWARC(f *testing.F) {
	addSamples(f, "dodnews.warc")
	f.Add(rawRecord("response", "https://www.defense.gov/x", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n0\r\n\r\n"))
	f.Add(rawRecord("resource", "https://www.defense.gov/y", "<p>Kherson</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		readWARC(context.Background(), "fuzz.warc", bytes.NewReader(data), false, fuzzOpt(), func(it Item) bool {
			checkItem(t, it)
			return true
		})
	})
}

func FuzzJSONL(f *testing.F) {
	addSamples(f, "president-ua.jsonl")
	f.Add([]byte(`{"id": 1.5e3, "html": "<p>x</p>", "published": "2022-11-14T15:04:05Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		readJSONL(context.Background(), "fuzz.jsonl", bytes.NewReader(data), fuzzOpt(), func(it Item) bool {
			checkItem(t, it)
			return true
		})
	})
}
