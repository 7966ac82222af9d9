package parser

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Example is a sentence with its gold tree.
type Example struct {
	Words []string
	Tags  []string
	Heads []int // 1-based; 0 is the root
	Rels  []string
}

// Options govern training.
type Options struct {
	Epochs int
	Seed   uint64
	Prune  float64
	// Explore is the probability of following the model's own (possibly wrong)
	// transition after the first epoch, so that it learns from its mistakes.
	Explore float64
	// Lexicon gives, for lowercased words, their classes in the word-class
	// lexicon (see train/lexgen); it is kept in the model.
	Lexicon map[string]string
	// Clusters gives words their GloVe clusters (see train/clustergen).
	Clusters *lex.Clusters
	Dev      []Example
	Log      func(format string, args ...any)
	// Members is how many parsers to train, each from its own seed (Seed,
	// Seed+1, …), whose weights are then mixed into one model (perceptron.Mix).
	// 0 or 1 trains one. Members train two at a time.
	Members int
}

// gold is a training tree: heads (0-based, n for the root) and label indexes.
type gold struct{ heads, labels []int }

// Train learns a parser.
func Train(train []Example, opt Options) (*Parser, error) {
	seen := map[string]bool{"root": true}
	for _, ex := range train {
		for _, r := range ex.Rels {
			seen[r] = true
		}
	}
	p := &Parser{}
	for r := range seen {
		p.Labels = append(p.Labels, r)
	}
	slices.Sort(p.Labels)
	if len(p.Labels) > 64 || p.nClasses() > 256 {
		return nil, fmt.Errorf("parser: too many relations (%d)", len(p.Labels))
	}
	p.prepare()
	p.clusters = opt.Clusters
	if len(opt.Lexicon) > 0 {
		wlex := make(map[uint64]uint64, len(opt.Lexicon))
		for w, c := range opt.Lexicon {
			wlex[perceptron.String(lex.Norm(w))] = perceptron.String("lex:" + c)
		}
		p.wlex = perceptron.NewClassMap(wlex)
	}
	index := map[string]int{}
	for i, l := range p.Labels {
		index[l] = i
	}
	golds := make([]gold, len(train))
	for k, ex := range train {
		n := len(ex.Words)
		g := gold{heads: make([]int, n), labels: make([]int, n)}
		for i := range n {
			h := ex.Heads[i] - 1
			if h < 0 {
				h = n
			}
			g.heads[i] = h
			g.labels[i] = index[ex.Rels[i]]
		}
		projectivize(g.heads)
		golds[k] = g
	}

	trainers := perceptron.TrainMembers(opt.Members, func(m int) *perceptron.Trainer {
		o := opt
		o.Seed += uint64(m)
		if m > 0 {
			o.Log = nil // one member's epochs tell how training goes
		}
		return p.trainMember(train, golds, o)
	})
	p.model = perceptron.Mix(trainers, opt.Prune)
	return p, nil
}

// trainMember runs the training epochs of one parser from opt.Seed.
func (p *Parser) trainMember(train []Example, golds []gold, opt Options) *perceptron.Trainer {
	tr := perceptron.NewTrainer(p.nClasses())
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9a55))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var sc Scratch
	costs := make([]int, p.nClasses())
	scores := make([]float32, p.nClasses())
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex, g := train[k], golds[k]
			n := len(ex.Words)
			if n == 0 {
				continue
			}
			sc.ws = p.attrs(ex.Words, ex.Tags, sc.ws)
			s := &sc.st
			s.reset(n)
			for !s.done() {
				sc.feats = p.features(s, sc.ws, sc.feats[:0])
				clear(scores)
				tr.Score(sc.feats, scores)
				p.costs(s, g.heads, g.labels, costs)
				pred, best, minCost := -1, -1, 1<<30
				for c := range costs {
					if costs[c] < 0 {
						continue
					}
					if pred < 0 || scores[c] > scores[pred] {
						pred = c
					}
					if costs[c] < minCost || (costs[c] == minCost && scores[c] > scores[best]) {
						best, minCost = c, costs[c]
					}
				}
				if pred < 0 {
					break
				}
				if costs[pred] > minCost {
					tr.Update(sc.feats, best, pred)
				}
				tr.Tick()
				next := best
				if ep > 1 && rng.Float64() < opt.Explore {
					next = pred
				}
				p.apply(s, next)
			}
		}
		if opt.Log != nil && opt.Dev != nil {
			q := *p
			q.model = tr.Average(opt.Prune)
			uas, las := q.Evaluate(opt.Dev)
			opt.Log("parser epoch %d: dev UAS %.2f LAS %.2f", ep, 100*uas, 100*las)
		}
	}
	return tr
}

