package picture

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/record"
)

// Event fusion: mentions of one event in several documents become one fused event
// that keeps every mention (like GDELT's Mentions table). Fusion is explainable —
// each mention that joins says why — and reversible: an analyst can split mentions
// off, which records pairs of mentions to keep apart (KeepApart), and fusion
// honours those pairs every time it runs, so a split survives re-fusion.
//
// A mention joins a fused event when, against the event's first mention:
//   - it comes from another document (one document speaks of an event once; two
//     events of one type on one day in one article are taken to be two);
//   - the PLOVER type is the same;
//   - the modality is compatible: reported and claimed go together, the others
//     (planned, hypothetical, negated) only with their own kind;
//   - actors and targets are compatible: the same country, or one not known;
//   - both have places within Rules.MaxKm, or neither has a place;
//   - both have dates, no further apart than Rules.MaxDays plus the looser of the
//     two precisions (a week, a month; a year counts as a month);
//   - no mention of the event is to be kept apart from it.
//
// Mentions are taken in order of date then id, and each joins the first fused
// event it fits, so the result does not depend on how the input was ordered.

// Rules are fusion's thresholds.
type Rules struct {
	MaxKm   float64 `json:"max_km"`
	MaxDays int     `json:"max_days"`
}

// DefaultRules: a town's reach, and the day before or after (reports lag).
var DefaultRules = Rules{MaxKm: 25, MaxDays: 1}

// Apart holds pairs of mentions (event ids) an analyst split: they are never fused.
type Apart map[[2]int64]bool

// Pair returns the key of two mentions in Apart, smaller id first.
func Pair(a, b int64) [2]int64 {
	if a > b {
		a, b = b, a
	}
	return [2]int64{a, b}
}

// Splitter is a store that records splits.
type Splitter interface {
	// KeepApart records pairs of mentions never to be fused again.
	KeepApart(ctx context.Context, pairs [][2]int64) error
	// Apart returns the recorded pairs that involve any of these mentions.
	Apart(ctx context.Context, ids []int64) (Apart, error)
}

// Fused is one event as reported by one or more documents.
type Fused struct {
	// ID names the fused event by its first mention: "f" and the mention's id. It
	// is stable as long as that mention stays first.
	ID       string           `json:"id"`
	Type     string           `json:"type"`
	Mode     string           `json:"mode,omitempty"`
	Modality string           `json:"modality"`
	Actor    *record.Actor    `json:"actor,omitempty"`
	Target   *record.Actor    `json:"target,omitempty"`
	Place    *record.PlaceRef `json:"place,omitempty"`
	First    string           `json:"first_date,omitempty"`
	Last     string           `json:"last_date,omitempty"`
	// Documents counts the distinct documents; Stories counts them with
	// near-duplicate copies taken once.
	Documents int     `json:"documents"`
	Stories   int     `json:"stories"`
	Mentions  []Event `json:"mentions"`
	// Why says, for every mention after the first, why it joined.
	Why []string `json:"why"`
}

