// Package lexicon holds the language data that the reading stage works from:
// attribution cues, source types and their Admiralty grades, the actor dictionary
// (people, institutions, forces and their sides), countries and their adjectives,
// titles, event triggers with PLOVER and ACLED types, territorial-control words and
// modality markers. The data are tab-separated files under data/, embedded in the
// binary, so that a lexicon grows without touching code.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/*.tsv
var files embed.FS

// Cue is a word that introduces what someone says, believes, shows or wants.
type Cue struct {
	Lemma string
	Class string // speech | report | claim | confirm | deny | belief | evidence | intent | question
	Frame string // all | quote | prep
}

// Grade is a default NATO Admiralty grade.
type Grade struct {
	Reliability byte // A–F
	Credibility byte // 1–6
}

// String is the two-character code, "B3".
func (g Grade) String() string {
	if g.Reliability == 0 {
		return ""
	}
	return string([]byte{g.Reliability, '0' + g.Credibility})
}

// Country is a state with its codes, names and adjectives.
type Country struct {
	ISO3, ISO2 string
	Names      []string
	Adjectives []string
}

// Actor is an entry of the actor dictionary.
type Actor struct {
	Aliases []string
	Name    string
	Kind    string // person | org | noun | self | enemy
	Side    string // ISO alpha-3, or "" when context decides
	Sector  string
	Title   string
	Org     string
}

// Trigger is a word that names an event.
type Trigger struct {
	Lemma    string
	POS      string // V | N | A | *
	Type     string // PLOVER type
	Mode     string
	ACLED    string // ACLED event type, "" if none
	ACLEDSub string
	Role     string // act | frame | intent | stop
}

// ControlWord is a word that says a side took, lost or moved on a place.
type ControlWord struct {
	Action string
	POS    string // V | N | *
	Place  string // obj | from | subj
}

// ObjectRule retypes an event by what it acts on: expelling diplomats is SANCTION,
// not COERCE.
type ObjectRule struct {
	Objects map[string]bool
	Type    string
	Mode    string
}

func (lx *Lexicon) addObject(f []string) error {
	if !PLOVERType(f[2]) {
		return fmt.Errorf("object rule %q: %q is not a PLOVER type", f[0], f[2])
	}
	r := ObjectRule{Objects: map[string]bool{}, Type: f[2], Mode: f[3]}
	for _, o := range split(f[1]) {
		r.Objects[Key(o)] = true
	}
	for _, w := range split(f[0]) {
		k := lx.key(w)
		lx.Objects[k] = append(lx.Objects[k], r)
	}
	return nil
}

// Instrument is a weapon named with an attacker: the mode and ACLED sub-event
// type it gives an attack.
type Instrument struct {
	Mode, ACLED, ACLEDSub string
}

// Modal is a word that changes an event's modality.
type Modal struct {
	Modality string // planned | hypothetical | negated
	Scope    string // before | governs
}

// Lexicon is the loaded language data. Keys of the maps are lowercase; phrases
// have their words joined by single spaces.
type Lexicon struct {
	Cues        map[string]Cue
	Nominal     map[string]string // attribution noun → cue class
	Surface     map[string]bool   // "surfaced", "emerged"
	Grades      map[string]Grade  // source type → default grade
	Opponent    map[string]string // side → the side it fights
	SourceWords map[string]string // word or phrase → source type
	Countries   []Country
	Actors      []Actor
	Aliases     map[string][]Actor // lowercase alias → actors
	Titles      map[string]string  // title word → person | org
	Triggers    map[string][]Trigger
	Control     map[string][]ControlWord
	Modality    map[string]Modal
	NonTriggers map[string]bool // phrases whose trigger words name no event
	Objects     map[string][]ObjectRule
	Aspectual   map[string]bool       // "continue to …": the infinitive is no intention
	Instruments map[string]Instrument // weapon word → the mode it gives an attack
	Labels      map[string]bool       // line labels that name no speaker: "Photo:", "UPDATE:"

	country map[string]int   // lowercase name or adjective → Countries index
	iso2    map[string]int   // alpha-2 → Countries index
	iso3    map[string]int   // alpha-3 → Countries index
	actor   map[string][]int // lowercase alias → Actors indices

	// MaxWords is the longest phrase, in words, of any table.
	MaxWords int
}

