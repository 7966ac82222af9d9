package sqlite

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/store"
)

// The map's aggregates over events: grid clusters and counts per day, computed in
// SQL so that only cells and days leave the database.

var _ picture.Mapper = (*Store)(nil)

// placed keeps events that have a place, as the R*Tree does: (0, 0) is no place.
const placed = "t.lat IS NOT NULL AND t.lon IS NOT NULL AND NOT (t.lat = 0 AND t.lon = 0)"

// eventFilter is the FROM and WHERE of an aggregate over the events q selects,
// with the same filters and index choice as the event pages.
func eventFilter(q picture.Query) (from string, where []string, args []any, err error) {
	return filterSQL(eventsKind, q)
}

// EventClusters groups events into grid cells: from the map's index in memory
// (mapquery_index.go) when the filters allow, else in SQL — one row per cell and
// type, folded into cells here.
func (s *Store) EventClusters(ctx context.Context, q picture.Query, cell float64) ([]picture.Cluster, error) {
	if !(cell > 0) || math.IsInf(cell, 0) {
		return nil, fmt.Errorf("%w: cell size %v is not a positive number of degrees", picture.ErrBadQuery, cell)
	}
	if cl, ok, err := s.indexClusters(ctx, q, cell); ok {
		return cl, err
	}
	return s.sqlClusters(ctx, q, cell)
}

// sqlClusters is EventClusters in SQL, for the filters the index cannot apply.
func (s *Store) sqlClusters(ctx context.Context, q picture.Query, cell float64) ([]picture.Cluster, error) {
	from, where, args, err := eventFilter(q)
	if err != nil {
		return nil, err
	}
	where = append(where, placed)
	// lon + 180 and lat + 90 are never negative, so CAST (which truncates)
	// floors them.
	stmt := fmt.Sprintf(`SELECT CAST((t.lon + 180) / ?1 AS INTEGER) AS cx, CAST((t.lat + 90) / ?1 AS INTEGER) AS cy, t.type,
	count(*), sum(t.lon), sum(t.lat), min(t.lon), min(t.lat), max(t.lon), max(t.lat), min(t.id)
%s
WHERE %s
GROUP BY cx, cy, t.type`, from, strings.Join(where, "\n\tAND "))
	// ?1 is the cell; the filters' placeholders follow it.
	stmt = numberPlaceholders(stmt, 2)
	rows, err := s.r.QueryContext(ctx, stmt, append([]any{cell}, args...)...)
	if err != nil {
		return nil, s.mapErr(ctx, q, err)
	}
	defer rows.Close()
	type key struct{ x, y int64 }
	type acc struct {
		c          picture.Cluster
		sumX, sumY float64
	}
	cells := map[key]*acc{}
	var order []key
	for rows.Next() {
		var (
			k                    key
			typ                  string
			n                    int
			sx, sy, w, so, e, no float64
			id                   int64
		)
		if err := rows.Scan(&k.x, &k.y, &typ, &n, &sx, &sy, &w, &so, &e, &no, &id); err != nil {
			return nil, s.mapErr(ctx, q, err)
		}
		a := cells[k]
		if a == nil {
			a = &acc{c: picture.Cluster{BBox: [4]float64{w, so, e, no}, Types: map[string]int{}, ID: id}}
			cells[k] = a
			order = append(order, k)
		}
		a.c.Count += n
		a.c.Types[typ] += n
		a.sumX += sx
		a.sumY += sy
		b := &a.c.BBox
		b[0], b[1], b[2], b[3] = min(b[0], w), min(b[1], so), max(b[2], e), max(b[3], no)
	}
	if err := rows.Err(); err != nil {
		return nil, s.mapErr(ctx, q, err)
	}
	out := make([]picture.Cluster, 0, len(order))
	for _, k := range order {
		a := cells[k]
		// Clamped: a sum's rounding must not put the mean of equal points outside them.
		b := a.c.BBox
		a.c.Lon = min(max(a.sumX/float64(a.c.Count), b[0]), b[2])
		a.c.Lat = min(max(a.sumY/float64(a.c.Count), b[1]), b[3])
		if a.c.Count != 1 {
			a.c.ID = 0
		}
		out = append(out, a.c)
	}
	return out, nil
}

