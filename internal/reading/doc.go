package reading

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/reading/timex"
	"github.com/sitrep/sitrep/internal/record"
)

// tok is one word as the reading rules see it.
type tok struct {
	text   string
	low    string // lexicon.Key(text)
	start  int    // code points
	end    int
	upos   string // "" when the language core did not tag
	head   int    // -1 for the root or when unparsed
	deprel string
	sent   int
	para   int
	per    bool // inside a person entity
	org    bool // inside an organisation entity
	skip   bool // boilerplate
	quote  int  // index of the quotation the word is inside, or -1
}

// document is the working state of one Read.
type document struct {
	rec       *record.Record
	lx        *lexicon.Lexicon
	rs        []rune
	toks      []tok
	sents     []nlp.Sentence
	published time.Time
	parsed    bool // heads and relations are present

	quotes []quote
	claims []claim
	places []placeTok
	times  []timex.Expr
	keys   []string // lexicon keys of the tokens, for phrase lookups
	// people maps a surname, lowercased, to the fullest name seen for it, so that a
	// later "Zelensky" or "Synehubov" resolves to the name given first.
	people map[string]string
	// mentions are the actors named in the text, in order, for pronouns and role
	// nouns to resolve to.
	mentions        []mention
	firstPersonMemo int // firstPersonText's answer once asked: 1 yes, -1 no, 0 not yet
}

// mention is a resolved reference to an actor at a place in the text.
type mention struct {
	first, last int // token indices, inclusive
	actor       actor
}

func newDocument(rec *record.Record, nd *nlp.Doc, lx *lexicon.Lexicon, published time.Time) *document {
	d := &document{rec: rec, lx: lx, rs: []rune(rec.Text), published: published, people: map[string]string{}}
	if nd == nil || nd.Text != rec.Text {
		skip := make([]record.Span, len(rec.Boilerplate))
		for i, b := range rec.Boilerplate {
			skip[i] = record.Span{Start: b.Start, End: b.End}
		}
		// Words and sentences alone, when the language core gave nothing.
		var m *nlp.Models
		nd = m.Annotate(rec.Text, skip, nlp.Options{})
	}
	d.sents = nd.Sentences
	d.toks = make([]tok, len(nd.Tokens))
	para := 0
	prevEnd := 0
	for i, t := range nd.Tokens {
		if strings.Contains(string(d.rs[min(prevEnd, len(d.rs)):min(t.Start, len(d.rs))]), "\n") {
			para++
		}
		prevEnd = t.End
		d.toks[i] = tok{text: t.Text, low: lexicon.Key(t.Text), start: t.Start, end: t.End, upos: t.UPOS,
			head: t.Head, deprel: t.Deprel, sent: t.Sentence, para: para, skip: t.Skipped, quote: -1}
	}
	for _, s := range d.sents {
		if s.Last >= len(d.toks) || !mostlyCyrillic(d.toks[s.First:s.Last+1]) {
			continue
		}
		// The language core learnt English: its tags and trees of a Russian or
		// Ukrainian sentence are noise. The sentence is read as text, by word
		// order and the lexicon, as without the core.
		for i := s.First; i <= s.Last; i++ {
			d.toks[i].upos, d.toks[i].head, d.toks[i].deprel = "", -1, ""
		}
	}
	for _, t := range d.toks {
		if t.deprel != "" {
			d.parsed = true
			break
		}
	}
	for _, b := range rec.Boilerplate {
		for i := range d.toks {
			if d.toks[i].start < b.End && d.toks[i].end > b.Start {
				d.toks[i].skip = true
			}
		}
	}
	d.detachDatelines()
	for _, e := range nd.Ents {
		for i := e.First; i <= e.Last && i < len(d.toks); i++ {
			switch e.Type {
			case "PER":
				d.toks[i].per = true
			case "ORG":
				d.toks[i].org = true
			}
		}
	}
	return d
}

