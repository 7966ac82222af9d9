package places

import (
	"math"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/gazetteer/index"
)

// prior scores a candidate on its own: its kind, population and how its name matched.
func prior(c *cand, m *mention) float64 {
	e := c.e
	s := 0.0
	switch e.Class {
	case 'A':
		switch {
		case e.Code == "PCLI":
			s = 11
		case strings.HasPrefix(e.Code, "PCL"):
			s = 8.5
		default:
			s = 6.5
		}
	case 'L':
		switch e.Code {
		case "CONT":
			s = 10
		default:
			s = 8.5
		}
	case 'H':
		switch e.Code {
		case "SEA", "OCN", "GULF":
			s = 8
		case "STM", "STMI":
			s = 2
			if e.Source&index.SrcNatEarth != 0 {
				s = 3.5 + math.Log10(float64(e.Pop)+1) // Pop holds the drawn length
			}
		default:
			s = 3
		}
		if m.restrict == 'H' {
			s += 5
		}
	case 'T':
		s = 3
	case 'P':
		s = 1.5 + 1.25*math.Log10(float64(e.Pop)+10)
		switch e.Code {
		case "PPLC":
			s += 2.5
		case "PPLA":
			s += 1
		case "PPLA2":
			s += 0.4
		case "PPLX":
			s -= 1.5
		}
	default:
		s = 2
	}
	switch c.match {
	case gazetteer.Alias:
		if e.Class == 'P' {
			s -= 0.6
			// A city whose own name this is outranks one that had it once
			// (Victoria, British Columbia, not Hong Kong).
			if m.hasCity {
				s -= 1.5
			}
		}
	case gazetteer.Loose:
		s -= 1.2
	}
	// A country, division or region whose own name this is beats towns that
	// only have it as an alternate name (Mexico the country, not Mexico City)
	// and small towns named after it (China, Texas).
	// The centre of a division named after it is exempt (Kherson, Donetsk), and
	// so is a city of a million under a division's name (New York).
	if m.hasStrong && e.Class == 'P' {
		big := e.Pop >= 1000000
		switch {
		case c.match != gazetteer.Exact && (m.hasCountry || !big):
			s -= 4
		case c.match == gazetteer.Exact && !big && !m.centreOfStrong(e):
			s -= 4
		}
	}
	// Likewise a country outranks divisions that have its name only as an
	// alternate one (Mexico, not the Distrito Federal).
	if m.hasCountry && e.Class == 'A' && !strings.HasPrefix(e.Code, "PCL") && c.match != gazetteer.Exact {
		s -= 4
	}
	if m.restrict == 'A' && (e.Class == 'A' || e.Class == 'L') {
		s += 4
	}
	if weakAlone[strings.ToLower(m.surface)] {
		s -= 1
	}
	return s
}

// priors scores every candidate on its own and picks the best.
func (d *doc) priors() {
	for _, m := range d.ms {
		m.hasStrong, m.hasCountry, m.hasCity = false, false, false
		// The strongest reading of a place alone, before the penalty below.
		for k := range m.cands {
			c := &m.cands[k]
			c.prior = prior(c, m)
		}
		maxP := math.Inf(-1)
		for _, c := range m.cands {
			if c.e.Class == 'P' && c.match == gazetteer.Exact {
				maxP = math.Max(maxP, c.prior)
				m.hasCity = m.hasCity || c.e.Pop >= 100000
			}
		}
		for _, c := range m.cands {
			strongKind := c.e.Class == 'A' || c.e.Class == 'L' || c.e.Class == 'H' && c.e.Code != "STM"
			strongName := c.match == gazetteer.Exact || c.match == gazetteer.Abbrev || c.match == gazetteer.Adj ||
				c.match == gazetteer.Alias && (strings.HasPrefix(c.e.Code, "PCL") || c.e.Source&index.SrcCurated != 0)
			// A division that a great city outranks (London) is no default reading.
			if strongKind && strongName && maxP < 10.5 {
				m.hasStrong = true
				if strings.HasPrefix(c.e.Code, "PCL") {
					m.hasCountry = true
				}
			}
		}
		for k := range m.cands {
			c := &m.cands[k]
			c.prior = prior(c, m)
			c.score = c.prior
		}
		m.best = argmax(m.cands)
	}
}

