package places

import (
	"testing"

	"github.com/sitrep/sitrep/internal/record"
)

// Entity spans from the language core may overlap the gazetteer's own mentions in
// any way; no overlap may panic the geoparser.
func FuzzResolveWithEntities(f *testing.F) {
	f.Add("Fighting near Lyman, Donetsk region, Ukraine's east.", 14, 28, "LOC")
	f.Add("Russia's forces left Kharkiv's outskirts (Kharkiv Oblast).", 0, 8, "ORG")
	f.Add("in Mykolaivka in Ukraine's eastern Donetsk region", 3, 40, "PER")
	f.Fuzz(func(t *testing.T, text string, start, end int, typ string) {
		n := record.RuneLen(text)
		if start < 0 || end > n || start >= end {
			return
		}
		ents := []record.Entity{{Text: record.SliceRunes(text, start, end), Start: start, End: end, Type: typ}}
		for _, p := range Resolve(text, nil, ents) {
			if p.Start < 0 || p.End > n || p.Start >= p.End {
				t.Fatalf("bad place span %+v", p)
			}
		}
	})
}
