package reading

import (
	"strings"

	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/record"
)

// claim is an attribution relation: a source, a cue and the content attributed.
type claim struct {
	cFirst, cLast     int // tokens of the content
	content           record.Span
	cue               string
	cueFirst, cueLast int
	class             string // the cue's class: speech, confirm, deny, ...
	source            actor
	quote             int // the quotation this claim is, or -1
	grade             lexicon.Grade
	corroborates      []int
	unverified        bool
	// next is the token of a second cue joined to this one ("said … and urged
	// …", "said …, adding …"), which shares this claim's source; 0 if none.
	next int
}

// findClaims reads indirect speech and reporting: "X said (that) …", "…, X said",
// "According to X, …", "reports that …", "Reports have surfaced that …", "X also
// confirms this report". Quotations are claims too; they are added by quoteClaims.
func (d *document) findClaims() {
	words := d.words()
	quoteCue := map[int]bool{}
	for _, q := range d.quotes {
		// "said that, “…” against …": the quotation is part of indirect speech,
		// whose content is the whole that-clause.
		if q.cueFirst >= 0 && !(q.cueFirst+1 < q.first && d.toks[q.cueFirst+1].low == "that") {
			quoteCue[q.cueFirst] = true
		}
	}
	for k := 0; k < len(d.toks); k++ {
		t := d.toks[k]
		if t.skip || t.quote >= 0 || quoteCue[k] {
			continue
		}
		if cue, n := lexicon.Longest(d.lx.Cues, words, k, 3); n > 0 {
			if c, ok := d.cueClaim(words, k, n, cue); ok {
				for _, p := range d.claims {
					if p.next == k && !p.source.empty() && !d.hasSubject(k) {
						c.source = p.source // the subject of the first cue
					}
				}
				d.addClaim(c)
				continue
			}
		}
		if class, ok := d.lx.Nominal[t.low]; ok && d.nominal(k) {
			if c, ok := d.nominalClaim(words, k, class); ok {
				d.addClaim(c)
				continue
			}
		}
	}
}

// hasSubject reports whether the parse gives the verb at k a subject of its own.
func (d *document) hasSubject(k int) bool {
	lo, hi := d.sentenceOf(k)
	for _, c := range d.children(k, lo, hi) {
		if strings.HasPrefix(d.toks[c].deprel, "nsubj") || d.toks[c].deprel == "expl" {
			return true
		}
	}
	return false
}

// turnClaims reads lines that open with a speaker and a colon: transcript turns
// ("MR. KIRBY: …", "PENCE: …") and attributed headlines ("Pence: Flowers won't be at
// debate"). The speaker must be written in capitals or be a person or institution
// the text or the actor dictionary names.
func (d *document) turnClaims() {
	for k := 0; k < len(d.toks); k++ {
		if d.toks[k].skip || k > 0 && d.toks[k-1].para == d.toks[k].para {
			continue
		}
		s := k
		if isDoubleMark([]rune(d.toks[s].text)[0]) {
			s++ // a transcript quoted whole: "WALLACE: …
		}
		colon := -1
		for j := s; j < len(d.toks) && j <= s+8 && d.toks[j].para == d.toks[k].para; j++ {
			if d.toks[j].text == ":" {
				colon = j
				break
			}
		}
		if colon <= s || colon+1 >= len(d.toks) || d.toks[colon+1].para != d.toks[k].para {
			continue
		}
		caps, label := true, false
		for j := s; j < colon; j++ {
			t := d.toks[j]
			if d.lx.Labels[t.low] {
				label = true
			}
			if isWord(t.text) && strings.ToUpper(t.text) != t.text {
				caps = false
			}
		}
		if label || colon > s+4 && !caps {
			continue // a long label only in capitals: "SECRETARY OF DEFENSE LLOYD J. AUSTIN III:"
		}
		a := d.resolve(s, colon-1, "")
		if a.empty() || !caps && a.name == "" || !caps && a.kind != "person" && d.lx.Aliases[lexicon.Key(d.textOf(s, colon-1))] == nil && !d.toks[colon-1].per {
			continue
		}
		if text := d.textOf(s, colon-1); caps && (a.name == "" || a.name == text) {
			a.name = titleLabel(text) // SENIOR MILITARY OFFICIAL → Senior Military Official
		}
		e := colon + 1
		for e+1 < len(d.toks) && d.toks[e+1].para == d.toks[k].para {
			e++
		}
		e = d.contentEnd(colon+1, e)
		if e <= colon+1 {
			continue
		}
		d.addClaim(claim{cue: ":", cueFirst: colon, cueLast: colon, class: "speech", source: a, quote: -1,
			cFirst: colon + 1, cLast: e})
	}
}

func (d *document) addClaim(c claim) {
	c.content = d.span(c.cFirst, c.cLast)
	// Two cues for one content ("told a television show that …", where the tagger
	// takes "show" for a verb): the first cue is the attribution.
	for _, p := range d.claims {
		if p.cFirst == c.cFirst && p.quote < 0 {
			return
		}
	}
	if !c.source.empty() && c.source.name != "" && !c.source.pronoun {
		d.mentions = append(d.mentions, mention{first: c.source.first, last: c.source.last, actor: c.source})
		sortMentions(d.mentions)
	}
	d.claims = append(d.claims, c)
}

