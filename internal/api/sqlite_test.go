package api

import (
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The API over the real default store, on a file in WAL mode: what `sitrep serve`
// runs.
func TestEndToEndSQLite(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	endToEnd(t, st)

	// The store's own rejections of a query or cursor reach the client as 400.
	fx := newFixture(t, st, nil)
	tests := []struct {
		target string
		want   int
	}{
		{"/api/documents?cursor=not-a-cursor", 400},
		{"/api/documents?q=%22", 400},
		{"/api/documents/none", 404},
		{"/api/records/none", 404},
	}
	for _, tt := range tests {
		w := fx.do(t, "GET", tt.target, "")
		checkResponse(t, w)
		if w.Code != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.target, w.Code, tt.want, w.Body)
		}
	}
}
