package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/picture"
)

// maxCandidates bounds the documents a new one is compared with.
const maxCandidates = 32

// linkNearDuplicates signs the documents seqs (whose texts are given) and any
// left pending by the migration, in seq order, and links each to an earlier
// document of the same story if there is one (see picture.MinHash). Writers take
// a transaction-scoped lock first, so that two copies of one story stored at the
// same moment by two workers cannot both become the first of the story.
func linkNearDuplicates(ctx context.Context, tx pgx.Tx, seqs []int64, texts map[int64]string) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext('sitrep.neardup.' || current_schema()))"); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	type doc struct {
		seq  int64
		text string
	}
	var docs []doc
	rows, err := tx.Query(ctx, `SELECT d.seq, d.text FROM near_pending AS p JOIN documents AS d ON d.seq = p.doc_seq ORDER BY d.seq`)
	if err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.seq, &d.text); err != nil {
			rows.Close()
			return fmt.Errorf("near duplicates: %w", err)
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	if len(docs) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM near_pending`); err != nil {
			return fmt.Errorf("near duplicates: %w", err)
		}
	}
	for _, seq := range seqs {
		docs = append(docs, doc{seq, texts[seq]})
	}
	for _, d := range docs {
		sig := picture.MinHash(d.text)
		if err := linkOne(ctx, tx, d.seq, &sig); err != nil {
			return fmt.Errorf("near duplicates of document %d: %w", d.seq, err)
		}
	}
	return nil
}

// linkOne compares a document with the first documents of stories that share a
// band with it, then either links it to the most similar one or, the first of its
// story, enters its bands for later copies to find. "First" is first linked: the
// lock makes linking follow commit order, which with several writers need not be
// the order of the sequence numbers.
func linkOne(ctx context.Context, tx pgx.Tx, seq int64, sig *picture.Signature) error {
	bands := make([]int32, picture.Bands)
	keys := make([]int64, picture.Bands)
	for i := range picture.Bands {
		bands[i], keys[i] = int32(i), sig.Band(i)
	}
	rows, err := tx.Query(ctx, `
SELECT m.doc_seq, m.sig FROM doc_minhash AS m
JOIN (SELECT b.doc_seq, count(*) AS shared
      FROM doc_minhash_band AS b JOIN unnest($1::integer[], $2::bigint[]) AS u(band, key) ON b.band = u.band AND b.key = u.key
      WHERE b.doc_seq <> $3
      GROUP BY b.doc_seq ORDER BY shared DESC, b.doc_seq LIMIT $4) AS c ON c.doc_seq = m.doc_seq
ORDER BY c.shared DESC, m.doc_seq`, bands, keys, seq, maxCandidates)
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
	if _, err := tx.Exec(ctx, `INSERT INTO doc_minhash (doc_seq, sig) VALUES ($1, $2) ON CONFLICT (doc_seq) DO UPDATE SET sig = excluded.sig`, seq, b); err != nil {
		return err
	}
	if m.ID == 0 {
		_, err := tx.Exec(ctx, `INSERT INTO doc_minhash_band (band, key, doc_seq) SELECT u.band, u.key, $3 FROM unnest($1::integer[], $2::bigint[]) AS u(band, key) ON CONFLICT DO NOTHING`, bands, keys, seq)
		return err
	}
	// Link to the first document of the story, so that a story is one hop deep.
	_, err = tx.Exec(ctx, `INSERT INTO near_duplicates (doc_seq, of_seq, similarity)
VALUES ($1, coalesce((SELECT of_seq FROM near_duplicates WHERE doc_seq = $2), $2), $3)
ON CONFLICT (doc_seq) DO UPDATE SET of_seq = excluded.of_seq, similarity = excluded.similarity`, seq, m.ID, m.Similarity)
	return err
}
