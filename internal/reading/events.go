package reading

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/record"
)

// event is one PLOVER event found at a trigger word.
type event struct {
	k, n       int
	trig       lexicon.Trigger
	typ, mode  string
	actor      actor
	target     actor
	place      record.PlaceRef
	hasPlace   bool
	date, prec string
	modality   string
	source     *actor
	depth      int
	dropped    bool
}

var cooperative = map[string]bool{"CONSULT": true, "SUPPORT": true, "COOPERATE": true, "AID": true, "AGREE": true}

// hostile acts announced become threats; MOBILIZE stays what it is ("plans to
// deploy" is a movement, not a threat).
var hostile = map[string]bool{"ASSAULT": true, "COERCE": true, "SANCTION": true, "PROTEST": true}

// findEvents reads the events of every sentence. A verbal act that governs another
// event keeps its own type ("threatened to shell" is THREATEN); a promise or
// willingness turns a cooperative event into AGREE, a retreat into CONCEDE and a
// hostile one into THREATEN, as the PLOVER manual asks. Within a sentence, events
// are listed most salient first: the one nearest the root of the sentence's tree.
func (d *document) findEvents() []event {
	words := d.words()
	var all []event
	for _, s := range d.sents {
		if d.toks[s.First].skip {
			continue
		}
		var evs []event
		for k := s.First; k <= s.Last; k++ {
			ts, n := lexicon.Longest(d.lx.Triggers, words, k, 4)
			if n == 0 {
				if e, ok := d.launched(k); ok {
					evs = append(evs, e)
				}
				continue
			}
			tr, ok := d.pickTrigger(ts, k, n)
			if !ok || d.inNonTrigger(words, k) || tr.Lemma == "intercept" && !d.aimedAtMunitions(k) {
				continue
			}
			evs = append(evs, event{k: k, n: n, trig: tr, typ: tr.Type, mode: tr.Mode, depth: d.depth(k)})
			k += n - 1
		}
		d.governEvents(evs)
		for i := range evs {
			e := &evs[i]
			if e.dropped {
				continue
			}
			d.fillEvent(e)
		}
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].depth < evs[j].depth })
		for _, e := range evs {
			if !e.dropped {
				all = append(all, e)
			}
		}
	}
	return all
}

// launched reads "launched" with a weapon as its object as an attack of that
// weapon's kind: "the Houthis launched drones at Eilat", "Russia launched
// Kinzhal missiles at Kyiv". (Launching an inquiry or a campaign is no attack.)
func (d *document) launched(k int) (event, bool) {
	switch d.toks[k].low {
	case "launch", "launches", "launched", "launching":
	default:
		return event{}, false
	}
	if !d.parsed || d.toks[k].upos != "VERB" {
		return event{}, false
	}
	lo, hi := d.sentenceOf(k)
	objects := d.children(k, lo, hi)
	if strings.HasPrefix(d.toks[k].deprel, "acl") && d.toks[k].head >= lo {
		// "27 Shahed drones launched by Russia"
		objects = append(objects, d.toks[k].head)
	} else if k > lo && k < hi && d.toks[k+1].low == "by" {
		objects = append(objects, k-1) // the same, where the parse lost the participle
	}
	for _, c := range objects {
		if r := d.toks[c].deprel; r != "obj" && r != "nsubj:pass" && c != d.toks[k].head && c != k-1 {
			continue
		}
		if in, ok := d.instrumentAt(c); ok {
			tr := lexicon.Trigger{Lemma: "launch", POS: "V", Type: "ASSAULT", Mode: in.Mode, ACLED: in.ACLED,
				ACLEDSub: in.ACLEDSub, Role: "act"}
			return event{k: k, n: 1, trig: tr, typ: tr.Type, mode: tr.Mode, depth: d.depth(k)}, true
		}
	}
	return event{}, false
}

// month reports a month's name that is also a trigger's word: "March" written
// capitalised, after a day or before one ("on March 4", "4 March", "in March
// 2022") or anywhere but at the start of a sentence.
func (d *document) month(k int) bool {
	t := d.toks[k]
	if t.low != "march" || t.text == "" || t.text[0] != 'M' {
		return false
	}
	lo, _ := d.sentenceOf(k)
	digit := func(i int) bool {
		return i >= 0 && i < len(d.toks) && d.toks[i].sent == t.sent && d.toks[i].text != "" &&
			d.toks[i].text[0] >= '0' && d.toks[i].text[0] <= '9'
	}
	return k > lo || digit(k+1) || digit(k-1)
}

