// Package postgres is the store.Store backend for running sitrep on several
// machines: workers and API servers share one PostgreSQL database (through pgx and
// its connection pool), so any of them can write and every API server sees the
// same picture.
//
// Records are written in bulk with COPY into a per-connection staging table and
// moved into place with INSERT ... ON CONFLICT DO NOTHING, so that a document is
// stored once however many workers race to store it. Full-text search is a GIN
// index over a tsvector that this package builds itself (see search.go). Every
// resolved place is also kept in a table indexed on (lat, lon) for box queries.
//
// The DSN is a PostgreSQL URL or key=value string as libpq takes it, plus pgxpool's
// pool_* settings. A search_path parameter
// (postgres://host/db?search_path=sitrep) keeps sitrep's tables in their own schema,
// created when missing. The schema is migrated on Open.
package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

// Store is a document store in a PostgreSQL database. It is safe for concurrent
// use, from many goroutines and many processes.
type Store struct {
	pool   *pgxpool.Pool
	schema string
}

var _ store.Store = (*Store)(nil)

// IsDSN reports whether name is a PostgreSQL URL rather than a file path.
func IsDSN(name string) bool {
	return strings.HasPrefix(name, "postgres://") || strings.HasPrefix(name, "postgresql://")
}

// Open connects to the database named by dsn and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's message quotes the DSN, password included; say only what failed.
		cause := errors.Unwrap(err)
		if cause == nil {
			cause = errors.New("malformed")
		}
		return nil, fmt.Errorf("postgres: parse DSN: %w", cause)
	}
	schema := firstSchema(cfg.ConnConfig.RuntimeParams["search_path"])

	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig.Copy())
	if err != nil {
		return nil, fmt.Errorf("postgres: connect to %s: %w", where(cfg), err)
	}
	err = migrate(ctx, conn, schema)
	conn.Close(context.WithoutCancel(ctx))
	if err != nil {
		return nil, fmt.Errorf("postgres: migrate %s: %w", where(cfg), err)
	}

	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		// Each connection stages its own COPY; ON COMMIT DELETE ROWS empties the
		// staging table at the end of every transaction, committed or not.
		_, err := c.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS put_stage (
			ord int, seq bigint, id text, caller_id text, source jsonb, record jsonb,
			text text, chars int, snippet text, search tsvector) ON COMMIT DELETE ROWS`)
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: pool for %s: %w", where(cfg), err)
	}
	return &Store{pool: pool, schema: schema}, nil
}

// where names the server and database of cfg for messages, without credentials.
func where(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s:%d/%s", c.Host, c.Port, c.Database)
}

// firstSchema returns the schema a search_path creates tables in: its first
// entry, unless that is a variable such as "$user".
func firstSchema(searchPath string) string {
	first, _, _ := strings.Cut(searchPath, ",")
	first = strings.TrimSpace(first)
	if strings.HasPrefix(first, `"`) && strings.HasSuffix(first, `"`) && len(first) >= 2 {
		return strings.ReplaceAll(first[1:len(first)-1], `""`, `"`)
	}
	if first == "" || strings.HasPrefix(first, "$") {
		return ""
	}
	return strings.ToLower(first) // unquoted identifiers fold to lower case
}

// Close closes every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Ping checks that the database answers. Workers use it to tell a database that is
// down from a batch it refuses.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping: %w", err)
	}
	return nil
}

// Schema returns the schema the store's tables live in ("" for the server's
// default search path).
func (s *Store) Schema() string { return s.schema }

// row is one record ready to stage. Everything is computed before the
// transaction begins, so the transaction holds its locks only for the writing.
type row struct {
	ord      int
	id       string
	callerID *string
	source   []byte
	record   []byte
	chars    int
	snippet  string
	search   pgtype.TSVector
	rec      *record.Record
}

