package score

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// NewsDoc is one document of the war-reporting development set.
type NewsDoc struct {
	ID       string        `json:"id"`
	Date     *string       `json:"date"`
	Text     string        `json:"text"`
	Toponyms []NewsToponym `json:"toponyms"`
	Quotes   []NewsQuote   `json:"quotes"`
	Control  []NewsControl `json:"control"`
	Sources  []string      `json:"sources"`
}

// NewsToponym is a gold toponym.
type NewsToponym struct {
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	GeonameID *int64  `json:"geonameid"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Kind      string  `json:"kind"`
	Metonymic bool    `json:"metonymic"`
}

// NewsQuote is a gold quotation: its exact words, canonical speaker (or null) and
// the words naming the speaker.
type NewsQuote struct {
	Text           string  `json:"text"`
	Speaker        *string `json:"speaker"`
	SpeakerMention string  `json:"speaker_mention"`
}

// NewsControl is a gold control statement.
type NewsControl struct {
	Place     string  `json:"place"`
	GeonameID *int64  `json:"geonameid"`
	Actor     string  `json:"actor"` // RU | UA
	Action    string  `json:"action"`
	Status    string  `json:"status"`
	ClaimedBy *string `json:"claimed_by"`
}

// ReadNews reads every NNN.json of a news-dev directory, in name order.
func ReadNews(dir string) ([]NewsDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "[0-9]*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("news %s: no NNN.json files", dir)
	}
	sort.Strings(files)
	var docs []NewsDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var d NewsDoc
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("news %s: %w", f, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// PredToponym is a predicted place mention.
type PredToponym struct {
	Text       string
	Start, End int
	Lat, Lon   float64
	Metonymic  bool
}

// ToponymResult holds toponym figures by EUPEG's matching rule.
type ToponymResult struct {
	Gold, Pred, Matched, Within161 int
	// Metonymy on matched toponyms: readings that agree with the gold, gold
	// metonymic ones, those found, and metonymic readings the gold calls literal.
	MetAgree, MetGold, MetFound, MetWrong int
}

// F1At161 counts a prediction only if it matches a gold span and lies within 161 km.
func (r ToponymResult) F1At161() float64 {
	return f1(ratio(r.Within161, r.Pred), ratio(r.Within161, r.Gold))
}

// F1 of matched spans, whatever the coordinates.
func (r ToponymResult) F1() float64 { return f1(ratio(r.Matched, r.Pred), ratio(r.Matched, r.Gold)) }

// Add scores one document: a prediction matches a gold toponym when the surface
// forms are equal ignoring case and the span midpoints are less than 10 characters
// apart; each prediction matches at most once.
func (r *ToponymResult) Add(gold []NewsToponym, pred []PredToponym) {
	r.Gold += len(gold)
	r.Pred += len(pred)
	used := make([]bool, len(pred))
	for _, g := range gold {
		gm := float64(g.Start+g.End) / 2
		best, bestD := -1, 10.0
		for i, p := range pred {
			if used[i] || !strings.EqualFold(p.Text, g.Text) {
				continue
			}
			if dd := math.Abs(float64(p.Start+p.End)/2 - gm); dd < bestD {
				best, bestD = i, dd
			}
		}
		if best < 0 {
			continue
		}
		used[best] = true
		r.Matched++
		p := pred[best]
		if p.Metonymic == g.Metonymic {
			r.MetAgree++
		}
		if g.Metonymic {
			r.MetGold++
			if p.Metonymic {
				r.MetFound++
			}
		} else if p.Metonymic {
			r.MetWrong++
		}
		if Haversine(g.Lat, g.Lon, pred[best].Lat, pred[best].Lon) <= 161 {
			r.Within161++
		}
	}
}

// Haversine is the great-circle distance in km.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const R = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * R * math.Asin(math.Min(1, math.Sqrt(a)))
}

// PredQuote is a predicted quotation.
type PredQuote struct {
	Text    string
	Speaker string // "" for none or unnamed
	Mention string
}

// QuoteResult holds quotation and speaker figures.
type QuoteResult struct {
	Gold, Pred, Matched int
	SpeakerRight        int // canonical speaker equal (both null counts as equal)
	NamedGold           int // matched quotes whose gold speaker is named
	NamedRight          int
}

// F1 of quotation texts.
func (r QuoteResult) F1() float64 { return f1(ratio(r.Matched, r.Pred), ratio(r.Matched, r.Gold)) }

// SpeakerAcc is speaker accuracy over matched quotations.
func (r QuoteResult) SpeakerAcc() float64 { return ratio(r.SpeakerRight, r.Matched) }

// Add scores one document. Quotation texts match when, with white space and
// surrounding punctuation trimmed, one holds at least half of the other's words in
// order at its start or end — the rule tolerates a dropped comma or continuation
// mark but not a different quotation.
func (r *QuoteResult) Add(gold []NewsQuote, pred []PredQuote) {
	r.Gold += len(gold)
	r.Pred += len(pred)
	used := make([]bool, len(pred))
	for _, g := range gold {
		for i, p := range pred {
			if used[i] || !SameQuote(g.Text, p.Text) {
				continue
			}
			used[i] = true
			r.Matched++
			gs := ""
			if g.Speaker != nil {
				gs = *g.Speaker
				r.NamedGold++
			}
			if SameName(gs, p.Speaker) {
				r.SpeakerRight++
				if gs != "" {
					r.NamedRight++
				}
			}
			break
		}
	}
}

func normWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// SameQuote compares quotation texts by their words.
func SameQuote(a, b string) bool {
	wa, wb := normWords(a), normWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if strings.Join(wa, " ") == strings.Join(wb, " ") {
		return true
	}
	short, long := wa, wb
	if len(short) > len(long) {
		short, long = long, short
	}
	if 2*len(short) < len(long) {
		return false
	}
	js, jl := strings.Join(short, " "), strings.Join(long, " ")
	return strings.HasPrefix(jl, js) || strings.HasSuffix(jl, js)
}

// SameName compares canonical names: equal ignoring case and punctuation, or the
// same surname when one is a full name ("Zelensky", "Volodymyr Zelensky"). Two
// empty names (no speaker, or an unnamed one) are the same.
func SameName(a, b string) bool {
	wa, wb := normWords(a), normWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return len(wa) == len(wb)
	}
	if strings.Join(wa, " ") == strings.Join(wb, " ") {
		return true
	}
	return wa[len(wa)-1] == wb[len(wb)-1]
}

// PredControl is a predicted control statement.
type PredControl struct {
	Place     string
	GeonameID int64
	Side      string // ISO alpha-3
	Action    string
	Status    string
}

// ControlResult holds control-statement figures.
type ControlResult struct {
	Gold, Pred, Matched, StatusRight int
}

// F1 of control statements matched by side, action and place.
func (r ControlResult) F1() float64 { return f1(ratio(r.Matched, r.Pred), ratio(r.Matched, r.Gold)) }

// P and R of control statements.
func (r ControlResult) P() float64 { return ratio(r.Matched, r.Pred) }
func (r ControlResult) R() float64 { return ratio(r.Matched, r.Gold) }

var sideCodes = map[string]string{"RU": "RUS", "UA": "UKR"}

// Add scores one document: a prediction matches a gold statement with the same
// side and action whose place has the same GeoNames id or, when either has none,
// the same name.
func (r *ControlResult) Add(gold []NewsControl, pred []PredControl) {
	r.Gold += len(gold)
	r.Pred += len(pred)
	used := make([]bool, len(pred))
	for _, g := range gold {
		for i, p := range pred {
			if used[i] || sideCodes[g.Actor] != p.Side || g.Action != p.Action {
				continue
			}
			samePlace := false
			if g.GeonameID != nil && *g.GeonameID != 0 && p.GeonameID != 0 {
				samePlace = *g.GeonameID == p.GeonameID
			} else {
				samePlace = SameName(placeWord(g.Place), placeWord(p.Place))
			}
			if !samePlace {
				continue
			}
			used[i] = true
			r.Matched++
			if g.Status == p.Status {
				r.StatusRight++
			}
			break
		}
	}
}

// placeWord drops descriptors from a place name: "Kherson region" → "Kherson".
func placeWord(s string) string {
	ws := strings.Fields(s)
	if len(ws) > 1 {
		switch strings.ToLower(ws[len(ws)-1]) {
		case "region", "oblast", "city", "province", "district", "river":
			ws = ws[:len(ws)-1]
		}
	}
	return strings.Join(ws, " ")
}
