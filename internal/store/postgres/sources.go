package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
)

var _ picture.Sourcer = (*Store)(nil)

// Sources lists the sources of the claims q selects; see picture.Sourcer.
func (s *Store) Sources(ctx context.Context, q picture.Query) ([]picture.Source, error) {
	limit, err := q.PageLimit()
	if err != nil {
		return nil, err
	}
	var args params
	where, err := filterSQL(claimsKind, q, &args)
	if err != nil {
		return nil, err
	}
	// One row per source and grade; the source's own totals come with each.
	stmt := fmt.Sprintf(`WITH c AS (
	SELECT t.source, t.source_type, t.item ->> 'grade' AS grade, t.doc_seq, t.day FROM claims AS t
	WHERE coalesce(t.source, '') <> '' AND %s
),
src AS (
	SELECT lower(source) AS key, source_type, min(source) AS name, count(*) AS claims, count(DISTINCT doc_seq) AS docs,
		min(day) AS first, max(day) AS last
	FROM c GROUP BY lower(source), source_type
	ORDER BY claims DESC, key LIMIT %s
)
SELECT src.name, coalesce(src.source_type, ''), src.claims, src.docs, src.first, src.last, coalesce(c.grade, ''), count(*)
FROM src JOIN c ON lower(c.source) = src.key AND c.source_type IS NOT DISTINCT FROM src.source_type
GROUP BY src.key, src.name, src.source_type, src.claims, src.docs, src.first, src.last, c.grade
ORDER BY src.claims DESC, src.key, c.grade`, strings.Join(where, "\n\tAND "), args.add(limit))
	rows, err := s.pool.Query(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: sources: %w", err)
	}
	defer rows.Close()
	out := []picture.Source{}
	for rows.Next() {
		var (
			src         picture.Source
			claims, doc int64
			first, last *int32
			grade       string
			n           int64
		)
		if err := rows.Scan(&src.Name, &src.Type, &claims, &doc, &first, &last, &grade, &n); err != nil {
			return nil, fmt.Errorf("postgres: sources: %w", err)
		}
		if k := len(out) - 1; k >= 0 && strings.EqualFold(out[k].Name, src.Name) && out[k].Type == src.Type {
			if grade != "" {
				out[k].Grades[grade] += int(n)
			}
			continue
		}
		src.Claims, src.Documents = int(claims), int(doc)
		src.Grades = map[string]int{}
		if grade != "" {
			src.Grades[grade] = int(n)
		}
		src.First, src.Last = dayString(first), dayString(last)
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: sources: %w", err)
	}
	return out, nil
}

func dayString(d *int32) string {
	if d == nil {
		return ""
	}
	return time.Unix(int64(*d)*86400, 0).UTC().Format(time.DateOnly)
}
