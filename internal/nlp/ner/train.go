package ner

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/perceptron"
)

// Example is a sentence with its entity spans.
type Example struct {
	Words    []string
	POS      []string
	Entities []Span
}

// Options govern training.
type Options struct {
	Epochs int
	Seed   uint64
	Prune  float64
	// WordDropout is the probability of hiding a training word's identity (its
	// form and lexicon entries), so that the model learns from shape and context
	// too and not only from the names it has seen.
	WordDropout float64
	// Places are place names (of the world gazetteer) whose words the recogniser
	// marks as a feature.
	Places []string
	// Lexicon gives, for lowercased words, their classes in the word-class
	// lexicon (see train/lexgen); the recogniser keeps those that bear on names.
	Lexicon map[string]string
	// Clusters gives words their GloVe clusters (see train/clustergen).
	Clusters *lex.Clusters
	// Vectors, with Net.Hidden > 0, train a window network (net.go) beside the
	// perceptron.
	Vectors *lex.Vectors
	Net     NetOptions
	// Members is how many recognisers to train, from seeds Seed, Seed+1, …,
	// joined into one that labels with the mean of their scores; 0 or 1
	// trains one.
	Members int
	Dev     []Example
	Log     func(format string, args ...any)
}

// Train learns a recogniser.
func Train(train []Example, opt Options) *Recognizer {
	types := map[string]bool{}
	for _, ex := range train {
		for _, e := range ex.Entities {
			types[e.Type] = true
		}
	}
	r := &Recognizer{Labels: []string{"O"}}
	var ts []string
	for t := range types {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	for _, t := range ts {
		r.Labels = append(r.Labels, "B-"+t, "I-"+t, "L-"+t, "U-"+t)
	}
	r.prepare()
	index := map[string]int{}
	for i, l := range r.Labels {
		index[l] = i
	}
	r.buildGazetteer(train)
	r.buildPlaces(opt.Places)
	r.buildWordClasses(opt.Lexicon)
	r.clusters = opt.Clusters

	// Members are trained one after the other and joined: their perceptrons'
	// weights mixed (perceptron.Mix, the mean of their scores at the cost of
	// one model's lookups) and their networks side by side (joinNets).
	members := max(opt.Members, 1)
	trainers := make([]*perceptron.Trainer, members)
	nets := make([]*windowNet, 0, members)
	for m := range trainers {
		mo := opt
		mo.Seed += uint64(m)
		if m > 0 {
			mo.Log = nil
		}
		var n *windowNet
		trainers[m], n = r.trainMember(train, index, mo)
		if n != nil {
			nets = append(nets, n)
		}
	}
	if len(nets) > 0 {
		r.net, r.vectors = joinNets(nets), opt.Vectors
	}
	r.setModel(perceptron.Mix(trainers, opt.Prune))
	return r
}

// trainMember trains one member of the recogniser from opt.Seed: its window
// network and, on top of that network's scores, its perceptron.
func (r *Recognizer) trainMember(train []Example, index map[string]int, opt Options) (*perceptron.Trainer, *windowNet) {
	// The window network is trained first; the perceptron then learns with the
	// network's scores added to its own, as they will be when labelling, so that
	// it learns where the network errs. A training sentence's network scores
	// come from a network trained without its fold, so that they err as they
	// will on new text.
	var netScores [][]float32
	var net *windowNet
	if opt.Vectors != nil && opt.Net.Hidden > 0 {
		words, gold := make([][]string, len(train)), make([][]int, len(train))
		for k, ex := range train {
			words[k], gold[k] = ex.Words, goldLabels(ex, len(ex.Words), index)
		}
		netScores = make([][]float32, len(train))
		folds := max(opt.Net.Folds, 2)
		for f := range folds {
			lo, hi := f*len(train)/folds, (f+1)*len(train)/folds
			w := append(append([][]string{}, words[:lo]...), words[hi:]...)
			g := append(append([][]int{}, gold[:lo]...), gold[hi:]...)
			n := trainNet(opt.Vectors, w, g, len(r.Labels), opt.Net, opt.Seed+1+uint64(f))
			var s netScratch
			for k := lo; k < hi; k++ {
				netScores[k] = slices.Clone(n.scores(opt.Vectors, words[k], &s))
			}
		}
		net = trainNet(opt.Vectors, words, gold, len(r.Labels), opt.Net, opt.Seed)
	}

	tr := perceptron.NewTrainer(len(r.Labels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x4e52))
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	var ws []word
	var feats []uint64
	var d decoder
	var guess []int
	var trans []float32
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := train[k]
			gold := goldLabels(ex, len(ex.Words), index)
			ws = r.attrs(ex.Words, ex.POS, ws, nil)
			for i := range ws {
				if opt.WordDropout > 0 && rng.Float64() < opt.WordDropout {
					ws[i].norm, ws[i].gaz = hUnknown, hNone
				}
			}
			caps := allCaps(ex.Words)
			trans = r.transitions(tr, trans)
			d.extra = nil
			if netScores != nil {
				d.extra = netScores[k]
			}
			guess = r.decode(tr, trans, ws, caps, &d, guess)
			// Structured update: where the best sequence and the truth differ in a
			// label or its predecessor, reward the truth's features and penalise
			// the guess's.
			for i := range ws {
				gp, pp := len(r.Labels), len(r.Labels)
				if i > 0 {
					gp, pp = gold[i-1], guess[i-1]
				}
				if gold[i] != guess[i] {
					feats = features(ws, i, caps, feats[:0])
					tr.Update(feats, gold[i], guess[i])
				}
				if gold[i] != guess[i] || gp != pp {
					tr.Add([]uint64{r.transFeature(gp)}, gold[i], 1)
					tr.Add([]uint64{r.transFeature(pp)}, guess[i], -1)
				}
				tr.Tick()
			}
		}
		if opt.Log != nil && opt.Dev != nil {
			r.net, r.vectors = net, opt.Vectors
			r.setModel(tr.Average(opt.Prune))
			p, rc, f := r.Evaluate(opt.Dev)
			opt.Log("ner epoch %d: dev P %.2f R %.2f F1 %.2f", ep, 100*p, 100*rc, 100*f)
		}
	}
	return tr, net
}

