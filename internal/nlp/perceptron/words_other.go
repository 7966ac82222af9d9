//go:build !amd64

package perceptron

// Elsewhere both kernels are the plain loop.
const hasAVX2 = false

func addRow16SSE2(acc []int32, row []int16) { addRow16Go(acc, row) }
func addRow16AVX2(acc []int32, row []int16) { addRow16Go(acc, row) }