// noComment are the cues that, negated, say nothing was said ("did not comment",
// "has not responded"); "did not say that …" still attributes what follows.
var noComment = map[string]bool{"comment": true, "comments": true, "commented": true, "commenting": true,
	"respond": true, "responds": true, "responded": true, "reply": true, "replied": true}

// negatedBefore reports whether the cue at k is negated: "could not verify", "has
// not confirmed", "neither official would comment".
func (d *document) negatedBefore(k int) bool {
	lo, _ := d.sentenceOf(k)
	for j := k - 1; j >= lo && j >= k-4; j-- {
		switch d.toks[j].low {
		case "not", "n't", "never", "unable", "cannot", "neither", "nobody", "none":
			return true
		}
		if d.toks[j].upos == "VERB" || d.toks[j].text == "," {
			break
		}
	}
	return false
}

// cueClaim reads a claim around the cue at tokens [k, k+n).
func (d *document) cueClaim(words []string, k, n int, cue lexicon.Cue) (claim, bool) {
	lo, hi := d.sentenceOf(k)
	hi = d.contentEnd(lo, hi)
	c := claim{cue: d.textOf(k, k+n-1), cueFirst: k, cueLast: k + n - 1, class: cue.Class, quote: -1}
	after := k + n
	if cue.Frame == "prep" {
		// "According to X, CONTENT" or "CONTENT, according to X".
		se := d.phraseEnd(after)
		if after > hi || se < after {
			return c, false
		}
		for x := after; x <= se; x++ {
			if d.toks[x].text == "," {
				se = x - 1
				break
			}
		}
		c.source = d.resolve(after, se, "")
		if k <= lo+1 {
			cs := se + 1
			for cs <= hi && isPunct(d.toks[cs].text) {
				cs++
			}
			c.cFirst, c.cLast = cs, hi
		} else {
			ce := k - 1
			for ce > lo && isPunct(d.toks[ce].text) {
				ce--
			}
			c.cFirst, c.cLast = lo, ce
		}
		return c, c.cFirst <= c.cLast && !c.source.empty()
	}
	if !d.cueVerb(k) {
		return c, false
	}
	if src, ok := d.aboutThis(k, n, lo); ok {
		// "Об этом сообщил X", "Про це повідомив X": X reported the sentence
		// before.
		plo, phi := d.sentenceOf(lo - 1)
		for phi > plo && isPunct(d.toks[phi].text) {
			phi--
		}
		c.source, c.cFirst, c.cLast = src, plo, phi
		return c, !c.source.empty() && plo <= phi
	}
	if d.negatedBefore(k) && c.class == "confirm" {
		c.class = "unverified"
	}
	if d.negatedBefore(k) && noComment[d.toks[k].low] {
		return c, false // "Kyiv did not comment on the claim": nothing said
	}
	// A participle or adjective use modifying a noun ("the so-called report", "a
	// confirmed case") is no attribution.
	if d.toks[k].deprel == "amod" || d.toks[k].deprel == "acl" && d.toks[k].low != "saying" && d.toks[k].low != "stating" {
		if !d.thatWithin(k+n, hi, 3) {
			return c, false
		}
	}
	if pc, ok, passive := d.passiveClaim(c, k, n, lo, hi); passive {
		return pc, ok
	}
	// CONTENT after the cue: a that-clause, a clausal complement, or an object.
	if j, ok := d.thatAfter(k+n, hi); ok {
		c.cFirst, c.cLast = j, d.argumentEnd(k, n, j, hi)
	} else if cs, ce, ok := d.complementOf(k, hi); ok && cue.Frame == "all" {
		c.cFirst, c.cLast = cs, ce
	} else if d.parenthetical(k, lo) {
		// "CONTENT, X said." — everything before the comma.
		ce := d.parentheticalComma(k, lo) - 1
		for ce > lo && isPunct(d.toks[ce].text) {
			ce--
		}
		cs := lo
		for cs < ce && isPunct(d.toks[cs].text) {
			cs++
		}
		if ce < cs || !d.saysSomething(cs, ce) {
			return c, false
		}
		c.cFirst, c.cLast = cs, ce
		// The source sits between the comma and the cue, or after the cue.
		comma := d.parentheticalComma(k, lo)
		if comma+1 <= k-1 {
			c.source = d.resolve(comma+1, k-1, "")
		} else {
			c.source = d.resolve(k+n, d.phraseEnd(k+n), "")
		}
		return c, !c.source.empty()
	} else if (c.class == "confirm" || c.class == "deny" || c.class == "unverified" || c.class == "evidence") && after <= hi {
		// "British intelligence also confirms this report."
		e := d.phraseEnd(after)
		if e < after {
			return c, false
		}
		c.cFirst, c.cLast = after, e
	} else if rs, ok := d.restContent(after, hi, c.class == "stance"); ok && cue.Frame == "all" {
		// "says voter fraud would be …", "called the charges fabricated".
		c.cFirst, c.cLast = rs, d.argumentEnd(k, n, rs, hi)
	} else {
		return c, false
	}
	if c.cFirst > c.cLast {
		return c, false
	}
	c.cLast, c.next = d.coordinatedCue(c.cFirst, c.cLast)
	c.cLast = d.clauseEnd(k, c.cFirst, c.cLast)

	// "to note that", "It is important to note that": the writer's own voice.
	if k > lo && d.toks[k-1].low == "to" {
		return c, false
	}
	// The source: the subject of the cue.
	if s, e, ok := d.subjectOf(k, lo); ok {
		c.source = d.resolve(s, e, "")
	}
	if c.source.empty() {
		s := d.clauseStart(k, lo)
		if s <= k-1 {
			c.source = d.resolve(s, k-1, "")
		}
	}
	if c.source.empty() && c.class != "report" && c.class != "evidence" {
		return c, false
	}
	return c, true
}

