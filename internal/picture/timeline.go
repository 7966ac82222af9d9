package picture

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/record"
)

// The control timeline of a place: who held it from when to when, as the
// reporting has it, with the statements behind each interval and those against
// it. It is built from control statements by rules simple enough to explain in
// the interval itself (Interval.Why, Interval.Score):
//
//   - captured, retook and entered name the side that now holds the place;
//     withdrew names the side that left it, so its opponent holds it (UKR and RUS
//     are each other's opponents; a withdrawal by any other side moves nothing).
//     advanced and encircled move nothing: fighting near a place is not holding
//     it; they are kept as Contested.
//   - A denial (status denied, or the action denied) counts against the side the
//     denied statement would give the place to; a bare "denied" by a side counts
//     against its opponent.
//   - Each statement weighs its status points (confirmed 3, assessed 2, claimed 1;
//     a denial 1) times its source's Admiralty grade: reliability A 1.0, B 0.8,
//     C 0.6, D 0.4, E 0.2, F 0.5 (cannot be judged) times credibility 1 1.0,
//     2 0.8, 3 0.6, 4 0.4, 5 0.2, 6 0.5. The grade is the one the caller found for
//     the statement (TimelineOptions.Grades, see ControlGrades), else the grades
//     table's default for who makes such statements: B3 for an assessment (third
//     parties), C3 otherwise (a party, the media, the reporting outlet).
//   - Independent sources count once: a named source by its name, an unnamed one
//     (the outlet stating it as fact) by its outlet, else by its story, so that
//     near-duplicate documents (Doc.DuplicateOf) count once. A side whose
//     statements of a day come from two or more independent sources, at least one
//     of them not a mere claim, is corroborated: their credibility rises to 2
//     (probably true), as Admiralty grading has it.
//   - A day is decided by the statements of that day; confirmations and denials
//     published up to Reach days later count toward it too (they usually follow
//     the claim), but only for a side that has a statement of its own that day.
//     A side's score is the weight of its sources less the weight of those denying
//     it. The highest positive score wins the day; a tie, or no positive score,
//     keeps the holder of the day before.
//   - An interval runs from the first day its side won to the first day another
//     side won; its status is the strongest among its evidence.

// Interval is a span of days during which one side holds a place.
type Interval struct {
	Side   string `json:"side"`
	Status string `json:"status"` // confirmed | assessed | claimed: the strongest of its evidence
	From   string `json:"from"`   // first day, YYYY-MM-DD
	// To is the day another side is first reported to hold the place (exclusive);
	// empty while no one has.
	To string `json:"to,omitempty"`
	// Score is the side's weight on the day it won (see the rules above), Sources
	// the independent sources that made it.
	Score   float64  `json:"score"`
	Sources []string `json:"sources"`
	// Evidence holds the statements that the side holds the place, and denials of
	// rival claims, made during the interval.
	Evidence []Control `json:"evidence"`
	// Against holds the statements that another side holds the place, and
	// denials of this side's hold, made during the interval.
	Against []Control `json:"against,omitempty"`
	// Contested holds advances on and encirclements of the place during the
	// interval: fighting that moves no one's hold.
	Contested []Control `json:"contested,omitempty"`
	// Why says how the interval's first day was decided.
	Why string `json:"why"`
	// Challenges say how later days that did not change the holder were decided,
	// when another side was weighed.
	Challenges []string `json:"challenges,omitempty"`
}

// Timeline is the control history of one place, oldest interval first.
type Timeline struct {
	Place     record.PlaceRef `json:"place"`
	Intervals []Interval      `json:"intervals"`
}

// TimelineOptions tune BuildTimelineWith.
type TimelineOptions struct {
	// Grades are Admiralty grades ("B2") of statements, by statement ID; see
	// ControlGrades. Statements without one take their status's default.
	Grades map[int64]string
	// Reach is how many days after a day its confirmations and denials still
	// count toward it; zero means DefaultReach, negative means none.
	Reach int
}

// DefaultReach is the days a confirmation or denial may follow a claim.
const DefaultReach = 2

var opponent = map[string]string{"UKR": "RUS", "RUS": "UKR"}

var statusWeight = map[string]int{"confirmed": 3, "assessed": 2, "claimed": 1}

var reliabilityFactor = map[byte]float64{'A': 1, 'B': 0.8, 'C': 0.6, 'D': 0.4, 'E': 0.2, 'F': 0.5}

var credibilityFactor = map[byte]float64{'1': 1, '2': 0.8, '3': 0.6, '4': 0.4, '5': 0.2, '6': 0.5}

// holder says which side a statement says holds the place, or "" when it says
// no one new does. Denials are read as the statement they deny.
func holder(c Control) string {
	switch c.Action {
	case "captured", "retook", "entered":
		return c.Side
	case "withdrew":
		return opponent[c.Side]
	}
	return ""
}

func isDenial(c Control) bool { return c.Status == "denied" || c.Action == "denied" }

