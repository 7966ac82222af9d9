package places

import (
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/gazetteer/index"
	"github.com/sitrep/sitrep/internal/gazetteer/names"
	"github.com/sitrep/sitrep/internal/nlp/lex"
)

// markHeadlines flags the tokens of lines written in title case or capitals,
// where capitalisation says nothing about names.
func (d *doc) markHeadlines() {
	d.head = make([]bool, len(d.toks))
	lineStart := 0
	flush := func(end int) {
		words, caps := 0, 0
		for k := lineStart; k < end; k++ {
			t := d.toks[k]
			if t.end-t.start < 4 {
				continue
			}
			words++
			if t.upper {
				caps++
			}
		}
		// A line that ends a sentence is prose, however many names it holds.
		prose := false
		if end > lineStart {
			tail := d.rs[d.toks[end-1].end:]
			for _, r := range tail {
				if r == '\n' {
					break
				}
				if r == '.' || r == '!' || r == '?' {
					prose = true
				}
			}
		}
		if words >= 3 && caps*10 >= words*7 && !prose {
			for k := lineStart; k < end; k++ {
				d.head[k] = true
			}
		}
		lineStart = end
	}
	for k := 1; k < len(d.toks); k++ {
		for _, r := range d.rs[d.toks[k-1].end:d.toks[k].start] {
			if r == '\n' {
				flush(k)
				break
			}
		}
	}
	flush(len(d.toks))
}

func (d *doc) gap(a, b int) []rune { return d.rs[d.toks[a].end:d.toks[b].start] }

// joins reports whether tokens k and k+1 may belong to one name. A dot and a
// space join only after an abbreviation (St. Louis, Mt. Hood), not at a
// sentence end.
func (d *doc) joins(k int) bool {
	g := d.gap(k, k+1)
	if !gapJoins(g) {
		return false
	}
	if len(g) == 2 {
		t := d.toks[k]
		return t.upper && t.end-t.start <= 3 && !t.allCaps
	}
	return true
}

// maxWords is the longest name looked up, in words.
const maxWords = 6

// recognise finds the longest gazetteer names at capitalised tokens.
func (d *doc) recognise() {
	n := len(d.toks)
	for i := 0; i < n; i++ {
		t := d.toks[i]
		ent := d.entityAt(t.start, t.end)
		if isBlockingEntity(ent) {
			continue
		}
		inPlace := isPlaceEntity(ent)
		if !t.upper && !inPlace {
			continue
		}
		if x, y := d.coordinated(i); x != nil {
			d.ms = append(d.ms, x)
			i = x.tj
			if y != nil {
				d.ms = append(d.ms, y)
				i = y.tj
			}
			continue
		}
		var found *mention
		for L := min(maxWords, n-i); L >= 1; L-- {
			j := i + L - 1
			if !d.spanOK(i, j, inPlace) {
				continue
			}
			if m := d.lookup(i, j); m != nil {
				m.ner = inPlace
				found = m
				break
			}
		}
		if found == nil {
			if m := d.unknownUnit(i); m != nil {
				d.ms = append(d.ms, m)
				i = m.tj + 1
			}
			continue
		}
		i = found.tj
		if d.accept(found) {
			d.describe(found)
			d.ms = append(d.ms, found)
			// A descriptor taken into the name is not read again
			// (the Nagorno-Karabakh Republic is not also Republic, Missouri).
			for i+1 < n && d.toks[i+1].end <= found.end {
				i++
			}
		}
	}
}

// unknownUnit recognises "Metcalfe County" where the gazetteer knows no
// Metcalfe: a county is a place even when its name is not in the gazetteer. It is
// placed later at the division the document names (see placeUnits).
func (d *doc) unknownUnit(i int) *mention {
	if t := d.toks[i]; common[t.lower] || modifiers[t.lower] || person[t.lower] && i+1 < len(d.toks) && d.toks[i+1].lower != "county" {
		return nil // Republican Orange County: the county starts later
	}
	for j := i; j < min(i+3, len(d.toks)-1); j++ {
		if !d.toks[j].upper || d.toks[j].allCaps && !d.head[j] || stopwords[d.toks[j].lower] {
			return nil
		}
		next := d.toks[j+1]
		if g := d.gap(j, j+1); len(g) != 1 || g[0] != ' ' {
			return nil
		}
		if next.upper && (next.lower == "county" || next.lower == "parish") {
			if j+2 < len(d.toks) && d.joins(j+1) && d.orgFollows(j+2) && !d.p.opt.InNames {
				return nil // Metcalfe County Sheriff's Office
			}
			start, end := d.toks[i].start, next.end
			return &mention{ti: i, tj: j + 1, start: start, end: end, surface: string(d.rs[start:end]),
				key: names.Key(string(d.rs[start:end])), restrict: 'D', unit: true, possessive: next.possessive}
		}
	}
	return nil
}

// spanOK reports whether tokens i..j may form one name.
func (d *doc) spanOK(i, j int, inPlace bool) bool {
	// A word continued after an apostrophe (Kup'iansk) needs no capital.
	inWord := func(k int) bool {
		g := d.gap(k-1, k)
		return len(g) == 1 && isApos(g[0]) && !contractions[d.toks[k].lower]
	}
	for k := i; k < j; k++ {
		// A possessive may stand inside a name (Donetsk People's Republic),
		// not at its start (Ukraine's Kherson).
		if d.toks[k].possessive && (k == i || len(d.gap(k, k+1)) != 3 || d.gap(k, k+1)[2] != ' ') {
			return false
		}
		if !d.toks[k].possessive && !d.joins(k) {
			return false
		}
		if k > i && !d.toks[k].upper && !connectors[d.toks[k].lower] && !siteWords[d.toks[k].lower] &&
			!names.ArabicArticle(d.toks[k].lower) && !inPlace && !inWord(k) {
			return false // but Deir ez-Zor
		}
	}
	last := d.toks[j]
	return last.upper || inPlace || (i == j && last.allCaps) || i < j && (tailWords[last.lower] || inWord(j))
}

