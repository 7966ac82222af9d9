package reading

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/record"
)

// quote is a quotation: the words between the marks, and who said them.
type quote struct {
	start, end  int // code points of the words, marks excluded
	open, close int // code points of the marks; -1 when a mark is missing
	first, last int // tokens of the words
	kind        string
	speaker     actor
	cue         string
	cueFirst    int // token of the cue, or -1
	how         string
}

// quoteSpan is a quotation found in the characters alone.
type quoteSpan struct {
	open, close int // mark positions; close is -1 for a quote cut by a paragraph end
	start, end  int
}

// findQuotes locates quotations in curly, straight, low or angle double marks, and
// in single marks outside them. A quotation left open at a paragraph's end goes on
// into the next paragraph when that opens with a mark (the news convention for
// quotes of several paragraphs); a closing mark with no opening mark starts its
// quotation at the paragraph's beginning.
func findQuotes(rs []rune) []quoteSpan {
	rs = pairedMarks(rs)
	var out []quoteSpan
	open := -1
	paraStart := 0
	marksInPara := 0
	lastClose := 0 // just past the last mark that closed or failed to open a quotation
	n := len(rs)
	for i := 0; i < n; i++ {
		r := rs[i]
		if r == '\n' {
			if open >= 0 {
				// Does the next paragraph continue the quotation?
				j := i
				for j < n && unicode.IsSpace(rs[j]) {
					j++
				}
				if j < n && isOpenMark(rs, j) {
					// Skip the continuation mark; the quotation runs on.
					i = j
					paraStart = j
					marksInPara = 1
					continue
				}
				out = append(out, quoteSpan{open: open, close: -1, start: open + 1, end: trimEnd(rs, open+1, i)})
				open = -1
			}
			paraStart = i + 1
			marksInPara = 0
			continue
		}
		if !isDoubleMark(r) {
			continue
		}
		opening, closing := markRole(rs, i)
		switch {
		case open < 0 && opening:
			open = i
			marksInPara++
		case open >= 0 && closing:
			out = append(out, quoteSpan{open: open, close: i, start: open + 1, end: i})
			open = -1
			marksInPara++
		case open >= 0 && opening:
			if closingsAhead(rs, i+1) >= 2 {
				// A quotation inside the quotation, in the same marks: “… what he calls
				// “hell” than …”. Skip to the inner closing mark.
				j := i + 1
				for j < n && rs[j] != '\n' {
					if isDoubleMark(rs[j]) {
						if _, c := markRole(rs, j); c {
							break
						}
					}
					j++
				}
				i = j
				continue
			}
			// Two openings: the first quotation lost its closing mark.
			out = append(out, quoteSpan{open: open, close: -1, start: open + 1, end: trimEnd(rs, open+1, i)})
			open = i
			marksInPara++
		case open < 0 && closing:
			s := paraStart
			if marksInPara > 0 {
				// After a quotation and its attribution, the lost opening mark stood
				// at the start of the closing mark's sentence: “…,” the official
				// said. We're prepared to do that for as long as it takes.”
				s = sentenceStartBefore(rs, lastClose, i)
				if s >= 0 && len(strings.Fields(string(rs[lastClose:s]))) > 8 {
					s = -1
				}
			}
			for s >= 0 && s < i && unicode.IsSpace(rs[s]) {
				s++
			}
			if s >= 0 && i-s > 10 && (marksInPara == 0 || unicode.IsUpper(rs[s])) {
				out = append(out, quoteSpan{open: -1, close: i, start: s, end: i})
			}
			marksInPara++
		}
		if open < 0 && isDoubleMark(r) {
			lastClose = i + 1
		}
	}
	if open >= 0 {
		out = append(out, quoteSpan{open: open, close: -1, start: open + 1, end: trimEnd(rs, open+1, n)})
	}
	return append(out, singleQuotes(rs, out)...)
}

// sentenceStartBefore finds where the sentence that mark i ends began: after the
// last ". ", "! " or "? " between from and i; -1 if there is none.
func sentenceStartBefore(rs []rune, from, i int) int {
	for j := i - 2; j > from; j-- {
		if (rs[j] == '.' || rs[j] == '!' || rs[j] == '?') && unicode.IsSpace(rs[j+1]) {
			return j + 1
		}
	}
	return -1
}

