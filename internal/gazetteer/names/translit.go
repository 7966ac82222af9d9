package names

import (
	"strings"
	"unicode"
)

// A System is a romanisation of Ukrainian and Russian Cyrillic.
type System int

const (
	// National is Ukraine's official system (Cabinet resolution 55 of 2010), used on
	// maps and road signs: Kharkiv, Zaporizhzhia, Mykolaiv, Kupiansk, Izium.
	National System = iota
	// BGNUkrainian is the BGN/PCGN 1965 system for Ukrainian: Zaporizhzhya,
	// Mykolayiv, Kup'yans'k.
	BGNUkrainian
	// BGNRussian is the BGN/PCGN 1947 system for Russian: Khar'kov, Nikolayev,
	// Severodonetsk, Artemovsk.
	BGNRussian
	// Press is the plain Russian-style spelling of English news: Kharkov, Nikolaev,
	// Zaporozhye, Seversky, Artyomovsk.
	Press
	// Plain is the system Key applies to Cyrillic input: National for Ukrainian
	// letters, Press for the letters only Russian has.
	Plain
)

// Systems lists every romanisation, for building keys.
var Systems = []System{National, BGNUkrainian, BGNRussian, Press}

type spelling struct{ initial, other string }

// Letters common to every system; the tables below override them.
var base = map[rune]spelling{
	'а': {"a", "a"}, 'б': {"b", "b"}, 'в': {"v", "v"}, 'д': {"d", "d"}, 'ж': {"zh", "zh"},
	'з': {"z", "z"}, 'к': {"k", "k"}, 'л': {"l", "l"}, 'м': {"m", "m"}, 'н': {"n", "n"},
	'о': {"o", "o"}, 'п': {"p", "p"}, 'р': {"r", "r"}, 'с': {"s", "s"}, 'т': {"t", "t"},
	'у': {"u", "u"}, 'ф': {"f", "f"}, 'х': {"kh", "kh"}, 'ц': {"ts", "ts"}, 'ч': {"ch", "ch"},
	'ш': {"sh", "sh"}, 'щ': {"shch", "shch"}, 'ь': {"", ""}, 'ъ': {"", ""}, 'ы': {"y", "y"},
	'э': {"e", "e"}, 'ґ': {"g", "g"}, 'ў': {"w", "w"},
}

var tables = map[System]map[rune]spelling{
	National: {
		'г': {"h", "h"}, 'е': {"e", "e"}, 'є': {"ye", "ie"}, 'и': {"y", "y"}, 'і': {"i", "i"},
		'ї': {"yi", "i"}, 'й': {"y", "i"}, 'ю': {"yu", "iu"}, 'я': {"ya", "ia"}, 'ё': {"yo", "io"},
	},
	BGNUkrainian: {
		'г': {"h", "h"}, 'е': {"e", "e"}, 'є': {"ye", "ye"}, 'и': {"y", "y"}, 'і': {"i", "i"},
		'ї': {"yi", "yi"}, 'й': {"y", "y"}, 'ю': {"yu", "yu"}, 'я': {"ya", "ya"}, 'ё': {"yo", "yo"},
	},
	BGNRussian: {
		'г': {"g", "g"}, 'е': {"ye", "e"}, 'ё': {"yo", "ë"}, 'є': {"ye", "ye"}, 'и': {"i", "i"},
		'і': {"i", "i"}, 'ї': {"yi", "yi"}, 'й': {"y", "y"}, 'ю': {"yu", "yu"}, 'я': {"ya", "ya"},
	},
	Press: {
		'г': {"g", "g"}, 'е': {"e", "e"}, 'ё': {"yo", "yo"}, 'є': {"ye", "ye"}, 'и': {"i", "i"},
		'і': {"i", "i"}, 'ї': {"yi", "yi"}, 'й': {"y", "y"}, 'ю': {"yu", "yu"}, 'я': {"ya", "ya"},
	},
	Plain: {
		'г': {"h", "h"}, 'е': {"e", "e"}, 'є': {"ye", "ie"}, 'и': {"y", "y"}, 'і': {"i", "i"},
		'ї': {"yi", "i"}, 'й': {"y", "i"}, 'ю': {"yu", "iu"}, 'я': {"ya", "ia"}, 'ё': {"yo", "io"},
	},
}

func isCyrVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'є', 'и', 'і', 'ї', 'о', 'у', 'ы', 'э', 'ю', 'я':
		return true
	}
	return false
}

// Romanize writes Cyrillic letters of s in Latin letters by system sys and leaves
// every other character as it is. The result is lower case where it was Cyrillic.
func Romanize(s string, sys System) string {
	t := tables[sys]
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(rs); i++ {
		r := unicode.ToLower(rs[i])
		if r < 0x400 || r >= 0x530 {
			if isApostrophe(rs[i]) || rs[i] == '\'' {
				if sys == BGNUkrainian || sys == BGNRussian {
					b.WriteByte('\'')
				}
				continue
			}
			b.WriteRune(rs[i])
			continue
		}
		var prev, next rune
		if i > 0 {
			prev = unicode.ToLower(rs[i-1])
		}
		if i+1 < len(rs) {
			next = unicode.ToLower(rs[i+1])
		}
		initial := i == 0 || !unicode.IsLetter(prev) && prev != '\'' && !isApostrophe(prev)
		// Russian-style systems spell the glide of е after a vowel or a sign (ye),
		// and the adjectival ending -ий/-ый the way the press does.
		switch {
		case sys == BGNRussian && r == 'е' && (isCyrVowel(prev) || prev == 'ь' || prev == 'ъ' || prev == 'й'):
			initial = true
		case sys == Press && (r == 'и' || r == 'ы') && next == 'й' && (i+2 >= len(rs) || !unicode.IsLetter(rs[i+2])):
			b.WriteByte('y')
			i++ // the й is spelled with it
			continue
		case (sys == National || sys == Plain) && r == 'з' && next == 'г':
			b.WriteString("zgh") // Zghurivka: zh would read as ж
			i++
			continue
		case (sys == BGNUkrainian || sys == BGNRussian) && r == 'ь':
			b.WriteByte('\'')
			continue
		}
		sp, ok := t[r]
		if !ok {
			sp, ok = base[r]
		}
		if !ok {
			b.WriteRune(r)
			continue
		}
		if initial {
			b.WriteString(sp.initial)
		} else {
			b.WriteString(sp.other)
		}
	}
	return b.String()
}

// Variants returns every distinct romanisation key of a Cyrillic name (under each
// system in Systems), or nil when s has no Cyrillic.
func Variants(s string) []string {
	if !HasCyrillic(s) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(Key(s))
	for _, sys := range Systems {
		add(Key(Romanize(s, sys)))
	}
	return out
}