// Put stores recs in one transaction; see store.Store.
func (s *Store) Put(ctx context.Context, recs []*record.Record) ([]store.PutResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := make([]store.PutResult, len(recs))
	if len(recs) == 0 {
		return res, nil
	}
	rows, err := prepare(recs, res)
	if err != nil {
		return nil, err
	}
	var stored map[string]bool
	// Writers racing on the same documents can still meet in a deadlock or a
	// serialisation failure; the transaction is then simply run again.
	for attempt := 1; ; attempt++ {
		stored, err = s.put(ctx, rows)
		if err == nil || attempt == 3 || !retryable(err) {
			break
		}
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
		return nil, fmt.Errorf("postgres: put %d records: %w", len(recs), err)
	}
	for i := range res {
		if !stored[res[i].ID] {
			res[i].Duplicate = true
		}
	}
	// A hash repeated in the batch: only its first appearance can be the one stored.
	first := map[string]int{}
	for i := range res {
		if j, seen := first[res[i].ID]; seen && j != i {
			res[i].Duplicate = true
		} else {
			first[res[i].ID] = i
		}
	}
	return res, nil
}

// prepare checks recs and encodes those to stage: the first record of each content
// hash. It fills in every result's ID.
func prepare(recs []*record.Record, res []store.PutResult) ([]row, error) {
	var rows []row
	seen := map[string]bool{}
	for i, r := range recs {
		if r == nil {
			return nil, fmt.Errorf("postgres: put: record %d is nil", i)
		}
		name := r.ID
		if name == "" {
			name = fmt.Sprintf("record %d", i)
		}
		if !utf8.ValidString(r.Text) {
			return nil, fmt.Errorf("postgres: put %s: text is not valid UTF-8", name)
		}
		if strings.TrimSpace(r.Text) == "" {
			return nil, fmt.Errorf("postgres: put %s: text is empty", name)
		}
		if strings.IndexByte(r.Text, 0) >= 0 {
			return nil, fmt.Errorf("postgres: put %s: text holds a NUL character, which PostgreSQL cannot store", name)
		}
		id := record.ContentHash(r.Text)
		res[i].ID = id
		if seen[id] {
			continue
		}
		seen[id] = true
		body := *r
		body.Text = ""
		rb, err := json.Marshal(&body)
		if err != nil {
			return nil, fmt.Errorf("postgres: put %s: %w", name, err)
		}
		sb, err := json.Marshal(r.Source)
		if err != nil {
			return nil, fmt.Errorf("postgres: put %s: %w", name, err)
		}
		// jsonb refuses the NUL character even escaped.
		if strings.Contains(string(rb), `\u0000`) {
			return nil, fmt.Errorf("postgres: put %s: record fields hold a NUL character", name)
		}
		var caller *string
		if r.ID != "" && r.ID != id {
			caller = &r.ID
		}
		rows = append(rows, row{ord: i, id: id, callerID: caller, source: sb, record: rb,
			chars: utf8.RuneCountInString(r.Text), snippet: opening(r.Text), search: tsvector(r.Text), rec: r})
	}
	return rows, nil
}