// aboutThis reads a Russian or Ukrainian sentence that opens "Об этом" or "Про
// це" before the cue at k: the source follows the cue, and what it said is the
// sentence before.
func (d *document) aboutThis(k, n, lo int) (actor, bool) {
	if k-2 != lo || lo == 0 {
		return actor{}, false
	}
	switch d.toks[lo].low + " " + d.toks[lo+1].low {
	case "об этом", "о том", "про це", "про то":
	default:
		return actor{}, false
	}
	return d.resolve(k+n, d.phraseEnd(k+n), ""), true
}

// restContent reads the words after a cue as its content when no complementiser
// introduces them: "said Trump had …". A prepositional or adverbial phrase ("said
// in an interview", "said on Monday") is no content.
func (d *document) restContent(s, hi int, one bool) (int, bool) {
	for s <= hi && (d.toks[s].upos == "ADV" || d.toks[s].text == ",") {
		s++
	}
	if s > hi {
		return 0, false
	}
	topic := func() bool {
		// What a cue is about: "complained about the microphone", "spoke of his
		// flights", "warned against hackers", "accused of using funds"; not "said
		// on Monday". "for" only after a stance: "criticised for his policies".
		switch d.toks[s].low {
		case "about", "of", "against", "over", "on":
		case "for":
			if !one {
				return false
			}
		default:
			return false
		}
		return s < hi && !timeWords[d.toks[s+1].low] && !months[d.toks[s+1].low]
	}
	switch d.toks[s].upos {
	case "PART", "SCONJ":
		// An intention or a question: "vowed to repeal …", "asked whether …".
		infinitive := d.toks[s].low == "to" && s < hi && d.verbal(s+1)
		question := d.toks[s].low == "whether" || d.toks[s].low == "if"
		if topic() {
			s++
		} else if !infinitive && !question {
			return 0, false
		}
	case "ADP":
		if !topic() {
			return 0, false
		}
		s++
	case "PUNCT", "CCONJ":
		return 0, false
	}
	if d.toks[s].quote >= 0 && d.toks[s].quote == d.toks[hi].quote {
		return 0, false // a quotation, read as such
	}
	words := 0
	for k := s; k <= hi; k++ {
		if isWord(d.toks[k].text) {
			words++
		}
	}
	return s, words >= 2 || one && words == 1
}

// contentEnd trims closing punctuation and quotation marks from a sentence's end.
func (d *document) contentEnd(lo, hi int) int {
	for hi > lo && isPunct(d.toks[hi].text) {
		hi--
	}
	return hi
}

// thatAfter finds the complementiser of a that-clause soon after a cue ("told a
// television show that …") and returns its token.
func (d *document) thatAfter(k, hi int) (int, bool) {
	for j := k; j <= hi && j < k+10; j++ {
		t := d.toks[j]
		if t.text == "," && j+1 <= hi && (d.toks[j+1].low == "что" || d.toks[j+1].low == "що") {
			continue // Russian and Ukrainian write a comma before "что", "що"
		}
		if t.low == "that" || t.low == "что" || t.low == "що" {
			// After an addressee ("report to the House that …", "said to reporters
			// that …") "that" before a subject opens the content, however the parse
			// took it (often as a relative pronoun: "the House that … made"); before
			// a verb it is one ("spoke to the soldiers that defended Kyiv").
			addressee := j > k+1 && d.toks[k].low == "to" && j+1 <= hi && d.toks[j+1].upos != "VERB" && d.toks[j+1].upos != "AUX"
			// Right after the cue, "that" before a noun and a verb ("adding that
			// power would return") opens the content, though the parse may take it
			// for a determiner.
			clause := j == k && j+2 <= hi && (d.toks[j+1].upos == "NOUN" || d.toks[j+1].upos == "PROPN") &&
				(d.toks[j+2].upos == "AUX" || d.toks[j+2].upos == "VERB")
			if d.parsed && t.deprel != "mark" && t.upos != "SCONJ" && !addressee && !clause {
				return 0, false
			}
			// "said he was doubtful of the claim that …", "says it underscores that
			// …": the that-clause of a word inside the content, not of the cue — an
			// adjective, a verb with a subject of its own, or a noun that takes a
			// claim's content ("the army's claim that …").
			if d.parsed && k > 0 && t.head >= 0 && j > k+1 {
				if h := d.toks[t.head].head; h >= k && h < j {
					_, nominal := d.lx.Nominal[d.toks[h].low]
					if d.toks[h].upos == "ADJ" || d.toks[h].upos == "VERB" && d.hasSubject(h) || h > k && d.toks[h].upos == "NOUN" && nominal {
						return 0, false
					}
				}
			}
			return j, j < hi
		}
		if t.text == "," && j > k || t.text == ";" || t.text == ":" || t.quote >= 0 || t.upos == "SCONJ" ||
			t.text == "." || t.text == "(" {
			return 0, false
		}
	}
	return 0, false
}

