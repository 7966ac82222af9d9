package reading

import (
	"strings"

	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/record"
)

// controlStmt is a statement that a side took, lost or moved on a place.
type controlStmt struct {
	k      int
	place  record.PlaceRef
	side   string
	action string
	status string
	source string
	date   string
}

// towardWords introduce the place of an advance named by a noun ("a counteroffensive
// toward Izyum").
var towardWords = map[string]bool{"toward": true, "towards": true, "on": true, "near": true, "to": true,
	"into": true, "in": true, "at": true, "around": true, "against": true, "outside": true, "for": true}

// findControl reads territorial control: "Ukrainian forces retook Kharkiv", "as they
// withdraw from the region", "reports that Ukrainian forces reached the border",
// "the Ukrainians launched a counteroffensive toward Izyum". Attempts, intentions
// and hypotheticals are no control ("would be devastating", "plans to capture").
func (d *document) findControl() []controlStmt {
	words := d.words()
	var out []controlStmt
	for k := 0; k < len(d.toks); k++ {
		if d.toks[k].skip {
			continue
		}
		cws, n := lexicon.Longest(d.lx.Control, words, k, 4)
		if n == 0 {
			continue
		}
		cw, ok := d.pickControl(cws, k)
		if !ok {
			continue
		}
		mod, mword := d.modalityWord(k)
		hedged := false
		if mod == "hypothetical" && d.hedge(k, mword) {
			// "have very likely taken control of": an assessment's hedge on a
			// completed fact, not a hypothetical.
			mod, hedged = "", true
		}
		if mod == "planned" || mod == "hypothetical" {
			continue
		}
		if _, hi := d.sentenceOf(k); d.toks[hi].text == "?" {
			continue // a question asserts nothing
		}
		if k+n < len(d.toks) && reflexives[d.toks[k+n].low] {
			continue // "surrounded himself with advisers"
		}
		if cw.POS != "N" && d.attributive(k, n) {
			continue // "Russian-occupied Izium" says who holds it, not that it changed hands
		}
		if out, from := d.outOf(k + n); cw.Action == "advanced" && cw.POS != "N" && out {
			// "pushed Russian troops out of Andriivka": the place is taken ("moving
			// in on Izyum from the north" is not).
			cw.Action, cw.Place = "captured", "from"
		} else if cw.Action == "captured" && cw.Place == "from" && !out && !from {
			continue // "drove toward Kherson", "ousted the mayor": no one put out of a place
		}
		cx := d.contextOf(k)
		if cx.claim == nil && d.fragment(k) {
			// "Some advances east of Izyum.": a verbless fragment goes on with the
			// sentence before it, and its attribution.
			if lo, _ := d.sentenceOf(k); lo > 0 {
				plo, _ := d.sentenceOf(lo - 1)
				for j := lo - 1; j >= plo && cx.claim == nil; j-- {
					cx = d.contextOf(j)
				}
			}
		}
		st := controlStmt{k: k, action: cw.Action}
		var a actor
		switch cw.Place {
		case "subj":
			// "Lyman fell to Russian forces": the subject is the place, "to X" the side.
			p, at, ok := d.placeFor(k, false, false)
			if !ok || at > k {
				continue
			}
			st.place = p
			lo, hi := d.sentenceOf(k)
			for j := k + n; j <= hi && j < k+n+6; j++ {
				if d.toks[j-1].low == "to" || j == k+n && d.toks[k+n-1].low == "to" {
					a = d.actorBefore(min(hi+1, j+4), lo, cx.side(), false)
					break
				}
			}
		default:
			var passive bool
			a, passive = d.agentOf(k, cx)
			if passive && a.empty() {
				continue // "Kharkiv was retaken": by whom the text does not say here
			}
			if a.pronoun && a.side == "" {
				lo, _ := d.sentenceOf(k)
				a = d.actorBefore(a.first, lo, cx.side(), true)
			}
			p, at, ok := d.placeFor(k, cw.Place == "from", true)
			if list := d.colonList(k); len(list) > 0 && (!ok || at < k || at > list[0]) {
				// "the liberation of … from the invaders: Sumy region, Chernihiv region
				// and Kyiv region".
				p, at, ok = d.placeRef(list[0]), list[0], true
			}
			if !ok {
				continue
			}
			if d.compassWord(at) {
				continue // "gains in North, South": a direction read as a place
			}
			if (d.toks[k].deprel == "acl" || d.toks[k].deprel == "amod") && k > 0 && k+1 < len(d.toks) &&
				(d.toks[k-1].upos == "NOUN" || d.toks[k-1].upos == "PROPN") && d.toks[k+1].low == "by" {
				// "villages occupied by the enemy": a participle says what the noun it
				// modifies is; it makes a statement only when that noun is the place.
				if h := d.toks[k].head; h < 0 || !d.placeCovers(h, at) {
					continue
				}
			}
			if (cw.POS == "N" || d.toks[k].upos == "NOUN") && !d.listAfterColon(k, at) {
				// A noun names a movement only with its place after it: "a counteroffensive
				// toward Izyum", "the withdrawal from Kherson", "the liberation of Kherson".
				prep := func(i int) bool {
					w := d.toks[i].low
					return towardWords[w] || w == "from" || w == "of" && cw.Action != "advanced"
				}
				if at <= k {
					// The place named before the noun is seldom its own ("Ukraine
					// embarked on a counter-offensive … around the city of Kherson"):
					// take the first one after it.
					if q, ok := d.placeAfter(k); ok {
						p, at = d.placeRef(q), q
					}
				}
				intro := d.placeIntro(at)
				if at <= k || at > k+6 && !(at <= k+14 && d.noVerbBetween(k, at)) ||
					!prep(at-1) && !(at >= 2 && prep(at-2)) && !d.compassOf(at-1) && !(intro >= 0 && (prep(intro) || d.compassOf(intro))) {
					continue
				}
			} else if at < k {
				// "Syevyerodonetsk, which Russian forces now occupy": the place the
				// relative clause hangs on.
				if !d.relativeBefore(k, at) {
					continue
				}
			}
			st.place = p
			if src := cx.claim; a.side == "" && src != nil && src.source.stype == "party_official" && d.lx.Party(src.source.side) {
				// Units a party's official does not name are its own: "units of the
				// Vostok group liberated Urozhaine, the Russian defence ministry said".
				a.side = src.source.side
			}
			if a.side == "" && cw.Action == "retook" {
				// Retaking is regaining one's own ground: "the liberation of Kherson".
				a.side = d.placeSide(at)
			}
			if a.side == "" && d.fragment(k) {
				// "… incremental progress in the Donbas. Some advances east of Izyum":
				// the side of the sentence the fragment continues.
				if lo, _ := d.sentenceOf(k); lo > 0 {
					plo, _ := d.sentenceOf(lo - 1)
					a = d.actorBefore(lo, plo, cx.side(), false)
				}
			}
			// Ground taken near a place, or part of a region, or a number of
			// settlements in it, is an advance on it, not the place itself.
			switch cw.Action {
			case "retook", "captured", "entered":
				if d.nearPlace(at) || d.partOfRegion(k, at) || d.settlementsIn(k, at) || d.shareOf(k, at) {
					st.action = "advanced"
				}
			case "withdrew":
				// "withdrew from areas around Izium": the place is not given up; the
				// other side is advancing on it. Falling back toward a place gives
				// up nothing there.
				if w := d.toks[max(at-1, 0)].low; w == "toward" || w == "towards" {
					continue
				}
				if d.nearPlace(at) {
					if opp := d.lx.Opponent[a.side]; opp != "" && d.lx.Party(opp) {
						a.side, st.action = opp, "advanced"
					} else {
						continue
					}
				}
			}
			if st.action == "captured" && a.side != "" && a.side == d.placeSide(at) {
				// Taking control of a place in one's own country is taking it back.
				st.action = "retook"
			}
			if ps := d.placeSide(at); st.action == "retook" && a.side != "" && ps != "" && a.side != ps {
				// Taking the other side's place is capturing it, whatever the word
				// ("liberated", in Moscow's reports of Ukrainian villages).
				st.action = "captured"
			}
		}
		if a.side == "" {
			continue
		}
		st.side = a.side
		if d.isCountryRef(st.place) {
			continue // "occupied vast swaths of Ukraine" is no statement about a place
		}
		cx = d.ownSource(k, cx)
		st.status, st.source = d.controlStatus(cx, st.side, st.action)
		st.source = titleLabel(st.source)
		if st.status == "confirmed" && d.reportedly(k) {
			// "Russian soldiers reportedly fled Izium": hearsay, not a fact.
			st.status = "claimed"
		}
		if hedged && st.status == "confirmed" {
			st.status = "assessed"
		}
		if mod == "negated" || d.deniedAbove(k) {
			st.status = "denied"
		}
		st.date, _ = d.dateFor(k)
		out = append(out, st)
		// The same holds for every place listed with this one: "retook Izium,
		// Balakliia and Kupiansk".
		if at := d.tokenOfPlace(st.place, k); at >= 0 {
			for _, more := range d.coordinated(at) {
				st2 := st
				st2.place = d.placeRef(more)
				out = append(out, st2)
			}
		}
		k += n - 1
	}
	return dedupeControl(out, d)
}

