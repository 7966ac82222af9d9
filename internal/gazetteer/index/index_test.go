package index

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/zst"
)

func build(t testing.TB) []byte {
	t.Helper()
	var b Builder
	iz := b.Add(Entry{ID: 707292, Name: "Izium", Lat: 49.20698, Lon: 37.27676, Class: 'P', Code: "PPLA2", Country: "UA", Admin1: "07", Pop: 45884, Source: SrcGeoNames})
	ro := b.Add(Entry{Name: "Robotyne", Lat: 47.4431, Lon: 35.8261, Class: 'P', Code: "PPL", Country: "UA", Admin1: "26", Source: SrcUARegister})
	us := b.Add(Entry{ID: 6252001, Name: "United States", Lat: 39.76, Lon: -98.5, Class: 'A', Code: "PCLI", Country: "US", Source: SrcCountries})
	b.Add(Entry{Name: "Siverskyi Donets", Lat: 48.9, Lon: 38.4, Class: 'H', Code: "STM", Source: SrcNatEarth | SrcStateReg, Ref: "srgn:F-551"})
	b.Name(iz, "izium", 0)
	b.Name(iz, "izyum", Alt)
	b.Name(iz, "izyum", Alt|Fuzzy) // weaker reading of a key already filed: ignored
	b.Name(ro, "robotyne", 0)
	b.Name(us, "us", Abbr)
	b.Name(us, "american", Demonym)
	var out bytes.Buffer
	if err := b.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestRoundTrip(t *testing.T) {
	x, err := Read(bytes.NewReader(build(t)))
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 4 || x.Keys() != 5 {
		t.Fatalf("got %d entries, %d keys; want 4, 5", x.Len(), x.Keys())
	}
	if r := x.Entry(3).Ref; r != "srgn:F-551" {
		t.Errorf("entry 3 ref = %q", r)
	}
	if r := x.Entry(2).Ref; r != "" {
		t.Errorf("entry 2 ref = %q", r)
	}
	e := x.Entry(0)
	want := Entry{ID: 707292, Name: "Izium", Lat: 49.20698, Lon: 37.27676, Class: 'P', Code: "PPLA2", Country: "UA", Admin1: "07", Pop: 45884, Source: SrcGeoNames}
	if e != want {
		t.Errorf("entry 0 = %+v, want %+v", e, want)
	}
	if x.Code(2) != "PCLI" {
		t.Errorf("Code(2) = %q", x.Code(2))
	}
	tests := []struct {
		key  string
		want []Posting
	}{
		{"izium", []Posting{{0, 0}}},
		{"izyum", []Posting{{0, Alt}}},
		{"robotyne", []Posting{{1, 0}}},
		{"us", []Posting{{2, Abbr}}},
		{"american", []Posting{{2, Demonym}}},
		{"kyiv", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := x.Lookup(tt.key); !slices.Equal(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
	if !x.Has("robotyne") || x.Has("robot") {
		t.Error("Has is wrong")
	}
}

func TestHasPrefix(t *testing.T) {
	var b Builder
	i := b.Add(Entry{Name: "New York", Class: 'P'})
	b.Name(i, "new york", 0)
	var out bytes.Buffer
	if err := b.Write(&out); err != nil {
		t.Fatal(err)
	}
	x, err := Read(&out)
	if err != nil {
		t.Fatal(err)
	}
	if !x.HasPrefix("new") || x.HasPrefix("new york") || x.HasPrefix("york") {
		t.Error("HasPrefix is wrong")
	}
}

// Broken files are errors, never panics.
func TestReadBroken(t *testing.T) {
	good := build(t)
	decoded, err := zst.Decompress(good, "good")
	if err != nil {
		t.Fatal(err)
	}
	raw := bytes.NewBuffer(decoded)
	regz := zst.Compress
	tests := map[string][]byte{
		"not zstd":    []byte("hello"),
		"empty":       regz(nil),
		"bad magic":   regz([]byte(strings.Repeat("x", 64))),
		"truncated":   regz(raw.Bytes()[:raw.Len()/2]),
		"trailing":    regz(append(slices.Clone(raw.Bytes()), 0)),
		"cut zstd":    good[:len(good)/2],
		"old version": regz(append([]byte("SITREPGZ\x01\x00\x00\x00"), raw.Bytes()[12:]...)),
	}
	for name, b := range tests {
		if _, err := Read(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	raw, err := zst.Decompress(build(f), "test")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte("SITREPGZ"))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := parse(b)
		if err != nil {
			return
		}
		for i := range x.Len() {
			x.Entry(i)
		}
		x.Lookup("izium")
		x.HasPrefix("iz")
	})
}
