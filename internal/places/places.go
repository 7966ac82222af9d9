// Package places is sitrep's geoparser: it finds the toponyms of a text and resolves
// each to one gazetteer entry in context. Recognition works from the gazetteer and
// capitalisation alone, and uses named entities when the language stage supplies
// them (person and organisation spans hold no places; place spans are candidates
// even where capitalisation says nothing). Disambiguation weighs, for every
// candidate, its kind and population, the country and region the document is
// about, explicit qualifiers ("Lyman, Donetsk region"), the proximity of the other
// places named, and descriptors ("the Kharkiv region", "the Oskil River").
// Countries and capitals standing for their governments ("Russia said") are kept
// and marked metonymic.
package places

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/gazetteer/index"
	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/record"
)

// Options choose annotation conventions.
type Options struct {
	// Demonyms reports adjectives and people's names (Russian, Americans) as
	// mentions of their country, as the EUPEG corpora annotate them. They count as
	// evidence of the document's focus either way.
	Demonyms bool
	// BareSpans leaves descriptor words outside a place's span ("Kharkiv" in "the
	// Kharkiv region"), as the EUPEG corpora do; by default the span covers the
	// whole name of the unit ("Kharkiv region").
	BareSpans bool
	// InNames reports places named inside the names of organisations and
	// facilities (Kentucky in "Kentucky State Police"), as the EUPEG corpora
	// annotate them; by default they are not places of the text.
	InNames bool
}

// Parser resolves toponyms against one gazetteer.
type Parser struct {
	g   *gazetteer.Gazetteer
	opt Options
}

// New returns a parser over g.
func New(g *gazetteer.Gazetteer, opt Options) *Parser { return &Parser{g: g, opt: opt} }

var (
	defaultOnce   sync.Once
	defaultParser *Parser
	defaultErr    error
)

// Default returns a parser over the embedded gazetteer with default options.
func Default() (*Parser, error) {
	defaultOnce.Do(func() {
		var g *gazetteer.Gazetteer
		g, defaultErr = gazetteer.Default()
		if defaultErr == nil {
			defaultParser = New(g, Options{})
		}
	})
	return defaultParser, defaultErr
}

// Resolve finds and resolves the places of text with the default parser. skip are
// spans (boilerplate) that hold no place of the document; ents are named entities
// from the language stage, or nil. It returns no places if the gazetteer cannot
// be loaded.
func Resolve(text string, skip []record.Span, ents []record.Entity) []record.Place {
	p, err := Default()
	if err != nil {
		return []record.Place{}
	}
	return p.Resolve(text, skip, ents)
}

// cand is one reading of a mention.
type cand struct {
	i     int
	e     index.Entry
	match gazetteer.Match
	prior float64
	score float64
	why   []string
	v     [3]float64 // the point on the unit sphere (unit), once computed
	hasV  bool
}

// unit is the candidate's point on the unit sphere, computed once.
func (c *cand) unit() [3]float64 {
	if !c.hasV {
		la, lo := c.e.Lat*math.Pi/180, c.e.Lon*math.Pi/180
		c.v, c.hasV = [3]float64{math.Cos(la) * math.Cos(lo), math.Cos(la) * math.Sin(lo), math.Sin(la)}, true
	}
	return c.v
}

// chordKm converts the squared chord between two points of the unit sphere to
// kilometres along the great circle (as km measures them).
func chordKm(ch2 float64) float64 {
	return 2 * 6371.0 * math.Asin(math.Min(1, math.Sqrt(ch2)/2))
}

// mention is one recognised toponym.
type mention struct {
	ti, tj     int // tokens of the name, inclusive
	start, end int // reported span, runes
	surface    string
	key        string
	cands      []cand
	restrict   byte // A admin/region, D district, H water, P settlement
	demonym    bool
	possessive bool
	ner        bool // inside a place entity
	unit       bool // a county the gazetteer lacks: placed at its division
	arabic     bool // found only through names.ArabicSkeleton
	arabicOne  bool // … and one word but for articles (Al-Hasakah)
	declined   bool // found only in another case (names.SlavicBases) or by its consonants
	hasStrong  bool // a country, division or region bears this very name
	hasCountry bool // a country does
	hasCity    bool // a city of 100,000 or more does
	best       int
	conf       float64
	metonymic  bool
}

// doc is the state of one Resolve call.
type doc struct {
	p    *Parser
	rs   []rune
	toks []token
	ms   []*mention
	skip []record.Span
	ents []record.Entity
	head []bool // token is in a headline-like line
	// persons are words of person names seen in the document.
	persons map[string]bool
	// explain records why each candidate scores as it does.
	explain bool
}