var (
	once    sync.Once
	def     *Lexicon
	loadErr error
)

// Default returns the embedded lexicon, loading it on first use.
func Default() (*Lexicon, error) {
	once.Do(func() { def, loadErr = Load() })
	return def, loadErr
}

// Load parses the embedded data files.
func Load() (*Lexicon, error) {
	lx := &Lexicon{
		Cues: map[string]Cue{}, Nominal: map[string]string{}, Surface: map[string]bool{},
		Grades: map[string]Grade{}, Opponent: map[string]string{}, SourceWords: map[string]string{},
		Titles: map[string]string{}, Triggers: map[string][]Trigger{}, Control: map[string][]ControlWord{},
		Modality: map[string]Modal{}, NonTriggers: map[string]bool{}, Objects: map[string][]ObjectRule{}, Aspectual: map[string]bool{}, Instruments: map[string]Instrument{}, Labels: map[string]bool{}, country: map[string]int{}, iso2: map[string]int{},
		iso3: map[string]int{}, actor: map[string][]int{}, Aliases: map[string][]Actor{},
	}
	steps := []struct {
		file string
		cols int
		add  func(f []string) error
	}{
		{"cues.tsv", 4, lx.addCue},
		{"nominal.tsv", 2, func(f []string) error { lx.Nominal[lx.key(f[0])] = f[1]; return nil }},
		{"surface.tsv", 1, func(f []string) error {
			for _, w := range split(f[0]) {
				lx.Surface[lx.key(w)] = true
			}
			return nil
		}},
		{"grades.tsv", 4, lx.addGrade},
		{"conflict.tsv", 2, func(f []string) error { lx.Opponent[f[0]] = f[1]; return nil }},
		{"sourcetypes.tsv", 2, func(f []string) error { lx.SourceWords[lx.key(f[0])] = f[1]; return nil }},
		{"countries.tsv", 4, lx.addCountry},
		{"actors.tsv", 7, lx.addActor},
		{"titles.tsv", 2, func(f []string) error { lx.Titles[lx.key(f[0])] = f[1]; return nil }},
		{"triggers.tsv", 8, lx.addTrigger},
		{"control.tsv", 4, lx.addControl},
		{"modality.tsv", 3, lx.addModal},
		{"nontriggers.tsv", 1, func(f []string) error { lx.NonTriggers[lx.key(f[0])] = true; return nil }},
		{"objects.tsv", 4, lx.addObject},
		{"labels.tsv", 1, func(f []string) error { lx.Labels[lx.key(f[0])] = true; return nil }},
		{"instruments.tsv", 4, func(f []string) error {
			for _, w := range split(f[0]) {
				lx.Instruments[lx.key(w)] = Instrument{Mode: f[1], ACLED: f[2], ACLEDSub: f[3]}
			}
			return nil
		}},
		{"aspectual.tsv", 1, func(f []string) error {
			for _, w := range split(f[0]) {
				lx.Aspectual[lx.key(w)] = true
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := readTable(s.file, s.cols, s.add); err != nil {
			return nil, err
		}
	}
	for t := range lx.SourceWords {
		if _, ok := lx.Grades[lx.SourceWords[t]]; !ok {
			return nil, fmt.Errorf("sourcetypes.tsv: type %q has no grade in grades.tsv", lx.SourceWords[t])
		}
	}
	return lx, nil
}

// readTable calls add with the cells of every data line of a file. Lines starting
// with # and blank lines are skipped; empty cells may be written "-".
func readTable(name string, cols int, add func([]string) error) error {
	f, err := files.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		for len(cells) < cols {
			cells = append(cells, "")
		}
		if len(cells) > cols {
			return fmt.Errorf("lexicon: %s:%d: %d columns, want %d", name, n, len(cells), cols)
		}
		for i, c := range cells {
			c = strings.TrimSpace(c)
			if c == "-" {
				c = ""
			}
			cells[i] = c
		}
		if cells[0] == "" {
			return fmt.Errorf("lexicon: %s:%d: empty first column", name, n)
		}
		if err := add(cells); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// key lowercases a phrase, joins its words with single spaces and notes its length.
func (lx *Lexicon) key(s string) string {
	k := Key(s)
	if n := strings.Count(k, " ") + 1; n > lx.MaxWords {
		lx.MaxWords = n
	}
	return k
}

// Key is the form under which a word or phrase is filed: lowercase, curly
// apostrophes straightened, words joined by single spaces.
func Key(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	return strings.Join(strings.Fields(s), " ")
}

// forms expands a |-separated list; "~" stands for the regular inflections of lemma.
func forms(lemma, list string) []string {
	var out []string
	for _, f := range split(list) {
		if f == "~" {
			out = append(out, Inflect(lemma)...)
			continue
		}
		out = append(out, f)
	}
	return out
}

// Inflect returns a regular English verb's forms: base, -s, -ed and -ing. Verbs that
// double a consonant or are irregular are written out in the data instead.
func Inflect(v string) []string {
	if strings.Contains(v, " ") {
		return []string{v}
	}
	n := len(v)
	last := v[n-1]
	consonantY := n > 1 && last == 'y' && !strings.ContainsRune("aeiou", rune(v[n-2]))
	var s, ed, ing string
	switch {
	case consonantY:
		s, ed, ing = v[:n-1]+"ies", v[:n-1]+"ied", v+"ing"
	case strings.HasSuffix(v, "ee"):
		s, ed, ing = v+"s", v+"d", v+"ing"
	case last == 'e':
		s, ed, ing = v+"s", v+"d", v[:n-1]+"ing"
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") ||
		strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh"):
		s, ed, ing = v+"es", v+"ed", v+"ing"
	default:
		s, ed, ing = v+"s", v+"ed", v+"ing"
	}
	return []string{v, s, ed, ing}
}

func (lx *Lexicon) addCue(f []string) error {
	switch f[2] {
	case "all", "quote", "prep":
	default:
		return fmt.Errorf("cue %q: unknown frame %q", f[0], f[2])
	}
	for _, w := range forms(f[0], f[3]) {
		lx.Cues[lx.key(w)] = Cue{Lemma: f[0], Class: f[1], Frame: f[2]}
	}
	return nil
}

func (lx *Lexicon) addGrade(f []string) error {
	r, c := f[1], f[2]
	if len(r) != 1 || r[0] < 'A' || r[0] > 'F' || len(c) != 1 || c[0] < '1' || c[0] > '6' {
		return fmt.Errorf("grade %s%s: want A–F and 1–6", r, c)
	}
	lx.Grades[f[0]] = Grade{Reliability: r[0], Credibility: c[0] - '0'}
	return nil
}

func (lx *Lexicon) addCountry(f []string) error {
	if len(f[0]) != 3 || len(f[1]) != 2 {
		return fmt.Errorf("country %q: want alpha-3 and alpha-2 codes", f[0])
	}
	i := len(lx.Countries)
	c := Country{ISO3: f[0], ISO2: f[1], Names: split(f[2]), Adjectives: split(f[3])}
	lx.Countries = append(lx.Countries, c)
	lx.iso2[c.ISO2] = i
	lx.iso3[c.ISO3] = i
	for _, n := range append(append([]string{}, c.Names...), c.Adjectives...) {
		k := lx.key(n)
		if _, dup := lx.country[k]; !dup {
			lx.country[k] = i
		}
	}
	return nil
}

func (lx *Lexicon) addActor(f []string) error {
	switch f[2] {
	case "person", "org", "noun", "self", "enemy":
	default:
		return fmt.Errorf("actor %q: unknown kind %q", f[1], f[2])
	}
	if f[3] != "" && len(f[3]) != 3 {
		return fmt.Errorf("actor %q: side %q is not an alpha-3 code", f[1], f[3])
	}
	a := Actor{Aliases: split(f[0]), Name: f[1], Kind: f[2], Side: f[3], Sector: f[4], Title: f[5], Org: f[6]}
	i := len(lx.Actors)
	lx.Actors = append(lx.Actors, a)
	for _, al := range a.Aliases {
		k := lx.key(al)
		lx.actor[k] = append(lx.actor[k], i)
		lx.Aliases[k] = append(lx.Aliases[k], a)
	}
	return nil
}

func (lx *Lexicon) addTrigger(f []string) error {
	switch f[7] {
	case "act", "frame", "intent", "stop":
	default:
		return fmt.Errorf("trigger %q: unknown role %q", f[0], f[7])
	}
	if !PLOVERType(f[3]) {
		return fmt.Errorf("trigger %q: %q is not a PLOVER type", f[0], f[3])
	}
	t := Trigger{Lemma: f[0], POS: f[2], Type: f[3], Mode: f[4], ACLED: f[5], ACLEDSub: f[6], Role: f[7]}
	for _, w := range forms(f[0], f[1]) {
		k := lx.key(w)
		lx.Triggers[k] = append(lx.Triggers[k], t)
	}
	return nil
}

func (lx *Lexicon) addControl(f []string) error {
	switch f[1] {
	case "captured", "retook", "entered", "withdrew", "advanced", "encircled", "denied":
	default:
		return fmt.Errorf("control %q: unknown action %q", f[0], f[1])
	}
	cw := ControlWord{Action: f[1], POS: f[2], Place: f[3]}
	for _, w := range split(f[0]) {
		k := lx.key(w)
		lx.Control[k] = append(lx.Control[k], cw)
	}
	return nil
}

func (lx *Lexicon) addModal(f []string) error {
	switch f[1] {
	case "planned", "hypothetical", "negated", "required":
	default:
		return fmt.Errorf("modality %q: unknown %q", f[0], f[1])
	}
	lx.Modality[lx.key(f[0])] = Modal{Modality: f[1], Scope: f[2]}
	return nil
}

// PLOVERType reports whether t is one of the 16 PLOVER event types.
func PLOVERType(t string) bool {
	switch t {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
		"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT":
		return true
	}
	return false
}

// CountryByName returns the country a name or adjective names ("Ukrainian", "U.K.").
func (lx *Lexicon) CountryByName(s string) (Country, bool) {
	i, ok := lx.country[Key(s)]
	if !ok {
		k := Key(s)
		// Possessives: "Russia's", "Ukraine's".
		if t := strings.TrimSuffix(strings.TrimSuffix(k, "'s"), "'"); t != k {
			i, ok = lx.country[t]
		}
	}
	if !ok {
		return Country{}, false
	}
	return lx.Countries[i], true
}

// ISO3 converts an alpha-2 code to alpha-3; "" if unknown.
func (lx *Lexicon) ISO3(iso2 string) string {
	if i, ok := lx.iso2[strings.ToUpper(iso2)]; ok {
		return lx.Countries[i].ISO3
	}
	return ""
}

// CountryByISO3 returns the country with an alpha-3 code.
func (lx *Lexicon) CountryByISO3(iso3 string) (Country, bool) {
	i, ok := lx.iso3[iso3]
	if !ok {
		return Country{}, false
	}
	return lx.Countries[i], true
}

// ActorsByAlias returns the actors filed under an alias, as written in text.
func (lx *Lexicon) ActorsByAlias(s string) []Actor {
	idx := lx.actor[Key(s)]
	out := make([]Actor, len(idx))
	for i, j := range idx {
		out[i] = lx.Actors[j]
	}
	return out
}

// Party reports whether side is a party to the conflict.
func (lx *Lexicon) Party(side string) bool {
	_, ok := lx.Opponent[side]
	return ok
}

// Grade returns the default grade of a source type, falling back to "other".
func (lx *Lexicon) Grade(sourceType string) Grade {
	if g, ok := lx.Grades[sourceType]; ok {
		return g
	}
	return lx.Grades["other"]
}

// Longest finds the longest phrase of m that starts at words[i], trying at most max
// words. words must be Keys. It returns the value and the number of words matched,
// or 0.
func Longest[V any](m map[string]V, words []string, i, max int) (V, int) {
	var zero V
	if i < 0 || i >= len(words) {
		return zero, 0
	}
	var b strings.Builder
	end := i + max
	if end > len(words) {
		end = len(words)
	}
	bestN := 0
	var best V
	for j := i; j < end; j++ {
		if j > i {
			b.WriteByte(' ')
		}
		b.WriteString(words[j])
		if v, ok := m[b.String()]; ok {
			best, bestN = v, j-i+1
		}
	}
	if bestN == 0 {
		return zero, 0
	}
	return best, bestN
}
