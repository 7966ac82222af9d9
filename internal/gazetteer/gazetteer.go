// Package gazetteer is sitrep's built-in world gazetteer: every GeoNames populated
// place of 500 people or more, every settlement of Ukraine (front-line villages
// included), countries, first-level divisions of the world, the raions of Ukraine,
// Ukrainian rivers and water bodies, continents and the regions reports name
// (Donbas, the Middle East).
// The index is built by ./gen from the sources in SOURCES.md and embedded in the
// binary; Default loads it once.
//
// Lookup finds a name under any of its spellings: alternate names, Cyrillic,
// Ukrainian and Russian romanisations (Kharkiv, Kharkov), with or without
// diacritics and apostrophes, and English possessives ("Russia's").
package gazetteer

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep/sitrep/internal/gazetteer/index"
	"github.com/sitrep/sitrep/internal/gazetteer/names"
)

//go:embed gazetteer.bin.zst
var embedded []byte

// Gazetteer answers name and code lookups.
type Gazetteer struct {
	x       *index.Index
	admin1  map[string]int // "UA.07" -> entry
	country map[string]int // "UA" -> entry

	// consonants files the places of Ukraine and Russia under the consonants of
	// their keys (names.Consonants), built on first use.
	consOnce   sync.Once
	consonants map[string][]int32
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		var x *index.Index
		x, defaultErr = index.Decode(embedded)
		if defaultErr == nil {
			defaultGaz = fromIndex(x)
		}
	})
	return defaultGaz, defaultErr
}

// Load reads a gazetteer index written by the generator.
func Load(r io.Reader) (*Gazetteer, error) {
	x, err := index.Read(r)
	if err != nil {
		return nil, err
	}
	return fromIndex(x), nil
}

func fromIndex(x *index.Index) *Gazetteer {
	g := &Gazetteer{x: x, admin1: map[string]int{}, country: map[string]int{}}
	// Countries and divisions come first in the file, but curated ones follow the
	// cities, so every entry's code is read once here.
	for i := 0; i < x.Len(); i++ {
		switch code := x.Code(i); code {
		case "ADM1":
			e := x.Entry(i)
			k := e.Country + "." + e.Admin1
			if _, dup := g.admin1[k]; !dup {
				g.admin1[k] = i
			}
		case "PCLI", "PCLD":
			e := x.Entry(i)
			g.country[e.Country] = i
		}
	}
	return g
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return g.x.Len() }

// Place is one gazetteer entry.
type Place struct {
	index.Entry
	Index int // position in the gazetteer, a stable handle within one build
}

// Place returns entry i.
func (g *Gazetteer) Place(i int) Place { return Place{Entry: g.x.Entry(i), Index: i} }

// Admin1 returns the first-level division with GeoNames code cc.a1 ("UA", "07").
func (g *Gazetteer) Admin1(cc, a1 string) (Place, bool) {
	i, ok := g.admin1[cc+"."+a1]
	if !ok {
		return Place{}, false
	}
	return g.Place(i), true
}

// Admin1Index returns the index of division cc.a1.
func (g *Gazetteer) Admin1Index(cc, a1 string) (int, bool) {
	i, ok := g.admin1[cc+"."+a1]
	return i, ok
}

// Country returns the country with ISO code cc.
func (g *Gazetteer) Country(cc string) (Place, bool) {
	i, ok := g.country[cc]
	if !ok {
		return Place{}, false
	}
	return g.Place(i), true
}

// Match says how a name met a place.
type Match uint8

// Kinds of match, best first.
const (
	Exact  Match = iota // the place's own name, folded
	Alias               // an alternate name or romanisation
	Loose               // only a transliteration skeleton matched
	Adj                 // a demonym or adjective: Russian, Ukrainians
	Abbrev              // an abbreviation: U.S., Calif.
)

func (m Match) String() string {
	return [...]string{"exact", "alias", "loose", "demonym", "abbreviation"}[m]
}

// Candidate is a place a name may refer to.
type Candidate struct {
	Place
	Key   string // the key that matched
	Match Match
}

// MatchOf classifies posting flags.
func MatchOf(flags uint32) Match {
	switch {
	case flags&index.Demonym != 0:
		return Adj
	case flags&index.Abbr != 0:
		return Abbrev
	case flags&index.Fuzzy != 0:
		return Loose
	case flags&index.Alt != 0:
		return Alias
	}
	return Exact
}

