package ner

import (
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Word lists that mark names, kept apart from the algorithm. A word's list is a
// feature; the model learns what each list is worth.

// listOf names the list a normalised word belongs to, or "".
func listOf(norm string) string {
	switch {
	case personTitles[norm]:
		return "title"
	case orgWords[norm]:
		return "org"
	case placeWords[norm]:
		return "placeword"
	case countries[norm]:
		return "country"
	case demonyms[norm]:
		return "demonym"
	case months[norm]:
		return "month"
	case speech[norm]:
		return "speech"
	}
	return ""
}

// IsCountry reports whether w, in any case, is on the recogniser's list of
// countries, regions and capitals ("Ukraine", "Donbas", "Washington").
func IsCountry(w string) bool { return countries[strings.ToLower(w)] }

// listHashes holds the hash of listOf for every word on a list, so that the
// recogniser finds it with one lookup.
var listHashes = func() map[string]uint64 {
	m := map[string]uint64{}
	for _, l := range []map[string]bool{personTitles, orgWords, placeWords, countries, demonyms, months, speech} {
		for w := range l {
			m[w] = perceptron.String(listOf(w))
		}
	}
	return m
}()

var noList = perceptron.String("")

// listHash is perceptron.String(listOf(norm)).
func listHash(norm string) uint64 {
	if h, ok := listHashes[norm]; ok {
		return h
	}
	return noList
}

// personTitles precede a person's name.
var personTitles = set("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
	"gen", "gen.", "lt", "lt.", "col", "col.", "maj", "maj.", "capt", "capt.", "sgt", "sgt.",
	"adm", "adm.", "brig", "brig.", "cpl", "cpl.", "pvt", "pvt.", "gov", "gov.", "sen", "sen.",
	"rep", "rep.", "rev", "rev.", "president", "minister", "secretary", "general", "governor",
	"senator", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chancellor",
	"mayor", "commander", "colonel", "lieutenant", "major", "captain", "sergeant", "admiral",
	"chief", "premier", "king", "queen", "prince", "princess", "pope", "sheikh", "judge",
	"adviser", "advisor", "deputy", "director", "head", "leader", "envoy", "officer", "pm",
	"prime", "vice", "presidential", "mp", "lawmaker", "analyst", "journalist", "correspondent")

// speech words follow or precede a speaker's name.
var speech = set("said", "says", "told", "tells", "added", "stated", "reported", "according",
	"announced", "claimed", "wrote", "explained", "noted", "warned", "confirmed", "denied")

// orgWords end or open organisation names.
var orgWords = set("ministry", "committee", "council", "institute", "university", "army",
	"forces", "force", "navy", "agency", "administration", "department", "office", "service",
	"services", "intelligence", "command", "guard", "corps", "brigade", "battalion",
	"regiment", "division", "company", "corporation", "corp", "corp.", "inc", "inc.", "ltd",
	"group", "party", "union", "association", "federation", "organization", "organisation",
	"bank", "fund", "commission", "parliament", "congress", "senate", "assembly", "court",
	"church", "foundation", "center", "centre", "times", "post", "news", "press", "agency",
	"network", "bureau", "board", "authority", "directorate", "staff", "nato", "un", "eu",
	"osce", "isw", "cia", "fbi", "pentagon", "kremlin", "rada", "duma", "fsb", "gru", "sbu",
	"hur", "club", "team", "airlines", "railways", "energy", "oil", "gas", "media")

// placeWords are common nouns that end place names ("Siverskyi Donets River").
var placeWords = set("river", "sea", "ocean", "lake", "mountain", "mountains", "mount",
	"island", "islands", "peninsula", "bay", "gulf", "strait", "valley", "region", "oblast",
	"province", "district", "raion", "county", "city", "town", "village", "street", "avenue",
	"square", "bridge", "dam", "canal", "plant", "airport", "port", "republic", "kingdom",
	"state", "states", "coast", "border", "basin", "highway", "station", "front")

var countries = set("ukraine", "russia", "belarus", "poland", "moldova", "romania", "hungary",
	"slovakia", "georgia", "armenia", "azerbaijan", "kazakhstan", "turkey", "germany", "france",
	"britain", "england", "scotland", "wales", "ireland", "italy", "spain", "portugal",
	"netherlands", "belgium", "sweden", "finland", "norway", "denmark", "estonia", "latvia",
	"lithuania", "czechia", "austria", "switzerland", "greece", "bulgaria", "serbia", "croatia",
	"china", "japan", "korea", "india", "pakistan", "afghanistan", "iran", "iraq", "syria",
	"israel", "lebanon", "jordan", "egypt", "libya", "yemen", "saudi", "qatar", "america",
	"canada", "mexico", "brazil", "argentina", "australia", "africa", "europe", "asia",
	"u.s.", "u.k.", "usa", "uk", "us", "crimea", "donbas", "donbass", "kyiv", "kiev", "moscow",
	"washington", "london", "paris", "berlin", "beijing", "kharkiv", "odesa", "odessa",
	"mariupol", "kherson", "donetsk", "luhansk", "zaporizhzhia", "dnipro", "lviv", "bakhmut",
	"izyum", "izium", "sevastopol", "minsk", "warsaw", "brussels", "tehran", "ankara")

var demonyms = set("ukrainian", "ukrainians", "russian", "russians", "american", "americans",
	"british", "european", "europeans", "german", "germans", "french", "polish", "chinese",
	"belarusian", "western", "soviet", "nato", "israeli", "iranian", "syrian", "turkish",
	"georgian", "moldovan", "chechen", "crimean", "english", "italian", "spanish", "japanese",
	"korean", "indian", "canadian", "australian", "african", "arab", "muslim", "christian")

var months = set("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.",
	"nov.", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