// Fuse groups mentions into fused events under rules, never fusing a pair in apart.
func Fuse(mentions []Event, apart Apart, rules Rules) []Fused {
	ms := slices.Clone(mentions)
	days := make(map[int64]int, len(ms)) // mention id → day number, for dated mentions
	for _, m := range ms {
		if d, ok := parseDay(m.Date); ok {
			days[m.ID] = int(d.Unix() / 86400)
		}
	}
	slices.SortFunc(ms, func(a, b Event) int { // ids break ties: a total order
		if c := strings.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	// Blocking: the fused events of each type, in the order of their first
	// mentions' days (which is creation order, as mentions come by date). A
	// mention is compared only with those whose first day lies within reach.
	reach := rules.MaxDays + maxSlack
	byType := map[string][]int{}
	var out []Fused
	for _, m := range ms {
		joined := false
		day, dated := days[m.ID]
		if dated {
			cands := byType[m.Type]
			from := len(cands)
			for from > 0 && days[out[cands[from-1]].Mentions[0].ID] >= day-reach {
				from--
			}
			for _, i := range cands[from:] {
				if why, ok := fits(&out[i], m, days, apart, rules); ok {
					f := &out[i]
					f.Mentions = append(f.Mentions, m)
					f.Why = append(f.Why, why)
					if m.Date > f.Last {
						f.Last = m.Date
					}
					joined = true
					break
				}
			}
		}
		if !joined {
			out = append(out, Fused{ID: "f" + strconv.FormatInt(m.ID, 10), Type: m.Type, Mode: m.Mode, Modality: m.Modality,
				Actor: m.Actor, Target: m.Target, Place: m.Place, First: m.Date, Last: m.Date,
				Mentions: []Event{m}, Why: []string{}})
			if dated {
				byType[m.Type] = append(byType[m.Type], len(out)-1)
			}
		}
	}
	for i := range out {
		docs, stories := map[string]bool{}, map[string]bool{}
		for _, m := range out[i].Mentions {
			docs[m.Document.ID] = true
			story := m.Document.DuplicateOf
			if story == "" {
				story = m.Document.ID
			}
			stories[story] = true
		}
		out[i].Documents, out[i].Stories = len(docs), len(stories)
	}
	return out
}

// fits says whether m may join f, and why.
func fits(f *Fused, m Event, days map[int64]int, apart Apart, rules Rules) (string, bool) {
	seed := f.Mentions[0]
	if m.Type != seed.Type || !modalityFits(m.Modality, seed.Modality) {
		return "", false
	}
	d1, ok1 := days[m.ID]
	d2, ok2 := days[seed.ID]
	if !ok1 || !ok2 || abs(d1-d2) > rules.MaxDays+max(slack(m.DatePrecision), slack(seed.DatePrecision)) {
		return "", false
	}
	for _, o := range f.Mentions {
		if o.Document.ID == m.Document.ID || apart[Pair(o.ID, m.ID)] {
			return "", false
		}
	}
	if !actorFits(m.Actor, seed.Actor) || !actorFits(m.Target, seed.Target) {
		return "", false
	}
	var where string
	switch {
	case m.Place == nil && seed.Place == nil:
		where = "neither has a place"
	case m.Place == nil || seed.Place == nil:
		return "", false
	case math.Abs(m.Place.Lat-seed.Place.Lat)*kmPerDegree > rules.MaxKm:
		return "", false // too far north or south; saves the trigonometry
	default:
		km := Kilometres(m.Place.Lat, m.Place.Lon, seed.Place.Lat, seed.Place.Lon)
		if km > rules.MaxKm {
			return "", false
		}
		where = fmt.Sprintf("%s and %s %.0f km apart", m.Place.Name, seed.Place.Name, km)
	}
	return fmt.Sprintf("mention %d (document %s) joined mention %d: type %s, %s, actor %s, %s, dates %s and %s",
		m.ID, m.Document.ID, seed.ID, m.Type, m.Modality, actorName(m.Actor), where, m.Date, seed.Date), true
}

func modalityFits(a, b string) bool {
	asserted := func(s string) bool { return s == "reported" || s == "claimed" || s == "" }
	return a == b || asserted(a) && asserted(b)
}

func actorFits(a, b *record.Actor) bool {
	if a == nil || b == nil || a.Country == "" || b.Country == "" {
		return true
	}
	return a.Country == b.Country
}

func actorName(a *record.Actor) string {
	if a == nil {
		return "unknown"
	}
	if a.Country != "" {
		return a.Country
	}
	return strconv.Quote(a.Name)
}

// maxSlack is the most slack a date's precision adds: a date known only to the
// year is given a month's, no more, since a year is too vague to fuse on.
const maxSlack = 31

func slack(precision string) int {
	switch precision {
	case "week":
		return 7
	case "month", "year":
		return maxSlack
	}
	return 0
}

func parseDay(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s[:10])
	return t, err == nil
}

// kmPerDegree is the length of a degree of latitude, near enough.
const kmPerDegree = 111.0

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Kilometres is the great-circle distance between two points in degrees.
func Kilometres(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