// outOf reports whether "out of" (out) or "from" (from) follows within a few
// words of token k, in its sentence, before any other verb: "pushed Russian
// troops out of …", "ousted Russian forces from …".
func (d *document) outOf(k int) (out, from bool) {
	if k >= len(d.toks) {
		return false, false
	}
	_, hi := d.sentenceOf(k)
	for j := k; j <= hi && j < k+7; j++ {
		w := d.toks[j].low
		if w == "from" {
			return false, true
		}
		if w == "out" && j+1 <= hi && d.toks[j+1].low == "of" {
			return true, false
		}
		if d.toks[j].upos == "VERB" || w == "," {
			return false, false
		}
	}
	return false, false
}

// attributive reports whether the participle at k describes a noun rather than
// telling what happened: the second half of a hyphenated modifier
// ("Russian-occupied Izium", "Ukrainian-held territory", "Kremlin-controlled"), or
// an adjectival participle before its noun ("occupied Melitopol", "the liberated
// areas"). Such a word states who holds a place, or that it changed hands at some
// time the text does not give; neither is a dated change of control.
func (d *document) attributive(k, n int) bool {
	t := d.toks[k]
	if !strings.HasSuffix(t.low, "ed") && !strings.HasSuffix(t.low, "en") {
		return false
	}
	if k >= 2 {
		h, w := d.toks[k-1], d.toks[k-2]
		if (h.text == "-" || h.text == "‐") && h.start == w.end && t.start == h.end {
			return true
		}
	}
	if n > 1 || t.deprel != "amod" || t.head <= k || t.head > k+3 {
		return false // "taken control of" is a verb phrase whatever the parse says
	}
	for j := max(k-3, 0); j < k; j++ {
		if auxiliaries[d.toks[j].low] {
			return false // "have very likely taken", "was occupied": a verb after all
		}
	}
	if lo, _ := d.sentenceOf(k); k > lo {
		if u := d.toks[k-1].upos; u == "NOUN" || u == "PROPN" || u == "PRON" {
			return false // "Ukrainian units recaptured villages": after its subject, a verb
		}
	}
	for j := k + 1; j < t.head; j++ {
		if u := d.toks[j].upos; u != "ADJ" && u != "NOUN" && u != "PROPN" {
			return false
		}
	}
	u := d.toks[t.head].upos
	return u == "NOUN" || u == "PROPN"
}

