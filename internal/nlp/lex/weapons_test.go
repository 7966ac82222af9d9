package lex

import "testing"

func TestWeapon(t *testing.T) {
	for _, c := range []struct {
		w             string
		weapon, alone bool
	}{
		{"iskander", true, true},
		{"iskander-m", true, true}, // a model's suffix
		{"tochka-u", true, true},
		{"grad", true, false}, // also a region of Slovenia: a weapon only before a weapon word
		{"buk-m1", true, false},
		{"zala", true, false},
		{"kharkiv", false, false},
		{"iskander-mountains", false, false}, // not a model's suffix
		{"Iskander", false, false},           // lowercase only
	} {
		if weapon, alone := Weapon(c.w); weapon != c.weapon || alone != c.alone {
			t.Errorf("Weapon(%q) = %v, %v; want %v, %v", c.w, weapon, alone, c.weapon, c.alone)
		}
	}
	for w, kind := range map[string]string{"iskander-m": "missile", "grad": "rocket", "shahed": "drone",
		"krasnopol": "artillery", "buk": "air-defence", "leopard": "armour", "kharkiv": ""} {
		if got := WeaponKind(w); got != kind {
			t.Errorf("WeaponKind(%q) = %q, want %q", w, got, kind)
		}
	}
	for _, w := range []string{"missiles", "launchers", "system", "mlrs", "drone"} {
		if !WeaponWord(w) {
			t.Errorf("WeaponWord(%q) = false", w)
		}
	}
	for _, w := range []string{"hit", "city", "Missiles"} {
		if WeaponWord(w) {
			t.Errorf("WeaponWord(%q) = true", w)
		}
	}
}

func TestWeaponHere(t *testing.T) {
	for _, c := range []struct {
		w, prev string
		after   []string
		suffix  bool
		want    bool
	}{
		{"iskander", "fired", []string{"missiles"}, false, true},
		{"grad", "", []string{"rockets", "struck"}, false, true},
		{"grad", "in", []string{"slovenia"}, false, false}, // the Slovenian region
		{"buk", "a", nil, true, true},                      // Buk-M1
		{"shahed", "", []string{"said"}, false, true},      // rarely anything else
		{"shahed", "in", nil, false, false},
		{"kharkiv", "", []string{"missiles"}, false, false},
	} {
		if got := WeaponHere(c.w, c.prev, c.after, c.suffix); got != c.want {
			t.Errorf("WeaponHere(%q, %q, %q, %v) = %v", c.w, c.prev, c.after, c.suffix, got)
		}
	}
}
