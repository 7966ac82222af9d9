package perceptron

// addRow16 adds row to acc, weight by weight; len(row) is a multiple of 8 and
// len(acc) >= len(row). Eight weights take a few SSE2 instructions (every amd64
// processor has SSE2).
//
//go:noescape
func addRow16(acc []int32, row []int16)
