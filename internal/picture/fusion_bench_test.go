package picture_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
)

// BenchmarkFuse fuses a page of 10,000 synthetic mentions (the API's largest) over
// Ukraine and 1,000 days, as GET /api/fused does per request.
func BenchmarkFuse(b *testing.B) {
	types := []string{"ASSAULT", "COERCE", "RETREAT", "MOBILIZE", "ACCUSE", "AID"}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	ms := make([]picture.Event, 10000)
	for i := range ms {
		e := picture.Event{Item: picture.Item{ID: int64(i + 1), Document: picture.Doc{ID: fmt.Sprint("doc", i/5)}}}
		e.Type = types[r.IntN(len(types))]
		e.Date = start.AddDate(0, 0, r.IntN(1000)).Format(time.DateOnly)
		e.Modality = "reported"
		e.Place = &record.PlaceRef{Name: "p", Lat: 44 + 8.5*r.Float64(), Lon: 22 + 18*r.Float64()}
		ms[i] = e
	}
	for b.Loop() {
		picture.Fuse(ms, nil, picture.DefaultRules)
	}
}
