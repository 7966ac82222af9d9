package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/picture"
)

// The situation picture on PostgreSQL: the same queries as the SQLite store
// answers, over the tables of migration 003, so that API servers over one
// PostgreSQL serve the picture and the map.

var (
	_ picture.Picture  = (*Store)(nil)
	_ picture.Splitter = (*Store)(nil)
)

// kind describes one picture table for the query builder.
type kind struct {
	table  string
	geo    bool   // has pt
	typ    string // column for Query.Types
	side   string // column for Query.Sides; "" when sides do not apply
	source string // column for Query.Source (besides the document's outlet)
	extra  string // one more column handed to the decoder, or NULL
}

var (
	eventsKind  = kind{table: "events", geo: true, typ: "type", side: "actor_country", source: "source", extra: "t.location"}
	placesKind  = kind{table: "picture_places", geo: true, typ: "kind", source: "name", extra: "NULL::jsonb"}
	quotesKind  = kind{table: "quotes", typ: "kind", source: "speaker", extra: "NULL::jsonb"}
	claimsKind  = kind{table: "claims", typ: "source_type", source: "source", extra: "NULL::jsonb"}
	controlKind = kind{table: "control", geo: true, typ: "action", side: "side", source: "source", extra: "NULL::jsonb"}
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
// (id descending); the cursor is the last id of the page, as in the SQLite store.
func pictureSQL(k kind, q picture.Query) (string, []any, int, error) {
	limit, err := q.PageLimit()
	if err != nil {
		return "", nil, 0, err
	}
	before := int64(math.MaxInt64)
	if q.Cursor != "" {
		v, err := strconv.ParseInt(q.Cursor, 10, 64)
		if err != nil || v <= 0 {
			return "", nil, 0, fmt.Errorf("%w: cursor %.40q is not one this store gave", picture.ErrBadQuery, q.Cursor)
		}
		before = v
	}
	var args params
	where, err := filterSQL(k, q, &args)
	if err != nil {
		return "", nil, 0, err
	}
	where = append(where, "t.id < "+args.add(before))
	// The page's ids come from the item table and its indexes alone; documents
	// are read for those rows only.
	stmt := fmt.Sprintf(`WITH hits AS (
	SELECT t.id FROM %[1]s AS t
	WHERE %[2]s
	ORDER BY t.id DESC
	LIMIT %[3]s
)
SELECT t.id, t.n, t.item, d.id, d.caller_id, coalesce(d.source ->> 'url', ''), coalesce(d.source ->> 'outlet', ''),
	coalesce(d.source ->> 'title', ''), coalesce(d.source ->> 'published', ''),
	substr(d.text, t.s + 1, greatest(t.e - t.s, 0)), %[4]s,
	(SELECT o.id FROM near_duplicates AS nd JOIN documents AS o ON o.seq = nd.of_seq WHERE nd.doc_seq = t.doc_seq)
FROM hits JOIN %[1]s AS t ON t.id = hits.id JOIN documents AS d ON d.seq = t.doc_seq
ORDER BY t.id DESC`, k.table, strings.Join(where, "\n\tAND "), args.add(limit+1), k.extra)
	return stmt, args, limit, nil
}

// params collects a statement's arguments.
type params []any

// add appends v and returns its placeholder.
func (p *params) add(v any) string {
	*p = append(*p, v)
	return "$" + strconv.Itoa(len(*p))
}

// filterSQL is the WHERE of q's filters over k (the table as t), with their
// arguments added to args. The map's aggregates use it too.
func filterSQL(k kind, q picture.Query, args *params) ([]string, error) {
	if err := q.Applies(k.table, k.geo, k.side != ""); err != nil {
		return nil, err
	}
	var where []string
	if q.BBox != nil {
		where = append(where, fmt.Sprintf("t.pt <@ box(point(%s, %s), point(%s, %s))",
			args.add(q.BBox.West), args.add(q.BBox.South), args.add(q.BBox.East), args.add(q.BBox.North)))
	}
	if !q.From.IsZero() {
		where = append(where, "t.day >= "+args.add(q.From.Unix()/86400))
	}
	if !q.To.IsZero() {
		where = append(where, "t.day <= "+args.add(q.To.Unix()/86400))
	}
	if len(q.Types) > 0 {
		where = append(where, fmt.Sprintf("t.%s = ANY (%s)", k.typ, args.add(q.Types)))
	}
	if q.GeonameID != 0 {
		where = append(where, "t.geonameid = "+args.add(q.GeonameID))
	}
	if len(q.Sides) > 0 {
		sides := make([]string, len(q.Sides))
		for i, v := range q.Sides {
			sides[i] = strings.ToUpper(v)
		}
		where = append(where, fmt.Sprintf("t.%s = ANY (%s)", k.side, args.add(sides)))
	}
	if src := strings.TrimSpace(q.Source); src != "" {
		p := args.add(src)
		where = append(where, fmt.Sprintf("(lower(t.%s) = lower(%s) OR t.doc_seq IN (SELECT seq FROM documents WHERE lower(source ->> 'outlet') = lower(%s)))", k.source, p, p))
	}
	if strings.TrimSpace(q.Text) != "" {
		pq, err := parseQuery(q.Text)
		if err != nil {
			return nil, err
		}
		where = append(where, fmt.Sprintf("t.doc_seq IN (SELECT seq FROM documents WHERE search @@ %s::tsquery)", args.add(pq.tsquery())))
	}
	if q.Unique {
		where = append(where, "t.doc_seq NOT IN (SELECT doc_seq FROM near_duplicates)")
	}
	if len(where) == 0 {
		where = append(where, "true")
	}
	return where, nil
}

// queryPicture runs a picture query over k and decodes each row with decode.
func queryPicture[T any](ctx context.Context, s *Store, k kind, q picture.Query, decode func(picture.Item, []byte, []byte) (T, error)) (picture.Page[T], error) {
	stmt, args, limit, err := pictureSQL(k, q)
	if err != nil {
		return picture.Page[T]{}, err
	}
	rows, err := s.pool.Query(ctx, stmt, args...)
	if err != nil {
		return picture.Page[T]{}, fmt.Errorf("postgres: query %s: %w", k.table, err)
	}
	defer rows.Close()
	page := picture.Page[T]{Items: []T{}}
	var last int64
	for rows.Next() {
		if len(page.Items) == limit {
			page.Next = strconv.FormatInt(last, 10)
			break
		}
		var (
			it           picture.Item
			js, extra    []byte
			caller, dupe *string
		)
		if err := rows.Scan(&it.ID, &it.Index, &js, &it.Document.ID, &caller, &it.Document.URL, &it.Document.Outlet,
			&it.Document.Title, &it.Document.Published, &it.EvidenceText, &extra, &dupe); err != nil {
			return picture.Page[T]{}, fmt.Errorf("postgres: query %s: %w", k.table, err)
		}
		if caller != nil {
			it.Document.CallerID = *caller
		}
		if dupe != nil {
			it.Document.DuplicateOf = *dupe
		}
		last = it.ID
		v, err := decode(it, js, extra)
		if err != nil {
			return picture.Page[T]{}, fmt.Errorf("postgres: %s row %d is corrupt: %w", k.table, it.ID, err)
		}
		page.Items = append(page.Items, v)
	}
	if err := rows.Err(); err != nil {
		return picture.Page[T]{}, fmt.Errorf("postgres: query %s: %w", k.table, err)
	}
	return page, nil
}

// fillPicture indexes the items of the documents just stored, within tx, and
// links near-duplicates among them and the documents stored before.
func fillPicture(ctx context.Context, tx pgx.Tx, seqs []int64, texts map[int64]string) error {
	if len(seqs) > 0 {
		if _, err := tx.Exec(ctx, "SELECT sitrep_fill_picture($1)", seqs); err != nil {
			return fmt.Errorf("picture: %w", err)
		}
	}
	return linkNearDuplicates(ctx, tx, seqs, texts)
}

// KeepApart records pairs of mentions never to be fused again. A pair naming a
// mention the store does not have is an ErrBadQuery, and nothing is recorded.
func (s *Store) KeepApart(ctx context.Context, pairs [][2]int64) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, p := range pairs {
			k := picture.Pair(p[0], p[1])
			if k[0] == k[1] {
				return fmt.Errorf("%w: mention %d cannot be kept apart from itself", picture.ErrBadQuery, k[0])
			}
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM events WHERE id IN ($1, $2)`, k[0], k[1]).Scan(&n); err != nil {
				return err
			}
			if n != 2 {
				return fmt.Errorf("%w: no mention %d or %d", picture.ErrBadQuery, k[0], k[1])
			}
			if _, err := tx.Exec(ctx, `INSERT INTO fusion_apart (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING`, k[0], k[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, picture.ErrBadQuery) {
		return fmt.Errorf("postgres: keep apart: %w", err)
	}
	return err
}

// Apart returns the recorded pairs that involve any of ids.
func (s *Store) Apart(ctx context.Context, ids []int64) (picture.Apart, error) {
	out := picture.Apart{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT a, b FROM fusion_apart WHERE a = ANY ($1) OR b = ANY ($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: read splits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return nil, fmt.Errorf("postgres: read splits: %w", err)
		}
		out[picture.Pair(a, b)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: read splits: %w", err)
	}
	return out, nil
}
