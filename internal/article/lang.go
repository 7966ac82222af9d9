package article

import (
	"strings"
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

func englishish(text string) bool {
	if len(text) > 20000 {
		text = text[:20000]
	}
	words := strings.Fields(strings.ToLower(text))
	hits := 0
	for _, w := range words {
		if enWords[strings.Trim(w, ".,;:!?\"'“”")] {
			hits++
		}
	}
	return len(words) > 0 && float64(hits)/float64(len(words)) > 0.08
}