func (d *document) thatWithin(k, hi, n int) bool {
	_, ok := d.thatAfter(k, min(hi, k+n))
	return ok
}

// complementOf returns the clausal complement of a cue by the parse: "said the
// Russians were still trying …". Where the parse splits the complement ("says it
// means Trump “may not have paid …”" as two complements of "says"), their spans
// are joined; where it takes the complement's subject for the cue's object ("says
// the flurry of tweets was …"), the object opens the content.
func (d *document) complementOf(k, hi int) (int, int, bool) {
	if !d.parsed {
		return 0, 0, false
	}
	s, e := -1, -1
	obj, subj := -1, false
	for _, c := range d.children(k, k+1, hi) {
		switch d.toks[c].deprel {
		case "ccomp":
			if d.adverbialClause(c, k+1, hi) {
				continue // "…, officials said on Friday, as water levels rose"
			}
			cs, ce := d.subtree(c)
			if s < 0 || cs < s {
				s = cs
			}
			e = max(e, ce)
			for _, g := range d.children(c, k+1, hi) {
				if strings.HasPrefix(d.toks[g].deprel, "nsubj") || d.toks[g].deprel == "expl" {
					subj = true
				}
			}
		case "obj":
			if obj < 0 {
				obj = c
			}
		}
	}
	if s < 0 {
		return 0, 0, false
	}
	if obj >= 0 && !subj {
		if a, _ := d.subtree(obj); a < s {
			s = a
		}
	}
	if s <= k {
		s = k + 1
	}
	for s <= e && isPunct(d.toks[s].text) {
		s++
	}
	e = min(e, hi)
	if e-s < 2 {
		return 0, 0, false
	}
	return s, e, true
}

// adverbialClause reports whether the clause headed at c opens with a
// subordinator of time, cause or condition ("as", "while", "because", …): an
// adjunct the parse may take for a cue's complement, never what the cue reports.
func (d *document) adverbialClause(c, lo, hi int) bool {
	for _, g := range d.children(c, lo, hi) {
		if d.toks[g].deprel == "mark" && adverbialMarks[d.toks[g].low] {
			return true
		}
	}
	return false
}

var adverbialMarks = map[string]bool{
	"as": true, "while": true, "because": true, "since": true, "although": true, "though": true,
	"after": true, "before": true, "when": true, "once": true, "until": true, "unless": true,
}

// saysSomething reports whether tokens [i, j] can be what a parenthetical cue
// reports: a clause, or a phrase of three words or more ("Heavy fighting in the
// east, officials said") — not a connective ("However, grain shipments
// continue").
func (d *document) saysSomething(i, j int) bool {
	words := 0
	for k := i; k <= j; k++ {
		if u := d.toks[k].upos; u == "VERB" || u == "AUX" {
			return true
		}
		if isWord(d.toks[k].text) {
			words++
		}
	}
	return words >= 3
}

// parenthetical reports whether the cue at k closes its sentence after a comma, as
// in "…, the ministry said." or "…, said Peskov on Monday."
func (d *document) parenthetical(k, lo int) bool {
	comma := d.parentheticalComma(k, lo)
	if comma <= lo {
		return false
	}
	_, hi := d.sentenceOf(k)
	// Only a few words (a time, a place, the source) may follow the cue, and no verb,
	// up to a comma that opens an adjunct: "…, leaders said Friday, as they …".
	rest := 0
	for j := k + 1; j <= hi; j++ {
		// A comma right after the cue ends the attribution only before a
		// contrast: "…, the ministry claimed, but Ukraine denied it".
		if d.toks[j].text == "," && (j > k+1 || j+1 <= hi && contrasts[d.toks[j+1].low]) {
			break
		}
		if isWord(d.toks[j].text) {
			rest++
		}
		if d.toks[j].upos == "VERB" || d.toks[j].upos == "AUX" || d.toks[j].low == "that" {
			return false
		}
		if d.toks[j].head == k && d.toks[j].deprel == "obj" {
			return false // "Russian troops continued their assault": a verb with its object
		}
	}
	return rest <= 6
}

// contrasts open a clause that answers an attribution: "…, Moscow claimed, but
// Kyiv denied it".
var contrasts = map[string]bool{"but": true, "while": true, "although": true, "though": true, "whereas": true, "yet": true}

// months name the months, for "said on May 3".
var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true}

