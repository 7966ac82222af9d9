package article

import (
	"unicode"
)

// DetectLanguage guesses the language of text among those sitrep's reporting comes
// in: English, Ukrainian, Russian. It returns "" when unsure. Ukrainian and Russian
// share most of the Cyrillic alphabet; each has letters the other lacks.
func DetectLanguage(text string) string {
	var latin, cyr, uk, ru int
	seen := 0
	for _, r := range text {
		if seen > 20000 {
			break
		}
		seen++
		switch {
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		}
	}
	switch {
	case cyr > latin && cyr >= 20:
		if uk > ru {
			return "uk"
		}
		if ru > uk {
			return "ru"
		}
		return ""
	case latin >= 20 && englishish(text):
		return "en"
	}
	return ""
}

var enWords = map[string]bool{"the": true, "and": true, "of": true, "to": true, "in": true, "is": true, "that": true, "was": true, "for": true, "on": true}

// englishish: common English function words make up a fair share of the words in
// the first few thousand bytes.
func englishish(text string) bool {
	if len(text) > 4000 {
		text = text[:4000]
	}
	words, hits := 0, 0
	var buf [8]byte
	for i := 0; i < len(text); {
		for i < len(text) && !isASCIILetter(text[i]) {
			i++
		}
		j := i
		for j < len(text) && isASCIILetter(text[j]) {
			j++
		}
		if j > i {
			words++
			if j-i <= len(buf) {
				w := buf[:j-i]
				for k := range w {
					w[k] = text[i+k] | 0x20
				}
				if enWords[string(w)] {
					hits++
				}
			}
		}
		i = j
	}
	return words > 0 && float64(hits)/float64(words) > 0.08
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