// pairedMarks returns rs with the typewriter pairs “ and ” (a double quotation
// mark in some newspapers' text) written as a space and a curly mark (opening) or a curly mark and a space
// (closing), so that
// offsets stay put.
func pairedMarks(rs []rune) []rune {
	var out []rune
	for i := 0; i+1 < len(rs); i++ {
		if (rs[i] == '`' && rs[i+1] == '`') || (rs[i] == '\'' && rs[i+1] == '\'') {
			if out == nil {
				out = append([]rune(nil), rs...)
			}
			if rs[i] == '`' {
				out[i], out[i+1] = ' ', '“'
			} else {
				// Closing unless it opens a word: ''This …
				if i+2 < len(rs) && !unicode.IsSpace(rs[i+2]) && !unicode.IsPunct(rs[i+2]) && (i == 0 || unicode.IsSpace(rs[i-1])) {
					out[i], out[i+1] = ' ', '“'
				} else {
					out[i], out[i+1] = '”', ' '
				}
			}
			i++
		}
	}
	if out == nil {
		return rs
	}
	return out
}

// closingsAhead counts the marks that can only close, from i to the paragraph's end.
func closingsAhead(rs []rune, i int) int {
	n := 0
	for ; i < len(rs) && rs[i] != '\n'; i++ {
		if isDoubleMark(rs[i]) {
			if o, c := markRole(rs, i); c && !o {
				n++
			}
		}
	}
	return n
}

func trimEnd(rs []rune, start, end int) int {
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	return end
}

func isDoubleMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

func isOpenMark(rs []rune, i int) bool {
	if !isDoubleMark(rs[i]) {
		return false
	}
	o, _ := markRole(rs, i)
	return o
}

// markRole says whether the double mark at i can open and whether it can close a
// quotation. Curly and angle marks say so themselves; a straight mark is read from
// its neighbours.
func markRole(rs []rune, i int) (opening, closing bool) {
	switch rs[i] {
	case '“', '„', '«', '‟':
		// “ also closes in some German-style typography, but not in English news.
		return true, false
	case '”', '»':
		return false, true
	}
	var prev, next rune = ' ', ' '
	if i > 0 {
		prev = rs[i-1]
	}
	if i+1 < len(rs) {
		next = rs[i+1]
	}
	before := unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == '-' || prev == ':' || prev == '\''
	after := unicode.IsSpace(next) || unicode.IsPunct(next)
	opening = before && !unicode.IsSpace(next)
	closing = !unicode.IsSpace(prev) && after
	if !opening && !closing {
		// Glued on both sides ("word"word): let the state decide.
		return true, true
	}
	return opening, closing
}

// singleQuotes finds ‘…’ quotations outside double-quoted text: opened by ‘ after a
// space and closed by ’ before a space or punctuation, within one paragraph.
func singleQuotes(rs []rune, dbl []quoteSpan) []quoteSpan {
	inside := func(p int) bool {
		for _, q := range dbl {
			o := q.open
			if o < 0 {
				o = q.start
			}
			c := q.close
			if c < 0 {
				c = q.end
			}
			if p >= o && p <= c {
				return true
			}
		}
		return false
	}
	var out []quoteSpan
	for i := 0; i < len(rs); i++ {
		if rs[i] != '‘' || inside(i) {
			continue
		}
		if i > 0 && !unicode.IsSpace(rs[i-1]) && rs[i-1] != '(' && rs[i-1] != '—' {
			continue
		}
		for j := i + 1; j < len(rs) && rs[j] != '\n'; j++ {
			if rs[j] != '’' {
				continue
			}
			if j+1 < len(rs) && unicode.IsLetter(rs[j+1]) {
				continue // an apostrophe: ‘people’s
			}
			out = append(out, quoteSpan{open: i, close: j, start: i + 1, end: j})
			i = j
			break
		}
	}
	return out
}