// timeWords name days and times after a cue: "said Tuesday", "said today".
var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true,
	"on": true, "last": true, "this": true, "earlier": true, "later": true, "late": true, "early": true}

// parentheticalComma is the comma that opens an attribution ending a sentence, or -1.
// Between the comma and the cue stands the source, a few words with no verb, which
// may carry an appositive: "…, Smith, a spokesman for X, said." Right before the
// cue, a comma either closes such an appositive or precedes an inverted source
// ("…, said Peskov").
func (d *document) parentheticalComma(k, lo int) int {
	_, hi := d.sentenceOf(k)
	inverted := false
	for j := k + 1; j <= hi; j++ {
		if timeWords[d.toks[j].low] {
			continue // "…, said Tuesday": a day, not a source
		}
		if isWord(d.toks[j].text) && isCap(d.toks[j].text) || determiners[d.toks[j].low] {
			inverted = true
			break
		}
	}
	closing := false
	for j := k - 1; j > lo && j >= k-14; j-- {
		t := d.toks[j]
		if t.text == "," {
			if j == k-1 {
				if inverted {
					return j
				}
				closing = true
				continue
			}
			if closing {
				// The appositive's opening comma; the name stands before it.
				closing = false
				continue
			}
			return j
		}
		switch t.upos {
		case "VERB", "AUX", "SCONJ":
			return -1
		}
		if t.quote >= 0 || t.text == ";" || t.low == "that" || t.low == "as" || t.low == "to" || t.low == "which" || t.low == "who" ||
			t.low == "where" || t.low == "when" || t.low == "while" || t.low == "whom" || t.low == "whose" {
			return -1
		}
	}
	return -1
}

// nominalClaim reads "reports that …", "the claim that …" and "Reports have (also)
// surfaced that …".
func (d *document) nominalClaim(words []string, k int, class string) (claim, bool) {
	lo, hi := d.sentenceOf(k)
	hi = d.contentEnd(lo, hi)
	c := claim{cue: d.toks[k].text, cueFirst: k, cueLast: k, class: class, quote: -1}
	j := k + 1
	phrase := false // content is the noun's complement, not the rest of the sentence
	if j <= hi && d.toks[j].low == "that" {
		if d.parsed && d.toks[j].deprel != "mark" && d.toks[j].upos != "SCONJ" {
			return c, false
		}
	} else if j < hi && d.toks[j].low == "to" && d.verbal(j+1) {
		// "her plan to raise taxes", "a pledge to cut emissions".
		phrase = true
	} else if j < hi && nounTopic[d.toks[j].low] && isWord(d.toks[j+1].text) && !timeWords[d.toks[j+1].low] {
		// "reports of shelling near X", "questions about his health", "a plan for taxes".
		j++
		phrase = true
	} else {
		// Reports have (also) surfaced that …
		found := false
		for v := k + 1; v <= hi && v <= k+4; v++ {
			if d.lx.Surface[d.toks[v].low] {
				if t, ok := d.thatAfter(v+1, hi); ok {
					c.cue = d.textOf(k, v)
					c.cueLast = v
					j, found = t, true
				}
				break
			}
		}
		if !found {
			return c, false
		}
	}
	c.cFirst, c.cLast = j, hi
	if phrase && d.parsed {
		if _, r := d.subtree(k); r >= j && r < hi {
			c.cLast = d.contentEnd(j, r)
		}
	}
	c.cLast, _ = d.coordinatedCue(c.cFirst, c.cLast)
	// The source: a possessor ("Russia's claims") or the noun itself ("reports").
	s := k
	for s-1 >= lo && (d.toks[s-1].upos == "ADJ" || d.toks[s-1].upos == "DET" || d.toks[s-1].low == "'s" ||
		d.toks[s-1].upos == "PROPN" || d.toks[s-1].upos == "NOUN" && d.toks[s-1].head == k) {
		s--
	}
	if s < k {
		if d.toks[k-1].low == "'s" && s < k-1 {
			// "Russia's claims": the possessor, without its "'s".
			if a := d.resolve(s, k-2, ""); !a.empty() {
				c.source = a
			}
		}
	}
	if c.source.empty() && class != "report" && class != "evidence" {
		// "Trump unveiled a plan to …": the subject of the verb the noun depends
		// on; with none ("the plan to …"), the claim has no named source.
		if h := d.toks[k].head; d.parsed && h >= 0 && d.verbal(h) {
			if ss, se, ok := d.subjectOf(h, lo); ok {
				c.source = d.resolve(ss, se, "")
			}
		}
		return c, true
	}
	if c.source.empty() {
		c.source = actor{mention: d.textOf(s, k), first: s, last: k, kind: "org"}
		c.source.stype = d.sourceType(c.source, s, k)
	}
	return c, true
}

// nounTopic are the prepositions that introduce what an attribution noun is about.
var nounTopic = map[string]bool{"about": true, "of": true, "for": true, "over": true, "on": true, "against": true}