// placeUnits gives each unknown county the division it lies in: the one named
// right after it (Metcalfe County, Kentucky) or else the division the document
// names most. Counties with neither are dropped.
func (d *doc) placeUnits() {
	count := map[string]float64{}
	for _, m := range d.ms {
		if len(m.cands) == 0 || m.restrict == 'D' {
			continue
		}
		if c := m.cands[m.best]; c.e.Admin1 != "" && (c.e.Code == "ADM1" || c.e.Class == 'P') {
			count[c.e.Country+"."+c.e.Admin1]++
		}
	}
	keep := d.ms[:0]
	for mi, m := range d.ms {
		county := m.restrict == 'D' && m.tj+1 < len(d.toks) && (d.toks[m.tj+1].lower == "county" || d.toks[m.tj+1].lower == "parish")
		if !m.unit && !county {
			keep = append(keep, m)
			continue
		}
		var div *index.Entry
		if mi+1 < len(d.ms) && d.ms[mi+1].start >= m.end && strings.TrimSpace(string(d.rs[m.end:d.ms[mi+1].start])) == "," {
			for _, c := range d.ms[mi+1].cands {
				if c.e.Code == "ADM1" {
					e := c.e
					div = &e
					break
				}
			}
		}
		if div == nil {
			best, bw := "", 0.0
			for k, w := range count {
				if w > bw || w == bw && k < best {
					best, bw = k, w
				}
			}
			if cc, a1, ok := strings.Cut(best, "."); ok {
				if p, ok := d.p.g.Admin1(cc, a1); ok {
					div = &p.Entry
				}
			}
		}
		if div == nil || !countyCountries[div.Country] {
			if !m.unit {
				keep = append(keep, m)
			}
			continue
		}
		if !m.unit {
			// A county named after a town of its own division is placed there.
			inside := m.cands[:0:0]
			for _, c := range m.cands {
				if c.e.Country == div.Country && c.e.Admin1 == div.Admin1 {
					inside = append(inside, c)
				}
			}
			if len(inside) > 0 {
				m.cands = inside
				keep = append(keep, m)
				continue
			}
			m.unit = true
		}
		if i, ok := d.p.g.Admin1Index(div.Country, div.Admin1); ok {
			m.cands = []cand{{i: i, e: *div, match: gazetteer.Alias}}
			keep = append(keep, m)
		}
	}
	d.ms = keep
}

// centreOfStrong reports whether e is the capital of a division this mention
// may also name.
func (m *mention) centreOfStrong(e index.Entry) bool {
	if e.Code != "PPLA" && e.Code != "PPLC" {
		return false
	}
	for _, c := range m.cands {
		if c.e.Code == "ADM1" && c.e.Country == e.Country && c.e.Admin1 == e.Admin1 {
			return true
		}
	}
	return false
}

// disambiguate scores every candidate in context and picks the best.
func (d *doc) disambiguate() {
	d.priors()
	d.placeUnits()
	d.priors()
	f := d.focus()
	for pass := 0; pass < 2; pass++ {
		for mi, m := range d.ms {
			for k := range m.cands {
				c := &m.cands[k]
				c.why = c.why[:0]
				c.score = c.prior + d.contextScore(mi, c, f, pass)
			}
		}
		for _, m := range d.ms {
			m.best = argmax(m.cands)
		}
	}
	for mi, m := range d.ms {
		m.conf = confidence(m)
		m.demonym = m.cands[m.best].match == gazetteer.Adj
		if !m.demonym {
			m.metonymic = d.metonymic(mi)
		}
	}
	kept := d.ms[:0]
	for mi, m := range d.ms {
		if !d.strayName(mi, m, f) {
			kept = append(kept, m)
		}
	}
	d.ms = kept
}

// strayName reports a mention that is most likely a name, not a place: one
// capitalised word the entity recogniser did not call a place, whose reading is
// a settlement of fewer than 10,000 people in a country the rest of the document
// does not name, with no locative word before it. "Wagner chief Yevgeny Prigozhin"
// in reporting from Bakhmut is not Wagner, South Dakota.
func (d *doc) strayName(mi int, m *mention, f *focus) bool {
	if m.ner || m.ti != m.tj || m.demonym || len(m.cands) == 0 {
		return false
	}
	c := m.cands[m.best]
	if c.e.Class != 'P' || c.e.Pop >= 10000 || c.e.Country == "" {
		return false
	}
	if m.ti > 0 {
		switch d.toks[m.ti-1].lower {
		case "in", "near", "at", "from", "to", "into", "outside", "around", "toward", "towards", "of":
			return false
		}
	}
	if sc, _ := f.share(mi, c.e.Country, ""); sc > 0 {
		return false
	}
	o := f.byKey[f.key[mi]]
	other := f.total
	if o != nil {
		other -= o.total
	}
	return other >= 1 // the document is about somewhere: one country or city named elsewhere
}

