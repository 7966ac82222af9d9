package picture_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/record"
)

// Article text reaches the CSV; a spreadsheet must not run it as a formula, and
// numbers (a western longitude) stay numbers.
func TestEventsCSVDefusesFormulas(t *testing.T) {
	e := picture.Event{Item: picture.Item{ID: 7, EvidenceText: "=HYPERLINK(\"http://x\")", Document: picture.Doc{ID: "d", Outlet: "@outlet"}}}
	e.Type, e.Date, e.DatePrecision, e.Modality = "ASSAULT", "2022-09-10", "week", "reported"
	e.Actor = &record.Actor{Name: "+cmd", Country: "UKR"}
	e.Place = &record.PlaceRef{Name: "-Somewhere", Lat: 40.5, Lon: -3.7}
	e.Location = &picture.Location{Precision: "region"}
	var b bytes.Buffer
	if err := picture.WriteEventsCSV(&b, []picture.Event{e}, picture.Stamp{Sitrep: "v1", Codebook: "c1"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	row := map[string]string{}
	for i, c := range picture.ACLEDColumns {
		row[c] = rows[1][i]
	}
	for col, want := range map[string]string{
		"event_id_cnty": "sitrep-7", "year": "2022", "time_precision": "2", "actor1": "'+cmd",
		"location": "'-Somewhere", "longitude": "-3.7", "latitude": "40.5", "geo_precision": "3",
		"notes": "'=HYPERLINK(\"http://x\")", "source": "'@outlet", "sitrep_version": "v1", "codebook_version": "c1",
	} {
		if row[col] != want {
			t.Errorf("%s = %q, want %q", col, row[col], want)
		}
	}
}
