package reading

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/reading/timex"
	"github.com/sitrep/sitrep/internal/record"
)

// placeTok is a resolved place on tokens.
type placeTok struct {
	first, last int
	p           record.Place
}

// placeTokens puts the record's places on tokens.
func (d *document) placeTokens() {
	for _, p := range d.rec.Places {
		f := d.tokenAt(p.Start)
		l := d.tokenAt(p.End - 1)
		if f >= len(d.toks) || l >= len(d.toks) {
			continue
		}
		d.places = append(d.places, placeTok{first: f, last: l, p: p})
	}
}

// spreadPlaces gives every later or earlier mention of a resolved place's exact
// name the same reading, where the geoparser left it out: one sense per document.
func (d *document) spreadPlaces() {
	covered := make([]bool, len(d.toks))
	for _, p := range d.places {
		for k := p.first; k <= p.last; k++ {
			covered[k] = true
		}
	}
	n := len(d.places)
	for i := 0; i < n; i++ {
		p := d.places[i]
		if p.p.Metonymic || p.p.Kind == "country" {
			continue
		}
		ln := p.last - p.first + 1
		for k := 0; k+ln <= len(d.toks); k++ {
			if covered[k] || d.toks[k].skip {
				continue
			}
			same := true
			for j := 0; j < ln; j++ {
				if d.toks[k+j].text != d.toks[p.first+j].text || covered[k+j] {
					same = false
					break
				}
			}
			if !same || !isCap(d.toks[k].text) {
				continue
			}
			q := p
			q.first, q.last = k, k+ln-1
			sp := d.span(k, k+ln-1)
			q.p.Start, q.p.End = sp.Start, sp.End
			d.places = append(d.places, q)
			for j := k; j < k+ln; j++ {
				covered[j] = true
			}
		}
	}
	sort.Slice(d.places, func(i, j int) bool { return d.places[i].first < d.places[j].first })
}

// placeAt returns the place whose mention covers token k.
func (d *document) placeAt(k int) (placeTok, bool) {
	for _, p := range d.places {
		if p.first <= k && k <= p.last {
			return p, true
		}
	}
	return placeTok{}, false
}

// context is what surrounds a word: the attributed statement and quotation it is
// part of, if any.
type context struct {
	claim   *claim
	speaker actor // the speaker of the quotation the word is in
}

// contextOf finds the innermost claim whose content holds token k, and the speaker
// of the quotation around it.
func (d *document) contextOf(k int) context {
	var cx context
	best := -1
	for i := range d.claims {
		c := &d.claims[i]
		if c.class == "intent" || c.class == "stance" {
			continue // "I want to draw your attention to …" attributes nothing
		}
		if c.cFirst <= k && k <= c.cLast && (best < 0 || c.cLast-c.cFirst < d.claims[best].cLast-d.claims[best].cFirst) {
			best = i
		}
	}
	if best >= 0 {
		cx.claim = &d.claims[best]
	}
	if q := d.toks[k].quote; q >= 0 && q < len(d.quotes) {
		cx.speaker = d.quotes[q].speaker
	}
	return cx
}

// ctxSide is the side whose words these are, for "our forces" and "the enemy".
func (cx context) side() string {
	if !cx.speaker.empty() && cx.speaker.side != "" {
		return cx.speaker.side
	}
	if cx.claim != nil && cx.claim.quote >= 0 {
		return cx.claim.source.side
	}
	return ""
}

// sourceSide is the side of whoever the words are attributed to, for "its forces"
// in "the ministry said its forces had …".
func (cx context) sourceSide() string {
	if s := cx.side(); s != "" {
		return s
	}
	if cx.claim != nil {
		return cx.claim.source.side
	}
	return ""
}

