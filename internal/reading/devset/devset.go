// Package devset runs the reading stage over the development corpora and scores it:
// PolNeAR attribution relations, PLOVER gold event records and the war-reporting
// set's quotes and control statements. `sitrep eval attribution|events|news` print
// what it returns.
package devset

import (
	"time"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/places"
	"github.com/sitrep/sitrep/internal/reading"
	"github.com/sitrep/sitrep/internal/reading/score"
	"github.com/sitrep/sitrep/internal/record"
)

// Process runs the stages a plain-text document goes through before and in
// reading, as pipeline.Process runs them: language, places (when withPlaces; the
// geoparser given no entities, and its single-word towns that the recogniser calls
// people dropped, as in the pipeline), reading.
func Process(text string, published time.Time, withPlaces bool) *record.Record {
	rec := record.New(record.Source{}, text)
	nd := nlp.Annotate(text, nil)
	rec.Entities = nd.Entities()
	if withPlaces {
		rec.Places = places.WithoutPeople(text, resolvePlaces(text), rec.Entities)
		rec.Entities = places.PlacesInEntities(rec.Entities, rec.Places)
		nd.Retype(rec.Entities)
	}
	// A fault in the rules leaves the document's lists empty: it scores as missed.
	_ = reading.Read(rec, nd, published)
	return rec
}

// resolvePlaces runs the geoparser; if it fails on a document, the document has
// no places, so that one document cannot stop an evaluation.
func resolvePlaces(text string) (ps []record.Place) {
	defer func() {
		if recover() != nil {
			ps = []record.Place{}
		}
	}()
	return places.Resolve(text, nil, nil)
}

// Attribution scores claims on a PolNeAR directory. frac is the share of the longer
// span two contents must share to match (0.5 in the issue).
func Attribution(dir string, frac float64) (score.AttrResult, error) {
	docs, err := score.ReadPolNeAR(dir)
	if err != nil {
		return score.AttrResult{}, err
	}
	var r score.AttrResult
	for _, doc := range docs {
		rec := Process(doc.Text, time.Time{}, false) // attribution needs no places
		r.Add(doc.Text, doc.Attrs, Predicted(rec), frac)
	}
	return r, nil
}

// Predicted turns a record's claims into attributions to score. Claims that share
// one cue and source — the parts of a quotation split by its attribution ("“…,”
// she said. “…”") — are one attribution, as PolNeAR annotates them. PolNeAR does
// not annotate an attribution nested in another's content ("he said he plans to
// …": only "said" is marked; none of its 2,319 relations has its cue inside another
// one's content), so a claim whose cue lies inside another claim's content is left
// out of the score; the record keeps it.
func Predicted(rec *record.Record) []score.PredAttribution {
	nested := func(c record.Claim) bool {
		if c.Cue.Text == "" || c.Cue.End <= c.Cue.Start {
			return false
		}
		within := func(cue record.Cue, sp record.Span) bool {
			return cue.Text != "" && sp.Start <= cue.Start && cue.End <= sp.End
		}
		for _, o := range rec.Claims {
			if o.Content == c.Content || !within(c.Cue, o.Content) {
				continue
			}
			// Each inside the other ("X reports that …, according to Y"): the
			// longer content is the outer attribution.
			if within(o.Cue, c.Content) && c.Content.End-c.Content.Start > o.Content.End-o.Content.Start {
				continue
			}
			return true
		}
		return false
	}
	quoted := map[record.Span]bool{}
	for _, q := range rec.Quotes {
		quoted[record.Span{Start: q.Start, End: q.End}] = true
	}
	type key struct {
		cue    int
		source string
		para   int
	}
	// A quotation that runs on into the next paragraph is a new attribution there:
	// PolNeAR's contents stay inside one paragraph.
	rs := []rune(rec.Text)
	breaks := []int{}
	for i, r := range rs {
		if r == '\n' {
			breaks = append(breaks, i)
		}
	}
	paraOf := func(p int) int {
		n := 0
		for n < len(breaks) && breaks[n] < p {
			n++
		}
		return n
	}
	group := map[key]int{}
	out := make([]score.PredAttribution, 0, len(rec.Claims))
	for _, c := range rec.Claims {
		if nested(c) {
			continue
		}
		span := score.Span{Start: c.Content.Start, End: c.Content.End}
		k := key{cue: -1}
		if c.Cue.Text != "" && quoted[c.Content] {
			k = key{cue: c.Cue.Start, source: c.Source.Name, para: paraOf(c.Content.Start)}
			if i, ok := group[k]; ok {
				out[i].Content = append(out[i].Content, span)
				continue
			}
		}
		p := score.PredAttribution{Content: []score.Span{span}, Quote: quoted[c.Content]}
		if c.Source.Mention != nil {
			p.Source = []score.Span{{Start: c.Source.Mention.Start, End: c.Source.Mention.End}}
		}
		if k.cue >= 0 {
			group[k] = len(out)
		}
		out = append(out, p)
	}
	return out
}

// Events scores event types on a PLOVER gold file: each sentence's first event
// (the most salient: Read lists a sentence's events by their height in its tree)
// against the gold type. A sentence with no event counts as wrong.
func Events(path string) (score.TypeResult, error) {
	items, err := score.ReadPLOVER(path)
	if err != nil {
		return score.TypeResult{}, err
	}
	var r score.TypeResult
	for _, it := range items {
		rec := Process(it.Text, time.Time{}, false)
		pred := ""
		if len(rec.Events) > 0 {
			pred = rec.Events[0].Type
		}
		r.Add(it.Event, pred)
	}
	return r, nil
}

// NewsResult holds the war-reporting set's figures.
type NewsResult struct {
	Docs     int
	Toponyms score.ToponymResult
	Quotes   score.QuoteResult
	Control  score.ControlResult
}

// News scores toponyms, quotations with speakers and control statements on a
// news-dev directory. Documents without a date are read with none.
func News(dir string) (NewsResult, error) {
	docs, err := score.ReadNews(dir)
	if err != nil {
		return NewsResult{}, err
	}
	var r NewsResult
	for _, doc := range docs {
		var pub time.Time
		if doc.Date != nil {
			pub, _ = time.Parse("2006-01-02", *doc.Date)
		}
		rec := Process(doc.Text, pub, true)
		r.Docs++
		var tops []score.PredToponym
		for _, p := range rec.Places {
			tops = append(tops, score.PredToponym{Text: p.Text, Start: p.Start, End: p.End, Lat: p.Lat, Lon: p.Lon, Metonymic: p.Metonymic})
		}
		r.Toponyms.Add(doc.Toponyms, tops)
		var qs []score.PredQuote
		for _, q := range rec.Quotes {
			if q.Kind != "direct" && q.Speaker == nil {
				continue // scare quotes and terms are not quotations of anyone
			}
			pq := score.PredQuote{Text: q.Text}
			if q.Speaker != nil {
				pq.Speaker, pq.Mention = q.Speaker.Name, q.Speaker.Mention
			}
			qs = append(qs, pq)
		}
		r.Quotes.Add(doc.Quotes, qs)
		var cs []score.PredControl
		for _, c := range rec.Control {
			cs = append(cs, score.PredControl{Place: c.Place.Name, GeonameID: c.Place.GeonameID, Side: c.Side, Action: c.Action, Status: c.Status})
		}
		r.Control.Add(doc.Control, cs)
	}
	return r, nil
}
