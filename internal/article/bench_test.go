package article

import (
	"testing"

	"github.com/sitrep/sitrep/internal/input"
)

// BenchmarkExtractHTML measures main-text and metadata extraction on a news page
// built around the founding article (about 6 KB of story in 10 KB of page).
func BenchmarkExtractHTML(b *testing.B) {
	paras := storyParagraphsB(b)
	doc := page(paras, `<link rel="canonical" href="https://sofrep.com/news/x/"><meta property="article:published_time" content="2022-05-16T08:30:00Z">`)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(input.Item{Name: "bench.html", HTML: doc}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkExtractText measures plain-text records (debris marking, hashing).
func BenchmarkExtractText(b *testing.B) {
	text := foundingB(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Extract(input.Item{Name: "bench.txt", Text: text}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