// pickTrigger chooses the reading of a trigger that fits the word's part of speech,
// and leaves out words that only report speech.
func (d *document) pickTrigger(ts []lexicon.Trigger, k, n int) (lexicon.Trigger, bool) {
	upos := d.toks[k].upos
	if n > 1 {
		upos = "" // a phrase: take it as written
	}
	rel := d.toks[k].deprel
	if n == 1 && d.month(k) {
		return lexicon.Trigger{}, false // "on March 4" is no march
	}
	if n == 1 && (rel == "compound" || rel == "amod") && upos != "VERB" && d.modifiesUnit(k) {
		return lexicon.Trigger{}, false // "combat force", "missile defence": a modifier
	}
	for _, t := range ts {
		ok := false
		switch t.POS {
		case "*":
			ok = true
		case "V":
			ok = upos == "" || upos == "VERB" || upos == "AUX" || (upos == "NOUN" && d.cueVerb(k))
		case "N":
			ok = upos == "" || upos == "NOUN" || upos == "PROPN"
		case "A":
			ok = upos == "" || upos == "ADJ" || upos == "VERB"
		}
		// Protests are intransitive: "demonstrated strength" is no demonstration.
		if ok && t.Type == "PROTEST" && t.Mode != "obstruct" && d.parsed && t.POS != "N" {
			lo, hi := d.sentenceOf(k)
			// "…, a human rights group protested here Wednesday": a protest closing
			// a sentence after a comma frames what comes before it (a statement,
			// not a demonstration), however the parse took it.
			if d.framesClause(k, lo) {
				ok = false
			}
			for _, c := range d.children(k, lo, hi) {
				if d.toks[c].deprel == "obj" {
					ok = false
				}
			}
		}
		if ok && n == 1 && d.parsed && d.smallTalk(t, k) {
			ok = false
		}
		if ok {
			return t, true
		}
	}
	return lexicon.Trigger{}, false
}

// framesClause reports whether the verb at k closes its sentence after a comma
// that ends a main clause with a verb of its own: "Croatian authorities are
// failing to …, a human rights group protested" (not "In Kyiv, thousands
// protested" or "After police fired tear gas, thousands protested").
func (d *document) framesClause(k, lo int) bool {
	if !d.parenthetical(k, lo) {
		return false
	}
	if u := d.toks[lo].upos; u == "SCONJ" || u == "ADP" {
		return false
	}
	comma := d.parentheticalComma(k, lo)
	for j := lo; j < comma; j++ {
		if u := d.toks[j].upos; u == "VERB" || u == "AUX" {
			return true
		}
	}
	return false
}

// smallTalk reports words of a briefing's own conduct that name no event: "OK,
// thanks", "thanks very much for joining us" (thanks to no one named), "provide a
// quick overview of the battlefield", "as we talked about last week" (talk with no
// one), "I'm prepared to take your questions".
func (d *document) smallTalk(t lexicon.Trigger, k int) bool {
	lo, hi := d.sentenceOf(k)
	var obj, subj, with, talk = -1, -1, false, false
	for _, c := range d.children(k, lo, hi) {
		switch d.toks[c].deprel {
		case "obj", "iobj":
			if obj < 0 {
				obj = c
			}
			talk = talk || talkObjects[d.toks[c].low]
		case "nsubj":
			subj = c
		case "obl":
			if d.childWord(c, "with") || d.childWord(c, "to") {
				with = true
			}
			talk = talk || talkObjects[d.toks[c].low] // "provide you with a quick overview"
		}
	}
	pronoun := func(i int) bool {
		switch d.toks[i].low {
		case "i", "we", "you", "us", "everybody", "everyone", "all", "me":
			return true
		}
		return false
	}
	switch {
	case t.Type == "SUPPORT" && strings.HasPrefix(d.toks[k].low, "thank"):
		return obj < 0 || pronoun(obj)
	case t.Type == "AID" && d.toks[k].low != "aid":
		return talk
	case t.Type == "CONSULT" && (strings.HasPrefix(d.toks[k].low, "talk") || strings.HasPrefix(d.toks[k].low, "discuss")):
		return subj >= 0 && pronoun(subj) && !with
	case t.Role == "intent":
		// "I'm prepared to take your questions." (the complement is an xcomp, or
		// under other parses a csubj or advcl: any verb below the trigger)
		for _, v := range d.children(k, lo, hi) {
			if d.toks[v].upos != "VERB" {
				continue
			}
			for _, o := range d.children(v, lo, hi) {
				if d.toks[o].deprel == "obj" && (d.toks[o].low == "questions" || d.toks[o].low == "question") {
					return true
				}
			}
		}
	}
	return false
}

