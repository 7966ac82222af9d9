// Package web is the situation map: one page, its scripts and styles, Leaflet and
// an offline basemap (world countries and Ukraine's oblasts), embedded in the
// binary and served beside the API. The page asks the API for clustered events,
// control as of a day, a histogram of events and an event's evidence
// (internal/api/map.go); it builds no markup from data: article text reaches the
// page only through textContent and text nodes.
//
// Nothing here needs a build step. The vendored Leaflet files come from
// gen/vendor.sh, the basemap from `go run ./internal/web/gen/basemap`; both
// outputs are committed.
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

//go:embed static
var static embed.FS

//go:embed index.html
var indexHTML string

// Config configures the page.
type Config struct {
	// Tiles is an optional raster tile URL template for users who are online
	// ("https://tile.openstreetmap.org/{z}/{x}/{y}.png"). Empty keeps the map
	// offline: only the embedded basemap, and no request leaves for another host.
	Tiles string
	// TilesAttribution is shown on the map with the tiles (plain text).
	TilesAttribution string
	// Version is the software version shown on the page.
	Version string
}

// Handler serves the page at / and its files under /static/.
type Handler struct {
	index  []byte
	csp    string
	static http.Handler
	gz     map[string][]byte // gzipped copies of the larger text files, by path under static/
}

// New returns the page's handler, or an error when the tile URL is not an
// http(s) URL template.
func New(cfg Config) (*Handler, error) {
	h := &Handler{}
	imgSrc := "'self'"
	if cfg.Tiles != "" {
		u, err := url.Parse(strings.NewReplacer("{s}", "a", "{z}", "0", "{x}", "0", "{y}", "0", "{r}", "").Replace(cfg.Tiles))
		// The host goes into the CSP header: nothing that could end its directive.
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || !strings.Contains(cfg.Tiles, "{z}") ||
			strings.ContainsAny(cfg.Tiles, " ;,'\"\t\r\n") {
			return nil, fmt.Errorf("tiles %q: want an http(s) URL template with {z}, {x} and {y}", cfg.Tiles)
		}
		host := u.Scheme + "://" + u.Host
		if strings.Contains(cfg.Tiles, "{s}") {
			// Subdomains ({s}: a, b, c): allow the host's subdomains.
			rest := cfg.Tiles[len(u.Scheme)+len("://"):]
			if i := strings.IndexByte(rest, '/'); i >= 0 {
				rest = rest[:i]
			}
			host = u.Scheme + "://" + strings.Replace(rest, "{s}", "*", 1)
		}
		imgSrc += " " + host
	}
	h.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + imgSrc +
		"; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	t, err := template.New("index").Parse(indexHTML)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, cfg); err != nil {
		return nil, err
	}
	h.index = b.Bytes()
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	h.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	// The basemap and Leaflet are most of what a first visit loads: compressed
	// once here, they are a quarter of the size on the wire.
	h.gz = map[string][]byte{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".geojson", ".js", ".css":
		default:
			return nil
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil || len(b) < 4096 {
			return err
		}
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(b)
		if err := w.Close(); err != nil {
			return err
		}
		h.gz[p] = z.Bytes()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// ServeHTTP serves the page for / and the embedded files under /static/.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	switch {
	case r.URL.Path == "/":
		hd.Set("Content-Type", "text/html; charset=utf-8")
		hd.Set("Content-Length", strconv.Itoa(len(h.index)))
		hd.Set("Cache-Control", "no-cache")
		if r.Method != http.MethodHead {
			w.Write(h.index)
		}
	case strings.HasPrefix(r.URL.Path, "/static/"):
		// Directory listings are not for anyone.
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(r.URL.Path) {
		case ".geojson":
			hd.Set("Content-Type", "application/geo+json")
		case ".js":
			hd.Set("Content-Type", "text/javascript; charset=utf-8")
		}
		hd.Set("Cache-Control", "no-cache")
		if z, ok := h.gz[strings.TrimPrefix(r.URL.Path, "/static/")]; ok {
			hd.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r) {
				if hd.Get("Content-Type") == "" {
					hd.Set("Content-Type", mime.TypeByExtension(path.Ext(r.URL.Path)))
				}
				hd.Set("Content-Encoding", "gzip")
				hd.Set("Content-Length", strconv.Itoa(len(z)))
				if r.Method != http.MethodHead {
					w.Write(z)
				}
				return
			}
		}
		h.static.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

// acceptsGzip reads Accept-Encoding, refusing gzip only when given q=0.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