// lookup looks tokens i..j up in the gazetteer and returns a mention with its
// candidates, or nil.
func (d *doc) lookup(i, j int) *mention {
	start, end := d.toks[i].start, d.toks[j].end
	surface := string(d.rs[start:end])
	dot := end < len(d.rs) && d.rs[end] == '.'
	key := names.Key(surface)
	if key == "" {
		return nil
	}
	m := &mention{ti: i, tj: j, start: start, end: end, surface: surface, key: key, possessive: d.toks[j].possessive}
	seen := map[int]int{}
	add := func(k string, ps []index.Posting, loose bool) {
		for _, p := range ps {
			match := gazetteer.MatchOf(p.Flags)
			if loose && match < gazetteer.Loose {
				match = gazetteer.Loose // found through the skeleton of the text's spelling
			}
			if match == gazetteer.Abbrev && !gazetteer.AbbrevOK(surface) && !dot {
				continue
			}
			if at, ok := seen[p.Entry]; ok {
				if match < m.cands[at].match {
					m.cands[at].match = match
				}
				continue
			}
			seen[p.Entry] = len(m.cands)
			m.cands = append(m.cands, cand{i: p.Entry, match: match})
		}
	}
	add(key, d.p.g.LookupKey(key), false)
	if sk := names.Skeleton(key); sk != key {
		add(sk, d.p.g.LookupKey(sk), true)
	}
	if len(m.cands) == 0 && d.arabicName(i, j) {
		// An Arabic name romanised otherwise than the gazetteer has it (Deir
		// ez-Zor for Dayr az Zawr): towns of 10,000 or seats only, a single
		// word of four letters or more once its vowels are gone; accept asks
		// more of a single word.
		content := 0 // words but articles: "Al-Ahram" has one
		for k := i; k <= j; k++ {
			if !names.ArabicArticle(d.toks[k].lower) {
				content++
			}
		}
		ak := names.ArabicSkeleton(key)
		letters := len(strings.ReplaceAll(ak, " ", "")) - 1
		if ak != "" && (content > 1 || letters >= 4 || d.descriptorAfter(j) != 0) {
			add(ak, d.p.g.LookupKey(ak), true)
			keep := m.cands[:0]
			for _, c := range m.cands {
				e := d.p.g.Place(c.i).Entry
				if e.Class == 'A' || e.Class == 'P' && (e.Pop >= 10000 || strings.HasPrefix(e.Code, "PPLA") || e.Code == "PPLC") {
					keep = append(keep, c)
				}
			}
			m.cands = keep
			m.arabic = len(m.cands) > 0
			m.arabicOne = m.arabic && content == 1
		}
	}
	if len(m.cands) == 0 && cyrillic(surface) {
		// A Russian or Ukrainian name in another case than the gazetteer's
		// nominative: "в Северодонецке", "под Авдеевкой", "Луганской области".
		m.declined = true
		forms := d.slavicForms(i, j)
		for _, v := range forms {
			if k := names.Key(v); k != "" {
				add(k, d.p.g.LookupKey(k), false)
			}
		}
		for _, v := range forms {
			if len(m.cands) > 0 {
				break
			}
			// Луганская область is filed as Luhanskaia: the Slavic skeleton
			// meets g and h.
			if k := names.Key(v); k != "" {
				if sk := names.Skeleton(k); sk != k {
					add(sk, d.p.g.LookupKey(sk), true)
				}
			}
		}
		if len(m.cands) == 0 && i == j && d.slavicPlaceContext(i, j) {
			// A Russian spelling of a Ukrainian village the gazetteer holds
			// in Ukrainian only ("освободили Работино": Роботине), met by its
			// consonants, where the text makes it a place.
			for _, v := range append([]string{surface}, forms...) {
				for _, e := range d.p.g.SlavicConsonants(names.Key(v)) {
					if c := d.p.g.Place(e).Entry.Class; c == 'P' || c == 'A' {
						add(names.Key(v), []index.Posting{{Entry: e}}, true)
					}
				}
			}
		}
		if len(m.cands) > 0 && !d.slavicPlaceContext(i, j) {
			// Without a word that makes it a place, a declined word is more
			// often a person's name or a common word than a village: only
			// divisions, regions and cities of 100,000 stand alone
			// ("Зеленского" is no village Зеленское).
			keep := m.cands[:0]
			for _, c := range m.cands {
				e := d.p.g.Place(c.i).Entry
				if e.Class == 'A' || e.Class == 'L' || e.Class == 'P' && e.Pop >= 100000 {
					keep = append(keep, c)
				}
			}
			m.cands = keep
		}
	}
	if len(m.cands) == 0 {
		return nil
	}
	exact := false
	for _, c := range m.cands {
		if c.match != gazetteer.Loose {
			exact = true
		}
	}
	abbr := false
	keep := m.cands[:0]
	for _, c := range m.cands {
		c.e = d.p.g.Place(c.i).Entry
		// A transliteration skeleton counts only when no spelling matched.
		if c.match == gazetteer.Loose && exact {
			continue
		}
		// Alternate names of small places outside the former Soviet Union are
		// often old, local or foreign forms that read as English words or names
		// (White House for Casablanca, Johnson for a hamlet); romanisations of
		// Ukrainian and Russian names are kept at every size.
		if c.match == gazetteer.Alias && c.e.Class == 'P' && c.e.Pop < 50000 && !slavic[c.e.Country] && !d.foreignName(i, j) &&
			!(names.ArabicCountries[c.e.Country] && d.arabicName(i, j)) {
			continue // but romanised Arabic names: Nuseirat for An Nusayrat
		}
		if c.match == gazetteer.Abbrev {
			abbr = true
		}
		keep = append(keep, c)
	}
	m.cands = keep
	if len(m.cands) == 0 {
		return nil
	}
	// One word read only as a small Arab town's alternate name: accept checks
	// it as one met through the Arabic skeleton.
	if i == j && !m.arabicOne {
		m.arabicOne = true
		for _, c := range m.cands {
			if c.match != gazetteer.Alias || c.e.Class != 'P' || c.e.Pop >= 50000 || !names.ArabicCountries[c.e.Country] {
				m.arabicOne = false
				break
			}
		}
	}
	m.demonym = true
	for _, c := range m.cands {
		if c.match != gazetteer.Adj {
			m.demonym = false
		}
	}
	// An abbreviation written with its closing dot spans the dot (U.S., Ky.); a
	// dot after capitals (the US.) ends the sentence.
	if abbr && dot && (strings.Contains(surface, ".") || !d.toks[j].allCaps) {
		m.end++
		m.surface += "."
	}
	return m
}