// denied says which side's hold a denial is against.
func denied(c Control) string {
	if c.Action == "denied" {
		return opponent[c.Side]
	}
	return holder(c)
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

// sourceKey names a statement's source for counting independent sources: its
// name, else the outlet that states it as fact, else its story.
func sourceKey(c Control) string {
	if n := strings.Join(strings.Fields(strings.ToLower(c.Source.Name)), " "); n != "" {
		return n
	}
	if o := strings.ToLower(strings.TrimSpace(c.Document.Outlet)); o != "" {
		return "outlet " + o
	}
	story := c.Document.ID
	if c.Document.DuplicateOf != "" {
		story = c.Document.DuplicateOf
	}
	return "story " + story
}

// gradeOf is the statement's Admiralty grade (from grades, else the one its
// record carries), if valid, else its status's default.
func gradeOf(c Control, grades map[int64]string) string {
	for _, g := range []string{grades[c.ID], c.Grade} {
		if g = strings.ToUpper(strings.TrimSpace(g)); len(g) == 2 && reliabilityFactor[g[0]] > 0 && credibilityFactor[g[1]] > 0 {
			return g
		}
	}
	if c.Status == "assessed" {
		return "B3"
	}
	return "C3"
}

// weight is a statement's weight given its grade; credibility is first raised
// to 2 when corroborated.
func weight(c Control, grade string, corroborated bool) (float64, string) {
	cred := grade[1]
	if corroborated && cred > '2' { // 6, cannot be judged, too
		cred = '2'
	}
	points := float64(statusWeight[c.Status])
	if isDenial(c) {
		points = 1
	}
	used := string([]byte{grade[0], cred})
	return points * reliabilityFactor[grade[0]] * credibilityFactor[cred], used
}

// BuildTimeline builds the timeline of the place the statements are about (the
// caller selects them, by geonameid) with default options. Statements without a
// day are left out.
func BuildTimeline(stmts []Control) Timeline {
	return BuildTimelineWith(stmts, TimelineOptions{})
}

// sideDay is what one side weighs on one day.
type sideDay struct {
	score        float64
	sources      []string // the side's independent sources, by name
	notes        []string // each source's contribution, for Why
	denials      float64
	corroborated bool
}

// BuildTimelineWith builds a place's timeline as BuildTimeline does, with
// statement grades and the reach of confirmations and denials.
func BuildTimelineWith(stmts []Control, o TimelineOptions) Timeline {
	reach := o.Reach
	switch {
	case reach == 0:
		reach = DefaultReach
	case reach < 0:
		reach = 0
	}
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
		slices.SortFunc(byDay[d], func(a, b Control) int { return cmp.Compare(a.ID, b.ID) })
	}
	slices.Sort(days)
	for _, day := range days {
		cs := byDay[day]
		// The statements that count toward the day: its own, then those of the
		// following days within reach.
		window := slices.Clone(cs)
		if d0, err := time.Parse(time.DateOnly, day); err == nil {
			for i := 1; i <= reach; i++ {
				window = append(window, byDay[d0.AddDate(0, 0, i).Format(time.DateOnly)]...)
			}
		}
		sides := weigh(cs, window, o.Grades)
		var cur *Interval
		if n := len(t.Intervals); n > 0 {
			cur = &t.Intervals[n-1]
		}
		win, best, tie := "", 0.0, false
		for _, side := range sortedSides(sides) {
			switch s := sides[side].score; {
			case s <= 0:
			case s > best+1e-9:
				win, best, tie = side, s, false
			case math.Abs(s-best) <= 1e-9:
				tie = true
			}
		}
		why := explain(day, sides, win, tie, cur)
		switch {
		case win != "" && !tie && (cur == nil || cur.Side != win):
			if cur != nil {
				cur.To = day
			}
			t.Intervals = append(t.Intervals, Interval{Side: win, From: day, Score: round2(best),
				Sources: sides[win].sources, Evidence: []Control{}, Why: why})
			cur = &t.Intervals[len(t.Intervals)-1]
		case cur != nil && challenged(sides, cur.Side):
			cur.Challenges = append(cur.Challenges, why)
		}
		if cur == nil {
			continue // nothing held yet: denials and fighting before anyone holds it
		}
		for _, c := range cs {
			switch {
			case isDenial(c) && denied(c) == cur.Side:
				cur.Against = append(cur.Against, c)
			case isDenial(c):
				cur.Evidence = append(cur.Evidence, c)
			case holder(c) == cur.Side:
				cur.Evidence = append(cur.Evidence, c)
				if statusWeight[c.Status] > statusWeight[cur.Status] {
					cur.Status = c.Status
				}
			case holder(c) != "":
				cur.Against = append(cur.Against, c)
			default:
				cur.Contested = append(cur.Contested, c)
			}
		}
	}
	return t
}

