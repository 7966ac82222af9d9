package perceptron

import (
	"maps"
	"testing"
)

func TestClassMapRoundTrip(t *testing.T) {
	m := map[uint64]uint64{String("ran"): String("dl"), String("run"): String("lnv"), String("walk"): String("lnv")}
	b := AppendClassMap([]byte("x"), m)
	b = append(b, "rest"...)
	got, rest, err := ReadClassMap(b[1:])
	if err != nil || !maps.Equal(got, m) || string(rest) != "rest" {
		t.Fatalf("ReadClassMap = %v, %q, %v", got, rest, err)
	}
	if got, _, err := ReadClassMap(AppendClassMap(nil, nil)); err != nil || got != nil {
		t.Errorf("empty map: %v, %v", got, err)
	}
	for n := range len(b) - 5 {
		if _, _, err := ReadClassMap(b[1 : 1+n]); err == nil {
			t.Errorf("%d of %d bytes accepted", n, len(b)-5)
		}
	}
}

func FuzzReadClassMap(f *testing.F) {
	f.Add(AppendClassMap(nil, map[uint64]uint64{1: 2, 3: 2, 5: 7}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, rest, err := ReadClassMap(b)
		if err != nil {
			return
		}
		if len(rest) > len(b) {
			t.Fatal("rest longer than input")
		}
		if m2, _, err := ReadClassMap(AppendClassMap(nil, m)); err != nil || !maps.Equal(m, m2) {
			t.Fatalf("re-encoding: %v", err)
		}
	})
}
