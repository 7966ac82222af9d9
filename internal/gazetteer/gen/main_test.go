package main

import (
	"encoding/json"
	"math"
	"testing"
)

func TestDMS(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{`N 49° 51’ 25"`, 49 + 51.0/60 + 25.0/3600, true},
		{`E 35° 7’ 11"`, 35 + 7.0/60 + 11.0/3600, true},
		{`S 10° 30’`, -10.5, true},
		{``, 0, false},
		{`X 1° 2’`, 0, false},
		{`N a° b’`, 0, false},
	}
	for _, tt := range tests {
		got, ok := dms(tt.in)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("dms(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCentroid(t *testing.T) {
	square := json.RawMessage(`[[[10,50],[12,50],[12,52],[10,52],[10,50]]]`)
	lat, lon, ok := centroid(geometry{"Polygon", square})
	if !ok || math.Abs(lat-51) > 0.05 || math.Abs(lon-11) > 0.05 {
		t.Errorf("square: %v %v %v", lat, lon, ok)
	}
	// The bigger island weighs more.
	two := json.RawMessage(`[[[[0,0],[4,0],[4,4],[0,4],[0,0]]],[[[10,0],[11,0],[11,1],[10,1],[10,0]]]]`)
	lat, lon, ok = centroid(geometry{"MultiPolygon", two})
	if !ok || lon < 2 || lon > 3 || lat < 1.5 || lat > 2.5 {
		t.Errorf("two islands: %v %v %v", lat, lon, ok)
	}
	if _, _, ok := centroid(geometry{"Point", json.RawMessage(`[1,2]`)}); ok {
		t.Error("a point has no area")
	}
}

func TestUsefulAlt(t *testing.T) {
	tests := map[string]bool{"Kharkov": true, "KBP": false, "WA": false, "Charkiw": true, "A": false, "http://x": false, "Kyiv 2": false}
	for in, want := range tests {
		if got := usefulAlt(in); got != want {
			t.Errorf("usefulAlt(%q) = %v", in, got)
		}
	}
	if !latinOrCyrillic("Харків") || !latinOrCyrillic("Kraków") || latinOrCyrillic("北京") {
		t.Error("latinOrCyrillic is wrong")
	}
}

func TestAreaContains(t *testing.T) {
	// A square with a square hole, and a second island.
	a := newArea([][][][2]float64{
		{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}}},
		{{{10, 10}, {11, 10}, {11, 11}, {10, 11}, {10, 10}}},
	})
	tests := []struct {
		lat, lon float64
		in       bool
	}{
		{3, 3, true}, {1.5, 1.5, false}, {10.5, 10.5, true}, {5, 5, false}, {-1, 2, false},
	}
	for _, tt := range tests {
		if got := a.contains(tt.lat, tt.lon); got != tt.in {
			t.Errorf("contains(%v, %v) = %v", tt.lat, tt.lon, got)
		}
	}
}

func TestCommonPrefix(t *testing.T) {
	tests := []struct {
		a, b string
		n    int
	}{
		{"ізюмський", "ізюм", 4}, {"кременчуцький", "кременчук", 8}, {"лозівський", "лозова", 3}, {"", "x", 0},
	}
	for _, tt := range tests {
		if got := commonPrefix(tt.a, tt.b); got != tt.n {
			t.Errorf("commonPrefix(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.n)
		}
	}
}

func TestTouches(t *testing.T) {
	main := [][][2]float64{{{37.0, 50.9}, {37.5, 50.0}, {38.5, 49.0}}}
	upper := [][][2]float64{{{37.2, 51.1}, {37.0, 50.9001}}} // ends on the main course
	apart := [][][2]float64{{{30.0, 45.0}, {30.5, 45.5}}}
	if !touches(upper, main, 5) {
		t.Error("upper course does not touch")
	}
	if touches(apart, main, 5) {
		t.Error("a river 500 km away touches")
	}
	if d := nearLines(49.0, 38.5, main); d > 0.01 {
		t.Errorf("nearLines on a vertex = %v", d)
	}
}
