package lex

import "strings"

// Weapon systems of the wars sitrep reads, named as reporting names them. Many
// share a spelling with a place the gazetteer holds (Iskander and Iskandar in
// Uzbekistan, Grad in Slovenia, Buk in Hungary, Zala county, the Msta river) or
// look like a person's name to the recogniser (Krasnopol, Shahed), so that
// "Iskander missiles hit Kharkiv" would put a point in Uzbekistan.

// Weapon reports whether w, in lowercase, names a weapon system, and whether
// it is rarely anything else in reporting of war (Iskander, Kalibr, Shahed), so
// that it is a weapon even alone; the others (Grad, Buk, Zala, Osa) are
// weapons only where a weapon word or a model's suffix follows (see
// WeaponWord): "Grad rockets", "Buk-M1", "a ZALA drone". A model's suffix after
// a hyphen is the system's (Iskander-M, Tornado-S).
func Weapon(w string) (weapon, alone bool) {
	s, ok := systemOf(w)
	return ok, s.alone
}

// WeaponKind is what the weapon system w (in lowercase) is: "missile",
// "rocket" (multiple launch rocket systems), "artillery" (guns and their
// shells), "drone", "air-defence", "anti-tank" or "armour"; "" if w names
// none.
func WeaponKind(w string) string {
	s, _ := systemOf(w)
	return s.kind
}

func systemOf(w string) (system, bool) {
	if s, ok := weapons[w]; ok {
		return s, true
	}
	if stem, suffix, ok := strings.Cut(w, "-"); ok && len(suffix) <= 3 {
		s, ok := weapons[stem]
		return s, ok
	}
	return system{}, false
}

// WeaponHere decides whether w, a word of text in lowercase, names a weapon
// system where it stands: before a model's suffix (Iskander-M, Buk-M1: suffix),
// or a weapon word among the few words after it (after: "Krasnopol guided
// shells", "Grad multiple rocket launchers"), or, for the names that are rarely
// anything else, anywhere but after a locative preposition (prev: "in Grad").
func WeaponHere(w, prev string, after []string, suffix bool) bool {
	weapon, alone := Weapon(w)
	if !weapon {
		return false
	}
	if suffix {
		return true
	}
	for _, a := range after {
		if weaponWords[a] {
			return true
		}
	}
	switch prev {
	case "in", "near", "at", "outside", "around":
		return false
	}
	return alone
}

// WeaponWord reports whether w, in lowercase, is a word that after a weapon
// system's name says what it is: "Iskander missiles", "the Buk system", "Grad
// multiple rocket launchers", "Grad MLRS".
func WeaponWord(w string) bool { return weaponWords[w] }

type system struct {
	kind  string
	alone bool
}

var weapons = map[string]system{}
var weaponWords = map[string]bool{}

func init() {
	for _, k := range []struct {
		kind  string
		alone bool // a weapon wherever it stands in reporting of war
		names string
	}{
		{"missile", true, "iskander iskanders kalibr kalibrs kinzhal kinzhals tochka tochka-u zircon tsirkon " +
			"kh-101 kh-555 kh-22 kh-47 kh-59 kh-31 atacms scalp"},
		{"missile", false, "onyx oniks neptune harpoon hrim"},
		{"rocket", true, "smerch uragan himars solntsepyok solntsepek tos-1 tos-1a"},
		{"rocket", false, "grad grads tornado tornado-s vilkha buratino"},
		{"artillery", true, "krasnopol"},
		{"artillery", false, "msta msta-s pion malva caesar archer krab bohdana akatsiya gvozdika giatsint " +
			"tulip tyulpan excalibur"},
		{"drone", true, "lancet lancets shahed shaheds shahed-136 geran geran-2 bayraktar bayraktars tb2 " +
			"gerbera supercam orlan orlan-10 mavic"},
		{"drone", false, "zala"},
		{"air-defence", true, "pantsir pantsir-s1 nasams iris-t s-300 s-400 s-200"},
		{"air-defence", false, "buk tor osa patriot patriots stinger stingers igla strela verba kub kvadrat " +
			"shilka tunguska gepard hawk avenger"},
		{"anti-tank", true, "javelin javelins nlaw nlaws"},
		{"anti-tank", false, "kornet konkurs"},
		{"armour", false, "leopard leopards abrams bradley bradleys challenger marder stryker dozor"},
	} {
		for _, w := range strings.Fields(k.names) {
			weapons[w] = system{kind: k.kind, alone: k.alone}
		}
	}
	for _, w := range []string{"missile", "missiles", "rocket", "rockets", "launcher", "launchers",
		"system", "systems", "complex", "complexes", "battery", "batteries", "drone", "drones",
		"uav", "uavs", "shell", "shells", "round", "rounds", "munition", "munitions", "warhead",
		"warheads", "interceptor", "interceptors", "tank", "tanks", "howitzer", "howitzers", "gun",
		"guns", "vehicle", "vehicles", "mlrs", "sam", "sams", "atgm", "atgms", "manpads", "strike",
		"strikes", "attack", "attacks", "launch", "launches", "unit", "units", "crew", "crews",
		"fire", "salvo", "salvos", "barrage", "ammunition", "jets", "bomb", "bombs"} {
		weaponWords[w] = true
	}
}