// foreignName reports whether tokens i..j are two or more words, none of them an
// English word or a person's name: a romanisation (Kiryat Shmona for Qiryat
// Shmona), which a small place's alternate name may be trusted for.
func (d *doc) foreignName(i, j int) bool {
	if j == i {
		return false
	}
	for k := i; k <= j; k++ {
		w := d.toks[k].lower
		if common[w] || person[w] || stopwords[w] || modifiers[w] || d.toks[k].allCaps {
			return false
		}
	}
	return true
}

// accept decides whether a recognised name is a place mention here, and drops the
// readings that the context rules out.
func (d *doc) accept(m *mention) bool {
	if m.ner {
		return true
	}
	if notPlaces[strings.ReplaceAll(m.key, " ", "_")] {
		return false
	}
	first, last := d.toks[m.ti], d.toks[m.tj]
	single := m.ti == m.tj
	w := first.lower
	// Don't, Won't: a word before a contraction is no name.
	if k := m.tj + 1; k < len(d.toks) && contractions[d.toks[k].lower] && d.toks[k].lower != "s" {
		if g := d.gap(m.tj, k); len(g) == 1 && isApos(g[0]) {
			return false
		}
	}
	if single && stopwords[w] && !(first.allCaps && m.hasCountryName()) {
		return false // but US and UK are countries
	}
	// A place that ends an organisation's name after "of": the Armed Forces of
	// Ukraine, the Office of the President of Ukraine (but the President of
	// Ukraine is a title, and its Ukraine a place).
	if !d.p.opt.InNames && d.orgOf(m.ti) {
		return false
	}
	// "John Smith, M.D.": a doctor's degree, not Maryland (written "Md." as a state).
	if m.surface == "M.D." || m.surface == "M.D" {
		return false
	}
	// A unit's name in quotation marks after it: the 93rd Mechanized Brigade
	// 'Kholodnyi Yar', the Separate Battalion “Donbas”.
	if p := m.ti - 1; p >= 0 && unitNouns[d.toks[p].lower] && strings.ContainsAny(string(d.gap(p, m.ti)), "'\"‘“«") {
		return false
	}
	if single && d.weapon(m) {
		return false // Iskander missiles, a Buk-M1, Grad multiple rocket launchers
	}
	// An armed group named after a place is no place of the text ("Azov
	// fighters", "Fano militiamen"), unless the name is a region's or a great
	// city's ("Donetsk separatists").
	if m.tj+1 < len(d.toks) && string(d.gap(m.tj, m.tj+1)) == " " && lex.Fighters(d.toks[m.tj+1].lower) && !m.keep(func(c cand) bool {
		return c.e.Class == 'A' || c.e.Class == 'L' || c.e.Class == 'P' && c.e.Pop >= 100000
	}) {
		return false
	}
	// Short all-capital words are acronyms (IT, AI, CEO) unless they are
	// abbreviations of places (US, UK, EU).
	if single && first.allCaps && first.end-first.start <= 3 && !m.hasMatch(gazetteer.Abbrev) {
		return false
	}
	if single && first.end-first.start <= 2 && !m.hasMatch(gazetteer.Abbrev) {
		return false
	}
	if m.demonym {
		return true // Russian forces, the European Union: adjectives head other names
	}
	// A word met only through the Arabic skeleton is a place where the text
	// says so: after a locative preposition or before a kind of place ("in
	// Nuseirat", "Hodeidah province"); a longer name is one as it stands.
	if p, n := m.ti-1, m.tj+1; m.arabicOne && (n >= len(d.toks) || !arabicKinds[d.toks[n].lower]) &&
		(p < 0 || len(d.gap(p, m.ti)) != 1 || !arabicLocatives[d.toks[p].lower]) {
		return false
	}
	// The tail of a name joined to an article or particle by a hyphen is no place
	// of its own: "Ras al-Ain" is not the Ain department of France.
	if p := m.ti - 1; p >= 1 && string(d.gap(p, m.ti)) == "-" && arabicArticles[d.toks[p].lower] {
		return false
	}
	if single && orgHeads[w] {
		return false // the University, the Council
	}
	// A country premodifies organisations and titles and stays a place there
	// (US State Department, UK Ambassador); so does any place, in the
	// conventions that count places inside names.
	premod := m.tj+1 < len(d.toks) && d.p.opt.InNames && (d.orgFollows(m.tj+1) || titles[d.toks[m.tj+1].lower])
	for _, c := range m.cands {
		if strings.HasPrefix(c.e.Code, "PCL") && (c.match == gazetteer.Exact || c.match == gazetteer.Abbrev) {
			premod = true
		}
		// An abbreviation in capitals premodifies too: EU Transport Commissioner.
		if c.match == gazetteer.Abbrev && first.allCaps && (c.e.Class == 'A' || c.e.Class == 'L') {
			premod = true
		}
	}
	head := d.head[m.ti] || premod
	// A title before the name makes it a person's (Gen. Scott, President Jackson),
	// and so does a first name before a name that is often a surname (Andrew
	// Jordan).
	if m.ti > 0 {
		prev := d.toks[m.ti-1]
		if titles[prev.lower] && prev.upper && len(d.gap(m.ti-1, m.ti)) <= 2 {
			return false
		}
		if single && weakAlone[w] && prev.upper && !prev.allCaps && !d.head[m.ti] && string(d.gap(m.ti-1, m.ti)) == " " &&
			!stopwords[prev.lower] && !modifiers[prev.lower] && !titles[prev.lower] {
			return false
		}
		// A capitalised word joined to the name, not a modifier, makes it part of
		// a longer name that the gazetteer does not hold (George Washington).
		// So does an institution's adjective (the National Anthem, the Royal
		// Navy), though it is a stopword.
		// (Not for a declined Russian or Ukrainian name, which follows a
		// capitalised noun in the genitive: "Минобороны России".)
		if !head && !m.hasCountryName() && !m.declined && prev.upper && !prev.allCaps && !prev.sentStart && d.joins(m.ti-1) && !prev.possessive &&
			!modifiers[prev.lower] && (!stopwords[prev.lower] || institutional[prev.lower]) && !d.isPlaceWord(m.ti-1) {
			return false
		}
	}
	if m.tj+1 < len(d.toks) && d.joins(m.tj) && !last.possessive {
		next := d.toks[m.tj+1]
		if next.upper {
			if _, ok := descriptors[next.lower]; !ok {
				// An organisation, unit or facility named after the place.
				if d.orgFollows(m.tj+1) && !d.p.opt.InNames {
					return false
				}
				// (Not for a declined Russian or Ukrainian name: "Луганской
				// области Сергей Гайдай" is a region and a man; but "Владимир
				// Соловьев" is one man.)
				if !head && !d.isPlaceWord(m.tj+1) && !stopwords[next.lower] && !m.declined && !d.regionAfter(m.tj+1) {
					return false
				}
			} else if m.tj+2 < len(d.toks) && d.joins(m.tj+1) && d.orgFollows(m.tj+2) && !d.p.opt.InNames {
				// Kharkiv Regional Military Administration; not "the Dnipro
				// River. Forces …", where the sentence ends after the descriptor.
				return false
			}
		}
	}
	strong := func(minPop int64) func(cand) bool {
		return func(c cand) bool {
			e := c.e
			return e.Class == 'A' || e.Class == 'L' || e.Class == 'H' && e.Code != "STM" && e.Code != "STMI" ||
				e.Code == "PPLC" || e.Class == 'P' && e.Pop >= minPop && c.match == gazetteer.Exact
		}
	}
	// A name before a speech verb is its speaker, one right after it and before a
	// comma or a full stop too ("O'Neill said", "said O'Neill, …"), unless a
	// country or a great city speaks (metonymy: "Washington said"); below, for a
	// single word, and here for a surname such as O'Neill.
	if !single && d.surnameLike(m) {
		if d.persons[d.toks[m.tj].lower] {
			return false // Commissioner James O'Neill … O'Neill
		}
		if d.speakerAfter(m) || d.speakerBefore(m) {
			return m.keep(strong(1000000))
		}
	}
	if !single || d.descriptorAfter(m.tj) != 0 {
		return true
	}
	// One word that is also an English word or a person's name stands for a
	// place only in its strong readings: a country, a region, a capital, a city.
	// A name before a unit's noun in lowercase names the unit: "the Wagner group",
	// "the Wagner mercenary group", "the Azov regiment". A country, a first-level
	// division or a great city keeps its place reading ("the Kharkiv group of
	// forces").
	if u := m.tj + 1; u < len(d.toks) && d.joins(m.tj) && !last.possessive && !d.toks[u].upper &&
		(unitHeads[d.toks[u].lower] || unitKinds[d.toks[u].lower] && u+1 < len(d.toks) && unitHeads[d.toks[u+1].lower]) {
		if !m.keep(func(c cand) bool {
			e := c.e
			return e.Class == 'A' && (strings.HasPrefix(e.Code, "PCL") || e.Code == "ADM1") ||
				e.Code == "PPLC" || e.Class == 'P' && e.Pop >= 200000 && c.match == gazetteer.Exact
		}) {
			return false
		}
	}
	// Capitals outside a headline are acronyms (NATO, OPEC) unless they spell a
	// country or a region, or a site's short form (ZNPP).
	if first.allCaps && !d.head[m.ti] && !d.dateline(m) && !m.keep(func(c cand) bool {
		return strong(1<<40)(c) && (c.match == gazetteer.Exact || c.match == gazetteer.Abbrev) ||
			c.e.Class == 'S' && c.match == gazetteer.Abbrev
	}) {
		return false
	}
	if (common[w] || commonPlural(w)) && !first.allCaps {
		if first.sentStart {
			return m.keep(strong(1 << 40))
		}
		if !m.keep(strong(200000)) {
			return false
		}
	}
	if d.persons[w] {
		return false // Christopher Steele ... Steele said
	}
	// A first name or surname alone is a place only as a country, a region or a
	// great city, unless a locative preposition governs it (in Nelson) and the
	// document names no one so.
	locative := m.ti > 0 && (d.toks[m.ti-1].lower == "in" || d.toks[m.ti-1].lower == "near") && len(d.gap(m.ti-1, m.ti)) == 1
	if d.personWord(m.ti) && !locative && !m.keep(func(c cand) bool {
		return strings.HasPrefix(c.e.Code, "PCL") || c.e.Class == 'L' || c.e.Class == 'P' && c.e.Pop >= 200000 && c.match == gazetteer.Exact
	}) {
		return false
	}
	// A short word that only an alternate name matches ("Ana" for Ina, "Ora" for
	// Oran) is a name or a word more often than that place: it needs a locative
	// preposition, or a country or a city of a million. (Not in Cyrillic, where
	// the gazetteer holds every Russian and Ukrainian name: Изюм is Izium.)
	if single && len([]rune(w)) <= 4 && !locative && !m.hasMatch(gazetteer.Exact) && !m.hasMatch(gazetteer.Abbrev) &&
		!(cyrillic(m.surface) && m.slavicReading()) &&
		!m.keep(func(c cand) bool { return strings.HasPrefix(c.e.Code, "PCL") || c.e.Pop >= 1000000 }) {
		return false
	}
	// A river alone is "the Dnipro"; a bare "Don" is a man.
	if !m.keep(func(c cand) bool {
		return c.e.Class != 'H' || c.e.Code != "STM" && c.e.Code != "STMI" || m.ti > 0 && d.toks[m.ti-1].lower == "the"
	}) {
		return false
	}
	if d.speakerAfter(m) || d.speakerBefore(m) {
		return m.keep(strong(1000000))
	}
	return true
}

