package reading

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/reading/lexicon"
)

// actor is who a span of text refers to: a speaker, a source, a party to an event.
type actor struct {
	name        string // canonical name; "" for an unnamed source ("the official")
	mention     string // the words as written
	first, last int    // token span of the mention
	kind        string // person | org | group
	side        string // ISO alpha-3 or ""
	sector      string
	title, org  string
	stype       string // source type (grades.tsv)
	pronoun     bool
}

func (a actor) empty() bool { return a.mention == "" }

// titled reports whether tokens [i, j] open with a person's title, after an
// article or possessive: "the commander of …", "Ukraine's defence minister".
func (d *document) titled(i, j int) bool {
	for k := i; k <= j && k <= i+4; k++ {
		if d.lx.Titles[d.toks[k].low] == "person" {
			return true
		}
		if u := d.toks[k].upos; u == "ADP" || u == "VERB" {
			return false
		}
	}
	return false
}

// orgWords end the organisation part of a "title of Org Name" run, so that the
// name after them is the person's ("... Military Administration Oleh Synehubov").
// maxActorWords is the longest actor name looked up, in words ("General Staff of
// the Armed Forces of Ukraine" has eight).
const maxActorWords = 10

var orgWords = map[string]bool{
	"administration": true, "ministry": true, "committee": true, "council": true, "institute": true,
	"agency": true, "department": true, "office": true, "service": true, "staff": true, "forces": true,
	"army": true, "command": true, "directorate": true, "commission": true, "party": true,
	"government": true, "intelligence": true, "guard": true, "police": true, "university": true,
	"center": true, "centre": true, "group": true, "brigade": true, "battalion": true, "regiment": true,
	"corps": true, "fleet": true, "navy": true, "district": true, "region": true, "oblast": true,
	"house": true, "duma": true, "rada": true, "kremlin": true, "pentagon": true, "court": true,
}

// registerPeople notes the full names of people named in the text, so that a later
// surname alone resolves to them.
func (d *document) registerPeople() {
	for i := 0; i < len(d.toks); i++ {
		if !d.toks[i].per {
			continue
		}
		j := i
		for j+1 < len(d.toks) && d.toks[j+1].per && d.toks[j+1].sent == d.toks[i].sent {
			j++
		}
		d.addPerson(i, j)
		i = j
	}
	// People in the actor dictionary, named in full or by surname.
	words := d.words()
	for i := 0; i < len(d.toks); i++ {
		if !isCap(d.toks[i].text) {
			continue
		}
		if as, n := lexicon.Longest(d.lxActors(), words, i, 4); n > 0 {
			for _, a := range as {
				if a.Kind == "person" {
					d.mentions = append(d.mentions, mention{first: i, last: i + n - 1, actor: d.fromLexicon(a, i, i+n-1)})
					break
				}
			}
			i += n - 1
		}
	}
}

// lxActors is the alias table for phrase lookups.
func (d *document) lxActors() map[string][]lexicon.Actor { return d.lx.Aliases }

// addPerson records a person entity [i, j], stripped of titles.
func (d *document) addPerson(i, j int) {
	for i <= j && (d.lx.Titles[d.toks[i].low] != "" || !isCap(d.toks[i].text)) {
		i++
	}
	for j >= i && !isWord(d.toks[j].text) {
		j--
	}
	if i > j {
		return
	}
	full := d.textOf(i, j)
	sur := d.toks[j].low
	if j > i {
		if old, ok := d.people[sur]; !ok || len(full) > len(old) {
			d.people[sur] = full
		}
	}
	a := actor{name: full, mention: full, first: i, last: j, kind: "person"}
	if as := d.lx.ActorsByAlias(full); len(as) > 0 {
		a = d.fromLexicon(as[0], i, j)
	}
	d.mentions = append(d.mentions, mention{first: i, last: j, actor: a})
}

// fromLexicon makes an actor from a dictionary entry mentioned at [i, j].
func (d *document) fromLexicon(a lexicon.Actor, i, j int) actor {
	kind := a.Kind
	if kind != "person" {
		kind = "org"
	}
	x := actor{name: a.Name, mention: d.textOf(i, j), first: i, last: j, kind: kind, side: a.Side,
		sector: a.Sector, title: a.Title, org: a.Org}
	x.stype = d.sourceType(x, i, j)
	return x
}

