package api

import (
	"cmp"
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// What the web map asks: events clustered into grid cells for the view, event
// counts per day or week for the timeline, control of every place in the view as
// of a day, and the evidence of one event — its mentions across documents, each
// sentence with the words that matched, the source and its grade. Served when the
// store implements picture.Mapper (the SQLite store does).

func (s *Server) mapRoutes() {
	s.route("GET /api/events/clusters", s.eventClusters)
	s.route("GET /api/events/histogram", s.eventHistogram)
	s.route("GET /api/events/{id}/evidence", s.eventEvidence)
	s.route("GET /api/control/asof", s.controlAsOf)
}

// cellPixels is the side of a cluster cell on screen, in pixels of 256-pixel
// tiles: a quarter tile.
const cellPixels = 64

// maxZoom bounds the zoom a client may ask clusters for; at 22 a cell is a few
// metres.
const maxZoom = 22

func (s *Server) mapper(r *http.Request, formats []string) (pictureRequest, picture.Mapper, error) {
	req, err := s.parsePicture(r, formats)
	if err != nil {
		return req, nil, err
	}
	m, ok := s.st.(picture.Mapper)
	if !ok {
		return req, nil, errorf(http.StatusNotFound, "this store does not aggregate the picture for the map (the SQLite store does)")
	}
	return req, m, nil
}

type clustersJSON struct {
	Cells []picture.Cluster `json:"cells"`
	// Cell is the side of a cell in degrees; Events counts the events in them.
	Cell   float64       `json:"cell"`
	Events int           `json:"events"`
	Sitrep picture.Stamp `json:"sitrep"`
}

func (s *Server) eventClusters(w http.ResponseWriter, r *http.Request) error {
	req, m, err := s.mapper(r, textFormats)
	if err != nil {
		return err
	}
	zoom := 0
	if z := r.URL.Query().Get("zoom"); z != "" {
		if zoom, err = strconv.Atoi(z); err != nil || zoom < 0 || zoom > maxZoom {
			return errorf(http.StatusBadRequest, "zoom "+strconv.Quote(z)+" is not a whole number from 0 to "+strconv.Itoa(maxZoom))
		}
	}
	cell := 360 / float64(int(1)<<zoom) * cellPixels / 256
	cl, err := m.EventClusters(r.Context(), req.q, cell)
	if err != nil {
		return pictureErr(err)
	}
	out := clustersJSON{Cells: cl, Cell: cell, Sitrep: s.stamp()}
	if out.Cells == nil {
		out.Cells = []picture.Cluster{}
	}
	for i := range out.Cells {
		c := &out.Cells[i]
		out.Events += c.Count
		// A metre is plenty on a map, and shorter numbers make a smaller answer.
		c.Lon, c.Lat = round5(c.Lon), round5(c.Lat)
		for j := range c.BBox {
			c.BBox[j] = round5(c.BBox[j])
		}
	}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, out)
	return nil
}

func round5(f float64) float64 { return math.Round(f*1e5) / 1e5 }

// bin is one bar of the timeline: the events from Start (a day, or the Monday of
// a week) on.
type bin struct {
	Start string `json:"start"`
	Count int    `json:"count"`
}

type histogramJSON struct {
	Bin  string `json:"bin"` // day | week
	Bins []bin  `json:"bins"`
	// First and Last are the first and last days with events; empty with none.
	First  string        `json:"first,omitempty"`
	Last   string        `json:"last,omitempty"`
	Events int           `json:"events"`
	BBox   *[4]float64   `json:"bbox"` // the extent of the placed events, west-south-east-north
	Sitrep picture.Stamp `json:"sitrep"`
}