// nounPhrase returns the span of the noun phrase headed at token h by the parse,
// cut at relative clauses; without a parse, h with its modifiers to the left.
func (d *document) nounPhrase(h int) (int, int) {
	lo, hi := d.sentenceOf(h)
	s, e := h, h
	if d.parsed {
		for _, c := range d.children(h, lo, hi) {
			switch d.toks[c].deprel {
			case "acl:relcl", "acl", "punct", "cc", "conj", "appos", "advcl", "parataxis":
				continue
			}
			cs, ce := d.subtree(c)
			s, e = min(s, cs), max(e, ce)
		}
		return d.hyphenStart(s, lo), e
	}
	for s-1 >= lo && (d.toks[s-1].upos == "ADJ" || d.toks[s-1].upos == "DET" || d.toks[s-1].upos == "PROPN" || isCap(d.toks[s-1].text)) {
		s--
	}
	return d.hyphenStart(s, lo), e
}

// hyphenStart moves the start s of a phrase back over the first half of a
// hyphenated word the parse left out of it: "Russian-installed official Petro
// Ivanenko" is a Russian official.
func (d *document) hyphenStart(s, lo int) int {
	glued := func(i int) bool { return d.toks[i].start == d.toks[i-1].end } // no space before i
	for {
		switch {
		case s-2 >= lo && d.toks[s-1].text == "-" && glued(s-1) && glued(s):
			s -= 2 // the phrase starts inside the word
		case s-3 >= lo && d.toks[s-2].text == "-" && glued(s-2) && glued(s-1) && !glued(s) &&
			(d.toks[s-1].upos == "VERB" || d.toks[s-1].upos == "ADJ"):
			s -= 3 // the word stands just before it: "Russian-installed" + "official …"
		default:
			return s
		}
	}
}

// agentOf finds who does what token k names: the subject of a verb (or of the
// verb it depends on: "continue to withdraw", "launched a counteroffensive"), the
// "by" phrase of a passive, or the side adjective of a noun ("Ukrainian
// counteroffensive"). It returns the actor and whether the word was passive.
func (d *document) agentOf(k int, cx context) (actor, bool) {
	lo, hi := d.sentenceOf(k)
	// "The occupiers struck Kharkiv, said Oleh Synehubov": the words of a side
	// for itself or its enemy are the source's, in reported speech too.
	side := cx.sourceSide()
	if d.parsed {
		// Nouns: their own side adjective or possessor first.
		if d.toks[k].upos == "NOUN" || d.toks[k].upos == "PROPN" {
			for _, c := range d.children(k, lo, hi) {
				rel := d.toks[c].deprel
				if rel == "amod" || rel == "nmod:poss" || rel == "compound" {
					s, e := c, c
					if rel == "nmod:poss" {
						s, e = d.nounPhrase(c)
						for e > s && (d.toks[e].low == "'s" || d.toks[e].low == "'") {
							e--
						}
					}
					if a := d.resolve(s, e, side); !a.empty() && a.side != "" {
						return a, false
					}
				}
			}
		}
		// A participle after its noun takes its agent: "drones launched by
		// Russia".
		if strings.HasPrefix(d.toks[k].deprel, "acl") && d.toks[k].upos == "VERB" {
			for _, c := range d.children(k, lo, hi) {
				if r := d.toks[c].deprel; (r == "obl:agent" || r == "obl") && d.childWord(c, "by") {
					s, e := d.nounPhrase(c)
					if a := d.resolve(s+1, e, side); !a.empty() {
						return a, true
					}
				}
			}
		}
		if a := d.byAfterNoun(k, hi, side); !a.empty() {
			return a, true // the same, where the parse lost the participle
		}
		// A verb whose subject the parse missed: the phrase right before it
		// ("after Russian forces entered the city").
		if !d.hasChild(k, "nsubj", "nsubj:pass") && d.toks[k].upos != "NOUN" {
			if a := d.adjacentSubject(k, side); !a.empty() {
				return a, false
			}
		}
		passive, xcomp := false, false
		for v, n := k, 0; v >= 0 && n < 7; n++ {
			for _, c := range d.children(v, lo, hi) {
				switch d.toks[c].deprel {
				case "nsubj":
					if w := d.toks[c].low; w == "which" || w == "that" || w == "who" {
						continue // a relative pronoun; the clause may name its subject too
					}
					s, e := d.nounPhrase(c)
					if s == e && (d.toks[s].low == "i" || d.toks[s].low == "we") && !cx.speaker.empty() {
						return cx.speaker, passive // first person in a quotation: its speaker
					}
					if w := d.toks[s].low; (w == "its" || w == "their" || w == "his" || w == "her") && s < e && cx.sourceSide() != "" {
						// "the ministry said its forces had …", "Prigozhin claimed that his
						// fighters had …": the source's own side.
						a := d.resolve(s+1, e, side)
						if a.side == "" {
							a.side = cx.sourceSide()
						}
						return a, passive
					}
					if a := d.resolve(s, e, side); !a.empty() {
						return a, passive
					}
				case "nsubj:pass":
					if xcomp {
						// "Ukrainian troops were forced to withdraw": the subject of
						// the passive verb does what the infinitive says.
						s, e := d.nounPhrase(c)
						if a := d.resolve(s, e, side); !a.empty() {
							return a, false
						}
					}
					passive = true
				case "obl:agent", "obl":
					if passive && d.childWord(c, "by") {
						s, e := d.nounPhrase(c)
						return d.resolve(s+1, e, side), true
					}
				}
			}
			if passive {
				return actor{}, true
			}
			// Climb through control verbs and light verbs: "continue to withdraw",
			// "launched a counteroffensive", "plans to deploy"; never into the verb
			// that reports the words.
			switch d.toks[v].deprel {
			case "xcomp", "obj", "conj", "advcl", "acl":
				h := d.toks[v].head
				if h < 0 {
					break
				}
				if _, cue := d.lx.Cues[d.toks[h].low]; cue {
					break
				}
				xcomp = d.toks[v].deprel == "xcomp"
				v = h
				continue
			}
			break
		}
		if passive {
			return actor{}, true
		}
	}
	// Without a parse, or with no subject found: the nearest actor before the word
	// in its sentence.
	return d.actorBefore(k, lo, side, false), false
}