// trimSpan drops leading conjunctions, adverbs and punctuation and trailing
// punctuation from a candidate mention.
func (d *document) trimSpan(i, j int) (int, int) {
	for i <= j {
		t := d.toks[i]
		if isPunct(t.text) || t.upos == "CCONJ" || t.upos == "ADV" || t.upos == "ADP" || t.upos == "SCONJ" || t.low == "and" || t.low == "but" ||
			t.low == "with" || t.low == "while" || t.low == "as" || t.low == "which" || t.low == "to" ||
			t.low == "also" || t.low == "even" || t.low == "so" || t.low == "then" {
			i++
			continue
		}
		break
	}
	for j >= i && (isPunct(d.toks[j].text) || d.toks[j].low == "also" || d.toks[j].low == "has" ||
		d.toks[j].low == "have" || d.toks[j].low == "had" || d.toks[j].upos == "AUX") {
		j--
	}
	return i, j
}

// resolve says who tokens [i, j] refer to. ctx is the side of the words' speaker,
// for "our forces" and "the enemy" in a quotation; "" outside one.
func (d *document) resolve(i, j int, ctx string) actor {
	i, j = max(i, 0), min(j, len(d.toks)-1)
	if i > j {
		return actor{}
	}
	i, j = d.trimSpan(i, j)
	if i > j || j-i > 30 {
		return actor{}
	}
	// A parenthesis after a name ("Rep. John Mica (R-Fla.)") is no part of it.
	if d.toks[j].text == ")" || j+1 < len(d.toks) && d.toks[j+1].text == ")" {
		for k := j; k > i; k-- {
			if d.toks[k].text == "(" {
				j = k - 1
				break
			}
		}
		i, j = d.trimSpan(i, j)
		if i > j {
			return actor{}
		}
	}
	// A hyphenated modifier names a side, not the actor: "Moscow-installed official
	// Vladimir Rogov", "Kremlin-backed leader Denis Pushilin".
	if i+3 <= j && d.toks[i+1].text == "-" && d.toks[i+1].start == d.toks[i].end && d.toks[i+2].start == d.toks[i+1].end {
		if a := d.resolve(i+3, j, ctx); !a.empty() {
			if by := d.resolve(i, i, ctx); a.side == "" && by.side != "" {
				a.side = by.side
				if a.stype == "" || a.stype == "other" || a.stype == "anonymous" && a.name != "" {
					a.stype = d.sourceType(a, i+3, j)
				}
			}
			a.first, a.mention = i, d.textOf(i, a.last)
			return a
		}
	}
	// An appositive after the head: "Scott Pruitt, the attorney general of Oklahoma,".
	head := j
	for k := i + 1; k <= j; k++ {
		if d.toks[k].text == "," {
			head = k - 1
			break
		}
	}
	a := d.resolveHead(i, head, ctx)
	if a.empty() {
		return a
	}
	if head < j && (a.name == "" && a.kind == "person" || d.titled(i, head)) {
		// "The governor, Oleh Syniehubov, said", "the commander of Ukraine's ground
		// forces, Oleksandr Syrskyi, said": the appositive names the person.
		ai, aj := d.trimSpan(head+1, j)
		if ai <= aj {
			if p, ok := d.personIn(ai, aj); ok && p.name != "" {
				if p.title == "" {
					p.title = a.title
				}
				if p.side == "" {
					// The title's side: "the governor of Belgorod Oblast, Vyacheslav Gladkov".
					if p.side = orElse(a.side, d.officialSide(i, head)); p.side != "" {
						p.sector = orElse(p.sector, orElse(a.sector, "government"))
						p.stype = d.sourceType(p, i, j)
					}
				}
				p.first, p.last, p.mention = i, j, d.textOf(i, j)
				return p
			}
		}
	}
	if head < j {
		// The appositive carries title and organisation.
		ai, aj := d.trimSpan(head+1, j)
		for ai <= aj && determiners[d.toks[ai].low] {
			ai++
		}
		if ai <= aj && a.title == "" && a.kind == "person" {
			a.title, a.org = d.splitTitle(ai, aj)
		}
		if a.side == "" {
			if a.kind == "person" && a.title != "" {
				a.side = d.officialSide(ai, aj)
				if o, ok := d.orgIn(ai, aj); ok && a.side == "" {
					// "Nazar Voloshyn, spokesman for the Khortytsia group of forces"
					a.side, a.sector = o.Side, orElse(a.sector, o.Sector)
				}
			} else {
				a.side = d.sideIn(ai, aj)
			}
		}
		if a.stype == "" || a.stype == "other" {
			a.stype = d.sourceType(a, ai, aj)
		}
	}
	a.first, a.last = i, j
	a.mention = d.textOf(i, j)
	return a
}

