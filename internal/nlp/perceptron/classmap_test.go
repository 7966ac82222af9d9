package perceptron

import (
	"maps"
	"testing"
)

func TestClassMapRoundTrip(t *testing.T) {
	m := map[uint64]uint64{String("ran"): String("dl"), String("run"): String("lnv"), String("walk"): String("lnv")}
	b := AppendClassMap([]byte("x"), NewClassMap(m))
	b = append(b, "rest"...)
	got, rest, err := ReadClassMap(b[1:])
	if err != nil || !maps.Equal(got.Map(), m) || string(rest) != "rest" {
		t.Fatalf("ReadClassMap = %v, %q, %v", got.Map(), rest, err)
	}
	for k, v := range m {
		if g, ok := got.Get(k); !ok || g != v {
			t.Errorf("Get(%x) = %x, %v; want %x", k, g, ok, v)
		}
	}
	if g, ok := got.Get(String("walked")); ok {
		t.Errorf("Get of a word not in the map = %x", g)
	}
	if got, _, err := ReadClassMap(AppendClassMap(nil, NewClassMap(nil))); err != nil || got.Len() != 0 {
		t.Errorf("empty map: %v, %v", got.Map(), err)
	}
	for n := range len(b) - 5 {
		if _, _, err := ReadClassMap(b[1 : 1+n]); err == nil {
			t.Errorf("%d of %d bytes accepted", n, len(b)-5)
		}
	}
}

func FuzzReadClassMap(f *testing.F) {
	f.Add(AppendClassMap(nil, NewClassMap(map[uint64]uint64{1: 2, 3: 2, 5: 7})))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, rest, err := ReadClassMap(b)
		if err != nil {
			return
		}
		if len(rest) > len(b) {
			t.Fatal("rest longer than input")
		}
		for i, k := range m.keys {
			if v, ok := m.Get(k); !ok || v != m.vals[m.idx[i]] {
				t.Fatalf("Get(%x) = %x, %v", k, v, ok)
			}
		}
		if m2, _, err := ReadClassMap(AppendClassMap(nil, m)); err != nil || !maps.Equal(m.Map(), m2.Map()) {
			t.Fatalf("re-encoding: %v", err)
		}
	})
}
