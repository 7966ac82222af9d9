package lex

import (
	"math"
	"testing"
)

func TestVectors(t *testing.T) {
	words := []string{"kharkiv", "izyum", "pepsi", "изюм"}
	vecs := [][]float32{{0.5, -0.25, 0.1}, {0.48, -0.2, 0.12}, {-0.4, 0.3, 0.02}, {0.49, -0.22, 0.11}}
	v, err := NewVectors(words, vecs)
	if err != nil {
		t.Fatal(err)
	}
	d, err := ReadVectors(v.AppendBinary(nil))
	if err != nil {
		t.Fatal(err)
	}
	if d.Sum() != v.Sum() || d.Dim() != 3 || d.Len() != 4 {
		t.Fatalf("decoded table: sum %x/%x, dim %d, len %d", d.Sum(), v.Sum(), d.Dim(), d.Len())
	}
	got := make([]float32, 3)
	for _, tab := range []*Vectors{v, d} {
		for i, w := range words {
			if !tab.Of(w, got) {
				t.Fatalf("%q missing", w)
			}
			for j, x := range vecs[i] {
				// a byte per value: within half a step of the axis's scale
				if math.Abs(float64(got[j]-x)) > float64(tab.scale[j])/2+1e-6 {
					t.Errorf("%q axis %d: %v, want %v", w, j, got[j], x)
				}
			}
		}
		if !tab.Of("Kharkiv", got) || !tab.Of("ИЗЮМ", got) {
			t.Error("a capitalised word is not found")
		}
		if tab.Of("vovchansk", got) {
			t.Error("a word not in the table is found")
		}
	}
	other, _ := NewVectors(words[:3], vecs[:3])
	if other.Sum() == v.Sum() {
		t.Error("two tables have one sum")
	}
}

func TestReadVectorsRejectsDamage(t *testing.T) {
	v, err := NewVectors([]string{"kharkiv", "pepsi"}, [][]float32{{1, 2}, {3, -4}})
	if err != nil {
		t.Fatal(err)
	}
	b := v.AppendBinary(nil)
	for n := range len(b) {
		if _, err := ReadVectors(b[:n]); err == nil {
			t.Fatalf("a table cut to %d of %d bytes decodes", n, len(b))
		}
	}
	if _, err := ReadVectors(append(b, 0)); err == nil {
		t.Error("a table with a byte more decodes")
	}
	if _, err := NewVectors([]string{"a", "b"}, [][]float32{{1, 2}, {3}}); err == nil {
		t.Error("vectors of two lengths make a table")
	}
}