func (d *document) resolveHead(i, j int, ctx string) actor {
	if i == j {
		if kind, ok := pronouns[d.toks[i].low]; ok {
			if a := d.antecedent(i, kind); !a.empty() {
				return a
			}
			// An unresolved pronoun is still the source, unnamed.
			k := "person"
			if kind != "person" {
				k = "group"
			}
			return actor{mention: d.toks[i].text, first: i, last: i, kind: k, pronoun: true, stype: "other"}
		}
	}
	// A role noun alone ("the President", "the official") refers back to the
	// nearest person named with that title.
	if a, ok := d.roleReference(i, j); ok {
		return a
	}
	words := d.words()
	// Dictionary entries inside the span; the rightmost person wins, then the longest
	// entry.
	var best *lexicon.Actor
	bi, bj := -1, -1
	for k := i; k <= j; k++ {
		as, n := lexicon.Longest(d.lxActors(), words, k, min(maxActorWords, j-k+1))
		if n == 0 {
			continue
		}
		for x := range as {
			a := as[x]
			better := best == nil ||
				(a.Kind == "person" && best.Kind != "person") ||
				(best.Kind == "noun" && a.Kind != "noun") || // "units of the Vostok group of forces"
				(a.Kind == best.Kind && n > bj-bi+1) ||
				(a.Kind == "person" && best.Kind == "person" && k > bi)
			if a.Kind == "noun" && best != nil {
				better = false
			}
			if (a.Kind == "self" || a.Kind == "enemy") && k == i {
				better = true
			}
			if better {
				best, bi, bj = &as[x], k, k+n-1
			}
		}
		k += n - 1
	}
	if best != nil && best.Kind != "noun" && best.Kind != "person" && bj < j && d.toks[j].per {
		// "NATO Secretary General Mark Rutte": the person the recogniser names
		// after the organisation and a title, a member of it.
		if p, ok := d.personIn(bj+1, j); ok && p.name != "" {
			org := d.fromLexicon(*best, bi, bj)
			p.org = orElse(p.org, org.name)
			if p.side == "" {
				p.side, p.sector = org.side, orElse(p.sector, org.sector)
			} else if p.sector == "" {
				p.sector = org.sector
			}
			p.stype = d.sourceType(p, i, j)
			p.first, p.last, p.mention = i, j, d.textOf(i, j)
			return p
		}
	}
	if best != nil && best.Kind != "noun" && best.Kind != "person" && bj < j && d.lx.Titles[d.toks[j].low] == "person" {
		// "a senior Defense Department official": an unnamed member of the organisation.
		org := d.fromLexicon(*best, bi, bj)
		a := actor{kind: "person", side: org.side, sector: org.sector, org: org.name, title: d.toks[j].text,
			mention: d.textOf(i, j), first: i, last: j}
		a.stype = "anonymous"
		return a
	}
	if best != nil && best.Kind != "noun" {
		switch best.Kind {
		case "self", "enemy":
			side := ctx
			if best.Kind == "enemy" {
				side = d.lx.Opponent[ctx]
			}
			a := actor{name: sideName(d.lx, side, "forces"), kind: "group", side: side, sector: best.Sector,
				mention: d.textOf(i, j), first: i, last: j}
			a.stype = d.sourceType(a, i, j)
			return a
		}
		a := d.fromLexicon(*best, bi, bj)
		if a.kind == "person" {
			// Words before the name are its title ("Ukrainian President").
			if bi > i {
				if t, o := d.splitTitle(i, bi-1); t != "" {
					a.title, a.org = t, orElse(o, a.org)
				}
			}
		} else if bi > i {
			// "British Defense Intelligence": a side word before an organisation.
			if s := d.sideIn(i, bi-1); s != "" && a.side == "" {
				a.side = s
			}
		}
		return a
	}
	// A person named in the text: the last run of person-entity or capitalised words.
	if a, ok := d.personIn(i, j); ok {
		return a
	}
	// A group or institution: a head noun with a side ("the Russian forces"), a
	// demonym ("the Ukrainians"), a country ("Russia") or an organisation name.
	a := actor{kind: "org"}
	k := i
	for k <= j && determiners[d.toks[k].low] {
		k++
	}
	if k > j {
		return actor{}
	}
	a.mention = d.textOf(i, j)
	a.side = d.sideIn(k, j)
	hd := d.toks[j].low
	if as := d.lxActors()[hd]; len(as) > 0 && as[0].Kind == "noun" {
		a.sector = as[0].Sector
		a.kind = "group"
	} else if orgWords[hd] && isCap(d.toks[j].text) {
		// "Ukraine's General Staff", "the Donetsk Regional Administration".
		a.sector = "government"
		switch hd {
		case "forces", "army", "command", "staff", "brigade", "battalion", "regiment", "corps", "fleet", "navy", "guard":
			a.sector = "military"
		case "intelligence":
			a.sector = "intelligence"
		}
		if a.side == "" {
			a.side = d.officialSide(k, j) // the Odesa Military Administration
		}
	} else if c, ok := d.lx.CountryByName(d.textOf(k, j)); ok {
		a.side = c.ISO3
		a.sector = "government"
		if strings.HasSuffix(hd, "s") && !strings.EqualFold(c.Names[0], d.textOf(k, j)) {
			a.sector = "military" // "the Russians", "the Ukrainians": the side's forces
			a.kind = "group"
		}
		if as := d.lxActors()[d.lowAt(j+1)]; len(as) > 0 && as[0].Kind == "noun" && k == j && cyrillicWord(d.toks[j].text) {
			// "Российские войска", where the span stopped at the adjective: the
			// side's forces, named as in English.
			a.kind, a.sector, a.name = "group", as[0].Sector, sideName(d.lx, a.side, as[0].Name)
			a.stype = d.sourceType(a, i, j+1)
			return a
		}
	}
	switch {
	case a.kind == "group" && a.side != "" && a.sector != "":
		a.name = d.textOf(k, j)
	case isCap(d.toks[k].text) || d.toks[k].org:
		a.name = d.textOf(k, j)
	default:
		a.name = "" // an unnamed source: "sources", "a senior official"
	}
	if a.name != "" && d.isCapName(k, j) {
		a.name = d.textOf(k, j)
	}
	if c, ok := d.lx.CountryByName(d.textOf(k, j)); ok && a.name != "" && cyrillicWord(d.toks[k].text) && a.kind == "org" {
		a.name = c.Names[0] // "России": Russia, named as in English
	}
	a.stype = d.sourceType(a, i, j)
	if a.name == "" && d.lx.Titles[hd] == "person" {
		// "one commander", "a senior official": a person the text does not name.
		a.kind, a.stype = "person", "anonymous"
	}
	return a
}

