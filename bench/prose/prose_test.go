package prose

import (
	"os"
	"strings"
	"testing"

	prose "github.com/jdkato/prose/v2"
	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

func newsText(tb testing.TB) string {
	var b strings.Builder
	for _, f := range []string{"founding.txt", "news.txt"} {
		data, err := os.ReadFile("../../internal/nlp/testdata/" + f)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n\n")
	}
	return b.String()
}

// proseType maps prose's labels onto sitrep's.
func proseType(l string) string {
	switch l {
	case "PERSON":
		return "PER"
	case "GPE", "LOC", "LOCATION":
		return "LOC"
	case "ORG", "ORGANIZATION":
		return "ORG"
	}
	return l
}

// entityF1 scores (text, type) pairs per sentence of UNER-EWT test, since prose
// gives no offsets: both systems read each sentence as its tokens joined by spaces.
func entityF1(tb testing.TB, find func(text string) []string) float64 {
	dir, err := treebank.Dir("../..") // the main module, beside which shared/ lies
	if err != nil {
		tb.Skip(err)
	}
	sents, err := treebank.IOB2(dir, treebank.UNERTest)
	if err != nil {
		tb.Fatal(err)
	}
	correct, gold, sys := 0, 0, 0
	for _, s := range sents {
		want := map[string]int{}
		for _, e := range conllu.SpansFromBIO(s.Tags) {
			want[strings.Join(s.Forms[e.Start:e.End], " ")+"/"+e.Type]++
			gold++
		}
		for _, g := range find(strings.Join(s.Forms, " ")) {
			sys++
			if want[g] > 0 {
				want[g]--
				correct++
			}
		}
	}
	return 200 * float64(correct) / float64(gold+sys)
}

func sitrepEntities(text string) []string {
	var out []string
	d := nlp.AnnotateWith(text, nil, nlp.Options{NoParse: true})
	for _, e := range d.Ents {
		if e.Type == "PER" || e.Type == "LOC" || e.Type == "ORG" {
			var words []string
			for i := e.First; i <= e.Last; i++ {
				words = append(words, d.Tokens[i].Text)
			}
			out = append(out, strings.Join(words, " ")+"/"+e.Type)
		}
	}
	return out
}

func proseEntities(text string) []string {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range doc.Entities() {
		if t := proseType(e.Label); t == "PER" || t == "LOC" || t == "ORG" {
			out = append(out, e.Text+"/"+t)
		}
	}
	return out
}

// BenchmarkCompare reports, for each system, tokens per second on mixed news text
// (tokens as sitrep counts them) and entity F1 on UNER-EWT test.
func BenchmarkCompare(b *testing.B) {
	text := newsText(b)
	if _, err := nlp.Load(); err != nil {
		b.Fatal(err)
	}
	n := len(nlp.AnnotateWith(text, nil, nlp.Options{NoParse: true, NoEntities: true}).Tokens)
	b.StopTimer()
	// F1 is computed once per system, outside the timed loops.
	sitrepF1, proseF1 := entityF1(b, sitrepEntities), entityF1(b, proseEntities)
	b.StartTimer()
	b.Run("sitrep", func(b *testing.B) {
		for range b.N {
			nlp.AnnotateWith(text, nil, nlp.Options{NoParse: true})
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
		b.ReportMetric(sitrepF1, "F1")
	})
	b.Run("sitrep+parse", func(b *testing.B) {
		for range b.N {
			nlp.AnnotateWith(text, nil, nlp.Options{})
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
	})
	b.Run("prose", func(b *testing.B) {
		for range b.N {
			if _, err := prose.NewDocument(text); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
		b.ReportMetric(proseF1, "F1")
	})
}

func TestSameText(t *testing.T) {
	// Both systems must find something in the founding article, or the comparison
	// above is empty.
	text := newsText(t)
	if _, err := nlp.Load(); err != nil {
		t.Fatal(err)
	}
	if len(sitrepEntities(text)) == 0 || len(proseEntities(text)) == 0 {
		t.Error("a system found no entities")
	}
}
