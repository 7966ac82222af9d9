// Package timex finds time expressions in English text and anchors them to a
// reference date, normally the publication date: "on Tuesday", "a few days
// earlier", "three months ago", "last February", "May 9, 2022", "over the next 30
// days". Each expression gets the days it covers and a precision (day, week, month,
// year or range), so that an event "a few days earlier" is dated to the week before
// publication, not to a day nobody stated.
package timex

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Precisions.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
	Year  = "year"
	Range = "range"
)

// Expr is one time expression.
type Expr struct {
	Start, End int // code points in the text, [Start, End)
	Text       string
	From, To   time.Time // the first and last day the expression covers
	Precision  string
	Relative   bool // anchored to the reference date rather than stated in full
}

// Value renders the expression's date: 2022-05-10 for a day, 2022-05 for a month,
// 2022 for a year, and From/To (ISO 8601 interval) for a week or range.
func (e Expr) Value() string {
	switch e.Precision {
	case Day:
		return e.From.Format("2006-01-02")
	case Month:
		return e.From.Format("2006-01")
	case Year:
		return e.From.Format("2006")
	}
	return e.From.Format("2006-01-02") + "/" + e.To.Format("2006-01-02")
}

// Date is a single representative day: the day itself, or the middle of a week,
// month, year or range.
func (e Expr) Date() time.Time {
	if e.Precision == Day {
		return e.From
	}
	d := e.To.Sub(e.From) / 2
	return e.From.Add(d).Truncate(24 * time.Hour)
}

// word is one token of the scanner.
type word struct {
	s          string // lowercase
	orig       string
	start, end int // code points
}

func scan(text string) []word {
	var ws []word
	rs := []rune(text)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				j++
			}
			// Ordinal suffixes and abbreviation dots belong to the word: 24th, Feb.
			if j < len(rs) && rs[j] == '.' {
				if _, ok := months[strings.ToLower(string(rs[i:j+1]))]; ok {
					j++
				}
			}
			ws = append(ws, word{s: strings.ToLower(string(rs[i:j])), orig: string(rs[i:j]), start: i, end: j})
			i = j
		case r == ',' || r == '-' || r == '/' || r == '–':
			ws = append(ws, word{s: string(r), orig: string(r), start: i, end: i + 1})
			i++
		case unicode.IsSpace(r):
			i++
		default:
			ws = append(ws, word{s: string(r), orig: string(r), start: i, end: i + 1})
			i++
		}
	}
	return ws
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "jan.": 1, "february": 2, "feb": 2, "feb.": 2, "march": 3, "mar": 3, "mar.": 3,
	"april": 4, "apr": 4, "apr.": 4, "may": 5, "june": 6, "jun": 6, "jun.": 6, "july": 7, "jul": 7, "jul.": 7,
	"august": 8, "aug": 8, "aug.": 8, "september": 9, "sep": 9, "sep.": 9, "sept": 9, "sept.": 9,
	"october": 10, "oct": 10, "oct.": 10, "november": 11, "nov": 11, "nov.": 11, "december": 12, "dec": 12, "dec.": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var numbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "hundred": 100,
}

// vague quantities: "a few days", "several weeks", "a couple of months".
var vague = map[string]int{"few": 3, "several": 4, "couple": 2}

var units = map[string]string{
	"day": Day, "days": Day, "week": Week, "weeks": Week, "month": Month, "months": Month, "year": Year, "years": Year,
}

var isoDate = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)

// Find returns the time expressions of text, anchored to ref, in text order. With a
// zero ref, only expressions that state their own year are returned.
func Find(text string, ref time.Time) []Expr {
	ref = day(ref)
	ws := scan(text)
	var out []Expr
	used := make([]bool, len(ws))
	add := func(i, j int, from, to time.Time, prec string, rel bool) {
		if rel && ref.IsZero() {
			return
		}
		for k := i; k < j; k++ {
			if used[k] {
				return
			}
		}
		for k := i; k < j; k++ {
			used[k] = true
		}
		rs := []rune(text)
		out = append(out, Expr{Start: ws[i].start, End: ws[j-1].end, Text: string(rs[ws[i].start:ws[j-1].end]),
			From: day(from), To: day(to), Precision: prec, Relative: rel})
	}
	// ISO dates first: 2022-05-15.
	rs := []rune(text)
	for _, m := range isoDate.FindAllStringSubmatchIndex(text, -1) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		dd, _ := strconv.Atoi(text[m[6]:m[7]])
		if mo < 1 || mo > 12 || dd < 1 || dd > 31 {
			continue
		}
		s := len([]rune(text[:m[0]]))
		e := s + len([]rune(text[m[0]:m[1]]))
		i := firstWord(ws, s)
		j := i
		for j < len(ws) && ws[j].end <= e {
			j++
		}
		if i < j {
			d := time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC)
			add(i, j, d, d, Day, false)
		}
	}
	_ = rs
	for i := 0; i < len(ws); i++ {
		if used[i] {
			continue
		}
		if n, e, ok := matchAt(ws, i, ref); ok {
			add(i, n, e.From, e.To, e.Precision, e.Relative)
			i = n - 1
		}
	}
	sortExprs(out)
	return out
}