// detachDatelines cuts datelines out of the parse: "KYIV, Ukraine (AP) —", "KHARKIV,
// Ukraine, May 14 (Reuters) -", a place in capitals opening a paragraph, up to a
// dash. The parser takes the place for a subject of the sentence's verb ("KYIV …
// — Ukrainian President Volodymyr Zelenskyy said"), which made the city the
// speaker; a dateline says where the report was filed, not who said or did what.
func (d *document) detachDatelines() {
	for k := range d.toks {
		if k > 0 && d.toks[k-1].para == d.toks[k].para || !allCapsWord(d.toks[k].text) {
			continue
		}
		// The place in capitals ("KYIV", "MIDWAY ATOLL"), then capitalised words,
		// numbers, and an agency in brackets ("Ukraine (AP)", "May 14 (Reuters)"),
		// then a dash. More words in capitals make a heading, not a dateline
		// ("CONGRESS HAS INVESTIGATED HIM —").
		dash, caps, paren := -1, 1, false
		for j := k + 1; j < len(d.toks) && j <= k+12 && d.toks[j].sent == d.toks[k].sent; j++ {
			t := d.toks[j].text
			if t == "—" || t == "–" || t == "--" || t == "-" {
				dash = j
				break
			}
			if t == "(" || t == ")" {
				paren = t == "("
				continue
			}
			if allCapsWord(t) && caps == j-k {
				caps++
				continue
			}
			r := []rune(t)[0]
			if allCapsWord(t) && !paren || !unicode.IsUpper(r) && !unicode.IsDigit(r) && t != "," && t != "." ||
				strings.ContainsAny(t, "'’") {
				break
			}
		}
		if dash < 0 || caps > 3 || dash == len(d.toks)-1 || d.toks[dash+1].sent != d.toks[k].sent {
			continue
		}
		// Where the dateline hung in the parse, its first dependant outside takes its
		// place: "WASHINGTON -- President Obama, …, said": Obama, the subject.
		head, rel := -1, "root"
		for j := k; j <= dash; j++ {
			if h := d.toks[j].head; h < k || h > dash {
				head, rel = h, d.toks[j].deprel
				break
			}
		}
		heir := -1
		for j := dash + 1; j < len(d.toks) && d.toks[j].sent == d.toks[k].sent; j++ {
			if h := d.toks[j].head; h >= k && h <= dash {
				if heir < 0 {
					heir = j
					d.toks[j].head, d.toks[j].deprel = head, rel
				} else {
					d.toks[j].head = heir
				}
			}
		}
		for j := k; j <= dash; j++ {
			d.toks[j].head, d.toks[j].deprel = -1, "dep"
		}
	}
}

// allCapsWord reports a word of two or more letters, all capitals.
func allCapsWord(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// span returns the code-point span of tokens [i, j].
func (d *document) span(i, j int) record.Span {
	return record.Span{Start: d.toks[i].start, End: d.toks[j].end}
}

// textOf returns the text of tokens [i, j] as written.
func (d *document) textOf(i, j int) string {
	if i > j || i < 0 || j >= len(d.toks) {
		return ""
	}
	return string(d.rs[d.toks[i].start:d.toks[j].end])
}

// tokenAt returns the index of the first token that ends after code point p.
func (d *document) tokenAt(p int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].end > p })
}

// sentenceOf returns the bounds [first, last] of token i's sentence.
func (d *document) sentenceOf(i int) (int, int) {
	s := d.sents[d.toks[i].sent]
	return s.First, s.Last
}

// words returns the keys of all tokens, for phrase lookups.
func (d *document) words() []string {
	if len(d.keys) != len(d.toks) {
		d.keys = make([]string, len(d.toks))
		for i := range d.toks {
			d.keys[i] = d.toks[i].low
		}
	}
	return d.keys
}

// children returns the dependents of token h within [lo, hi].
func (d *document) children(h, lo, hi int) []int {
	var out []int
	for i := lo; i <= hi; i++ {
		if d.toks[i].head == h {
			out = append(out, i)
		}
	}
	return out
}

// subtree returns the leftmost and rightmost tokens dominated by h within its
// sentence.
func (d *document) subtree(h int) (int, int) {
	lo, hi := d.sentenceOf(h)
	l, r := h, h
	for i := lo; i <= hi; i++ {
		if d.dominates(h, i) {
			l = min(l, i)
			r = max(r, i)
		}
	}
	return l, r
}

