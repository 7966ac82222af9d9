package parser

import (
	"fmt"
	"math"
)

// SetShortcuts turns off (and on) ending a searched path where it rejoins the
// greedy one or can no longer win.
func SetShortcuts(on bool) { shortcuts = on }

// SearchScores parses following paths paths and returns the scores of every
// transition of every configuration scored, in order, with the groups' sums
// kept (on) or not.
func (p *Parser) SearchScores(words, tags []string, paths int, on bool) []float32 {
	defer func(was bool) { caching = was }(caching)
	caching = on
	var all []float32
	sc := &Scratch{trace: func(s []float32) { all = append(all, s...) }}
	n := len(words)
	p.ParseSearch(words, tags, make([]int, n), make([]int, n), paths, sc)
	return all
}

// CheckMarks parses greedily and checks at every step that markInvalid marks
// exactly the transitions that valid and allowed rule out.
func (p *Parser) CheckMarks(words, tags []string) (steps int, err error) {
	sc := &Scratch{cache: map[uint64]int32{}}
	sc.ws = p.attrs(words, tags, sc.ws)
	sc.scores = make([]float32, p.nClasses())
	s := &sc.st
	s.reset(len(words))
	for !s.done() {
		scores := make([]float32, p.nClasses())
		p.markInvalid(s, sc.ws, scores)
		for c, v := range scores {
			if want := p.valid(s, c) && p.allowed(s, sc.ws, c); want != (v != invalid) {
				return steps, fmt.Errorf("stack %v, buffer %d: transition %d allowed %v, marked %v", s.stack, s.b, c, want, v == invalid)
			}
		}
		steps++
		c := shift
		if len(s.stack) > 0 {
			c = p.best(sc)
		}
		p.apply(s, c)
	}
	return steps, nil
}

// same reports whether a and b hold the same scores, bit for bit.
func same(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// SameScores is same, for the tests.
func SameScores(a, b []float32) bool { return same(a, b) }