// talkObjects are what a speaker provides an audience: no aid.
var talkObjects = map[string]bool{"overview": true, "update": true, "updates": true, "briefing": true,
	"details": true, "detail": true, "information": true, "readout": true, "answer": true, "answers": true,
	"context": true, "sense": true, "picture": true, "comment": true, "comments": true, "assessment": true,
	"look": true, "summary": true}

// modifiesUnit reports whether token k modifies a noun that names a force or a
// system rather than an act: "combat units", "missile defence", "attack helicopter".
func (d *document) modifiesUnit(k int) bool {
	h := d.toks[k].head
	if h < 0 {
		return false
	}
	if as := d.lx.Aliases[d.toks[h].low]; len(as) > 0 && as[0].Kind == "noun" {
		return true
	}
	switch d.toks[h].low {
	case "defence", "defense", "system", "systems", "capability", "capabilities", "effectiveness", "zone",
		"helicopter", "helicopters", "aircraft", "jet", "jets", "drone", "drones", "vehicle", "vehicles",
		"weapon", "weapons", "group", "groups", "base", "bases", "plane", "planes", "ship", "ships", "boat", "boats":
		return true
	}
	return false
}

// inNonTrigger reports whether token k is inside a phrase that names no event.
func (d *document) inNonTrigger(words []string, k int) bool {
	for s := max(0, k-3); s <= k; s++ {
		if _, n := lexicon.Longest(d.lx.NonTriggers, words, s, 4); n > 0 && s+n > k {
			return true
		}
	}
	return false
}

// governEvents applies frames, intents and stops to the events they govern: by the
// parse, or, for a frame the parse did not connect, by the event words that follow
// it closely in its clause.
func (d *document) governEvents(evs []event) {
	governs := func(a, b event) bool {
		if a.k == b.k {
			return false
		}
		if d.parsed && d.dominates(a.k, b.k) {
			return true
		}
		if b.k <= a.k || b.k-a.k > 8 {
			return false
		}
		for j := a.k + 1; j < b.k; j++ {
			if t := d.toks[j].text; t == ";" || t == "." || t == ":" {
				return false
			}
		}
		return !d.parsed || !d.dominates(b.k, a.k)
	}
	// The topic of a protest is no request of its own ("blocked roads demanding …").
	for i := range evs {
		if evs[i].typ != "PROTEST" {
			continue
		}
		for j := range evs {
			if evs[j].typ == "REQUEST" && governs(evs[i], evs[j]) {
				evs[j].dropped = true
			}
		}
	}
	for i := range evs {
		f := &evs[i]
		if f.trig.Role == "act" || f.dropped {
			continue
		}
		nearest := -1
		for j := range evs {
			e := &evs[j]
			if e.dropped || !governs(*f, *e) {
				continue
			}
			if nearest < 0 || e.k-f.k < evs[nearest].k-f.k {
				nearest = j
			}
			e.dropped = true
		}
		if nearest < 0 {
			continue
		}
		t := evs[nearest].typ
		switch f.trig.Role {
		case "intent":
			// Promising what is cooperative, or a retreat, is AGREE; accepting demands
			// is a concession; readiness to fight is mobilisation; promising other harm
			// is a threat.
			n := evs[nearest]
			switch {
			case n.trig.Role == "stop":
				f.typ, f.mode = "AGREE", ""
			case t == "REQUEST":
				f.typ, f.mode = "CONCEDE", ""
			case t == "ASSAULT" && f.trig.Lemma == "willing":
				f.typ, f.mode = "MOBILIZE", "troops"
			case hostile[t] || t == "MOBILIZE" || t == "THREATEN":
				f.typ, f.mode = "THREATEN", ""
			default:
				f.typ, f.mode = "AGREE", ""
			}
		case "stop":
			switch {
			case cooperative[t]:
				f.typ, f.mode = "SANCTION", "discontinue"
			case t == "PROTEST" || t == "COERCE" || t == "SANCTION":
				f.typ, f.mode = "CONCEDE", ""
			case t == "ASSAULT":
				f.typ, f.mode = "RETREAT", "ceasefire"
			}
		}
	}
}