// goldLabels gives each of n words its BILOU label index.
func goldLabels(ex Example, n int, index map[string]int) []int {
	gold := make([]int, n)
	for _, e := range ex.Entities {
		if e.End-e.Start == 1 {
			gold[e.Start] = index["U-"+e.Type]
			continue
		}
		gold[e.Start] = index["B-"+e.Type]
		for i := e.Start + 1; i < e.End-1; i++ {
			gold[i] = index["I-"+e.Type]
		}
		gold[e.End-1] = index["L-"+e.Type]
	}
	return gold
}

// nameClasses are the word-class lexicon's classes that bear on names: proper
// nouns (of people, places, groups), words written capitalised only, and words
// that are also common nouns or lowercase words.
const nameClasses = "GLNPlnu"

// buildWordClasses keeps, hashed, the classes of lx that bear on names.
func (r *Recognizer) buildWordClasses(lx map[string]string) {
	var wlex map[uint64]uint64
	for w, c := range lx {
		var keep []byte
		for i := range len(c) {
			if strings.IndexByte(nameClasses, c[i]) >= 0 {
				keep = append(keep, c[i])
			}
		}
		if len(keep) == 0 {
			continue
		}
		if wlex == nil {
			wlex = map[uint64]uint64{}
		}
		wlex[perceptron.String(lex.Norm(w))] = perceptron.String("lex:" + string(keep))
	}
	r.wlex = perceptron.NewClassMap(wlex)
}

// Evaluate returns precision, recall and F1 by exact span and type.
func (r *Recognizer) Evaluate(examples []Example) (p, rc, f1 float64) {
	correct, gold, sys := 0, 0, 0
	var labels []int
	for _, ex := range examples {
		labels = r.Label(ex.Words, ex.POS, labels, nil)
		got := r.Spans(labels)
		want := map[Span]bool{}
		for _, e := range ex.Entities {
			want[e] = true
		}
		gold += len(ex.Entities)
		sys += len(got)
		for _, e := range got {
			if want[e] {
				correct++
			}
		}
	}
	if sys > 0 {
		p = float64(correct) / float64(sys)
	}
	if gold > 0 {
		rc = float64(correct) / float64(gold)
	}
	if gold+sys > 0 {
		f1 = 2 * float64(correct) / float64(gold+sys)
	}
	return p, rc, f1
}

// buildGazetteer records, for words seen at least minGazCount times, which name
// types they occur in and how often they are inside a name.
func (r *Recognizer) buildGazetteer(train []Example) {
	type count struct {
		n     int
		types map[string]int
	}
	counts := map[uint64]*count{}
	for _, ex := range train {
		inside := make([]string, len(ex.Words))
		for _, e := range ex.Entities {
			for i := e.Start; i < e.End; i++ {
				inside[i] = e.Type
			}
		}
		for i, w := range ex.Words {
			h := perceptron.String(lex.Norm(w))
			c := counts[h]
			if c == nil {
				c = &count{types: map[string]int{}}
				counts[h] = c
			}
			c.n++
			if inside[i] != "" {
				c.types[inside[i]]++
			}
		}
	}
	r.gaz = map[uint64]uint64{}
	for h, c := range counts {
		if c.n < minGazCount {
			continue
		}
		in := 0
		var ts []string
		for t, k := range c.types {
			in += k
			if k*5 >= c.n {
				ts = append(ts, t)
			}
		}
		slices.Sort(ts)
		profile := perceptron.String(fmt.Sprint(ts, in*4/c.n))
		r.gaz[h] = profile
	}
}

