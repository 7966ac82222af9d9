// Package reading is the stage that reads a report the way an analyst does: who is
// quoted and who says what (quotations with their speakers, attributed claims with
// source, cue, content and an Admiralty grade), what happened where and when
// (events with PLOVER types and modes, ACLED classes and modality), and who holds
// which place (territorial control statements), with times anchored to the
// publication date.
//
// It works from rules over the language core's words, parts of speech and
// dependency tree, and from lexicons kept as data (package lexicon). Without the
// language core it still reads, from words and sentences alone, less well.
package reading

import (
	"fmt"
	"time"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/reading/lexicon"
	"github.com/sitrep/sitrep/internal/reading/timex"
	"github.com/sitrep/sitrep/internal/record"
)

// Read fills rec.Quotes, rec.Claims, rec.Events and rec.Control from rec.Text,
// skipping rec.Boilerplate and using rec.Places. doc is the language core's
// analysis of rec.Text, or nil. published anchors relative times ("on Tuesday");
// the zero time means today's date is unknown and relative times stay unresolved.
//
// A fault in the rules on some unforeseen text is returned as an error, with the
// four lists left empty, rather than stopping the batch.
func Read(rec *record.Record, doc *nlp.Doc, published time.Time) (err error) {
	if rec == nil {
		return nil
	}
	lx, err := lexicon.Default()
	if err != nil {
		return fmt.Errorf("reading: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			rec.Quotes, rec.Claims, rec.Events, rec.Control = []record.Quote{}, []record.Claim{}, []record.Event{}, []record.Control{}
			err = fmt.Errorf("reading %s: internal error: %v", rec.ID, r)
		}
	}()
	d := newDocument(rec, doc, lx, published)
	d.placeTokens()
	d.spreadPlaces()
	d.registerPeople()
	d.findQuotes()
	d.attributeQuotes()
	d.turnClaims()
	d.findClaims()
	d.attributeRest()
	d.quoteClaims()
	d.firstPerson()
	d.grade()
	d.times = timex.Find(rec.Text, published)

	rec.Quotes = d.quoteRecords()
	rec.Claims = d.claimRecords()
	rec.Events = d.eventRecords(d.findEvents())
	rec.Control = d.controlRecords(d.findControl())
	return nil
}

// quoteRecords converts the quotations for the record.
func (d *document) quoteRecords() []record.Quote {
	out := make([]record.Quote, 0, len(d.quotes))
	for _, q := range d.quotes {
		rq := record.Quote{Text: string(d.rs[q.start:q.end]), Start: q.start, End: q.end, Kind: q.kind, Cue: q.cue}
		rq.Speaker = speakerRecord(d, q.speaker)
		out = append(out, rq)
	}
	return out
}

// Published reads a record's publication date (YYYY-MM-DD or RFC 3339) for Read's
// anchor; fallback (the --published flag, or the zero time) when it has none.
func Published(rec *record.Record, fallback time.Time) time.Time {
	if rec == nil || rec.Source.Published == "" {
		return fallback
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, rec.Source.Published); err == nil {
			return t
		}
	}
	if len(rec.Source.Published) >= 10 {
		if t, err := time.Parse("2006-01-02", rec.Source.Published[:10]); err == nil {
			return t
		}
	}
	return fallback
}
