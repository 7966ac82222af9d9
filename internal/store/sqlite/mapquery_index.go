package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/sitrep/sitrep/internal/picture"
)

// The map's column index: every event's id, point, day, type and side, held in
// memory so that clustering a view of 100,000 events is a scan of a few slices
// (milliseconds) rather than 100,000 rows read through SQLite (most of a second,
// however the rows are indexed: SQLite costs microseconds a row). Events are only
// ever appended (documents are not deleted, and events get ever larger ids), so
// the index catches up by reading the rows past its largest id, which every query
// first asks SQLite for (one probe of the primary key). A full-text or uniqueness
// filter is a set of documents, which SQLite finds (FTS5, near_duplicates) and the
// scan then checks; a source or place filter goes to SQL instead.
//
// About 42 bytes an event: 42 MB for a million.

type eventIndex struct {
	mu    sync.RWMutex
	maxID int64
	ids   []int64
	doc   []int64   // the document's seq
	lon   []float64 // NaN without a place
	lat   []float64
	day   []int32 // noIndexDay without one
	typ   []uint16
	side  []uint16
	names []string // typ and side values index this
	code  map[string]uint16
}

const noIndexDay = math.MinInt32

var (
	indexesMu sync.Mutex
	indexes   = map[weak.Pointer[Store]]*eventIndex{}
)

// indexOf is the store's event index, made on first use and forgotten when the
// store is collected. (A field of Store would do as well; this keeps the map's
// code in its own files.)
func indexOf(s *Store) *eventIndex {
	key := weak.Make(s)
	indexesMu.Lock()
	defer indexesMu.Unlock()
	ix := indexes[key]
	if ix == nil {
		ix = &eventIndex{code: map[string]uint16{"": 0}, names: []string{""}}
		indexes[key] = ix
		runtime.AddCleanup(s, func(k weak.Pointer[Store]) {
			indexesMu.Lock()
			delete(indexes, k)
			indexesMu.Unlock()
		}, key)
	}
	return ix
}

// indexable says whether the index can answer q: filters on its columns and on
// sets of documents.
func indexable(q picture.Query) bool {
	return strings.TrimSpace(q.Source) == "" && q.GeonameID == 0
}

// docSets are the documents a query's full-text filter keeps (nil: no filter) and
// those its uniqueness filter drops.
type docSets struct {
	match map[int64]bool
	dups  map[int64]bool
}