func argmax(cs []cand) int {
	b := 0
	for k := range cs {
		if cs[k].score > cs[b].score || cs[k].score == cs[b].score && cs[k].e.Pop > cs[b].e.Pop {
			b = k
		}
	}
	return b
}

func confidence(m *mention) float64 {
	if len(m.cands) == 0 {
		return 0
	}
	s := append([]cand(nil), m.cands...)
	sort.Slice(s, func(i, j int) bool { return s[i].score > s[j].score })
	c := 0.95
	if len(s) > 1 {
		c = 1 / (1 + math.Exp(-(s[0].score-s[1].score)/1.5))
	}
	if s[0].match == gazetteer.Loose {
		c *= 0.9
	}
	return math.Round(math.Max(0.05, math.Min(0.99, c))*100) / 100
}

// focus holds the countries and first-level divisions the document names
// unambiguously (or nearly so): what the document is about. Each mention's own
type focus struct {
	ctry, adm     map[string]float64
	total, totalA float64
	// byKey sums the contributions of all mentions of one name: a name is not
	// evidence for its own reading, however often it is repeated.
	byKey map[string]*contribs
	key   []string
}

type contribs struct {
	ctry, adm     map[string]float64
	total, totalA float64
}

func (d *doc) focus() *focus {
	f := &focus{ctry: map[string]float64{}, adm: map[string]float64{}, byKey: map[string]*contribs{}, key: make([]string, len(d.ms))}
	for mi, m := range d.ms {
		f.key[mi] = m.key
		if d.skipped(m.start, m.end) {
			continue
		}
		c := m.cands[m.best]
		margin := 100.0
		for k := range m.cands {
			if k != m.best && m.cands[k].e.Country != c.e.Country {
				margin = math.Min(margin, c.score-m.cands[k].score)
			}
		}
		if margin < 1.5 || c.e.Country == "" {
			continue
		}
		w := 1.0
		if c.e.Class == 'P' && c.e.Pop < 100000 {
			w = 0.5
		}
		if m.demonym {
			// "Russian forces" names an actor more often than a place the text is
			// about: in war reporting they fight in the other country.
			w = demonymFocus
		}
		o := f.byKey[m.key]
		if o == nil {
			o = &contribs{ctry: map[string]float64{}, adm: map[string]float64{}}
			f.byKey[m.key] = o
		}
		f.ctry[c.e.Country] += w
		f.total += w
		o.ctry[c.e.Country] += w
		o.total += w
		if c.e.Admin1 != "" && (c.e.Class == 'A' || c.e.Class == 'P') {
			a1 := c.e.Country + "." + c.e.Admin1
			f.adm[a1] += w
			f.totalA += w
			o.adm[a1] += w
			o.totalA += w
		}
	}
	return f
}

// share is kept so that a mention is never its own evidence.
// share is the weight of country cc (and of division a1) among the mentions of
// other names than mention mi's.
func (f *focus) share(mi int, cc, a1 string) (float64, float64) {
	o := f.byKey[f.key[mi]]
	if o == nil {
		o = &contribs{}
	}
	var sc, sa float64
	if t := f.total - o.total; t > 0 {
		sc = (f.ctry[cc] - o.ctry[cc]) / math.Max(t, focusFloor)
	}
	if t := f.totalA - o.totalA; a1 != "" && t > 0 {
		sa = (f.adm[a1] - o.adm[a1]) / math.Max(t, focusFloor)
	}
	return sc, sa
}

// demonymFocus is what a nationality word weighs as evidence of the document's
// country, against 1 for a country or city name; focusFloor is the least total
// weight a share is taken of, so that one weak mention alone is not a focus.
const (
	demonymFocus = 0.125
	focusFloor   = 0.5
)

