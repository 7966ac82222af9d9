package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/picture"
)

// The situation picture: events, places, quotes, claims and control statements
// across every stored document, filtered by bounding box, time window, type,
// side, source and full-text query, one page at a time, as JSON or — for anything
// with a place — GeoJSON, and events also as ACLED-style CSV and PLOVER-style
// JSONL. Served when the store implements picture.Picture; otherwise these routes
// answer 404.

func (s *Server) pictureRoutes() {
	s.route("GET /api/events", s.pictureEvents)
	s.route("GET /api/places", s.picturePlaces)
	s.route("GET /api/quotes", s.pictureQuotes)
	s.route("GET /api/claims", s.pictureClaims)
	s.route("GET /api/sources", s.pictureSources)
	s.route("GET /api/control", s.pictureControl)
	s.route("GET /api/control/timeline", s.controlTimeline)
	s.fusionRoutes() // fusion.go
	s.mapRoutes()    // map.go
}

// formats each route serves; the first is the default.
var (
	eventFormats = []string{"json", "geojson", "csv", "jsonl"}
	placeFormats = []string{"json", "geojson"}
	textFormats  = []string{"json"}
)

func (s *Server) stamp() picture.Stamp {
	v := s.cfg.Version
	if v == "" {
		v = "unknown"
	}
	return picture.Stamp{Sitrep: v, Codebook: picture.CodebookVersion}
}

// pictureRequest is a parsed picture query.
type pictureRequest struct {
	pic    picture.Picture
	q      picture.Query
	format string
}

func (s *Server) parsePicture(r *http.Request, formats []string) (pictureRequest, error) {
	pic, ok := s.st.(picture.Picture)
	if !ok {
		// 404 rather than 501: to a client the resource is simply not here.
		return pictureRequest{}, errorf(http.StatusNotFound, "this store does not serve the situation picture (the SQLite and PostgreSQL stores do)")
	}
	v := r.URL.Query()
	req := pictureRequest{pic: pic, format: formats[0]}
	if f := v.Get("format"); f != "" {
		if !slices.Contains(formats, f) {
			return req, errorf(http.StatusBadRequest, "format "+strconv.Quote(f)+" is not one of "+strings.Join(formats, ", "))
		}
		req.format = f
	}
	q := &req.q
	if b := v.Get("bbox"); b != "" {
		bb, err := picture.ParseBBox(b)
		if err != nil {
			return req, errorf(http.StatusBadRequest, err.Error())
		}
		q.BBox = bb
	}
	for _, d := range []struct {
		name string
		to   *time.Time
	}{{"from", &q.From}, {"to", &q.To}} {
		if s := v.Get(d.name); s != "" {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return req, errorf(http.StatusBadRequest, d.name+" "+strconv.Quote(s)+" is not a date (YYYY-MM-DD)")
			}
			*d.to = t
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return req, errorf(http.StatusBadRequest, "to is before from")
	}
	if g := v.Get("geonameid"); g != "" {
		id, err := strconv.ParseInt(g, 10, 64)
		if err != nil || id <= 0 {
			return req, errorf(http.StatusBadRequest, "geonameid "+strconv.Quote(g)+" is not a GeoNames id")
		}
		q.GeonameID = id
	}
	q.Types = list(v, "type")
	q.Sides = list(v, "side")
	q.Source = v.Get("source")
	q.Text = v.Get("q")
	q.Cursor = v.Get("cursor")
	if u := v.Get("unique"); u != "" {
		b, err := strconv.ParseBool(u)
		if err != nil {
			return req, errorf(http.StatusBadRequest, "unique "+strconv.Quote(u)+" is not true or false")
		}
		q.Unique = b
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return req, errorf(http.StatusBadRequest, "limit "+strconv.Quote(l)+" is not a positive number")
		}
		q.Limit = n
	} else if req.format != "json" {
		q.Limit = picture.MaxLimit // exports come in big pages
	}
	return req, nil
}

