package lex

import "testing"

func TestGroundWords(t *testing.T) {
	for _, c := range []struct {
		f    func(string) bool
		name string
		yes  []string
		no   []string
	}{
		{TakesGround, "TakesGround", []string{"seized", "captured", "shelled", "struck", "toward"}, []string{"attacked", "hit", "met", "Seized"}},
		{LeavesGround, "LeavesGround", []string{"retreat", "withdrew", "fled", "evacuated"}, []string{"came", "letter", "from"}},
		{FrontAfter, "FrontAfter", []string{"direction", "axis", "sector", "district"}, []string{"said", "Direction", "army"}},
	} {
		for _, w := range c.yes {
			if !c.f(w) {
				t.Errorf("%s(%q) = false", c.name, w)
			}
		}
		for _, w := range c.no {
			if c.f(w) {
				t.Errorf("%s(%q) = true", c.name, w)
			}
		}
	}
}