// byAfterNoun reads "NOUN launched by X" word by word: the actor X of a
// participle right after a noun and right before "by".
func (d *document) byAfterNoun(k, hi int, side string) actor {
	if k < 1 || k+2 > hi || d.toks[k+1].low != "by" || d.toks[k-1].upos != "NOUN" || !strings.HasSuffix(d.toks[k].low, "ed") {
		return actor{}
	}
	e := k + 2
	for e+1 <= hi && (d.toks[e+1].upos == "PROPN" || d.toks[e+1].upos == "NOUN" || isCap(d.toks[e+1].text)) {
		e++
	}
	return d.resolve(k+2, e, side)
}

// hasChild reports whether token h has a dependent with one of the relations.
func (d *document) hasChild(h int, rels ...string) bool {
	lo, hi := d.sentenceOf(h)
	for _, c := range d.children(h, lo, hi) {
		for _, r := range rels {
			if d.toks[c].deprel == r {
				return true
			}
		}
	}
	return false
}

// adjacentSubject reads the noun phrase right before a verb, past adverbs and
// auxiliaries, as its subject when it names a side: "Russian forces now occupy".
func (d *document) adjacentSubject(k int, side string) actor {
	lo, _ := d.sentenceOf(k)
	j := k - 1
	for j >= lo && (d.toks[j].upos == "ADV" || d.toks[j].upos == "AUX" || d.toks[j].upos == "PART") {
		j--
	}
	if j < lo {
		return actor{}
	}
	switch d.toks[j].upos {
	case "NOUN", "PROPN", "":
	default:
		return actor{}
	}
	s := j
	for s-1 >= lo {
		switch d.toks[s-1].upos {
		case "ADJ", "DET", "PROPN", "NOUN", "NUM":
			s--
			continue
		}
		break
	}
	a := d.resolve(s, j, side)
	if a.side == "" {
		return actor{}
	}
	return a
}

func (d *document) subtreeStart(c int) int {
	s, _ := d.subtree(c)
	return s
}

// childWord reports whether token h has a child with the given word.
func (d *document) childWord(h int, w string) bool {
	lo, hi := d.sentenceOf(h)
	for _, c := range d.children(h, lo, hi) {
		if d.toks[c].low == w {
			return true
		}
	}
	return false
}