// quoteClaims adds a claim for every attributed quotation.
func (d *document) quoteClaims() {
	for qi, q := range d.quotes {
		if q.speaker.empty() || q.how == "claim" || q.kind == "partial" && q.how != "continued" {
			continue // fragments of an attributed statement are inside its claim already
		}
		if d.insideClaimOf(q) {
			continue
		}
		c := claim{cFirst: q.first, cLast: q.last, content: record.Span{Start: q.start, End: q.end},
			cueFirst: q.cueFirst, cueLast: q.cueFirst, class: "speech", source: q.speaker, quote: qi}
		if q.cueFirst >= 0 {
			c.cue = q.cue
			c.cueLast = q.cueFirst + strings.Count(q.cue, " ")
			if cue, ok := d.lx.Cues[lexicon.Key(q.cue)]; ok {
				c.class = cue.Class
			}
		}
		d.claims = append(d.claims, c)
	}
	// Keep claims in text order.
	cs := d.claims
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].content.Start < cs[j-1].content.Start; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// firstPerson gives the claims a transcript's speaker makes in the first person
// ("I think …", "we assess that …", under "MR. KIRBY:") that speaker as their
// source; the mention stays the pronoun.
func (d *document) firstPerson() {
	for i := range d.claims {
		c := &d.claims[i]
		if m := strings.ToLower(c.source.mention); !c.source.pronoun || c.cue == ":" || m != "i" && m != "we" {
			continue
		}
		if sp := d.turnSpeaker(c.cueFirst); !sp.empty() && !sp.pronoun {
			sp.mention, sp.first, sp.last = c.source.mention, c.source.first, c.source.last
			c.source = sp
		}
	}
}

// insideClaimOf reports whether a quotation lies inside the content of a claim
// made with its own cue ("said that, “…” against …").
func (d *document) insideClaimOf(q quote) bool {
	for _, c := range d.claims {
		if c.quote < 0 && q.cueFirst >= 0 && c.cueFirst == q.cueFirst && c.cFirst <= q.first && q.last <= c.cLast {
			return true
		}
	}
	return false
}

// anaphoric contents refer back to an earlier claim: "confirms this report".
var anaphoric = map[string]bool{
	"this": true, "that": true, "it": true, "this report": true, "these reports": true, "the report": true,
	"the reports": true, "this claim": true, "the claim": true, "these claims": true, "the claims": true,
	"this information": true, "the information": true, "this account": true, "that report": true,
	"those reports": true, "such reports": true,
}

// grade gives every claim its source's default grade, then raises the credibility
// of claims another source confirms and lowers that of claims denied or unverified.
func (d *document) grade() {
	for i := range d.claims {
		d.claims[i].grade = d.lx.Grade(d.claims[i].source.stype)
	}
	d.unverifiedNotes()
	for i := range d.claims {
		c := &d.claims[i]
		switch c.class {
		case "confirm", "deny", "unverified":
		default:
			continue
		}
		target := d.referent(i)
		if target < 0 {
			continue
		}
		t := &d.claims[target]
		switch c.class {
		case "confirm":
			c.corroborates = append(c.corroborates, target)
			if t.grade.Credibility > 2 {
				t.grade.Credibility = 2
			}
		case "deny":
			if t.grade.Credibility < 4 {
				t.grade.Credibility = 4
			}
		case "unverified":
			t.grade.Credibility = 6
			t.unverified = true
		}
	}
}

// unverifiedNotes reads the reporter's note that what sources said could not be
// checked, a passive with no source: "The claims could not be independently
// verified", "…, which could not be confirmed". Plural notes ("the claims",
// "these reports", "neither claim") mark every claim of the last four
// paragraphs, singular ones ("the claim", "it", "this", "which") the last claim;
// marked claims get credibility 6, "cannot be judged".
func (d *document) unverifiedNotes() {
	for k := range d.toks {
		if w := d.toks[k].low; w != "verified" && w != "confirmed" || d.toks[k].skip {
			continue
		}
		lo, _ := d.sentenceOf(k)
		be, neg := -1, false
		for j := k - 1; j >= lo && j >= k-4; j-- {
			switch d.toks[j].low {
			case "be", "been":
				be = j
			case "not", "n't", "cannot", "never":
				neg = true
			}
		}
		if be < 0 || !neg {
			continue
		}
		subj := ""
		for j := lo; j < be && j < lo+3; j++ {
			if subj != "" {
				subj += " "
			}
			subj += d.toks[j].low
			if verifyPlural[subj] || verifySingular[subj] {
				break
			}
		}
		which := be >= 3 && d.toks[be-2].low == "which" || be >= 4 && d.toks[be-3].low == "which"
		if !verifyPlural[subj] && !verifySingular[subj] && !which {
			continue
		}
		for i := len(d.claims) - 1; i >= 0; i-- {
			c := &d.claims[i]
			if c.cueFirst < 0 || c.cueFirst >= k || d.toks[k].para-d.toks[c.cueFirst].para > 3 {
				continue
			}
			if which && d.toks[c.cueFirst].sent != d.toks[k].sent {
				continue
			}
			c.grade.Credibility = 6
			c.unverified = true
			if !verifyPlural[subj] {
				break
			}
		}
	}
}

