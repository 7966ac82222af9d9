package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// pictureSchema is migration step 2: every event, place mention, quote, claim and
// control statement of a record as a row of its own, so the situation picture can
// be queried across documents. Each row keeps its item's JSON as the record had it
// (item), so what is served is exactly what was read; the other columns exist to be
// filtered on. Places, events and control statements also go into an R*Tree over
// (longitude, latitude, day), so that a bounding box and a time window are one
// index probe.
//
// day is the item's date (events, control; else the document's publication date)
// as whole days since 1970-01-01, or NULL when there is none. Items without a day
// are put in the R*Tree across all time, and a time window excludes them by day.
const pictureSchema = `
CREATE TABLE events (
	id             INTEGER PRIMARY KEY,
	doc            INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n              INTEGER NOT NULL,
	type           TEXT    NOT NULL,
	mode           TEXT,
	actor_country  TEXT,
	target_country TEXT,
	geonameid      INTEGER,
	lat            REAL,
	lon            REAL,
	day            INTEGER,
	modality       TEXT,
	source         TEXT COLLATE NOCASE,
	s              INTEGER NOT NULL,
	e              INTEGER NOT NULL,
	item           TEXT    NOT NULL,
	location       TEXT,             -- the record's place with the event's geonameid, as JSON
	UNIQUE (doc, n)
);
CREATE INDEX events_type_day ON events (type, day);
CREATE INDEX events_side_day ON events (actor_country, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_source ON events (source);
CREATE INDEX events_geonameid ON events (geonameid);
CREATE VIRTUAL TABLE events_geo USING rtree (id, west, east, south, north, first_day, last_day);

CREATE TABLE places (
	id         INTEGER PRIMARY KEY,
	doc        INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n          INTEGER NOT NULL,
	geonameid  INTEGER,
	name       TEXT COLLATE NOCASE,
	kind       TEXT,
	lat        REAL,
	lon        REAL,
	day        INTEGER,
	s          INTEGER NOT NULL,
	e          INTEGER NOT NULL,
	item       TEXT    NOT NULL,
	UNIQUE (doc, n)
);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_name ON places (name);
CREATE INDEX places_kind_day ON places (kind, day);
CREATE INDEX places_day ON places (day);
CREATE VIRTUAL TABLE places_geo USING rtree (id, west, east, south, north, first_day, last_day);

CREATE TABLE quotes (
	id      INTEGER PRIMARY KEY,
	doc     INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n       INTEGER NOT NULL,
	speaker TEXT COLLATE NOCASE,
	kind    TEXT,
	day     INTEGER,
	s       INTEGER NOT NULL,
	e       INTEGER NOT NULL,
	item    TEXT    NOT NULL,
	UNIQUE (doc, n)
);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_day ON quotes (day);

CREATE TABLE claims (
	id          INTEGER PRIMARY KEY,
	doc         INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n           INTEGER NOT NULL,
	source      TEXT COLLATE NOCASE,
	source_type TEXT,
	grade       TEXT,
	day         INTEGER,
	s           INTEGER NOT NULL,
	e           INTEGER NOT NULL,
	item        TEXT    NOT NULL,
	UNIQUE (doc, n)
);
CREATE INDEX claims_source ON claims (source);
CREATE INDEX claims_type_day ON claims (source_type, day);
CREATE INDEX claims_day ON claims (day);

CREATE TABLE control (
	id        INTEGER PRIMARY KEY,
	doc       INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n         INTEGER NOT NULL,
	geonameid INTEGER,
	place     TEXT COLLATE NOCASE,
	lat       REAL,
	lon       REAL,
	side      TEXT,
	action    TEXT,
	status    TEXT,
	source    TEXT COLLATE NOCASE,
	day       INTEGER,
	s         INTEGER NOT NULL,
	e         INTEGER NOT NULL,
	item      TEXT    NOT NULL,
	UNIQUE (doc, n)
);
CREATE INDEX control_geonameid_day ON control (geonameid, day);
CREATE INDEX control_side_day ON control (side, day);
CREATE INDEX control_action_day ON control (action, day);
CREATE INDEX control_day ON control (day);
CREATE INDEX control_source ON control (source);
CREATE VIRTUAL TABLE control_geo USING rtree (id, west, east, south, north, first_day, last_day);
`

// dayOf is the SQL for a date's day number: whole days since 1970-01-01 of the
// first ten characters (YYYY-MM-DD), NULL when they are not a date.
func dayOf(expr string) string {
	return fmt.Sprintf("CAST(unixepoch(substr(%s, 1, 10)) / 86400 AS INTEGER)", expr)
}