// Lookup returns every place name may refer to, under its key and its English base
// form ("Russia's" → Russia), or failing those under its transliteration skeleton
// (Sievierodonetsk for Syevyerodonetsk), best match first and then by population. Abbreviations count only when name is written in capitals
// or ends with a dot.
func (g *Gazetteer) Lookup(name string) []Candidate {
	forms := append([]string{name}, names.Inflections(name)...)
	seen := map[int]int{}
	var out []Candidate
	add := func(key string, ps []index.Posting, surface string, loose bool) {
		for _, p := range ps {
			m := MatchOf(p.Flags)
			if loose && m < Loose {
				m = Loose
			}
			if m == Abbrev && !AbbrevOK(surface) {
				continue
			}
			if j, ok := seen[p.Entry]; ok {
				if m < out[j].Match {
					out[j].Match, out[j].Key = m, key
				}
				continue
			}
			seen[p.Entry] = len(out)
			out = append(out, Candidate{Place: g.Place(p.Entry), Key: key, Match: m})
		}
	}
	for _, f := range forms {
		if k := names.Key(f); k != "" {
			add(k, g.x.Lookup(k), f, false)
		}
	}
	// A transliteration skeleton is tried only when no spelling matched: the
	// Slavic one, then the Arabic one.
	if len(out) == 0 {
		for _, f := range forms {
			k := names.Key(f)
			if sk := names.Skeleton(k); sk != k && k != "" {
				add(sk, g.x.Lookup(sk), f, true)
			}
		}
	}
	if len(out) == 0 {
		for _, f := range forms {
			if ak := names.ArabicSkeleton(names.Key(f)); ak != "" {
				add(ak, g.x.Lookup(ak), f, true)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Match != out[j].Match {
			return out[i].Match < out[j].Match
		}
		return out[i].Pop > out[j].Pop
	})
	return out
}

// SlavicConsonants returns the places of Ukraine and Russia whose name, or one of
// its spellings, has the consonants of key (names.Consonants): the bridge between
// a Russian spelling and the Ukrainian one the gazetteer holds, Работино and
// Роботине, Клещеевка and Кліщіївка. It is loose, for names the text makes
// places; the table is built on the first call (about 0.1 s).
func (g *Gazetteer) SlavicConsonants(key string) []int {
	c := names.Consonants(key)
	if c == "" {
		return nil
	}
	g.consOnce.Do(func() {
		g.consonants = map[string][]int32{}
		g.x.EachKey(func(k string, ps []index.Posting) {
			ck := names.Consonants(k)
			if ck == "" {
				return
			}
			for _, p := range ps {
				if cc := g.x.Entry(p.Entry).Country; (cc == "UA" || cc == "RU") && !slices.Contains(g.consonants[ck], int32(p.Entry)) {
					g.consonants[ck] = append(g.consonants[ck], int32(p.Entry))
				}
			}
		})
	})
	var out []int
	for _, e := range g.consonants[c] {
		out = append(out, int(e))
	}
	return out
}

// LookupKey returns the postings filed under a key made by names.Key.
func (g *Gazetteer) LookupKey(key string) []index.Posting { return g.x.Lookup(key) }

// HasPrefix reports whether a longer name starts with the words of key.
func (g *Gazetteer) HasPrefix(key string) bool { return g.x.HasPrefix(key) }

// AbbrevOK reports whether a surface form may be read as an abbreviation: all in
// capitals (US, UK, DPR, ДНР) or closed by a dot (Calif., Ky.).
func AbbrevOK(s string) bool {
	if strings.HasSuffix(s, ".") {
		return true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters > 0
}

// Kind names the sort of place in the record's words: country, region, oblast,
// district, city, town, village, river, sea, border, site, other.
func (p Place) Kind() string {
	switch p.Class {
	case 'A':
		switch {
		case strings.HasPrefix(p.Code, "PCL"):
			return "country"
		case p.Code == "ADM1" && p.Country == "UA":
			return "oblast"
		case p.Code == "ADM2":
			return "district"
		}
		return "region"
	case 'P':
		switch {
		case p.Code == "PPLC" || p.Code == "PPLA" || p.Pop >= 100000:
			return "city"
		case p.Pop >= 10000 || p.Code == "PPLA2":
			return "town"
		}
		return "village"
	case 'H':
		switch p.Code {
		case "STM", "STMI":
			return "river"
		case "SEA", "OCN", "GULF", "BAY", "LGN":
			return "sea"
		}
		return "water"
	case 'L':
		switch p.Code {
		case "CONT":
			return "continent"
		case "BDR":
			return "border"
		}
		return "region"
	case 'S':
		return "site" // a plant, dam, bridge or airfield
	}
	return "other"
}

// Precision is how exactly the coordinates place what the name covers: city,
// region, country, or feature (rivers, seas, borders).
func (p Place) Precision() string {
	switch p.Kind() {
	case "country":
		return "country"
	case "region", "oblast", "continent":
		return "region"
	case "district":
		return "district"
	case "city", "town", "village":
		return "city"
	}
	return "feature"
}

// String is a one-line description for people: "Izium (PPL, UA.07, pop 45884) 49.21,37.26".
func (p Place) String() string {
	where := p.Country
	if p.Admin1 != "" {
		where += "." + p.Admin1
	}
	id := "no GeoNames id"
	switch {
	case p.ID != 0:
		id = fmt.Sprintf("geonames %d", p.ID)
	case p.Ref != "":
		id = p.Ref
	}
	return fmt.Sprintf("%s (%s, %s, pop %d, %s) %.4f,%.4f", p.Name, p.Code, where, p.Pop, id, p.Lat, p.Lon)
}
