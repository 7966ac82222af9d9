package main

import (
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/gazetteer/index"
	"github.com/sitrep/sitrep/internal/gazetteer/names"
)

// area is one polygon set (a raion) with its bounding box.
type area struct {
	polys                  [][][][2]float64
	minX, minY, maxX, maxY float64
}

func newArea(polys [][][][2]float64) *area {
	a := &area{polys: polys, minX: 1e9, minY: 1e9, maxX: -1e9, maxY: -1e9}
	for _, p := range polys {
		for _, ring := range p {
			for _, v := range ring {
				a.minX, a.maxX = min(a.minX, v[0]), max(a.maxX, v[0])
				a.minY, a.maxY = min(a.minY, v[1]), max(a.maxY, v[1])
			}
		}
	}
	return a
}

// contains reports whether the point lies inside the area (even-odd rule over
// every ring, so holes are outside).
func (a *area) contains(lat, lon float64) bool {
	if lon < a.minX || lon > a.maxX || lat < a.minY || lat > a.maxY {
		return false
	}
	in := false
	for _, p := range a.polys {
		for _, ring := range p {
			for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
				xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
				if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
					in = !in
				}
			}
		}
	}
	return in
}

// inUkraine reports whether a point lies in one of Ukraine's raions.
func (g *gen) inUkraine(lat, lon float64) bool {
	for _, a := range g.uaAreas {
		if a.contains(lat, lon) {
			return true
		}
	}
	return false
}

// shareInUkraine is the part of the drawn length of lines that lies in Ukraine.
func (g *gen) shareInUkraine(lines [][][2]float64) float64 {
	var in, all float64
	for _, l := range lines {
		for i := 1; i < len(l); i++ {
			d := km(l[i-1][1], l[i-1][0], l[i][1], l[i][0])
			all += d
			if g.inUkraine((l[i-1][1]+l[i][1])/2, (l[i-1][0]+l[i][0])/2) {
				in += d
			}
		}
	}
	if all == 0 {
		return 0
	}
	return in / all
}

// settlement is one row of the Ukrainian settlement register.
type settlement struct {
	uk, latin, kind, oblast, raion string
	lat, lon                       float64
}

func readSettlements(path string) ([]settlement, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r := csv.NewReader(zr)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"name_uk", "name_latin", "kind", "oblast", "raion", "lat", "lon"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %s", path, h)
		}
	}
	var out []settlement
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		get := func(h string) string { return strings.TrimSpace(rec[col[h]]) }
		lat, err1 := strconv.ParseFloat(get("lat"), 64)
		lon, err2 := strconv.ParseFloat(get("lon"), 64)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, settlement{uk: get("name_uk"), latin: get("name_latin"), kind: get("kind"),
			oblast: get("oblast"), raion: get("raion"), lat: lat, lon: lon})
	}
	return out, nil
}

