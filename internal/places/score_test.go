package places

import (
	"math"
	"testing"
)

func TestTally(t *testing.T) {
	kyiv := Toponym{Surface: "Kyiv", Start: 100, End: 104, Lat: 50.45, Lon: 30.52}
	lviv := Toponym{Surface: "Lviv", Start: 200, End: 204, Lat: 49.84, Lon: 24.02}
	tests := []struct {
		name           string
		gold, pred     []Toponym
		matched, in161 int
	}{
		{"exact", []Toponym{kyiv}, []Toponym{kyiv}, 1, 1},
		{"case is ignored", []Toponym{kyiv}, []Toponym{{Surface: "KYIV", Start: 100, End: 104, Lat: 50.45, Lon: 30.52}}, 1, 1},
		{"midpoints 9 apart match", []Toponym{kyiv}, []Toponym{{Surface: "Kyiv", Start: 109, End: 113, Lat: 50.45, Lon: 30.52}}, 1, 1},
		{"midpoints 10 apart do not", []Toponym{kyiv}, []Toponym{{Surface: "Kyiv", Start: 110, End: 114}}, 0, 0},
		{"surface must be equal", []Toponym{kyiv}, []Toponym{{Surface: "Kyiv region", Start: 100, End: 111}}, 0, 0},
		{"far coordinates match the span only", []Toponym{kyiv}, []Toponym{{Surface: "Kyiv", Start: 100, End: 104, Lat: 49.84, Lon: 24.02}}, 1, 0},
		{"one prediction matches once", []Toponym{kyiv, {Surface: "Kyiv", Start: 102, End: 106, Lat: 50.45, Lon: 30.52}}, []Toponym{kyiv}, 1, 1},
		{"two of two", []Toponym{kyiv, lviv}, []Toponym{lviv, kyiv}, 2, 2},
	}
	for _, tt := range tests {
		var ta Tally
		ta.Add(tt.gold, tt.pred)
		if ta.Matched != tt.matched || ta.Within161 != tt.in161 {
			t.Errorf("%s: matched %d within161 %d, want %d %d", tt.name, ta.Matched, ta.Within161, tt.matched, tt.in161)
		}
	}
}

func TestMetrics(t *testing.T) {
	ta := Tally{Gold: 4, Pred: 5, Matched: 3, Within161: 2, Errors: []float64{0, 100, 1000}}
	m := ta.Metrics()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	checks := []struct {
		name      string
		got, want float64
	}{
		{"P", m.P, 0.6},
		{"R", m.R, 0.75},
		{"F1", m.F1, 2 * 0.6 * 0.75 / 1.35},
		{"Acc@161", m.Acc161, 2.0 / 3},
		{"P161", m.P161, 0.4},
		{"R161", m.R161, 0.5},
		{"F1@161", m.F161, 2 * 0.4 * 0.5 / 0.9},
		{"mean", m.MeanKm, 1100.0 / 3},
		{"median", m.MedianKm, 100},
		// trapezoids over ln(1+e): (0+ln101)/2 + (ln101+ln1001)/2, over 2 ln 20039
		{"AUC", m.AUC, (math.Log(101)/2 + (math.Log(101)+math.Log(1001))/2) / (2 * math.Log(20039))},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	var empty Tally
	if m := empty.Metrics(); m.F1 != 0 || m.AUC != 0 {
		t.Errorf("empty tally: %+v", m)
	}
}