// surnameLike reports whether a mention of two tokens is written like an Irish or
// French surname: a capital letter, an apostrophe, a name (O'Neill, D'Souza).
func (d *doc) surnameLike(m *mention) bool {
	if m.tj != m.ti+1 || d.toks[m.ti].end-d.toks[m.ti].start != 1 || !d.toks[m.ti].upper {
		return false
	}
	g := d.gap(m.ti, m.tj)
	return len(g) == 1 && isApos(g[0])
}

// speakerAfter reports whether a speech verb follows the mention: "Kelly said".
func (d *doc) speakerAfter(m *mention) bool {
	k := m.tj + 1
	return k < len(d.toks) && speechVerbs[d.toks[k].lower] && !d.toks[m.tj].possessive
}

// speakerBefore reports whether the mention follows a speech verb and ends before a
// comma or a full stop: "..., said Keith, who" ("told Izium residents" does not).
func (d *doc) speakerBefore(m *mention) bool {
	k := m.ti - 1
	return k >= 0 && speechVerbs[d.toks[k].lower] && !d.toks[k].upper && !d.toks[m.tj].possessive &&
		len(d.gap(k, m.ti)) == 1 && (m.end == len(d.rs) || d.rs[m.end] == ',' || d.rs[m.end] == '.')
}

