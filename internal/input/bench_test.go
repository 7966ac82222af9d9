package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeBigWARC writes a crawl of about size bytes: news pages of about 30 KB
// (the DOD sample with its story repeated and numbered), each after its
// request, and an image response after every fifth page. With gz every record
// is its own gzip member, as crawlers write .warc.gz. It returns the number of
// records and of pages.
func writeBigWARC(tb testing.TB, path string, size int64, gz bool) (records, pages int) {
	tb.Helper()
	page := readSample(tb, "dod-donbas.html")
	i := bytes.Index(page, []byte("<div class=\"body\">"))
	j := bytes.Index(page, []byte("</div>\n</article>"))
	head, story, tail := page[:i], page[i:j], page[j:]
	img := make([]byte, 20<<10)
	r := rand.New(rand.NewPCG(3, 4))
	for k := range img {
		img[k] = byte(r.UintN(256))
	}

	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	var zw *gzip.Writer
	if gz {
		zw, _ = gzip.NewWriterLevel(w, gzip.BestSpeed)
	}
	var written int64
	emit := func(rec []byte) {
		records++
		written += int64(len(rec))
		if !gz {
			w.Write(rec)
			return
		}
		zw.Reset(w)
		zw.Write(rec)
		zw.Close()
	}
	var body bytes.Buffer
	for n := 1; written < size; n++ {
		uri := fmt.Sprintf("https://www.defense.gov/News/News-Stories/Article/Article/%d/", 3200000+n)
		body.Reset()
		body.Write(head)
		for k := 0; body.Len() < 30<<10; k++ {
			fmt.Fprintf(&body, "<h2>Update %d.%d</h2>\n", n, k)
			body.Write(story)
		}
		body.Write(tail)
		emit(rawRecord("request", uri, "GET / HTTP/1.1\r\nHost: www.defense.gov\r\n\r\n"))
		emit(rawRecord("response", uri, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", body.Len(), body.Bytes())))
		pages++
		if n%5 == 0 {
			emit(rawRecord("response", uri+"photo.jpg", "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n"+string(img)))
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return records, pages
}

// BenchmarkReadWARC reads a 100 MB WARC record by record. MB/s counts the
// uncompressed archive; peak memory is for /usr/bin/time -v (see README).
func BenchmarkReadWARC(b *testing.B) {
	const size = 100 << 20
	for _, gz := range []bool{false, true} {
		name := "warc"
		if gz {
			name = "warc.gz"
		}
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "crawl."+name)
			records, pages := writeBigWARC(b, path, size, gz)
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				n := 0
				for it := range Open(context.Background(), path, Options{}) {
					if it.Err != nil {
						b.Fatal(it.Err)
					}
					n++
				}
				if n != pages {
					b.Fatalf("read %d pages, want %d", n, pages)
				}
			}
			b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkReadJSONL reads a batch of 2,000 documents.
func BenchmarkReadJSONL(b *testing.B) {
	var batch bytes.Buffer
	for _, line := range bytes.Split(bytes.TrimSpace(readSample(b, "president-ua.jsonl")), []byte("\n")) {
		for range 700 {
			batch.Write(line)
			batch.WriteByte('\n')
		}
	}
	b.SetBytes(int64(batch.Len()))
	for b.Loop() {
		for it := range Open(context.Background(), "-", Options{JSONL: true, Stdin: bytes.NewReader(batch.Bytes())}) {
			if it.Err != nil {
				b.Fatal(it.Err)
			}
		}
	}
}