var (
	verifyPlural = map[string]bool{"the claims": true, "these claims": true, "those claims": true, "such claims": true,
		"the reports": true, "these reports": true, "those reports": true, "the figures": true, "these figures": true,
		"the accounts": true, "neither claim": true, "neither account": true, "none of the claims": true,
		"the statements": true, "both claims": true, "the casualty figures": true}
	verifySingular = map[string]bool{"the claim": true, "this claim": true, "that claim": true, "the report": true,
		"this report": true, "the figure": true, "the account": true, "it": true, "this": true, "that": true,
		"the statement": true}
)

// referent finds the earlier claim that claim i confirms or denies: the one its
// content points back to ("this report"), or the nearest one before it in the
// paragraph or the one before, from another source.
func (d *document) referent(i int) int {
	c := d.claims[i]
	content := lexicon.Key(d.textOf(c.cFirst, c.cLast))
	words := strings.Fields(content)
	back := anaphoric[content] || len(words) <= 3 && (words[0] == "this" || words[0] == "these" || words[0] == "the" || words[0] == "that" || words[0] == "those")
	best, bestScore := -1, 0.0
	for j := i - 1; j >= 0; j-- {
		p := d.claims[j]
		if p.cueFirst >= c.cueFirst && p.cFirst >= c.cFirst {
			continue
		}
		if p.source.name != "" && p.source.name == c.source.name {
			continue
		}
		if d.toks[c.cueFirst].para-d.toks[p.cFirst].para > 1 {
			break
		}
		if back {
			return j
		}
		if s := overlap(d.contentWords(p), d.contentWords(c)); s > bestScore && s >= 0.4 {
			best, bestScore = j, s
		}
	}
	return best
}

// contentWords are a claim's content words, lowercased, for comparing claims.
func (d *document) contentWords(c claim) map[string]bool {
	out := map[string]bool{}
	for k := c.cFirst; k <= c.cLast; k++ {
		t := d.toks[k]
		if t.upos == "NOUN" || t.upos == "PROPN" || t.upos == "VERB" || t.upos == "ADJ" || t.upos == "NUM" ||
			t.upos == "" && len(t.low) > 3 {
			out[t.low] = true
		}
	}
	return out
}

func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// claimRecords converts the claims for the record.
func (d *document) claimRecords() []record.Claim {
	out := make([]record.Claim, 0, len(d.claims))
	for _, c := range d.claims {
		rc := record.Claim{Content: c.content, Grade: c.grade.String(), Corroborates: []int{}}
		if c.cueFirst >= 0 && c.cue != "" {
			sp := d.span(c.cueFirst, c.cueLast)
			rc.Cue = record.Cue{Text: c.cue, Start: sp.Start, End: sp.End}
		}
		rc.Source = record.ClaimSource{Name: c.source.name, Type: c.source.stype}
		if rc.Source.Type == "" {
			rc.Source.Type = "other"
		}
		if !c.source.empty() {
			sp := d.span(c.source.first, c.source.last)
			rc.Source.Mention = &sp
			if rc.Source.Name == "" {
				rc.Source.Name = c.source.mention
			}
			rc.Source.Name = d.latin(rc.Source.Name, c.source.first)
		}
		rc.Corroborates = append(rc.Corroborates, c.corroborates...)
		out = append(out, rc)
	}
	return out
}

// argumentEnd clips a content that starts at s and runs to the sentence's end hi
// where the cue's own modifiers and conjuncts begin: "tweeted that X was … and
// encouraged …" ends before "and"; "called for more investment in a statement"
// ends before "in"; "said X, arguing that …" ends before the comma. What the
// parse hangs on the content itself stays in, so that a parse error inside the
// content does not cut it short.
func (d *document) argumentEnd(k, n, s, hi int) int {
	if !d.parsed || s > hi {
		return hi
	}
	lo, _ := d.sentenceOf(k)
	end := hi
	for j := max(lo, s+1); j <= hi; j++ {
		h := d.toks[j].head
		if h < k || h >= k+n {
			continue
		}
		rel := d.toks[j].deprel
		if i := strings.IndexByte(rel, ':'); i > 0 {
			rel = rel[:i]
		}
		switch rel {
		case "conj", "advcl", "parataxis":
		case "obl":
			if d.caseInCue(j, k, n) {
				continue
			}
		default:
			continue
		}
		a, _ := d.subtree(j)
		// Only where a comma or a conjunction marks the boundary: the parse of a
		// long content often hangs its own words on the cue.
		if a <= s || !(d.toks[a].upos == "CCONJ" || d.toks[a-1].text == ",") {
			continue
		}
		end = min(end, a-1)
	}
	for end > s && (isPunct(d.toks[end].text) || d.toks[end].upos == "CCONJ") {
		end--
	}
	return end
}

// caseInCue reports whether an oblique argument's preposition is part of the cue:
// "called for X", "complained about X".
func (d *document) caseInCue(j, k, n int) bool {
	for c := k; c < k+n; c++ {
		if d.toks[c].head == j && d.toks[c].deprel == "case" {
			return true
		}
	}
	if c := k + n; c < j && d.toks[c].head == j && d.toks[c].deprel == "case" {
		return true // "complained about X", the preposition right after the cue
	}
	return false
}