// fillEvent finds an event's actor, target, place, date, modality and source.
func (d *document) fillEvent(e *event) {
	cx := d.contextOf(e.k)
	e.actor, _ = d.agentOf(e.k, cx)
	if e.actor.pronoun && e.actor.side == "" && !(cx.claim != nil && e.actor.name != "" && cx.claim.source.name == e.actor.name) {
		// A sideless "it" or "they" takes a side named before, unless it is the
		// sentence's own speaker ("Hezbollah said it fired rockets").
		lo, _ := d.sentenceOf(e.k)
		if a := d.actorBefore(e.actor.first, lo, cx.side(), true); !a.empty() {
			e.actor = a
		}
	}
	e.target = d.objectOf(e.k, cx)
	d.retypeByObject(e)
	d.weaponsArrive(e)
	d.byInstrument(e)
	d.disrupted(e)
	var at int
	e.place, at, e.hasPlace = d.placeFor(e.k, e.typ == "RETREAT", false)
	d.strikerBySource(e, cx, at)
	e.date, e.prec = d.dateFor(e.k)
	var word string
	e.modality, word = d.modalityWord(e.k)
	future := e.modality == "planned" && !attemptWords[word] ||
		e.modality == "hypothetical" && (word == "would" || word == "will" || d.conditional(e.k))
	switch {
	case e.modality == "required":
		// "Sudan must return the helicopter": a demand.
		e.typ, e.mode, e.modality = "REQUEST", "", ""
	case e.modality == "negated" && cooperative[e.typ]:
		// "will not accept", "failed to reach agreement": a rejection.
		e.typ, e.mode, e.modality = "REJECT", "", ""
	case future && (cooperative[e.typ] || e.typ == "RETREAT"):
		// Future cooperation and announced retreats are AGREE.
		e.typ, e.mode = "AGREE", ""
	case future && hostile[e.typ] && (cx.claim != nil && d.speaksFor(cx.claim.source, e.actor) || planWords[word]):
		// Harm announced by those who would do it is a threat.
		e.typ, e.mode = "THREATEN", ""
	}
	if cx.claim != nil {
		src := cx.claim.source
		e.source = &src
		if e.modality == "" {
			e.modality = "reported"
			if src.stype == "party_official" || cx.claim.class == "claim" || src.stype == "social_media" || src.stype == "anonymous" {
				e.modality = "claimed"
			}
			if cx.claim.class == "deny" {
				e.modality = "negated"
			}
		}
	}
	if e.modality == "" {
		e.modality = "reported"
	}
}

// attemptWords make an event an attempt, which happened: no promise, no threat.
var attemptWords = map[string]bool{"try": true, "tries": true, "tried": true, "trying": true, "attempt": true,
	"attempts": true, "attempted": true, "attempting": true, "effort": true, "efforts": true, "to": true,
	"seek": true, "seeks": true, "sought": true, "seeking": true}

// planWords announce an actor's own intention.
var planWords = map[string]bool{"plan": true, "plans": true, "planned": true, "planning": true, "intend": true,
	"intends": true, "intended": true, "will": true, "'ll": true, "shall": true}

// conditional reports whether k's sentence sets a condition: "if", "unless".
func (d *document) conditional(k int) bool {
	lo, hi := d.sentenceOf(k)
	for j := lo; j <= hi; j++ {
		if w := d.toks[j].low; w == "if" || w == "unless" {
			return true
		}
	}
	return false
}

// speaksFor reports whether a source announces its own act: the same actor, the
// same side, or an actor the sentence leaves to the source ("they would boycott").
func (d *document) speaksFor(src, a actor) bool {
	if a.empty() || a.pronoun && a.side == "" {
		return true
	}
	if src.name != "" && src.name == a.name {
		return true
	}
	return src.side != "" && src.side == a.side
}

// retypeByObject applies the object rules: "expelled two diplomats" is SANCTION.
func (d *document) retypeByObject(e *event) {
	words := d.words()
	rules, n := lexicon.Longest(d.lx.Objects, words, e.k, 3)
	if n == 0 {
		return
	}
	// The object's head: by the parse, else the first noun after the word.
	var heads []string
	if d.parsed {
		lo, hi := d.sentenceOf(e.k)
		for _, c := range d.children(e.k, lo, hi) {
			if r := d.toks[c].deprel; r == "obj" || r == "nsubj:pass" || r == "obl" {
				heads = append(heads, d.toks[c].low)
			}
		}
	}
	_, hi := d.sentenceOf(e.k)
	for j := e.k + n; j <= hi && j < e.k+n+5; j++ {
		if d.toks[j].upos == "NOUN" || d.toks[j].upos == "" {
			heads = append(heads, d.toks[j].low)
			break
		}
	}
	for _, r := range rules {
		for _, h := range heads {
			if r.Objects[h] {
				e.typ, e.mode = r.Type, r.Mode
				return
			}
		}
	}
}