var auxiliaries = map[string]bool{"have": true, "has": true, "had": true, "having": true, "be": true,
	"is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "'s": true, "'ve": true}

var reflexives = map[string]bool{"himself": true, "herself": true, "itself": true, "themselves": true,
	"myself": true, "ourselves": true, "yourself": true}

// pickControl chooses the reading of a control word that fits its part of speech.
func (d *document) pickControl(cws []lexicon.ControlWord, k int) (lexicon.ControlWord, bool) {
	verb := d.verbal(k)
	if u := d.toks[k].upos; (u == "NOUN" || u == "ADJ") && !verb {
		// A tagging slip ("Russian forces now occupy" read as an adjective): a verb
		// form right after a subject that names a side.
		verb = !d.adjacentSubject(k, "").empty()
	}
	for _, cw := range cws {
		switch {
		case cw.POS == "V" && verb, cw.POS == "N" && (d.nominal(k) || d.afterDeterminer(k)), cw.POS == "*":
			return cw, true
		}
	}
	return lexicon.ControlWord{}, false
}

// placeAfter is the first place named after k in its sentence that is not a
// country ("a counteroffensive in the south of the country, around Kherson").
func (d *document) placeAfter(k int) (int, bool) {
	_, hi := d.sentenceOf(k)
	for _, p := range d.places {
		if p.first > k && p.last <= hi && !p.p.Metonymic && p.p.Kind != "country" {
			return p.first, true
		}
	}
	return 0, false
}

// afterDeterminer reports whether an article stands right before k: "a
// counter-offensive" is a noun whatever its tag.
func (d *document) afterDeterminer(k int) bool {
	return k > 0 && (d.toks[k-1].low == "a" || d.toks[k-1].low == "an" || d.toks[k-1].low == "the") && d.toks[k].upos == "ADJ"
}

// compassWord reports whether the place at token at is a bare direction word.
func (d *document) compassWord(at int) bool {
	p, ok := d.placeAt(at)
	if !ok || p.first != p.last {
		return false
	}
	switch d.toks[p.first].low {
	case "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "center", "centre":
		return true
	}
	return false
}

// placeCovers reports whether token h is inside the mention of the place at token at.
func (d *document) placeCovers(h, at int) bool {
	p, ok := d.placeAt(at)
	return ok && p.first <= h && h <= p.last
}

// placeRef is the place whose mention starts at token at.
func (d *document) placeRef(at int) record.PlaceRef {
	p, _ := d.placeAt(at)
	return record.PlaceRef{Name: p.p.Name, GeonameID: p.p.GeonameID, Lat: p.p.Lat, Lon: p.p.Lon}
}

// tokenOfPlace finds the mention of a place in k's sentence.
func (d *document) tokenOfPlace(ref record.PlaceRef, k int) int {
	lo, hi := d.sentenceOf(k)
	for _, p := range d.places {
		if p.first >= lo && p.last <= hi && p.p.Name == ref.Name && p.p.GeonameID == ref.GeonameID {
			return p.first
		}
	}
	return -1
}

// coordinated returns the places listed after the one at token at: ", B and C".
func (d *document) coordinated(at int) []int {
	var out []int
	p, ok := d.placeAt(at)
	if !ok {
		return nil
	}
	j := p.last + 1
	for j < len(d.toks) {
		k := j
		sep := false
		for k < len(d.toks) && (d.toks[k].text == "," || d.toks[k].low == "and" || d.toks[k].low == "or") {
			k++
			sep = true
		}
		if !sep {
			break
		}
		q, ok := d.placeAt(k)
		if !ok || q.first != k {
			break
		}
		out = append(out, k)
		j = q.last + 1
	}
	return out
}

// colonList returns the first place of a list after a colon later in k's sentence.
func (d *document) colonList(k int) []int {
	_, hi := d.sentenceOf(k)
	for j := k + 1; j <= hi && j <= k+25; j++ {
		if d.toks[j].text != ":" {
			continue
		}
		if q, ok := d.placeAt(j + 1); ok && q.first == j+1 {
			return []int{j + 1}
		}
		return nil
	}
	return nil
}

func (d *document) listAfterColon(k, at int) bool {
	l := d.colonList(k)
	return len(l) > 0 && l[0] == at
}

// relativeBefore reports whether a relative pronoun stands between a place and the
// verb at k: "the city of Syevyerodonetsk, which Russian forces now occupy".
func (d *document) relativeBefore(k, at int) bool {
	if k-at > 12 {
		return false
	}
	for j := at + 1; j < k; j++ {
		if w := d.toks[j].low; w == "which" || w == "that" && d.toks[j-1].text == "," {
			return true
		}
	}
	return false
}

// placeSide is the party to the conflict whose country holds the place at token at.
func (d *document) placeSide(at int) string {
	p, ok := d.placeAt(at)
	if !ok {
		return ""
	}
	side := d.lx.ISO3(p.p.Country)
	if d.lx.Party(side) {
		return side
	}
	return ""
}

// nearPlace reports whether a place is named as a reference point: "areas near
// Kharkiv", "towns west of Kherson", "outside Kyiv", "areas around the
// northeastern cities of Kharkiv and Izium", "the outskirts of Kherson".
func (d *document) nearPlace(at int) bool {
	if at < 1 {
		return false
	}
	for _, j := range []int{at - 1, d.placeIntro(at)} {
		if j < 0 {
			continue
		}
		switch d.toks[j].low {
		case "near", "around", "outside", "toward", "towards", "nearby", "surrounding":
			return true
		case "to":
			if j > 0 && d.toks[j-1].low == "close" {
				return true
			}
		case "of":
			if j >= 1 && (d.compassOf(j) || nearNouns[d.toks[j-1].low]) {
				return true
			}
		}
	}
	return false
}

// nearNouns name the ground around a place: "the outskirts of", "the vicinity of".
var nearNouns = map[string]bool{"outskirts": true, "vicinity": true, "surroundings": true, "environs": true,
	"approaches": true, "area": true, "areas": true, "region": true, "edge": true, "edges": true}

// kindNouns say what kind of place a name is: "the city of Kherson".
var kindNouns = map[string]bool{"city": true, "cities": true, "town": true, "towns": true, "village": true,
	"villages": true, "settlement": true, "settlements": true, "port": true, "capital": true, "hub": true}

// placeIntro is the word that introduces a place past its article, adjectives and
// kind noun: "around" in "around the northeastern cities of Kharkiv"; -1 if none.
func (d *document) placeIntro(at int) int {
	lo, _ := d.sentenceOf(at)
	j := at - 1
	if j >= lo && d.toks[j].low == "of" && j-1 >= lo && kindNouns[d.toks[j-1].low] {
		j -= 2
	} else if j >= lo && kindNouns[d.toks[j].low] {
		j-- // "near the town Lyman"
	} else {
		return -1
	}
	for j >= lo && (d.toks[j].upos == "ADJ" || determiners[d.toks[j].low] || d.toks[j].upos == "NUM") {
		j--
	}
	if j < lo {
		return -1
	}
	return j
}

// compassOf reports whether "of" at j follows a direction: "east of", "to the
// south of".
func (d *document) compassOf(j int) bool {
	if j < 1 || d.toks[j].low != "of" {
		return false
	}
	switch d.toks[j-1].low {
	case "west", "east", "north", "south", "northwest", "northeast", "southwest", "southeast":
		return true
	}
	return false
}

// noVerbBetween reports whether no verb stands between tokens k and at, so that a
// place far after a noun may still be its own ("a counter-offensive in the south
// of the country, around the city of Kherson").
func (d *document) noVerbBetween(k, at int) bool {
	if !d.parsed {
		return false
	}
	for j := k + 1; j < at; j++ {
		if u := d.toks[j].upos; u == "VERB" || u == "AUX" || d.toks[j].text == ";" || d.toks[j].text == "." {
			return false
		}
	}
	return true
}

// fragment reports whether the noun at k heads its sentence with no verb above
// it: a phrase that goes on with the sentence before ("Some advances east of
// Izyum and to the south.").
// The parse may hang the noun on a later clause ("…, but there has been …"), so
// a noun that opens its sentence, with no verb up to the first comma, is one too.
func (d *document) fragment(k int) bool {
	if !d.parsed || !d.nominal(k) {
		return false
	}
	if d.toks[k].head < 0 {
		return true
	}
	lo, hi := d.sentenceOf(k)
	for j := lo; j < k; j++ {
		switch d.toks[j].upos {
		case "DET", "ADJ", "NUM", "PUNCT":
		default:
			return false
		}
	}
	for j := lo; j <= hi && d.toks[j].text != "," && d.toks[j].text != ";"; j++ {
		if u := d.toks[j].upos; u == "VERB" || u == "AUX" {
			return false
		}
	}
	return true
}

// settlementsIn reports whether the object is a number of settlements or an area
// within the place, not the place: "liberated over 300 settlements in Kharkiv
// province", "retook 3,000 square kilometres in the region".
func (d *document) settlementsIn(k, at int) bool {
	j := at - 1
	for j > k && determiners[d.toks[j].low] {
		j--
	}
	if j <= k {
		return false
	}
	switch d.toks[j].low {
	case "in", "across", "throughout", "within", "of":
	default:
		return false
	}
	for i := k + 1; i < j; i++ {
		switch d.toks[i].low {
		case "settlements", "villages", "towns", "localities", "hamlets", "communities", "positions",
			"kilometres", "kilometers", "miles", "km", "territory", "territories", "ground", "land":
			if d.toks[j].low != "of" || d.toks[i].low == "kilometres" || d.toks[i].low == "kilometers" ||
				d.toks[i].low == "miles" || d.toks[i].low == "km" || d.toks[i].low == "territory" {
				return true
			}
		}
	}
	return false
}

// hedge reports whether the word that made k hypothetical is an assessment's
// hedge on a completed event ("have very likely taken", "probably retook"), not a
// forecast ("likely to take", "would likely fall").
func (d *document) hedge(k int, w string) bool {
	switch w {
	case "likely", "probably":
	default:
		return false
	}
	nominal := d.nominal(k)
	lo, _ := d.sentenceOf(k)
	for j := k - 1; j >= lo && j >= k-4; j-- {
		t := d.toks[j]
		switch t.low {
		case w:
			if j+1 < len(d.toks) && d.toks[j+1].low == "to" {
				return false
			}
			for b := j - 1; b >= lo && b >= j-3; b-- {
				switch d.toks[b].low {
				case "would", "could", "might", "may", "will", "'ll", "to", "if", "unless", "whether":
					return false // "will likely capture": a forecast, hedged
				}
			}
			if nominal {
				// "likely made marginal advances": the hedge is on the verb; "the
				// likely fall of Bakhmut" is a forecast.
				for v := j + 1; v < k; v++ {
					if d.toks[v].upos == "VERB" {
						return true
					}
				}
				return false
			}
			return true
		case "would", "could", "might", "may", "will", "to", "if", "unless", "whether":
			return false
		}
	}
	return false // further away ("it is likely that …"): left a hypothetical
}

// reportedly reports whether hearsay adverbs qualify k's clause: "reportedly",
// "allegedly", "according to reports", "it is claimed".
func (d *document) reportedly(k int) bool {
	lo, hi := d.sentenceOf(k)
	for j := lo; j <= hi; j++ {
		switch d.toks[j].low {
		case "reportedly", "allegedly", "purportedly", "supposedly", "rumoured", "rumored", "unconfirmed":
			return true
		case "according":
			if j+2 <= hi && d.toks[j+1].low == "to" && (d.toks[j+2].low == "reports" || d.toks[j+2].low == "rumours" ||
				d.toks[j+2].low == "rumors" || j+3 <= hi && (d.toks[j+3].low == "reports" || d.toks[j+3].low == "accounts")) {
				return true
			}
		case "claimed", "alleged", "said", "reported":
			// "it is claimed that …", "it was reported that …"
			if j >= lo+2 && d.toks[j-2].low == "it" && (d.toks[j-1].low == "is" || d.toks[j-1].low == "was" || d.toks[j-1].low == "has") {
				return true
			}
		}
	}
	return false
}

// partOfRegion reports whether the object is part of a region rather than a
// settlement: "liberated a significant part of Kherson region".
func (d *document) partOfRegion(k, at int) bool {
	p, ok := d.placeAt(at)
	if !ok || p.p.Kind != "oblast" && p.p.Kind != "region" {
		return false
	}
	for j := k + 1; j < at; j++ {
		switch d.toks[j].low {
		case "part", "parts", "portion", "portions", "areas", "swaths", "much", "most":
			return true
		}
	}
	return false
}

// shareOf reports a share of a place taken, between the verb at k and the place
// at at: "retook 20% of Sievierodonetsk", "отвоевали 20% от той территории …
// в Северодонецке", "захопили частину Авдіївки".
func (d *document) shareOf(k, at int) bool {
	for j := k + 1; j < at && j < k+12; j++ {
		switch d.toks[j].low {
		case "%", "percent", "часть", "части", "частину", "частини", "процентов", "відсотків":
			return true
		}
	}
	return false
}

// deniedAbove reports whether the clause that holds k is under a negated verb of
// seeming or knowing: "it does not appear that they have encircled the city".
func (d *document) deniedAbove(k int) bool {
	lo, _ := d.sentenceOf(k)
	for j := k - 1; j >= lo && j >= k-12; j-- {
		if d.toks[j].low != "that" {
			continue
		}
		for v := j - 1; v >= lo && v >= j-3; v-- {
			switch d.toks[v].low {
			case "appear", "seem", "believe", "think", "know", "confirm", "see":
				for n := v - 1; n >= lo && n >= v-3; n-- {
					if w := d.toks[n].low; w == "not" || w == "n't" || w == "no" {
						return true
					}
				}
			}
		}
		break
	}
	return false
}

func (d *document) isCountryRef(p record.PlaceRef) bool {
	for _, x := range d.places {
		if x.p.GeonameID == p.GeonameID && x.p.Name == p.Name {
			return x.p.Kind == "country"
		}
	}
	return false
}

// controlStatus reads who says so: a party to the conflict claims, a third party
// assesses, the narrator states as fact (confirmed), and a party admitting its own
// loss confirms.
func (d *document) controlStatus(cx context, side, action string) (string, string) {
	if cx.claim == nil {
		return "confirmed", ""
	}
	c := cx.claim
	src := c.source.name
	if src == "" {
		src = c.source.mention
	}
	if c.class == "deny" {
		return "denied", src
	}
	if c.source.empty() {
		return "claimed", "" // "it is claimed that …": hearsay with no source
	}
	switch c.source.stype {
	case "party_official":
		// Against its own interest a party confirms: its own withdrawal, or the
		// other side's capture, entry, advance or encirclement.
		loss := action == "withdrew"
		gain := action == "captured" || action == "entered" || action == "advanced" || action == "encircled"
		if loss && c.source.side == side || gain && c.source.side != "" && c.source.side == d.lx.Opponent[side] {
			return "confirmed", src
		}
		return "claimed", src
	case "anonymous":
		// Officials speaking unnamed give their government's assessment.
		if d.mentionHas(c.source, "official", "officials") {
			return "assessed", src
		}
		return "claimed", src
	case "media", "social_media", "witness", "other":
		return "claimed", src
	}
	return "assessed", src
}

// ownSource puts a speaker in place of a source that is no noun phrase: "I",
// "we" or a fragment the parse cut badly ("I can", "many of you have already")
// stand for whoever is speaking, the turn's speaker in a transcript or the
// quotation's; "you" is the audience, who attribute nothing. With no speaker, what
// "I" or "we" report is the author's claim, and other words are the text's own.
func (d *document) ownSource(k int, cx context) context {
	if cx.claim == nil {
		// In a transcript, the words outside any attribution are the speaker's.
		if sp := d.turnSpeaker(k); !sp.empty() {
			cx.claim = &claim{source: sp, class: "speech", quote: -1}
		} else if cx.speaker.empty() && d.firstPersonText() {
			// An address or statement in the first person ("Our warriors then
			// liberated …"): its author's claims.
			cx.claim = &claim{class: "speech", quote: -1}
		}
		return cx
	}
	if !d.fragmentSource(cx.claim.source) {
		return cx
	}
	sp := cx.speaker
	if sp.empty() {
		sp = d.turnSpeaker(k)
	}
	if sp.empty() {
		if d.firstPersonSource(cx.claim.source) {
			// "I can report to the House that …" in an address or a statement with
			// no speaker named: its author's claim, not the text's own fact.
			cx.claim = &claim{class: "speech", quote: -1}
			return cx
		}
		cx.claim = nil
		return cx
	}
	c := *cx.claim
	c.source = sp
	cx.claim = &c
	return cx
}

// firstPersonText reports whether the text speaks in the first person — an
// address, a statement, a letter — rather than reports: five or more of "I",
// "we", "our", "us", "my" outside quotations, and at least one a hundred words.
func (d *document) firstPersonText() bool {
	if d.firstPersonMemo != 0 {
		return d.firstPersonMemo > 0
	}
	n, words := 0, 0
	for _, t := range d.toks {
		if !isWord(t.text) {
			continue
		}
		words++
		if t.quote >= 0 {
			continue
		}
		switch t.low {
		case "i", "we", "our", "us", "my":
			n++
		}
	}
	d.firstPersonMemo = -1
	if n >= 5 && n*100 >= words {
		d.firstPersonMemo = 1
	}
	return d.firstPersonMemo > 0
}

// firstPersonSource reports whether a source is the speaker in the first person:
// "I", "we", "I can".
func (d *document) firstPersonSource(a actor) bool {
	for j := max(a.first, 0); j <= a.last && j < len(d.toks); j++ {
		switch d.toks[j].low {
		case "i", "we", "me", "us":
			return true
		}
	}
	return false
}

// fragmentSource reports whether a source is a pronoun or a fragment with an
// auxiliary in it rather than a speaker or organisation ("Intel gained from
// Russia" is a noun phrase); a pronoun already resolved to a name is a speaker.
func (d *document) fragmentSource(a actor) bool {
	if a.empty() || a.pronoun && a.name != "" || a.first < 0 || a.last >= len(d.toks) {
		return false
	}
	for j := a.first; j <= a.last; j++ {
		switch d.toks[j].low {
		case "i", "we", "you", "me", "us":
			return true
		}
		if d.toks[j].upos == "AUX" {
			return true // "many of them have already": a clause, cut short
		}
	}
	return false
}

// turnSpeaker is the speaker of the transcript turn k is in ("SENIOR MILITARY
// OFFICIAL: …"), or none.
func (d *document) turnSpeaker(k int) actor {
	turns := map[int]actor{}
	first := -1
	for i := range d.claims {
		if c := d.claims[i]; c.cue == ":" && !c.source.empty() {
			turns[c.cueFirst] = c.source
			if first < 0 {
				first = c.cueFirst
			}
		}
	}
	if first < 0 || d.toks[first].para > d.toks[0].para+2 {
		return actor{} // a transcript opens with a speaker's label, after a line or two of heading at most
	}
	// The last label before k, a speaker's or another's ("Q:"), opens the turn.
	last := -1
	for j := 1; j < k && j < len(d.toks); j++ {
		if d.toks[j].text != ":" {
			continue
		}
		s := j
		for s > 0 && d.toks[s-1].para == d.toks[j].para {
			s--
		}
		if j-s <= 9 {
			last = j
		}
	}
	return turns[last]
}

// titleLabel writes an all-capitals speaker label in title case: "SENIOR
// MILITARY OFFICIAL" → "Senior Military Official"; acronyms ("ISW", "U.S.") stay.
func titleLabel(s string) string {
	if !strings.Contains(s, " ") || strings.ToUpper(s) != s || strings.ToLower(s) == s {
		return s
	}
	ws := strings.Fields(s)
	for i, w := range ws {
		if len(w) <= 2 || strings.Contains(w, ".") {
			continue
		}
		ws[i] = w[:1] + strings.ToLower(w[1:])
	}
	return strings.Join(ws, " ")
}

// mentionHas reports whether an actor's mention holds one of the words.
func (d *document) mentionHas(a actor, words ...string) bool {
	if a.empty() {
		return false
	}
	for k := a.first; k <= a.last && k < len(d.toks); k++ {
		for _, w := range words {
			if d.toks[k].low == w {
				return true
			}
		}
	}
	return false
}

func dedupeControl(cs []controlStmt, d *document) []controlStmt {
	var out []controlStmt
	for _, c := range cs {
		dup := false
		for _, o := range out {
			if o.place.Name == c.place.Name && o.side == c.side && o.action == c.action && o.status == c.status &&
				d.toks[o.k].sent == d.toks[c.k].sent {
				dup = true
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// controlRecords converts control statements for the record.
func (d *document) controlRecords(cs []controlStmt) []record.Control {
	out := make([]record.Control, 0, len(cs))
	for _, c := range cs {
		lo, hi := d.sentenceOf(c.k)
		rc := record.Control{Place: c.place, Side: c.side, Action: c.action, Status: c.status, Date: c.date,
			Evidence: d.span(lo, hi)}
		rc.Source.Name = d.latin(c.source, c.k)
		out = append(out, rc)
	}
	return out
}