// strongWord reports whether token k alone names a country, a region or, under
// its own name, a city of 100,000 or more. A word that ends a person's name
// (Ashley Sutton) or is a first name itself (Tyler Williams, Mary Pitman) must
// name a city of a million: alternate names (Chen for Chenzhou) and lesser
// towns do not make a surname a place.
func (d *doc) strongWord(k int, last bool) bool {
	t := d.toks[k]
	minPop := int64(100000)
	if last || person[t.lower] {
		minPop = 1000000
	}
	// Andrew Jordan, Victoria Rowell: names that are more often people's.
	if weakAlone[t.lower] && (last || k+1 < len(d.toks) && d.toks[k+1].upper) {
		return false
	}
	w := string(d.rs[t.start:t.end])
	// A Russian or Ukrainian word in another case counts as its nominative:
	// "России" in "Армия России" is Russia, no part of a person's name.
	for _, f := range append([]string{w}, names.SlavicBases(w)...) {
		for _, p := range d.p.g.LookupKey(names.Key(f)) {
			m := gazetteer.MatchOf(p.Flags)
			if m == gazetteer.Abbrev && !t.allCaps {
				continue
			}
			e := d.p.g.Place(p.Entry)
			if e.Class == 'A' || e.Class == 'L' || e.Pop >= minPop && m == gazetteer.Exact {
				return true
			}
		}
	}
	return false
}

// nameLike reports whether capitalised tokens i..j look like a person's name: two
// or three words, none a function word, modifier, descriptor or organisation
// word, none a country or region, and together no place name.
func (d *doc) nameLike(i, j int) bool {
	if j-i > 2 {
		return false
	}
	for k := i; k <= j; k++ {
		w := d.toks[k].lower
		if _, desc := descriptors[w]; desc || stopwords[w] || modifiers[w] || orgHeads[w] || common[w] || d.toks[k].allCaps {
			return false
		}
		if weakAlone[w] {
			continue
		}
		for _, p := range d.p.g.LookupKey(names.Key(w)) {
			if e := d.p.g.Place(p.Entry); e.Class == 'A' || e.Class == 'L' || e.Pop >= 100000 {
				return false
			}
		}
	}
	return len(d.p.g.LookupKey(names.Key(string(d.rs[d.toks[i].start:d.toks[j].end])))) == 0
}

// hasCountryName reports whether the mention spells a country's name or
// abbreviation.
func (m *mention) hasCountryName() bool {
	for _, c := range m.cands {
		if strings.HasPrefix(c.e.Code, "PCL") && (c.match == gazetteer.Exact || c.match == gazetteer.Abbrev) {
			return true
		}
	}
	return false
}

// dateline reports whether mention m opens a line or sentence and is followed
// by a comma, a dash or a bracket: TORONTO — ..., KYIV, Ukraine (Reuters) ...
func (d *doc) dateline(m *mention) bool {
	if !d.toks[m.ti].sentStart || m.end >= len(d.rs) {
		return false
	}
	for _, r := range d.rs[m.end:min(len(d.rs), m.end+3)] {
		switch r {
		case ',', '-', '–', '—', '(':
			return true
		case ' ':
			continue
		}
		return false
	}
	return false
}

// keep drops the candidates ok rejects and reports whether any are left.
func (m *mention) keep(ok func(cand) bool) bool {
	out := m.cands[:0]
	for _, c := range m.cands {
		if ok(c) {
			out = append(out, c)
		}
	}
	m.cands = out
	return len(out) > 0
}

// findPersons collects the words of what look like person names in the document:
// two or three capitalised words after a title or starting with a known first
// name (Lt. Gen. Scott Berrier, Jim Kelly). A later "Kelly" alone is the person.
func (d *doc) findPersons() {
	d.persons = map[string]bool{}
	transcript := d.labelLines() >= 2
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if transcript && t.allCaps && t.upper {
			if n, j, ok := d.speakerLabel(i); ok {
				for k := n; k <= j; k++ {
					if w := d.toks[k].lower; !stopwords[w] && !d.strongWord(k, false) {
						d.persons[w] = true
					}
				}
				i = j
				continue
			}
		}
		if !t.upper || d.head[i] || t.allCaps {
			continue
		}
		// Two to four capitalised words, with particles (Mike de Kock) and
		// hyphens (Diaz-Balart) inside.
		j := i
		for j+1 < len(d.toks) && j-i < 4 && !d.toks[j].possessive {
			g := d.gap(j, j+1)
			// A middle initial stands inside a name: Gino D. Bassett.
			initial := j > i && len(g) == 2 && g[0] == '.' && g[1] == ' ' && d.toks[j].end-d.toks[j].start == 1 && d.toks[j].upper
			// O'Neill, D'Souza: a capital letter and an apostrophe open a surname.
			irish := len(g) == 1 && isApos(g[0]) && d.toks[j].end-d.toks[j].start == 1 && d.toks[j].upper
			if !initial && !irish && (len(g) != 1 || g[0] != ' ' && g[0] != '-') {
				break
			}
			n := d.toks[j+1]
			if n.upper {
				j++
				continue
			}
			if nameParticles[n.lower] && j+2 < len(d.toks) && d.toks[j+2].upper && len(d.gap(j+1, j+2)) == 1 {
				j += 2
				continue
			}
			break
		}
		titled := i > 0 && titles[d.toks[i-1].lower] && d.toks[i-1].upper
		// A run opened by a title is the title and a name: Congressman Mario
		// Diaz-Balart.
		if titles[t.lower] && j > i && !d.strongWord(i+1, false) {
			i++
			titled = true
		}
		if j == i && !titled {
			continue
		}
		known := false
		for k := i; k <= j; k++ {
			known = known || d.personWord(k) && !stopwords[d.toks[k].lower]
		}
		if d.placeChain(i, j) {
			i = j
			continue
		}
		if j+1 < len(d.toks) && slavicDivisions[d.toks[j+1].lower] {
			i = j // "Новоселовку Харьковской области": a place and its region
			continue
		}
		if titled || known && !orgHeads[d.toks[j].lower] || d.nameLike(i, j) {
			for k := i; k <= j; k++ {
				// Countries, regions and cities premodify names (US President
				// Donald Trump) and stay places.
				if !d.strongWord(k, k == j && j > i) {
					d.persons[d.toks[k].lower] = true
				}
			}
		}
		i = j
	}
}

