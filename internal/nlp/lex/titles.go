package lex

import "strings"

// Titles that precede a person's name without being part of it ("Lt. Gen. Scott
// Berrier" names Scott Berrier; "Губернатор Сергей Гайдай", Sergei Haidai). The entity recogniser's repairs and the
// definition of GUM's named mentions share this list, so that training, output and
// scoring agree.
var titles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mr mrs ms dr prof gen lt col maj capt sgt adm brig cpl
		pvt gov sen rep rev president minister secretary general governor senator ambassador
		spokesman spokeswoman spokesperson chancellor mayor commander colonel lieutenant major
		captain sergeant admiral chief premier king queen prince princess pope judge adviser
		advisor deputy director head leader envoy army presidential prime vice sir dame lord
		lady doctor professor officer analyst justice miss emperor empress chairman chairwoman
		chairperson earl duke duchess baron baroness marquess marquis count countess viscount sheikh shah imam sultan emir
		tsar czar marshal ayatollah archbishop mullah commissioner undersecretary speaker madam chair
		губернатор глава президент премьер министр мэр председатель командующий генерал
		полковник подполковник майор капитан представитель депутат спикер посол советник
		голова міністр речник радник командувач очільник`) {
		titles[w] = true
	}
}

// IsTitle reports a title word, with or without its period.
func IsTitle(w string) bool {
	return titles[strings.TrimSuffix(Lower(w), ".")]
}
