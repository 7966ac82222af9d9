package picture

import "fmt"

// PageLimit is the page size q asks for: DefaultLimit for zero, at most MaxLimit;
// a negative limit is an ErrBadQuery.
func (q Query) PageLimit() (int, error) {
	switch {
	case q.Limit < 0:
		return 0, fmt.Errorf("%w: limit %d is negative", ErrBadQuery, q.Limit)
	case q.Limit == 0:
		return DefaultLimit, nil
	}
	return min(q.Limit, MaxLimit), nil
}

// Applies checks that q's filters apply to a kind of item (named in errors): a
// box or a gazetteer place to items that have a place, sides to items that have
// a side.
func (q Query) Applies(items string, placed, sided bool) error {
	switch {
	case q.BBox != nil && !placed:
		return fmt.Errorf("%w: %s have no place: bbox does not apply", ErrBadQuery, items)
	case q.GeonameID != 0 && !placed:
		return fmt.Errorf("%w: %s have no place: geonameid does not apply", ErrBadQuery, items)
	case len(q.Sides) > 0 && !sided:
		return fmt.Errorf("%w: %s have no side: side does not apply", ErrBadQuery, items)
	}
	return nil
}
