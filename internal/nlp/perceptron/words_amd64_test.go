package perceptron

import (
	"math/rand/v2"
	"testing"
)

// Both kernels add exactly what the plain loop adds, for every row length they
// take, extreme weights included.
func TestAddRow16Kernels(t *testing.T) {
	kernels := map[string]func([]int32, []int16){"SSE2": addRow16SSE2}
	if hasAVX2 {
		kernels["AVX2"] = addRow16AVX2
	} else {
		t.Log("no AVX2 on this processor: its kernel is not tested")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	for name, add := range kernels {
		for _, n := range []int{0, 8, 16, 24, 32, 104, 112} {
			row := make([]int16, n)
			for i := range row {
				row[i] = int16(rng.IntN(65536) - 32768)
			}
			if n > 0 {
				row[0], row[n-1] = -32768, 32767
			}
			// acc is longer than the row: the lanes past it stay as they were.
			got, want := make([]int32, n+8), make([]int32, n+8)
			for i := range got {
				got[i] = int32(i * 1000)
				want[i] = got[i]
			}
			for range 3 {
				add(got, row)
				addRow16Go(want, row)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s, %d weights: lane %d: %d, want %d", name, n, i, got[i], want[i])
				}
			}
		}
	}
}
