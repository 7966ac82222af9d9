package places

import (
	_ "embed"
	"strings"
)

// Language data for recognising toponyms in English text. Each list says what
// kind of word it holds; the algorithms in places.go only ask membership.

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// stopwords are capitalised words that also name some place (a village called
// "March", a town called "Hope") but, standing alone, almost never do in news.
var stopwords = set(`
a about above after again against all also although am among an and another any are
around as at be because been before being below between both but by can could did do
does during each either even ever every few for from further had has have having he
her here hers him his how however i if in into is it its just least less like many may
me might more most much must my neither no nor not now of off on once one only or other
our out over own per perhaps same she should since so some still such than that the
their them then there these they this those though through thus to too under until up
upon us very via was we were what when where whether which while who whom whose why
will with within without would yet you your
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
mr mrs ms dr sir lord lady president minister secretary general governor mayor senator
king queen prince princess pope saint st
news read next source photo video image reuters getty ap afp watch share comment
bbc cnn cbs nbc abc npr pbs un nato opec fbi cia
federal supreme vice marine chamber royal national international general public
universal imperial grand saint holy
reply subscribe update updated breaking live
god christ jesus allah
christmas easter thanksgiving ramadan eid hanukkah halloween passover lent
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
north south east west northern southern eastern western central
northeastern northwestern southeastern southwestern midwestern
new old great little upper lower
city town village region province state district county river sea lake mount island
government army navy police court police army force forces
hope union liberty independence victory unity freedom progress justice
arab english congress senate parliament house assembly cabinet kremlin pentagon capitol white
mobile reading bath nice split bar sale deal van mission
`)

// weakAlone are names that stand for a place only with support from the document
// (a qualifier, a neighbour, a matching focus): alone they are more often a
// surname, a first name or a common noun.
var weakAlone = set(`jordan chad victoria florence charlotte austin georgia`)

// titles before a capitalised word make it a person's name (Gen. Scott).
var titles = set(`
mr mrs ms dr prof sir lord lady gen general lt col colonel maj major capt captain sgt
adm admiral president vice minister secretary senator sen rep representative gov
governor mayor judge justice king queen prince princess pope father rev bishop
spokesman spokeswoman spokesperson chief ambassador commander officer deputy chairman
head director professor dame saint st premier chancellor commissioner envoy
congressman congresswoman councilman councilwoman councillor councilor
assemblyman assemblywoman sheriff coach
`)

// unitHeads, written in lowercase after a name, make it the name of an armed group
// or movement: the Wagner group, the Azov regiment, the Aidar battalion.
var unitHeads = set(`group regiment battalion brigade militia movement`)

// unitNouns are followed by a unit's name in quotation marks: the 93rd
// Mechanized Brigade 'Kholodnyi Yar'.
var unitNouns = set(`brigade brigades battalion regiment division corps unit squadron group detachment
	войск группировки группировка бригады бригада батальона батальон полка полк дивизии отряда отряд
	угруповання бригади батальйону батальйон полку загону`)

// unitKinds may stand between such a name and its unit noun: the Wagner mercenary
// group.
var unitKinds = set(`mercenary paramilitary militant volunteer separatist rebel private assault`)

// orgHeads end the names of organisations, units, facilities and works; a place
// word inside such a name is not a place of the text (Kharkiv Regional Military
// Administration, Zaporizhzhia Nuclear Power Plant).
var orgHeads = set(`
administration ministry university council committee party army forces force command
guard guards institute agency department office bank company corp corporation inc ltd
llc group association union church cathedral school college academy hospital airport
station airlines airline airways times post news journal herald tribune telegraph
press club fc stadium arena street avenue road square bridge plant base fleet brigade
division regiment corps battalion service services intelligence parliament assembly
court embassy consulate commission authority police prosecutor prosecutors federation
foundation fund network television tv radio channel magazine gazette review centre
center museum library theatre theater hotel mall market exchange port harbor harbour
railway railways metro media studio studios records festival games cup league
championship olympics summit conference forum program programme project initiative
operation treaty agreement accord pact declaration initiative movement front
alliance coalition brigades legion militia battalions regiments bureau hydro
rescue troopers patrol sheriff sheriff's
st ave rd blvd
`)

