package input

import (
	"context"
	"errors"
	"iter"
)

// Open yields the documents of one input. (Placeholder until the readers land.)
func Open(ctx context.Context, name string, opt Options) iter.Seq[Item] {
	return failed(name, errors.New("input kinds not implemented yet"))
}