const minGazCount = 2

// buildPlaces files the place names, as sequences of lowercased words, for
// markPlaces. Names longer than maxPlaceLen words are left out.
func (r *Recognizer) buildPlaces(names []string) {
	set := map[uint64]bool{}
	r.placeLen = 0
	for _, name := range names {
		words := splitPlace(name)
		if len(words) == 0 || len(words) > maxPlaceLen {
			continue
		}
		h := uint64(0)
		for _, w := range words {
			h = seqHash(h, perceptron.String(lex.Lower(w)))
		}
		set[h] = true
		r.placeLen = max(r.placeLen, len(words))
	}
	r.places = slices.Sorted(maps.Keys(set))
}

// splitPlace splits a place name into words as the tokenizer would, commas and
// parentheses apart.
func splitPlace(name string) []string {
	var out []string
	for _, f := range strings.Fields(name) {
		for f != "" {
			k := strings.IndexAny(f, ",()")
			if k < 0 {
				out = append(out, f)
				break
			}
			if k > 0 {
				out = append(out, f[:k])
			}
			out = append(out, f[k:k+1])
			f = f[k+1:]
		}
	}
	return out
}

// magic opens a model file (NER6: with the word-class lexicon, the word
// clusters and the window network).
const magic = "NER6"

// MarshalBinary encodes the recogniser.
func (r *Recognizer) MarshalBinary() ([]byte, error) {
	b := []byte(magic)
	b = perceptron.AppendStrings(b, r.Labels)
	keys := slices.Sorted(maps.Keys(r.gaz))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
		b = binary.LittleEndian.AppendUint64(b, r.gaz[k])
	}
	b = binary.AppendUvarint(b, uint64(r.placeLen))
	b = binary.AppendUvarint(b, uint64(len(r.places)))
	for _, h := range r.places {
		b = binary.LittleEndian.AppendUint64(b, h)
	}
	b = perceptron.AppendClassMap(b, r.wlex)
	b = r.clusters.AppendBinary(b)
	b, err := r.model.AppendBinary(b)
	if err != nil {
		return nil, err
	}
	return appendNet(b, r.net), nil
}

// UnmarshalBinary decodes a recogniser written by MarshalBinary.
func (r *Recognizer) UnmarshalBinary(b []byte) error {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return errors.New("ner: not an entity model")
	}
	rd := perceptron.NewReader(b[len(magic):])
	r.Labels = rd.Strings()
	n := rd.Uvarint()
	rest := rd.Rest()
	if rd.Err() != nil || n > uint64(len(rest))/16 || len(r.Labels) == 0 || r.Labels[0] != "O" {
		return errors.New("ner: bad model data")
	}
	r.gaz = make(map[uint64]uint64, n)
	for i := range n {
		k := binary.LittleEndian.Uint64(rest[16*i:])
		r.gaz[k] = binary.LittleEndian.Uint64(rest[16*i+8:])
	}
	rd = perceptron.NewReader(rest[16*n:])
	r.placeLen = int(rd.Uvarint())
	np := rd.Uvarint()
	rest = rd.Rest()
	if rd.Err() != nil || r.placeLen > maxPlaceLen || np > uint64(len(rest))/8 {
		return errors.New("ner: bad model data")
	}
	r.places = make([]uint64, np)
	for i := range r.places {
		r.places[i] = binary.LittleEndian.Uint64(rest[8*i:])
	}
	if !slices.IsSorted(r.places) {
		return errors.New("ner: bad model data")
	}
	var err error
	if r.wlex, rest, err = perceptron.ReadClassMap(rest[8*np:]); err != nil {
		return fmt.Errorf("ner: word-class lexicon: %w", err)
	}
	if r.clusters, rest, err = lex.ReadClusters(rest); err != nil {
		return fmt.Errorf("ner: word clusters: %w", err)
	}
	rd = perceptron.NewReader(rest)
	r.model = rd.Model()
	if err := rd.Err(); err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	if r.model.NClasses != len(r.Labels) {
		return errors.New("ner: model and label set disagree")
	}
	if r.net, err = readNet(rd.Rest(), len(r.Labels)); err != nil {
		return err
	}
	r.vectors = nil
	r.prepare()
	r.setModel(r.model)
	return nil
}