// connectors may stand inside a multi-word name: Isle of Man, Rostov-on-Don,
// Bosnia and Herzegovina, Rio de Janeiro.
var connectors = set(`of on upon de del della di da do dos das la le les el al am an and y sur en the`)

// institutional adjectives begin the names of bodies, titles and works (the
// National Anthem, the Royal Navy, the Supreme Court): a place word after one is
// part of that name, not a place.
var institutional = set(`federal supreme marine royal national international general public universal imperial grand holy`)

// directions and similar modifiers may precede a place name without joining it.
var modifiers = set(`
north south east west northern southern eastern western central northeastern
northwestern southeastern southwestern north-eastern north-western south-eastern
south-western greater upper lower inner outer occupied liberated russian-occupied
ukrainian-held russian-held in at from to near`)

// descriptors follow a name and say what kind of place it is.
var descriptors = map[string]byte{
	"region": 'A', "regions": 'A', "oblast": 'A', "oblasts": 'A', "province": 'A',
	"governorate": 'A', "krai": 'A', "republic": 'A',
	"district": 'D', "raion": 'D', "rayon": 'D', "county": 'D', "municipality": 'D', "hromada": 'D',
	"districts": 'D', "raions": 'D', "rayons": 'D',
	"river": 'H',
	"city":  'P', "town": 'P', "village": 'P', "settlement": 'P',
}

// siteWords may stand in lower case inside a site's name before a tailWord: the
// Zaporizhzhia nuclear power plant, the Kakhovka hydroelectric power plant.
var siteWords = set(`nuclear power hydroelectric thermal steel iron air`)

// contractions follow an apostrophe without being part of a name: I've, we're.
var contractions = set(`ve re ll d t m s`)

// tailWords may end a multi-word name in lower case: the Russo-Ukrainian
// border, the Kakhovka reservoir, the Izium district, the Kakhovka dam, the
// Zaporizhzhia nuclear power plant (siteWords may stand inside such a name).
var tailWords = set(`border borders region river sea peninsula reservoir spit island strait gulf bay basin
district raion rayon plant station dam bridge airport airfield airbase base works
область области областью обл район района районе району районом районі край края крае краю`)

// Russian and Ukrainian words around a place's name (slavicPlaceContext), in
// the forms reporting uses.
var (
	slavicPrepositions = set(`в во на под подо у около возле близ из от до к ко за через над по с со между
		в у на під біля поблизу з із зі від до за через над між коло поряд`)
	slavicKinds = set(`город города городе городу городом села село селе селу селом поселка посёлка поселок
		посёлок поселке посёлке поселком пгт деревни деревня деревне станицы станица хутора хутор
		місто міста місті містом селище селища селищі смт районе районі направлении направления
		напрямку напрямі окрестностях околицях окраине окраинах околиці пригороде часть части частину
		частини`)
	// Verbs of fighting over ground, as the two ministries of defence write
	// them: a declined name after one is a place ("заняли Авдеевку").
	slavicFighting = set(`освободили освободил освобождён освобожден освобождена освобождено заняли захватили
		отбили штурмуют штурмовали атаковали атакуют обстреляли обстреливают ударили вошли окружили
		продвинулись звільнили захопили відбили штурмують атакували обстріляли обстрілюють увійшли
		оточили просунулися окупували`)
	// Institutions and roles before a country in the genitive, which make it the
	// state (metonymy): "Минобороны России", "президент Украины".
	slavicStateNouns = set(`минобороны мид министерство министерства министр министра правительство
		правительства президент президента власти властей армия армии войска войск руководство
		руководства посол посольство глава главы генштаб міноборони мзс міністерство міністр уряд
		уряду президента влада влади армія армії війська посольство керівництво збройні`)
	slavicAnd       = set(`и й или та і й або`)
	slavicDivisions = set(`область области областью областей обл район района районе району районом районі
		край края крае краю краї республика республики республике республику громади громаді`)
)

// districtWords end the name of a Ukrainian raion as the gazetteer files it:
// Izium district, Kupiansk raion.
var districtWords = set(`district raion rayon`)

// before are words that, followed by "of", introduce a place of a kind: the city
// of Kharkiv, the region of Donbas.
var before = map[string]byte{
	"city": 'P', "town": 'P', "village": 'P', "settlement": 'P', "outskirts": 'P', "suburbs": 'P',
	"region": 'A', "province": 'A', "oblast": 'A', "state": 'A', "republic": 'A',
	"river": 'H',
}

