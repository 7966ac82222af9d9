//go:build !amd64

package perceptron

// addRow16 adds row to acc, weight by weight (len(acc) >= len(row)).
func addRow16(acc []int32, row []int16) { addRow16Go(acc, row) }
