package perceptron

import "golang.org/x/sys/cpu"

// hasAVX2 tells score to add dense rows with the AVX2 kernel, two instructions
// for eight weights; every amd64 processor has the SSE2 one, which takes a few.
var hasAVX2 = cpu.X86.HasAVX2

// addRow16SSE2 and addRow16AVX2 add row to acc, weight by weight; len(row) is a
// multiple of 8 and len(acc) >= len(row).
//
//go:noescape
func addRow16SSE2(acc []int32, row []int16)

//go:noescape
func addRow16AVX2(acc []int32, row []int16)
