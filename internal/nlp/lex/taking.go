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
