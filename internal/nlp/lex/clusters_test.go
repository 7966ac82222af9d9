package lex

import (
	"bytes"
	"testing"
)

func TestClusters(t *testing.T) {
	words := map[string]Cluster{
		"kharkiv": {187, 219, 1, 10, 8},
		"izyum":   {187, 219, 1, 10, 8},
		"pepsi":   {892, 216, 13, 3, 15},
		"изюм":    {4095, 1023, 255, 63, 17},
	}
	c, err := NewClusters(words)
	if err != nil {
		t.Fatal(err)
	}
	b := c.AppendBinary([]byte("head"))
	d, rest, err := ReadClusters(append(b[4:], "tail"...))
	if err != nil || string(rest) != "tail" {
		t.Fatalf("decoding: %v, rest %q", err, rest)
	}
	for _, tab := range []*Clusters{c, d} {
		if tab.Len() != len(words) {
			t.Errorf("%d words, want %d", tab.Len(), len(words))
		}
		for w, want := range words {
			if got := tab.Of(w); got != want {
				t.Errorf("%q: %v, want %v", w, got, want)
			}
		}
		if got := tab.Of("Kharkiv"); got != words["kharkiv"] {
			t.Errorf("Kharkiv (capitalised): %v", got)
		}
		if got := tab.Of("Изюм"); got != words["изюм"] {
			t.Errorf("Изюм (capitalised): %v", got)
		}
		if got := tab.Of("Vovchansk"); got != NoCluster {
			t.Errorf("a word not in the table: %v", got)
		}
	}
	if c.Share(d) != d || d.Share(nil) != d || words["pepsi"].Finer() != [3]uint64{892, 216, 13} {
		t.Error("Share or Finer is wrong")
	}
	if !c.Equal(d) || c.Equal(nil) || !(*Clusters)(nil).Equal(&Clusters{}) {
		t.Error("Equal is wrong")
	}
	words["vovchansk"] = Cluster{1, 1, 1, 1, 0}
	if e, _ := NewClusters(words); e.Equal(c) {
		t.Error("tables of different words are Equal")
	}
	if _, err := NewClusters(map[string]Cluster{"x": NoCluster}); err == nil {
		t.Error("a cluster numbered like NoCluster was accepted")
	}
	var none *Clusters
	if none.Of("kharkiv") != NoCluster || none.Len() != 0 {
		t.Error("a nil table knows a word")
	}
	e, rest, err := ReadClusters(none.AppendBinary(nil))
	if err != nil || e != nil || len(rest) != 0 {
		t.Errorf("empty table: %v, %v, %q", e, err, rest)
	}
	for n := range len(b) - 4 {
		if _, _, err := ReadClusters(b[4 : 4+n]); err == nil {
			t.Errorf("a table cut to %d bytes decoded", n)
		}
	}
}

func FuzzReadClusters(f *testing.F) {
	c, _ := NewClusters(map[string]Cluster{"kharkiv": {1, 2, 3, 4, 5}, "izium": {5, 6, 7, 8, 9}})
	f.Add(c.AppendBinary(nil))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, rest, err := ReadClusters(b)
		if err != nil {
			return
		}
		if len(rest) > len(b) {
			t.Fatal("rest longer than input")
		}
		// what decodes encodes to what decodes the same
		enc := tab.AppendBinary(nil)
		again, _, err := ReadClusters(enc)
		if err != nil || (tab != nil && !bytes.Equal(again.AppendBinary(nil), enc)) {
			t.Fatalf("re-encoding does not decode the same: %v", err)
		}
		for i := range tab.Len() {
			if tab.vals[i] == NoCluster || (i > 0 && tab.keys[i] <= tab.keys[i-1]) {
				t.Fatal("decoded table not sorted or holding NoCluster")
			}
		}
	})
}

// The models carry the same table: decoding its encoding again returns the
// table decoded before; another table is decoded anew.
func TestReadClustersAgain(t *testing.T) {
	a, _ := NewClusters(map[string]Cluster{"kharkiv": {1, 2, 3, 4, 5}, "izium": {5, 6, 7, 8, 9}})
	b, _ := NewClusters(map[string]Cluster{"kharkiv": {1, 2, 3, 4, 5}, "izium": {5, 6, 7, 8, 8}})
	ea := append(a.AppendBinary(nil), "tail"...)
	first, _, err := ReadClusters(ea)
	if err != nil {
		t.Fatal(err)
	}
	again, rest, err := ReadClusters(bytes.Clone(ea))
	if err != nil || again != first || string(rest) != "tail" {
		t.Fatalf("decoded again: %p (%v, rest %q), want %p", again, err, rest, first)
	}
	other, _, err := ReadClusters(b.AppendBinary(nil))
	if err != nil || other == first || !other.Equal(b) || other.Equal(a) {
		t.Fatalf("another table: %v, %v", other, err)
	}
	if back, _, _ := ReadClusters(ea); back == other || !back.Equal(a) {
		t.Fatal("the first table, read after another, is not itself")
	}
}