// numberPlaceholders numbers the bare ? of stmt from n on, so they can follow
// numbered ones (SQLite gives a bare ? the number after the largest so far, which
// would do the same, but only when every ?N comes first in the text).
func numberPlaceholders(stmt string, n int) string {
	var b strings.Builder
	for i := 0; i < len(stmt); i++ {
		c := stmt[i]
		if c == '?' && (i+1 == len(stmt) || stmt[i+1] < '0' || stmt[i+1] > '9') {
			fmt.Fprintf(&b, "?%d", n)
			n++
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// EventDays counts events per day, from the map's index when the filters allow.
func (s *Store) EventDays(ctx context.Context, q picture.Query) (picture.Days, error) {
	if d, ok, err := s.indexDays(ctx, q); ok {
		return d, err
	}
	return s.sqlDays(ctx, q)
}

// sqlDays is EventDays in SQL.
func (s *Store) sqlDays(ctx context.Context, q picture.Query) (picture.Days, error) {
	from, where, args, err := eventFilter(q)
	if err != nil {
		return picture.Days{}, err
	}
	where = append(where, "t.day IS NOT NULL")
	// The extent is of placed events only; CASE hands min and max a NULL otherwise.
	stmt := fmt.Sprintf(`SELECT t.day, count(*),
	min(CASE WHEN %[1]s THEN t.lon END), min(CASE WHEN %[1]s THEN t.lat END),
	max(CASE WHEN %[1]s THEN t.lon END), max(CASE WHEN %[1]s THEN t.lat END)
%[2]s
WHERE %[3]s
GROUP BY t.day
ORDER BY t.day`, placed, from, strings.Join(where, "\n\tAND "))
	rows, err := s.r.QueryContext(ctx, stmt, args...)
	if err != nil {
		return picture.Days{}, s.mapErr(ctx, q, err)
	}
	defer rows.Close()
	out := picture.Days{Days: []picture.DayCount{}}
	for rows.Next() {
		var (
			day, n       int64
			w, so, e, no *float64
		)
		if err := rows.Scan(&day, &n, &w, &so, &e, &no); err != nil {
			return picture.Days{}, s.mapErr(ctx, q, err)
		}
		out.Days = append(out.Days, picture.DayCount{Day: time.Unix(day*86400, 0).UTC().Format(time.DateOnly), Count: int(n)})
		if w == nil {
			continue
		}
		if b := out.BBox; b == nil {
			out.BBox = &[4]float64{*w, *so, *e, *no}
		} else {
			b[0], b[1], b[2], b[3] = min(b[0], *w), min(b[1], *so), max(b[2], *e), max(b[3], *no)
		}
	}
	if err := rows.Err(); err != nil {
		return picture.Days{}, s.mapErr(ctx, q, err)
	}
	return out, nil
}

// Event returns one event by id: the page of events just before id+1, which is
// the event itself when it exists.
func (s *Store) Event(ctx context.Context, id int64) (picture.Event, error) {
	if id <= 0 || id == math.MaxInt64 {
		return picture.Event{}, fmt.Errorf("event %d: %w", id, store.ErrNotFound)
	}
	p, err := s.Events(ctx, picture.Query{Cursor: encodeCursor(id + 1), Limit: 1})
	if err != nil {
		return picture.Event{}, err
	}
	if len(p.Items) == 0 || p.Items[0].ID != id {
		return picture.Event{}, fmt.Errorf("event %d: %w", id, store.ErrNotFound)
	}
	return p.Items[0], nil
}

func (s *Store) mapErr(ctx context.Context, q picture.Query, err error) error {
	return s.pictureErr(ctx, eventsKind, q, err)
}
