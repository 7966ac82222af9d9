package picture

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/gazetteer"
)

// Stamp names what produced an export, so that a file found later says which
// software and which codebook its codes come from.
type Stamp struct {
	Sitrep   string `json:"sitrep_version"`
	Codebook string `json:"codebook_version"`
}

// Feature is a GeoJSON Feature (RFC 7946 §3.2) with a Point geometry.
type Feature struct {
	Type       string `json:"type"` // "Feature"
	ID         int64  `json:"id"`
	Geometry   Point  `json:"geometry"`
	Properties any    `json:"properties"`
}

// Point is a GeoJSON Point. Coordinates are longitude then latitude (RFC 7946 §3.1.1).
type Point struct {
	Type        string     `json:"type"` // "Point"
	Coordinates [2]float64 `json:"coordinates"`
}

// FeatureCollection is a GeoJSON FeatureCollection with the export's stamp and the
// cursor of the next page as foreign members (RFC 7946 §6.1).
type FeatureCollection struct {
	Type     string    `json:"type"` // "FeatureCollection"
	Features []Feature `json:"features"`
	Sitrep   Stamp     `json:"sitrep"`
	Next     string    `json:"next,omitempty"`
}

// placed says whether lat, lon is a place: a record without coordinates has zeros.
func placed(lat, lon float64) bool { return !(lat == 0 && lon == 0) }

func feature(id int64, lat, lon float64, props any) Feature {
	return Feature{Type: "Feature", ID: id, Geometry: Point{Type: "Point", Coordinates: [2]float64{lon, lat}}, Properties: props}
}

// EventFeatures are the events that have a place, as GeoJSON features whose
// properties are the events themselves.
func EventFeatures(events []Event) []Feature {
	out := []Feature{}
	for _, e := range events {
		if e.Place != nil && placed(e.Place.Lat, e.Place.Lon) {
			out = append(out, feature(e.ID, e.Place.Lat, e.Place.Lon, e))
		}
	}
	return out
}

// PlaceFeatures are the place mentions that have coordinates, as GeoJSON features.
func PlaceFeatures(places []Place) []Feature {
	out := []Feature{}
	for _, p := range places {
		if placed(p.Lat, p.Lon) {
			out = append(out, feature(p.ID, p.Lat, p.Lon, p))
		}
	}
	return out
}

// ControlFeatures are the control statements that have coordinates, as GeoJSON
// features.
func ControlFeatures(control []Control) []Feature {
	out := []Feature{}
	for _, c := range control {
		if placed(c.Place.Lat, c.Place.Lon) {
			out = append(out, feature(c.ID, c.Place.Lat, c.Place.Lon, c))
		}
	}
	return out
}

// ACLEDColumns are the CSV export's columns: ACLED's names where ACLED has the
// field, then sitrep's own (PLOVER codes, modality, the document, the stamp).
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
	"actor1", "actor2", "iso", "country", "admin1", "location", "latitude", "longitude",
	"geo_precision", "source", "notes",
	"plover_type", "plover_mode", "modality", "source_type", "document_id", "document_url", "outlet",
	"sitrep_version", "codebook_version",
}