// note records a reason for a candidate's score when explaining.
func (d *doc) note(c *cand, delta float64, format string, args ...any) {
	if d.explain && delta != 0 {
		c.why = append(c.why, fmt.Sprintf("%+.1f ", delta)+fmt.Sprintf(format, args...))
	}
}

// Resolve finds and resolves the places of text. See the package function.
func (p *Parser) Resolve(text string, skip []record.Span, ents []record.Entity) []record.Place {
	d := p.read(text, skip, ents, false)
	out := make([]record.Place, 0, len(d.ms))
	for _, m := range d.ms {
		if m.demonym && !p.opt.Demonyms {
			continue
		}
		if d.skipped(m.start, m.end) {
			continue
		}
		c := m.cands[m.best]
		e := c.e
		pl := gazetteer.Place{Entry: e}
		a1 := ""
		if e.Admin1 != "" {
			a1 = e.Country + "." + e.Admin1
		}
		kind := pl.Kind()
		prec := pl.Precision()
		if m.restrict == 'D' && e.Class == 'P' {
			kind, prec = "district", "district"
		}
		if m.unit {
			// Only the division is known: its point, with the kind of the unit.
			kind, prec = "district", "region"
			m.conf = math.Min(m.conf, 0.3)
		}
		start, end := m.start, m.end
		// A raion is filed with its descriptor (Izium district); bare spans
		// leave the word out.
		if p.opt.BareSpans && m.tj > m.ti && end == d.toks[m.tj].end && districtWords[d.toks[m.tj].lower] && e.Code == "ADM2" {
			end = d.toks[m.tj-1].end
		}
		out = append(out, record.Place{
			Text: string(d.rs[start:end]), Start: start, End: end,
			GeonameID: e.ID, Ref: e.Ref, Name: e.Name, Lat: e.Lat, Lon: e.Lon,
			Kind: kind, FeatureCode: e.Code, Country: e.Country, Admin1: a1,
			Precision: prec, Metonymic: m.metonymic, Confidence: m.conf,
		})
	}
	return out
}

// read runs recognition and disambiguation over text.
func (p *Parser) read(text string, skip []record.Span, ents []record.Entity, explain bool) *doc {
	d := &doc{p: p, rs: []rune(text), skip: skip, ents: ents, explain: explain}
	d.toks = tokenize(d.rs)
	d.markHeadlines()
	d.findPersons()
	d.recognise()
	d.disambiguate()
	return d
}

func (d *doc) skipped(start, end int) bool {
	for _, s := range d.skip {
		if start < s.End && end > s.Start {
			return true
		}
	}
	return false
}

// entityAt returns the type of a named entity covering runes [start, end).
func (d *doc) entityAt(start, end int) string {
	for _, e := range d.ents {
		if start >= e.Start && end <= e.End {
			return e.Type
		}
	}
	return ""
}

func isPlaceEntity(t string) bool {
	switch t {
	case "LOC", "GPE", "FAC", "PLACE":
		return true
	}
	return false
}

func isBlockingEntity(t string) bool {
	switch t {
	case "PER", "PERSON", "ORG", "ORGANIZATION":
		return true
	}
	return false
}