// Metonymy: a country or capital used for its government, army or people. These are
// the verbs it is the subject of and the nouns its possessive governs.
var metVerbs = set(`
said says say claimed claims claim denied denies deny announced announces accused
accuses warned warns wants want wanted launched launches invaded invades attacked
attacks has have had will would could can must should may might agreed agrees
demanded demands threatened threatens refused refuses insisted insists sent sends
supplied supplies imposed imposes plans planned seeks sought tried tries continues
continued struck strikes shelled shells fired fires captured captures took takes
responded responds retaliated condemned condemns rejected rejects vowed vows pledged
pledges promised promises signed signs recognized recognised recognizes recognises
annexed annexes deployed deploys mobilized mobilised mobilizes withdrew withdraws
needs needed asked asks called calls urged urges told tells believes believed hopes
hoped decided decides voted votes expelled expels banned bans blamed blames suffered
suffers lost loses gained gains won wins began begins started starts stepped steps
tramples trampled does did is was`)

var metNouns = set(`
forces force troops army armed military government president presidents leader
leaders leadership ministry ministries minister foreign defense defence invasion
aggression attack attacks war strikes strike missile missiles drone drones decision
decisions officials official authorities soldiers navy regime position demands
efforts offensive counteroffensive counter-offensive campaign ambassador envoy
delegation response intelligence security state emergency service services
diplomats diplomacy policy allies partners people's parliament embassy mission
commanders generals propaganda narrative claims bombardment shelling occupation
occupiers units brigades fleet kremlin representatives representative statement
sanctions support`)

// placeParts after a country's possessive keep it a place: "Ukraine's capital",
// "Russia's border regions", "Ukraine's east".
var placeParts = set(`capital capitals city cities region regions oblast oblasts province provinces east west
north south northeast northwest southeast southwest eastern western northern southern central border borders
territory territories coast coastline soil land lands airspace countryside towns town villages village
frontline front interior heartland side skies ports port waters sea seas rivers river population civilian civilians
citizens residents inhabitants people economy trade grain infrastructure energy`)

// prepositions before a place make it no subject: "attacks on Ukraine are
// becoming", "the south of Ukraine learned".
var prepositions = set(`on of in at against to from for with by into over about across toward towards`)

// auxiliaries before a past participle after a country make it the subject of
// a verb: "Russia has chosen".
var auxiliaries = set(`has have had will would can could must should may might did does do continues continued`)

// participles are irregular past participles: "Russia has shown", "Ukraine has
// won".
var participles = set(`shown done made given seen become begun held sent lost won fought brought built kept
left put said told struck hit shot spent met led paid sought thought taught`)

// adjectiveWords end in -ed but follow a place as adjectives, not verbs.
var adjectiveWords = set(`based related linked backed installed controlled occupied held`)

// stateNouns after a country's name make it the state's: "U.S. support", "UK
// contribution", "UK Deputy Permanent Representative".
var stateNouns = set(`support assistance aid money funding weapons weaponry contribution commitment
delegation deputy representative envoy ambassador embassy sanctions policy backing help military
government administration officials intelligence aircraft jets warplanes navy`)

// metBefore are words after which a country name stands for its state or people:
// support for Ukraine, pressure on Russia, solidarity with Ukraine.
var metBefore = set(`support supporting supported backing backed aid help helping helped calls call called
solidarity pressure isolate isolating isolated condemn condemned urge urged urging
sanction sanctions sanctioning punish punishing deter deterring arming by`)

// metTitles make a following "of X" a metonymy: President of Ukraine.
var metTitles = set(`president prime minister ambassador embassy government king queen
first lady people leader leadership`)

// slavic are the countries whose names the gazetteer holds in Cyrillic and in
// every common romanisation, so that alternate names of their smallest places
// are trustworthy.
var slavic = set(`UA RU BY MD KZ KG TJ TM UZ GE AM AZ`)

// notPlaces are names of buildings, institutions and phenomena (and the U.N., an
// abbreviation of Upper Nile, Google, once an alias of Topeka, TASS, the news
// agency, not Tasmania, and Hamas, not Hamm in Germany) that the
// gazetteer also holds as alternate names of places (Casablanca is "White House").
var notPlaces = set(`white_house pentagon kremlin capitol capitol_hill downing_street wall_street
el_nino la_nina notre_dame elysee west_wing oval_office red_cross red_crescent un google tass hamas`)

