package names

import "strings"

// SlavicBases returns the nominative forms a Russian or Ukrainian word in another
// case may stand for, most likely first, without the word itself: "Изюме",
// "Изюма" give "Изюм"; "Авдеевку" gives "Авдеевка"; "России" gives "Россия";
// "Луганской" gives "Луганская"; "Харкова" and "Харкові" give "Харків";
// "Авдіївці" gives "Авдіївка"; "области" gives "область". The gazetteer holds
// names in the nominative, and reporting in either language declines them: "в
// Северодонецке", "бои за Бахмут", "под Авдеевкой". Forms are guesses by
// ending; only the lookup tells which one is a name. Words of fewer than four
// letters, and words not in Cyrillic, give none.
func SlavicBases(w string) []string {
	rs := []rune(w)
	if len(rs) < 4 || !hasCyrillic(w) {
		return nil
	}
	low := strings.ToLower(w)
	var out []string
	seen := map[string]bool{w: true}
	add := func(s string) {
		if len([]rune(s)) >= 3 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, r := range slavicEndings {
		if !strings.HasSuffix(low, r.end) {
			continue
		}
		stem := string(rs[:len(rs)-len([]rune(r.end))])
		for _, to := range r.to {
			base := stem + to
			add(base)
			// Ukrainian closes a last syllable's o, e, є into і, ї when the
			// ending goes: Харкова → Харків, Києва → Київ.
			if to == "" {
				if alt, ok := closeSyllable(stem); ok {
					add(alt)
				}
			}
		}
	}
	return out
}

// closeSyllable turns the last vowel of a Ukrainian stem before its final
// consonant into the vowel of the nominative: о, е → і; є → ї.
func closeSyllable(stem string) (string, bool) {
	rs := []rune(stem)
	n := len(rs)
	if n < 3 || isCyrVowel(rs[n-1]) {
		return "", false
	}
	switch rs[n-2] {
	case 'о', 'е':
		rs[n-2] = 'і'
	case 'є':
		rs[n-2] = 'ї'
	default:
		return "", false
	}
	return string(rs), true
}

// slavicEndings are case endings of Russian and Ukrainian nouns and adjectives,
// longest first, each with the nominative endings it may replace. "" keeps the
// stem (a masculine noun: Изюм-а, Изюм-е).
var slavicEndings = []struct {
	end string
	to  []string
}{
	// adjectives: Луганской, Донецкого, Кривом, Луганської, Великій
	{"ого", []string{"ий", "ый", "ой", "е", "ое"}},
	{"его", []string{"ий", "ее", "є"}},
	{"ому", []string{"ий", "ый", "ой", "ое", ""}}, // and Покровському (напрямку): Покровськ
	{"ему", []string{"ий", "ее"}},
	{"ої", []string{"а"}},
	{"ії", []string{"ія"}},
	{"ой", []string{"ая", "а", "ый", "ой"}},
	{"ей", []string{"ая", "яя", "я", "ь"}},
	{"ою", []string{"а"}},
	{"ею", []string{"я", "ь"}},
	{"ую", []string{"ая"}},
	{"ій", []string{"а", "ий"}},
	{"ым", []string{"ый", "ой"}},
	{"им", []string{"ий", "ій"}},
	{"ім", []string{"ий"}},
	// nouns: Харьковом, Севастополем, России, Авдіївці
	{"ом", []string{"", "ый", "ой", "о"}},
	{"ем", []string{"ь", "", "е", "ий"}},
	{"ии", []string{"ия"}},
	{"ці", []string{"ка"}},
	{"зі", []string{"га"}},
	{"сі", []string{"ха"}},
	{"а", []string{"", "о"}},
	{"у", []string{"", "а", "о"}},
	{"е", []string{"", "а", "о", "ь"}},
	{"ы", []string{"а"}},
	{"и", []string{"а", "ь", "я"}},
	{"і", []string{"", "а", "ь", "я"}},
	{"ї", []string{"я"}},
	{"я", []string{"ь", "е"}},
	{"ю", []string{"ь", "я", "е"}},
}

// Consonants reduces a one-word Key to its consonants, with g written h, and
// doubled letters single: the part of a name that Russian and Ukrainian spell
// alike. "rabotino" (Работино) and "robotyne" (Роботине) give "rbtn";
// "kleshcheevka" and "klishchiivka" give "klshchvk"; "gorlovka" and "horlivka"
// give "hrlvk". Keys of several words, and words of fewer than four consonants,
// give "": too loose to tell places apart.
func Consonants(key string) string {
	if strings.Contains(key, " ") {
		return ""
	}
	b := make([]byte, 0, len(key))
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', '\'', '-':
			continue
		case 'g':
			c = 'h'
		}
		if c < 'a' || c > 'z' {
			return ""
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
		n++
	}
	if n < 4 {
		return ""
	}
	return string(b)
}