// contextScore is what the document adds to candidate c of mention mi.
func (d *doc) contextScore(mi int, c *cand, f *focus, pass int) float64 {
	m := d.ms[mi]
	e := c.e
	s := 0.0
	a1 := ""
	if e.Admin1 != "" {
		a1 = e.Country + "." + e.Admin1
	}
	sc, sa := f.share(mi, e.Country, a1)
	s += 3.5*sc + 2*sa
	d.note(c, 3.5*sc, "document focus on %s (%.0f%% of the other places)", e.Country, 100*sc)
	d.note(c, 2*sa, "document focus on division %s (%.0f%%)", a1, 100*sa)
	// Qualifiers: the names right after (Lyman, Donetsk region; Izium in Ukraine)
	// or right before with a possessive (Ukraine's Kherson) that contain c.
	for _, q := range d.qualifiers(mi) {
		for _, qc := range q.cands {
			if contains(qc.e, e) {
				s += 6
				d.note(c, 6, "qualified by %q (%s)", q.surface, qc.e.Name)
				break
			}
		}
	}
	// The container named after a place and a comma: Tacoma, Washington (the
	// state, not the capital).
	if pass > 0 && mi > 0 {
		if p := d.ms[mi-1]; p.end <= m.start && strings.TrimSpace(string(d.rs[p.end:m.start])) == "," && len(p.cands) > 0 {
			if pc := p.cands[p.best].e; pc.Class == 'P' && contains(e, pc) {
				s += 3
				d.note(c, 3, "holds %q, named before it", p.surface)
			}
		}
	}
	// Proximity to the other places of the document, as resolved so far. A
	// place is not near itself: Mexico City does not make Mexico the city.
	if pass > 0 && (e.Class == 'P' || e.Class == 'H' || e.Class == 'T' || e.Code == "ADM1") {
		// The nearest by the chord between points on the sphere, which orders
		// them as the great circle does, at a fraction of the trigonometry: a
		// long document names hundreds of places.
		best2, near := math.Inf(1), ""
		cv := c.unit()
		for mj, o := range d.ms {
			if mj == mi || o.key == m.key || o.demonym || o.cands[o.best].i == c.i {
				continue
			}
			oc := &o.cands[o.best]
			if e := oc.e; e.Class == 'L' || strings.HasPrefix(e.Code, "PCL") || e.Class == 'H' && e.Code != "STM" {
				continue
			}
			ov := oc.unit()
			dx, dy, dz := cv[0]-ov[0], cv[1]-ov[1], cv[2]-ov[2]
			if ch2 := dx*dx + dy*dy + dz*dz; ch2 < best2 {
				best2, near = ch2, o.surface
			}
		}
		best := math.Inf(1)
		if !math.IsInf(best2, 1) {
			best = chordKm(best2)
		}
		p := 0.0
		switch {
		case best < 50:
			p = 3
		case best < 150:
			p = 2.2
		case best < 400:
			p = 1.2
		case best < 1000:
			p = 0.4
		}
		s += p
		if pass == 1 {
			d.note(c, p, "%.0f km from %q", best, near)
		}
	}
	return s
}

// qualifiers are the mentions that qualify mention mi: after a comma or "in", or
// in parentheses right after it, or as a possessive right before it.
func (d *doc) qualifiers(mi int) []*mention {
	m := d.ms[mi]
	var out []*mention
	// Mentions from the entity recogniser may overlap the gazetteer's: only a
	// mention that starts after this one ends can qualify it.
	if mi+1 < len(d.ms) && d.ms[mi+1].start >= m.end {
		q := d.ms[mi+1]
		between := strings.TrimSpace(string(d.rs[m.end:q.start]))
		switch strings.ToLower(between) {
		case ",", "(", "in", ", in", "in the", "of", "in eastern", "in western", "in northern", "in southern",
			"region,", "oblast,", ", ukraine's", "in ukraine's":
			out = append(out, q)
		case "", "в", "у", ", в", ", у":
			// Russian and Ukrainian put the region after the name in the
			// genitive: "Новоселовка Харьковской области", "Изюм в Харьковской
			// области".
			if cyrillic(m.surface) && cyrillic(q.surface) {
				out = append(out, q)
			}
		default:
			// "Mykolaivka in Ukraine's eastern Donetsk region": within a few words.
			if n := len(strings.Fields(between)); n <= 4 && strings.HasPrefix(strings.ToLower(between), "in ") {
				out = append(out, q)
			}
		}
		// A second qualifier: Lyman, Donetsk region, Ukraine.
		if len(out) > 0 && mi+2 < len(d.ms) {
			r := d.ms[mi+2]
			if r.start >= q.end && strings.TrimSpace(string(d.rs[q.end:r.start])) == "," {
				out = append(out, r)
			}
		}
	}
	if mi > 0 {
		p := d.ms[mi-1]
		if p.possessive && p.end <= m.start && strings.TrimSpace(string(d.rs[p.end:m.start])) == "" {
			out = append(out, p)
		}
	}
	return out
}

// contains reports whether place a holds place b: a country its places, a
// division the places in it.
func contains(a, b index.Entry) bool {
	if a.Country == "" || a.Country != b.Country || a == b {
		return false
	}
	switch {
	case strings.HasPrefix(a.Code, "PCL"):
		return true
	case a.Code == "ADM1" || a.Code == "RGN" && a.Admin1 != "":
		return a.Admin1 == b.Admin1
	case a.Code == "RGN":
		return km(a.Lat, a.Lon, b.Lat, b.Lon) < 400
	}
	return false
}

// km is the great-circle distance in kilometres.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
