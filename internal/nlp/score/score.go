// Package score measures analyses against gold treebanks with the definitions of the
// CoNLL 2018 shared task: tokens, words and sentences are matched by their character
// spans in the text without white space, words inside multiword tokens by the longest
// common subsequence of their forms; UPOS, UAS and LAS count aligned words, comparing
// only the universal part of relation labels. Entities are scored by exact span and
// type.
package score

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

// F is a precision/recall/F1 triple over counts.
type F struct {
	Correct, Gold, System int
}

func (f F) Precision() float64 { return ratio(f.Correct, f.System) }
func (f F) Recall() float64    { return ratio(f.Correct, f.Gold) }
func (f F) F1() float64 {
	if f.Gold+f.System == 0 {
		return 0
	}
	return 2 * float64(f.Correct) / float64(f.Gold+f.System)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are the CoNLL 2018 metrics.
type Scores struct {
	Tokens, Sentences, Words, UPOS, XPOS, UAS, LAS F
}

type word struct {
	span       [2]int
	multi      bool
	form       string
	upos, xpos string
	head       int // global index of the head word, -1 for root
	deprel     string
}

type file struct {
	chars     []rune
	tokens    [][2]int
	sentences [][2]int
	words     []word
}

func load(sents []*conllu.Sentence) file {
	var f file
	for _, s := range sents {
		base := len(f.words)
		sentStart := len(f.chars)
		for _, t := range s.Tokens() {
			start := len(f.chars)
			for _, r := range t.Form {
				if !unicode.IsSpace(r) {
					f.chars = append(f.chars, r)
				}
			}
			end := len(f.chars)
			f.tokens = append(f.tokens, [2]int{start, end})
			multi := t.Last > t.First
			for wi := t.First; wi <= t.Last; wi++ {
				w := s.Words[wi]
				head := -1
				if w.Head > 0 && w.Head <= len(s.Words) {
					head = base + w.Head - 1
				}
				rel, _, _ := strings.Cut(w.Deprel, ":")
				f.words = append(f.words, word{span: [2]int{start, end}, multi: multi, form: strings.ToLower(w.Form),
					upos: w.UPOS, xpos: w.XPOS, head: head, deprel: rel})
			}
		}
		if len(f.chars) > sentStart {
			f.sentences = append(f.sentences, [2]int{sentStart, len(f.chars)})
		}
	}
	return f
}

func spans(gold, sys [][2]int) F {
	f := F{Gold: len(gold), System: len(sys)}
	gi, si := 0, 0
	for gi < len(gold) && si < len(sys) {
		switch {
		case gold[gi] == sys[si]:
			f.Correct++
			gi++
			si++
		case gold[gi][0] < sys[si][0] || (gold[gi][0] == sys[si][0] && gold[gi][1] < sys[si][1]):
			gi++
		default:
			si++
		}
	}
	return f
}

// Evaluate scores system sentences against gold ones. Both must cover the same text
// once white space is removed.
func Evaluate(gold, system []*conllu.Sentence) (Scores, error) {
	g, s := load(gold), load(system)
	if string(g.chars) != string(s.chars) {
		i := 0
		for i < len(g.chars) && i < len(s.chars) && g.chars[i] == s.chars[i] {
			i++
		}
		return Scores{}, fmt.Errorf("texts differ at character %d: gold %q, system %q", i,
			excerpt(g.chars, i), excerpt(s.chars, i))
	}
	var sc Scores
	sc.Tokens = spans(g.tokens, s.tokens)
	sc.Sentences = spans(g.sentences, s.sentences)
	align := alignWords(g.words, s.words)
	sc.Words = F{Correct: len(align), Gold: len(g.words), System: len(s.words)}
	gOf := make(map[int]int, len(align)) // system word -> gold word
	for _, a := range align {
		gOf[a[1]] = a[0]
	}
	sc.UPOS, sc.XPOS, sc.UAS, sc.LAS = sc.Words, sc.Words, sc.Words, sc.Words
	sc.UPOS.Correct, sc.XPOS.Correct, sc.UAS.Correct, sc.LAS.Correct = 0, 0, 0, 0
	for _, a := range align {
		gw, sw := g.words[a[0]], s.words[a[1]]
		if gw.upos == sw.upos {
			sc.UPOS.Correct++
		}
		if gw.xpos == sw.xpos {
			sc.XPOS.Correct++
		}
		headOK := false
		if sw.head < 0 {
			headOK = gw.head < 0
		} else if gh, ok := gOf[sw.head]; ok {
			headOK = gh == gw.head
		}
		if headOK {
			sc.UAS.Correct++
			if gw.deprel == sw.deprel {
				sc.LAS.Correct++
			}
		}
	}
	return sc, nil
}

func excerpt(r []rune, i int) string {
	a, b := max(0, i-10), min(len(r), i+10)
	return string(r[a:b])
}

// alignWords pairs gold and system word indices as the CoNLL 2018 scorer does.
func alignWords(g, s []word) [][2]int {
	var out [][2]int
	gi, si := 0, 0
	for gi < len(g) && si < len(s) {
		if g[gi].multi || s[si].multi {
			var gs, ss int
			gs, ss, gi, si = multiwordRegion(g, s, gi, si)
			if gi > gs && si > ss {
				out = alignLCS(g[gs:gi], s[ss:si], gs, ss, out)
			}
			continue
		}
		switch {
		case g[gi].span == s[si].span:
			out = append(out, [2]int{gi, si})
			gi++
			si++
		case g[gi].span[0] <= s[si].span[0]:
			gi++
		default:
			si++
		}
	}
	return out
}

// multiwordRegion finds the smallest stretch of words, starting at gi and si, that
// covers whole multiword tokens on both sides; it returns its start and end.
func multiwordRegion(g, s []word, gi, si int) (gs, ss, ge, se int) {
	var end int
	if g[gi].multi {
		end = g[gi].span[1]
		if !s[si].multi && s[si].span[0] < g[gi].span[0] {
			si++
		}
	} else {
		end = s[si].span[1]
		if !g[gi].multi && g[gi].span[0] < s[si].span[0] {
			gi++
		}
	}
	gs, ss = gi, si
	beyond := func(w []word, i int) bool {
		if i >= len(w) {
			return true
		}
		if w[i].multi {
			return w[i].span[0] >= end
		}
		return w[i].span[1] > end
	}
	extend := func(w word) {
		if w.multi && w.span[1] > end {
			end = w.span[1]
		}
	}
	for !beyond(g, gi) || !beyond(s, si) {
		if gi < len(g) && (si >= len(s) || g[gi].span[0] <= s[si].span[0]) {
			extend(g[gi])
			gi++
		} else {
			extend(s[si])
			si++
		}
	}
	return gs, ss, gi, si
}

func alignLCS(g, s []word, gOff, sOff int, out [][2]int) [][2]int {
	n, m := len(g), len(s)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := 0
			if g[i].form == s[j].form {
				v = 1 + lcs[i+1][j+1]
			}
			lcs[i][j] = max(v, lcs[i+1][j], lcs[i][j+1])
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case g[i].form == s[j].form:
			out = append(out, [2]int{gOff + i, sOff + j})
			i++
			j++
		case lcs[i][j] == lcs[i+1][j]:
			i++
		default:
			j++
		}
	}
	return out
}

// Entities scores predicted entity spans against gold ones by exact span and type.
// Each element of gold and system holds one sentence's spans.
func Entities(gold, system [][]conllu.Span) F {
	var f F
	for k := range gold {
		want := map[conllu.Span]bool{}
		for _, e := range gold[k] {
			want[e] = true
		}
		f.Gold += len(gold[k])
		if k < len(system) {
			f.System += len(system[k])
			for _, e := range system[k] {
				if want[e] {
					f.Correct++
					delete(want, e)
				}
			}
		}
	}
	return f
}
