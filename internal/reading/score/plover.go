package score

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

// PLOVERItem is one gold record of the PLOVER example file: a sentence and its
// event type.
type PLOVERItem struct {
	ID    string `json:"id"`
	Event string `json:"event"`
	Mode  string `json:"mode"`
	Text  string `json:"text"`
}

// oldTypes maps PLOVER 0.5 types to today's 16 (eval/README.md).
var oldTypes = map[string]string{
	"FIGHT":       "ASSAULT",
	"DEMAND":      "REQUEST",
	"DISAPPROVE":  "ACCUSE",
	"INVESTIGATE": "ACCUSE",
}

// CurrentType maps an old PLOVER type to today's.
func CurrentType(t string) string {
	if n, ok := oldTypes[t]; ok {
		return n
	}
	return t
}

// ReadPLOVER reads the gold records of a PLOVER JSON file, leaving out the
// documentation record and types mapped to today's.
func ReadPLOVER(path string) ([]PLOVERItem, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var all []PLOVERItem
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, fmt.Errorf("plover %s: %w", path, err)
	}
	out := all[:0]
	for _, it := range all {
		if it.Event == "DOCUMENT" || it.Text == "" {
			continue
		}
		it.Event = CurrentType(it.Event)
		out = append(out, it)
	}
	return out, nil
}

// TypeResult counts event-type predictions, one per gold sentence.
type TypeResult struct {
	N, Correct int
	// confusion[gold][pred]; pred "" when nothing was found.
	Confusion map[string]map[string]int
}

// Add records one sentence's gold and predicted type.
func (r *TypeResult) Add(gold, pred string) {
	if r.Confusion == nil {
		r.Confusion = map[string]map[string]int{}
	}
	if r.Confusion[gold] == nil {
		r.Confusion[gold] = map[string]int{}
	}
	r.Confusion[gold][pred]++
	r.N++
	if gold == pred {
		r.Correct++
	}
}

// Accuracy is the share of sentences whose type is right.
func (r TypeResult) Accuracy() float64 { return ratio(r.Correct, r.N) }

// PerType returns precision, recall and F1 of one type.
func (r TypeResult) PerType(t string) (p, rc, f float64) {
	tp, fp, fn := 0, 0, 0
	for g, row := range r.Confusion {
		for pr, n := range row {
			switch {
			case g == t && pr == t:
				tp += n
			case pr == t:
				fp += n
			case g == t:
				fn += n
			}
		}
	}
	p, rc = ratio(tp, tp+fp), ratio(tp, tp+fn)
	return p, rc, f1(p, rc)
}

// Types lists the gold types in order.
func (r TypeResult) Types() []string {
	var ts []string
	for t := range r.Confusion {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// MacroF1 averages F1 over the gold types.
func (r TypeResult) MacroF1() float64 {
	ts := r.Types()
	if len(ts) == 0 {
		return 0
	}
	s := 0.0
	for _, t := range ts {
		_, _, f := r.PerType(t)
		s += f
	}
	return s / float64(len(ts))
}