// placeChain reports whether tokens i..j are places joined by hyphens, a line
// or a road between them, not a double-barrelled name: "the
// Kupyansk-Svatove-Kreminna line", "the Bakhmut-Kostiantynivka highway". It
// takes three places, or two before a word of lines and fronts.
func (d *doc) placeChain(i, j int) bool {
	if j == i {
		return false
	}
	for k := i; k <= j; k++ {
		if k < j && string(d.gap(k, k+1)) != "-" || !d.isPlaceWord(k) {
			return false
		}
	}
	if j-i >= 2 {
		return true
	}
	return j+1 < len(d.toks) && len(d.gap(j, j+1)) == 1 && (chainWords[d.toks[j+1].lower] || lex.FrontAfter(d.toks[j+1].lower))
}

// chainWords after places joined by hyphens make them a line between places.
var chainWords = set(`line lines highway road railway railroad route corridor border area areas`)

// opensLine reports whether token i is the first of its line.
func (d *doc) opensLine(i int) bool {
	return i == 0 || strings.ContainsRune(string(d.gap(i-1, i)), '\n')
}

// labelLines counts the lines that open with words in capitals and a colon
// ("MODERATOR:", "QUESTION:", "MR. KIRBY:"): a transcript has several, a
// headline ("PRESIDENT VISITS IZIUM: …") one at most.
func (d *doc) labelLines() int {
	n := 0
	for i := 0; i < len(d.toks); i++ {
		if !d.opensLine(i) {
			continue
		}
		for j := i; j < len(d.toks) && j-i < 9 && d.toks[j].allCaps; j++ {
			if e := d.toks[j].end; e < len(d.rs) && d.rs[e] == ':' {
				n++
				break
			}
		}
	}
	return n
}

// speakerLabel reads a transcript's speaker label starting at token i: a line that
// opens with a title and a name, all in capitals, and a colon — "MR. KIRBY:",
// "SECRETARY BLINKEN:", "SECRETARY OF DEFENSE LLOYD J. AUSTIN III:". It returns
// the first and last tokens of the name. Capitals alone are no sign of a person
// (headlines are written so), but in a transcript (labelLines) a title right
// before a name, and a colon ending the line's first words, are.
func (d *doc) speakerLabel(i int) (first, last int, ok bool) {
	if !d.opensLine(i) {
		return 0, 0, false
	}
	title := -1
	for j := i; j < len(d.toks) && j-i < 9 && d.toks[j].allCaps; j++ {
		if titles[d.toks[j].lower] {
			title = j
		}
		if e := d.toks[j].end; e < len(d.rs) && d.rs[e] == ':' {
			n := title + 1
			if title >= 0 && n < j && d.toks[n].lower == "of" { // SECRETARY OF DEFENSE
				n += 2
			}
			return n, j, title >= 0 && n <= j && j-n < 4
		}
		if j+1 < len(d.toks) {
			if g := d.gap(j, j+1); len(g) != 1 && !(len(g) == 2 && g[0] == '.') {
				return 0, 0, false
			}
		}
	}
	return 0, 0, false
}

// descriptorAfter returns the kind a descriptor right after token k asks for
// (the Kharkiv region, Orange County), or 0.
func (d *doc) descriptorAfter(k int) byte {
	if k+1 >= len(d.toks) || d.toks[k].possessive {
		return 0
	}
	if g := d.gap(k, k+1); len(g) != 1 || g[0] != ' ' {
		return 0
	}
	return descriptors[d.toks[k+1].lower]
}

// orgOf reports whether token i follows "of" (or "of the") at the end of a
// capitalised name that holds an organisation's head word: "Security Service of",
// "Office of the President of".
func (d *doc) orgOf(i int) bool {
	k := i - 1
	if k >= 0 && d.toks[k].lower == "the" {
		k--
	}
	if k < 1 || d.toks[k].lower != "of" {
		return false
	}
	for j, n := k-1, 0; j >= 0 && n < 8; j, n = j-1, n+1 {
		t := d.toks[j]
		if t.lower == "of" || t.lower == "the" && j > 0 && d.toks[j-1].lower == "of" {
			continue
		}
		if !t.upper || !d.joins(j) {
			return false
		}
		if orgHeads[t.lower] {
			return true
		}
	}
	return false
}

// orgFollows reports whether the capitalised run from token k ends in an
// organisation word.
func (d *doc) orgFollows(k int) bool {
	for ; k < len(d.toks); k++ {
		t := d.toks[k]
		if orgHeads[t.lower] && (t.upper || connectors[t.lower]) {
			return true
		}
		if !t.upper && !connectors[t.lower] {
			return false
		}
		if k+1 < len(d.toks) && !d.joins(k) {
			return orgHeads[t.lower]
		}
	}
	return false
}

// isPlaceWord reports whether token k alone is a known name (so that two place
// names in a row, as in a headline, do not veto each other).
func (d *doc) isPlaceWord(k int) bool {
	t := d.toks[k]
	if !t.upper || stopwords[t.lower] {
		return false
	}
	return len(d.p.g.LookupKey(names.Key(string(d.rs[t.start:t.end])))) > 0
}

