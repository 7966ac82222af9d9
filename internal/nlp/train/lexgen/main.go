// Command lexgen writes the word-class lexicon that the tagger reads for words it
// met rarely or never in the treebanks (internal/nlp/train/lexicon.txt.gz): for
// each lowercased word, the letters of the classes the word can have, from
// Princeton WordNet 3.0 and the SCOWL word list as Debian packages them
// (wordnet-base, wamerican-large):
//
//	n  a common noun of WordNet       N  a proper noun of WordNet (written capitalised)
//	v  a verb                         a  an adjective
//	r  an adverb                      p  a noun's plural (of n or N)
//	z  a verb's -s form               d  a verb's past or participle (-ed and irregular)
//	g  a verb's -ing form             c  an adjective's comparative or superlative
//	l  in the word list in lowercase  u  in the word list capitalised only
//	P, L, G  a proper noun of WordNet naming a person, a place, a group
//	0, 1, 2, 3  noun, verb, adjective or adverb: the lemma's part of speech whose
//	   senses WordNet's corpus tags most often
//
// Inflected forms come from WordNet's exception lists and its detachment rules
// ("morphy"), kept only when they lead to a lemma of that part of speech. The list
// is committed, so `sitrep train` rebuilds the same models without the packages:
//
//	apt-get install wordnet-base wamerican-large
//	go run ./internal/nlp/train/lexgen
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

const (
	wordnetDir    = "/usr/share/wordnet"
	wordList      = "/usr/share/dict/american-english-large"
	wordListNotes = "/usr/share/doc/wamerican-large/copyright"
)

var (
	words = flag.String("words", wordList, "the word list")
	out   = flag.String("out", "", "where to write the lexicon (default internal/nlp/train/lexicon.txt.gz, with its notices)")
)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
}

type lexicon map[string]map[byte]bool

func (l lexicon) add(w string, c byte) {
	if w == "" || !wordLike(w) {
		return
	}
	m := l[w]
	if m == nil {
		m = map[byte]bool{}
		l[w] = m
	}
	m[c] = true
}

// wordLike keeps single words of letters, with inner hyphens, apostrophes or dots.
func wordLike(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '-' || r == '\'' || r == '.':
		default:
			return false
		}
	}
	return letters > 0
}

