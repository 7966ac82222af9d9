package sqlite

import (
	"context"
	"database/sql"
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
	from, where, args, err := filterSQL(claimsKind, q)
	if err != nil {
		return nil, err
	}
	where = append(where, "t.source IS NOT NULL AND t.source <> ''")
	// One row per source and grade; the source's own totals come with each.
	stmt := fmt.Sprintf(`WITH c AS (SELECT t.source, t.source_type, t.grade, t.doc, t.day %s WHERE %s),
src AS (
	SELECT lower(source) AS key, source_type, min(source) AS name, count(*) AS claims, count(DISTINCT doc) AS docs,
		min(day) AS first, max(day) AS last
	FROM c GROUP BY lower(source), source_type
	ORDER BY claims DESC, key LIMIT ?
)
SELECT src.name, coalesce(src.source_type, ''), src.claims, src.docs, src.first, src.last, coalesce(c.grade, ''), count(*)
FROM src JOIN c ON lower(c.source) = src.key AND c.source_type IS src.source_type
GROUP BY src.key, src.source_type, c.grade
ORDER BY src.claims DESC, src.key, c.grade`, from, strings.Join(where, "\n\tAND "))
	rows, err := s.r.QueryContext(ctx, stmt, append(args, limit)...)
	if err != nil {
		return nil, s.pictureErr(ctx, claimsKind, q, err)
	}
	defer rows.Close()
	out := []picture.Source{}
	for rows.Next() {
		var (
			src         picture.Source
			first, last sql.NullInt64
			grade       string
			n           int
		)
		if err := rows.Scan(&src.Name, &src.Type, &src.Claims, &src.Documents, &first, &last, &grade, &n); err != nil {
			return nil, s.pictureErr(ctx, claimsKind, q, err)
		}
		if k := len(out) - 1; k >= 0 && strings.EqualFold(out[k].Name, src.Name) && out[k].Type == src.Type {
			if grade != "" {
				out[k].Grades[grade] += n
			}
			continue
		}
		src.Grades = map[string]int{}
		if grade != "" {
			src.Grades[grade] = n
		}
		src.First, src.Last = dayString(first), dayString(last)
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, s.pictureErr(ctx, claimsKind, q, err)
	}
	return out, nil
}

func dayString(d sql.NullInt64) string {
	if !d.Valid {
		return ""
	}
	return time.Unix(d.Int64*86400, 0).UTC().Format(time.DateOnly)
}
