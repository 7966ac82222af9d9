package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep/internal/picture"
)

// nearDupSchema is migration step 3: MinHash signatures of documents, their bands
// for lookup, and the links from each near-duplicate to the first document of its
// story (see picture.MinHash). Documents stored before this step are queued in
// near_pending and linked by the next Put.
const nearDupSchema = `
CREATE TABLE doc_minhash (
	doc INTEGER PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
	sig BLOB NOT NULL
);
-- Bands of the first documents of stories only (those not in near_duplicates).
CREATE TABLE doc_minhash_band (
	band INTEGER NOT NULL,
	key  INTEGER NOT NULL,
	doc  INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	PRIMARY KEY (band, key, doc)
) WITHOUT ROWID;
-- doc is a near-duplicate of of, the first stored document of its story (never
-- itself a near-duplicate), with the estimated Jaccard similarity of their texts.
CREATE TABLE near_duplicates (
	doc        INTEGER PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
	of         INTEGER NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	similarity REAL    NOT NULL
);
CREATE INDEX near_duplicates_of ON near_duplicates (of);
CREATE TABLE near_pending (doc INTEGER PRIMARY KEY);
INSERT INTO near_pending (doc) SELECT seq FROM documents;
`

// linkNearDuplicates signs the documents with seq >= first, and any left pending
// by the migration, in seq order, and links each to an earlier document of the
// same story if there is one.
func linkNearDuplicates(ctx context.Context, tx *sql.Tx, ls *linkStmts, first int64) error {
	rows, err := tx.QueryContext(ctx, `
SELECT seq, text FROM documents WHERE seq >= ?1 OR seq IN (SELECT doc FROM near_pending) ORDER BY seq`, first)
	if err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	type doc struct {
		seq int64
		sig picture.Signature
	}
	var docs []doc
	for rows.Next() {
		var d doc
		var text string
		if err := rows.Scan(&d.seq, &text); err != nil {
			rows.Close()
			return fmt.Errorf("near duplicates: %w", err)
		}
		d.sig = picture.MinHash(text)
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	if len(docs) == 0 {
		return nil
	}
	defer ls.close() // the transaction's copies; the prepared originals stay
	for _, d := range docs {
		if err := linkOne(ctx, ls, d.seq, &d.sig); err != nil {
			return fmt.Errorf("near duplicates of document %d: %w", d.seq, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM near_pending`); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	return nil
}

// maxCandidates bounds the documents a new one is compared with.
const maxCandidates = 32

// Only first documents of stories are in the band index (see linkOne), and the
// candidates sharing the most bands come first: a story syndicated a thousand
// times costs one comparison, not a thousand.
var candidatesSQL = func() string {
	var cond strings.Builder
	for i := range picture.Bands {
		if i > 0 {
			cond.WriteString(" OR ")
		}
		fmt.Fprintf(&cond, "(band = %d AND key = ?)", i)
	}
	return `
SELECT m.doc, m.sig FROM doc_minhash AS m
JOIN (SELECT doc, count(*) AS shared FROM doc_minhash_band WHERE (` + cond.String() + `) AND doc < ?
      GROUP BY doc ORDER BY shared DESC, doc LIMIT ` + fmt.Sprint(maxCandidates) + `) AS c ON c.doc = m.doc
ORDER BY c.shared DESC, m.doc`
}()

// linkStmts are the statements linkOne runs, prepared once per Put.
type linkStmts struct {
	candidates, sig, band, link *sql.Stmt
}

// preparer is a database or a transaction.
type preparer interface {
	PrepareContext(ctx context.Context, q string) (*sql.Stmt, error)
}

func prepareLink(ctx context.Context, db preparer) (*linkStmts, error) {
	var ls linkStmts
	for _, p := range []struct {
		to **sql.Stmt
		q  string
	}{
		{&ls.candidates, candidatesSQL},
		{&ls.sig, `INSERT OR REPLACE INTO doc_minhash (doc, sig) VALUES (?, ?)`},
		{&ls.band, `INSERT OR IGNORE INTO doc_minhash_band (band, key, doc) VALUES (?, ?, ?)`},
		{&ls.link, `
INSERT OR REPLACE INTO near_duplicates (doc, of, similarity)
VALUES (?1, coalesce((SELECT of FROM near_duplicates WHERE doc = ?2), ?2), ?3)`},
	} {
		st, err := db.PrepareContext(ctx, p.q)
		if err != nil {
			ls.close()
			return nil, err
		}
		*p.to = st
	}
	return &ls, nil
}

// in returns the statements bound to tx.
func (ls *linkStmts) in(ctx context.Context, tx *sql.Tx) *linkStmts {
	return &linkStmts{
		candidates: tx.StmtContext(ctx, ls.candidates),
		sig:        tx.StmtContext(ctx, ls.sig),
		band:       tx.StmtContext(ctx, ls.band),
		link:       tx.StmtContext(ctx, ls.link),
	}
}

func (ls *linkStmts) close() {
	for _, st := range []*sql.Stmt{ls.candidates, ls.sig, ls.band, ls.link} {
		if st != nil {
			st.Close()
		}
	}
}

func linkOne(ctx context.Context, ls *linkStmts, seq int64, sig *picture.Signature) error {
	args := make([]any, 0, picture.Bands+1)
	for i := range picture.Bands {
		args = append(args, sig.Band(i))
	}
	rows, err := ls.candidates.QueryContext(ctx, append(args, seq)...)
	if err != nil {
		return err
	}
	var m picture.Match
	for rows.Next() {
		var (
			other int64
			b     []byte
		)
		if err := rows.Scan(&other, &b); err != nil {
			rows.Close()
			return err
		}
		if err := m.Consider(sig, other, b); err != nil {
			rows.Close()
			return err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	b, _ := sig.MarshalBinary()
	if _, err := ls.sig.ExecContext(ctx, seq, b); err != nil {
		return err
	}
	if m.ID == 0 {
		// The first of its story: later copies are looked up against it. Copies
		// stay out of the index; a text near a copy but not near the first is
		// missed, the price of bounded lookups.
		for i := range picture.Bands {
			if _, err := ls.band.ExecContext(ctx, i, sig.Band(i), seq); err != nil {
				return err
			}
		}
		return nil
	}
	// Link to the first document of the story, so that a story is one hop deep.
	_, err = ls.link.ExecContext(ctx, seq, m.ID, m.Similarity)
	return err
}