func run() error {
	lemmas := map[byte]map[string]bool{} // WordNet part of speech → lowercased lemmas
	lx := lexicon{}
	for _, pos := range []struct {
		file  string
		class byte
	}{{"data.noun", 'n'}, {"data.verb", 'v'}, {"data.adj", 'a'}, {"data.adv", 'r'}} {
		set := map[string]bool{}
		lemmas[pos.class] = set
		err := eachLine(filepath.Join(wordnetDir, pos.file), func(line string) error {
			if strings.HasPrefix(line, "  ") {
				return nil // licence header
			}
			f := strings.Fields(line)
			if len(f) < 4 {
				return fmt.Errorf("%s: short line %q", pos.file, line)
			}
			n, err := strconv.ParseUint(f[3], 16, 32)
			if err != nil || len(f) < 4+2*int(n) {
				return fmt.Errorf("%s: bad word count in %q", pos.file, line)
			}
			for k := range int(n) {
				w := f[4+2*k]
				if i := strings.IndexByte(w, '('); i > 0 { // adjective markers: able(a)
					w = w[:i]
				}
				if strings.Contains(w, "_") {
					continue
				}
				low := strings.ToLower(w)
				set[low] = true
				c := pos.class
				if c == 'n' && w != low {
					c = 'N'
					switch f[1] { // lexicographer file
					case "18": // noun.person
						lx.add(low, 'P')
					case "15": // noun.location
						lx.add(low, 'L')
					case "14": // noun.group
						lx.add(low, 'G')
					}
				}
				lx.add(low, c)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}

	// The part of speech whose senses are most often tagged in WordNet's own
	// corpus (SemCor): '0' noun, '1' verb, '2' adjective, '3' adverb.
	tagged := map[string][4]int{}
	for k, file := range []string{"index.noun", "index.verb", "index.adj", "index.adv"} {
		err := eachLine(filepath.Join(wordnetDir, file), func(line string) error {
			if strings.HasPrefix(line, "  ") {
				return nil
			}
			f := strings.Fields(line)
			if len(f) < 4 || strings.Contains(f[0], "_") {
				return nil
			}
			p, err := strconv.Atoi(f[3])
			if err != nil || len(f) < 6+p {
				return fmt.Errorf("%s: bad line %q", file, line)
			}
			n, err := strconv.Atoi(f[5+p])
			if err != nil {
				return fmt.Errorf("%s: bad line %q", file, line)
			}
			c := tagged[f[0]]
			c[k] = n
			tagged[f[0]] = c
			return nil
		})
		if err != nil {
			return err
		}
	}
	for w, c := range tagged {
		best := 0
		for k := range c {
			if c[k] > c[best] {
				best = k
			}
		}
		if c[best] > 0 {
			lx.add(w, byte('0'+best))
		}
	}

	// Irregular forms.
	for _, e := range []struct {
		file  string
		pos   byte
		class byte
	}{{"noun.exc", 'n', 'p'}, {"verb.exc", 'v', 'd'}, {"adj.exc", 'a', 'c'}} {
		err := eachLine(filepath.Join(wordnetDir, e.file), func(line string) error {
			f := strings.Fields(line)
			if len(f) < 2 || strings.Contains(f[0], "_") {
				return nil
			}
			for _, base := range f[1:] {
				if lemmas[e.pos][base] {
					c := e.class
					if c == 'd' && strings.HasSuffix(f[0], "ing") {
						c = 'g'
					}
					lx.add(f[0], c)
					break
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}

	// Regular forms, from the word list's words and WordNet's lemmas: a form is an
	// inflection when a detachment rule leads from it to a lemma.
	forms := map[string]bool{}
	lower := map[string]bool{}
	capital := map[string]bool{}
	err := eachLine(*words, func(w string) error {
		w = strings.TrimSpace(w)
		if w == "" || strings.HasSuffix(w, "'s") {
			return nil
		}
		low := strings.ToLower(w)
		if w == low {
			lower[low] = true
		} else {
			capital[low] = true
		}
		forms[low] = true
		return nil
	})
	if err != nil {
		return err
	}
	for w := range lower {
		lx.add(w, 'l')
	}
	for w := range capital {
		if !lower[w] {
			lx.add(w, 'u')
		}
	}
	for w := range forms {
		for _, r := range rules {
			if !strings.HasSuffix(w, r.suffix) || len(w) <= len(r.suffix)+1 {
				continue
			}
			base := strings.TrimSuffix(w, r.suffix) + r.ending
			if lemmas[r.pos][base] {
				lx.add(w, r.class)
			}
		}
	}

	words := make([]string, 0, len(lx))
	for w := range lx {
		words = append(words, w)
	}
	slices.Sort(words)
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, w := range words {
		var cs []byte
		for c := range lx[w] {
			cs = append(cs, c)
		}
		slices.Sort(cs)
		fmt.Fprintf(z, "%s\t%s\n", w, cs)
	}
	if err := z.Close(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Printf("%d words written to %s\n", len(words), *out)
		return os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	root, err := treebank.ModuleRoot(".")
	if err != nil {
		return err
	}
	dst := filepath.Join(root, "internal", "nlp", "train", "lexicon.txt.gz")
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("%d words written to %s\n", len(words), dst)
	return writeNotices(filepath.Join(root, "internal", "nlp", "train", "lexicon-notices.txt"))
}

// writeNotices copies the sources' copyright and licence notices, which must go
// with every copy of what is derived from them.
func writeNotices(out string) error {
	var b strings.Builder
	b.WriteString("Notices of the sources of lexicon.txt.gz (written by internal/nlp/train/lexgen).\n\n")
	b.WriteString("== WordNet 3.0 (Debian package wordnet-base), from the head of its data files ==\n\n")
	err := eachLine(filepath.Join(wordnetDir, "data.noun"), func(line string) error {
		if !strings.HasPrefix(line, "  ") {
			return errStop
		}
		f := strings.SplitN(strings.TrimSpace(line), " ", 2) // "  12 text"
		if len(f) == 2 {
			b.WriteString(strings.TrimRight(f[1], " "))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil && err != errStop {
		return err
	}
	notes, err := os.ReadFile(wordListNotes)
	if err != nil {
		return err
	}
	b.WriteString("\n== SCOWL word list (Debian package wamerican-large), its copyright file ==\n\n")
	b.Write(notes)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

var errStop = fmt.Errorf("stop")

// rules are WordNet's detachment rules, each with the class it marks.
var rules = []struct {
	suffix, ending string
	pos, class     byte
}{
	{"s", "", 'n', 'p'}, {"ses", "s", 'n', 'p'}, {"xes", "x", 'n', 'p'}, {"zes", "z", 'n', 'p'},
	{"ches", "ch", 'n', 'p'}, {"shes", "sh", 'n', 'p'}, {"men", "man", 'n', 'p'}, {"ies", "y", 'n', 'p'},
	{"s", "", 'v', 'z'}, {"ies", "y", 'v', 'z'}, {"es", "e", 'v', 'z'}, {"es", "", 'v', 'z'},
	{"ed", "e", 'v', 'd'}, {"ed", "", 'v', 'd'}, {"ied", "y", 'v', 'd'},
	{"ing", "e", 'v', 'g'}, {"ing", "", 'v', 'g'},
	{"er", "", 'a', 'c'}, {"est", "", 'a', 'c'}, {"er", "e", 'a', 'c'}, {"est", "e", 'a', 'c'},
	{"ier", "y", 'a', 'c'}, {"iest", "y", 'a', 'c'},
}

func eachLine(path string, f func(string) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if err := f(sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}
