package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/picture/picturetest"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The SQLite store answers the picture's conformance suite.
func TestPictureConformance(t *testing.T) {
	s := &picturetest.Suite{NewStore: func(t testing.TB) picturetest.Store {
		st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}}
	s.Run(t)
}

func foundingRecord(t testing.TB) *record.Record { return picturetest.FoundingRecord(t) }

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
