package picturetest

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
)

// The stores' picture benchmarks share their data and their query, so that their
// figures compare: synthetic events spread over Ukraine (lon 22–40, lat 44–52.5)
// and 1,000 days from BenchStart, in the 16 PLOVER types, 50 to a document.

// PloverTypes are the 16 PLOVER event types.
var PloverTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// BenchStart is the first day of the synthetic events.
var BenchStart = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

// SyntheticBatches yields records holding n synthetic events in all, batch
// records at a time, the same for every call (fixed seed).
func SyntheticBatches(n, batch int) iter.Seq[[]*record.Record] {
	return func(yield func([]*record.Record) bool) {
		r := rand.New(rand.NewPCG(1, 2))
		const perDoc = 50
		var recs []*record.Record
		for doc := 0; doc*perDoc < n; doc++ {
			pub := BenchStart.AddDate(0, 0, r.IntN(1000))
			rec := record.New(record.Source{Outlet: "bench", Published: pub.Format(time.DateOnly)},
				fmt.Sprintf("Synthetic report %d on the fighting in Ukraine.", doc))
			for i := 0; i < perDoc && doc*perDoc+i < n; i++ {
				side := "UKR"
				if r.IntN(2) == 0 {
					side = "RUS"
				}
				rec.Events = append(rec.Events, record.Event{
					Type:     PloverTypes[r.IntN(len(PloverTypes))],
					Actor:    &record.Actor{Name: side + " forces", Country: side},
					Place:    &record.PlaceRef{Name: "p", Lat: 44 + 8.5*r.Float64(), Lon: 22 + 18*r.Float64()},
					Date:     BenchStart.AddDate(0, 0, r.IntN(1000)).Format(time.DateOnly),
					Modality: "reported",
					Evidence: record.Span{Start: 0, End: 17},
				})
			}
			recs = append(recs, rec)
			if len(recs) == batch {
				if !yield(recs) {
					return
				}
				recs = nil
			}
		}
		if len(recs) > 0 {
			yield(recs)
		}
	}
}

// BenchQuery is the query: a one-degree box, a 30-day window, one type.
func BenchQuery(r *rand.Rand) picture.Query {
	west, south := 22+17*r.Float64(), 44+7.5*r.Float64()
	from := BenchStart.AddDate(0, 0, r.IntN(970))
	return picture.Query{
		BBox:  &picture.BBox{West: west, South: south, East: west + 1, North: south + 1},
		From:  from,
		To:    from.AddDate(0, 0, 29),
		Types: []string{PloverTypes[r.IntN(len(PloverTypes))]},
	}
}

// ReportLatency reports the median and 99th percentile of lat in milliseconds.
func ReportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}
