package nlp

import (
	"github.com/sitrep/sitrep/internal/nlp/lex"
	"slices"
	"sync"

	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/parser"
	"github.com/sitrep/sitrep/internal/nlp/tagger"
	"github.com/sitrep/sitrep/internal/nlp/tokenize"
	"github.com/sitrep/sitrep/internal/record"
)

// Options select the stages to run.
type Options struct {
	NoParse    bool // skip the dependency parser, the slowest stage
	NoEntities bool
	// Search is how many paths the parser follows (parser.ParseSearch): more
	// is more accurate and slower. 0 or 1 parses greedily.
	Search int
}

// SearchPaths is the accurate setting of Options.Search, sitrep parse's
// default: EWT dev UAS 86.50 → 87.38, LAS 83.51 → 84.46 (8 paths: 87.52 /
// 84.61), at about two thirds of the speed of annotating with the greedy
// parser (internal/nlp/STATUS.md, session 13).
const SearchPaths = 5

// Annotate runs the whole pipeline on text. Tokens inside skip spans (boilerplate:
// teasers, captions) are analysed, but the spans bound sentences and yield no
// entities. If the models cannot be loaded (a broken build), the Doc has tokens and
// sentences only.
func Annotate(text string, skip []record.Span) *Doc {
	return AnnotateWith(text, skip, Options{})
}

// Analysis is what the models say about one sentence of words.
type Analysis struct {
	UPOS  []string
	XPOS  []string // Penn Treebank tags, "_" when the tagger has none
	Heads []int    // 1-based; 0 for the root
	Rels  []string
	NER   []string // BIO tags
	Spans []ner.Span
}