func (m *mention) hasMatch(x gazetteer.Match) bool {
	for _, c := range m.cands {
		if c.match == x {
			return true
		}
	}
	return false
}

// describe reads descriptors around a mention (the Kharkiv region, the city of
// Izium, the Oskil River) and narrows its candidates to that kind of place.
func (d *doc) describe(m *mention) {
	if m.demonym {
		return
	}
	if k := m.tj + 1; k < len(d.toks) && !m.possessive && len(d.gap(m.tj, k)) == 1 && d.gap(m.tj, k)[0] == ' ' {
		if r, ok := descriptors[d.toks[k].lower]; ok && !(r == 'A' && d.toks[k].lower == "republic" && !d.toks[k].upper) {
			// "County" is part of a county's name in every convention.
			w := d.toks[k].lower
			if r == 'D' {
				d.raion(m)
			}
			if d.narrow(m, r) && (!d.p.opt.BareSpans || w == "county" || w == "parish") {
				m.end = d.toks[k].end
				m.possessive = d.toks[k].possessive
				m.surface = string(d.rs[m.start:m.end])
			}
			// A plural descriptor covers the name coordinated before:
			// the Donetsk and Luhansk regions, the Izium and Kupiansk districts.
			if n := len(d.ms); n > 0 && strings.HasSuffix(w, "s") {
				prev := d.ms[n-1]
				if prev.tj+2 == m.ti && d.toks[prev.tj+1].lower == "and" && !prev.demonym && !prev.unit && prev.restrict == 0 {
					if r == 'D' {
						d.raion(prev)
					}
					d.narrow(prev, r)
				}
			}
			return
		}
	}
	// "the city of X", "the river X"
	if k := m.ti - 1; k >= 0 {
		w := d.toks[k].lower
		if w == "of" && k >= 1 {
			if r, ok := before[d.toks[k-1].lower]; ok {
				d.narrow(m, r)
			}
		} else if w == "river" || w == "city" {
			d.narrow(m, before[w])
		}
	}
}

// raion replaces the readings of a name followed by "districts" or "raions" with
// the raion of that name (the Izium and Kupiansk districts), if there is one.
func (d *doc) raion(m *mention) {
	var cs []cand
	for _, p := range d.p.g.LookupKey(m.key + " raion") {
		if e := d.p.g.Place(p.Entry).Entry; e.Code == "ADM2" {
			cs = append(cs, cand{i: p.Entry, e: e, match: gazetteer.Alias})
		}
	}
	if len(cs) > 0 {
		m.cands = cs
	}
}