// actorBefore scans back from k within its sentence (and the one before, for a
// pronoun) for a
// phrase that names a side: "the Russian forces", "Ukraine", "the occupiers".
func (d *document) actorBefore(k, lo int, side string, prevSentence bool) actor {
	start := lo
	if s := d.toks[lo].sent; s > 0 && prevSentence {
		start = d.sents[s-1].First
	}
	for j := k - 1; j >= start; j-- {
		t := d.toks[j]
		if t.quote >= 0 && d.toks[k].quote != t.quote {
			continue
		}
		if kind, ok := pronouns[t.low]; ok && kind != "person" && j < k {
			continue
		}
		// A name of several words ending here: "группировки войск « Центр »",
		// "the Vostok group of forces".
		if s := d.aliasEndingAt(j, start); s < j {
			if a := d.resolve(s, j, side); !a.empty() && a.side != "" {
				return a
			}
		}
		as := d.lx.Aliases[t.low]
		_, isCountry := d.lx.CountryByName(t.text)
		if len(as) == 0 && !(isCountry && isCap(t.text)) {
			continue
		}
		s, e := j, j
		if d.parsed {
			// The whole phrase around the word: "the Russian forces".
			h := j
			if d.toks[j].deprel == "amod" || d.toks[j].deprel == "compound" {
				h = d.toks[j].head
			}
			if h >= 0 {
				s, e = d.nounPhrase(h)
				if e >= k {
					e = k - 1
				}
			}
		}
		if a := d.resolve(s, e, side); !a.empty() && a.side != "" {
			return a
		}
	}
	return actor{}
}

// aliasEndingAt is the first token of the longest actor alias of two words or
// more that ends at token j and starts at start or after, or j if none does.
func (d *document) aliasEndingAt(j, start int) int {
	for w := min(d.lx.MaxWords, j-start+1); w >= 2; w-- {
		words := make([]string, w)
		for i := range w {
			words[i] = d.toks[j-w+1+i].low
		}
		if len(d.lx.Aliases[strings.Join(words, " ")]) > 0 {
			return j - w + 1
		}
	}
	return j
}

// objectOf returns the object of token k, for an event's target.
func (d *document) objectOf(k int, cx context) actor {
	if !d.parsed {
		return actor{}
	}
	lo, hi := d.sentenceOf(k)
	for _, c := range d.children(k, lo, hi) {
		switch d.toks[c].deprel {
		case "obj", "nsubj:pass":
			if _, ok := d.instrumentAt(c); ok {
				continue // what was fired, not what was hit: "fired Iskander missiles at Kharkiv"
			}
			s, e := d.nounPhrase(c)
			if a := d.resolve(s, e, cx.side()); !a.empty() && (a.side != "" || a.name != "") {
				return a
			}
		case "obl", "nmod":
			if d.childWord(c, "against") || d.childWord(c, "on") {
				s, e := d.nounPhrase(c)
				if a := d.resolve(s+1, e, cx.side()); !a.empty() && a.side != "" {
					return a
				}
			}
		}
	}
	return actor{}
}

