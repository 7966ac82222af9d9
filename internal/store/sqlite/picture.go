package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/store"
)

var _ picture.Picture = (*Store)(nil)

// kind describes one picture table for the query builder: which columns the
// filters read, and whether it has an R*Tree.
type kind struct {
	table  string
	geo    bool   // has <table>_geo
	dated  bool   // day is the item's own date, not only the publication date
	typ    string // column for Query.Types
	side   string // column for Query.Sides, "" when sides do not apply
	source string // column for Query.Source (besides the document's outlet)
	extra  string // one more column handed to the decoder, or NULL
}

var (
	eventsKind  = kind{table: "events", geo: true, dated: true, typ: "type", side: "actor_country", source: "source", extra: "t.location"}
	placesKind  = kind{table: "places", geo: true, typ: "kind", source: "name", extra: "NULL"}
	quotesKind  = kind{table: "quotes", typ: "kind", source: "speaker", extra: "NULL"}
	claimsKind  = kind{table: "claims", typ: "source_type", source: "source", extra: "NULL"}
	controlKind = kind{table: "control", geo: true, dated: true, typ: "action", side: "side", source: "source", extra: "NULL"}
)

// Events answers an event query.
func (s *Store) Events(ctx context.Context, q picture.Query) (picture.Page[picture.Event], error) {
	return queryPicture(ctx, s, eventsKind, q, picture.DecodeEvent)
}

// Places answers a place-mention query.
func (s *Store) Places(ctx context.Context, q picture.Query) (picture.Page[picture.Place], error) {
	return queryPicture(ctx, s, placesKind, q, picture.DecodePlace)
}

// Quotes answers a quotation query.
func (s *Store) Quotes(ctx context.Context, q picture.Query) (picture.Page[picture.Quote], error) {
	return queryPicture(ctx, s, quotesKind, q, picture.DecodeQuote)
}

// Claims answers a claim query.
func (s *Store) Claims(ctx context.Context, q picture.Query) (picture.Page[picture.Claim], error) {
	return queryPicture(ctx, s, claimsKind, q, picture.DecodeClaim)
}

// Control answers a control-statement query.
func (s *Store) Control(ctx context.Context, q picture.Query) (picture.Page[picture.Control], error) {
	return queryPicture(ctx, s, controlKind, q, picture.DecodeControl)
}

// pictureSQL builds the statement for q over k. Rows come newest stored first
// (id descending), and the cursor is the last id of the page.
func pictureSQL(k kind, q picture.Query) (string, []any, int, error) {
	limit, err := q.PageLimit()
	if err != nil {
		return "", nil, 0, err
	}
	before := int64(math.MaxInt64)
	if q.Cursor != "" {
		if before, err = decodeCursor(q.Cursor); err != nil {
			return "", nil, 0, err
		}
	}
	from, where, args, err := filterSQL(k, q)
	if err != nil {
		return "", nil, 0, err
	}
	where = append(where, "t.id < ?")
	args = append(args, before, limit+1)
	// Two steps: find the page's ids from the item table and its indexes alone,
	// then read the documents for those rows only. Joining documents first would
	// read a document row (text and record, overflow pages) for every candidate.
	stmt := fmt.Sprintf(`WITH hits AS (
	SELECT t.id %s
	WHERE %s
	ORDER BY t.id DESC
	LIMIT ?
)
SELECT t.id, t.n, t.item, d.id, d.caller_id, d.url, d.outlet, d.title, d.published,
	substr(d.text, t.s + 1, t.e - t.s), %s,
	(SELECT o.id FROM near_duplicates AS n JOIN documents AS o ON o.seq = n.of WHERE n.doc = t.doc)
FROM hits JOIN %s AS t ON t.id = hits.id JOIN documents AS d ON d.seq = t.doc
ORDER BY t.id DESC`, from, strings.Join(where, "\n\tAND "), k.extra, k.table)
	return stmt, args, limit, nil
}