func firstWord(ws []word, p int) int {
	for i, w := range ws {
		if w.end > p {
			return i
		}
	}
	return len(ws)
}

func sortExprs(es []Expr) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func get(ws []word, i int) string {
	if i < 0 || i >= len(ws) {
		return ""
	}
	return ws[i].s
}

// dayNum reads a day of the month: 9, 24th, 1st.
func dayNum(s string) (int, bool) {
	s = strings.TrimRight(s, ".")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= 31
}

func yearNum(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1900 && n <= 2100
}

// count reads a number of units: "three", "30", "a few", "several", "a couple of".
// It returns the value, the words used and whether the number was vague.
func count(ws []word, i int) (int, int, bool, bool) {
	w := get(ws, i)
	if (w == "a" || w == "an") && vague[get(ws, i+1)] > 0 {
		n := vague[get(ws, i+1)]
		if get(ws, i+2) == "of" {
			return n, 3, true, true
		}
		return n, 2, true, true
	}
	if v, ok := vague[w]; ok {
		return v, 1, true, true
	}
	if v, ok := numbers[w]; ok {
		return v, 1, false, true
	}
	if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 1000 {
		return n, 1, false, true
	}
	return 0, 0, false, false
}

// shift moves a date by n units.
func shift(t time.Time, unit string, n int) time.Time {
	switch unit {
	case Day:
		return t.AddDate(0, 0, n)
	case Week:
		return t.AddDate(0, 0, 7*n)
	case Month:
		return t.AddDate(0, n, 0)
	}
	return t.AddDate(n, 0, 0)
}

// around covers the unit that holds t: its week (Monday to Sunday), month or year.
func around(t time.Time, unit string) (time.Time, time.Time) {
	switch unit {
	case Day:
		return t, t
	case Week:
		off := (int(t.Weekday()) + 6) % 7
		from := t.AddDate(0, 0, -off)
		return from, from.AddDate(0, 0, 6)
	case Month:
		from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, -1)
	}
	from := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(1, 0, -1)
}

// monthIn returns the month m nearest before (dir < 0), after (dir > 0) or in the
// year of (dir == 0, the latest not after ref) the reference date.
func monthIn(m time.Month, ref time.Time, dir int) (time.Time, time.Time) {
	y := ref.Year()
	switch {
	case dir < 0:
		if m >= ref.Month() {
			y--
		}
	case dir > 0:
		if m <= ref.Month() {
			y++
		}
	default:
		if m > ref.Month() {
			y--
		}
	}
	from := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 1, -1)
}