// findQuotes places the quotations on tokens and classifies them.
func (d *document) findQuotes() {
	for _, qs := range findQuotes(d.rs) {
		if qs.end <= qs.start {
			continue
		}
		first := d.tokenAt(qs.start)
		last := d.tokenAt(qs.end - 1) // the token that holds the last character
		if first >= len(d.toks) || last >= len(d.toks) || first > last {
			continue
		}
		for last > first && d.toks[last].start >= qs.end {
			last--
		}
		if d.toks[first].skip {
			continue
		}
		q := quote{start: qs.start, end: qs.end, open: qs.open, close: qs.close, first: first, last: last, cueFirst: -1}
		if d.guillemetName(q) {
			continue
		}
		q.kind = d.quoteKind(q)
		d.quotes = append(d.quotes, q)
	}
	sortQuotes(d.quotes)
	for qi, q := range d.quotes {
		for k := q.first; k <= q.last; k++ {
			if d.toks[k].quote < 0 {
				d.toks[k].quote = qi
			}
		}
	}
}

// guillemetName reports a name in guillemets, which Russian and Ukrainian write
// for groups, parties, companies and newspapers: «Центр», «Единая Россия»,
// «Голоса Америки». A few capitalised words with no full stop are no quotation.
func (d *document) guillemetName(q quote) bool {
	if q.open < 0 || q.open >= len(d.rs) || d.rs[q.open] != '«' || d.quoteWords(q) > 3 || !isCap(d.toks[q.first].text) {
		return false
	}
	for k := q.first; k <= q.last; k++ {
		switch d.toks[k].text {
		case ".", "!", "?", ",":
			return false
		}
	}
	return true
}

func sortQuotes(qs []quote) {
	for i := 1; i < len(qs); i++ {
		for j := i; j > 0 && qs[j].start < qs[j-1].start; j-- {
			qs[j], qs[j-1] = qs[j-1], qs[j]
		}
	}
}

// quoteKind tells a quotation that stands as someone's speech (direct) from words
// or a fragment quoted inside the writer's own sentence (partial).
func (d *document) quoteKind(q quote) string {
	nwords := d.quoteWords(q)
	markTok := q.first - 1 // the opening mark, when it is a token
	if q.open < 0 || markTok < 0 {
		return "direct"
	}
	// What stands before the opening mark?
	p := markTok - 1
	for p >= 0 && d.toks[p].end > q.open {
		p--
	}
	opens := p < 0 || d.toks[p].para != d.toks[q.first].para ||
		d.toks[p].text == "." || d.toks[p].text == "?" || d.toks[p].text == "!" || d.toks[p].text == ":"
	if nwords <= 3 && p >= 1 && (d.toks[p].text == "," || d.toks[p].text == ":") && d.lx.Cues[d.toks[p-1].low].Lemma != "" {
		return "direct" // she said, “Never.”
	}
	if nwords <= 3 {
		// A short quotation is speech only when it stands as a sentence of its own
		// and ends like one: “You winning?” she asked.
		last := d.toks[q.last].text
		if opens && (last == "." || last == "?" || last == "!" || last == "," || last == "…") {
			return "direct"
		}
		return "partial"
	}
	if opens {
		return "direct" // the quotation opens its paragraph or sentence
	}
	prev := d.toks[p]
	switch prev.text {
	case ":", ",", ".", "!", "?", "—", "–", "-", "(", ";":
		return "direct"
	}
	if c, ok := d.lx.Cues[prev.low]; ok && c.Frame != "prep" {
		return "direct" // said "…"
	}
	if prev.low == "that" && nwords >= 6 {
		return "partial"
	}
	return "partial"
}

// speaks reports whether a claim of a cue's class puts words in its source's
// mouth: said, claimed, confirmed, denied — not learned, believed or intended.
func speaks(class string) bool {
	switch class {
	case "speech", "claim", "confirm", "deny":
		return true
	}
	return false
}

// quoteWords counts the words of a quotation.
func (d *document) quoteWords(q quote) int {
	n := 0
	for k := q.first; k <= q.last; k++ {
		if isWord(d.toks[k].text) {
			n++
		}
	}
	return n
}

