package places

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/gazetteer/index"
)

// Reading is one candidate of an explained mention, with its score and the
// reasons for it.
type Reading struct {
	gazetteer.Place
	Match  gazetteer.Match
	Prior  float64 // kind, population and spelling
	Score  float64 // prior plus context
	Reason []string
}

// Explanation says how one name was read.
type Explanation struct {
	Surface    string
	Start, End int
	Demonym    bool
	Metonymic  bool
	Confidence float64
	Readings   []Reading // best first
}

// Explain resolves text and explains the mentions whose surface form is name
// (ignoring case), or every mention when name is empty. With text empty, name
// alone is read as a one-line document.
func (p *Parser) Explain(text, name string) []Explanation {
	if text == "" {
		text = name
	}
	d := p.read(text, nil, nil, true)
	var out []Explanation
	for _, m := range d.ms {
		if name != "" && !strings.EqualFold(m.surface, name) && !strings.EqualFold(string(d.rs[m.start:m.end]), name) {
			continue
		}
		x := Explanation{Surface: string(d.rs[m.start:m.end]), Start: m.start, End: m.end,
			Demonym: m.demonym, Metonymic: m.metonymic, Confidence: m.conf}
		for _, c := range m.cands {
			r := Reading{Place: d.p.g.Place(c.i), Match: c.match, Prior: c.prior, Score: c.score}
			r.Reason = append(r.Reason, priorReasons(c, m)...)
			r.Reason = append(r.Reason, c.why...)
			x.Readings = append(x.Readings, r)
		}
		sort.SliceStable(x.Readings, func(i, j int) bool { return x.Readings[i].Score > x.Readings[j].Score })
		out = append(out, x)
	}
	return out
}

// priorReasons spells out what prior counted.
func priorReasons(c cand, m *mention) []string {
	e := c.e
	pl := gazetteer.Place{Entry: e}
	var r []string
	switch {
	case e.Class == 'P':
		r = append(r, fmt.Sprintf("%s of %s people (%s)", pl.Kind(), commas(e.Pop), e.Code))
	case e.Class == 'H' && e.Source&index.SrcNatEarth != 0:
		r = append(r, fmt.Sprintf("%s, %s km drawn", pl.Kind(), commas(e.Pop)))
	default:
		r = append(r, fmt.Sprintf("%s (%s)", pl.Kind(), e.Code))
	}
	r = append(r, "matched by "+c.match.String())
	if m.restrict != 0 {
		r = append(r, fmt.Sprintf("descriptor asks for %s", map[byte]string{'A': "a region", 'D': "a district", 'H': "a river or water", 'P': "a settlement"}[m.restrict]))
	}
	if m.hasStrong && e.Class == 'P' && c.prior < priorNoPenalty(c, m) {
		r = append(r, "-4.0 a country, division or region has this name")
	}
	return r
}

func priorNoPenalty(c cand, m *mention) float64 {
	saved := m.hasStrong
	m.hasStrong = false
	p := prior(&c, m)
	m.hasStrong = saved
	return p - 1e-9
}

func commas(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