// filterSQL is the FROM and WHERE of q's filters over k (the table as t), with
// their arguments; the pages, the map's aggregates and the sources share it.
func filterSQL(k kind, q picture.Query) (string, []string, []any, error) {
	if err := q.Applies(k.table, k.geo, k.side != ""); err != nil {
		return "", nil, nil, err
	}
	var (
		from  strings.Builder
		where = []string{"1"}
		args  []any
	)
	fmt.Fprintf(&from, "FROM %s AS t", k.table)
	first, last := dayBounds(q)
	if q.BBox != nil {
		// The R*Tree stores 32-bit floats rounded outwards; the exact test on the
		// table's own columns keeps points just outside the box out.
		fmt.Fprintf(&from, " JOIN %s_geo AS g ON g.id = t.id", k.table)
		where = append(where, "g.west <= ? AND g.east >= ? AND g.south <= ? AND g.north >= ?",
			"t.lon BETWEEN ? AND ? AND t.lat BETWEEN ? AND ?")
		args = append(args, q.BBox.East, q.BBox.West, q.BBox.North, q.BBox.South,
			q.BBox.West, q.BBox.East, q.BBox.South, q.BBox.North)
		if first != nil || last != nil {
			where = append(where, "g.first_day <= ? AND g.last_day >= ?")
			args = append(args, valueOr(last, noDay), valueOr(first, -noDay))
		}
	}
	// With a box, the R*Tree leads (box and window in one probe) and the other
	// columns are only checked: a unary + keeps the planner off their indexes,
	// which would visit every item of the type in the window across the country.
	col := "t."
	if q.BBox != nil {
		col = "+t."
	}
	if first != nil {
		where = append(where, col+"day >= ?")
		args = append(args, *first)
	}
	if last != nil {
		where = append(where, col+"day <= ?")
		args = append(args, *last)
	}
	if len(q.Types) > 0 {
		where = append(where, fmt.Sprintf("%s%s IN (%s)", col, k.typ, placeholders(len(q.Types))))
		for _, v := range q.Types {
			args = append(args, v)
		}
	}
	if q.GeonameID != 0 {
		where = append(where, "t.geonameid = ?")
		args = append(args, q.GeonameID)
	}
	if len(q.Sides) > 0 {
		where = append(where, fmt.Sprintf("%s%s IN (%s)", col, k.side, placeholders(len(q.Sides))))
		for _, v := range q.Sides {
			args = append(args, strings.ToUpper(v))
		}
	}
	if src := strings.TrimSpace(q.Source); src != "" {
		where = append(where, fmt.Sprintf("(t.%s = ? OR t.doc IN (SELECT seq FROM documents WHERE outlet = ? COLLATE NOCASE))", k.source))
		args = append(args, src, src)
	}
	if strings.TrimSpace(q.Text) != "" {
		expr, err := matchExpr(q.Text)
		if err != nil {
			return "", nil, nil, err
		}
		where = append(where, "t.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
		args = append(args, expr)
	}
	if q.Unique {
		where = append(where, "t.doc NOT IN (SELECT doc FROM near_duplicates)")
	}
	return from.String(), where, args, nil
}

func valueOr(p *int64, def int64) int64 {
	if p == nil {
		return def
	}
	return *p
}

// dayBounds turns the query's time window into day numbers.
func dayBounds(q picture.Query) (first, last *int64) {
	if !q.From.IsZero() {
		d := q.From.Unix() / 86400
		first = &d
	}
	if !q.To.IsZero() {
		d := q.To.Unix() / 86400
		last = &d
	}
	return first, last
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// queryPicture runs a picture query over k and decodes each row with decode.
func queryPicture[T any](ctx context.Context, s *Store, k kind, q picture.Query, decode func(picture.Item, []byte, []byte) (T, error)) (picture.Page[T], error) {
	stmt, args, limit, err := pictureSQL(k, q)
	if err != nil {
		return picture.Page[T]{}, err
	}
	rows, err := s.r.QueryContext(ctx, stmt, args...)
	if err != nil {
		return picture.Page[T]{}, s.pictureErr(ctx, k, q, err)
	}
	defer rows.Close()
	page := picture.Page[T]{Items: []T{}}
	var last int64
	for rows.Next() {
		if len(page.Items) == limit {
			page.Next = encodeCursor(last)
			break
		}
		var (
			it     picture.Item
			js     []byte
			extra  []byte
			caller sql.NullString
			dupOf  sql.NullString
		)
		if err := rows.Scan(&it.ID, &it.Index, &js, &it.Document.ID, &caller, &it.Document.URL, &it.Document.Outlet,
			&it.Document.Title, &it.Document.Published, &it.EvidenceText, &extra, &dupOf); err != nil {
			return picture.Page[T]{}, s.pictureErr(ctx, k, q, err)
		}
		it.Document.CallerID = caller.String
		it.Document.DuplicateOf = dupOf.String
		last = it.ID
		v, err := decode(it, js, extra)
		if err != nil {
			return picture.Page[T]{}, fmt.Errorf("%s row %d in %s is corrupt: %w", k.table, it.ID, s.path, err)
		}
		page.Items = append(page.Items, v)
	}
	if err := rows.Err(); err != nil {
		return picture.Page[T]{}, s.pictureErr(ctx, k, q, err)
	}
	return page, nil
}

// pictureErr wraps a query error; a full-text query FTS5 rejects is the caller's.
func (s *Store) pictureErr(ctx context.Context, k kind, q picture.Query, err error) error {
	if e := s.listErr(ctx, store.Query{Text: q.Text}, err); errors.Is(e, store.ErrBadQuery) {
		return e
	}
	return fmt.Errorf("query %s in %s: %w", k.table, s.path, ctxErr(ctx, err))
}
