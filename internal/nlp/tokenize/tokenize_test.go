package tokenize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func words(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			if t.Joined {
				b.WriteString("+")
			} else {
				b.WriteString(" | ")
			}
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Army Lt. Gen. Scott Berrier reported.", "Army | Lt. | Gen. | Scott | Berrier | reported | ."},
		{"the U.S. Army and the U.K.", "the | U.S. | Army | and | the | U.K."},
		{"KYIV, Ukraine — Russian forces", "KYIV | , | Ukraine | — | Russian | forces"},
		{"“Izium [Izyum] direction remains the hottest spot.”", "“ | Izium | [ | Izyum | ] | direction | remains | the | hottest | spot | . | ”"},
		{"win,” Head of", "win | , | ” | Head | of"},
		{"Russia’s forces don't can't won’t", "Russia+’s | forces | do+n't | ca+n't | wo+n’t"},
		{"the Russians aren’t winning, and we’re at", "the | Russians | are+n’t | winning | , | and | we+’re | at"},
		{"so-called ‘special operation’ has", "so | - | called | ‘ | special | operation | ’ | has"},
		{"the states' borders", "the | states+' | borders"},
		{"a counter-offensive in Russian-held Kherson", "a | counter-offensive | in | Russian | - | held | Kherson"},
		{"Russo-Ukrainian border", "Russo | - | Ukrainian | border"},
		{"as high as 1/3 of 1,000 troops at 10:30", "as | high | as | 1/3 | of | 1,000 | troops | at | 10:30"},
		{"see https://example.com/a-b?x=1. Then", "see | https://example.com/a-b?x=1 | . | Then"},
		{"mail press@mod.gov.ua, #Kharkiv @ISW", "mail | press@mod.gov.ua | , | #Kharkiv | @ISW"},
		{"Київ і Харків — міста України.", "Київ | і | Харків | — | міста | України | ."},
		{"$100 or 5% (approx.)", "$ | 100 | or | 5 | % | ( | approx. | )"},
		{"He cannot go... Really?!", "He | can+not | go | ... | Really | ?!"},
		{"Inc.. The", "Inc. | . | The"},
		{"I'm sure it's 9 a.m. now", "I+'m | sure | it+'s | 9 | a.m. | now"},
		{"in the '90s", "in | the | '90s"},
		{"", ""},
		{"   \n\t ", ""},
	}
	for _, tt := range tests {
		got := words(Tokenize(tt.in))
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

// checkOffsets asserts what every caller relies on: code-point offsets that are
// valid, increasing and non-overlapping, and that slice back to the token text.
func checkOffsets(t *testing.T, text string, toks []Token) {
	t.Helper()
	n := utf8.RuneCountInString(text)
	prevEnd, prevByte := 0, 0
	for i, tk := range toks {
		if tk.Start < prevEnd || tk.End <= tk.Start || tk.End > n {
			t.Fatalf("token %d %q: bad span [%d,%d) after %d (text of %d code points)", i, tk.Text, tk.Start, tk.End, prevEnd, n)
		}
		if tk.Byte < prevByte || tk.BEnd <= tk.Byte || tk.BEnd > len(text) || text[tk.Byte:tk.BEnd] != tk.Text {
			t.Fatalf("token %d %q: bad bytes [%d,%d)", i, tk.Text, tk.Byte, tk.BEnd)
		}
		if got := utf8.RuneCountInString(text[:tk.Byte]); got != tk.Start {
			t.Fatalf("token %d %q: Start %d, want %d", i, tk.Text, tk.Start, got)
		}
		if tk.End-tk.Start != utf8.RuneCountInString(tk.Text) {
			t.Fatalf("token %d %q: length %d", i, tk.Text, tk.End-tk.Start)
		}
		prevEnd, prevByte = tk.End, tk.BEnd
	}
}

func TestOffsets(t *testing.T) {
	for _, text := range []string{
		"“Izium [Izyum] direction remains the hottest spot,” he said.",
		"Київ, 13 травня — Збройні сили України.",
		"emoji 🇺🇦 and ❤️ mixed with U.S. text",
		"bad utf8 \xff\xfe here \xc3",
		"tabs\tand\r\nCRLF lines\u00a0nbsp\u200bzwsp",
	} {
		checkOffsets(t, text, Tokenize(text))
	}
}

func sentences(text string) []string {
	toks := Tokenize(text)
	var out []string
	for _, s := range Sentences(toks) {
		out = append(out, text[toks[s.Start].Byte:toks[s.End-1].BEnd])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Army Lt. Gen. Scott Berrier reported to the Senate. Zelensky said so.",
			[]string{"Army Lt. Gen. Scott Berrier reported to the Senate.", "Zelensky said so."}},
		{"“We will win,” Head of the Kharkiv Regional Military Administration Oleh Synehubov said.",
			[]string{"“We will win,” Head of the Kharkiv Regional Military Administration Oleh Synehubov said."}},
		{"“No one can predict how long this war will last.” He added more.",
			[]string{"“No one can predict how long this war will last.”", "He added more."}},
		{"UKRAINE LAUNCHES COUNTEROFFENSIVE\n\nKYIV, Ukraine — Forces advanced.",
			[]string{"UKRAINE LAUNCHES COUNTEROFFENSIVE", "KYIV, Ukraine — Forces advanced."}},
		{"Read Next: Ukraine Launches Counteroffensive\nThe war goes on.",
			[]string{"Read Next: Ukraine Launches Counteroffensive", "The war goes on."}},
		{"It arrived in the U.S. The next day it left.",
			[]string{"It arrived in the U.S.", "The next day it left."}},
		{"The U.S. Army said so. Really?", []string{"The U.S. Army said so.", "Really?"}},
		{"a wrapped\nline goes on.", []string{"a wrapped\nline goes on."}},
		{"- first item\n- second item", []string{"- first item", "- second item"}},
		{"Dr. Smith met John F. Kennedy.", []string{"Dr. Smith met John F. Kennedy."}},
	}
	for _, tt := range tests {
		got := sentences(tt.in)
		if strings.Join(got, "‖") != strings.Join(tt.want, "‖") {
			t.Errorf("Sentences(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestLongSentenceIsBounded(t *testing.T) {
	text := strings.Repeat("word ", 3*MaxSentence)
	toks := Tokenize(text)
	for _, s := range Sentences(toks) {
		if s.End-s.Start > MaxSentence {
			t.Fatalf("sentence of %d words", s.End-s.Start)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Lt. Gen. Scott Berrier", "“Izium [Izyum]”", "U.S.-led", "don't",
		"Київ", "a\xffb", "http://x.org/a.", "...", "'s", "--", "1,000.5%", "#1", "<<a>>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkOffsets(t, text, toks)
		prev := 0
		for _, s := range Sentences(toks) {
			if s.Start != prev || s.End <= s.Start || s.End > len(toks) {
				t.Fatalf("bad sentence %v after %d", s, prev)
			}
			prev = s.End
		}
		if prev != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", prev, len(toks))
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("“Izium [Izyum] direction remains the hottest spot. Our Armed Forces have launched a counter-offensive,” Army Lt. Gen. Scott Berrier told the U.S. Senate on May 10, 2022. ", 50)
	n := len(Tokenize(text))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		toks := Tokenize(text)
		Sentences(toks)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// Hostile runs of punctuation must tokenize in linear time; a quadratic tokenizer
// would not finish within the test timeout.
func TestHostileRuns(t *testing.T) {
	for _, unit := range []string{"(", ".", "“", "-", "'", "a.", "!?", "$", "—", ":)"} {
		text := strings.Repeat(unit, 200000)
		toks := Tokenize(text)
		if len(toks) == 0 {
			t.Errorf("%q run: no tokens", unit)
		}
		Sentences(toks)
	}
}
