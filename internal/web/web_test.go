package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w
}

// The page and its files are served with a strict policy: scripts and styles
// from this server only, images from this server (and the tile host, when one is
// set), connections to this server.
func TestServesPageWithStrictPolicy(t *testing.T) {
	h, err := New(Config{Version: "v-test"})
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "/")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("/: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	csp := w.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self';", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
		t.Errorf("CSP %q allows inline code or another host", csp)
	}
	if w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	body := w.Body.String()
	if !strings.Contains(body, `content="v-test"`) {
		t.Error("version not in the page")
	}
	for path, ctype := range map[string]string{
		"/static/js/app.js":                        "text/javascript",
		"/static/css/map.css":                      "text/css",
		"/static/geo/countries.geojson":            "application/geo+json",
		"/static/vendor/leaflet/leaflet.js":        "text/javascript",
		"/static/vendor/leaflet/leaflet.css":       "text/css",
		"/static/vendor/leaflet/LICENSE":           "text/plain",
		"/static/vendor/leaflet/images/layers.png": "image/png",
	} {
		w := get(t, h, path)
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), ctype) {
			t.Errorf("%s: %d %q, want 200 %s", path, w.Code, w.Header().Get("Content-Type"), ctype)
		}
		if w.Header().Get("Content-Security-Policy") != csp {
			t.Errorf("%s: CSP %q", path, w.Header().Get("Content-Security-Policy"))
		}
	}
	for _, path := range []string{"/static/", "/static/js/", "/static/nope.js", "/elsewhere", "/static/../web.go"} {
		if w := get(t, h, path); w.Code != 404 && w.Code != 301 {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
	// Every file the page names is embedded.
	for _, m := range regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`).FindAllStringSubmatch(body, -1) {
		if w := get(t, h, m[1]); w.Code != 200 {
			t.Errorf("the page names %s: %d", m[1], w.Code)
		}
	}
}

// The big files go compressed to a browser that takes gzip, and plain to one
// that does not, the same bytes either way.
func TestGzip(t *testing.T) {
	h, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	plain := get(t, h, "/static/geo/countries.geojson")
	req := httptest.NewRequest("GET", "/static/geo/countries.geojson", nil)
	req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("Content-Type") != "application/geo+json" {
		t.Fatalf("headers %v", w.Header())
	}
	if w.Body.Len()*2 > plain.Body.Len() {
		t.Errorf("gzipped %d bytes, plain %d", w.Body.Len(), plain.Body.Len())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(b, plain.Body.Bytes()) {
		t.Errorf("gzipped body differs from the plain one (%v)", err)
	}
	if plain.Header().Get("Content-Encoding") != "" || !strings.Contains(plain.Header().Get("Vary"), "Accept-Encoding") {
		t.Errorf("plain answer headers %v", plain.Header())
	}
	req.Header.Set("Accept-Encoding", "gzip;q=0")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Header().Get("Content-Encoding") != "" {
		t.Error("gzip sent though refused")
	}
}

// With --tiles, the tile host (and only it) joins img-src, and the page learns the
// template; anything but an http(s) template is refused.
func TestTiles(t *testing.T) {
	h, err := New(Config{Tiles: "https://{s}.tile.example.org/{z}/{x}/{y}.png", TilesAttribution: `© "Example" <contributors>`})
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "/")
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' https://*.tile.example.org;") {
		t.Errorf("CSP %q", csp)
	}
	body := w.Body.String()
	if !strings.Contains(body, `content="https://{s}.tile.example.org/{z}/{x}/{y}.png"`) {
		t.Errorf("tile template not in the page")
	}
	if strings.Contains(body, "<contributors>") || !strings.Contains(body, "&lt;contributors&gt;") {
		t.Errorf("attribution not escaped in the page")
	}
	for _, bad := range []string{"javascript:alert(1)//{z}", "ftp://x/{z}/{x}/{y}", "https:///{z}", "https://x/tile.png", "//x/{z}/{x}/{y}", "https://x;script-src *;/{z}/{x}/{y}", "https://x y/{z}"} {
		if _, err := New(Config{Tiles: bad}); err == nil {
			t.Errorf("tiles %q accepted", bad)
		}
	}
}

// No markup is built from strings in the page's own code: no innerHTML and the
// like, no inline script or style in the page. (Leaflet's own files are not
// ours; the page never hands it markup, only elements.)
func TestNoMarkupFromStrings(t *testing.T) {
	sinks := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\("on|bindPopup\(["'\x60]|bindTooltip\(["'\x60]`)
	err := fs.WalkDir(static, "static/js", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if sinks.MatchString(line) {
				t.Errorf("%s:%d builds markup from a string: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`).MatchString(indexHTML) || regexp.MustCompile(`\sstyle=|<style|\son[a-z]+=`).MatchString(indexHTML) {
		t.Error("index.html carries inline script, style or handlers")
	}
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(indexHTML, -1) {
		if !strings.Contains(m, `src="/static/`) {
			t.Errorf("script %s is not a file of ours", m)
		}
	}
}

// The basemap is there: countries with Ukraine (Crimea inside) and the 27
// admin-1 units of Ukraine, in RFC 7946 order (longitude first).
func TestBasemap(t *testing.T) {
	type fc struct {
		Features []struct {
			Properties map[string]string `json:"properties"`
			Geometry   struct {
				Type        string           `json:"type"`
				Coordinates [][][][2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	read := func(name string) fc {
		b, err := static.ReadFile("static/geo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var v fc
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	world := read("countries.geojson")
	var ukr bool
	for _, f := range world.Features {
		if f.Properties["a3"] != "UKR" {
			continue
		}
		ukr = true
		// Crimea: Simferopol (34.10 E, 44.95 N) lies inside Ukraine's outline.
		if !inside(f.Geometry.Coordinates, 34.10, 44.95) || !inside(f.Geometry.Coordinates, 36.23, 49.99) {
			t.Error("Simferopol or Kharkiv not inside Ukraine's outline")
		}
	}
	if !ukr || len(world.Features) < 200 {
		t.Errorf("%d countries, Ukraine %v", len(world.Features), ukr)
	}
	obl := read("oblasts.geojson")
	if len(obl.Features) != 27 {
		t.Errorf("%d admin-1 units, want 27", len(obl.Features))
	}
	found := false
	for _, f := range obl.Features {
		if f.Properties["gn_a1_code"] == "UA.07" {
			found = inside(f.Geometry.Coordinates, 37.26, 49.21) // Izium, Kharkiv oblast
		}
	}
	if !found {
		t.Error("Izium not inside Kharkiv oblast (UA.07)")
	}
}

// inside is the even-odd test over a multipolygon's rings.
func inside(mp [][][][2]float64, x, y float64) bool {
	in := false
	for _, poly := range mp {
		for _, ring := range poly {
			for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
				a, b := ring[i], ring[j]
				if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
					in = !in
				}
			}
		}
	}
	return in
}
