package perceptron

// Feature hashing. A feature is a template number combined with one or more values,
// each value itself a 64-bit hash (of a string, or a small integer). The mixing is a
// fixed function, so models stay valid across runs and machines.

const (
	prime64  = 1099511628211
	offset64 = 14695981039346656037
)

// String hashes s (FNV-1a, 64 bits).
func String(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// mix is a strong 64-bit finaliser (from SplitMix64).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// F1 is the feature of template t with value a.
func F1(t uint64, a uint64) uint64 { return mix(t*0x9e3779b97f4a7c15 ^ a) }

// F2 is the feature of template t with values a, b.
func F2(t, a, b uint64) uint64 { return mix(F1(t, a) ^ b*0xc2b2ae3d27d4eb4f) }

// F3 is the feature of template t with values a, b, c.
func F3(t, a, b, c uint64) uint64 { return mix(F2(t, a, b) ^ c*0x165667b19e3779f9) }
