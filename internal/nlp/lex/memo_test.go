package lex

import (
	"strconv"
	"testing"
)

func TestMemo(t *testing.T) {
	calls := 0
	f := func(w string) int { calls++; return len(w) }
	m := Memo[int]{}
	if m.Get("Kharkiv", f) != 7 || m.Get("Kharkiv", f) != 7 || calls != 1 {
		t.Errorf("a remembered word was computed %d times", calls)
	}
	for i := range MaxMemo + 10 {
		m.Get(strconv.Itoa(i), f)
	}
	if len(m) > MaxMemo {
		t.Errorf("memo holds %d words, more than %d", len(m), MaxMemo)
	}
	var none Memo[int]
	calls = 0
	if none.Get("Izium", f) != 5 || none.Get("Izium", f) != 5 || calls != 2 {
		t.Errorf("a nil memo: %d computations, want 2", calls)
	}
}
