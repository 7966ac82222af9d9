package nlp

import (
	"slices"

	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/tokenize"
)

// knownOrgNames are organisations that war reporting names again and again: the
// news agencies, newspapers, broadcasters, monitors and analysts it cites as
// its sources, the international bodies, parliaments and security services it
// reports on, the seats of government that speak for one ("the Kremlin said"),
// and the companies in its news. The recogniser, trained on web text of the
// 2000s, reads many of them as people ("Interfax reported", "Ukrinform
// said") or misses them ("RIA Novosti"); an attribution to a person and one to
// an agency are not the same. Names are matched as written (case and all), so
// ordinary words are not taken for them; only names unlikely to be anything
// else are listed ("The Independent", "Time" and "The Sun" are not).
var knownOrgNames = []string{
	// agencies
	"Reuters", "Associated Press", "Agence France-Presse", "AFP", "Xinhua", "TASS", "ITAR-TASS",
	"RIA Novosti", "Interfax", "Interfax-Ukraine", "Ukrinform", "UNIAN", "Anadolu Agency", "Yonhap",
	"Kyodo News", "Deutsche Presse-Agentur", "ANSA", "EFE", "PAP", "BelTA", "Kazinform", "IRNA",
	"WAFA", "Bloomberg", "Sputnik", "DOD News", "DoD News",
	// broadcasters
	"BBC", "CNN", "Fox News", "NBC News", "CBS News", "ABC News", "MSNBC", "NPR", "Sky News",
	"Al Jazeera", "Al Arabiya", "Deutsche Welle", "Euronews", "France 24", "Voice of America",
	"Radio Free Europe", "Radio Liberty", "Radio Free Europe/Radio Liberty", "RFE/RL",
	"Suspilne", "Hromadske", "Channel One", "Rossiya 1", "NTV", "RT", "TSN", "ICTV",
	// newspapers and sites
	"The New York Times", "New York Times", "The Washington Post", "Washington Post",
	"The Wall Street Journal", "Wall Street Journal", "Financial Times", "The Guardian",
	"The Economist", "The Telegraph", "The Times of London", "Der Spiegel", "Le Monde",
	"Frankfurter Allgemeine", "Die Welt", "Politico", "Axios", "Kyiv Independent", "Kyiv Post",
	"Ukrainska Pravda", "Ekonomichna Pravda", "Dzerkalo Tyzhnia", "Meduza", "Novaya Gazeta",
	"Kommersant", "Vedomosti", "Izvestia", "Komsomolskaya Pravda", "Rossiyskaya Gazeta", "RBC",
	"Mediazona", "The Insider", "Verstka", "Haaretz", "Jerusalem Post", "Times of Israel",
	// analysts, monitors and open-source investigators
	"Institute for the Study of War", "ISW", "Critical Threats", "RUSI", "CSIS", "Chatham House",
	"Atlantic Council", "Carnegie Endowment", "Brookings Institution", "RAND Corporation",
	"Bellingcat", "Oryx", "DeepState", "DeepStateMap", "Conflict Intelligence Team", "ACLED",
	"Airwars", "Amnesty International", "Human Rights Watch", "OHCHR", "HRMMU",
	// Telegram channels widely cited as sources
	"Rybar", "WarGonzo", "Two Majors", "Grey Zone",
	// international bodies ("WHO" is left out: a headline's "who")
	"United Nations", "UN", "NATO", "European Union", "EU", "European Commission",
	"European Parliament", "Council of Europe", "OSCE", "IAEA", "ICRC", "Red Cross", "UNICEF",
	"UNHCR", "OCHA", "World Food Programme", "World Bank", "IMF", "International Monetary Fund",
	"International Criminal Court", "G7", "G20", "OPEC", "Interpol", "African Union", "Arab League",
	// seats of government that speak for it, parliaments, security services
	"Kremlin", "Pentagon", "Verkhovna Rada", "State Duma", "Federation Council", "Bundestag",
	"Knesset", "SBU", "HUR", "GUR", "FSB", "GRU", "SVR", "CIA", "FBI", "MI6", "MI5", "Mossad",
	"Rosgvardia", "Bundeswehr",
	// armed groups named by one word a person's name could be ("Wagner's leader Prigozhin")
	"Wagner", "Wagner Group", "Hezbollah", "Hamas", "Houthis",
	// companies in the news of war: arms, energy, space and platforms (not those
	// named by a common word, "Apple", "Amazon", "Meta", "Shell")
	"Lockheed Martin", "Raytheon", "RTX", "Northrop Grumman", "General Dynamics", "BAE Systems",
	"Rheinmetall", "KNDS", "Saab", "Thales", "Airbus", "Boeing", "Baykar", "Rostec", "Roscosmos",
	"Uralvagonzavod", "Kalashnikov Concern", "Gazprom", "Rosneft", "Lukoil", "Rosatom", "Transneft",
	"Novatek", "Naftogaz", "Energoatom", "Ukrenergo", "Ukrzaliznytsia", "DTEK", "Sberbank", "VTB",
	"SpaceX", "Starlink", "Google", "Microsoft", "Facebook", "Twitter",
	"Telegram", "YouTube", "TikTok", "Yandex", "Kaspersky", "Huawei", "DJI", "BP",
	"ExxonMobil", "Chevron", "TotalEnergies",
}

// knownOrgs indexes knownOrgNames by first word, as the tokenizer splits them.
var knownOrgs = func() map[string][][]string {
	m := map[string][][]string{}
	for _, name := range knownOrgNames {
		var words []string
		for _, t := range tokenize.Tokenize(name) {
			words = append(words, t.Text)
		}
		m[words[0]] = append(m[words[0]], words)
	}
	for _, names := range m { // longest first
		slices.SortFunc(names, func(a, b []string) int { return len(b) - len(a) })
	}
	return m
}()

// knownOrgsIn makes organisations of the known organisations named in words: a
// span that is exactly one's name becomes one, one's name outside any span is
// added, and names inside one's name give way to it. Names inside a longer name
// are left to it.
func knownOrgsIn(words []string, spans []ner.Span) []ner.Span {
	added := false
	for i := 0; i < len(words); i++ {
		n := 0
		for _, name := range knownOrgs[words[i]] {
			if i+len(name) <= len(words) && slices.Equal(words[i:i+len(name)], name) {
				n = len(name)
				break
			}
		}
		if n == 0 {
			continue
		}
		k := slices.IndexFunc(spans, func(e ner.Span) bool { return e.Start < i+n && i < e.End })
		inside := func(e ner.Span) bool { return e.End <= i || e.Start >= i+n || e.Start >= i && e.End <= i+n }
		switch {
		case k < 0:
			spans = append(spans, ner.Span{Start: i, End: i + n, Type: "ORG"})
			added = true
		case spans[k].Start == i && spans[k].End == i+n:
			spans[k].Type = "ORG"
		case !slices.ContainsFunc(spans, func(e ner.Span) bool { return !inside(e) }):
			// names inside it are parts of it: "DOD" of "DOD News"
			spans = slices.DeleteFunc(spans, func(e ner.Span) bool { return e.Start >= i && e.End <= i+n })
			spans = append(spans, ner.Span{Start: i, End: i + n, Type: "ORG"})
			added = true
		}
		i += n - 1
	}
	if added {
		slices.SortFunc(spans, func(a, b ner.Span) int { return a.Start - b.Start })
	}
	return spans
}