// list reads a parameter given as a comma-separated list, repeated, or both.
func list(v url.Values, key string) []string {
	var out []string
	for _, s := range v[key] {
		for p := range strings.SplitSeq(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// pictureErr makes a store's rejection of a query a 400.
func pictureErr(err error) error {
	if errors.Is(err, picture.ErrBadQuery) {
		return errorf(http.StatusBadRequest, err.Error())
	}
	return err
}

// pictureJSON is a page as JSON, with the stamp.
type pictureJSON[T any] struct {
	picture.Page[T]
	Sitrep picture.Stamp `json:"sitrep"`
}

// writeExport answers a non-JSON format: the stamp in headers as well as in the
// body, and the next page as a Link header (RFC 8288).
func (s *Server) writeExport(w http.ResponseWriter, r *http.Request, contentType, filename, next string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if filename != "" {
		h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	s.stampHeaders(w)
	if next != "" {
		u := *r.URL
		v := u.Query()
		v.Set("cursor", next)
		u.RawQuery = v.Encode()
		h.Set("Link", "<"+u.RequestURI()+`>; rel="next"`)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

func (s *Server) stampHeaders(w http.ResponseWriter) {
	st := s.stamp()
	w.Header().Set("X-Sitrep-Version", st.Sitrep)
	w.Header().Set("X-Sitrep-Codebook", st.Codebook)
}

func (s *Server) writeGeoJSON(w http.ResponseWriter, r *http.Request, feats []picture.Feature, next string) error {
	fc := picture.FeatureCollection{Type: "FeatureCollection", Features: feats, Sitrep: s.stamp(), Next: next}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(fc); err != nil {
		return err
	}
	s.writeExport(w, r, "application/geo+json", "", next, b.Bytes())
	return nil
}

func writePage[T any](s *Server, w http.ResponseWriter, p picture.Page[T]) {
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, pictureJSON[T]{Page: p, Sitrep: s.stamp()})
}

func (s *Server) pictureEvents(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, eventFormats)
	if err != nil {
		return err
	}
	p, err := req.pic.Events(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	switch req.format {
	case "geojson":
		return s.writeGeoJSON(w, r, picture.EventFeatures(p.Items), p.Next)
	case "csv":
		var b bytes.Buffer
		if err := picture.WriteEventsCSV(&b, p.Items, s.stamp()); err != nil {
			return err
		}
		s.writeExport(w, r, "text/csv; charset=utf-8; header=present", "sitrep-events.csv", p.Next, b.Bytes())
	case "jsonl":
		var b bytes.Buffer
		if err := picture.WriteEventsJSONL(&b, p.Items, s.stamp()); err != nil {
			return err
		}
		s.writeExport(w, r, "application/x-ndjson", "sitrep-events.jsonl", p.Next, b.Bytes())
	default:
		writePage(s, w, p)
	}
	return nil
}

func (s *Server) picturePlaces(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, placeFormats)
	if err != nil {
		return err
	}
	p, err := req.pic.Places(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	if req.format == "geojson" {
		return s.writeGeoJSON(w, r, picture.PlaceFeatures(p.Items), p.Next)
	}
	writePage(s, w, p)
	return nil
}

func (s *Server) pictureControl(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, placeFormats)
	if err != nil {
		return err
	}
	p, err := req.pic.Control(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	if req.format == "geojson" {
		return s.writeGeoJSON(w, r, picture.ControlFeatures(p.Items), p.Next)
	}
	writePage(s, w, p)
	return nil
}

func (s *Server) pictureQuotes(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, textFormats)
	if err != nil {
		return err
	}
	p, err := req.pic.Quotes(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	writePage(s, w, p)
	return nil
}

func (s *Server) pictureClaims(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, textFormats)
	if err != nil {
		return err
	}
	p, err := req.pic.Claims(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	writePage(s, w, p)
	return nil
}

// sourcesJSON is the list of cited sources, with the stamp.
type sourcesJSON struct {
	Sources []picture.Source `json:"sources"`
	Sitrep  picture.Stamp    `json:"sitrep"`
}

// pictureSources lists who the claims cite, most cited first.
func (s *Server) pictureSources(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, textFormats)
	if err != nil {
		return err
	}
	src, ok := s.st.(picture.Sourcer)
	if !ok {
		return errorf(http.StatusNotFound, "this store does not list sources")
	}
	if req.q.Cursor != "" {
		return errorf(http.StatusBadRequest, "sources come in one page: cursor does not apply")
	}
	list, err := src.Sources(r.Context(), req.q)
	if err != nil {
		return pictureErr(err)
	}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, sourcesJSON{Sources: list, Sitrep: s.stamp()})
	return nil
}

// timelineJSON is a place's control timeline, with the interval that holds on the
// day asked for.
type timelineJSON struct {
	picture.Timeline
	AsOf   *picture.Interval `json:"as_of"`
	Sitrep picture.Stamp     `json:"sitrep"`
}

// maxTimelineStatements bounds the statements read for one place's timeline.
const maxTimelineStatements = 100000

func (s *Server) controlTimeline(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, textFormats)
	if err != nil {
		return err
	}
	if req.q.GeonameID == 0 {
		return errorf(http.StatusBadRequest, "geonameid is required: the timeline is of one place")
	}
	var asOf time.Time
	if a := r.URL.Query().Get("as_of"); a != "" {
		if asOf, err = time.Parse(time.DateOnly, a); err != nil {
			return errorf(http.StatusBadRequest, "as_of "+strconv.Quote(a)+" is not a date (YYYY-MM-DD)")
		}
	}
	// Every statement about the place (within the other filters) goes into the
	// timeline; from and to narrow what is weighed, not the answer's shape.
	q := req.q
	q.Limit, q.Cursor = picture.MaxLimit, ""
	var stmts []picture.Control
	for {
		p, err := req.pic.Control(r.Context(), q)
		if err != nil {
			return pictureErr(err)
		}
		stmts = append(stmts, p.Items...)
		if p.Next == "" || len(stmts) >= maxTimelineStatements {
			break
		}
		q.Cursor = p.Next
	}
	tl := picture.BuildTimeline(stmts)
	out := timelineJSON{Timeline: tl, Sitrep: s.stamp()}
	if !asOf.IsZero() {
		if iv, ok := tl.AsOf(asOf); ok {
			out.AsOf = &iv
		}
	}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, out)
	return nil
}
