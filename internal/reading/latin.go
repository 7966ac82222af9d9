package reading

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/gazetteer/names"
)

// latinName writes a name the text gives in Cyrillic in Latin letters, for the
// record's readers: Ukrainian names by Ukraine's national system ("Олег
// Синєгубов" → Oleh Syniehubov), Russian ones as English news spells them
// ("Денис Пушилин" → Denis Pushilin). ukrainian says the text is in Ukrainian
// (see ukrainianText). The mention keeps the text's own spelling. Names in Latin
// letters, and names the dictionary gives, stay.
func latinName(s string, ukrainian bool) string {
	cyr, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
		}
	}
	if cyr == 0 || 2*cyr < letters {
		return s
	}
	sys := names.Press
	if ukrainian || strings.ContainsAny(strings.ToLower(s), "іїєґ") {
		sys = names.National
	}
	words := strings.Fields(s)
	for i, w := range words {
		l := names.Romanize(w, sys)
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && l != "" {
			f, n := utf8.DecodeRuneInString(l)
			l = string(unicode.ToUpper(f)) + l[n:]
		}
		words[i] = l
	}
	return strings.Join(words, " ")
}

// ukrainianText reports a text whose Cyrillic is Ukrainian: more of the letters
// only Ukrainian has (і, ї, є, ґ) than of those only Russian has (ы, э, ё, ъ).
func ukrainianText(rs []rune) bool {
	uk, ru := 0, 0
	for _, r := range rs {
		switch unicode.ToLower(r) {
		case 'і', 'ї', 'є', 'ґ':
			uk++
		case 'ы', 'э', 'ё', 'ъ':
			ru++
		}
	}
	return uk > ru
}

// latin is latinName in the language of the sentence that holds word k (of the
// whole text when k is out of range): a Russian sentence quoting a Ukrainian
// official spells the name in Russian.
func (d *document) latin(name string, k int) string {
	rs := d.rs
	if k >= 0 && k < len(d.toks) {
		lo, hi := d.sentenceOf(k)
		rs = d.rs[d.toks[lo].start:d.toks[hi].end]
	}
	return latinName(name, ukrainianText(rs))
}