// byInstrument gives an attack without a mode of its own the mode and ACLED
// sub-event type of the weapon named with its attacker ("Ukrainian drones
// attacked an oil refinery" is a drone strike, not an armed clash) or as what
// was fired ("Russia fired two Iskander missiles at Kharkiv", "Kinzhal missiles
// were fired at Kyiv", "shelled Kherson with Grad rockets"). A weapon with no
// side is no actor: "Kalibr cruise missiles hit Lviv" names what struck, not
// who.
func (d *document) byInstrument(e *event) {
	if e.typ != "ASSAULT" {
		return
	}
	if h := d.phraseHead(e.actor.first, min(e.actor.last, len(d.toks)-1)); !e.actor.empty() && !e.actor.pronoun && e.actor.last < len(d.toks) && d.weaponOrAttack(h) {
		// "killed by Russian shelling in the town of Myrnohrad": Russian forces;
		// the side is the one named before the head ("Russian strikes in Kyiv"
		// are not Kyiv's).
		if side := d.sideIn(e.actor.first, h); side != "" {
			e.actor = actor{name: sideName(d.lx, side, "forces"), kind: "group", side: side, sector: "military",
				mention: e.actor.mention, first: e.actor.first, last: e.actor.last}
		} else {
			e.actor = actor{}
		}
	}
	if e.mode != "" && !generalAttacks[e.trig.Lemma] {
		return
	}
	spans := [][2]int{}
	if !e.actor.empty() {
		spans = append(spans, [2]int{e.actor.first, e.actor.last})
	}
	if d.parsed {
		// What was fired is the means; what was destroyed or shot down, the target.
		fired := firingWords[d.toks[e.k].low]
		lo, hi := d.sentenceOf(e.k)
		for _, c := range d.children(e.k, lo, hi) {
			switch r := d.toks[c].deprel; {
			case (r == "obj" || r == "nsubj:pass") && fired, r == "nsubj" && e.actor.empty(), r == "obl" && d.childWord(c, "with"):
				s, t := d.nounPhrase(c)
				spans = append(spans, [2]int{s, t})
			}
		}
	}
	for _, sp := range spans {
		for j := sp[0]; j <= sp[1] && j < len(d.toks); j++ {
			if in, ok := d.instrumentAt(j); ok {
				e.mode, e.trig.ACLED, e.trig.ACLEDSub = in.Mode, in.ACLED, in.ACLEDSub
				if side := d.sideIn(sp[0], sp[1]); e.actor.empty() && side != "" {
					// "Sixty Russian missiles were launched": the side's forces.
					e.actor = actor{name: sideName(d.lx, side, "forces"), kind: "group", side: side, sector: "military",
						mention: d.textOf(sp[0], sp[1]), first: sp[0], last: sp[1]}
				}
				return
			}
		}
	}
}

// generalAttacks are the triggers whose mode a weapon named with them makes
// precise: "drones struck Odesa" is a drone strike, "fired missiles" no
// exchange of small arms.
var generalAttacks = map[string]bool{"strike": true, "hit": true, "fire": true, "destroy": true, "launch": true}

// firingWords take as their object what was fired: "fired two Iskander
// missiles", "launched drones", "used Krasnopol shells".
var firingWords = map[string]bool{"fired": true, "fires": true, "fire": true, "firing": true, "launched": true,
	"launches": true, "launch": true, "launching": true, "used": true, "uses": true, "using": true}

// disrupted reads air defence at work as ACLED does: "air defences shot down 23
// of 27 drones", "two Iskander missiles were intercepted over Kyiv" are an
// attack prevented (Strategic developments, Disrupted weapons use), not a
// battle. The interceptor stays the actor; an aircraft shot down is still an
// attack on it.
func (d *document) disrupted(e *event) {
	switch e.trig.Lemma {
	case "shoot down", "intercept":
	case "destroy":
		// Destroyed in the air, not on the ground: "destroyed 40 drones over
		// the Belgorod region", "air defence destroyed two missiles".
		if !d.overhead(e) {
			return
		}
	default:
		return
	}
	if e.trig.Lemma == "intercept" || d.aimedAtMunitions(e.k) {
		e.mode, e.trig.ACLED, e.trig.ACLEDSub = "", "Strategic developments", "Disrupted weapons use"
	}
}