// dominates reports whether a is an ancestor of (or equal to) b.
func (d *document) dominates(a, b int) bool {
	for n := 0; b >= 0 && n < 300; n++ {
		if b == a {
			return true
		}
		b = d.toks[b].head
	}
	return false
}

// depth is a token's distance from its sentence root.
func (d *document) depth(i int) int {
	n := 0
	for i >= 0 && d.toks[i].head >= 0 && n < 300 {
		i = d.toks[i].head
		n++
	}
	return n
}

func isCap(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func isPunct(s string) bool {
	for _, r := range s {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			return false
		}
	}
	return s != ""
}

func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// verbal reports whether token i can be a verb: tagged VERB or AUX, or untagged.
func (d *document) verbal(i int) bool {
	switch d.toks[i].upos {
	case "VERB", "AUX", "":
		return true
	}
	return false
}

// nominal reports whether token i can be a noun.
func (d *document) nominal(i int) bool {
	switch d.toks[i].upos {
	case "NOUN", "PROPN", "":
		return true
	}
	return false
}

var pronouns = map[string]string{
	"he": "person", "she": "person", "him": "person", "her": "person",
	"they": "group", "them": "group", "it": "org", "we": "self", "i": "self",
	// Russian and Ukrainian
	"он": "person", "она": "person", "они": "group", "мы": "self", "я": "self",
	"він": "person", "вона": "person", "вони": "group", "ми": "self",
}

// articles and determiners dropped from the front of a name.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true}

var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true, "who": true}

// cueVerb reports whether a cue word at k is used as a verb. The tagger sometimes
// reads "confirms" or "reports" after a noun as a plural noun; a cue between a
// subject and an object or that-clause is a verb whatever its tag.
func (d *document) cueVerb(k int) bool {
	if k >= 2 && d.toks[k].low == "called" && isDash(d.toks[k-1].text) && d.toks[k-2].low == "so" {
		// "the so-called People's Republics" distances the writer from a name; the
		// parser may still read "called" as a verb.
		return false
	}
	if d.verbal(k) {
		return true
	}
	if k+1 < len(d.toks) && d.headline(k) && isCap(d.toks[k].text) && isWord(d.toks[k+1].text) || k > 0 && d.headline(k) && k == d.sentEnd(k) {
		// Title case tags every word as a name: "Minister Says Troops Will Stay".
		return true
	}
	if k == 0 || k+1 >= len(d.toks) {
		return false
	}
	p, n := d.toks[k-1], d.toks[k+1]
	switch p.upos {
	case "DET", "ADJ", "NUM", "ADP":
		return false
	}
	if p.low == "'s" || p.low == "’s" {
		return false
	}
	subj := p.upos == "ADV" || subjectPronouns[p.low] || p.upos == "NOUN" || p.upos == "PROPN"
	obj := n.upos == "DET" || n.upos == "PRON" || n.upos == "SCONJ" || n.low == "that" || n.upos == "PROPN" || isPunct(n.text)
	return subj && obj
}

// headline reports whether token k stands in a line of title case, as headlines
// are written: most of its words, beyond the first, begin with a capital.
func (d *document) headline(k int) bool {
	lo, hi := d.sentenceOf(k)
	words, caps := 0, 0
	for i := lo + 1; i <= hi; i++ {
		if d.toks[i].para != d.toks[k].para || !isWord(d.toks[i].text) {
			continue
		}
		words++
		if isCap(d.toks[i].text) {
			caps++
		}
	}
	return words >= 3 && caps*4 >= words*3
}

// sentEnd is the last word of token k's sentence, before closing punctuation.
func (d *document) sentEnd(k int) int {
	lo, hi := d.sentenceOf(k)
	for hi > lo && isPunct(d.toks[hi].text) {
		hi--
	}
	return hi
}

// mostlyCyrillic reports whether more of the tokens' letters are Cyrillic than
// Latin.
func mostlyCyrillic(ts []tok) bool {
	cyr, lat := 0, 0
	for _, t := range ts {
		for _, r := range t.text {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
		}
	}
	return cyr > lat
}