// weigh scores each side that has a holding statement of its own that day:
// its independent sources in the window, corroborated or not, less the
// sources denying it.
func weigh(own, window []Control, grades map[int64]string) map[string]*sideDay {
	sides := map[string]*sideDay{}
	for _, c := range own {
		if s := holder(c); s != "" && !isDenial(c) && sides[s] == nil {
			sides[s] = &sideDay{}
		}
	}
	for side, sd := range sides {
		// The best statement of each source for the side.
		best := map[string]Control{}
		var order []string
		for _, c := range window {
			if isDenial(c) || holder(c) != side {
				continue
			}
			k := sourceKey(c)
			prev, seen := best[k]
			if !seen {
				order = append(order, k)
			}
			if !seen || statusWeight[c.Status] > statusWeight[prev.Status] {
				best[k] = c
			}
		}
		notClaim := false
		for _, k := range order {
			notClaim = notClaim || best[k].Status != "claimed"
		}
		sd.corroborated = len(order) >= 2 && notClaim
		for _, k := range order {
			c := best[k]
			g := gradeOf(c, grades)
			w, used := weight(c, g, sd.corroborated)
			sd.score += w
			sd.sources = append(sd.sources, sourceName(c))
			grade := g
			if used != g {
				grade = g + "→" + used
			}
			sd.notes = append(sd.notes, fmt.Sprintf("%s: %s %s %s %.2f", sourceName(c), c.Action, c.Status, grade, w))
		}
		// Denials of the side, each denier once.
		deniers := map[string]bool{}
		for _, c := range window {
			if !isDenial(c) || denied(c) != side || deniers[sourceKey(c)] {
				continue
			}
			deniers[sourceKey(c)] = true
			g := gradeOf(c, grades)
			w, _ := weight(c, g, false)
			sd.denials += w
			sd.notes = append(sd.notes, fmt.Sprintf("denied by %s %s −%.2f", sourceName(c), g, w))
		}
		sd.score -= sd.denials
	}
	return sides
}

// challenged reports whether a side other than the holder was weighed.
func challenged(sides map[string]*sideDay, holder string) bool {
	for s := range sides {
		if s != holder {
			return true
		}
	}
	return false
}

func explain(day string, sides map[string]*sideDay, win string, tie bool, cur *Interval) string {
	var parts []string
	for _, side := range sortedSides(sides) {
		sd := sides[side]
		p := fmt.Sprintf("%s %.2f from %d independent source", side, sd.score, len(sd.sources))
		if len(sd.sources) != 1 {
			p += "s"
		}
		if sd.corroborated {
			p += ", corroborated"
		}
		parts = append(parts, p+" ("+strings.Join(sd.notes, "; ")+")")
	}
	if len(parts) == 0 {
		parts = append(parts, "no side")
	}
	out := day + ": " + strings.Join(parts, " against ")
	switch {
	case win != "" && !tie && (cur == nil || cur.Side != win):
		out += "; " + win + " wins"
	case cur != nil && tie:
		out += "; tie, " + cur.Side + " keeps it"
	case cur != nil:
		out += "; " + cur.Side + " keeps it"
	default:
		out += "; no one holds it"
	}
	return out
}

// sourceName names a statement's source for people: its name, else the outlet
// or document that states it as fact.
func sourceName(c Control) string {
	if n := strings.Join(strings.Fields(c.Source.Name), " "); n != "" {
		return n
	}
	if o := strings.TrimSpace(c.Document.Outlet); o != "" {
		return o + " (as fact)"
	}
	return "document " + c.Document.ID + " (as fact)"
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func sortedSides(m map[string]*sideDay) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ControlGrades finds the Admiralty grade of each control statement from the
// claims of its document, as record.ClaimGrade does; statements stated as fact
// (no source) get none. The result is TimelineOptions.Grades, for statements
// stored before records carried their grade.
func ControlGrades(stmts []Control, claims []Claim) map[int64]string {
	byDoc := map[string][]record.Claim{}
	for _, cl := range claims {
		byDoc[cl.Document.ID] = append(byDoc[cl.Document.ID], cl.Claim)
	}
	out := map[int64]string{}
	for _, c := range stmts {
		if g := record.ClaimGrade(byDoc[c.Document.ID], c.Source.Name, c.Evidence); g != "" {
			out[c.ID] = g
		}
	}
	return out
}

// PlaceInterval is who holds one place on a day, and why.
type PlaceInterval struct {
	Place    record.PlaceRef `json:"place"`
	Interval Interval        `json:"interval"`
}

// HeldAsOf builds the timeline of every place the statements name (by geonameid;
// statements without one are left out) and returns, for each place someone holds
// on day, the interval that holds, by geonameid. It is the control layer of a map
// as of one day.
func HeldAsOf(stmts []Control, day time.Time, o TimelineOptions) []PlaceInterval {
	byPlace := map[int64][]Control{}
	for _, c := range stmts {
		if c.Place.GeonameID != 0 {
			byPlace[c.Place.GeonameID] = append(byPlace[c.Place.GeonameID], c)
		}
	}
	ids := make([]int64, 0, len(byPlace))
	for id := range byPlace {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := []PlaceInterval{}
	for _, id := range ids {
		tl := BuildTimelineWith(byPlace[id], o)
		if iv, ok := tl.AsOf(day); ok {
			out = append(out, PlaceInterval{Place: tl.Place, Interval: iv})
		}
	}
	return out
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
