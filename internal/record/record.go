// Package record defines the document record, schema sitrep.record/v1: the contract
// between reading a document and everything after it (store, fusion, API, exports).
//
// Offsets are Unicode code-point indices, [Start, End), into Record.Text.
package record

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// Schema is the value of every record's "schema" field.
const Schema = "sitrep.record/v1"

// Record is everything sitrep reads from one document.
type Record struct {
	Schema      string        `json:"schema"`
	ID          string        `json:"id"`
	Source      Source        `json:"source"`
	Text        string        `json:"text"`
	Boilerplate []Boilerplate `json:"boilerplate"`
	Entities    []Entity      `json:"entities"`
	Places      []Place       `json:"places"`
	Quotes      []Quote       `json:"quotes"`
	Claims      []Claim       `json:"claims"`
	Events      []Event       `json:"events"`
	Control     []Control     `json:"control"`
}

// New returns a record for text with every list present and empty, so that the JSON
// form always carries the full schema.
func New(src Source, text string) *Record {
	return &Record{
		Schema:      Schema,
		ID:          ContentHash(text),
		Source:      src,
		Text:        text,
		Boilerplate: []Boilerplate{},
		Entities:    []Entity{},
		Places:      []Place{},
		Quotes:      []Quote{},
		Claims:      []Claim{},
		Events:      []Event{},
		Control:     []Control{},
	}
}

// Source describes where a document came from.
type Source struct {
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title,omitempty"`
	Author    string `json:"author,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD or RFC 3339
	Language  string `json:"language,omitempty"`
}

// Span is a [Start, End) range of code points in the record's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Boilerplate is web debris kept in the text but skipped by every later stage:
// teasers linking to other stories, photo captions and credits, share prompts.
type Boilerplate struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"` // teaser | caption | credit | prompt
}

// Entity is a named-entity mention.
type Entity struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Place is a toponym resolved to the gazetteer.
type Place struct {
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	GeonameID int64  `json:"geonameid"`
	// Ref is a stable id from the place's own source when GeoNames has none:
	// rivers ("srgn:F-551", the Ukrainian state register; "ne-river:N"), raions.
	Ref         string  `json:"ref,omitempty"`
	Name        string  `json:"name"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Kind        string  `json:"kind"`
	FeatureCode string  `json:"feature_code"`
	Country     string  `json:"country"`
	Admin1      string  `json:"admin1"`
	Precision   string  `json:"precision"`
	Metonymic   bool    `json:"metonymic"`
	Confidence  float64 `json:"confidence"`
}

// Speaker is who a quotation is attributed to.
type Speaker struct {
	Name    string `json:"name"`
	Mention string `json:"mention"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Title   string `json:"title,omitempty"`
	Org     string `json:"org,omitempty"`
}

// Quote is quoted speech: the words without quote marks.
type Quote struct {
	Text    string   `json:"text"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Speaker *Speaker `json:"speaker"`
	Cue     string   `json:"cue"`
	Kind    string   `json:"kind"` // direct | partial
}

// Cue is the words that mark an attribution ("said", "confirms").
type Cue struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ClaimSource is who makes a claim.
type ClaimSource struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Mention *Span  `json:"mention,omitempty"`
}

// Claim is an attributed statement: its content, cue, source and grade.
type Claim struct {
	Content      Span        `json:"content"`
	Cue          Cue         `json:"cue"`
	Source       ClaimSource `json:"source"`
	Grade        string      `json:"grade"`
	Corroborates []int       `json:"corroborates"`
}

// Actor is a party to an event.
type Actor struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
}

// ACLED is the ACLED classification of an event.
type ACLED struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
}

// PlaceRef points at a place by name and gazetteer id.
type PlaceRef struct {
	Name      string  `json:"name"`
	GeonameID int64   `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
}

// Event is one PLOVER event reported in the document.
type Event struct {
	Type          string       `json:"type"`
	Mode          string       `json:"mode,omitempty"`
	ACLED         *ACLED       `json:"acled,omitempty"`
	Actor         *Actor       `json:"actor,omitempty"`
	Target        *Actor       `json:"target,omitempty"`
	Place         *PlaceRef    `json:"place,omitempty"`
	Date          string       `json:"date,omitempty"`
	DatePrecision string       `json:"date_precision,omitempty"`
	Modality      string       `json:"modality"`
	Source        *ClaimSource `json:"source,omitempty"`
	Evidence      Span         `json:"evidence"`
}

// Control is a statement of territorial control.
type Control struct {
	Place  PlaceRef `json:"place"`
	Side   string   `json:"side"`
	Action string   `json:"action"`
	Status string   `json:"status"`
	Source struct {
		Name string `json:"name"`
	} `json:"source"`
	Date     string `json:"date,omitempty"`
	Evidence Span   `json:"evidence"`
	// Grade is the Admiralty grade of the claim that carries the statement (see
	// GradeControl); empty when the document states it as fact.
	Grade string `json:"grade,omitempty"`
}

// ClaimGrade is the grade of the claim among claims that carries a statement
// sourced to source with evidence: the first whose content overlaps the evidence
// and whose source has the same name, ignoring case. "" when none does, or
// when the statement has no source.
func ClaimGrade(claims []Claim, source string, evidence Span) string {
	name := strings.ToLower(strings.TrimSpace(source))
	if name == "" {
		return ""
	}
	for _, cl := range claims {
		overlap := cl.Content.Start < evidence.End && evidence.Start < cl.Content.End
		if cl.Grade != "" && overlap && strings.ToLower(strings.TrimSpace(cl.Source.Name)) == name {
			return cl.Grade
		}
	}
	return ""
}

// GradeControl gives each control statement the grade of the claim that carries
// it, so that the control timeline can weigh the source without the claims.
func (r *Record) GradeControl() {
	for i := range r.Control {
		c := &r.Control[i]
		c.Grade = ClaimGrade(r.Claims, c.Source.Name, c.Evidence)
	}
}

// ContentHash is the document key: a hex SHA-256 of the text with line endings and
// surrounding white space normalised, so that the same article read twice (or once
// with CRLF line ends) is stored once.
func ContentHash(text string) string {
	t := strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:16])
}

// Slice returns the text of span s, counting code points.
func (r *Record) Slice(s Span) string {
	return SliceRunes(r.Text, s.Start, s.End)
}

// SliceRunes returns text[start:end] with start and end counted in code points.
// Out-of-range bounds are clamped.
func SliceRunes(text string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end < start {
		return ""
	}
	i, b0, b1 := 0, len(text), len(text)
	for off := range text {
		if i == start {
			b0 = off
		}
		if i == end {
			b1 = off
			break
		}
		i++
	}
	if b0 > b1 {
		return ""
	}
	return text[b0:b1]
}

// RuneLen is the length of s in code points.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }
