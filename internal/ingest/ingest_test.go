package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/input"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/store/sqlite"
	"github.com/sitrep/sitrep/internal/testutil"
)

func items(list []input.Item) func(func(input.Item) bool) {
	return func(yield func(input.Item) bool) {
		for _, it := range list {
			if !yield(it) {
				return
			}
		}
	}
}

func TestRunCounts(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	paras := strings.Split(testutil.FoundingArticle(t), "\n\n")
	var list []input.Item
	for i, p := range paras[:10] {
		list = append(list, input.Item{Name: fmt.Sprintf("p%d", i), Text: p})
	}
	list = append(list,
		input.Item{Name: "again", Text: paras[0] + "\r\n"}, // the same text: a duplicate
		input.Item{Name: "broken.warc#3", Err: errors.New("broken.warc#3: truncated record")},
		input.Item{Name: "empty.html", HTML: "<html><body><nav>Home</nav></body></html>"},
	)
	progress := 0
	s, err := Run(ctx, st, &pipeline.Pipeline{}, items(list), Options{BatchSize: 4, Progress: func(Stats) { progress++ }})
	if err != nil {
		t.Fatal(err)
	}
	if s.Read != 13 || s.Stored != 10 || s.Duplicates != 1 || s.Failed != 2 {
		t.Fatalf("stats %+v", s)
	}
	if len(s.Failures) != 2 || s.Failures[0].Name != "broken.warc#3" || !strings.Contains(s.Failures[1].Error, "empty.html") {
		t.Errorf("failures %+v", s.Failures)
	}
	if progress < 13 {
		t.Errorf("progress called %d times", progress)
	}
	if n, _ := st.Count(ctx); n != 10 {
		t.Errorf("store holds %d", n)
	}
	// Running it again stores nothing new.
	s, err = Run(ctx, st, &pipeline.Pipeline{}, items(list), Options{MaxFailures: 1})
	if err != nil || s.Stored != 0 || s.Duplicates != 11 || s.Failed != 2 || len(s.Failures) != 1 {
		t.Fatalf("second run %+v, %v", s, err)
	}
}
