package places

import (
	"math"
	"sort"
	"strings"
)

// Geoparsing evaluation, as EUPEG (Wang and Hu, 2019) scores it: a predicted
// toponym matches a gold one when their surface forms are equal ignoring case and
// their spans' midpoints are less than 10 characters apart; each prediction and
// each gold toponym matches at most once.

// Toponym is a gold or predicted toponym: its surface form, code-point span and
// coordinates.
type Toponym struct {
	Surface    string
	Start, End int
	Lat, Lon   float64
}

// Tally accumulates matches over documents.
type Tally struct {
	Gold, Pred, Matched int
	Within161           int       // matched and within 161 km of gold
	Errors              []float64 // km, one per match
}

// Align matches predictions to gold toponyms by EUPEG's rule and returns, for
// each gold toponym, the index of its prediction or -1.
func Align(gold, pred []Toponym) []int {
	out := make([]int, len(gold))
	used := make([]bool, len(pred))
	for i, g := range gold {
		out[i] = -1
		gm := float64(g.Start+g.End) / 2
		bestD := 10.0
		for k, p := range pred {
			if used[k] || !strings.EqualFold(p.Surface, g.Surface) {
				continue
			}
			if dd := math.Abs(float64(p.Start+p.End)/2 - gm); dd < bestD {
				out[i], bestD = k, dd
			}
		}
		if out[i] >= 0 {
			used[out[i]] = true
		}
	}
	return out
}

// Add scores one document's predictions against its gold toponyms.
func (t *Tally) Add(gold, pred []Toponym) {
	t.Gold += len(gold)
	t.Pred += len(pred)
	for i, k := range Align(gold, pred) {
		if k < 0 {
			continue
		}
		t.Matched++
		e := Km(gold[i], pred[k])
		t.Errors = append(t.Errors, e)
		if e <= 161 {
			t.Within161++
		}
	}
}

// Km is the distance between two toponyms' points.
func Km(a, b Toponym) float64 { return km(a.Lat, a.Lon, b.Lat, b.Lon) }

// Metrics are the figures EUPEG reports, plus F1@161.
type Metrics struct {
	P, R, F1      float64
	Acc161        float64 // share of matched toponyms within 161 km
	AUC           float64 // area under the log-error curve, lower is better
	MeanKm        float64
	MedianKm      float64
	P161, R161    float64
	F161          float64 // F1 counting only matches within 161 km
	Gold, Pred, N int
}

// Metrics computes the figures of the tally.
func (t *Tally) Metrics() Metrics {
	m := Metrics{Gold: t.Gold, Pred: t.Pred, N: t.Matched}
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	f1 := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	m.P, m.R = div(t.Matched, t.Pred), div(t.Matched, t.Gold)
	m.F1 = f1(m.P, m.R)
	m.P161, m.R161 = div(t.Within161, t.Pred), div(t.Within161, t.Gold)
	m.F161 = f1(m.P161, m.R161)
	m.Acc161 = div(t.Within161, t.Matched)
	if n := len(t.Errors); n > 0 {
		errs := append([]float64(nil), t.Errors...)
		sort.Float64s(errs)
		sum := 0.0
		for _, e := range errs {
			sum += e
		}
		m.MeanKm = sum / float64(n)
		if n%2 == 1 {
			m.MedianKm = errs[n/2]
		} else {
			m.MedianKm = (errs[n/2-1] + errs[n/2]) / 2
		}
		m.AUC = auc(errs)
	}
	return m
}

// auc is the area under the curve of sorted log errors, scaled by the log of
// the largest possible error (half the Earth's circumference, 20,039 km), as in
// Gritta et al. (2018): the trapezoid rule over ln(1+error).
func auc(sorted []float64) float64 {
	n := len(sorted)
	if n == 1 {
		return math.Log(sorted[0]+1) / math.Log(20039)
	}
	area := 0.0
	for i := 1; i < n; i++ {
		area += (math.Log(sorted[i-1]+1) + math.Log(sorted[i]+1)) / 2
	}
	return area / (math.Log(20039) * float64(n-1))
}