// fillSQL copies the items of the documents with seq >= ?1 out of their records'
// JSON into the picture tables, in one statement per table (json_each keeps the
// list order in key, which becomes n). Put runs them in its transaction, as it
// does the full-text index; migration step 2 runs them over every document.
var fillSQL = []string{
	`INSERT INTO events (doc, n, type, mode, actor_country, target_country, geonameid, lat, lon, day, modality, source, s, e, item, location)
SELECT d.seq, j.key, j.value ->> '$.type', j.value ->> '$.mode', j.value ->> '$.actor.country', j.value ->> '$.target.country',
	j.value ->> '$.place.geonameid', j.value ->> '$.place.lat', j.value ->> '$.place.lon',
	coalesce(` + dayOf("j.value ->> '$.date'") + `, ` + dayOf("d.published") + `),
	j.value ->> '$.modality', j.value ->> '$.source.name',
	coalesce(j.value ->> '$.evidence.start', 0), coalesce(j.value ->> '$.evidence.end', 0), j.value,
	(SELECT p.value FROM json_each(d.record, '$.places') AS p
	 WHERE p.value ->> '$.geonameid' = j.value ->> '$.place.geonameid' ORDER BY p.key LIMIT 1)
FROM documents AS d, json_each(d.record, '$.events') AS j
WHERE d.seq >= ?1`,
	`INSERT INTO places (doc, n, geonameid, name, kind, lat, lon, day, s, e, item)
SELECT d.seq, j.key, j.value ->> '$.geonameid', j.value ->> '$.name', j.value ->> '$.kind',
	j.value ->> '$.lat', j.value ->> '$.lon', ` + dayOf("d.published") + `,
	coalesce(j.value ->> '$.start', 0), coalesce(j.value ->> '$.end', 0), j.value
FROM documents AS d, json_each(d.record, '$.places') AS j
WHERE d.seq >= ?1`,
	`INSERT INTO quotes (doc, n, speaker, kind, day, s, e, item)
SELECT d.seq, j.key, j.value ->> '$.speaker.name', j.value ->> '$.kind', ` + dayOf("d.published") + `,
	coalesce(j.value ->> '$.start', 0), coalesce(j.value ->> '$.end', 0), j.value
FROM documents AS d, json_each(d.record, '$.quotes') AS j
WHERE d.seq >= ?1`,
	`INSERT INTO claims (doc, n, source, source_type, grade, day, s, e, item)
SELECT d.seq, j.key, j.value ->> '$.source.name', j.value ->> '$.source.type', j.value ->> '$.grade', ` + dayOf("d.published") + `,
	coalesce(j.value ->> '$.content.start', 0), coalesce(j.value ->> '$.content.end', 0), j.value
FROM documents AS d, json_each(d.record, '$.claims') AS j
WHERE d.seq >= ?1`,
	`INSERT INTO control (doc, n, geonameid, place, lat, lon, side, action, status, source, day, s, e, item)
SELECT d.seq, j.key, j.value ->> '$.place.geonameid', j.value ->> '$.place.name', j.value ->> '$.place.lat', j.value ->> '$.place.lon',
	j.value ->> '$.side', j.value ->> '$.action', j.value ->> '$.status', j.value ->> '$.source.name',
	coalesce(` + dayOf("j.value ->> '$.date'") + `, ` + dayOf("d.published") + `),
	coalesce(j.value ->> '$.evidence.start', 0), coalesce(j.value ->> '$.evidence.end', 0), j.value
FROM documents AS d, json_each(d.record, '$.control') AS j
WHERE d.seq >= ?1`,
}

// geoFillSQL puts the placed rows of the documents with seq >= ?1 into the R*Trees.
// A place at exactly (0, 0) is taken for "no place": the gazetteer has nothing
// there, and a zero value is what a record without coordinates carries.
var geoFillSQL = func() []string {
	var out []string
	for _, t := range []string{"events", "places", "control"} {
		out = append(out, fmt.Sprintf(`INSERT INTO %[1]s_geo (id, west, east, south, north, first_day, last_day)
SELECT id, lon, lon, lat, lat, coalesce(day, %[2]d), coalesce(day, %[3]d)
FROM %[1]s WHERE doc >= ?1 AND lat IS NOT NULL AND lon IS NOT NULL AND NOT (lat = 0 AND lon = 0)`, t, -noDay, noDay))
	}
	return out
}()

// noDay bounds the R*Tree's time axis for items without a day: far beyond any
// date, and exact in the R*Tree's 32-bit floats.
const noDay = 1 << 22

// pictureMigration is schema step 2 with the backfill of documents stored before it.
var pictureMigration = pictureSchema + ";\n" +
	strings.ReplaceAll(strings.Join(fillSQL, ";\n")+";\n"+strings.Join(geoFillSQL, ";\n"), "?1", "0") + ";"

// pictureStmts are the statements Put runs for the picture, prepared once on the
// writer's single connection and reused in every transaction: preparing them anew
// cost more than running them.
type pictureStmts struct {
	mu    sync.Mutex
	ready bool
	fill  []*sql.Stmt // fillSQL then geoFillSQL
	link  *linkStmts
}

// preparePicture prepares the statements if need be. Put calls it before it
// begins its transaction, which holds the writer's only connection.
func (s *Store) preparePicture(ctx context.Context) error {
	p := &s.pic
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ready {
		return nil
	}
	var fill []*sql.Stmt
	for _, q := range append(slices.Clone(fillSQL), geoFillSQL...) {
		st, err := s.w.PrepareContext(ctx, q)
		if err != nil {
			for _, f := range fill {
				f.Close()
			}
			return fmt.Errorf("prepare picture: %w", err)
		}
		fill = append(fill, st)
	}
	link, err := prepareLink(ctx, s.w)
	if err != nil {
		for _, f := range fill {
			f.Close()
		}
		return fmt.Errorf("prepare picture: %w", err)
	}
	p.fill, p.link, p.ready = fill, link, true
	return nil
}

// fillPicture indexes the items of the documents with seq >= first, within tx,
// and links near-duplicates. preparePicture has run.
func (s *Store) fillPicture(ctx context.Context, tx *sql.Tx, first int64) error {
	p := &s.pic
	for _, st := range p.fill {
		if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, first); err != nil {
			return fmt.Errorf("picture: %w", err)
		}
	}
	return linkNearDuplicates(ctx, tx, p.link.in(ctx, tx), first)
}