// WriteEventsCSV writes events as CSV with ACLEDColumns, header first. Text cells
// that a spreadsheet would take for a formula are prefixed with an apostrophe:
// article text is untrusted.
func WriteEventsCSV(w io.Writer, events []Event, st Stamp) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ACLEDColumns); err != nil {
		return err
	}
	for _, e := range events {
		var actor1, actor2, iso, country, admin1, location, lat, lon, geoPrec string
		if e.Actor != nil {
			actor1, iso = e.Actor.Name, e.Actor.Country
		}
		if e.Target != nil {
			actor2 = e.Target.Name
		}
		if e.Location != nil {
			country, admin1 = CountryName(e.Location.Country), Admin1Name(e.Location.Country, e.Location.Admin1)
		}
		if e.Place != nil && placed(e.Place.Lat, e.Place.Lon) {
			location = e.Place.Name
			lat = strconv.FormatFloat(e.Place.Lat, 'f', -1, 64)
			lon = strconv.FormatFloat(e.Place.Lon, 'f', -1, 64)
			precision := ""
			if e.Location != nil {
				precision = e.Location.Precision
			}
			geoPrec = strconv.Itoa(GeoPrecision(precision))
		}
		// ACLED's source is who reported it; sitrep names the attributed source
		// and the outlet that carried it.
		source, sourceType := e.Document.Outlet, ""
		if e.Source != nil && e.Source.Name != "" {
			source, sourceType = e.Source.Name, e.Source.Type
			if e.Document.Outlet != "" {
				source += "; " + e.Document.Outlet
			}
		}
		var acledType, acledSub string
		if e.ACLED != nil {
			acledType, acledSub = e.ACLED.EventType, e.ACLED.SubEventType
		}
		year := ""
		if len(e.Date) >= 4 {
			year = e.Date[:4]
		}
		row := []string{
			"sitrep-" + strconv.FormatInt(e.ID, 10), e.Date, year, strconv.Itoa(timePrecision(e.DatePrecision)),
			acledType, acledSub, cell(actor1), cell(actor2), iso, country, admin1, cell(location), lat, lon,
			geoPrec, cell(source), cell(strings.Join(strings.Fields(e.EvidenceText), " ")),
			e.Type, e.Mode, e.Modality, sourceType, e.Document.ID, cell(e.Document.URL), cell(e.Document.Outlet),
			st.Sitrep, st.Codebook,
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Admin1Name is the name of a first-level division, as ACLED's admin1 column has
// it ("Kharkiv"), from its GeoNames code: "UA.07", or "07" with the country
// apart. A code the gazetteer does not know, or a gazetteer that cannot be
// loaded, leaves the code as it is.
func Admin1Name(country, code string) string {
	cc, a1, ok := strings.Cut(code, ".")
	if !ok {
		cc, a1 = country, code
	}
	if cc == "" || a1 == "" {
		return code
	}
	g, err := gazetteer.Default()
	if err != nil {
		return code
	}
	if p, ok := g.Admin1(cc, a1); ok && p.Name != "" {
		return p.Name
	}
	return code
}

// CountryName is a country's name ("Ukraine") from its ISO 3166-1 alpha-2 code,
// as ACLED's country column has it; the code itself when the gazetteer does not
// know it.
func CountryName(cc string) string {
	if cc == "" {
		return ""
	}
	g, err := gazetteer.Default()
	if err != nil {
		return cc
	}
	if p, ok := g.Country(cc); ok && p.Name != "" {
		return p.Name
	}
	return cc
}

// cell defuses a text cell a spreadsheet would evaluate (=, +, -, @, tab, CR).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// GeoPrecision maps a place's precision to ACLED's geo_precision: 1 for a town or
// an exact point, 2 for part of a region (a district), 3 for a region, a country or
// a feature such as a river, where the event's spot is not known.
func GeoPrecision(precision string) int {
	switch precision {
	case "point", "city", "":
		return 1
	case "district":
		return 2
	default:
		return 3
	}
}

// timePrecision maps a date's precision to ACLED's time_precision: 1 the day, 2 a
// week or so, 3 a month or more.
func timePrecision(p string) int {
	switch p {
	case "", "day":
		return 1
	case "week":
		return 2
	default:
		return 3
	}
}

// ploverEvent is one line of the JSONL export, after the PLOVER/POLECAT event
// layout: the PLOVER codes, actor and recipient, location, the sentence, and where
// it was read.
type ploverEvent struct {
	ID        string          `json:"id"`
	Date      string          `json:"date,omitempty"`
	DatePrec  string          `json:"date_precision,omitempty"`
	EventType string          `json:"event_type"`
	Mode      string          `json:"event_mode,omitempty"`
	Modality  string          `json:"modality"`
	Actor     *ploverActor    `json:"actor,omitempty"`
	Recipient *ploverActor    `json:"recipient,omitempty"`
	Location  *ploverLocation `json:"location,omitempty"`
	ACLED     any             `json:"acled,omitempty"`
	Source    any             `json:"source,omitempty"`
	Text      string          `json:"text"`
	Document  Doc             `json:"document"`
	Stamp
}

type ploverActor struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
}

type ploverLocation struct {
	Name         string  `json:"placename"`
	GeonameID    int64   `json:"geonameid,omitempty"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	Country      string  `json:"country,omitempty"`
	Admin1       string  `json:"admin1,omitempty"`
	FeatureCode  string  `json:"feature_code,omitempty"`
	GeoPrecision int     `json:"geo_precision"`
}

// WriteEventsJSONL writes events one JSON object a line, PLOVER/POLECAT style,
// each stamped.
func WriteEventsJSONL(w io.Writer, events []Event, st Stamp) error {
	enc := json.NewEncoder(w)
	for _, e := range events {
		p := ploverEvent{
			ID: fmt.Sprintf("sitrep-%d", e.ID), Date: e.Date, DatePrec: e.DatePrecision,
			EventType: e.Type, Mode: e.Mode, Modality: e.Modality,
			Text: e.EvidenceText, Document: e.Document, Stamp: st,
		}
		if e.ACLED != nil {
			p.ACLED = e.ACLED
		}
		if e.Source != nil {
			p.Source = e.Source
		}
		if e.Actor != nil {
			p.Actor = &ploverActor{e.Actor.Name, e.Actor.Country, e.Actor.Sector}
		}
		if e.Target != nil {
			p.Recipient = &ploverActor{e.Target.Name, e.Target.Country, e.Target.Sector}
		}
		if e.Place != nil && placed(e.Place.Lat, e.Place.Lon) {
			l := &ploverLocation{Name: e.Place.Name, GeonameID: e.Place.GeonameID, Lat: e.Place.Lat, Lon: e.Place.Lon, GeoPrecision: 1}
			if e.Location != nil {
				l.Country, l.Admin1, l.FeatureCode = e.Location.Country, e.Location.Admin1, e.Location.FeatureCode
				l.GeoPrecision = GeoPrecision(e.Location.Precision)
			}
			p.Location = l
		}
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return nil
}