// put runs one attempt of a Put and returns the ids it stored.
func (s *Store) put(ctx context.Context, rows []row) (map[string]bool, error) {
	stored := map[string]bool{}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// Draw the sequence numbers in the caller's order, so later records in a
		// batch list as newer, although they are inserted in id order below.
		seqs := make([]int64, 0, len(rows))
		rs, err := tx.Query(ctx, "SELECT nextval('documents_seq') FROM generate_series(1, $1)", len(rows))
		if err != nil {
			return err
		}
		for rs.Next() {
			var v int64
			if err := rs.Scan(&v); err != nil {
				return err
			}
			seqs = append(seqs, v)
		}
		if err := rs.Err(); err != nil {
			return err
		}
		slices.Sort(seqs)

		_, err = tx.CopyFrom(ctx, pgx.Identifier{"put_stage"},
			[]string{"ord", "seq", "id", "caller_id", "source", "record", "text", "chars", "snippet", "search"},
			pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
				r := rows[i]
				return []any{r.ord, seqs[i], r.id, r.callerID, r.source, r.record, r.rec.Text, r.chars, r.snippet, r.search}, nil
			}))
		if err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		// Inserting in id order means two writers with overlapping batches take
		// their unique-index locks in the same order and cannot deadlock; the later
		// one waits for the earlier to commit and then finds the row there.
		ins, err := tx.Query(ctx, `INSERT INTO documents (seq, id, caller_id, source, record, text, chars, snippet, search)
			SELECT seq, id, caller_id, source, record, text, chars, snippet, search FROM put_stage ORDER BY id
			ON CONFLICT (id) DO NOTHING
			RETURNING id, seq`)
		if err != nil {
			return err
		}
		seqOf := map[string]int64{}
		for ins.Next() {
			var id string
			var seq int64
			if err := ins.Scan(&id, &seq); err != nil {
				return err
			}
			stored[id] = true
			seqOf[id] = seq
		}
		if err := ins.Err(); err != nil {
			return err
		}
		if err := copyPlaces(ctx, tx, rows, seqOf); err != nil {
			return err
		}
		// The picture of the documents stored, in stored order.
		var done []int64
		texts := map[int64]string{}
		for _, r := range rows {
			if seq, ok := seqOf[r.id]; ok {
				done = append(done, seq)
				texts[seq] = r.rec.Text
			}
		}
		slices.Sort(done)
		return fillPicture(ctx, tx, done, texts)
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

// copyPlaces writes the places of the documents just stored.
func copyPlaces(ctx context.Context, tx pgx.Tx, rows []row, seqOf map[string]int64) error {
	var places [][]any
	for _, r := range rows {
		seq, ok := seqOf[r.id]
		if !ok {
			continue
		}
		for n, p := range r.rec.Places {
			places = append(places, []any{seq, n, p.GeonameID, p.Name, p.Lat, p.Lon})
		}
	}
	if len(places) == 0 {
		return nil
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"places"}, []string{"doc_seq", "n", "geonameid", "name", "lat", "lon"}, pgx.CopyFromRows(places))
	if err != nil {
		return fmt.Errorf("copy places: %w", err)
	}
	return nil
}

// retryable reports whether err is a deadlock or serialisation failure, after
// which the same transaction may succeed.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// Get returns the record with this content hash or, failing that, the first
// stored with this caller id.
func (s *Store) Get(ctx context.Context, id string) (*record.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if id == "" || !utf8.ValidString(id) || strings.IndexByte(id, 0) >= 0 {
		return nil, store.ErrNotFound
	}
	var (
		hash   string
		caller *string
		text   string
		body   []byte
	)
	err := s.pool.QueryRow(ctx, `SELECT id, caller_id, text, record FROM documents
		WHERE id = $1 OR caller_id = $1
		ORDER BY id = $1 DESC, seq LIMIT 1`, id).Scan(&hash, &caller, &text, &body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: get %q: %w", id, err)
	}
	var r record.Record
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("postgres: get %q: decode record: %w", id, err)
	}
	r.Text = text
	r.ID = hash
	if caller != nil {
		r.ID = *caller
	}
	return &r, nil
}

// Count returns how many documents are stored.
func (s *Store) Count(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM documents").Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count: %w", err)
	}
	return n, nil
}