// raions adds Ukraine's raions (the 136 districts of the 2020 reform) from their
// boundaries, each at the centroid of its area. The boundary file names them in
// Ukrainian only; the settlement register tells, for the settlements inside each
// boundary, the raion's current name, its oblast and its centre, after which the
// raion is called in English: Ізюмський район is Izium Raion, filed also as
// "Iziumskyi raion", "Izium district", "Izyum district", "Kupiansk raion".
func (g *gen) raions(path, settlementsPath string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Rayon string `json:"rayon"`
			} `json:"properties"`
			Geometry geometry `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	type raion struct {
		name     string // in the boundary file
		area     *area
		lat, lon float64
		tally    map[[2]string]int // (oblast, raion) of the settlements inside
	}
	var rs []*raion
	for _, ft := range fc.Features {
		polys, isArea, err := ft.Geometry.polygons()
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, ft.Properties.Rayon, err)
		}
		if !isArea {
			continue
		}
		lat, lon, ok := centroid(ft.Geometry)
		name := strings.TrimSpace(ft.Properties.Rayon)
		if !ok || name == "" {
			continue
		}
		rs = append(rs, &raion{name: name, area: newArea(polys), lat: lat, lon: lon, tally: map[[2]string]int{}})
	}
	ss, err := readSettlements(settlementsPath)
	if err != nil {
		return err
	}
	for _, s := range ss {
		for _, r := range rs {
			if r.area.contains(s.lat, s.lon) {
				r.tally[[2]string{s.oblast, s.raion}]++
				break
			}
		}
	}
	// Centre keys: every spelling filed for a populated place, gathered once.
	keysOf := map[int][]string{}
	for k, js := range g.byKey {
		for _, j := range js {
			if e := g.b.Entries[j]; e.Country == "UA" && e.Class == 'P' {
				keysOf[j] = append(keysOf[j], k)
			}
		}
	}
	added := 0
	for _, r := range rs {
		g.uaAreas = append(g.uaAreas, r.area)
		// The raion's oblast and current name: those of most settlements inside.
		var best [2]string
		bn := 0
		for k, n := range r.tally {
			if n > bn || n == bn && (k[0] < best[0] || k[0] == best[0] && k[1] < best[1]) {
				best, bn = k, n
			}
		}
		a1, ok := oblasts[best[0]]
		if !ok {
			log.Printf("raion %s: no oblast (%q)", r.name, best[0])
			continue
		}
		current := best[1]
		if current == "" {
			current = r.name
		}
		// The centre: the town of the raion whose name the raion's adjective
		// begins with (Ізюм → Ізюмський, Кременчук → Кременчуцький).
		adj := strings.ToLower(strings.Fields(current)[0])
		stem := adj
		for _, suf := range []string{"ський", "ий"} {
			if strings.HasSuffix(adj, suf) {
				stem = strings.TrimSuffix(adj, suf)
				break
			}
		}
		var centre *settlement
		cl := 0
		for k := range ss {
			s := &ss[k]
			if s.raion != current || s.oblast != best[0] || s.kind != "місто" && s.kind != "селище" {
				continue
			}
			l := min(commonPrefix(adj, strings.ToLower(s.uk)), len([]rune(stem)))
			if l < 3 {
				continue
			}
			// A city outranks a smaller settlement of a closer name
			// (Олександрія, not Олександрійське, for Олександрійський).
			if s.kind == "місто" {
				l += 3
			}
			if l > cl || l == cl && centre != nil && s.uk < centre.uk {
				centre, cl = s, l
			}
		}
		// A raion named after no town (Дністровський, after the river) is
		// called by its romanised adjective.
		adjLatin := []rune(strings.Fields(names.Romanize(current, names.National))[0])
		adjLatin[0] = unicode.ToUpper(adjLatin[0])
		display := string(adjLatin) + " Raion"
		if centre != nil {
			display = centre.latin + " Raion"
		}
		i := g.b.Add(index.Entry{Name: display, Lat: r.lat, Lon: r.lon, Class: 'A', Code: "ADM2", Country: "UA", Admin1: a1, Source: index.SrcUAAdmin})
		added++
		g.name(i, display, 0)
		var forms []string
		for _, uk := range []string{current, r.name} {
			g.name(i, uk, index.Alt)
			// The adjective in every romanisation, with each word for a district.
			for _, v := range names.Variants(uk) {
				if w := strings.Fields(v); len(w) > 1 {
					forms = append(forms, strings.Join(w[:len(w)-1], " "))
				}
			}
		}
		// The centre's spellings: Izium, Izyum, Изюм.
		if centre != nil {
			if j := g.nearestUA(centre); j >= 0 {
				ks := keysOf[j]
				sort.Strings(ks)
				forms = append(forms, ks...)
			}
			forms = append(forms, names.Key(centre.latin))
		}
		for _, f := range forms {
			for _, w := range []string{"raion", "rayon", "district"} {
				g.name(i, f+" "+w, index.Alt)
			}
		}
	}
	log.Printf("raions: %d", added)
	return nil
}

// nearestUA returns the populated place of Ukraine filed under s's official
// name nearest to it (within 10 km), or -1.
func (g *gen) nearestUA(s *settlement) int {
	best, bd := -1, 10.0
	for _, j := range g.byKey[names.Key(s.latin)] {
		e := g.b.Entries[j]
		if e.Country != "UA" || e.Class != 'P' {
			continue
		}
		if d := km(s.lat, s.lon, e.Lat, e.Lon); d < bd {
			best, bd = j, d
		}
	}
	return best
}

// commonPrefix is the number of leading letters a and b share.
func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

// ukrainianMidpoint is the middle of the longest stretch of lines drawn in
// Ukraine, measured along the line with the most length in Ukraine.
func (g *gen) ukrainianMidpoint(lines [][][2]float64) (lat, lon float64, ok bool) {
	best, bestLen := -1, 0.0
	inside := make([][]bool, len(lines))
	for li, l := range lines {
		inside[li] = make([]bool, len(l))
		n := 0.0
		for i := 1; i < len(l); i++ {
			if g.inUkraine((l[i-1][1]+l[i][1])/2, (l[i-1][0]+l[i][0])/2) {
				inside[li][i] = true
				n += km(l[i-1][1], l[i-1][0], l[i][1], l[i][0])
			}
		}
		if n > bestLen {
			best, bestLen = li, n
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	l, s := lines[best], 0.0
	for i := 1; i < len(l); i++ {
		if !inside[best][i] {
			continue
		}
		s += km(l[i-1][1], l[i-1][0], l[i][1], l[i][0])
		if s >= bestLen/2 {
			return l[i][1], l[i][0], true
		}
	}
	return 0, 0, false
}