// attributeQuotes finds each quotation's speaker from an attribution right after it
// ("…,” he said) or right before it (Zelensky stated: “…”).
func (d *document) attributeQuotes() {
	for qi := range d.quotes {
		q := &d.quotes[qi]
		if q.kind != "direct" {
			continue // fragments take the speaker of the statement they are part of
		}
		if d.cueRightBefore(*q) {
			// "She said, “…”": the attribution before the marks is the one.
			if a, cue, ci, ok := d.attributionBefore(*q); ok {
				q.speaker, q.cue, q.cueFirst, q.how = a, cue, ci, "before"
			}
		}
		if q.speaker.empty() {
			if a, cue, ci, ok := d.attributionAfter(*q); ok {
				q.speaker, q.cue, q.cueFirst, q.how = a, cue, ci, "after"
			} else if a, cue, ci, ok := d.attributionBefore(*q); ok {
				q.speaker, q.cue, q.cueFirst, q.how = a, cue, ci, "before"
			}
		}
		if !q.speaker.empty() {
			d.noteSpeaker(q.speaker)
		}
	}
}

// attributeRest gives quotations with no attribution of their own the speaker of
// the quotation they continue ("“…,” he said. “…”"), or, when they stand as a
// paragraph of their own, the nearest source named before them. Partial quotations
// inside an attributed statement take its source.
func (d *document) attributeRest() {
	for qi := range d.quotes {
		q := &d.quotes[qi]
		if !q.speaker.empty() {
			continue
		}
		if q.kind == "partial" && qi > 0 {
			// "“…,” he said, but “…”": the same speaker goes on.
			p := d.quotes[qi-1]
			if !p.speaker.empty() && p.kind == "direct" && d.toks[p.last].sent == d.toks[q.first].sent &&
				p.cueFirst > p.last && p.cueFirst < q.first && d.onlyAttributionBetween(p, *q) {
				q.speaker, q.cue, q.cueFirst, q.how = p.speaker, p.cue, p.cueFirst, "continued"
				continue
			}
		}
		if q.kind == "partial" {
			// A quotation inside a claim's content is the named source's words
			// ("called the behaviour “outrageous”"). So is one that only opens
			// there, the content cut at a sentence's end before the quotation
			// ends ("said that “… villages. Notably, …”"), and one whose source is
			// unnamed ("the military official"; an unresolved pronoun is not), if
			// the claim is of speech and the quotation more than a word: in "the
			// south learned that Russia never comes “forever”" nobody is quoted.
			for _, c := range d.claims {
				if c.quote >= 0 || c.source.empty() || q.first < c.cFirst || q.first > c.cLast {
					continue
				}
				inside := q.last <= c.cLast && c.source.name != ""
				spoken := (c.source.name != "" || !c.source.pronoun) && speaks(c.class) && d.quoteWords(*q) >= 2
				if inside || spoken {
					q.speaker, q.cue, q.cueFirst, q.how = c.source, c.cue, c.cueFirst, "claim"
					break
				}
			}
			continue
		}
		if qi > 0 {
			p := d.quotes[qi-1]
			samePara := d.toks[p.last].para == d.toks[q.first].para
			nextPara := d.toks[q.first].para == d.toks[p.last].para+1 && d.opensParagraph(*q)
			if !p.speaker.empty() && p.kind == "direct" && (samePara || nextPara) && d.onlyAttributionBetween(p, *q) {
				q.speaker, q.cue, q.cueFirst, q.how = p.speaker, p.cue, p.cueFirst, "continued"
				continue
			}
		}
		if a, ok := d.paraphraseBefore(*q); ok {
			// "…, the official said, noting that there were casualties. “We're not
			// quite sure …”": the source of the sentence before goes on speaking.
			q.speaker, q.how = a, "paraphrase"
			continue
		}
		if d.opensParagraph(*q) {
			if a, ok := d.scriptTag(*q); ok {
				q.speaker, q.how = a, "tag"
				continue
			}
			if a, ok := d.nearestSource(q.first); ok {
				q.speaker, q.how = a, "nearest"
			}
		}
	}
}

