package lex

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

var knownOrgSet = func() map[string]bool {
	m := make(map[string]bool, len(knownOrgNames))
	for _, n := range knownOrgNames {
		m[n] = true
	}
	return m
}()

// KnownOrgNames returns the names of the known organisations (see knownOrgNames).
func KnownOrgNames() []string { return knownOrgNames }

// IsKnownOrg reports whether name, as written, is a known organisation's name:
// the language core makes such names organisations, and the geoparser takes
// them for no place ("Bloomberg", "Xinhua", "Wagner" are also towns).
func IsKnownOrg(name string) bool { return knownOrgSet[name] }