// overhead reports an event in the air: one placed "over" somewhere, or done by
// air defence.
func (d *document) overhead(e *event) bool {
	lo, hi := d.sentenceOf(e.k)
	for _, c := range d.children(e.k, lo, hi) {
		if d.toks[c].deprel == "obl" && d.childWord(c, "over") {
			return true
		}
	}
	for j := e.actor.first; j < e.actor.last && j < len(d.toks)-1; j++ {
		if d.toks[j].low == "air" && strings.HasPrefix(d.toks[j+1].low, "defen") {
			return true
		}
	}
	return false
}

// strikerBySource gives a strike by weapons alone ("Bayraktar TB2 drones
// destroyed two Russian tanks", "Shahed drones hit Odesa") the side that the
// party official reporting it implies: its own when the target is the
// opponent's, the opponent when the strike fell on its own country. Where the
// text says neither, the strike keeps no actor.
func (d *document) strikerBySource(e *event, cx context, at int) {
	if e.typ != "ASSAULT" || !e.actor.empty() || e.mode == "" || cx.claim == nil {
		return
	}
	src := cx.claim.source
	own := src.side
	opp := d.lx.Opponent[own]
	if src.stype != "party_official" || !d.lx.Party(own) || opp == "" {
		return
	}
	side := ""
	switch {
	case e.target.side == opp:
		side = own
	case e.target.side == own, e.hasPlace && d.placeSide(at) == own:
		side = opp
	}
	if side != "" {
		// No words name this actor; the strike's own words stand for it.
		e.actor = actor{name: sideName(d.lx, side, "forces"), kind: "group", side: side, sector: "military",
			mention: d.textOf(e.k, e.k+e.n-1), first: e.k, last: e.k + e.n - 1}
	}
}

// aimedAtMunitions reports whether what the word at k acts on (its object, its
// passive subject, or what follows "of" for a noun: "the interception of two
// missiles") is a drone, missile, rocket or bomb in flight. Ships and aircraft
// are not: "intercepted a ship" is no air defence.
func (d *document) aimedAtMunitions(k int) bool {
	lo, hi := d.sentenceOf(k)
	munition := func(s, t int) bool {
		for j := s; j <= t; j++ {
			w := d.toks[j].low
			if munitions[w] || w == "targets" && j > s && (d.toks[j-1].low == "air" || d.toks[j-1].low == "aerial") {
				return true
			}
			switch lex.WeaponKind(w) {
			case "missile", "rocket", "drone":
				return true
			}
		}
		return false
	}
	for _, c := range d.children(k, lo, hi) {
		switch d.toks[c].deprel {
		case "obj", "nsubj:pass", "nmod":
		default:
			continue
		}
		if s, t := d.nounPhrase(c); munition(s, t) {
			return true
		}
	}
	// Where the parse lost the object ("shot" read as a noun): the words after
	// the verb, to the first verb or punctuation.
	if d.toks[k].upos == "VERB" && d.hasChild(k, "obj") {
		return false
	}
	t := k + 1
	for t <= hi && t < k+8 && d.toks[t].upos != "VERB" && d.toks[t].upos != "PUNCT" {
		t++
	}
	return munition(k+1, t-1)
}

// munitions are what air defence shoots down.
var munitions = map[string]bool{"drone": true, "drones": true, "uav": true, "uavs": true, "missile": true,
	"missiles": true, "rocket": true, "rockets": true, "projectile": true, "projectiles": true, "bomb": true,
	"bombs": true, "shahed": true, "shaheds": true, "geran": true, "gerans": true,
	// Russian and Ukrainian
	"беспилотник": true, "беспилотника": true, "беспилотники": true, "беспилотников": true, "бпла": true,
	"беспилотных": true, "безпілотних": true, "бпла-камикадзе": true,
	"дрон": true, "дрона": true, "дроны": true, "дронов": true, "ракета": true, "ракеты": true, "ракет": true,
	"ракету": true, "безпілотник": true, "безпілотники": true, "безпілотників": true, "дрони": true,
	"дронів": true, "ракети": true, "шахед": true, "шахеды": true, "шахедов": true, "шахеди": true, "шахедів": true}