// paraphraseBefore finds the source of an attributed sentence right before a
// quotation in the same paragraph, the quotation opening its own sentence: news
// writing gives a source's paraphrase, then their words.
func (d *document) paraphraseBefore(q quote) (actor, bool) {
	if q.first == 0 || !d.startsSentence(q) {
		return actor{}, false
	}
	prev := d.toks[q.first-1]
	for k := q.first - 1; k >= 0 && isPunct(d.toks[k].text); k-- {
		prev = d.toks[k]
	}
	if prev.para != d.toks[q.first].para {
		return actor{}, false
	}
	for i := len(d.claims) - 1; i >= 0; i-- {
		c := d.claims[i]
		if c.quote >= 0 || c.cueFirst < 0 || c.cueFirst >= q.first || c.cue == ":" {
			continue
		}
		if d.toks[c.cueFirst].sent != prev.sent || d.toks[c.cueFirst].para != prev.para {
			continue
		}
		if !speaks(c.class) {
			continue // "growing indications of resistance": no one speaking
		}
		if c.source.empty() || c.source.pronoun && c.source.name == "" {
			return actor{}, false
		}
		return c.source, true
	}
	return actor{}, false
}

// startsSentence reports whether a quotation opens its sentence.
func (d *document) startsSentence(q quote) bool {
	k := q.first - 1
	for k >= 0 && isPunct(d.toks[k].text) && d.toks[k].sent == d.toks[q.first].sent {
		k--
	}
	return k < 0 || d.toks[k].sent != d.toks[q.first].sent
}

// scriptTag reads the speaker line of a broadcast script right above a quotation:
// "((Bogdan, Ukrainian combat soldier))". A lone first name is no canonical name:
// the speaker stays unnamed, with the name as the mention.
func (d *document) scriptTag(q quote) (actor, bool) {
	// The line before the quotation's paragraph.
	p := q.open
	if p < 0 {
		p = q.start
	}
	end := p
	for end > 0 && d.rs[end-1] != '\n' {
		end--
	}
	for end > 0 && (d.rs[end-1] == '\n' || d.rs[end-1] == ' ') {
		end--
	}
	start := end
	for start > 0 && d.rs[start-1] != '\n' {
		start--
	}
	line := string(d.rs[start:end])
	if !strings.HasPrefix(line, "((") {
		return actor{}, false
	}
	inner := strings.TrimPrefix(line, "((")
	stop := strings.IndexAny(inner, ",)")
	if stop <= 0 {
		return actor{}, false
	}
	name := strings.TrimSpace(inner[:stop])
	if name == "" || !isCap(name) || strings.ContainsAny(name, ":") || strings.ToUpper(name) == name && len(name) > 3 && strings.Contains(name, " ") == false {
		return actor{}, false
	}
	ns := start + 2 + utf8.RuneCountInString(inner[:strings.Index(inner, name)])
	first := d.tokenAt(ns)
	last := d.tokenAt(ns + len([]rune(name)) - 1)
	if first >= len(d.toks) || last >= len(d.toks) || first > last {
		return actor{}, false
	}
	a := d.resolve(first, last, "")
	if a.empty() {
		a = actor{mention: name, first: first, last: last, kind: "person", stype: "witness"}
	}
	if first == last && a.name != "" && d.lx.Aliases[d.toks[first].low] == nil && d.people[d.toks[first].low] == "" {
		a.name = "" // a first name alone
	}
	if a.stype == "" || a.stype == "other" {
		a.stype = "witness"
	}
	return a, true
}

// cueRightBefore reports whether a cue and a comma or colon stand right before the
// opening mark: "repeatedly says, “…”".
func (d *document) cueRightBefore(q quote) bool {
	if q.open < 0 {
		return false
	}
	m := d.tokenAt(q.open) - 1
	if m < 1 || d.toks[m].para != d.toks[q.first].para {
		return false
	}
	if t := d.toks[m].text; t != "," && t != ":" {
		return false
	}
	_, ok := d.lx.Cues[d.toks[m-1].low]
	return ok && d.cueVerb(m-1)
}

// opensParagraph reports whether a quotation is the first thing in its paragraph.
func (d *document) opensParagraph(q quote) bool {
	k := q.first - 1
	for k >= 0 && isPunct(d.toks[k].text) && d.toks[k].para == d.toks[q.first].para {
		k--
	}
	return k < 0 || d.toks[k].para != d.toks[q.first].para
}

