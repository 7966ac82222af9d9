// Package names turns place names into lookup keys, so that one place is found under
// every spelling a report may use: with or without diacritics and apostrophes
// (Kupiansk, Kup'iansk, Kup’yansk), in Cyrillic or in any of the common romanisations
// (Kharkiv, Kharkov; Mykolaiv, Nikolaev), and in English possessive or plural forms.
//
// The gazetteer generator and the run-time lookup share these functions, so a key
// computed from a report always meets the key computed from the source data.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key is the exact lookup form of a name: Latin letters and digits only, lower case,
// diacritics removed, apostrophes and dots dropped, hyphens and other separators
// turned into single spaces. Cyrillic is romanised first (see Romanize with Plain).
// Key returns "" when nothing of the name is left.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	// Cyrillic is rare in English text; romanise only when present.
	if hasCyrillic(s) {
		s = Romanize(s, Plain)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				b.WriteByte(c)
				space = false
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
				space = false
			case c == '\'' || c == '.' || c == '`' || c == '"':
				// dropped: U.S. = US, Kup'iansk = Kupiansk
			default:
				if !space && b.Len() > 0 {
					b.WriteByte(' ')
					space = true
				}
			}
		case isApostrophe(r):
		default:
			if f, ok := fold[r]; ok {
				b.WriteString(f)
				space = false
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				// Letters of other scripts stay as they are (lower-cased): a Greek
				// or Georgian name still finds itself.
				b.WriteRune(unicode.ToLower(r))
				space = false
				continue
			}
			if unicode.Is(unicode.Mn, r) {
				continue // a combining accent left by decomposed input
			}
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Skeleton loosens a Key so that transliteration variants of one Slavic name meet:
// the palatal glides of ya/ia/ja, yu/iu, ye/ie, yi, yo collapse into the vowel,
// doubled letters become single, and the adjectival endings -yi, -iy, -ii, -y, -yy
// become -i. Izyum and Izium, Kupyansk and Kupiansk, Sievierodonetsk and
// Severodonetsk, Odessa and Odesa, Siverskyi and Siverskiy share a skeleton.
func Skeleton(key string) string {
	b := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		if (c == 'y' || c == 'i' || c == 'j') && i+1 < len(key) {
			n := key[i+1]
			if n == 'a' || n == 'u' || n == 'e' || n == 'o' || (n == 'i' && c == 'y') {
				// A glide before a vowel: keep the vowel only, unless the glide
				// starts the word (Yalta, Yevpatoriia, Iuzhne keep their onset).
				if i > 0 && key[i-1] != ' ' {
					continue
				}
			}
		}
		if len(b) > 0 && b[len(b)-1] == c && c != ' ' {
			continue // Odessa = Odesa, Zaporizhzhia keeps zh-zh as z-h-z-h
		}
		b = append(b, c)
	}
	// Adjectival endings of each word: -yi, -iy, -ii, -yy, -y after a consonant.
	words := strings.Split(string(b), " ")
	for i, w := range words {
		if len(w) < 4 {
			continue
		}
		switch {
		case strings.HasSuffix(w, "yi"), strings.HasSuffix(w, "iy"), strings.HasSuffix(w, "yy"):
			w = w[:len(w)-2] + "i"
		case w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
			w = w[:len(w)-1] + "i"
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

func isApostrophe(r rune) bool {
	switch r {
	case '’', '‘', 'ʼ', 'ʻ', '´', 'ʹ', '′', '″', '“', '”', 'ʺ':
		return true
	}
	return false
}

func hasCyrillic(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xD0 && s[i] <= 0xD3 {
			return true
		}
	}
	return false
}

// HasCyrillic reports whether s holds any Cyrillic letter.
func HasCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r < 0x530 {
			return true
		}
	}
	return false
}

// Inflections returns the base forms an English surface form may stand for, most
// likely first, without the form itself: the possessive "Russia's" or "Kyiv’s"
// gives "Russia", "Ukraine’s" gives "Ukraine", and "Texas'" gives "Texas".
func Inflections(s string) []string {
	var out []string
	for _, suf := range []string{"'s", "’s", "ʼs", "'S", "’S"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			out = append(out, s[:len(s)-len(suf)])
		}
	}
	for _, suf := range []string{"'", "’"} {
		if strings.HasSuffix(s, suf) && strings.HasSuffix(strings.TrimSuffix(s, suf), "s") {
			out = append(out, s[:len(s)-len(suf)])
		}
	}
	return out
}