// speechVerbs after a bare name make it a speaker: Kelly said.
var speechVerbs = set(`said says told added wrote tweeted explained noted argued asked replied
recalled insisted stressed admitted acknowledged testified`)

//go:embed words.tsv
var wordsTSV string

// common and person are the word lexicon generated from the treebanks (see
// internal/gazetteer/gen/words.go): lower-case words of English, and words of
// person names that never name places.
var common, person = func() (map[string]bool, map[string]bool) {
	c, p := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(wordsTSV, "\n") {
		w, f, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Contains(f, "C") {
			c[w] = true
		}
		if strings.Contains(f, "P") {
			p[w] = true
		}
	}
	for w := range warWords {
		c[w] = true
	}
	return c, p
}()

// warWords are common words of war reporting that the treebanks' text lacks
// and the gazetteer holds as places: "Marines crossed the river" (a village in
// France), "the convoy", "the garrison".
var warWords = set(`marines paratroopers convoy convoys garrison garrisons barrage barrages
sappers milbloggers`)

// commonPlural reports whether w is the plural of a common word that the lexicon
// holds only in the singular: "Roses" (Land of Wine and Roses), "Wells".
func commonPlural(w string) bool {
	if len(w) < 4 || w[len(w)-1] != 's' {
		return false
	}
	if strings.HasSuffix(w, "ies") && common[w[:len(w)-3]+"y"] {
		return true
	}
	return common[w[:len(w)-1]] && !common[w]
}

// countyCountries divide into counties or parishes named "X County" / "X Parish".
var countyCountries = set(`US GB IE CA KE LR JM BB TW`)

// arabicArticles join the words of Arabic names by a hyphen: Ras al-Ain, Deir
// ez-Zor, Abu ad-Duhur.
var arabicArticles = set(`al el ad ed ar er as es ash esh at et az ez an en`)

// arabicLocatives before a word found only through the Arabic skeleton make it a
// place: "strikes in Nuseirat".
var arabicLocatives = set(`in near at outside around into toward towards`)

// arabicWords open Arabic place names: Deir al-Balah, Beit Hanoun, Tal Rifaat,
// Ras al-Ain, Khan Younis, Abu Kamal, Kafr Nabl, Wadi Halfa, Jabal Akhdar.
var arabicWords = set(`deir dayr dair beit bayt bait tal tall tell ras khan abu umm bani beni bir kafr
wadi jabal jebel jabel sidi ain ein`)

// arabicKinds after a word found only through the Arabic skeleton make it a
// place: "Hodeidah province".
var arabicKinds = set(`province governorate district camp region`)

// nameParticles stand inside person names: Mike de Kock, Ursula von der Leyen.
var nameParticles = set(`de van von der den da di du la le bin ibn al el`)

// givenNames are common Ukrainian and Russian first names in their usual English
// spellings: the treebanks hold few of them, and many are also names of towns
// (Volodymyr, Bohdan, Ivanivka's Ivan).
var givenNames = `
volodymyr vladimir oleksandr aleksandr alexander oleksii oleksiy alexei alexey aleksei
dmytro dmitry dmitri andrii andriy andrei andrey serhii serhiy sergei sergey mykola
nikolai nikolay yurii yuriy yuri vitalii vitaliy vitaly bohdan bogdan ivan petro pyotr
pavlo pavel mykhailo mikhail mykhaylo ihor igor viktor victor oleh oleg vasyl vasily
valerii valeriy valery yevhen yevgeny evgeny anatolii anatoly roman ruslan denys denis
maksym maxim kyrylo kirill stepan taras yaroslav vadym vadim arsen artem artyom
natalia nataliya natalya olena yelena elena iryna irina tetiana tatiana tatyana olha
olga maria mariya anna oksana yulia yuliya julia svitlana svetlana liudmyla lyudmila
halyna galina larysa larisa kateryna ekaterina yekaterina daria darya viktoriia
viktoria sofia anastasia valentyna valentina nadiia nadezhda lesia`

func init() {
	for _, w := range strings.Fields(givenNames) {
		person[w] = true
	}
}