// onlyAttributionBetween reports whether nothing but an attribution clause stands
// between two quotations ("“…,” he said. “…”").
func (d *document) onlyAttributionBetween(p, q quote) bool {
	words := 0
	for k := p.last + 1; k < q.first; k++ {
		if isWord(d.toks[k].text) {
			words++
		}
	}
	if words <= 12 {
		return true
	}
	// "“…,” said X, a lawyer who has … for years. “…”": the words between are the
	// attribution's sentence alone, however long its appositive.
	if p.cueFirst <= p.last || p.cueFirst >= q.first {
		return false
	}
	for k := p.last + 1; k < q.first; k++ {
		if d.toks[k].sent != d.toks[p.cueFirst].sent && !isPunct(d.toks[k].text) {
			return false
		}
	}
	return true
}

// noteSpeaker remembers a speaker as a mention for later pronouns.
func (d *document) noteSpeaker(a actor) {
	if a.name == "" || a.pronoun {
		return
	}
	d.mentions = append(d.mentions, mention{first: a.first, last: a.last, actor: a})
	sortMentions(d.mentions)
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].first < ms[j-1].first; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// cueAt finds an attribution cue starting at token k: a verb of saying, or "according
// to". It returns the cue and its length in tokens.
func (d *document) cueAt(words []string, k int, quoteSide bool) (lexicon.Cue, int) {
	c, n := lexicon.Longest(d.lx.Cues, words, k, 3)
	if n == 0 {
		return c, 0
	}
	if c.Frame != "prep" && !d.cueVerb(k) {
		// "reports" as a noun, "claims" as a noun: not a verb of saying.
		return c, 0
	}
	if c.Frame == "quote" && !quoteSide {
		return c, 0
	}
	return c, n
}

// attributionAfter reads "…,” SPEAKER said", "…,” said SPEAKER" and "…,” according
// to SPEAKER" after a quotation, within its sentence.
func (d *document) attributionAfter(q quote) (actor, string, int, bool) {
	k := q.last + 1
	// Skip the closing mark and punctuation glued to it.
	for k < len(d.toks) && isPunct(d.toks[k].text) && !isDash(d.toks[k].text) && d.toks[k].para == d.toks[q.last].para && k-q.last <= 3 {
		if d.toks[k].text == "." && k > q.last+1 {
			break
		}
		k++
	}
	if k >= len(d.toks) || d.toks[k].para != d.toks[q.last].para || d.toks[k].quote >= 0 {
		return actor{}, "", -1, false
	}
	switch d.toks[k].low {
	case "until", "when", "because", "after", "before", "if", "as", "while", "since", "and", "but", "so":
		return actor{}, "", -1, false // the sentence goes on; no attribution follows
	}
	words := d.words()
	limit := min(len(d.toks), k+25)
	for c := k; c < limit; c++ {
		t := d.toks[c]
		if t.quote >= 0 || t.para != d.toks[k].para {
			break
		}
		if (t.text == "." && d.endsSentence(c)) || t.text == "!" || t.text == "?" || t.text == ";" {
			break
		}
		if c == k && isDash(t.text) {
			// "…” ― Adriana Rodarte": a name after a dash, to the end of the line.
			if a, ok := d.dashAttribution(c); ok {
				return a, t.text, c, true
			}
		}
		cue, n := d.cueAt(words, c, true)
		if n == 0 {
			continue
		}
		cueText := d.textOf(c, c+n-1)
		if cue.Frame == "prep" {
			if a := d.resolve(c+n, d.phraseEnd(c+n), ""); !a.empty() {
				return a, cueText, c, true
			}
			return actor{}, "", -1, false
		}
		if c > k {
			// SPEAKER said
			if a := d.resolve(k, c-1, ""); !a.empty() {
				return a, cueText, c, true
			}
		}
		// said SPEAKER
		if a := d.resolve(c+n, d.phraseEnd(c+n), ""); !a.empty() {
			return a, cueText, c, true
		}
		return actor{}, "", -1, false
	}
	return actor{}, "", -1, false
}

func isDash(s string) bool { return s == "―" || s == "—" || s == "–" || s == "-" || s == "--" }

// endsSentence reports whether the full stop at token j ends a sentence rather
// than an abbreviation inside a name ("Mitch McConnell, R-Ky., said").
func (d *document) endsSentence(j int) bool {
	if j+1 >= len(d.toks) {
		return true
	}
	n := d.toks[j+1]
	if n.para != d.toks[j].para {
		return true
	}
	if j > 0 && d.lx.Titles[d.toks[j-1].low+"."] != "" || j > 0 && d.lx.Titles[d.toks[j-1].low] != "" && len(d.toks[j-1].low) <= 4 {
		return false // "Ms. Moore", "Gen. Milley"
	}
	if n.text == "," || n.text == ")" {
		return false
	}
	return !(isWord(n.text) && !isCap(n.text))
}

