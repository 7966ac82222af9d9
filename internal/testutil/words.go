package testutil

import "math/rand/v2"

// MadeUpWords returns a maker of random lowercase words of n letters, the same
// sequence for the same seed: words no treebank holds, so that a test sees what a
// model makes of a word only from what it is told of it (its word classes).
func MadeUpWords(seed uint64, n int) func() string {
	rng := rand.New(rand.NewPCG(seed, seed))
	return func() string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
}