func (s *Store) docSets(ctx context.Context, q picture.Query) (docSets, error) {
	var d docSets
	read := func(stmt string, args ...any) (map[int64]bool, error) {
		rows, err := s.r.QueryContext(ctx, stmt, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		set := map[int64]bool{}
		for rows.Next() {
			var seq int64
			if err := rows.Scan(&seq); err != nil {
				return nil, err
			}
			set[seq] = true
		}
		return set, rows.Err()
	}
	if strings.TrimSpace(q.Text) != "" {
		expr, err := matchExpr(q.Text)
		if err != nil {
			return d, err
		}
		if d.match, err = read(`SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?`, expr); err != nil {
			return d, s.mapErr(ctx, q, err)
		}
	}
	if q.Unique {
		var err error
		if d.dups, err = read(`SELECT doc FROM near_duplicates`); err != nil {
			return d, s.mapErr(ctx, q, err)
		}
	}
	return d, nil
}

// fresh brings the index up to date with the store and returns it read-locked;
// the caller unlocks.
func (ix *eventIndex) fresh(ctx context.Context, db *sql.DB) error {
	var top sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(id) FROM events`).Scan(&top); err != nil {
		return err
	}
	ix.mu.RLock()
	if top.Int64 == ix.maxID {
		return nil
	}
	ix.mu.RUnlock()
	ix.mu.Lock()
	err := ix.load(ctx, db, top.Int64)
	ix.mu.Unlock()
	ix.mu.RLock()
	if err != nil {
		ix.mu.RUnlock()
	}
	return err
}

// load reads the events past maxID up to top; with top below maxID (the store
// was changed behind its back), it starts again.
func (ix *eventIndex) load(ctx context.Context, db *sql.DB, top int64) error {
	if top < ix.maxID {
		*ix = eventIndex{code: map[string]uint16{"": 0}, names: []string{""}}
	}
	if top == ix.maxID {
		return nil // another query caught up meanwhile
	}
	rows, err := db.QueryContext(ctx, `SELECT id, doc, lon, lat, day, type, actor_country FROM events WHERE id > ? AND id <= ? ORDER BY id`, ix.maxID, top)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := len(ix.ids)
	for rows.Next() {
		var (
			id, doc    int64
			lon, lat   sql.NullFloat64
			day        sql.NullInt64
			typ, side  sql.NullString
			pLon, pLat = math.NaN(), math.NaN()
		)
		if err := rows.Scan(&id, &doc, &lon, &lat, &day, &typ, &side); err != nil {
			return err
		}
		if lon.Valid && lat.Valid && !(lon.Float64 == 0 && lat.Float64 == 0) {
			pLon, pLat = lon.Float64, lat.Float64
		}
		d := int32(noIndexDay)
		if day.Valid && day.Int64 > math.MinInt32 && day.Int64 <= math.MaxInt32 {
			d = int32(day.Int64)
		}
		ix.ids = append(ix.ids, id)
		ix.doc = append(ix.doc, doc)
		ix.lon = append(ix.lon, pLon)
		ix.lat = append(ix.lat, pLat)
		ix.day = append(ix.day, d)
		ix.typ = append(ix.typ, ix.intern(typ.String))
		ix.side = append(ix.side, ix.intern(side.String))
	}
	if err := rows.Err(); err != nil {
		// Keep what is whole: drop the rows of this read, so the next query
		// reads them again.
		ix.truncate(n)
		return err
	}
	ix.maxID = top
	return nil
}

func (ix *eventIndex) truncate(n int) {
	ix.ids, ix.doc, ix.lon, ix.lat, ix.day, ix.typ, ix.side = ix.ids[:n], ix.doc[:n], ix.lon[:n], ix.lat[:n], ix.day[:n], ix.typ[:n], ix.side[:n]
	if n > 0 {
		ix.maxID = ix.ids[n-1]
	} else {
		ix.maxID = 0
	}
}

func (ix *eventIndex) intern(s string) uint16 {
	if c, ok := ix.code[s]; ok {
		return c
	}
	if len(ix.names) > math.MaxUint16 {
		return 0 // more distinct values than any codebook has: counted as none
	}
	c := uint16(len(ix.names))
	ix.code[s] = c
	ix.names = append(ix.names, s)
	return c
}

// filter is q compiled against the index.
type filter struct {
	box        *picture.BBox
	first, end int32 // day window, inclusive
	dated      bool  // a window is set: undated events are out
	types      []bool
	sides      []bool
	docs       docSets
}

func (ix *eventIndex) compile(q picture.Query, docs docSets) filter {
	f := filter{box: q.BBox, first: math.MinInt32, end: math.MaxInt32, docs: docs}
	first, last := dayBounds(q)
	if first != nil {
		f.first, f.dated = int32(max(*first, math.MinInt32+1)), true
	}
	if last != nil {
		f.end, f.dated = int32(min(*last, math.MaxInt32)), true
	}
	set := func(vals []string, upper bool) []bool {
		if len(vals) == 0 {
			return nil
		}
		in := make([]bool, len(ix.names))
		for _, v := range vals {
			if upper {
				v = strings.ToUpper(v)
			}
			if c, ok := ix.code[v]; ok && v != "" {
				in[c] = true
			}
		}
		return in
	}
	f.types = set(q.Types, false)
	f.sides = set(q.Sides, true)
	return f
}

// keep says whether event i passes f (its place aside).
func (ix *eventIndex) keep(f *filter, i int) bool {
	if f.dated {
		if d := ix.day[i]; d == noIndexDay || d < f.first || d > f.end {
			return false
		}
	}
	if f.types != nil && !f.types[ix.typ[i]] {
		return false
	}
	if f.sides != nil && !f.sides[ix.side[i]] {
		return false
	}
	if f.docs.match != nil && !f.docs.match[ix.doc[i]] || f.docs.dups[ix.doc[i]] {
		return false
	}
	return true
}

func (ix *eventIndex) inBox(f *filter, i int) bool {
	lon, lat := ix.lon[i], ix.lat[i]
	if math.IsNaN(lon) {
		return false
	}
	b := f.box
	return b == nil || lon >= b.West && lon <= b.East && lat >= b.South && lat <= b.North
}

// clusters is EventClusters over the index.
func (ix *eventIndex) clusters(q picture.Query, docs docSets, cell float64) []picture.Cluster {
	f := ix.compile(q, docs)
	type acc struct {
		c          picture.Cluster
		sumX, sumY float64
		types      []int
	}
	cells := map[[2]int64]*acc{}
	var order []*acc
	for i := range ix.ids {
		if !ix.inBox(&f, i) || !ix.keep(&f, i) {
			continue
		}
		lon, lat := ix.lon[i], ix.lat[i]
		k := [2]int64{int64((lon + 180) / cell), int64((lat + 90) / cell)}
		a := cells[k]
		if a == nil {
			a = &acc{c: picture.Cluster{BBox: [4]float64{lon, lat, lon, lat}, ID: ix.ids[i]}, types: make([]int, len(ix.names))}
			cells[k] = a
			order = append(order, a)
		}
		a.c.Count++
		a.types[ix.typ[i]]++
		a.sumX += lon
		a.sumY += lat
		b := &a.c.BBox
		b[0], b[1], b[2], b[3] = min(b[0], lon), min(b[1], lat), max(b[2], lon), max(b[3], lat)
	}
	out := make([]picture.Cluster, 0, len(order))
	for _, a := range order {
		b := a.c.BBox
		a.c.Lon = min(max(a.sumX/float64(a.c.Count), b[0]), b[2])
		a.c.Lat = min(max(a.sumY/float64(a.c.Count), b[1]), b[3])
		if a.c.Count != 1 {
			a.c.ID = 0
		}
		a.c.Types = make(map[string]int)
		for t, n := range a.types {
			if n > 0 {
				a.c.Types[ix.names[t]] += n
			}
		}
		out = append(out, a.c)
	}
	return out
}

// days is EventDays over the index.
func (ix *eventIndex) days(q picture.Query, docs docSets) picture.Days {
	f := ix.compile(q, docs)
	count := map[int32]int{}
	out := picture.Days{Days: []picture.DayCount{}}
	var box [4]float64
	boxed := false
	for i := range ix.ids {
		if ix.day[i] == noIndexDay || !ix.keep(&f, i) {
			continue
		}
		placed := ix.inBox(&f, i)
		if f.box != nil && !placed {
			continue
		}
		count[ix.day[i]]++
		if !placed {
			continue
		}
		lon, lat := ix.lon[i], ix.lat[i]
		if !boxed {
			box, boxed = [4]float64{lon, lat, lon, lat}, true
		}
		box[0], box[1], box[2], box[3] = min(box[0], lon), min(box[1], lat), max(box[2], lon), max(box[3], lat)
	}
	days := make([]int32, 0, len(count))
	for d := range count {
		days = append(days, d)
	}
	slices.Sort(days)
	for _, d := range days {
		out.Days = append(out.Days, picture.DayCount{Day: time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly), Count: count[d]})
	}
	if boxed {
		out.BBox = &box
	}
	return out
}

// indexClusters answers EventClusters from the index when q allows.
func (s *Store) indexClusters(ctx context.Context, q picture.Query, cell float64) ([]picture.Cluster, bool, error) {
	if !indexable(q) {
		return nil, false, nil
	}
	docs, err := s.docSets(ctx, q)
	if err != nil {
		return nil, true, err
	}
	ix := indexOf(s)
	if err := ix.fresh(ctx, s.r); err != nil {
		return nil, true, fmt.Errorf("map index of %s: %w", s.path, ctxErr(ctx, err))
	}
	defer ix.mu.RUnlock()
	return ix.clusters(q, docs, cell), true, nil
}

// indexDays answers EventDays from the index when q allows.
func (s *Store) indexDays(ctx context.Context, q picture.Query) (picture.Days, bool, error) {
	if !indexable(q) {
		return picture.Days{}, false, nil
	}
	docs, err := s.docSets(ctx, q)
	if err != nil {
		return picture.Days{}, true, err
	}
	ix := indexOf(s)
	if err := ix.fresh(ctx, s.r); err != nil {
		return picture.Days{}, true, fmt.Errorf("map index of %s: %w", s.path, ctxErr(ctx, err))
	}
	defer ix.mu.RUnlock()
	return ix.days(q, docs), true, nil
}