// dashAttribution reads a name after a dash that closes a quotation's line.
func (d *document) dashAttribution(c int) (actor, bool) {
	s := c + 1
	e := s
	for e < len(d.toks) && d.toks[e].para == d.toks[c].para && d.toks[e].quote < 0 && e-s < 8 {
		e++
	}
	e--
	for e >= s && isPunct(d.toks[e].text) {
		e--
	}
	if e < s || !isCap(d.toks[s].text) {
		return actor{}, false
	}
	a := d.resolve(s, e, "")
	return a, !a.empty()
}

// phraseEnd returns the last token of a noun phrase starting at k: up to the next
// clause punctuation, quotation or verb, within the sentence.
func (d *document) phraseEnd(k int) int {
	if k >= len(d.toks) {
		return k - 1
	}
	e := k
	comma := 0
	for j := k; j < len(d.toks) && j < k+20; j++ {
		t := d.toks[j]
		if t.sent != d.toks[k].sent || t.quote >= 0 {
			break
		}
		if t.text == "." || t.text == ";" || t.text == ":" || t.text == "?" || t.text == "!" {
			break
		}
		if t.text == "," {
			// An appositive runs to the second comma: "Smith, a spokesman for X, said";
			// a relative clause ends the phrase: "one commander, who asked …".
			comma++
			if comma > 1 || j+1 < len(d.toks) && (d.toks[j+1].low == "who" || d.toks[j+1].low == "which") {
				break
			}
			continue
		}
		if j > k && (t.upos == "VERB" || t.low == "that" || t.low == "on" || t.low == "in" && !isCap(d.toks[min(j+1, len(d.toks)-1)].text)) {
			break
		}
		e = j
	}
	return e
}

// attributionBefore reads "SPEAKER said: “…”" and "SPEAKER said, “…”" before a
// quotation, in its sentence or ending the paragraph before it.
func (d *document) attributionBefore(q quote) (actor, string, int, bool) {
	m := q.first - 1
	for m >= 0 && isPunct(d.toks[m].text) && d.toks[m].end > q.open-1 && q.open >= 0 {
		m--
	}
	if q.open < 0 || m < 0 {
		return actor{}, "", -1, false
	}
	// The text right before must end with a colon, a comma or the cue itself.
	end := m
	if t := d.toks[end].text; t == ":" || t == "," {
		end--
	} else if _, ok := d.lx.Cues[d.toks[end].low]; !ok {
		return actor{}, "", -1, false
	}
	if end < 0 {
		return actor{}, "", -1, false
	}
	words := d.words()
	lo, _ := d.sentenceOf(end)
	for c := end; c >= lo && c >= end-20; c-- {
		if d.toks[c].quote >= 0 {
			break
		}
		cue, n := d.cueAt(words, c, true)
		if n == 0 {
			continue
		}
		cueText := d.textOf(c, c+n-1)
		if cue.Frame == "prep" {
			// "According to Dmytro Lykhovyi, “…”": the source follows the cue.
			if c+n <= end {
				if a := d.resolve(c+n, end, ""); !a.empty() {
					return a, cueText, c, true
				}
			}
			continue
		}
		// The subject: the parse's nsubj of the cue, or the words before it.
		if s, e, ok := d.subjectOf(c, lo); ok {
			if a := d.resolve(s, e, ""); !a.empty() {
				return a, cueText, c, true
			}
		}
		if a := d.resolve(d.clauseStart(c, lo), c-1, ""); !a.empty() {
			return a, cueText, c, true
		}
		return actor{}, "", -1, false
	}
	return actor{}, "", -1, false
}

// hasConjunction reports whether the conjunct v has a coordinating conjunction or a
// comma of its own before it.
func (d *document) hasConjunction(v, lo, hi int) bool {
	for _, c := range d.children(v, lo, hi) {
		if c < v && (d.toks[c].upos == "CCONJ" || d.toks[c].text == ",") {
			return true
		}
	}
	return false
}

