package postgres

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/store"
)

// The map's aggregates over events, as the SQLite store gives them: grid cells
// and counts per day, computed in SQL so that only cells and days leave the
// database.

var _ picture.Mapper = (*Store)(nil)

// EventClusters groups the placed events q selects into grid cells of cell
// degrees, aligned on (-180, -90); see picture.Mapper.
func (s *Store) EventClusters(ctx context.Context, q picture.Query, cell float64) ([]picture.Cluster, error) {
	if !(cell > 0) || math.IsInf(cell, 0) {
		return nil, fmt.Errorf("%w: cell size %v is not a positive number of degrees", picture.ErrBadQuery, cell)
	}
	var args params
	c := args.add(cell)
	where, err := filterSQL(eventsKind, q, &args)
	if err != nil {
		return nil, err
	}
	// pt[0] is the longitude, pt[1] the latitude. One row per cell and type,
	// folded into cells.
	stmt := fmt.Sprintf(`SELECT cx, cy, jsonb_object_agg(type, n), sum(n)::bigint, sum(sx), sum(sy), min(w), min(so), max(e), max(no), min(id)
FROM (
	SELECT floor((t.pt[0] + 180) / %[1]s)::bigint AS cx, floor((t.pt[1] + 90) / %[1]s)::bigint AS cy, t.type,
		count(*) AS n, sum(t.pt[0]) AS sx, sum(t.pt[1]) AS sy,
		min(t.pt[0]) AS w, min(t.pt[1]) AS so, max(t.pt[0]) AS e, max(t.pt[1]) AS no, min(t.id) AS id
	FROM events AS t
	WHERE t.pt IS NOT NULL AND %[2]s
	GROUP BY 1, 2, 3
) AS c
GROUP BY cx, cy
ORDER BY cx, cy`, c, strings.Join(where, "\n\tAND "))
	rows, err := s.pool.Query(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: event clusters: %w", err)
	}
	defer rows.Close()
	out := []picture.Cluster{}
	for rows.Next() {
		var (
			cx, cy int64
			cl     picture.Cluster
			n      int64
			sx, sy float64
		)
		if err := rows.Scan(&cx, &cy, &cl.Types, &n, &sx, &sy, &cl.BBox[0], &cl.BBox[1], &cl.BBox[2], &cl.BBox[3], &cl.ID); err != nil {
			return nil, fmt.Errorf("postgres: event clusters: %w", err)
		}
		cl.Count = int(n)
		// Clamped: a sum's rounding must not put the mean of equal points outside them.
		cl.Lon = min(max(sx/float64(n), cl.BBox[0]), cl.BBox[2])
		cl.Lat = min(max(sy/float64(n), cl.BBox[1]), cl.BBox[3])
		if cl.Count != 1 {
			cl.ID = 0
		}
		out = append(out, cl)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: event clusters: %w", err)
	}
	return out, nil
}

// EventDays counts the dated events q selects per day, with the box around those
// that have a place; see picture.Mapper.
func (s *Store) EventDays(ctx context.Context, q picture.Query) (picture.Days, error) {
	var args params
	where, err := filterSQL(eventsKind, q, &args)
	if err != nil {
		return picture.Days{}, err
	}
	stmt := fmt.Sprintf(`SELECT t.day, count(*), min(t.pt[0]), min(t.pt[1]), max(t.pt[0]), max(t.pt[1])
FROM events AS t
WHERE t.day IS NOT NULL AND %s
GROUP BY t.day
ORDER BY t.day`, strings.Join(where, "\n\tAND "))
	rows, err := s.pool.Query(ctx, stmt, args...)
	if err != nil {
		return picture.Days{}, fmt.Errorf("postgres: event days: %w", err)
	}
	defer rows.Close()
	out := picture.Days{Days: []picture.DayCount{}}
	for rows.Next() {
		var (
			day, n       int64
			w, so, e, no *float64
		)
		if err := rows.Scan(&day, &n, &w, &so, &e, &no); err != nil {
			return picture.Days{}, fmt.Errorf("postgres: event days: %w", err)
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
		return picture.Days{}, fmt.Errorf("postgres: event days: %w", err)
	}
	return out, nil
}

// Event returns one event mention by its id; see picture.Mapper.
func (s *Store) Event(ctx context.Context, id int64) (picture.Event, error) {
	if id <= 0 || id == math.MaxInt64 {
		return picture.Event{}, fmt.Errorf("event %d: %w", id, store.ErrNotFound)
	}
	p, err := s.Events(ctx, picture.Query{Cursor: strconv.FormatInt(id+1, 10), Limit: 1})
	if err != nil {
		return picture.Event{}, err
	}
	if len(p.Items) == 0 || p.Items[0].ID != id {
		return picture.Event{}, fmt.Errorf("event %d: %w", id, store.ErrNotFound)
	}
	return p.Items[0], nil
}
