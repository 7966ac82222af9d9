package names

import (
	"slices"
	"testing"
)

func TestSlavicBases(t *testing.T) {
	for w, want := range map[string]string{
		"Изюме":       "Изюм",
		"Изюма":       "Изюм",
		"Авдеевку":    "Авдеевка",
		"Авдеевкой":   "Авдеевка",
		"Москвы":      "Москва",
		"России":      "Россия",
		"Луганской":   "Луганская",
		"области":     "область",
		"Харькова":    "Харьков",
		"Харкова":     "Харків",
		"Києва":       "Київ",
		"Авдіївці":    "Авдіївка",
		"Луганської":  "Луганська",
		"Кривого":     "Кривой",
		"Запорожья":   "Запорожье",
		"Севастополе": "Севастополь",
	} {
		if got := SlavicBases(w); !slices.Contains(got, want) {
			t.Errorf("SlavicBases(%q) = %q, want %q among them", w, got, want)
		}
	}
	for _, w := range []string{"Kharkiv", "Изюм"[:0], "ВСУ"} {
		if got := SlavicBases(w); len(got) != 0 {
			t.Errorf("SlavicBases(%q) = %q, want none", w, got)
		}
	}
}

func TestConsonants(t *testing.T) {
	for _, pair := range [][2]string{{"Работино", "Роботине"}, {"Клещеевка", "Кліщіївка"}, {"Горловка", "Горлівка"}} {
		a, b := Consonants(Key(pair[0])), Consonants(Key(pair[1]))
		if a == "" || a != b {
			t.Errorf("Consonants: %s %q, %s %q; want equal", pair[0], a, pair[1], b)
		}
	}
	for _, k := range []string{"ivano frankivsk", "izum"} {
		if c := Consonants(k); c != "" {
			t.Errorf("Consonants(%q) = %q, want none", k, c)
		}
	}
}