// roleReference resolves "the president" or "the defence minister" to the last
// person mentioned before with that title; with none, the speaker is unnamed.
func (d *document) roleReference(i, j int) (actor, bool) {
	if !determiners[d.toks[i].low] || i == j {
		return actor{}, false
	}
	for k := i + 1; k <= j; k++ {
		if d.lx.Titles[d.toks[k].low] != "person" {
			return actor{}, false
		}
	}
	role := d.toks[j].low
	pr := actor{mention: d.textOf(i, j), first: i, last: j}
	for m := len(d.mentions) - 1; m >= 0; m-- {
		a := d.mentions[m].actor
		if d.mentions[m].last >= i || a.kind != "person" || a.name == "" {
			continue
		}
		if strings.Contains(strings.ToLower(a.title), role) {
			a.mention, a.first, a.last = pr.mention, i, j
			return a, true
		}
	}
	pr.kind = "person"
	pr.title = d.textOf(i+1, j)
	pr.stype = "anonymous"
	return pr, true
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// sideName names a side's forces in words: "Ukrainian forces".
func sideName(lx *lexicon.Lexicon, side, noun string) string {
	if c, ok := lx.CountryByISO3(side); ok && len(c.Adjectives) > 0 {
		return c.Adjectives[0] + " " + noun
	}
	return noun
}

func (d *document) isCapName(i, j int) bool {
	for k := i; k <= j; k++ {
		t := d.toks[k]
		if !isCap(t.text) && t.low != "of" && t.low != "for" && t.low != "the" && t.low != "and" {
			return false
		}
	}
	return true
}

// personIn finds a person's name at the end of [i, j] and takes the words before
// it as title and organisation.
func (d *document) personIn(i, j int) (actor, bool) {
	// The name ends at the last capitalised word.
	e := j
	for e >= i && !isCap(d.toks[e].text) {
		e--
	}
	if e < i {
		return actor{}, false
	}
	s := e
	for s-1 >= i {
		p := d.toks[s-1]
		if p.per || isCap(p.text) && d.lx.Titles[p.low] == "" && !orgWords[p.low] && !determiners[p.low] && e-s < 3 {
			s--
			continue
		}
		break
	}
	// Titles, organisation words and side adjectives are not part of a name.
	for s <= e && (d.lx.Titles[d.toks[s].low] != "" || orgWords[d.toks[s].low]) {
		s++
	}
	for s <= e {
		if _, ok := d.lx.CountryByName(d.toks[s].text); ok {
			s++
			continue
		}
		break
	}
	if s > e || e != j {
		// A name must end the head: "the Institute for the Study of War" is not a person.
		return actor{}, false
	}
	if _, ok := d.lx.CountryByName(d.textOf(s, e)); ok {
		return actor{}, false // "the United States", "Ukrainians"
	}
	if _, ok := d.lx.CountryByName(d.toks[e].text); ok {
		return actor{}, false
	}
	if p, ok := d.placeAt(s); ok && p.last >= e {
		return actor{}, false // a place named as an actor: "Kyiv said"
	}
	if !d.toks[s].per && (e == s || d.toks[e].org) {
		// A single capitalised word is a name only if the text names such a person.
		if _, ok := d.people[d.toks[e].low]; !ok || e != s {
			return actor{}, false
		}
	}
	if d.lxActors()[d.toks[e].low] != nil && e == s {
		return actor{}, false
	}
	name := d.textOf(s, e)
	lone := false
	if e == s {
		if full, ok := d.people[d.toks[e].low]; ok {
			name = full
		} else if d.lx.Aliases[d.toks[e].low] == nil {
			lone = true // "Olena, 54": a first name alone names nobody canonically
		}
	}
	a := actor{name: name, kind: "person", first: i, last: j, mention: d.textOf(i, j)}
	if as := d.lx.ActorsByAlias(name); len(as) > 0 && as[0].Kind == "person" {
		a = d.fromLexicon(as[0], s, e)
	}
	if s > i {
		t, o := d.splitTitle(i, s-1)
		if t != "" {
			a.title, a.org = t, orElse(o, a.org)
		}
		if a.side == "" {
			if t != "" {
				a.side = d.officialSide(i, s-1)
			} else {
				a.side = d.sideIn(i, s-1)
			}
		}
	}
	if a.side == "" {
		// The side of a person named earlier with a title: "Ukrainian Presidential
		// Adviser Oleksiy Arestovich" then "Arestovich said".
		for _, m := range d.mentions {
			if m.actor.kind == "person" && m.actor.name == a.name && m.actor.side != "" {
				a.side, a.sector = m.actor.side, orElse(a.sector, m.actor.sector)
				if a.title == "" {
					a.title, a.org = m.actor.title, m.actor.org
				}
			}
		}
	}
	if a.sector == "" && a.title != "" {
		a.sector = "government"
	}
	a.stype = d.sourceType(a, i, j)
	if lone && a.title == "" {
		a.name, a.stype = "", "witness"
	}
	return a, true
}

// splitTitle reads "Head of the Kharkiv Regional Military Administration" as title
// "Head" and organisation "Kharkiv Regional Military Administration".
func (d *document) splitTitle(i, j int) (title, org string) {
	for i <= j && (determiners[d.toks[i].low] || isPunct(d.toks[i].text)) {
		i++
	}
	for j >= i && isPunct(d.toks[j].text) {
		j--
	}
	if i > j {
		return "", ""
	}
	for k := i + 1; k < j; k++ {
		if d.toks[k].low == "of" || d.toks[k].low == "for" || d.toks[k].low == "at" {
			o := k + 1
			for o <= j && determiners[d.toks[o].low] {
				o++
			}
			if o <= j && isCap(d.toks[o].text) {
				return d.textOf(i, k-1), d.textOf(o, j)
			}
		}
	}
	// Titles must contain a title word; otherwise the words are something else.
	for k := i; k <= j; k++ {
		if d.lx.Titles[d.toks[k].low] != "" {
			return d.textOf(i, j), ""
		}
	}
	return "", ""
}

// sideIn finds a country or its adjective among tokens [i, j].
func (d *document) sideIn(i, j int) string {
	for k := i; k <= j; k++ {
		if !isCap(d.toks[k].text) {
			continue
		}
		if c, ok := d.lx.CountryByName(d.toks[k].text); ok {
			return c.ISO3
		}
	}
	return ""
}

// officialSide is the side of an official or an office named by words i..j: a
// country named (sideIn), or else a region or city of one, whose officials are
// that country's ("the governor of Belgorod Oblast", "the Zaporizhzhia Oblast
// Military Administration"). Not for groups: the residents of a town are no
// side.
func (d *document) officialSide(i, j int) string {
	if s := d.sideIn(i, j); s != "" {
		return s
	}
	for k := i; k <= j; k++ {
		if isCap(d.toks[k].text) {
			if c := d.countryOfPlace(k); c != "" {
				return c
			}
		}
	}
	return ""
}

// inNames are capitalised words of organisations' names that the gazetteer
// also holds as divisions (Southern, Central, Eastern) or cities.
var inNames = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true, "national": true, "federal": true,
	"general": true, "state": true, "capital": true, "union": true, "republic": true, "armed": true,
	"joint": true, "special": true, "main": true, "security": true, "defence": true, "defense": true}

