package zst

import (
	"bytes"
	"strings"
	"testing"
)

func TestRoundTripAndDeterminism(t *testing.T) {
	b := []byte(strings.Repeat("Izium, Izyum, Изюм. ", 5000))
	z := Compress(b)
	if len(z) >= len(b)/10 {
		t.Errorf("compressed %d bytes to %d", len(b), len(z))
	}
	if !bytes.Equal(z, Compress(b)) {
		t.Error("compressing twice gave different bytes")
	}
	got, err := Decompress(z, "test")
	if err != nil || !bytes.Equal(got, b) {
		t.Fatalf("round trip: %v", err)
	}
	z[len(z)/2] ^= 0xff
	if _, err := Decompress(z, "broken"); err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("corrupt data: error %v, want one naming the file", err)
	}
}