// matchAt tries every pattern at word i and returns the end of the match.
func matchAt(ws []word, i int, ref time.Time) (int, Expr, bool) {
	w := ws[i].s
	rel := func(from, to time.Time, prec string) Expr {
		return Expr{From: from, To: to, Precision: prec, Relative: true}
	}
	// Month names: "May 9, 2022", "May 9", "May 2022", "in May", "last February".
	if m, ok := months[w]; ok && (isCap(ws[i].orig) || len(w) > 3) {
		if d, ok := dayNum(get(ws, i+1)); ok {
			n := i + 2
			if get(ws, n) == "," {
				n++
			}
			if y, ok := yearNum(get(ws, n)); ok {
				t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
				return n + 1, Expr{From: t, To: t, Precision: Day}, true
			}
			if ref.IsZero() {
				return 0, Expr{}, false
			}
			t := time.Date(ref.Year(), m, d, 0, 0, 0, 0, time.UTC)
			if t.After(ref.AddDate(0, 0, 31)) {
				t = t.AddDate(-1, 0, 0) // "December 30" read in January is last year's
			}
			return i + 2, rel(t, t, Day), true
		}
		if y, ok := yearNum(get(ws, i+1)); ok {
			from := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
			return i + 2, Expr{From: from, To: from.AddDate(0, 1, -1), Precision: Month}, true
		}
		// A bare month needs a word before it that makes it a date ("May" is also a verb).
		switch get(ws, i-1) {
		case "in", "since", "until", "by", "early", "mid", "late", "of", "during", "from", "through", "before", "after":
			if w == "may" && !isCap(ws[i].orig) {
				return 0, Expr{}, false
			}
			from, to := monthIn(m, ref, 0)
			return i + 1, rel(from, to, Month), true
		}
	}
	// Day then month: "9 May 2022", "24 February".
	if d, ok := dayNum(w); ok {
		if m, ok := months[get(ws, i+1)]; ok && isCap(ws[i+1].orig) {
			if y, ok := yearNum(get(ws, i+2)); ok {
				t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
				return i + 3, Expr{From: t, To: t, Precision: Day}, true
			}
			if !ref.IsZero() {
				t := time.Date(ref.Year(), m, d, 0, 0, 0, 0, time.UTC)
				if t.After(ref.AddDate(0, 0, 31)) {
					t = t.AddDate(-1, 0, 0)
				}
				return i + 2, rel(t, t, Day), true
			}
		}
	}
	// A year after "in", "since", "by": "in 2014".
	if y, ok := yearNum(w); ok {
		switch get(ws, i-1) {
		case "in", "since", "by", "until", "of", "during", "early", "late", "mid":
			from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			return i + 1, Expr{From: from, To: from.AddDate(1, 0, -1), Precision: Year}, true
		}
	}
	if ref.IsZero() {
		return 0, Expr{}, false
	}
	switch w {
	case "today", "tonight":
		return i + 1, rel(ref, ref, Day), true
	case "overnight":
		// The night that ends on the day of writing: "Russia launched 40
		// drones overnight", in a report of the morning.
		return i + 1, rel(ref, ref, Day), true
	case "yesterday":
		t := ref.AddDate(0, 0, -1)
		return i + 1, rel(t, t, Day), true
	case "tomorrow":
		t := ref.AddDate(0, 0, 1)
		return i + 1, rel(t, t, Day), true
	}
	// Weekdays: "on Tuesday", "last Friday", "next Monday"; the past by default.
	if wd, ok := weekdays[w]; ok {
		back := (int(ref.Weekday()) - int(wd) + 7) % 7
		t := ref.AddDate(0, 0, -back)
		switch get(ws, i-1) {
		case "next":
			fwd := (int(wd) - int(ref.Weekday()) + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			t = ref.AddDate(0, 0, fwd)
		case "last":
			if back == 0 {
				t = ref.AddDate(0, 0, -7)
			}
		}
		return i + 1, rel(t, t, Day), true
	}
	// "last week", "this month", "next year", "earlier this month", "last February".
	if w == "last" || w == "this" || w == "next" || w == "past" {
		dir := map[string]int{"last": -1, "past": -1, "this": 0, "next": 1}[w]
		if u, ok := units[get(ws, i+1)]; ok && u != Day && !strings.HasSuffix(get(ws, i+1), "s") {
			from, to := around(shift(ref, u, dir), u)
			return i + 2, rel(from, to, u), true
		}
		if m, ok := months[get(ws, i+1)]; ok && isCap(ws[i+1].orig) {
			from, to := monthIn(m, ref, dir)
			if dir == 0 {
				from, to = monthIn(m, ref, 0)
			}
			return i + 2, rel(from, to, Month), true
		}
		if w == "this" && (get(ws, i+1) == "morning" || get(ws, i+1) == "afternoon" || get(ws, i+1) == "evening") {
			return i + 2, rel(ref, ref, Day), true
		}
		if w == "last" && get(ws, i+1) == "night" {
			t := ref.AddDate(0, 0, -1)
			return i + 2, rel(t, t, Day), true
		}
	}
	// "over the next 30 days", "in the past two weeks", "the last three months".
	if w == "the" && (get(ws, i+1) == "next" || get(ws, i+1) == "past" || get(ws, i+1) == "last" || get(ws, i+1) == "coming") {
		if n, k, _, ok := count(ws, i+2); ok {
			if u, ok := units[get(ws, i+2+k)]; ok {
				end := i + 3 + k
				if get(ws, i+1) == "next" || get(ws, i+1) == "coming" {
					return end, rel(ref, shift(ref, u, n), Range), true
				}
				return end, rel(shift(ref, u, -n), ref, Range), true
			}
		}
	}
	// "three months ago", "a few days earlier", "two weeks later".
	if n, k, vagueN, ok := count(ws, i); ok {
		if u, ok := units[get(ws, i+k)]; ok {
			dirWord := get(ws, i+k+1)
			dir := 0
			switch dirWord {
			case "ago", "earlier", "before", "prior":
				dir = -1
			case "later", "after":
				dir = 1
			}
			if dir != 0 {
				t := shift(ref, u, dir*n)
				prec := u
				if vagueN && u == Day {
					prec = Week
				}
				from, to := t, t
				if prec != Day {
					from, to = around(t, prec)
					if prec == Week {
						from, to = t.AddDate(0, 0, -3), t.AddDate(0, 0, 3)
					}
				}
				return i + k + 2, rel(from, to, prec), true
			}
		}
	}
	return 0, Expr{}, false
}

func isCap(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// String is for debugging and tests.
func (e Expr) String() string {
	return fmt.Sprintf("%q %s %s", e.Text, e.Value(), e.Precision)
}