// List returns one page of documents, newest first; see store.Store.
func (s *Store) List(ctx context.Context, q store.Query) (store.Page, error) {
	if err := ctx.Err(); err != nil {
		return store.Page{}, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	before := int64(1<<63 - 1)
	if q.Cursor != "" {
		v, err := strconv.ParseInt(q.Cursor, 10, 64)
		if err != nil || v <= 0 {
			return store.Page{}, fmt.Errorf("%w: cursor %.40q is not one this store gave", store.ErrBadQuery, q.Cursor)
		}
		before = v
	}

	var (
		rows pgx.Rows
		err  error
		pq   query
	)
	if q.Text == "" {
		rows, err = s.pool.Query(ctx, `SELECT seq, id, caller_id, source, snippet, chars, ingested
			FROM documents WHERE seq < $1 ORDER BY seq DESC LIMIT $2`, before, limit+1)
	} else {
		if pq, err = parseQuery(q.Text); err != nil {
			return store.Page{}, err
		}
		// The text comes back so the snippet can be cut around the words found.
		rows, err = s.pool.Query(ctx, `SELECT seq, id, caller_id, source, text, chars, ingested
			FROM documents WHERE search @@ $1::tsquery AND seq < $2 ORDER BY seq DESC LIMIT $3`,
			pq.tsquery(), before, limit+1)
	}
	if err != nil {
		return store.Page{}, fmt.Errorf("postgres: list: %w", err)
	}
	var (
		page store.Page
		last int64
	)
	for rows.Next() {
		var (
			d      store.Summary
			seq    int64
			caller *string
			src    []byte
			text   string
		)
		if err := rows.Scan(&seq, &d.ID, &caller, &src, &text, &d.Chars, &d.Ingested); err != nil {
			rows.Close()
			return store.Page{}, fmt.Errorf("postgres: list: %w", err)
		}
		if len(page.Documents) == limit {
			page.Next = strconv.FormatInt(last, 10)
			break
		}
		if caller != nil {
			d.CallerID = *caller
		}
		if err := json.Unmarshal(src, &d.Source); err != nil {
			rows.Close()
			return store.Page{}, fmt.Errorf("postgres: list: decode source of %s: %w", d.ID, err)
		}
		if pq != nil {
			d.Snippet = around(text, pq)
		} else {
			d.Snippet = text
		}
		page.Documents = append(page.Documents, d)
		last = seq
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return store.Page{}, fmt.Errorf("postgres: list: %w", err)
	}
	if page.Documents == nil {
		page.Documents = []store.Summary{}
	}
	return page, nil
}

// Box is a latitude and longitude range, in degrees.
type Box struct {
	South, West, North, East float64
}

// PlaceMention is a resolved place in a stored document.
type PlaceMention struct {
	DocumentID string    `json:"document_id"`
	GeonameID  int64     `json:"geonameid"`
	Name       string    `json:"name"`
	Lat        float64   `json:"lat"`
	Lon        float64   `json:"lon"`
	Ingested   time.Time `json:"ingested"`
}

// PlacesIn returns up to limit place mentions inside b, from the most recently
// stored documents first. A box whose West is east of its East crosses the
// antimeridian.
func (s *Store) PlacesIn(ctx context.Context, b Box, limit int) ([]PlaceMention, error) {
	if b.South > b.North {
		return nil, fmt.Errorf("%w: box south %g is north of north %g", store.ErrBadQuery, b.South, b.North)
	}
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	lonTest := "p.lon BETWEEN $3 AND $4"
	if b.West > b.East {
		lonTest = "(p.lon >= $3 OR p.lon <= $4)"
	}
	rows, err := s.pool.Query(ctx, `SELECT d.id, p.geonameid, p.name, p.lat, p.lon, d.ingested
		FROM places p JOIN documents d ON d.seq = p.doc_seq
		WHERE p.lat BETWEEN $1 AND $2 AND `+lonTest+`
		ORDER BY p.doc_seq DESC, p.n LIMIT $5`, b.South, b.North, b.West, b.East, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: places: %w", err)
	}
	ms, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (PlaceMention, error) {
		var m PlaceMention
		err := r.Scan(&m.DocumentID, &m.GeonameID, &m.Name, &m.Lat, &m.Lon, &m.Ingested)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: places: %w", err)
	}
	return ms, nil
}