// costs computes, for each transition class, how many gold arcs it makes
// unreachable (the dynamic oracle of the arc-hybrid system), or -1 when the
// transition is not valid.
func (p *Parser) costs(s *state, gh, gl []int, costs []int) {
	L := len(p.Labels)
	n := s.n
	for c := range costs {
		costs[c] = -1
	}
	depth := len(s.stack)
	s0, s1 := -1, -1
	if depth > 0 {
		s0 = s.stack[depth-1]
	}
	if depth > 1 {
		s1 = s.stack[depth-2]
	}
	// gold dependents of s0 still in the buffer
	s0deps := 0
	if s0 >= 0 {
		for d := s.b; d < n; d++ {
			if gh[d] == s0 {
				s0deps++
			}
		}
	}
	if s.b < n {
		b := s.b
		c := 0
		for k, d := range s.stack {
			if gh[d] == b {
				c++
			}
			if gh[b] == d && k != depth-1 {
				c++
			}
		}
		if gh[b] == n && depth > 0 {
			c++
		}
		costs[shift] = c
	}
	if s0 >= 0 {
		// LEFT: s0 <- b
		c := s0deps
		h := gh[s0]
		if h != s.b && (h == s1 || (h > s.b && h < n) || (h == n && depth == 1 && s.b != n)) {
			c++
		}
		for l := range L {
			if p.valid(s, 1+l) {
				costs[1+l] = c
				if h == s.b && l != gl[s0] {
					costs[1+l]++
				}
			}
		}
	}
	if s1 >= 0 {
		// RIGHT: s1 -> s0
		c := s0deps
		h := gh[s0]
		if h != s1 && h >= s.b && h < n {
			c++
		}
		for l := range L {
			if p.valid(s, 1+L+l) {
				costs[1+L+l] = c
				if h == s1 && l != gl[s0] {
					costs[1+L+l]++
				}
			}
		}
	}
}

// projectivize lifts non-projective arcs (heads: 0-based, n for the root) until the
// tree is projective, shortest arcs first, so that the oracle can reach it.
func projectivize(heads []int) {
	n := len(heads)
	for iter := 0; iter < n; iter++ {
		bad, badLen := -1, n+1
		for d, h := range heads {
			if h == n || h < 0 || h > n {
				continue
			}
			if !projectiveArc(heads, h, d) && abs(h-d) < badLen {
				bad, badLen = d, abs(h-d)
			}
		}
		if bad < 0 {
			return
		}
		heads[bad] = heads[heads[bad]]
	}
}

// projectiveArc: every word between h and d descends from h.
func projectiveArc(heads []int, h, d int) bool {
	n := len(heads)
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		x := k
		for steps := 0; x != h && x != n && steps <= n; steps++ {
			if x < 0 || x > n {
				return false
			}
			x = heads[x]
		}
		if x != h {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Evaluate returns unlabelled and labelled attachment scores (universal relations).
func (p *Parser) Evaluate(examples []Example) (uas, las float64) {
	var heads, rels []int
	var sc Scratch
	total, u, l := 0, 0, 0
	for _, ex := range examples {
		n := len(ex.Words)
		heads, rels = append(heads[:0], make([]int, n)...), append(rels[:0], make([]int, n)...)
		p.Parse(ex.Words, ex.Tags, heads, rels, &sc)
		for i := range n {
			total++
			if heads[i] == ex.Heads[i] {
				u++
				if universal(p.Labels[rels[i]]) == universal(ex.Rels[i]) {
					l++
				}
			}
		}
	}
	return float64(u) / float64(max(total, 1)), float64(l) / float64(max(total, 1))
}

func universal(r string) string {
	for i := 0; i < len(r); i++ {
		if r[i] == ':' {
			return r[:i]
		}
	}
	return r
}

func (p *Parser) prepare() {
	p.Temperature = DefaultTemperature
	p.root = slices.Index(p.Labels, "root")
	p.acl = slices.Index(p.Labels, "acl")
	p.notFinite = make([]bool, len(p.Labels))
	for i, l := range p.Labels {
		base, _, _ := strings.Cut(l, ":")
		switch base {
		case "amod", "nmod", "obj", "iobj", "det", "case", "nummod", "cc", "mark", "expl", "clf":
			p.notFinite[i] = true
		}
	}
	p.clausal = 0
	for _, l := range []string{"mark", "nsubj", "nsubj:pass", "nsubj:outer", "csubj", "csubj:pass", "expl"} {
		if i := slices.Index(p.Labels, l); i >= 0 {
			p.clausal |= 1 << (uint(i) & 63)
		}
	}
}

// magic opens a model file (PAR3: with the word-class lexicon and the word
// clusters).
const magic = "PAR3"

// MarshalBinary encodes the parser.
func (p *Parser) MarshalBinary() ([]byte, error) {
	b := []byte(magic)
	b = perceptron.AppendStrings(b, p.Labels)
	b = perceptron.AppendClassMap(b, p.wlex)
	b = p.clusters.AppendBinary(b)
	return p.model.AppendBinary(b)
}

// UnmarshalBinary decodes a parser written by MarshalBinary.
func (p *Parser) UnmarshalBinary(b []byte) error {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return errors.New("parser: not a parser model")
	}
	r := perceptron.NewReader(b[len(magic):])
	p.Labels = r.Strings()
	if r.Err() != nil {
		return fmt.Errorf("parser: %w", r.Err())
	}
	wlex, rest, err := perceptron.ReadClassMap(r.Rest())
	if err != nil {
		return fmt.Errorf("parser: word-class lexicon: %w", err)
	}
	p.wlex = wlex
	if p.clusters, rest, err = lex.ReadClusters(rest); err != nil {
		return fmt.Errorf("parser: word clusters: %w", err)
	}
	r = perceptron.NewReader(rest)
	p.model = r.Model()
	if err := r.Err(); err != nil {
		return fmt.Errorf("parser: %w", err)
	}
	p.prepare()
	if p.root < 0 || p.model.NClasses != p.nClasses() {
		return errors.New("parser: model and relation set disagree")
	}
	return nil
}
