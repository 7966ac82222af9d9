// Package score measures the reading stage against annotated corpora: attribution
// relations in the PolNeAR format (BRAT stand-off), PLOVER gold event records, and
// the war-reporting development set's quotes and control statements. It reads the
// formats and matches predictions to gold; the commands that run the reading stage
// over a corpus live in cmd/sitrep.
package score

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Span is a [Start, End) range of code points; a discontinuous BRAT span is several.
type Span struct{ Start, End int }

// Attribution is one PolNeAR attribution relation.
type Attribution struct {
	Source  []Span // empty when the annotator marked no source
	Cue     []Span
	Content []Span
}

// AttrDoc is one PolNeAR document with its gold attributions.
type AttrDoc struct {
	Name  string
	Text  string
	Attrs []Attribution
}

// ReadPolNeAR reads a PolNeAR directory (text/NAME.txt and attributions/NAME_ANNOTATOR.ann).
// Where several annotators marked one text, the first annotation file in name order
// is the gold, so that the figure is reproducible.
func ReadPolNeAR(dir string) ([]AttrDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("polnear %s: no attributions/*.ann", dir)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var docs []AttrDoc
	for _, a := range anns {
		base := filepath.Base(strings.TrimSuffix(a, ".ann"))
		name := base
		if i := strings.LastIndex(base, "_"); i > 0 {
			name = base[:i]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		text, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", name, err)
		}
		f, err := os.Open(a)
		if err != nil {
			return nil, err
		}
		attrs, err := ParseBRAT(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", a, err)
		}
		docs = append(docs, AttrDoc{Name: name, Text: string(text), Attrs: attrs})
	}
	return docs, nil
}

// ParseBRAT reads the attribution relations of a BRAT .ann file: text-bound
// annotations (T lines) joined by events (E lines) whose arguments are Source, Cue
// and Content.
func ParseBRAT(r interface{ Read([]byte) (int, error) }) ([]Attribution, error) {
	spans := map[string][]Span{}
	var events [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case strings.HasPrefix(f[0], "T"):
			if len(f) < 2 {
				return nil, fmt.Errorf("line %d: text-bound annotation without spans", n)
			}
			typ, rest, ok := strings.Cut(f[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: no offsets", n)
			}
			_ = typ
			var ss []Span
			for _, part := range strings.Split(rest, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(part), " ")
				if !ok {
					return nil, fmt.Errorf("line %d: bad offsets %q", n, part)
				}
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || e < s {
					return nil, fmt.Errorf("line %d: bad offsets %q", n, part)
				}
				ss = append(ss, Span{s, e})
			}
			spans[f[0]] = ss
		case strings.HasPrefix(f[0], "E"):
			if len(f) >= 2 {
				events = append(events, strings.Fields(f[1]))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Attribution
	for _, args := range events {
		var a Attribution
		for _, arg := range args {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			// BRAT numbers a repeated role: "Content2:T7" is a second content.
			role = strings.TrimRight(role, "0123456789")
			switch role {
			case "Source":
				a.Source = append(a.Source, spans[id]...)
			case "Cue":
				a.Cue = append(a.Cue, spans[id]...)
			case "Content":
				a.Content = append(a.Content, spans[id]...)
			}
		}
		if len(a.Content) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// length is the number of code points a span set covers.
func length(ss []Span) int {
	n := 0
	for _, s := range ss {
		n += s.End - s.Start
	}
	return n
}

// Overlap is the number of code points two span sets share.
func Overlap(a, b []Span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if s, e := max(x.Start, y.Start), min(x.End, y.End); e > s {
				n += e - s
			}
		}
	}
	return n
}

// Matches reports whether two span sets overlap by at least frac of the longer one,
// so that neither a sliver nor a sprawling span counts.
func Matches(a, b []Span, frac float64) bool {
	la, lb := length(a), length(b)
	if la == 0 || lb == 0 {
		return false
	}
	return float64(Overlap(a, b)) >= frac*float64(max(la, lb))
}

// PredAttribution is a predicted attribution: content, source mention (may be
// empty) and whether it is a direct quotation.
type PredAttribution struct {
	Content []Span
	Source  []Span
	Quote   bool
}

// AttrResult holds the attribution figures.
type AttrResult struct {
	Gold, Pred, Matched int
	// SourceGold counts matched pairs whose gold has a source; SourceRight those
	// whose predicted source overlaps it by half of the shorter span.
	SourceGold, SourceRight int
	// The same for gold attributions whose content is a quotation in marks.
	QuoteGold, QuoteMatched, QuoteSourceGold, QuoteSourceRight int
}

// P, R and F1 of content spans.
func (r AttrResult) P() float64  { return ratio(r.Matched, r.Pred) }
func (r AttrResult) R() float64  { return ratio(r.Matched, r.Gold) }
func (r AttrResult) F1() float64 { return f1(r.P(), r.R()) }

// SourceAcc is source accuracy over matched contents with a gold source.
func (r AttrResult) SourceAcc() float64 { return ratio(r.SourceRight, r.SourceGold) }

// QuoteSpeakerAcc is source accuracy over matched quotations.
func (r AttrResult) QuoteSpeakerAcc() float64 { return ratio(r.QuoteSourceRight, r.QuoteSourceGold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Add scores one document: predicted contents match gold ones greedily, best
// overlap first, each at most once.
func (r *AttrResult) Add(text string, gold []Attribution, pred []PredAttribution, frac float64) {
	r.Gold += len(gold)
	r.Pred += len(pred)
	rs := []rune(text)
	isQuote := func(ss []Span) bool {
		if len(ss) == 0 || ss[0].Start >= len(rs) {
			return false
		}
		i := ss[0].Start
		for i < len(rs) && (rs[i] == ' ' || rs[i] == '\n') {
			i++
		}
		return i < len(rs) && strings.ContainsRune("\"“«„", rs[i])
	}
	for _, g := range gold {
		if isQuote(g.Content) {
			r.QuoteGold++
		}
	}
	type pair struct {
		g, p int
		ov   int
	}
	var pairs []pair
	for gi, g := range gold {
		for pi, p := range pred {
			if Matches(g.Content, p.Content, frac) {
				pairs = append(pairs, pair{gi, pi, Overlap(g.Content, p.Content)})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].ov > pairs[j].ov })
	gUsed, pUsed := map[int]bool{}, map[int]bool{}
	for _, x := range pairs {
		if gUsed[x.g] || pUsed[x.p] {
			continue
		}
		gUsed[x.g], pUsed[x.p] = true, true
		r.Matched++
		g, p := gold[x.g], pred[x.p]
		q := isQuote(g.Content)
		if q {
			r.QuoteMatched++
		}
		if len(g.Source) == 0 {
			continue
		}
		r.SourceGold++
		ok := len(p.Source) > 0 && float64(Overlap(g.Source, p.Source)) >= 0.5*float64(min(length(g.Source), length(p.Source)))
		if ok {
			r.SourceRight++
		}
		if q {
			r.QuoteSourceGold++
			if ok {
				r.QuoteSourceRight++
			}
		}
	}
}
