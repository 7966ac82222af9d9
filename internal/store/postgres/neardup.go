package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/picture"
)

// maxCandidates bounds the stored documents a new one is compared with.
const maxCandidates = 32

// signed is a document to link, with its MinHash signature.
type signed struct {
	seq int64
	sig picture.Signature
}

// linkNearDuplicates signs the documents seqs (whose texts are given) and any
// left pending by the migration, in seq order, and links each to an earlier
// document of the same story if there is one (see picture.MinHash). Writers take
// a transaction-scoped lock first, so that two copies of one story stored at the
// same moment by two workers cannot both become the first of the story.
func linkNearDuplicates(ctx context.Context, tx pgx.Tx, seqs []int64, texts map[int64]string) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext('sitrep.neardup.' || current_schema()))"); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	var docs []signed
	rows, err := tx.Query(ctx, `DELETE FROM near_pending AS p USING documents AS d WHERE d.seq = p.doc_seq RETURNING d.seq, d.text`)
	if err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	for rows.Next() {
		var (
			seq  int64
			text string
		)
		if err := rows.Scan(&seq, &text); err != nil {
			rows.Close()
			return fmt.Errorf("near duplicates: %w", err)
		}
		docs = append(docs, signed{seq, picture.MinHash(text)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	slices.SortFunc(docs, func(a, b signed) int { return int(a.seq - b.seq) })
	for _, seq := range seqs {
		docs = append(docs, signed{seq, picture.MinHash(texts[seq])})
	}
	if len(docs) == 0 {
		return nil
	}
	if err := linkBatch(ctx, tx, docs); err != nil {
		return fmt.Errorf("near duplicates: %w", err)
	}
	return nil
}

// linkBatch links each document, in order, to the first document of its story:
// one stored before (found by one query over the band index for the whole
// batch) or one earlier in the batch; a document that is the first of its story
// enters its bands for later copies to find. "First" is first linked: the lock
// makes linking follow commit order, which with several writers need not be the
// order of the sequence numbers. Copies stay out of the band index, so a story
// syndicated a thousand times costs one comparison, not a thousand.
func linkBatch(ctx context.Context, tx pgx.Tx, docs []signed) error {
	type bandKey struct {
		band int32
		key  int64
	}
	var (
		idx   []int32
		bands []int32
		keys  []int64
	)
	for i := range docs {
		for b := range picture.Bands {
			idx = append(idx, int32(i))
			bands = append(bands, int32(b))
			keys = append(keys, docs[i].sig.Band(b))
		}
	}
	// For each document, the stored firsts of stories sharing the most bands.
	rows, err := tx.Query(ctx, `
SELECT c.i, m.doc_seq, m.sig FROM (
	SELECT u.i, b.doc_seq, count(*) AS shared,
		row_number() OVER (PARTITION BY u.i ORDER BY count(*) DESC, b.doc_seq) AS r
	FROM unnest($1::integer[], $2::integer[], $3::bigint[]) AS u(i, band, key)
	JOIN doc_minhash_band AS b ON b.band = u.band AND b.key = u.key
	GROUP BY u.i, b.doc_seq
) AS c JOIN doc_minhash AS m ON m.doc_seq = c.doc_seq
WHERE c.r <= $4
ORDER BY c.i, c.shared DESC, m.doc_seq`, idx, bands, keys, maxCandidates)
	if err != nil {
		return err
	}
	match := make([]picture.Match, len(docs))
	for rows.Next() {
		var (
			i     int32
			other int64
			b     []byte
		)
		if err := rows.Scan(&i, &other, &b); err != nil {
			rows.Close()
			return err
		}
		if other != docs[i].seq {
			if err := match[i].Consider(&docs[i].sig, other, b); err != nil {
				rows.Close()
				return err
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	// In order: a document may also copy a first of its story earlier in the batch.
	var (
		firsts   = map[bandKey][]int{} // this batch's firsts by band
		root     = map[int64]int64{}   // a copy in this batch → the first of its story
		sigSeq   []int64
		sigBytes [][]byte
		bandSeq  []int64
		bandNum  []int32
		bandKeys []int64
		linkSeq  []int64
		linkOf   []int64
		linkSim  []float64
	)
	for i, d := range docs {
		m := match[i]
		seen := map[int]bool{}
		for b := range picture.Bands {
			for _, j := range firsts[bandKey{int32(b), d.sig.Band(b)}] {
				if !seen[j] {
					seen[j] = true
					enc, _ := docs[j].sig.MarshalBinary()
					if err := m.Consider(&d.sig, docs[j].seq, enc); err != nil {
						return err
					}
				}
			}
		}
		enc, _ := d.sig.MarshalBinary()
		sigSeq, sigBytes = append(sigSeq, d.seq), append(sigBytes, enc)
		if m.ID == 0 {
			for b := range picture.Bands {
				k := bandKey{int32(b), d.sig.Band(b)}
				firsts[k] = append(firsts[k], i)
				bandSeq, bandNum, bandKeys = append(bandSeq, d.seq), append(bandNum, k.band), append(bandKeys, k.key)
			}
			continue
		}
		of := m.ID
		if r, ok := root[of]; ok {
			of = r
		}
		root[d.seq] = of
		linkSeq, linkOf, linkSim = append(linkSeq, d.seq), append(linkOf, of), append(linkSim, m.Similarity)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO doc_minhash (doc_seq, sig) SELECT * FROM unnest($1::bigint[], $2::bytea[])
ON CONFLICT (doc_seq) DO UPDATE SET sig = excluded.sig`, sigSeq, sigBytes); err != nil {
		return err
	}
	if len(bandSeq) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO doc_minhash_band (band, key, doc_seq) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bigint[])
ON CONFLICT DO NOTHING`, bandNum, bandKeys, bandSeq); err != nil {
			return err
		}
	}
	if len(linkSeq) > 0 {
		// A stored first may itself have been linked meanwhile by an older sitrep:
		// follow its link, so that a story is one hop deep.
		if _, err := tx.Exec(ctx, `INSERT INTO near_duplicates (doc_seq, of_seq, similarity)
SELECT u.doc, coalesce(n.of_seq, u.of), u.sim::real FROM unnest($1::bigint[], $2::bigint[], $3::float8[]) AS u(doc, of, sim)
LEFT JOIN near_duplicates AS n ON n.doc_seq = u.of
ON CONFLICT (doc_seq) DO UPDATE SET of_seq = excluded.of_seq, similarity = excluded.similarity`, linkSeq, linkOf, linkSim); err != nil {
			return err
		}
	}
	return nil
}
