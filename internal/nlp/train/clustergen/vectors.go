package main

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"slices"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/zst"
)

// writeVectors writes the words' unit vectors projected on their k main axes
// (principal component analysis: the eigenvectors of the vectors' covariance
// with the largest eigenvalues) as a lex.Vectors table, for the recogniser's
// window network. The axes are found by Jacobi rotations from sums in a fixed
// order, so a rerun writes the same file.
func writeVectors(words []string, vecs []float32, dim, k int) error {
	if k < 1 || k > dim {
		return fmt.Errorf("-dims %d: want 1 to %d", k, dim)
	}
	n := len(words)
	mean := make([]float64, dim)
	for i := range n {
		for j := range dim {
			mean[j] += float64(vecs[i*dim+j])
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	cov := make([][]float64, dim)
	for a := range cov {
		cov[a] = make([]float64, dim)
	}
	x := make([]float64, dim)
	for i := range n {
		for j := range dim {
			x[j] = float64(vecs[i*dim+j]) - mean[j]
		}
		for a := range dim {
			row := cov[a]
			for b := a; b < dim; b++ {
				row[b] += x[a] * x[b]
			}
		}
	}
	for a := range dim {
		for b := a; b < dim; b++ {
			cov[a][b] /= float64(n)
			cov[b][a] = cov[a][b]
		}
	}
	vals, axes := jacobi(cov)
	order := make([]int, dim)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(vals[b], vals[a]) })
	out := make([][]float32, n)
	for i := range n {
		for j := range dim {
			x[j] = float64(vecs[i*dim+j]) - mean[j]
		}
		v := make([]float32, k)
		for q := range k {
			var s float64
			for j := range dim {
				s += axes[j][order[q]] * x[j]
			}
			v[q] = float32(s)
		}
		out[i] = v
	}
	var total, kept float64
	for q, a := range order {
		total += vals[a]
		if q < k {
			kept += vals[a]
		}
	}
	t, err := lex.NewVectors(words, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "vectors: %d words, %d axes (%.1f%% of the variance)\n", t.Len(), k, 100*kept/total)
	return os.WriteFile(*vecOut, zst.Compress(t.AppendBinary(nil)), 0o644)
}

// jacobi diagonalises the symmetric matrix a by Jacobi rotations, returning its
// eigenvalues and the eigenvectors as the columns of a matrix. a is overwritten.
func jacobi(a [][]float64) ([]float64, [][]float64) {
	n := len(a)
	v := make([][]float64, n)
	for i := range v {
		v[i] = make([]float64, n)
		v[i][i] = 1
	}
	for range 100 {
		var off float64
		for p := range n {
			for q := p + 1; q < n; q++ {
				off += a[p][q] * a[p][q]
			}
		}
		if off < 1e-18 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				if math.Abs(a[p][q]) < 1e-15 {
					continue
				}
				theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := range n {
					akp, akq := a[k][p], a[k][q]
					a[k][p], a[k][q] = c*akp-s*akq, s*akp+c*akq
				}
				for k := range n {
					apk, aqk := a[p][k], a[q][k]
					a[p][k], a[q][k] = c*apk-s*aqk, s*apk+c*aqk
				}
				for k := range n {
					vkp, vkq := v[k][p], v[k][q]
					v[k][p], v[k][q] = c*vkp-s*vkq, s*vkp+c*vkq
				}
			}
		}
	}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = a[i][i]
	}
	return vals, v
}
