package api

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/sitrep/sitrep/internal/picture"
)

// Fused events: the event mentions a query selects, fused across documents (see
// picture.Fuse), with the reasons for every merge; and splitting mentions off,
// which later fusion honours.

func (s *Server) fusionRoutes() {
	s.route("GET /api/fused", s.fusedEvents)
	s.route("POST /api/fused/split", s.splitFused)
}

type fusedJSON struct {
	Items []picture.Fused `json:"items"`
	// Mentions is how many mentions were fused; Truncated says the query selected
	// more than one page of mentions and only the newest were fused.
	Mentions  int           `json:"mentions"`
	Truncated bool          `json:"truncated"`
	Rules     picture.Rules `json:"rules"`
	Sitrep    picture.Stamp `json:"sitrep"`
}

func (s *Server) fusedEvents(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parsePicture(r, textFormats)
	if err != nil {
		return err
	}
	q := req.q
	if q.Limit == 0 {
		q.Limit = picture.MaxLimit
	}
	p, err := req.pic.Events(r.Context(), q)
	if err != nil {
		return pictureErr(err)
	}
	apart := picture.Apart{}
	if sp, ok := s.st.(picture.Splitter); ok && len(p.Items) > 0 {
		ids := make([]int64, len(p.Items))
		for i, e := range p.Items {
			ids[i] = e.ID
		}
		if apart, err = sp.Apart(r.Context(), ids); err != nil {
			return err
		}
	}
	rules := picture.DefaultRules
	out := fusedJSON{Items: picture.Fuse(p.Items, apart, rules), Mentions: len(p.Items), Truncated: p.Next != "",
		Rules: rules, Sitrep: s.stamp()}
	s.stampHeaders(w)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// splitIn asks to split mentions off: every mention in Split is kept apart from
// every mention in From.
type splitIn struct {
	Split []int64 `json:"split"`
	From  []int64 `json:"from"`
}

func (s *Server) splitFused(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(w, r); err != nil {
		return err
	}
	sp, ok := s.st.(picture.Splitter)
	if !ok {
		return errorf(http.StatusNotFound, "this store does not record splits (the SQLite store does)")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		return err
	}
	var in splitIn
	if err := json.Unmarshal(body, &in); err != nil {
		return errorf(http.StatusBadRequest, "body must be {\"split\": [mention ids], \"from\": [mention ids]}")
	}
	split := map[int64]bool{}
	for _, id := range in.Split {
		split[id] = true
	}
	var pairs [][2]int64
	for _, a := range in.Split {
		for _, b := range in.From {
			if !split[b] {
				pairs = append(pairs, picture.Pair(a, b))
			}
		}
	}
	if len(pairs) == 0 {
		return errorf(http.StatusBadRequest, "nothing to split: give mention ids in split and other mention ids in from")
	}
	if len(pairs) > 100000 {
		return errorf(http.StatusBadRequest, "too many pairs to split at once")
	}
	if err := sp.KeepApart(r.Context(), pairs); err != nil {
		return pictureErr(err)
	}
	writeJSON(w, http.StatusOK, map[string]int{"pairs": len(pairs)})
	return nil
}