// fold maps letters with diacritics, ligatures and special Latin letters to plain
// ASCII. It covers Latin-1, Latin Extended-A and the Latin Extended-B and -Additional
// letters used in place names (Turkish, Romanian, Vietnamese, Polish, Nordic...).
var fold = map[rune]string{}

func init() {
	groups := []struct {
		to    string
		lower string
	}{
		{"a", "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ"},
		{"ae", "æǣǽ"},
		{"c", "çćĉċč"},
		{"d", "ďđɖ"},
		{"dh", "ð"},
		{"e", "èéêëēĕėęěȅȇȩẹẻẽếềểễệə"},
		{"g", "ĝğġģǥǧǵ"},
		{"h", "ĥħḥḫ"},
		{"i", "ìíîïĩīĭįıǐȉȋịỉ"},
		{"ij", "ĳ"},
		{"j", "ĵ"},
		{"k", "ķǩḳ"},
		{"l", "ĺļľŀłḷ"},
		{"n", "ñńņňŉŋǹṅṇ"},
		{"o", "òóôõöøōŏőơǒǫǭǿȍȏȯọỏốồổỗộớờởỡợ"},
		{"oe", "œ"},
		{"r", "ŕŗřȑȓṛ"},
		{"s", "śŝşšșṡṣ"},
		{"ss", "ß"},
		{"t", "ţťŧțṭ"},
		{"th", "þ"},
		{"u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữự"},
		{"w", "ŵẁẃẅ"},
		{"y", "ýÿŷȳỳỵỷỹ"},
		{"z", "źżžẓ"},
	}
	for _, g := range groups {
		for _, r := range g.lower {
			fold[r] = g.to
			if u := unicode.ToUpper(r); u != r {
				fold[u] = g.to
			}
		}
	}
	fold['İ'] = "i"
}

// ArabicSkeleton loosens a Key so that romanisation variants of one Arabic name
// meet: the article (al-, el-, ad-, ash-, ez- …) is dropped, and so are the
// vowels and the glides y and w, whose spelling varies most, and doubled
// letters. Deir ez-Zor and Dayr az Zawr, Hodeidah and Al Hudaydah, Tal Rifaat
// and Tall Rif'at, Beit Hanoun and Bayt Hanun share a skeleton. It is "" when
// fewer than three letters are left, too few to tell places apart, and it
// starts with "~", so that it never meets a key or a Slavic skeleton.
func ArabicSkeleton(key string) string {
	var b strings.Builder
	b.WriteByte('~')
	letters := 0
	words := strings.Fields(key)
	for wi, w := range words {
		if arabicArticles[w] && len(words) > 1 {
			continue
		}
		if b.Len() > 1 && wi > 0 {
			b.WriteByte(' ')
		}
		var last byte
		for i := 0; i < len(w); i++ {
			c := w[i]
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
				continue
			}
			if c == last {
				continue
			}
			b.WriteByte(c)
			last = c
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	return strings.TrimRight(b.String(), " ")
}

// ArabicArticle reports whether w (in lowercase) is a form of the Arabic article
// in romanised names: al, el, ad, ash, ez ….
func ArabicArticle(w string) bool { return arabicArticles[w] }

// arabicArticles are the forms of the Arabic article in romanised names.
var arabicArticles = map[string]bool{"al": true, "el": true, "ad": true, "ed": true, "ar": true, "er": true,
	"as": true, "es": true, "ash": true, "esh": true, "at": true, "et": true, "az": true, "ez": true,
	"an": true, "en": true, "ul": true, "adh": true, "ath": true}

// ArabicCountries write their place names in Arabic, which English reports
// romanise in many ways (ISO 3166-1 alpha-2).
var ArabicCountries = map[string]bool{"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true,
	"JO": true, "KW": true, "LB": true, "LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true,
	"SA": true, "SO": true, "SD": true, "SY": true, "TN": true, "AE": true, "YE": true, "EH": true}