func (s *Server) eventHistogram(w http.ResponseWriter, r *http.Request) error {
	req, m, err := s.mapper(r, textFormats)
	if err != nil {
		return err
	}
	width := r.URL.Query().Get("bin")
	switch width {
	case "":
		width = "day"
	case "day", "week":
	default:
		return errorf(http.StatusBadRequest, "bin "+strconv.Quote(width)+" is not day or week")
	}
	days, err := m.EventDays(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	out := histogramJSON{Bin: width, Bins: []bin{}, BBox: days.BBox, Sitrep: s.stamp()}
	for _, d := range days.Days {
		start := d.Day
		if width == "week" {
			t, err := time.Parse(time.DateOnly, d.Day)
			if err != nil {
				return err
			}
			start = t.AddDate(0, 0, -(int(t.Weekday())+6)%7).Format(time.DateOnly)
		}
		if n := len(out.Bins); n > 0 && out.Bins[n-1].Start == start {
			out.Bins[n-1].Count += d.Count
		} else {
			out.Bins = append(out.Bins, bin{Start: start, Count: d.Count})
		}
		out.Events += d.Count
	}
	if n := len(days.Days); n > 0 {
		out.First, out.Last = days.Days[0].Day, days.Days[n-1].Day
	}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// placeControl is who holds a place on the day asked for.
type placeControl struct {
	Place  record.PlaceRef `json:"place"`
	Side   string          `json:"side"`
	Status string          `json:"status"`
	From   string          `json:"from"`
	// To is the day another side took it; always after the day asked for, and
	// empty while no one has.
	To string `json:"to,omitempty"`
	// Evidence and Against count the statements for and against the interval.
	Evidence int    `json:"evidence"`
	Against  int    `json:"against"`
	Why      string `json:"why"`
}

type asOfJSON struct {
	Date   string         `json:"date"`
	Places []placeControl `json:"places"`
	// Truncated says there were more statements than are read for one answer.
	Truncated bool          `json:"truncated"`
	Sitrep    picture.Stamp `json:"sitrep"`
}

// maxAsOfStatements bounds the control statements read for one as-of answer.
const maxAsOfStatements = 100000

func (s *Server) controlAsOf(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, textFormats)
	if err != nil {
		return err
	}
	d := r.URL.Query().Get("date")
	date, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return errorf(http.StatusBadRequest, "date "+strconv.Quote(d)+" is not a date (YYYY-MM-DD); it is required")
	}
	// Every statement up to the day weighs in the timeline, as in
	// /api/control/timeline; later ones cannot change who held the place then.
	q := req.q
	if q.To.IsZero() || date.Before(q.To) {
		q.To = date
	}
	q.Limit, q.Cursor = picture.MaxLimit, ""
	byPlace := map[string][]picture.Control{}
	var keys []string
	out := asOfJSON{Date: d, Places: []placeControl{}, Sitrep: s.stamp()}
	n := 0
	for {
		p, err := req.pic.Control(r.Context(), q)
		if err != nil {
			return pictureErr(err)
		}
		for _, c := range p.Items {
			k := placeKey(c.Place)
			if k == "" {
				continue
			}
			if byPlace[k] == nil {
				keys = append(keys, k)
			}
			byPlace[k] = append(byPlace[k], c)
		}
		n += len(p.Items)
		if p.Next == "" {
			break
		}
		if n >= maxAsOfStatements {
			out.Truncated = true
			break
		}
		q.Cursor = p.Next
	}
	slices.Sort(keys)
	for _, k := range keys {
		tl := picture.BuildTimeline(byPlace[k])
		iv, ok := tl.AsOf(date)
		if !ok {
			continue
		}
		out.Places = append(out.Places, placeControl{Place: tl.Place, Side: iv.Side, Status: iv.Status, From: iv.From,
			To: iv.To, Evidence: len(iv.Evidence), Against: len(iv.Against), Why: iv.Why})
	}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// placeKey names a place for grouping: its GeoNames id, else its name and point.
func placeKey(p record.PlaceRef) string {
	if p.GeonameID != 0 {
		return strconv.FormatInt(p.GeonameID, 10)
	}
	if p.Name == "" || p.Lat == 0 && p.Lon == 0 {
		return ""
	}
	return strings.ToLower(p.Name) + "@" + strconv.FormatFloat(p.Lat, 'f', 4, 64) + "," + strconv.FormatFloat(p.Lon, 'f', 4, 64)
}

// Evidence of an event.

// mark is a span of the sentence that matched: the place, an actor, the
// source's mention, the attribution cue, or a word of the search.
type mark struct {
	Start int    `json:"start"` // code points from the sentence's start
	End   int    `json:"end"`
	Kind  string `json:"kind"` // place | actor | target | source | cue | query
	Text  string `json:"text"`
}

// segment is a run of the sentence, marked or not; the segments spell the
// sentence, so a client shows them in order without counting code points.
type segment struct {
	Text string `json:"text"`
	Mark string `json:"mark,omitempty"`
}

type docLink struct {
	picture.Doc
	// Link and Record are this API's routes for the document and its record.
	Link   string `json:"link"`
	Record string `json:"record"`
}

// mention is one report of the event.
type mention struct {
	EventID  int64            `json:"event_id"`
	Type     string           `json:"type"`
	Modality string           `json:"modality"`
	Date     string           `json:"date,omitempty"`
	Place    *record.PlaceRef `json:"place,omitempty"`
	Actor    *record.Actor    `json:"actor,omitempty"`
	Target   *record.Actor    `json:"target,omitempty"`
	Document docLink          `json:"document"`
	// Sentence is the evidence; SentenceStart its offset in the document's text.
	Sentence      string    `json:"sentence"`
	SentenceStart int       `json:"sentence_start"`
	Marks         []mark    `json:"marks"`
	Segments      []segment `json:"segments"`
	// Source is who the document says reports the event, else the outlet;
	// Grade is the Admiralty grade of the claim that carries it, when one does.
	Source     string `json:"source"`
	SourceType string `json:"source_type,omitempty"`
	Grade      string `json:"grade,omitempty"`
}

type evidenceJSON struct {
	Event picture.Event `json:"event"`
	// Fused is the fused event the mention belongs to, its mentions in Mentions
	// (the event asked for first); Why says why each other one joined.
	FusedID   string        `json:"fused_id"`
	Documents int           `json:"documents"`
	Stories   int           `json:"stories"`
	Why       []string      `json:"why"`
	Mentions  []mention     `json:"mentions"`
	Sitrep    picture.Stamp `json:"sitrep"`
}

// Bounds on an evidence answer: the candidates fusion looks at, and the mentions
// shown.
const (
	maxEvidenceCandidates = 2000
	maxEvidenceMentions   = 50
)

func (s *Server) eventEvidence(w http.ResponseWriter, r *http.Request) error {
	req, m, err := s.mapper(r, textFormats)
	if err != nil {
		return err
	}
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return errorf(http.StatusBadRequest, "event id "+strconv.Quote(raw)+" is not a positive number")
	}
	ev, err := m.Event(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return errorf(http.StatusNotFound, "no event with id "+strconv.FormatInt(id, 10))
	}
	if err != nil {
		return err
	}
	fused, err := s.fuseAround(r.Context(), req.pic, ev)
	if err != nil {
		return err
	}
	out := evidenceJSON{Event: ev, FusedID: fused.ID, Documents: fused.Documents, Stories: fused.Stories,
		Why: fused.Why, Mentions: []mention{}, Sitrep: s.stamp()}
	if out.Why == nil {
		out.Why = []string{}
	}
	// The mention asked for first, the others in fusion's order.
	ms := slices.Clone(fused.Mentions)
	slices.SortStableFunc(ms, func(a, b picture.Event) int {
		return cmp.Compare(boolInt(a.ID != id), boolInt(b.ID != id))
	})
	recs := map[string]*record.Record{}
	terms := queryTerms(req.q.Text)
	for _, e := range ms[:min(len(ms), maxEvidenceMentions)] {
		rec, ok := recs[e.Document.ID]
		if !ok {
			if rec, err = s.st.Get(r.Context(), e.Document.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			recs[e.Document.ID] = rec
		}
		out.Mentions = append(out.Mentions, evidenceOf(e, rec, terms))
	}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, out)
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fuseAround fuses the event with the mentions that could join it — the same
// type, within fusion's reach in space and time — and returns its fused event.
func (s *Server) fuseAround(ctx context.Context, pic picture.Picture, ev picture.Event) (picture.Fused, error) {
	rules := picture.DefaultRules
	q := picture.Query{Types: []string{ev.Type}, Limit: maxEvidenceCandidates}
	if p := ev.Place; p != nil && !(p.Lat == 0 && p.Lon == 0) {
		const deg = 0.5 // more than MaxKm (25 km) in latitude, and in longitude up to 60° N
		q.BBox = &picture.BBox{West: max(p.Lon-deg, -180), South: max(p.Lat-deg, -90), East: min(p.Lon+deg, 180), North: min(p.Lat+deg, 90)}
	}
	day := ev.Date
	if len(day) < 10 {
		day = ev.Document.Published
	}
	if len(day) >= 10 {
		if t, err := time.Parse(time.DateOnly, day[:10]); err == nil {
			reach := rules.MaxDays + 31 // and the looser precision: a month at most
			q.From, q.To = t.AddDate(0, 0, -reach), t.AddDate(0, 0, reach)
		}
	}
	p, err := pic.Events(ctx, q)
	if err != nil {
		return picture.Fused{}, err
	}
	cands := p.Items
	if !slices.ContainsFunc(cands, func(e picture.Event) bool { return e.ID == ev.ID }) {
		cands = append(cands, ev)
	}
	apart := picture.Apart{}
	if sp, ok := s.st.(picture.Splitter); ok {
		ids := make([]int64, len(cands))
		for i, e := range cands {
			ids[i] = e.ID
		}
		if apart, err = sp.Apart(ctx, ids); err != nil {
			return picture.Fused{}, err
		}
	}
	for _, f := range picture.Fuse(cands, apart, rules) {
		if slices.ContainsFunc(f.Mentions, func(e picture.Event) bool { return e.ID == ev.ID }) {
			return f, nil
		}
	}
	// Fusion puts every mention in some fused event; this is only a fallback.
	return picture.Fused{ID: "f" + strconv.FormatInt(ev.ID, 10), Documents: 1, Stories: 1, Mentions: []picture.Event{ev}}, nil
}

// evidenceOf is one mention's evidence: its sentence, with the words of its record
// that made it — place, actors, source, cue — and the search's words marked.
func evidenceOf(e picture.Event, rec *record.Record, terms []string) mention {
	m := mention{EventID: e.ID, Type: e.Type, Modality: e.Modality, Date: e.Date, Place: e.Place, Actor: e.Actor,
		Target: e.Target, Sentence: e.EvidenceText, SentenceStart: e.Evidence.Start, Marks: []mark{}}
	m.Document = docLink{Doc: e.Document, Link: "/api/documents/" + url.PathEscape(e.Document.ID),
		Record: "/api/records/" + url.PathEscape(e.Document.ID)}
	m.Source = e.Document.Outlet
	if e.Source != nil && e.Source.Name != "" {
		m.Source, m.SourceType = e.Source.Name, e.Source.Type
	}
	lo, hi := e.Evidence.Start, e.Evidence.End
	sentence := []rune(e.EvidenceText)
	var marks []mark
	add := func(start, end int, kind string) {
		if start >= lo && end <= hi && start < end {
			marks = append(marks, mark{Start: start - lo, End: end - lo, Kind: kind})
		}
	}
	if rec != nil {
		for _, p := range rec.Places {
			if e.Place != nil && (p.GeonameID == e.Place.GeonameID && p.GeonameID != 0 || strings.EqualFold(p.Name, e.Place.Name)) {
				add(p.Start, p.End, "place")
			}
		}
		if e.Source != nil && e.Source.Mention != nil {
			add(e.Source.Mention.Start, e.Source.Mention.End, "source")
		}
		for _, c := range rec.Claims {
			if c.Cue.Start >= lo && c.Cue.End <= hi {
				add(c.Cue.Start, c.Cue.End, "cue")
			}
			overlaps := c.Content.Start < hi && c.Content.End > lo || c.Cue.Start >= lo && c.Cue.End <= hi
			if overlaps && m.Grade == "" && (e.Source == nil || strings.EqualFold(c.Source.Name, e.Source.Name)) {
				m.Grade = c.Grade
			}
		}
	}
	for _, ka := range []struct {
		kind string
		a    *record.Actor
	}{{"actor", e.Actor}, {"target", e.Target}} {
		kind, a := ka.kind, ka.a
		if a == nil || a.Name == "" {
			continue
		}
		for _, at := range findWord(sentence, a.Name) {
			marks = append(marks, mark{Start: at, End: at + len([]rune(a.Name)), Kind: kind})
		}
	}
	for _, t := range terms {
		for _, at := range findWord(sentence, t) {
			marks = append(marks, mark{Start: at, End: at + len([]rune(t)), Kind: "query"})
		}
	}
	// Marks never overlap, so the segments never nest: where two would, the
	// kind that says more about the event wins (the place over an actor phrase
	// that contains it), then the shorter.
	slices.SortStableFunc(marks, func(a, b mark) int {
		return cmp.Or(cmp.Compare(markRank[a.Kind], markRank[b.Kind]), cmp.Compare(a.End-a.Start, b.End-b.Start))
	})
	var kept []mark
	for _, mk := range marks {
		if mk.End > len(sentence) || slices.ContainsFunc(kept, func(k mark) bool { return mk.Start < k.End && k.Start < mk.End }) {
			continue
		}
		mk.Text = string(sentence[mk.Start:mk.End])
		kept = append(kept, mk)
	}
	slices.SortFunc(kept, func(a, b mark) int { return cmp.Compare(a.Start, b.Start) })
	end := 0
	for _, mk := range kept {
		if mk.Start > end {
			m.Segments = append(m.Segments, segment{Text: string(sentence[end:mk.Start])})
		}
		m.Segments = append(m.Segments, segment{Text: mk.Text, Mark: mk.Kind})
		m.Marks = append(m.Marks, mk)
		end = mk.End
	}
	if end < len(sentence) || len(m.Segments) == 0 {
		m.Segments = append(m.Segments, segment{Text: string(sentence[end:])})
	}
	return m
}

// markRank orders the kinds of mark where two overlap: lower wins.
var markRank = map[string]int{"place": 0, "source": 1, "cue": 2, "query": 3, "actor": 4, "target": 5}

// findWord finds word in s, ignoring case, where it stands as a whole word (or
// the start of one, for a search's prefix): the code-point offsets.
func findWord(s []rune, word string) []int {
	w := []rune(strings.ToLower(word))
	if len(w) == 0 {
		return nil
	}
	var out []int
	for i := 0; i+len(w) <= len(s); i++ {
		if i > 0 && isWordRune(s[i-1]) {
			continue
		}
		ok := true
		for j, r := range w {
			if unicode.ToLower(s[i+j]) != r {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
			i += len(w) - 1
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// queryTerms are the words of a full-text search worth marking: not the
// operators, not the punctuation.
func queryTerms(q string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(q, func(r rune) bool { return !isWordRune(r) && r != '-' && r != '\'' }) {
		f = strings.Trim(f, "-'")
		if f == "" || f == "OR" || f == "AND" || f == "NOT" || f == "NEAR" {
			continue
		}
		out = append(out, f)
	}
	return out
}
