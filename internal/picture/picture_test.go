package picture_test

import (
	"errors"
	"testing"

	"github.com/sitrep/sitrep/internal/picture"
)

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in   string
		want *picture.BBox
	}{
		{"36.5,49.0,38.0,50.0", &picture.BBox{West: 36.5, South: 49, East: 38, North: 50}},
		{" 22 , 44 , 40 , 52.5 ", &picture.BBox{West: 22, South: 44, East: 40, North: 52.5}},
		{"-180,-90,180,90", &picture.BBox{West: -180, South: -90, East: 180, North: 90}},
		{"49.0,36.5,50.0,38.0", &picture.BBox{West: 49, South: 36.5, East: 50, North: 38}}, // lat, lon swapped is still a box
		{"1,2,3", nil},
		{"a,b,c,d", nil},
		{"38,49,36,50", nil}, // west > east
		{"0,95,1,96", nil},   // beyond the pole
		{"NaN,0,1,1", nil},   // not a number
		{"1,2,3,4,5", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, err := picture.ParseBBox(tt.in)
		switch {
		case tt.want == nil && (err == nil || !errors.Is(err, picture.ErrBadQuery)):
			t.Errorf("%q: %+v, %v; want a bad query", tt.in, got, err)
		case tt.want != nil && (err != nil || *got != *tt.want):
			t.Errorf("%q: %+v, %v; want %+v", tt.in, got, err, *tt.want)
		}
	}
}

// Untrusted query strings never panic and never yield a box outside the globe.
func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"36.5,49.0,38.0,50.0", "1,2,3", "-180,-90,180,90", "1e309,0,1,1", "NaN,NaN,NaN,NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := picture.ParseBBox(s)
		if err != nil {
			return
		}
		if !(b.West >= -180 && b.East <= 180 && b.South >= -90 && b.North <= 90 && b.West <= b.East && b.South <= b.North) {
			t.Errorf("%q gave %+v", s, b)
		}
	})
}
