package tokenize

// Language data for English, kept apart from the algorithm as spaCy does.

// titles are abbreviations that precede a name: a sentence never ends after them.
var titles = set(
	"mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "fr", "sr", "jr", "st", "mt", "ft",
	"gen", "gens", "lt", "col", "maj", "capt", "cpt", "cmdr", "cdr", "comdr", "adm", "brig",
	"sgt", "cpl", "pvt", "pfc", "spc", "lieut", "insp", "supt", "cmdt", "gov", "govs", "sen",
	"sens", "rep", "reps", "pres", "amb", "atty", "gov't", "sec", "secy", "rt", "mme", "mlle",
	"no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "art", "ch", "sec", "approx", "ca",
	"cf", "vs", "v", "ave", "blvd", "rd", "hwy", "sq",
)

// abbreviations end in a period that belongs to the word; a sentence may still end
// after them ("... in the U.S. The next day").
var abbreviations = set(
	"inc", "corp", "ltd", "co", "bros", "llc", "plc", "dept", "univ", "assn", "est", "etc",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
	"kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
	"okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
	"min", "max", "mins", "hrs", "sq", "ft", "oz", "lb", "lbs", "km", "yr", "yrs",
	"al", "ibid", "ed", "eds", "esp", "misc", "op", "viz", "ref", "tel", "ext", "abt",
	"sts", "drs", "ps", "ect",
)

// units glued to a number are split from it ("375mm" is "375 mm").
var units = set("mm", "cm", "km", "m", "kg", "g", "mg", "gb", "mb", "kb", "tb", "k", "p", "hrs",
	"hr", "h", "min", "mins", "mph", "kph", "ft", "lb", "lbs", "oz", "ml", "l", "bn", "ghz",
	"mhz", "am", "pm", "kmh", "km/h", "day", "days", "yrs", "mw", "kw", "gw", "t")

// keepHyphen lists the prefixes whose hyphen stays inside the word, as in the UD
// English treebanks ("non-human", "e-mail", "counter-offensive"); other hyphenated
// words are split into their parts and the hyphen.
var keepHyphen = set(
	"non", "e", "re", "anti", "co", "pre", "pro", "mid", "cross", "post", "semi", "over",
	"sub", "pan", "multi", "ex", "counter", "mini", "socio", "psycho", "neo", "inter",
	"intra", "bi", "tri", "micro", "macro", "mega", "ultra", "vice", "quasi", "trans",
	"extra", "de", "un", "mis",
)

// emoticons are kept whole.
var emoticons = set(
	":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":/", ":-/",
	"<3", ":O", ":o", "^_^", "XD", ":'(", "=)",
)

// contractions are whole words that the treebanks split into two words (one
// surface token): the split point in bytes.
var contractions = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3,
	"dont": 2, "doesnt": 4, "didnt": 3, "cant": 2, "wont": 2, "isnt": 2, "arent": 3,
	"wasnt": 3, "werent": 4, "hasnt": 3, "havent": 4, "hadnt": 3, "couldnt": 5,
	"wouldnt": 5, "shouldnt": 6, "aint": 2, "im": 1, "ive": 1, "youre": 3, "theyre": 4,
	"thats": 4, "whats": 4,
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
