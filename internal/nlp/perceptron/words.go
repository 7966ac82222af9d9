package perceptron

// addRow16Go adds row to acc, weight by weight (len(acc) >= len(row)).
func addRow16Go(acc []int32, row []int16) {
	acc = acc[:len(row)]
	for i, v := range row {
		acc[i] += int32(v)
	}
}
