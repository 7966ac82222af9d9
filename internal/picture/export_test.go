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

// ACLED's admin1 and country columns carry names ("Kharkiv", "Ukraine"), not the
// GeoNames codes the record has; a code the gazetteer does not know stays a code.
func TestEventsCSVAdminNames(t *testing.T) {
	event := func(id int64, country, admin1 string) picture.Event {
		e := picture.Event{Item: picture.Item{ID: id, Document: picture.Doc{ID: "d"}}}
		e.Type, e.Date, e.Modality = "ASSAULT", "2022-09-10", "reported"
		e.Place = &record.PlaceRef{Name: "Izium", GeonameID: 707292, Lat: 49.20697, Lon: 37.27679}
		e.Location = &picture.Location{Country: country, Admin1: admin1, Precision: "city"}
		return e
	}
	var b bytes.Buffer
	err := picture.WriteEventsCSV(&b, []picture.Event{
		event(1, "UA", "UA.07"), event(2, "UA", "05"), event(3, "UA", "UA.99"), event(4, "", ""),
	}, picture.Stamp{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, c := range picture.ACLEDColumns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	want := [][2]string{{"Ukraine", "Kharkiv"}, {"Ukraine", "Donetsk"}, {"Ukraine", "UA.99"}, {"", ""}}
	for i, w := range want {
		if got := [2]string{rows[i+1][col("country")], rows[i+1][col("admin1")]}; got != w {
			t.Errorf("row %d: country, admin1 = %q, want %q", i+1, got, w)
		}
	}
}
