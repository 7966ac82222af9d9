package picture_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/testutil"
)

// realTexts are the founding article and the news-dev texts: real war reporting,
// each a different story.
func realTexts(t testing.TB) map[string]string {
	t.Helper()
	texts := map[string]string{"founding": testutil.FoundingArticle(t)}
	files, err := filepath.Glob(filepath.Join(testutil.SharedDir(t), "eval", "news-dev", "[0-9]*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("news-dev: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if d.Text != "" {
			texts["news-dev/"+d.ID] = d.Text
		}
	}
	return texts
}

// copies are what syndication and updates do to a story.
var copies = []struct {
	name string
	edit func(string) string
}{
	{"wire credit", func(s string) string {
		return "KYIV (Reuters) -\n\n" + s + "\n\nReporting by staff; editing by the desk."
	}},
	{"straight quotes", func(s string) string {
		return strings.NewReplacer("“", `"`, "”", `"`, "’", "'", "—", "-").Replace(s)
	}},
	{"update: paragraph added", func(s string) string {
		return s + "\n\nUPDATE: Officials later said the situation in the area remained tense and that further statements were expected on Monday."
	}},
	{"cut to 85%", func(s string) string {
		w := strings.Fields(s)
		return strings.Join(w[:len(w)*85/100], " ")
	}},
	{"last paragraph dropped", func(s string) string {
		if i := strings.LastIndex(strings.TrimSpace(s), "\n"); i > len(s)/2 {
			return s[:i]
		}
		return s
	}},
}

// Every copy is near its original; no two different stories are near each other.
// Pairwise precision and recall over all pairs of originals and copies.
func TestNearDuplicates(t *testing.T) {
	texts := realTexts(t)
	type doc struct {
		story, name string
		sig         picture.Signature
	}
	var docs []doc
	for id, text := range texts {
		docs = append(docs, doc{id, id, picture.MinHash(text)})
		for _, c := range copies {
			docs = append(docs, doc{id, id + " / " + c.name, picture.MinHash(c.edit(text))})
		}
	}
	var tp, fp, fn int
	minSame, maxDiff := 1.0, 0.0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			d := picture.Similarity(&docs[i].sig, &docs[j].sig)
			same := docs[i].story == docs[j].story
			if same {
				minSame = min(minSame, d)
			} else {
				maxDiff = max(maxDiff, d)
			}
			switch near := picture.Near(&docs[i].sig, &docs[j].sig); {
			case near && same:
				tp++
			case near:
				fp++
				t.Errorf("%s and %s: similarity %.2f, taken for copies", docs[i].name, docs[j].name, d)
			case same:
				fn++
				t.Errorf("%s and %s: similarity %.2f, copies missed", docs[i].name, docs[j].name, d)
			}
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("%d documents (%d stories): pairwise precision %.3f, recall %.3f; copies at least %.2f similar, different stories at most %.2f",
		len(docs), len(texts), precision, recall, minSame, maxDiff)
}

func TestMinHash(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Ukrainian forces retook the village of Kamianka near Izium on Monday.", "UKRAINIAN forces retook the village of “Kamianka” near Izium, on Monday"},
		{"", ""},
		{"Izium", "izium"},
	}
	for _, tt := range tests {
		a, b := picture.MinHash(tt.a), picture.MinHash(tt.b)
		if a != b {
			t.Errorf("%q and %q: signatures differ", tt.a, tt.b)
		}
	}
	a := picture.MinHash(testutil.FoundingArticle(t))
	if picture.Similarity(&a, new(picture.MinHash(""))) != 0 {
		t.Error("the founding article is similar to the empty text")
	}
	b, _ := a.MarshalBinary()
	var back picture.Signature
	if err := back.UnmarshalBinary(b); err != nil || back != a {
		t.Errorf("round trip: %v", err)
	}
	if err := back.UnmarshalBinary(b[1:]); err == nil {
		t.Error("short signature accepted")
	}
}

func ExampleMinHash() {
	a := picture.MinHash("Ukrainian forces have retaken several villages north of Kharkiv, the regional governor said on Friday, as Russian troops withdrew toward the border.")
	b := picture.MinHash("KHARKIV (Reuters) - Ukrainian forces have retaken several villages north of Kharkiv, the regional governor said on Friday, as Russian troops withdrew toward the border.")
	c := picture.MinHash("Russia announced new sanctions against Western officials on Friday, the foreign ministry said.")
	fmt.Println(picture.Near(&a, &b), picture.Near(&a, &c))
	// Output: true false
}