// placeFor finds where what token k names happened: a place in its phrase or
// clause, or the nearest place in the sentence; "the region" and "the city" stand
// for the last place of that kind. from asks for the place after "from";
// notSubject passes over the subject of k, and rivers and seas (for control
// statements, whose place is the object and can be held).
func (d *document) placeFor(k int, from, notSubject bool) (record.PlaceRef, int, bool) {
	lo, hi := d.sentenceOf(k)
	best, bestD := -1, 1<<30
	for i, p := range d.places {
		if p.first < lo || p.last > hi || p.p.Metonymic {
			continue
		}
		if t := d.toks[p.last]; notSubject && d.parsed && t.head == k && t.deprel == "nsubj" {
			continue // "Ukraine retook the Russian-held town of Lyman": the subject acts
		}
		if notSubject && (p.p.Kind == "river" || p.p.Kind == "sea") {
			continue // "withdrew from the west bank of the Dnipro": no one holds a river
		}
		if q := p.last + 2; p.p.Kind == "country" && q <= hi && (d.toks[p.last+1].low == "'s" || d.toks[p.last+1].low == "’s") {
			if _, ok := d.placeAt(q); ok {
				continue // "Russia's Krasnodar region": the region is the place
			}
		}
		dist := p.first - k
		if dist < 0 {
			dist = -dist*2 + 4 // places after the word are likelier its own
		}
		if d.parsed && d.dominates(k, p.first) {
			dist -= 20
		}
		if from {
			if p.first > 0 && (d.toks[p.first-1].low == "from" || d.toks[p.first-1].low == "of" && p.first > 1 && d.toks[p.first-2].low == "out") {
				dist -= 30
			}
		}
		if dist < bestD {
			best, bestD = i, dist
		}
	}
	// "withdraw from the region": the region of the last place named.
	for j := k + 1; j <= hi && j <= k+6; j++ {
		w := d.toks[j].low
		if (w == "region" || w == "city" || w == "town" || w == "area" || w == "oblast") && j > 0 && d.toks[j-1].low == "the" {
			if _, named := d.placeAt(j); named {
				break
			}
			if _, named := d.placeAt(j + 2); named && j+2 <= hi && d.toks[j+1].low == "of" {
				break // "the city of Kherson" names its place
			}
			if ref, ok := d.anaphoricPlace(k, w); ok && (best < 0 || d.places[best].first < k || d.places[best].first > j || from) {
				return ref, j, true
			}
		}
	}
	if best < 0 {
		return record.PlaceRef{}, -1, false
	}
	p := d.places[best].p
	return record.PlaceRef{Name: p.Name, GeonameID: p.GeonameID, Lat: p.Lat, Lon: p.Lon}, d.places[best].first, true
}

// anaphoricPlace resolves "the region" or "the city" to the last place named
// before token k: a region itself, or the oblast of the last city.
func (d *document) anaphoricPlace(k int, noun string) (record.PlaceRef, bool) {
	for i := len(d.places) - 1; i >= 0; i-- {
		p := d.places[i]
		if p.first >= k || p.p.Kind == "country" {
			continue
		}
		switch noun {
		case "city", "town":
			if p.p.Kind == "city" || p.p.Kind == "town" || p.p.Kind == "village" {
				return record.PlaceRef{Name: p.p.Name, GeonameID: p.p.GeonameID, Lat: p.p.Lat, Lon: p.p.Lon}, true
			}
		default:
			if p.p.Kind == "oblast" || p.p.Kind == "region" {
				return record.PlaceRef{Name: p.p.Name, GeonameID: p.p.GeonameID, Lat: p.p.Lat, Lon: p.p.Lon}, true
			}
			if g, err := gazetteer.Default(); err == nil && p.p.Admin1 != "" {
				a1 := strings.TrimPrefix(p.p.Admin1, p.p.Country+".")
				if r, ok := g.Admin1(p.p.Country, a1); ok {
					return record.PlaceRef{Name: r.Name, GeonameID: r.ID, Lat: r.Lat, Lon: r.Lon}, true
				}
			}
			return record.PlaceRef{Name: p.p.Name, GeonameID: p.p.GeonameID, Lat: p.p.Lat, Lon: p.p.Lon}, true
		}
	}
	return record.PlaceRef{}, false
}

// modality reads whether what token k names is negated, planned or hypothetical:
// from modal and negative words before it in its clause, verbs that govern it
// ("plans to deploy"), and modals on the verbs above it ("taking Izyum back …
// would be devastating").
func (d *document) modality(k int) string {
	m, _ := d.modalityWord(k)
	return m
}