// narrow keeps the candidates of kind r, if any; it reports whether any were kept.
func (d *doc) narrow(m *mention, r byte) bool {
	m.restrict = r
	keep := make([]cand, 0, len(m.cands))
	for _, c := range m.cands {
		if kindFits(c.e, r) {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		if r == 'D' {
			return true // no districts in the gazetteer: the town stands for its district
		}
		m.restrict = 0
		return false
	}
	m.cands = keep
	return true
}

func kindFits(e index.Entry, r byte) bool {
	switch r {
	case 'A':
		return e.Class == 'A' && !strings.HasPrefix(e.Code, "PCL") || e.Class == 'L' && e.Code == "RGN"
	case 'D':
		return e.Class == 'A' && e.Code == "ADM2" || e.Class == 'P'
	case 'H':
		return e.Class == 'H'
	case 'P':
		return e.Class == 'P'
	}
	return true
}

// coordinated reads two names that share a head noun, each naming with it a
// place the gazetteer holds: the Donetsk and Luhansk People's Republics, the
// so-called Donetsk and Luhansk “People’s Republics”. The head may be quoted
// and stands in the plural. The first name's span is the name alone; the
// second's runs over the head (the name alone with bare spans). A quoted head
// after one name (Donetsk “People’s Republic”) is read the same way.
func (d *doc) coordinated(i int) (*mention, *mention) {
	n := len(d.toks)
	if i+1 >= n {
		return nil, nil
	}
	x := d.toks[i]
	if !x.upper || x.possessive {
		return nil, nil
	}
	if quoted(d.gap(i, i+1)) {
		for _, h := range d.heads(i + 1) {
			if mx := d.named(i, h.tj, x.start, h.end, string(d.rs[x.start:x.end])+" "+h.text); mx != nil {
				if d.p.opt.BareSpans {
					mx.end, mx.surface = x.end, string(d.rs[x.start:x.end])
				}
				return mx, nil
			}
		}
		return nil, nil
	}
	if i+3 >= n {
		return nil, nil
	}
	y := d.toks[i+2]
	if !y.upper || y.possessive || d.toks[i+1].lower != "and" ||
		string(d.gap(i, i+1)) != " " || string(d.gap(i+1, i+2)) != " " || !quoted(d.gap(i+2, i+3)) && string(d.gap(i+2, i+3)) != " " {
		return nil, nil
	}
	for _, h := range d.heads(i + 3) {
		if !strings.HasSuffix(h.text, "s") {
			continue
		}
		head := strings.TrimSuffix(h.text, "s") // Republics → Republic
		mx := d.named(i, i, x.start, x.end, string(d.rs[x.start:x.end])+" "+head)
		if mx == nil {
			continue
		}
		end := h.end
		if d.p.opt.BareSpans {
			end = y.end
		}
		if my := d.named(i+2, h.tj, y.start, end, string(d.rs[y.start:y.end])+" "+head); my != nil {
			return mx, my
		}
	}
	return nil, nil
}

// quoted reports whether a gap between words is a space and an opening quote.
func quoted(g []rune) bool {
	q := false
	for _, r := range g {
		switch r {
		case ' ':
		case '"', '“', '‘', '\'', '«':
			q = true
		default:
			return false
		}
	}
	return q
}

// head is a run of words that may follow a name as its head noun.
type head struct {
	tj   int    // last token
	end  int    // end of the span, past a closing quote
	text string // the words
}

// heads lists the heads of one to three words starting at token hs, shortest
// first: People, People's Republics. A descriptor (region, oblast) is no head.
func (d *doc) heads(hs int) []head {
	if hs >= len(d.toks) {
		return nil
	}
	if _, desc := descriptors[d.toks[hs].lower]; desc {
		return nil
	}
	var out []head
	for he := hs; he < min(len(d.toks), hs+3); he++ {
		if he > hs {
			// Words of the head are joined by a space or a possessive.
			g := d.gap(he-1, he)
			if !(len(g) == 1 && g[0] == ' ' || d.toks[he-1].possessive && len(g) == 3 && g[2] == ' ') {
				break
			}
		}
		last := d.toks[he]
		if last.possessive {
			continue
		}
		end := last.end
		if end < len(d.rs) {
			switch d.rs[end] {
			case '"', '”', '’', '»':
				end++
			}
		}
		out = append(out, head{tj: he, end: end, text: string(d.rs[d.toks[hs].start:last.end])})
	}
	return out
}

// named returns a mention over tokens ti..tj, spanning runes [start, end), read
// as the region or division whose full name is name, or nil when the gazetteer
// holds none by that name.
func (d *doc) named(ti, tj, start, end int, name string) *mention {
	key := names.Key(name)
	m := &mention{ti: ti, tj: tj, start: start, end: end, surface: string(d.rs[start:end]), key: key}
	for _, p := range d.p.g.LookupKey(key) {
		e := d.p.g.Place(p.Entry).Entry
		if e.Class != 'A' && e.Class != 'L' {
			continue
		}
		m.cands = append(m.cands, cand{i: p.Entry, e: e, match: gazetteer.MatchOf(p.Flags)})
	}
	if len(m.cands) == 0 {
		return nil
	}
	return m
}

// weapon reports whether the one-word mention m names a weapon system, not a
// place (lex.WeaponHere), reading up to three words joined to it.
func (d *doc) weapon(m *mention) bool {
	var after []string
	k := m.tj + 1
	suffix := k < len(d.toks) && string(d.gap(m.tj, k)) == "-" && d.toks[k].end-d.toks[k].start <= 3
	for n := 0; k < len(d.toks) && n < 3 && gapJoins(d.gap(k-1, k)); k, n = k+1, n+1 {
		after = append(after, d.toks[k].lower)
	}
	prev := ""
	if m.ti > 0 {
		prev = d.toks[m.ti-1].lower
	}
	return lex.WeaponHere(d.toks[m.ti].lower, prev, after, suffix)
}

// arabicName reports whether tokens i..j may be an Arabic name romanised: no word
// of English or of English names ("Dr. Lilly", "Said Allen", "A Queens"), no
// capitals, but for the articles and the words that open Arabic place names
// (Deir, Beit, Tal, Ras, Abu).
func (d *doc) arabicName(i, j int) bool {
	for k := i; k <= j; k++ {
		t := d.toks[k]
		if arabicWords[t.lower] || names.ArabicArticle(t.lower) {
			continue
		}
		if !t.upper || t.allCaps || t.end-t.start < 3 || common[t.lower] || person[t.lower] || stopwords[t.lower] || modifiers[t.lower] || titles[t.lower] {
			return false // "E. Nylen": an initial
		}
		// The plural of a name the gazetteer holds: "Ukrainians", "Tamils".
		if w, ok := strings.CutSuffix(t.lower, "s"); ok && len(d.p.g.LookupKey(names.Key(w))) > 0 {
			return false
		}
	}
	return true
}

// slavicForms are the spellings of tokens i..j with each word in the
// nominative forms names.SlavicBases guesses for it (the word itself too), at
// most 64.
func (d *doc) slavicForms(i, j int) []string {
	forms := []string{""}
	for k := i; k <= j; k++ {
		w := string(d.rs[d.toks[k].start:d.toks[k].end])
		opts := append([]string{w}, names.SlavicBases(w)...)
		gap := ""
		if k < j {
			gap = string(d.gap(k, k+1))
		}
		var next []string
		for _, f := range forms {
			for _, o := range opts {
				if len(next) < 64 {
					next = append(next, f+o+gap)
				}
			}
		}
		forms = next
	}
	return forms[1:] // forms[0] is the text as written
}

// slavicPlaceContext reports whether the words around tokens i..j make them a
// place in Russian or Ukrainian: a preposition of place or direction before
// them ("в", "под", "біля"), a kind of place before them ("город", "села",
// "населенный пункт"), a verb of fighting over ground ("заняли"), or a division
// after them ("области", "району").
func (d *doc) slavicPlaceContext(i, j int) bool {
	if i > 0 && (slavicPrepositions[d.toks[i-1].lower] || slavicKinds[d.toks[i-1].lower] || slavicFighting[d.toks[i-1].lower]) {
		return true
	}
	if i > 1 && d.toks[i-1].lower == "пункт" {
		return true
	}
	// Listed after a place: "под Авдеевкой и Марьинкой", "біля Бахмута, Торецька
	// та Часового Яру".
	if i > 1 && len(d.ms) > 0 && (slavicAnd[d.toks[i-1].lower] || string(d.gap(i-1, i)) == ", ") {
		last := d.ms[len(d.ms)-1]
		if last.tj == i-1 || last.tj == i-2 && slavicAnd[d.toks[i-1].lower] {
			return true
		}
	}
	return j+1 < len(d.toks) && slavicDivisions[d.toks[j+1].lower]
}

// regionAfter reports a Russian or Ukrainian region named in the genitive at
// token k: an adjective and a division ("Харьковской области").
func (d *doc) regionAfter(k int) bool {
	return k+1 < len(d.toks) && slavicDivisions[d.toks[k+1].lower] && cyrillic(string(d.rs[d.toks[k].start:d.toks[k].end]))
}

// personWord reports a first name or surname of the lists (person), in Cyrillic
// too: "Олег" is Oleh, a man, not the village.
func (d *doc) personWord(k int) bool {
	t := d.toks[k]
	if person[t.lower] {
		return true
	}
	w := string(d.rs[t.start:t.end])
	return cyrillic(w) && person[names.Key(w)]
}

// cyrillic reports whether s is written in Cyrillic letters.
func cyrillic(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Cyrillic, r)
		}
	}
	return false
}

// slavicReading reports whether a reading of m lies in a country whose names
// the gazetteer holds in Cyrillic (slavic).
func (m *mention) slavicReading() bool {
	for _, c := range m.cands {
		if slavic[c.e.Country] {
			return true
		}
	}
	return false
}
