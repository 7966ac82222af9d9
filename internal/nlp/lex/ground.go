package lex

// TakesGround reports whether w, in lowercase, is a word of fighting over ground
// that, before a name, makes the name a place's: "seized Lyman", "shelled
// Izium", "struck Kramatorsk", "advanced toward Vuhledar". (Not "attacked" or
// "hit", said of people as often.)
func TakesGround(w string) bool { return takesGround[w] }

var takesGround = map[string]bool{}

func init() {
	for _, w := range []string{"seized", "captured", "liberated", "recaptured", "retook", "shelled",
		"encircled", "stormed", "bombarded", "occupied", "struck", "toward", "towards", "besieged", "surrounded",
		"entered"} {
		takesGround[w] = true
	}
}

// LeavesGround reports whether w, in lowercase, is a word of leaving ground that,
// before "from" and a name, makes the name a place's: "the retreat from Lyman",
// "withdrew from Kherson".
func LeavesGround(w string) bool { return leavesGround[w] }

var leavesGround = map[string]bool{}

func init() {
	for _, w := range []string{"retreat", "retreated", "retreating", "withdrew", "withdrawn", "withdrawal",
		"withdrawing", "fled", "fleeing", "evacuated", "evacuation", "expelled", "ousted", "pushed", "driven"} {
		leavesGround[w] = true
	}
}

// FrontAfter reports whether w, in lowercase, is a word that, after a name, makes
// the name a place's: "the Lyman direction", "the Bakhmut axis", "the Izium
// district".
func FrontAfter(w string) bool { return frontAfter[w] }

var frontAfter = map[string]bool{}

func init() {
	for _, w := range []string{"direction", "directions", "axis", "sector", "front", "frontline", "district",
		"raion", "oblast", "region", "outskirts", "bridgehead", "salient", "pocket"} {
		frontAfter[w] = true
	}
}

// Fighters reports whether w, in lowercase, is a word for armed men that follows
// the name of the group they fight for: "Wagner fighters", "Akhmat forces",
// "Fano militiamen", "Azov fighters" (the regiment, not the sea).
func Fighters(w string) bool { return fighters[w] }

var fighters = map[string]bool{}

func init() {
	for _, w := range []string{"fighters", "mercenaries", "militants", "militiamen", "troops", "units", "forces",
		"battalion", "servicemen", "commanders", "rebels", "insurgents", "gunmen", "jihadists", "militia",
		"militias", "separatists"} {
		fighters[w] = true
	}
}
