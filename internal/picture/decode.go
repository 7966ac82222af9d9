package picture

import (
	"encoding/json"

	"github.com/sitrep/sitrep/internal/record"
)

// The stores keep each item's JSON as the record had it; these turn a stored row
// (its Item, the item's JSON and, for events, the JSON of the record's place the
// event is at) back into the picture's types.

// DecodeEvent reads an event row.
func DecodeEvent(it Item, js, loc []byte) (Event, error) {
	v := Event{Item: it}
	if err := json.Unmarshal(js, &v.Event); err != nil {
		return v, err
	}
	if len(loc) > 0 {
		var p record.Place
		if err := json.Unmarshal(loc, &p); err != nil {
			return v, err
		}
		v.Location = &Location{Admin1: p.Admin1, Country: p.Country, Precision: p.Precision, FeatureCode: p.FeatureCode}
	}
	return v, nil
}

// DecodePlace reads a place-mention row.
func DecodePlace(it Item, js, _ []byte) (Place, error) {
	v := Place{Item: it}
	return v, json.Unmarshal(js, &v.Place)
}

// DecodeQuote reads a quotation row.
func DecodeQuote(it Item, js, _ []byte) (Quote, error) {
	v := Quote{Item: it}
	return v, json.Unmarshal(js, &v.Quote)
}

// DecodeClaim reads a claim row.
func DecodeClaim(it Item, js, _ []byte) (Claim, error) {
	v := Claim{Item: it}
	return v, json.Unmarshal(js, &v.Claim)
}

// DecodeControl reads a control-statement row.
func DecodeControl(it Item, js, _ []byte) (Control, error) {
	v := Control{Item: it}
	return v, json.Unmarshal(js, &v.Control)
}
