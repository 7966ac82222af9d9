package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
)

var _ picture.Splitter = (*Store)(nil)

// fusionSchema is migration step 4: the pairs of event mentions an analyst split
// apart, which fusion never joins again (see picture.Fuse). Ids are events.id.
const fusionSchema = `
CREATE TABLE fusion_apart (
	a    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	b    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	made INTEGER NOT NULL,  -- Unix microseconds, UTC
	PRIMARY KEY (a, b),
	CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX fusion_apart_b ON fusion_apart (b);
`

// KeepApart records pairs of mentions never to be fused again. A pair naming a
// mention the store does not have is an ErrBadQuery, and nothing is recorded.
func (s *Store) KeepApart(ctx context.Context, pairs [][2]int64) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("keep apart in %s: %w", s.path, ctxErr(ctx, err))
	}
	defer tx.Rollback()
	now := time.Now().UnixMicro()
	for _, p := range pairs {
		k := picture.Pair(p[0], p[1])
		if k[0] == k[1] {
			return fmt.Errorf("%w: mention %d cannot be kept apart from itself", picture.ErrBadQuery, k[0])
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE id IN (?, ?)`, k[0], k[1]).Scan(&n); err != nil {
			return fmt.Errorf("keep apart in %s: %w", s.path, ctxErr(ctx, err))
		}
		if n != 2 {
			return fmt.Errorf("%w: no mention %d or %d", picture.ErrBadQuery, k[0], k[1])
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO fusion_apart (a, b, made) VALUES (?, ?, ?)`, k[0], k[1], now); err != nil {
			return fmt.Errorf("keep apart in %s: %w", s.path, ctxErr(ctx, err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("keep apart in %s: %w", s.path, ctxErr(ctx, err))
	}
	return nil
}

// Apart returns the recorded pairs that involve any of ids.
func (s *Store) Apart(ctx context.Context, ids []int64) (picture.Apart, error) {
	out := picture.Apart{}
	// In chunks: SQLite bounds the number of parameters.
	const chunk = 500
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		args := make([]any, 0, 2*len(part))
		for _, id := range part {
			args = append(args, id)
		}
		args = append(args, args...)
		ph := strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")
		rows, err := s.r.QueryContext(ctx, `SELECT a, b FROM fusion_apart WHERE a IN (`+ph+`) UNION SELECT a, b FROM fusion_apart WHERE b IN (`+ph+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read splits from %s: %w", s.path, ctxErr(ctx, err))
		}
		for rows.Next() {
			var a, b int64
			if err := rows.Scan(&a, &b); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read splits from %s: %w", s.path, err)
			}
			out[picture.Pair(a, b)] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read splits from %s: %w", s.path, ctxErr(ctx, err))
		}
	}
	return out, nil
}
