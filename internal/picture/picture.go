// Package picture is the situation picture: what the store knows across documents,
// queried by place, time, type, side and source. Records are per document; the
// picture cuts across them — every event, place mention, quote, claim and control
// statement as its own row, each pointing back to its document and evidence.
//
// Picture is the query interface a store implements to serve it (the SQLite store
// does; see internal/store/sqlite). The package also holds what is computed over the
// picture: near-duplicate detection of documents (SimHash) and the exports (GeoJSON,
// ACLED-style CSV, PLOVER-style JSONL).
package picture

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/record"
)

// CodebookVersion names the event and control vocabulary the exports use: PLOVER
// types and modes, the ACLED mapping, control actions and statuses, Admiralty
// grades, as described for schema sitrep.record/v1. Bump it when a mapping changes
// meaning.
const CodebookVersion = "sitrep-codebook/1 (PLOVER 2021, ACLED 2023 mapping)"

// Picture answers queries across every stored record.
type Picture interface {
	Events(ctx context.Context, q Query) (Page[Event], error)
	Places(ctx context.Context, q Query) (Page[Place], error)
	Quotes(ctx context.Context, q Query) (Page[Quote], error)
	Claims(ctx context.Context, q Query) (Page[Claim], error)
	Control(ctx context.Context, q Query) (Page[Control], error)
}

// Query selects items. Every filter is optional; filters combine with AND. A
// filter that does not apply to a kind of item (a bounding box for quotes) is an
// ErrBadQuery.
type Query struct {
	// BBox keeps items whose place lies inside (events, places, control).
	BBox *BBox
	// From and To bound the day, inclusive: the item's own date for events and
	// control, the document's publication date otherwise. Zero means unbounded.
	From, To time.Time
	// Types keeps items of these types: PLOVER type for events, control action,
	// place kind (city, river, ...), quote kind (direct, partial), claim source type.
	Types []string
	// GeonameID keeps items at this gazetteer place (events, places, control).
	GeonameID int64
	// Sides keeps items of these sides (ISO 3166-1 alpha-3): the actor's country
	// for events, the side for control.
	Sides []string
	// Source keeps items whose attributed source (event or claim source, speaker,
	// control source) or document outlet is this name, ignoring case.
	Source string
	// Text is a full-text query over the documents the items come from.
	Text string
	// Unique leaves out items from near-duplicate documents (syndicated copies,
	// updated versions), so that a wire story counts once: only the first stored
	// document of each story is kept.
	Unique bool
	// Limit is the page size: zero means DefaultLimit; capped at MaxLimit.
	Limit int
	// Cursor is the Next of the previous page.
	Cursor string
}

// Paging bounds. Exports page too, with bigger pages.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// ErrBadQuery marks a query the caller got wrong (bad cursor, filter that does not
// apply), so the API can answer 400.
var ErrBadQuery = errors.New("bad query")

// BBox is a bounding box in degrees, west-south-east-north as in RFC 7946.
type BBox struct {
	West, South, East, North float64
}

// ParseBBox reads "west,south,east,north" (RFC 7946 order: lon, lat, lon, lat).
func ParseBBox(s string) (*BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, fmt.Errorf("%w: bbox %q: want west,south,east,north", ErrBadQuery, s)
	}
	var v [4]float64
	for i, p := range parts {
		if _, err := fmt.Sscan(strings.TrimSpace(p), &v[i]); err != nil || math.IsNaN(v[i]) || math.IsInf(v[i], 0) {
			return nil, fmt.Errorf("%w: bbox %q: %q is not a number", ErrBadQuery, s, p)
		}
	}
	b := &BBox{West: v[0], South: v[1], East: v[2], North: v[3]}
	switch {
	case b.West < -180 || b.East > 180 || b.South < -90 || b.North > 90:
		return nil, fmt.Errorf("%w: bbox %q is outside -180..180, -90..90", ErrBadQuery, s)
	case b.West > b.East || b.South > b.North:
		// Boxes across the antimeridian are not supported: nothing in this
		// picture needs them, and they need two index probes.
		return nil, fmt.Errorf("%w: bbox %q: west must not exceed east, nor south north", ErrBadQuery, s)
	}
	return b, nil
}

// Page is one page of items, newest stored first.
type Page[T any] struct {
	Items []T `json:"items"`
	// Next is the cursor of the following page; empty on the last.
	Next string `json:"next,omitempty"`
}

// Doc names the document an item comes from.
type Doc struct {
	ID        string `json:"id"`
	CallerID  string `json:"caller_id,omitempty"`
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	// DuplicateOf is the id of the first stored document of the same story when
	// this one is a near-duplicate of it (see MinHash).
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// Item is what every row shares: its id in the picture, its document, its index
// in the document's list, and the text of its evidence (the event's or control
// statement's sentence, the claim's content, the quote, the place mention).
type Item struct {
	ID           int64  `json:"id"`
	Document     Doc    `json:"document"`
	Index        int    `json:"index"`
	EvidenceText string `json:"evidence_text"`
}

// Event is one event mention.
type Event struct {
	Item
	record.Event
	// Location is what the document's place list says of the event's place.
	Location *Location `json:"location,omitempty"`
}

// Location details an event's place from the gazetteer, as the record resolved it.
type Location struct {
	Country     string `json:"country,omitempty"` // ISO 3166-1 alpha-2, as GeoNames files it
	Admin1      string `json:"admin1,omitempty"`  // GeoNames admin1 code (UA.07)
	Precision   string `json:"precision,omitempty"`
	FeatureCode string `json:"feature_code,omitempty"`
}

// Place is one place mention.
type Place struct {
	Item
	record.Place
}

// Quote is one quotation.
type Quote struct {
	Item
	record.Quote
}

// Claim is one attributed claim.
type Claim struct {
	Item
	record.Claim
}

// Control is one control statement.
type Control struct {
	Item
	record.Control
}

// Mapper is a store that aggregates events for the web map, so that a view over
// a hundred thousand events costs a few hundred cells, not a hundred thousand
// markers. The SQLite store implements it.
type Mapper interface {
	// EventClusters groups the placed events q selects into square grid cells
	// of cell degrees, aligned on (-180, -90) so that a cell is the same cell in
	// every view. Limit and Cursor do not apply.
	EventClusters(ctx context.Context, q Query, cell float64) ([]Cluster, error)
	// EventDays counts the dated events q selects per day, with the box around
	// those that have a place. Limit and Cursor do not apply.
	EventDays(ctx context.Context, q Query) (Days, error)
	// Event returns one event mention by its id; an error wrapping
	// store.ErrNotFound when there is none.
	Event(ctx context.Context, id int64) (Event, error)
}

// Cluster is one grid cell of events.
type Cluster struct {
	Count int `json:"count"`
	// Lon and Lat are the mean position of the cell's events.
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
	// BBox is the box around the cell's events, west-south-east-north.
	BBox [4]float64 `json:"bbox"`
	// Types counts the cell's events per PLOVER type.
	Types map[string]int `json:"types"`
	// ID is the event's id when the cell holds one event.
	ID int64 `json:"id,omitempty"`
}

// DayCount is how many events fall on a day (YYYY-MM-DD).
type DayCount struct {
	Day   string `json:"day"`
	Count int    `json:"count"`
}

// Days is an event count per day, oldest first.
type Days struct {
	Days []DayCount `json:"days"`
	// BBox is the box around the counted events that have a place,
	// west-south-east-north; nil when none has.
	BBox *[4]float64 `json:"bbox"`
}