// WithoutPeople drops the places that the language core names people exactly:
// one word, a person's name by the entity recogniser, and no more than a town by
// the gazetteer ("Morgan was pronounced dead", "Sandberg reiterated"). A town
// that bears a known organisation's name (lex.IsKnownOrg), named as that
// organisation, goes too, whatever its context: "Wagner has been suffering high
// losses" is no village of South Dakota. A country,
// a first-level division, a capital or a division's seat keeps its place reading
// (the recogniser takes towns after verbs for people too), and so does a place
// the text itself calls one: after a locative preposition ("fighting near
// Lyman"), a kind of place and "of" ("the town of Lyman"), or a word of fighting
// over ground (lex.TakesGround: "captured Marinka"), or in a list with another
// place ("Stepove, and Tonenke"). The geoparser
// itself reads no entities by default, since given them wholesale it loses more
// places than it gains; this uses them only to veto weak readings. text is the
// text the places' offsets index.
func WithoutPeople(text string, ps []record.Place, ents []record.Entity) []record.Place {
	per, org := map[[2]int]bool{}, map[[2]int]bool{}
	for _, e := range ents {
		switch {
		case e.Type == "PER":
			per[[2]int{e.Start, e.End}] = true
		case e.Type == "ORG" && lex.IsKnownOrg(e.Text):
			org[[2]int{e.Start, e.End}] = true
		}
	}
	if len(per) == 0 && len(org) == 0 {
		return ps
	}
	runes := []rune(text)
	keep := make([]bool, len(ps))
	for k, p := range ps {
		strong := strings.HasPrefix(p.FeatureCode, "PCL") || p.FeatureCode == "ADM1" || p.FeatureCode == "PPLC" || p.FeatureCode == "PPLA"
		if org[[2]int{p.Start, p.End}] && strings.HasPrefix(p.FeatureCode, "PPL") && !strong {
			continue // a town named as an organisation is ("Wagner", "Xinhua"); the EU is a region
		}
		keep[k] = !per[[2]int{p.Start, p.End}] || strong || strings.Contains(p.Text, " ") || placeContext(runes, p.Start) ||
			lex.FrontAfter(wordAfter(runes, p.End))
	}
	// A "person" listed with a place kept is a place: "near Berdychi, Stepove,
	// and Tonenke", the last two read as people.
	for changed := true; changed; {
		changed = false
		for k := range ps {
			if !keep[k] && (k > 0 && keep[k-1] && listJoin(runes, ps[k-1].End, ps[k].Start) ||
				k+1 < len(ps) && keep[k+1] && listJoin(runes, ps[k].End, ps[k+1].Start)) {
				keep[k], changed = true, true
			}
		}
	}
	out := ps[:0]
	for k, p := range ps {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

// PlacesInEntities makes the entities agree with the places: it retypes as places
// (LOC) the entities that the recogniser took for people and the geoparser,
// after WithoutPeople, kept as places with the same span ("Israeli troops were
// operating in Khan Younis"), so that a record does not call one name both; and
// it adds as places those the recogniser missed, where no entity overlaps them
// ("fighting spread to El Fasher and Wad Madani"). The entities stay in text
// order.
func PlacesInEntities(ents []record.Entity, ps []record.Place) []record.Entity {
	at := map[[2]int]bool{}
	for _, p := range ps {
		at[[2]int{p.Start, p.End}] = true
	}
	for i, e := range ents {
		if e.Type == "PER" && at[[2]int{e.Start, e.End}] {
			ents[i].Type = "LOC"
		}
	}
	for _, p := range ps {
		k := sort.Search(len(ents), func(i int) bool { return ents[i].End > p.Start })
		if k < len(ents) && ents[k].Start < p.End {
			continue // overlaps an entity
		}
		ents = slices.Insert(ents, k, record.Entity{Text: p.Text, Start: p.Start, End: p.End, Type: "LOC"})
	}
	return ents
}

// listJoin reports whether the text between two places, [a, b), joins them in
// a list: a comma, "and" or "or".
func listJoin(text []rune, a, b int) bool {
	if a > b || b > len(text) {
		return false
	}
	switch strings.TrimSpace(string(text[a:b])) {
	case ",", "and", "or", ", and", ", or":
		return true
	}
	return false
}

// placeContext reports whether the words before code point start call what
// follows a place: a locative preposition, or a kind of place and "of".
func placeContext(text []rune, start int) bool {
	w1, i := wordBefore(text, start)
	switch w1 {
	case "in", "near", "outside", "around", "toward", "towards", "into":
		return true
	default:
		if lex.TakesGround(w1) {
			return true // "captured Marinka"
		}
	case "of":
		w2, _ := wordBefore(text, i)
		_, ok := before[w2]
		return ok
	case "from":
		w2, _ := wordBefore(text, i)
		return lex.LeavesGround(w2) // "the retreat from Lyman"
	}
	return false
}

// wordBefore returns the lowercased word that ends before code point end, past
// spaces, and where it starts.
// wordAfter is the word after code point start, in lowercase ("" when a capital,
// a digit or a sign comes first).
func wordAfter(text []rune, start int) string {
	for start < len(text) && unicode.IsSpace(text[start]) {
		start++
	}
	i := start
	for i < len(text) && unicode.IsLetter(text[i]) && unicode.IsLower(text[i]) {
		i++
	}
	return string(text[start:i])
}

func wordBefore(text []rune, end int) (string, int) {
	end = min(end, len(text))
	for end > 0 && unicode.IsSpace(text[end-1]) {
		end--
	}
	i := end
	for i > 0 && unicode.IsLetter(text[i-1]) {
		i--
	}
	return strings.ToLower(string(text[i:end])), i
}
