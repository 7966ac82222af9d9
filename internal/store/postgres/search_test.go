package postgres

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/testutil"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Izyum", "izyum"},
		{"Černochová", "cernochova"},
		{"ČERNOCHOVÁ", "cernochova"},
		{"ІЗЮМ", "ізюм"},
		{"Kharkiv", "kharkiv"},
		// й and ї lose their marks too; documents and queries fold alike, so
		// Київ still finds Київ.
		{"Київ", "киів"},
	} {
		if got := fold(c.in); got != c.want {
			t.Errorf("fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, c := range []struct {
		in, want string // want "" means ErrBadQuery
	}{
		{"Izyum", "(('izyum'))"},
		{"Lyman Kupiansk", "(('lyman') & ('kupiansk'))"},
		{"Reznikov OR Cernochova", "(('reznikov')) | (('cernochova'))"},
		{"a b OR c", "(('a') & ('b')) | (('c'))"},
		{`"Velyka Novosilka"`, "(('velyka' <-> 'novosilka'))"},
		{"Kupians*", "(('kupians':*))"},
		{`"Велика Комиш"*`, "(('велика' <-> 'комиш':*))"},
		{"Слов'янськ", "(('слов' <-> 'янськ'))"},
		{"Izyum)", "(('izyum'))"},
		{`"Izyum`, "(('izyum'))"},
		{"Izyum OR", "(('izyum'))"},
		{"OR Izyum", "(('izyum'))"},
		{"Izyum Izyum izyum", "(('izyum'))"},
		{"Izyum\x00\xff", "(('izyum'))"},
		{`it's`, "(('it' <-> 's'))"},
		{`""`, ""},
		{`***`, ""},
		{`OR`, ""},
		{`()`, ""},
		{`"" OR ""`, ""},
		{`-`, ""},
		{`* OR *`, ""},
		{strings.Repeat("x", 10000), ""},
		{strings.Repeat("w", 1) + strings.Repeat(" v", 100), "(('w') & ('v'))"},
	} {
		q, err := parseQuery(c.in)
		if c.want == "" {
			if !errors.Is(err, store.ErrBadQuery) {
				t.Errorf("parse %.40q: got %v, %v; want ErrBadQuery", c.in, q, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("parse %.40q: %v", c.in, err)
			continue
		}
		if got := q.tsquery(); got != c.want {
			t.Errorf("parse %.40q: tsquery %s, want %s", c.in, got, c.want)
		}
	}
}

func TestTSVectorLimits(t *testing.T) {
	long := strings.Repeat("x", maxWordBytes+1)
	v := tsvector("Izyum " + long + " Izyum " + strings.Repeat("war ", 20000))
	words := map[string][]int{}
	for _, l := range v.Lexemes {
		for _, p := range l.Positions {
			words[l.Word] = append(words[l.Word], int(p.Position))
		}
	}
	if got := words["izyum"]; len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("izyum at %v, want [1 3]: a skipped long word still takes its position", got)
	}
	if _, ok := words[long]; ok {
		t.Error("a word over the limit was indexed")
	}
	war := words["war"]
	if len(war) != maxPositions {
		t.Errorf("war: %d positions, want the cap %d", len(war), maxPositions)
	}
	for _, p := range war {
		if p > maxPosition {
			t.Fatalf("position %d beyond %d", p, maxPosition)
		}
	}
}

func TestOpening(t *testing.T) {
	article := testutil.FoundingArticle(t)
	for _, c := range []struct{ name, text string }{
		{"founding article", article},
		{"short", "Izyum is retaken."},
		{"one enormous word", strings.Repeat("ж", 5000)},
		{"spaces first", "\n\n\t  " + article},
		{"CRLF", strings.ReplaceAll(article, "\n", "\r\n")},
	} {
		s := opening(c.text)
		n := utf8.RuneCountInString(s)
		if n == 0 || n > openingChars+2 {
			t.Errorf("%s: opening of %d characters: %q", c.name, n, s)
		}
		bare := strings.TrimSpace(strings.TrimSuffix(s, "…"))
		if !strings.HasPrefix(strings.Join(strings.Fields(c.text), " "), bare) {
			t.Errorf("%s: %q is not the opening of the text", c.name, s)
		}
		if more := len(strings.Fields(c.text)) > len(strings.Fields(bare)) || len(c.text) > 4*openingChars; more != strings.HasSuffix(s, "…") {
			t.Errorf("%s: %q: ellipsis %v, want %v", c.name, s, !more, more)
		}
	}
}

func TestAround(t *testing.T) {
	article := testutil.FoundingArticle(t)
	for _, c := range []struct{ query, want string }{
		{"Synehubov", "Synehubov"},
		{`"Siverskyi Donets"`, "Siverskyi Donets"},
		{"Vovchan*", "Vovchansk"},
		{"izium", "Izium"},
	} {
		q, err := parseQuery(c.query)
		if err != nil {
			t.Fatal(err)
		}
		s := around(article, q)
		if !strings.Contains(s, c.want) {
			t.Errorf("%s: snippet %q does not show %q", c.query, s, c.want)
		}
		if n := utf8.RuneCountInString(s); n > beforeChars+afterChars+4 {
			t.Errorf("%s: snippet of %d characters", c.query, n)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"Izyum", `"Velyka Novosilka"`, "Kupians* OR Ізюм", `"a" OR "`, "((", "x:*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := parseQuery(s)
		if err != nil {
			if !errors.Is(err, store.ErrBadQuery) {
				t.Fatalf("parse %q: %v is not ErrBadQuery", s, err)
			}
			return
		}
		ts := q.tsquery()
		if ts == "" || !utf8.ValidString(ts) || strings.IndexByte(ts, 0) >= 0 {
			t.Fatalf("parse %q: tsquery %q", s, ts)
		}
		around(s, q) // must not panic on any text
		opening(s)
	})
}