// countryOfPlace gives the country (alpha-3) of the place named at token k: the
// geoparser's reading, else, inside an organisation's name where the geoparser
// reads none, the gazetteer's first-level division or largest city of that name.
func (d *document) countryOfPlace(k int) string {
	if p, ok := d.placeAt(k); ok {
		switch p.p.Kind {
		case "oblast", "region", "district", "city", "town", "village":
			return d.lx.ISO3(p.p.Country)
		}
		return ""
	}
	if w := d.toks[k].low; inNames[w] || orgWords[w] || d.lx.Titles[w] != "" {
		return "" // the Southern Group of Forces is not Zambia's Southern Province
	}
	g, err := gazetteer.Default()
	if err != nil {
		return ""
	}
	best, pop := "", int64(-1)
	for _, c := range g.Lookup(d.toks[k].text) {
		if c.Match != gazetteer.Exact && c.Match != gazetteer.Alias {
			continue
		}
		switch {
		case c.Class == 'A' && c.Code == "ADM1":
			return d.lx.ISO3(c.Country)
		case c.Class == 'P' && c.Pop >= 100000 && c.Pop > pop:
			best, pop = c.Country, c.Pop
		}
	}
	return d.lx.ISO3(best)
}

// antecedent resolves a pronoun at token i to the nearest compatible actor before
// it: people for he and she; the latest source for they and it.
func (d *document) antecedent(i int, kind string) actor {
	pr := actor{mention: d.toks[i].text, first: i, last: i, pronoun: true}
	switch kind {
	case "self":
		return actor{}
	case "person":
		for k := len(d.mentions) - 1; k >= 0; k-- {
			m := d.mentions[k]
			if m.last < i && m.actor.kind == "person" && m.actor.name != "" {
				return d.asPronoun(m.actor, pr)
			}
		}
	default:
		// "it": the subject of a clause its own clause hangs from: "Russia's
		// foreign ministry summoned the ambassador over what it called …". (Not
		// "they", which continues a source: "while American officials do not know
		// …, they don't think …".)
		if lo, _ := d.sentenceOf(i); d.parsed && lo < i && d.toks[i].low == "it" {
			for h, n := d.toks[i].head, 0; h >= lo && h < len(d.toks) && n < 6; h, n = d.toks[h].head, n+1 {
				if s, e, ok := d.subjectOf(h, lo); ok && e < i && !d.hasPronoun(s, e) {
					if a := d.resolve(s, e, ""); !a.empty() && a.kind != "person" && a.name != "" {
						return d.asPronoun(a, pr)
					}
					break
				}
			}
		}
		// Sources first: "They also reported that ..." continues the last source.
		for k := len(d.claims) - 1; k >= 0; k-- {
			c := d.claims[k]
			if c.cueFirst >= 0 && c.cueFirst < i && c.source.kind != "person" && !c.source.empty() && c.source.name != "" && c.class != "intent" &&
				d.toks[i].sent-d.toks[c.cueFirst].sent <= 4 {
				return d.asPronoun(c.source, pr)
			}
		}
		for k := len(d.mentions) - 1; k >= 0; k-- {
			m := d.mentions[k]
			if m.last < i && m.actor.kind != "person" && m.actor.name != "" {
				return d.asPronoun(m.actor, pr)
			}
		}
	}
	return actor{}
}