// modalityWord is modality with the word that set it ("would", "plans", "not").
func (d *document) modalityWord(k int) (string, string) {
	lo, _ := d.sentenceOf(k)
	words := d.words()
	// Words before k in its clause.
	start := k
	for start > lo {
		t := d.toks[start-1]
		if t.text == ";" || t.text == ":" || t.text == "." || (t.text == "," && k-start > 5) || clauseWords[t.low] && k-start > 0 {
			break
		}
		start--
	}
	found, word := "", ""
	rank := map[string]int{"required": 4, "negated": 3, "hypothetical": 2, "planned": 1}
	for j := start; j < k; j++ {
		m, n := lexicon.Longest(d.lx.Modality, words, j, 3)
		if n == 0 {
			continue
		}
		// A governing verb must lead to k through "to": "plans to deploy".
		if m.Scope == "governs" {
			if !(k-j <= 6 && containsWord(words[j+n:k], "to")) && !(d.parsed && d.dominates(j, k)) {
				continue
			}
		} else if k-j > 6 && !(d.parsed && d.dominates(d.toks[k].head, j)) {
			continue
		}
		if rank[m.Modality] > rank[found] {
			found, word = m.Modality, words[j]
		}
	}
	// A purpose infinitive is an intention ("to destroy supply lines"), unless a
	// verb of continuing governs it ("continue to withdraw").
	if found == "" && k > lo && d.toks[k-1].low == "to" && d.verbal(k) {
		g := k - 2
		for g > lo && (d.toks[g].upos == "ADV" || d.toks[g].upos == "PART") {
			g--
		}
		if g < lo || !d.lx.Aspectual[d.toks[g].low] {
			found, word = "planned", "to"
		}
	}
	// A gerund opening its sentence is the subject of the main clause ("Retaking
	// Kherson would be a major success"): that clause's modal is its own, however
	// the sentence was parsed.
	if found == "" && k == lo && d.toks[k].upos == "VERB" && strings.HasSuffix(d.toks[k].low, "ing") {
		_, hi := d.sentenceOf(k)
		for j := k + 1; j < hi && d.toks[j].text != "," && d.toks[j].text != ";"; j++ {
			if d.toks[j].upos != "AUX" {
				continue
			}
			if m, ok := d.lx.Modality[d.toks[j].low]; ok && m.Modality != "negated" {
				found, word = m.Modality, d.toks[j].low
			}
			break
		}
	}
	if d.parsed {
		// Modals on a verb the word depends on.
		for v, n := d.toks[k].head, 0; v >= 0 && n < 3; n++ {
			lo2, hi2 := d.sentenceOf(v)
			for _, c := range d.children(v, lo2, hi2) {
				if m, ok := d.lx.Modality[d.toks[c].low]; ok && (d.toks[c].deprel == "aux" || d.toks[c].deprel == "mark" || d.toks[c].deprel == "advmod") && c > k {
					if rank[m.Modality] > rank[found] && m.Modality != "negated" {
						found, word = m.Modality, d.toks[c].low
					}
				}
			}
			if d.toks[v].deprel != "xcomp" && d.toks[v].deprel != "ccomp" {
				break
			}
			v = d.toks[v].head
		}
	}
	return found, word
}

// clauseWords open a clause; modal words before them do not reach into it.
var clauseWords = map[string]bool{"that": true, "how": true, "which": true, "who": true, "when": true,
	"because": true, "after": true, "before": true, "while": true, "since": true, "as": true, "where": true}

func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// dateFor dates what token k names: the time expression of its sentence nearest
// to it, else the publication date with week precision (reports say what happened
// lately, seldom exactly when).
func (d *document) dateFor(k int) (string, string) {
	lo, hi := d.sentenceOf(k)
	s, e := d.toks[lo].start, d.toks[hi].end
	var best *timex.Expr
	bestD := 1 << 30
	for i := range d.times {
		x := &d.times[i]
		if x.Start < s || x.End > e {
			continue
		}
		dist := x.Start - d.toks[k].start
		if dist < 0 {
			dist = -dist
		}
		if dist < bestD {
			best, bestD = x, dist
		}
	}
	if best != nil {
		if best.Precision == timex.Day || best.Precision == timex.Month || best.Precision == timex.Year {
			return best.Value(), best.Precision
		}
		return best.Date().Format("2006-01-02"), best.Precision
	}
	if d.published.IsZero() {
		return "", ""
	}
	return d.published.Format("2006-01-02"), timex.Week
}