// coordinatedCue ends a content before a second cue joined to the first: "tweeted
// that X was a con and encouraged Americans to …", "said he would order a review
// and warned against hackers", "complained about his mic, even suggesting …".
// The second cue opens an attribution of its own, by the same source; its token
// is returned as next (0 when the content goes on to e).
func (d *document) coordinatedCue(s, e int) (end, next int) {
	words := d.words()
	for j := s + 2; j <= e; j++ {
		t := d.toks[j]
		if cue, n := lexicon.Longest(d.lx.Cues, words, j, 3); n > 0 && cue.Frame == "prep" && d.toks[j-1].text == "," {
			// "…, according to X": a source of its own.
			return d.contentEnd(s, j-1), 0
		}
		if _, ok := d.lx.Cues[t.low]; !ok || !d.verbal(j) {
			continue
		}
		p := j - 1
		for p > s && d.toks[p].upos == "ADV" {
			p--
		}
		switch d.toks[p].low {
		case "and", "but", ",":
		default:
			continue
		}
		if d.toks[p].low != "," && p-1 > s && d.toks[p-1].text == "," {
			p--
		}
		ce := p - 1
		for ce > s && isPunct(d.toks[ce].text) {
			ce--
		}
		if ce > s {
			return ce, j
		}
	}
	return e, 0
}

// clauseEnd keeps a content after its cue inside the cue's own clause: in "Though
// she called for X, Clinton restricted …" or "an architect who said he was stiffed,
// saying …" the content ends where the clause holding the cue ends.
func (d *document) clauseEnd(k, s, e int) int {
	if !d.parsed || d.toks[k].head < 0 {
		return e
	}
	switch d.toks[k].deprel {
	case "advcl", "acl", "acl:relcl", "csubj", "xcomp", "conj":
	default:
		return e
	}
	// A cue the parse made the subject of a verb inside the content is the parse
	// turned inside out ("…, adding that power would return" with "adding" the
	// subject of "return"), not a clause the content must stay within.
	if h := d.toks[k].head; d.toks[k].deprel == "csubj" && h >= s && h <= e {
		return e
	}
	// Nor where the parse took the complementiser for a determiner ("adding that
	// power would return": "that power" the cue's object): its subtree is no clause.
	if s == k+1 && d.toks[s].low == "that" && d.toks[s].upos == "DET" {
		return e
	}
	_, r := d.subtree(k)
	if r >= s && r < e {
		return d.contentEnd(s, r)
	}
	return e
}

// passiveClaim reads a cue in the passive: "The story was first reported by the
// Post", "It was reported that the bridge had been destroyed". The source is the
// agent ("by the Post"); the content runs from the subject through what follows
// the cue, or is what follows an empty "it". A passive with a subject and no agent
// ("the mayor was accused of …", "he was told that …") is left unread: who says
// so is unknown, and the subject is no source. passive is false when the cue is
// not in the passive.
func (d *document) passiveClaim(c claim, k, n, lo, hi int) (claim, bool, bool) {
	if !d.parsed {
		return c, false, false
	}
	subj, agent, pass := -1, -1, false
	for _, ch := range d.children(k, lo, hi) {
		switch d.toks[ch].deprel {
		case "aux:pass":
			pass = true
		case "nsubj:pass":
			subj = ch
		case "obl:agent":
			agent = ch
		case "obl":
			for _, cc := range d.children(ch, lo, hi) {
				if d.toks[cc].deprel == "case" && d.toks[cc].low == "by" && cc > k {
					agent = ch
				}
			}
		}
	}
	if !pass || subj > k {
		return c, false, pass
	}
	// No subject but an expletive "it" ("it was reported that …"), or an empty
	// "it": the content is what follows the cue.
	cs, ce, subjStart := -1, -1, -2
	if subj >= 0 {
		ss, se := d.subtree(subj)
		subjStart = ss
		se = min(se, k-1)
		if !(ss == se && d.toks[subj].low == "it") {
			cs, ce = ss, se
		}
	}
	after := k + n
	if agent >= 0 {
		as, ae := d.subtree(agent)
		if as < after {
			as = after
		}
		for as <= ae && d.toks[as].low == "by" {
			as++
		}
		if as <= ae {
			c.source = d.resolve(as, ae, "")
		}
		after = max(after, ae+1)
	}
	var rs int
	ok := false
	if j, found := d.thatAfter(after, hi); found {
		rs, ok = j, true
	} else if r, found := d.restContent(after, hi, true); found {
		rs, ok = r, true
	}
	if ok {
		re, _ := d.coordinatedCue(rs, d.argumentEnd(k, n, rs, hi))
		if cs < 0 {
			cs = rs
		}
		ce = max(ce, re)
	}
	if cs < 0 || ce < cs {
		return c, false, true
	}
	if subj >= 0 && cs == subjStart && c.source.empty() {
		return c, false, true
	}
	c.cFirst, c.cLast = cs, ce
	return c, true, true
}
