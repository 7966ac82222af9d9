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
// WeaponWord): "Grad rockets", "Buk-M1", "a ZALA drone".
// A model's suffix after a hyphen is the system's (Iskander-M, Tornado-S).
func Weapon(w string) (weapon, alone bool) {
	if alone, weapon = weapons[w]; weapon {
		return weapon, alone
	}
	if stem, suffix, ok := strings.Cut(w, "-"); ok && len(suffix) <= 3 {
		alone, weapon = weapons[stem]
	}
	return weapon, alone
}

// WeaponWord reports whether w, in lowercase, is a word that after a weapon
// system's name says what it is: "Iskander missiles", "the Buk system", "Grad
// multiple rocket launchers", "Grad MLRS".
func WeaponWord(w string) bool { return weaponWords[w] }

var weapons = map[string]bool{}
var weaponWords = map[string]bool{}

func init() {
	// Names that are weapons wherever they stand in reporting of war.
	for _, w := range []string{"iskander", "iskanders", "kalibr", "kalibrs", "kinzhal", "kinzhals",
		"tochka", "tochka-u", "smerch", "uragan", "pantsir", "pantsir-s1", "krasnopol", "lancet",
		"lancets", "shahed", "shaheds", "shahed-136", "geran", "geran-2", "himars", "javelin",
		"javelins", "nlaw", "nlaws", "stinger", "stingers", "bayraktar", "bayraktars", "tb2",
		"zircon", "tsirkon", "solntsepyok", "solntsepek", "tos-1", "tos-1a", "nasams", "iris-t",
		"kh-101", "kh-555", "kh-22", "kh-47", "kh-59", "kh-31", "s-300", "s-400", "s-200",
		"atacms", "scalp", "gerbera", "supercam", "orlan", "orlan-10", "mavic"} {
		weapons[w] = true
	}
	// Names that are weapons only before a weapon word or a model's suffix.
	for _, w := range []string{"grad", "grads", "buk", "tornado", "tornado-s", "tor", "osa", "msta",
		"msta-s", "pion", "malva", "onyx", "oniks", "zala", "patriot", "patriots", "leopard",
		"leopards", "abrams", "bradley", "bradleys", "challenger", "marder", "gepard", "caesar",
		"archer", "harpoon", "neptune", "vilkha", "hrim", "bohdana", "hurricane", "krab",
		"hawk", "avenger", "stryker", "excalibur", "lancer", "akatsiya", "gvozdika", "giatsint",
		"tulip", "tyulpan", "kornet", "konkurs", "igla", "strela", "verba", "dozor", "kub",
		"kvadrat", "buratino", "shilka", "tunguska"} {
		weapons[w] = false
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
