package picture

import "context"

// Sourcer is a store that lists who the reporting cites: the sources of its
// claims, each with its type, the Admiralty grades it was given and how often
// it is cited.
type Sourcer interface {
	// Sources returns the sources of the claims q selects (filters as for
	// claims: Types are source types), most cited first, at most q's page size.
	// Names that differ only in case are one source.
	Sources(ctx context.Context, q Query) ([]Source, error)
}

// Source is one cited source.
type Source struct {
	Name string `json:"name"`
	// Type is the source type (official, foreign_government, intelligence,
	// think_tank, media, anonymous, social_media, ...).
	Type string `json:"type"`
	// Grades counts the Admiralty grades its claims carry ("B2": 3).
	Grades map[string]int `json:"grades"`
	// Claims is how many claims cite it, in how many Documents.
	Claims    int `json:"claims"`
	Documents int `json:"documents"`
	// First and Last are the first and last days (YYYY-MM-DD) of the documents
	// that cite it, when they are dated.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
}
