package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

func init() {
	register("parse", "analyse text: sentences, parts of speech, dependencies, entities (CoNLL-U)", runParse)
}

// maxParseInput bounds one input, so that a runaway stream cannot exhaust memory.
const maxParseInput = 64 << 20

func runParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "conllu", "output format: conllu or json")
	pretok := fs.Bool("pretokenized", false, "read CoNLL-U and keep its sentences and tokens")
	noParse := fs.Bool("no-parse", false, "skip the dependency parser")
	search := fs.Int("search", nlp.SearchPaths, "paths the parser follows: 1 parses greedily, faster and less accurately")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep parse [--format conllu|json] [--pretokenized] [--search N] [INPUT]")
		fmt.Fprintln(stderr, "\nReads raw text (or CoNLL-U with --pretokenized) from INPUT or standard input")
		fmt.Fprintln(stderr, "and writes its analysis: CoNLL-U with NER=B-PER tags in MISC, or JSON.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitError{2}
	}
	if *format != "conllu" && *format != "json" {
		fmt.Fprintf(stderr, "sitrep parse: unknown format %q\n", *format)
		return exitError{2}
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitError{2}
	}
	name, in := "-", stdin
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	if *search < 1 {
		fmt.Fprintf(stderr, "sitrep parse: --search %d: want 1 or more paths\n", *search)
		return exitError{2}
	}
	opt := nlp.Options{NoParse: *noParse, Search: *search}
	m, err := nlp.Load()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *pretok {
		return parsePretokenized(ctx, m, name, in, out, stderr, *format, opt)
	}
	text, err := io.ReadAll(io.LimitReader(in, maxParseInput+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(text) > maxParseInput {
		return fmt.Errorf("read %s: input larger than %d bytes", name, maxParseInput)
	}
	doc := nlp.AnnotateWith(string(text), nil, opt)
	if *format == "json" {
		return writeDocJSON(out, doc)
	}
	return doc.WriteCoNLLU(out)
}

func parsePretokenized(ctx context.Context, m *nlp.Models, name string, in io.Reader, out io.Writer, stderr io.Writer, format string, opt nlp.Options) error {
	r := conllu.NewReader(in, name)
	enc := json.NewEncoder(out)
	bad := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil {
			err = s.Validate()
		}
		if err != nil {
			// One broken sentence does not stop the rest.
			fmt.Fprintf(stderr, "sitrep parse: %v\n", err)
			bad++
			continue
		}
		m.AnnotateCoNLLU(s, opt)
		if format == "json" {
			if err := enc.Encode(s); err != nil {
				return err
			}
			continue
		}
		if err := conllu.Write(out, s); err != nil {
			return err
		}
	}
	if bad > 0 {
		return fmt.Errorf("%s: %d malformed sentences skipped", name, bad)
	}
	return nil
}

// docJSON is the JSON form of an analysed document.
type docJSON struct {
	Text      string       `json:"text"`
	Sentences [][2]int     `json:"sentences"` // code-point spans
	Tokens    []nlp.Token  `json:"tokens"`
	Entities  []entityJSON `json:"entities"`
}

type entityJSON struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

func writeDocJSON(w io.Writer, d *nlp.Doc) error {
	j := docJSON{Text: d.Text, Tokens: d.Tokens, Entities: []entityJSON{}, Sentences: [][2]int{}}
	for _, s := range d.Sentences {
		j.Sentences = append(j.Sentences, [2]int{s.Start, s.End})
	}
	for _, e := range d.Ents {
		j.Entities = append(j.Entities, entityJSON{e.Text, e.Start, e.End, e.Type})
	}
	return json.NewEncoder(w).Encode(j)
}
