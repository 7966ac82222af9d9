package gazetteer

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/sitrep/sitrep/internal/gazetteer/index"
)

func load(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// has reports whether a lookup of name finds the place with GeoNames id id, and
// with which match.
func has(g *Gazetteer, name string, id int64) (Match, bool) {
	for _, c := range g.Lookup(name) {
		if c.ID == id {
			return c.Match, true
		}
	}
	return 0, false
}

func TestLookupSpellings(t *testing.T) {
	g := load(t)
	tests := []struct {
		name string
		id   int64
	}{
		{"Izium", 707292},
		{"Izyum", 707292},
		{"Ізюм", 707292},
		{"Изюм", 707292},
		{"Kupiansk", 703656},
		{"Kup'iansk", 703656},
		{"Kup’yansk", 703656},
		{"Kupyansk", 703656},
		{"Vovchansk", 689304},
		{"Volchansk", 689304},
		{"Kharkiv", 706483},
		{"Kharkov", 706483},
		{"Харків", 706483},
		{"Харьков", 706483},
		{"Kharkiv", 706482}, // and its oblast
		{"Mykolaiv", 700569},
		{"Nikolaev", 700569},
		{"Sievierodonetsk", 691999},
		{"Severodonetsk", 691999},
		{"Syevyerodonetsk", 691999},
		{"Artemivsk", 713174}, // Bakhmut's former name
		{"Zaporizhzhia", 687700},
		{"Zaporozhye", 687700},
		{"Kyiv", 703448},
		{"Kiev", 703448},
		{"Odessa", 698740},
		{"Russia's", 2017370},
		{"Ukraine’s", 690791},
		{"U.S.", 6252001},
		{"Ky.", 6254925}, // Kentucky
		{"Donetsk People's Republic", 0},
	}
	for _, tt := range tests {
		if tt.id == 0 {
			if len(g.Lookup(tt.name)) == 0 {
				t.Errorf("Lookup(%q) found nothing", tt.name)
			}
			continue
		}
		if _, ok := has(g, tt.name, tt.id); !ok {
			t.Errorf("Lookup(%q) lacks %d; got %v", tt.name, tt.id, g.Lookup(tt.name))
		}
	}
}

// Places GeoNames lacks come from the Ukrainian settlement register; rivers and
// regions from Natural Earth, the state register and the curated table.
func TestLookupOtherSources(t *testing.T) {
	g := load(t)
	tests := []struct {
		name, kind, country string
	}{
		{"Robotyne", "village", "UA"},
		{"Klishchiivka", "village", "UA"},
		{"Staromaiorske", "village", "UA"},
		{"Siverskyi Donets", "river", ""},
		{"Oskil", "river", ""},
		{"Donbas", "region", "UA"},
		{"Southern Ukraine", "region", "UA"},
		{"Russo-Ukrainian border", "border", "UA"},
		{"Black Sea", "sea", ""},
		{"Europe", "continent", ""},
		{"Texas", "region", "US"},
		{"Crimea", "oblast", "UA"},
	}
	for _, tt := range tests {
		found := false
		for _, c := range g.Lookup(tt.name) {
			if c.Kind() == tt.kind && (tt.country == "" || c.Country == tt.country) {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q) has no %s in %q: %v", tt.name, tt.kind, tt.country, g.Lookup(tt.name))
		}
	}
}

// Rivers of Ukraine bear the state register's romanised names and its register
// numbers; the Natural Earth stretch "Seversky Donets" and its "Donets" are one
// river. A river that flows mostly elsewhere keeps its English name.
func TestRivers(t *testing.T) {
	g := load(t)
	tests := []struct{ name, want, ref string }{
		{"Siverskyi Donets", "Siverskyi Donets", "srgn:F-551"},
		{"Seversky Donets", "Siverskyi Donets", "srgn:F-551"},
		{"Сіверський Донець", "Siverskyi Donets", "srgn:F-551"},
		{"Northern Donets", "Siverskyi Donets", "srgn:F-551"},
		{"Oskol", "Oskil", "srgn:F-322"},
		{"Southern Bug", "Pivdennyi Buh", "srgn:F-2623"},
		{"Danube", "Danube", "srgn:F-2748"},
		{"Vistula", "Vistula", "ne-river:166"},
	}
	for _, tt := range tests {
		var rivers []Candidate
		for _, c := range g.Lookup(tt.name) {
			if c.Kind() == "river" {
				rivers = append(rivers, c)
			}
		}
		if len(rivers) == 0 || rivers[0].Name != tt.want || rivers[0].Ref != tt.ref {
			t.Errorf("Lookup(%q): rivers %v, want %s (%s) first", tt.name, rivers, tt.want, tt.ref)
			continue
		}
		if tt.want == "Siverskyi Donets" && len(rivers) != 1 {
			t.Errorf("Lookup(%q): %d rivers, want one: %v", tt.name, len(rivers), rivers)
		}
	}
	// A river of Ukraine is placed on its Ukrainian course: the Dnipro's
	// longest drawn line starts in Russia, its point lies south of Kyiv.
	for _, name := range []string{"Dnipro", "Siverskyi Donets", "Oskil"} {
		for _, c := range g.Lookup(name) {
			if c.Kind() == "river" && (c.Lat < 44.3 || c.Lat > 50.5 || c.Lon < 22 || c.Lon > 40.3) {
				t.Errorf("%s placed at %.3f,%.3f, outside Ukraine", name, c.Lat, c.Lon)
			}
		}
	}
}

// Raions are filed under their Ukrainian, official Latin and English names, in
// their oblast.
func TestRaions(t *testing.T) {
	g := load(t)
	for _, name := range []string{"Izium Raion", "Ізюмський район", "Iziumskyi raion", "Izium district", "Izyum district", "Izyumsky rayon"} {
		found := false
		for _, c := range g.Lookup(name) {
			if c.Code == "ADM2" && c.Name == "Izium Raion" && c.Admin1 == "07" && c.Kind() == "district" && c.Precision() == "district" {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q) lacks Izium Raion: %v", name, g.Lookup(name))
		}
	}
	n := 0
	for i := 0; i < g.Len(); i++ {
		if p := g.Place(i); p.Code == "ADM2" && p.Country == "UA" {
			n++
			if p.Admin1 == "" {
				t.Errorf("%v has no oblast", p)
			}
		}
	}
	if n != 136 {
		t.Errorf("%d raions, want 136", n)
	}
	// A raion renamed since 2020 is found under both names (Красноградський,
	// now Берестинський).
	for _, name := range []string{"Красноградський район", "Берестинський район"} {
		if cs := g.Lookup(name); len(cs) == 0 || cs[0].Code != "ADM2" {
			t.Errorf("Lookup(%q) = %v", name, cs)
		}
	}
}

func TestAbbreviationsNeedCapitals(t *testing.T) {
	g := load(t)
	if _, ok := has(g, "us", 6252001); ok {
		t.Error(`"us" found the United States`)
	}
	if m, ok := has(g, "US", 6252001); !ok || m != Abbrev {
		t.Errorf(`"US": found %v as %v`, ok, m)
	}
}

func TestCodes(t *testing.T) {
	g := load(t)
	if p, ok := g.Admin1("UA", "07"); !ok || p.ID != 706482 {
		t.Errorf("Admin1(UA, 07) = %v, %v", p, ok)
	}
	if p, ok := g.Country("UA"); !ok || p.ID != 690791 || p.Kind() != "country" || p.Precision() != "country" {
		t.Errorf("Country(UA) = %v, %v", p, ok)
	}
	if _, ok := g.Country("XX"); ok {
		t.Error("Country(XX) found")
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		p          Place
		kind, prec string
	}{
		{Place{Entry: entry('P', "PPLA", "UA", 1433886)}, "city", "city"},
		{Place{Entry: entry('P', "PPL", "UA", 20000)}, "town", "city"},
		{Place{Entry: entry('P', "PPL", "UA", 0)}, "village", "city"},
		{Place{Entry: entry('A', "ADM1", "UA", 0)}, "oblast", "region"},
		{Place{Entry: entry('A', "ADM1", "US", 0)}, "region", "region"},
		{Place{Entry: entry('A', "PCLI", "UA", 0)}, "country", "country"},
		{Place{Entry: entry('H', "STM", "", 0)}, "river", "feature"},
		{Place{Entry: entry('L', "BDR", "UA", 0)}, "border", "feature"},
	}
	for _, tt := range tests {
		if k, p := tt.p.Kind(), tt.p.Precision(); k != tt.kind || p != tt.prec {
			t.Errorf("%v: kind %q precision %q, want %q %q", tt.p, k, p, tt.kind, tt.prec)
		}
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	if _, err := Load(bytes.NewReader([]byte("not a gazetteer"))); err == nil {
		t.Error("no error")
	}
}

func ExampleGazetteer_Lookup() {
	g, err := Default()
	if err != nil {
		panic(err)
	}
	c := g.Lookup("Kup’yansk")[0]
	fmt.Println(c.Name, c.ID, c.Kind(), c.Match)
	// Output: Kupiansk 703656 town alias
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := load(b)
	names := []string{"Kharkiv", "Izyum", "Kup’yansk", "Paris", "Springfield", "Харків"}
	for b.Loop() {
		for _, n := range names {
			g.Lookup(n)
		}
	}
}

func entry(class byte, code, cc string, pop int64) (e index.Entry) {
	e.Class, e.Code, e.Country, e.Pop = class, code, cc, pop
	return e
}

func TestAbbrevOK(t *testing.T) {
	for s, want := range map[string]bool{"US": true, "DPR": true, "ДНР": true, "Calif.": true, "Us": false, "Днр": false, "us": false} {
		if got := AbbrevOK(s); got != want {
			t.Errorf("AbbrevOK(%q) = %v, want %v", s, got, want)
		}
	}
}