// orgIn finds an organisation of the actor dictionary named in tokens i..j.
func (d *document) orgIn(i, j int) (lexicon.Actor, bool) {
	words := d.words()
	for k := i; k <= j; k++ {
		as, n := lexicon.Longest(d.lxActors(), words, k, min(maxActorWords, j-k+1))
		for _, a := range as {
			if a.Kind == "org" && a.Side != "" && a.Side != "-" {
				return a, true
			}
		}
		k += max(n-1, 0)
	}
	return lexicon.Actor{}, false
}

// hasPronoun reports whether tokens i..j hold a pronoun.
func (d *document) hasPronoun(i, j int) bool {
	for k := i; k <= j; k++ {
		if _, ok := pronouns[d.toks[k].low]; ok {
			return true
		}
	}
	return false
}

func (d *document) asPronoun(a, pr actor) actor {
	a.mention, a.first, a.last, a.pronoun = pr.mention, pr.first, pr.last, true
	return a
}

// sourceType gives an actor its type for grading.
func (d *document) sourceType(a actor, i, j int) string {
	switch a.sector {
	case "intelligence":
		return "intelligence"
	case "think_tank":
		return "think_tank"
	case "media":
		return "media"
	case "igo", "ngo":
		return "international_org"
	}
	// Words of the mention: "intel", "sources", "analysts", "reports".
	words := d.words()
	best, bestN := "", 0
	for k := i; k <= j && k < len(words); k++ {
		if t, n := lexicon.Longest(d.lx.SourceWords, words, k, min(3, j-k+1)); n > bestN {
			best, bestN = t, n
		}
	}
	if best == "intelligence" || best == "think_tank" || best == "international_org" || best == "social_media" {
		return best
	}
	if best == "anonymous" && a.kind == "person" && a.name != "" {
		best = "" // "Moscow-installed official Vladimir Rogov" is named
	}
	if a.side != "" && (a.sector == "government" || a.sector == "military" || a.sector == "legislature" || a.sector == "police") {
		if d.lx.Party(a.side) {
			return "party_official"
		}
		return "foreign_government"
	}
	if best != "" {
		return best
	}
	if a.kind == "person" && a.side != "" {
		if d.lx.Party(a.side) {
			return "party_official"
		}
		return "foreign_government"
	}
	return "other"
}

// lowAt is token i's lowercase form, "" past the end.
func (d *document) lowAt(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].low
}

// cyrillicWord reports a word whose first letter is Cyrillic.
func cyrillicWord(w string) bool {
	for _, r := range w {
		return unicode.Is(unicode.Cyrillic, r)
	}
	return false
}
