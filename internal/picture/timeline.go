package picture

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/record"
)

// The control timeline of a place: who held it from when to when, as the
// reporting has it, with the statements behind each interval and those against
// it. It is built from control statements by rules simple enough to explain in
// the interval itself (Interval.Why):
//
//   - captured, retook, entered and advanced name the side that now holds the place;
//     withdrew names the side that left it, so its opponent holds it (UKR and RUS
//     are each other's opponents; a withdrawal by any other side moves nothing);
//     encircled and denied move nothing and are kept as evidence against.
//   - The statements of one day are weighed by status — confirmed 3, assessed 2,
//     claimed 1, counting each source once — and the heaviest side wins the day.
//     A tie keeps the holder of the day before.
//   - An interval runs from the first day its side won to the first day another
//     side won; its status is the strongest among its evidence.

// Interval is a span of days during which one side holds a place.
type Interval struct {
	Side   string `json:"side"`
	Status string `json:"status"` // confirmed | assessed | claimed: the strongest of its evidence
	From   string `json:"from"`   // first day, YYYY-MM-DD
	// To is the day another side is first reported to hold the place (exclusive);
	// empty while no one has.
	To       string    `json:"to,omitempty"`
	Evidence []Control `json:"evidence"`
	Against  []Control `json:"against,omitempty"`
	Why      string    `json:"why"`
}

// Timeline is the control history of one place, oldest interval first.
type Timeline struct {
	Place     record.PlaceRef `json:"place"`
	Intervals []Interval      `json:"intervals"`
}

var opponent = map[string]string{"UKR": "RUS", "RUS": "UKR"}

var statusWeight = map[string]int{"confirmed": 3, "assessed": 2, "claimed": 1}

// holder says which side a statement says holds the place, or "" when it says
// no one new does.
func holder(c Control) string {
	if c.Status == "denied" {
		return ""
	}
	switch c.Action {
	case "captured", "retook", "entered", "advanced":
		return c.Side
	case "withdrew":
		return opponent[c.Side]
	}
	return ""
}

// statementDay is the day a statement speaks of: its own date, else its
// document's publication date; "" when neither is a date.
func statementDay(c Control) string {
	for _, d := range []string{c.Date, c.Document.Published} {
		if len(d) >= 10 {
			if _, err := time.Parse(time.DateOnly, d[:10]); err == nil {
				return d[:10]
			}
		}
	}
	return ""
}

// BuildTimeline builds the timeline of the place the statements are about (the
// caller selects them, by geonameid). Statements without a day are left out.
func BuildTimeline(stmts []Control) Timeline {
	var t Timeline
	t.Intervals = []Interval{}
	byDay := map[string][]Control{}
	for _, c := range stmts {
		if d := statementDay(c); d != "" {
			byDay[d] = append(byDay[d], c)
		}
		if t.Place.Name == "" {
			t.Place = c.Place
		}
	}
	days := make([]string, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	slices.Sort(days)
	for _, day := range days {
		cs := byDay[day]
		slices.SortFunc(cs, func(a, b Control) int { return int(a.ID - b.ID) })
		// Weigh the sides, each source once per side and day.
		score := map[string]int{}
		counted := map[string]bool{}
		for _, c := range cs {
			side := holder(c)
			if side == "" {
				continue
			}
			src := strings.ToLower(c.Source.Name)
			if src == "" {
				src = "document " + c.Document.ID
			}
			if key := side + "\x00" + src; !counted[key] {
				counted[key] = true
				score[side] += statusWeight[c.Status]
			}
		}
		win, best, tie := "", 0, false
		for _, side := range sortedKeys(score) {
			switch s := score[side]; {
			case s > best:
				win, best, tie = side, s, false
			case s == best:
				tie = true
			}
		}
		var cur *Interval
		if n := len(t.Intervals); n > 0 {
			cur = &t.Intervals[n-1]
		}
		if win != "" && !tie && (cur == nil || cur.Side != win) {
			if cur != nil {
				cur.To = day
			}
			t.Intervals = append(t.Intervals, Interval{Side: win, From: day, Evidence: []Control{},
				Why: fmt.Sprintf("%s: %s weighs %d against %s", day, win, best, others(score, win))})
			cur = &t.Intervals[len(t.Intervals)-1]
		}
		if cur == nil {
			continue // nothing held yet: denials and encirclements of no one
		}
		for _, c := range cs {
			if holder(c) == cur.Side {
				cur.Evidence = append(cur.Evidence, c)
				if statusWeight[c.Status] > statusWeight[cur.Status] {
					cur.Status = c.Status
				}
			} else {
				cur.Against = append(cur.Against, c)
			}
		}
	}
	return t
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func others(score map[string]int, win string) string {
	var parts []string
	for _, side := range sortedKeys(score) {
		if side != win {
			parts = append(parts, fmt.Sprintf("%s %d", side, score[side]))
		}
	}
	if len(parts) == 0 {
		return "no other side"
	}
	return strings.Join(parts, ", ")
}

// AsOf returns the interval that holds on day, and whether there is one.
func (t Timeline) AsOf(day time.Time) (Interval, bool) {
	d := day.Format(time.DateOnly)
	for _, iv := range t.Intervals {
		if iv.From <= d && (iv.To == "" || d < iv.To) {
			return iv, true
		}
	}
	return Interval{}, false
}
