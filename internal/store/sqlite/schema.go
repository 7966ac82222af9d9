package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema, one step per entry, applied in order. PRAGMA
// user_version records how many have been applied. Append new steps; never edit
// or reorder one that has shipped, since databases in the field have run it.
var migrations = []string{
	// 1: documents keyed by content hash, with a full-text index over title and text.
	`
CREATE TABLE documents (
	-- seq orders documents by arrival and is the paging cursor. AUTOINCREMENT so
	-- that a number is never reused, even after the newest document is deleted.
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	id        TEXT    NOT NULL UNIQUE,  -- record.ContentHash of the text
	caller_id TEXT,                     -- the id the caller gave, when not the hash
	url       TEXT    NOT NULL DEFAULT '',
	outlet    TEXT    NOT NULL DEFAULT '',
	title     TEXT    NOT NULL DEFAULT '',
	author    TEXT    NOT NULL DEFAULT '',
	published TEXT    NOT NULL DEFAULT '',
	language  TEXT    NOT NULL DEFAULT '',
	text      TEXT    NOT NULL,
	chars     INTEGER NOT NULL,         -- code points in text
	record    TEXT    NOT NULL,         -- the record as JSON, its text left empty
	ingested  INTEGER NOT NULL          -- Unix microseconds, UTC
);

CREATE INDEX documents_caller_id ON documents (caller_id, seq) WHERE caller_id IS NOT NULL;

-- External content: the index reads title and text from documents, so the text is
-- stored once. remove_diacritics 2 lets Zaporizzja find Zaporižžja.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, text,
	content = 'documents', content_rowid = 'seq',
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Put indexes new documents itself, once per batch (see indexSQL). Deletes and
-- edits, which nothing does yet, are kept in step here.
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
	INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
`,
	// 2: the situation picture: events, places, quotes, claims and control as rows,
	// with indexes and R*Trees, filled from the documents already stored (see
	// picture_schema.go; its statements are part of this step and must not change).
	pictureMigration,
	// 3: near-duplicate documents: MinHash signatures, bands, links (neardup.go).
	nearDupSchema,
	// 4: pairs of event mentions split apart by an analyst (fusion.go).
	fusionSchema,
}

// migrate brings the database up to the newest schema in one transaction, so a
// crash leaves it at the old version or the new, never between. Two processes
// opening one new file at once are serialised by the write lock BEGIN IMMEDIATE
// takes before user_version is read.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this sitrep knows (%d): upgrade sitrep", version, len(migrations))
	}
	if version == len(migrations) {
		return nil
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("schema step %d: %w", i+1, err)
		}
	}
	// PRAGMA takes no parameters; the value is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return fmt.Errorf("record schema version: %w", err)
	}
	return tx.Commit()
}