type scratch struct {
	tag    tagger.Scratch
	parse  parser.Scratch
	ner    ner.Scratch
	tags   []int
	heads  []int
	rels   []int
	labels []int
	words  []string
	upos   []string
	ptags  []string // the tagger's full classes ("PROPN|NNP"), which the parser reads
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Analyze tags, parses and finds entities in one sentence of words.
func (m *Models) Analyze(words []string, opt Options) Analysis {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	a := m.analyze(words, opt, true, sc)
	return Analysis{
		UPOS:  slices.Clone(a.UPOS),
		XPOS:  a.XPOS,
		Heads: slices.Clone(a.Heads),
		Rels:  slices.Clone(a.Rels),
		NER:   slices.Clone(a.NER),
		Spans: slices.Clone(a.Spans),
	}
}

// AnalyzeDoc analyses the sentences of one document, as Analyze does each, and
// then makes the document's names agree (see docNames), as Annotate does.
func (m *Models) AnalyzeDoc(sents [][]string, opt Options) []Analysis {
	out := make([]Analysis, len(sents))
	names := make([][]ner.Span, len(sents))
	for i, words := range sents {
		out[i] = m.Analyze(words, opt)
		names[i] = out[i].Spans
	}
	if opt.NoEntities {
		return out
	}
	docNames(sents, nil, names, m.Tagger.Common)
	for i := range out {
		out[i].Spans = names[i]
		setBIO(out[i].NER, names[i])
	}
	return out
}

// setBIO writes the BIO tags of spans into tags, one a word.
func setBIO(tags []string, spans []ner.Span) {
	for i := range tags {
		tags[i] = "O"
	}
	for _, e := range spans {
		tags[e.Start] = "B-" + e.Type
		for i := e.Start + 1; i < e.End; i++ {
			tags[i] = "I-" + e.Type
		}
	}
}

// analyze returns slices that alias sc; callers copy what they keep.
func (m *Models) analyze(words []string, opt Options, entities bool, sc *scratch) Analysis {
	n := len(words)
	var a Analysis
	headline := allCaps(words)
	if headline {
		cased := make([]string, n)
		for i, w := range words {
			cased[i] = titleCase(w)
		}
		words = cased
	}
	sc.tags = grow(sc.tags, n)
	m.Tagger.TagInto(words, sc.tags, &sc.tag)
	sc.upos, sc.ptags = sc.upos[:0], sc.ptags[:0]
	for _, c := range sc.tags {
		sc.upos = append(sc.upos, m.Tagger.UPOS(c))
		sc.ptags = append(sc.ptags, m.Tagger.Tags[c])
	}
	a.UPOS = sc.upos
	a.XPOS = make([]string, n)
	for i, c := range sc.tags {
		a.XPOS[i] = m.Tagger.XPOS(c)
	}
	if !opt.NoParse {
		sc.heads, sc.rels = grow(sc.heads, n), grow(sc.rels, n)
		m.Parser.ParseSearch(words, sc.ptags, sc.heads, sc.rels, opt.Search, &sc.parse)
		a.Heads = sc.heads
		a.Rels = make([]string, n)
		for i, r := range sc.rels {
			a.Rels[i] = m.Parser.Labels[r]
		}
	}
	a.NER = make([]string, n)
	if entities && !opt.NoEntities {
		var outside []bool
		if headline {
			outside = m.headlineBreaks(words, sc)
		}
		sc.labels = m.NER.LabelOutside(words, sc.upos, outside, sc.labels, &sc.ner)
		a.Spans = openerOff(words, repairNames(words, sc.upos, m.NER.Spans(sc.labels), m.NER.IsPlace))
		a.Spans = lowercasePlaces(words, a.Spans, m.NER.IsPlace, m.Tagger.Common)
		if headline {
			a.Spans = headlineNames(words, sc.upos, a.Spans)
		}
	}
	setBIO(a.NER, a.Spans)
	return a
}

// headlineBreaks marks the words of a headline in capitals, which the recogniser
// reads title-cased, that cannot be part of a name: function words that names never
// hold, and verbs — words the tagger takes for verbs in the title-cased headline
// or in the headline lowercased ("ZELENSKY VISITS IZIUM": every word title-cased
// looks like part of a name; lowercased, "visits" is a verb). It uses sc.tags.
func (m *Models) headlineBreaks(words []string, sc *scratch) []bool {
	n := len(words)
	out := make([]bool, n)
	lower := make([]string, n)
	for i, w := range words {
		lower[i] = lex.Lower(w)
		out[i] = headlineBreaks[lower[i]] || sc.upos[i] == "VERB" || sc.upos[i] == "AUX"
	}
	tags := make([]int, n)
	m.Tagger.TagInto(lower, tags, &sc.tag)
	for i, c := range tags {
		if u := m.Tagger.UPOS(c); u == "VERB" || u == "AUX" {
			out[i] = true
		}
	}
	return out
}

// allCaps: a sentence of at least three words written all in capitals, a headline.
func allCaps(words []string) bool {
	n := 0
	for _, w := range words {
		f := lex.FlagsOf(w)
		if f&(lex.Lowercase|lex.Title) != 0 {
			return false
		}
		if f&lex.Upper != 0 && len(w) > 1 {
			n++
		}
	}
	return n >= 3
}

func grow(x []int, n int) []int {
	if cap(x) < n {
		return make([]int, n)
	}
	return x[:n]
}

// AnnotateWith runs the pipeline with options.
func AnnotateWith(text string, skip []record.Span, opt Options) *Doc {
	m, err := Load()
	if err != nil {
		m = nil
	}
	return m.Annotate(text, skip, opt)
}

// Annotate runs the pipeline with these models; with nil models, it only splits
// words and sentences.
func (m *Models) Annotate(text string, skip []record.Span, opt Options) *Doc {
	d := &Doc{Text: text}
	toks := tokenize.Tokenize(text)
	skipped := markSkipped(toks, skip)
	spans := splitAtSkips(tokenize.Sentences(toks), skipped)
	d.Tokens = make([]Token, len(toks))
	for i, t := range toks {
		d.Tokens[i] = Token{Text: t.Text, Start: t.Start, End: t.End, Head: -1, NER: "O",
			SpaceAfter: t.SpaceAfter, Joined: t.Joined, Skipped: skipped[i]}
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sentWords := make([][]string, len(spans))
	names := make([][]ner.Span, len(spans))
	noNames := make([]bool, len(spans))
	for si, sp := range spans {
		d.Sentences = append(d.Sentences, Sentence{First: sp.Start, Last: sp.End - 1,
			Start: toks[sp.Start].Start, End: toks[sp.End-1].End})
		for i := sp.Start; i < sp.End; i++ {
			d.Tokens[i].Sentence = si
		}
		if m == nil {
			continue
		}
		sc.words = sc.words[:0]
		for i := sp.Start; i < sp.End; i++ {
			sc.words = append(sc.words, toks[i].Text)
		}
		sentWords[si] = slices.Clone(sc.words)
		noNames[si] = skipped[sp.Start]
		a := m.analyze(sc.words, opt, !skipped[sp.Start], sc)
		names[si] = slices.Clone(a.Spans)
		for k := range sc.words {
			t := &d.Tokens[sp.Start+k]
			t.UPOS = a.UPOS[k]
			t.XPOS = a.XPOS[k]
			if a.Heads != nil {
				t.Deprel = a.Rels[k]
				if a.Heads[k] > 0 {
					t.Head = sp.Start + a.Heads[k] - 1
				}
			}
		}
	}
	if m != nil && !opt.NoEntities {
		docNames(sentWords, noNames, names, m.Tagger.Common)
	}
	for si, sp := range spans {
		for _, e := range names[si] {
			first, last := sp.Start+e.Start, sp.Start+e.End-1
			d.Tokens[first].NER = "B-" + e.Type
			for i := first + 1; i <= last; i++ {
				d.Tokens[i].NER = "I-" + e.Type
			}
			d.Ents = append(d.Ents, Entity{
				Text: text[toks[first].Byte:toks[last].BEnd], Start: toks[first].Start, End: toks[last].End,
				Type: e.Type, First: first, Last: last,
			})
		}
	}
	if m != nil && !opt.NoEntities {
		d.Ents = addRuleEntities(d, toks, d.Ents)
	}
	return d
}

// markSkipped reports, per token, whether it overlaps a skip span.
func markSkipped(toks []tokenize.Token, skip []record.Span) []bool {
	out := make([]bool, len(toks))
	if len(skip) == 0 {
		return out
	}
	sp := slices.Clone(skip)
	slices.SortFunc(sp, func(a, b record.Span) int { return a.Start - b.Start })
	k := 0
	for i, t := range toks {
		for k < len(sp) && sp[k].End <= t.Start {
			k++
		}
		for j := k; j < len(sp) && sp[j].Start < t.End; j++ {
			if sp[j].End > t.Start && sp[j].End > sp[j].Start {
				out[i] = true
				break
			}
		}
	}
	return out
}

// splitAtSkips cuts sentences where tokens pass into or out of skipped text.
func splitAtSkips(sents []tokenize.Span, skipped []bool) []tokenize.Span {
	var out []tokenize.Span
	for _, s := range sents {
		start := s.Start
		for i := s.Start + 1; i < s.End; i++ {
			if skipped[i] != skipped[i-1] {
				out = append(out, tokenize.Span{Start: start, End: i})
				start = i
			}
		}
		out = append(out, tokenize.Span{Start: start, End: s.End})
	}
	return out
}