// subjectOf returns the span of the nominal subject of verb v, by the parse.
func (d *document) subjectOf(v, lo int) (int, int, bool) {
	if !d.parsed {
		return 0, 0, false
	}
	_, hi := d.sentenceOf(v)
	heads := []int{v}
	// A verb in a chain ("has said", "was quoted as saying"), a conjunct, or a
	// participle adjunct ("officials are trumpeting their success, saying …")
	// shares the subject of its head.
	// A conjunct needs its conjunction or comma: "Intel gained from Russia also
	// indicated" parsed as two coordinated verbs is one subject and its verb.
	if h := d.toks[v].head; h >= 0 && (d.toks[v].deprel == "conj" && d.hasConjunction(v, lo, hi) || d.toks[v].deprel == "xcomp" ||
		d.toks[v].deprel == "advcl" && strings.HasSuffix(d.toks[v].low, "ing")) {
		heads = append(heads, h)
	}
	for _, h := range heads {
		found := false
		var s, e int
		for _, c := range d.children(h, lo, hi) {
			if d.toks[c].deprel != "nsubj" && d.toks[c].deprel != "nsubj:pass" {
				continue
			}
			cs, ce := d.subtree(c)
			for j := c - 1; j >= cs; j-- {
				if d.toks[j].text == "," {
					// "It was, the minister said": the parse hangs "It was" on the
					// subject; or only the comma before it ("To be fair, even …").
					cs = j + 1
					break
				}
			}
			switch {
			case !found:
				s, e, found = cs, ce, true
			case cs == e+1:
				e = ce // a title and a name the parse made two subjects: "leader" + "Denis Pushilin"
			case cs > e+1 && d.toks[cs-1].text == "," && !relativeWords[d.toks[c].low]:
				// "Since this Council last met, the Belarusian regime announced": a
				// clause the parse took for a subject, then the subject.
				s, e = cs, ce
			}
		}
		if found {
			if e >= v {
				e = v - 1
			}
			// Determiners and adjectives just before the subject are its own, however
			// the parse hung them: "A senior U.S. military official",
			// "Moscow-installed official Vladimir Rogov" ("official" tagged ADJ).
			for s > lo && (d.toks[s-1].upos == "DET" || d.toks[s-1].upos == "ADJ") && s-1 > e-20 {
				s--
			}
			return d.hyphenStart(s, lo), e, s <= e
		}
	}
	return 0, 0, false
}

// relativeWords open relative clauses: "Donna Rawlings, who watched …, said".
var relativeWords = map[string]bool{"who": true, "which": true, "that": true, "whom": true, "whose": true}

// clauseStart finds where the clause that ends before token c begins: after the
// last clause punctuation or subordinating word.
func (d *document) clauseStart(c, lo int) int {
	s := c - 1
	for s > lo {
		t := d.toks[s-1]
		if t.text == "," || t.text == ";" || t.text == ":" || t.text == "—" || t.quote >= 0 || t.low == "that" ||
			t.text == "“" || t.text == "\"" || t.text == "”" {
			break
		}
		s--
	}
	return s
}

// nearestSource is the latest speaker or source named before token i, within a
// few paragraphs: the source of a quotation that stands alone after reporting of
// what that source said.
func (d *document) nearestSource(i int) (actor, bool) {
	best := actor{}
	bestPos := -1
	for _, c := range d.claims {
		if c.cueFirst < i && c.cueFirst > bestPos && c.source.name != "" {
			best, bestPos = c.source, c.cueFirst
		}
	}
	for _, q := range d.quotes {
		if q.cueFirst >= 0 && q.cueFirst < i && q.cueFirst > bestPos && q.speaker.name != "" {
			best, bestPos = q.speaker, q.cueFirst
		}
	}
	if bestPos < 0 || d.toks[i].para-d.toks[bestPos].para > 3 {
		return actor{}, false
	}
	return best, true
}

// speakerRecord converts an actor to the record's speaker.
func speakerRecord(d *document, a actor) *record.Speaker {
	if a.empty() {
		return nil
	}
	sp := d.span(a.first, a.last)
	return &record.Speaker{Name: d.latin(a.name, a.first), Mention: a.mention, Start: sp.Start, End: sp.End, Title: a.title, Org: a.org}
}
