package reading

import (
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
		mod := d.modality(k)
		if mod == "planned" || mod == "hypothetical" {
			continue
		}
		cx := d.contextOf(k)
		st := controlStmt{k: k, action: cw.Action}
		var a actor
		switch cw.Place {
		case "subj":
			// "Lyman fell to Russian forces": the subject is the place, "to X" the side.
			p, at, ok := d.placeFor(k, false)
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
			p, at, ok := d.placeFor(k, cw.Place == "from")
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
				if at <= k || at > k+6 || !prep(at-1) && !(at >= 2 && prep(at-2)) {
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
			if a.side == "" && cw.Action == "retook" {
				// Retaking is regaining one's own ground: "the liberation of Kherson".
				a.side = d.placeSide(at)
			}
			// Ground taken near a place, or part of a region, is an advance on it.
			if cw.Action == "retook" || cw.Action == "captured" {
				if d.nearPlace(at) || d.partOfRegion(k, at) {
					st.action = "advanced"
				}
			}
		}
		if a.side == "" {
			continue
		}
		st.side = a.side
		if d.isCountryRef(st.place) {
			continue // "occupied vast swaths of Ukraine" is no statement about a place
		}
		st.status, st.source = d.controlStatus(cx, st.side, st.action)
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
		case cw.POS == "V" && verb, cw.POS == "N" && d.nominal(k), cw.POS == "*":
			return cw, true
		}
	}
	return lexicon.ControlWord{}, false
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
// Kharkiv", "towns west of Kherson", "outside Kyiv".
func (d *document) nearPlace(at int) bool {
	if at < 1 {
		return false
	}
	switch d.toks[at-1].low {
	case "near", "around", "outside", "toward", "towards":
		return true
	case "of":
		if at >= 2 {
			switch d.toks[at-2].low {
			case "west", "east", "north", "south", "northwest", "northeast", "southwest", "southeast", "outskirts":
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
	switch c.source.stype {
	case "party_official":
		loss := action == "withdrew"
		if loss && c.source.side == side || !loss && c.source.side != "" && c.source.side == d.lx.Opponent[side] && action == "captured" {
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
		rc.Source.Name = c.source
		out = append(out, rc)
	}
	return out
}