// weaponsArrive reads weapons that arrive as aid delivered, not a visit:
// "Leopard tanks arrived in Ukraine from Poland". Whoever sent them is not the
// weapons.
func (d *document) weaponsArrive(e *event) {
	if e.typ != "CONSULT" || e.trig.Lemma != "arrive" || e.actor.empty() || e.actor.pronoun {
		return
	}
	for j := e.actor.first; j <= e.actor.last && j < len(d.toks); j++ {
		if _, ok := d.instrumentAt(j); ok || lex.WeaponKind(d.toks[j].low) != "" {
			e.typ, e.mode, e.actor = "AID", "", actor{}
			e.trig.ACLED, e.trig.ACLEDSub = "", ""
			return
		}
	}
}

// phraseHead is the word of tokens i..j whose head lies outside them (the last
// word, unparsed).
func (d *document) phraseHead(i, j int) int {
	if d.parsed {
		for k := i; k <= j; k++ {
			if h := d.toks[k].head; h < i || h > j {
				return k
			}
		}
	}
	return j
}

// weaponOrAttack reports whether token k names a weapon or an attack ("missiles",
// "Iskanders", "shelling", "strike"): what strikes, not who.
func (d *document) weaponOrAttack(k int) bool {
	if _, ok := d.instrumentAt(k); ok {
		return true
	}
	ts, n := lexicon.Longest(d.lx.Triggers, d.words(), k, 1)
	for x := 0; n > 0 && x < len(ts); x++ {
		if ts[x].Type == "ASSAULT" && d.toks[k].upos != "VERB" {
			return true
		}
	}
	return false
}

// instrumentAt is the weapon named at token j: a word or two of the
// instruments table ("drones", "cruise missiles"), or a weapon system's name
// (lex.WeaponKind: Iskander, Grad, Shahed) as the table's missiles or drones.
func (d *document) instrumentAt(j int) (lexicon.Instrument, bool) {
	w := d.toks[j].low
	if j+1 < len(d.toks) {
		if in, ok := d.lx.Instruments[w+" "+d.toks[j+1].low]; ok {
			return in, true
		}
	}
	if in, ok := d.lx.Instruments[w]; ok {
		return in, true
	}
	switch lex.WeaponKind(w) {
	case "missile", "rocket", "artillery":
		in, ok := d.lx.Instruments["missiles"]
		return in, ok
	case "drone":
		in, ok := d.lx.Instruments["drones"]
		return in, ok
	}
	return lexicon.Instrument{}, false
}

// eventRecords converts events for the record.
func (d *document) eventRecords(evs []event) []record.Event {
	out := make([]record.Event, 0, len(evs))
	for _, e := range evs {
		lo, hi := d.sentenceOf(e.k)
		re := record.Event{Type: e.typ, Mode: e.mode, Date: e.date, DatePrecision: e.prec, Modality: e.modality,
			Evidence: d.span(lo, hi)}
		// ACLED codes events that took place.
		if e.trig.ACLED != "" && e.typ == e.trig.Type && (e.modality == "reported" || e.modality == "claimed") {
			re.ACLED = &record.ACLED{EventType: e.trig.ACLED, SubEventType: e.trig.ACLEDSub}
		}
		re.Actor = d.actorRecord(e.actor)
		re.Target = d.actorRecord(e.target)
		if e.hasPlace {
			p := e.place
			re.Place = &p
		}
		if e.source != nil {
			s := d.sourceRecord(*e.source)
			re.Source = &s
		}
		out = append(out, re)
	}
	return out
}

func (d *document) actorRecord(a actor) *record.Actor {
	if a.empty() {
		return nil
	}
	name := a.name
	if name == "" {
		name = a.mention
	}
	return &record.Actor{Name: d.latin(name, a.first), Country: a.side, Sector: a.sector}
}

func (d *document) sourceRecord(a actor) record.ClaimSource {
	s := record.ClaimSource{Name: a.name, Type: a.stype}
	if s.Name == "" {
		s.Name = a.mention
	}
	s.Name = d.latin(s.Name, a.first)
	if s.Type == "" {
		s.Type = "other"
	}
	if !a.empty() && a.last < len(d.toks) {
		sp := d.span(a.first, a.last)
		s.Mention = &sp
	}
	return s
}
