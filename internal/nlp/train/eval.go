package train

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/sitrep/sitrep/internal/nlp"
	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/score"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// Report holds the figures of one split.
type Report struct {
	Split string // "dev" or "test"
	Gold  score.Scores
	Raw   score.Scores
	// SearchGold and SearchRaw are Gold and Raw with the parser following
	// nlp.SearchPaths paths (sitrep parse --search).
	SearchGold, SearchRaw score.Scores
	UNER                  score.F
	GUM                   score.F
	UNERType              map[string]score.F
	// DevSeen says that the recogniser learnt from the dev splits
	// (Config.NERWithDev): its dev figures are not held out.
	DevSeen bool
}

// Evaluate scores m on a split ("dev" or "test") of d with the CoNLL 2018
// definitions: EWT with gold tokens (UPOS, UAS, LAS) and from raw text (tokens,
// sentences, words too), entities by exact span and type on UNER-EWT and on the
// named mentions of GUM (PER, LOC, ORG only).
func Evaluate(m *nlp.Models, d *Data, split string) (*Report, error) {
	ewt, uner, gum := d.EWTTest, d.UNERTest, d.GUMTest
	if split == "dev" {
		ewt, uner, gum = d.EWTDev, d.UNERDev, d.GUMDev
	}
	r := &Report{Split: split, UNERType: map[string]score.F{}}
	var err error
	if r.Gold, r.Raw, err = ewtScores(m, ewt, nlp.Options{}); err != nil {
		return nil, fmt.Errorf("EWT %s, %w", split, err)
	}
	if r.SearchGold, r.SearchRaw, err = ewtScores(m, ewt, nlp.Options{Search: nlp.SearchPaths}); err != nil {
		return nil, fmt.Errorf("EWT %s, %d paths, %w", split, nlp.SearchPaths, err)
	}
	var gold [][]conllu.Span
	ids, sents := make([]string, len(uner)), make([][]string, len(uner))
	for i, s := range uner {
		gold = append(gold, conllu.SpansFromBIO(s.Tags))
		ids[i], sents[i] = s.ID, s.Forms
	}
	sys := entitySpans(m, ids, sents)
	r.UNER = score.Entities(gold, sys)
	for _, t := range []string{"PER", "LOC", "ORG"} {
		r.UNERType[t] = score.Entities(onlyType(gold, t), onlyType(sys, t))
	}
	gold = nil
	ids, sents = make([]string, len(gum)), make([][]string, len(gum))
	for i, s := range gum {
		words := make([]string, len(s.Words))
		for k, w := range s.Words {
			words[k] = w.Form
		}
		gold = append(gold, treebank.GUMNamed(s))
		ids[i], sents[i] = s.ID(), words
	}
	r.GUM = score.Entities(gold, entitySpans(m, ids, sents))
	return r, nil
}

// ewtScores scores m's analysis of EWT sentences with opt, from gold tokens and
// from raw text.
func ewtScores(m *nlp.Models, ewt []*conllu.Sentence, opt nlp.Options) (gold, raw score.Scores, err error) {
	if gold, err = score.Evaluate(ewt, GoldTokens(m, ewt, opt)); err != nil {
		return gold, raw, fmt.Errorf("gold tokens: %w", err)
	}
	opt.NoEntities = true
	doc := m.Annotate(treebank.RawText(ewt), nil, opt)
	if raw, err = score.Evaluate(ewt, doc.CoNLLU()); err != nil {
		return gold, raw, fmt.Errorf("raw text: %w", err)
	}
	return gold, raw, nil
}

func onlyType(spans [][]conllu.Span, t string) [][]conllu.Span {
	out := make([][]conllu.Span, len(spans))
	for i, ss := range spans {
		for _, s := range ss {
			if s.Type == t {
				out[i] = append(out[i], s)
			}
		}
	}
	return out
}

// entitySpans finds PER, LOC and ORG entities in sentences of words, a document
// at a time as Annotate reads them: sentences in a row with the same document
// (treebank.DocOf of their ids) are one document.
func entitySpans(m *nlp.Models, ids []string, sents [][]string) [][]conllu.Span {
	out := make([][]conllu.Span, 0, len(sents))
	for a := 0; a < len(sents); {
		b := a + 1
		for b < len(sents) && treebank.DocOf(ids[b]) == treebank.DocOf(ids[a]) {
			b++
		}
		for _, an := range m.AnalyzeDoc(sents[a:b], nlp.Options{NoParse: true}) {
			var spans []conllu.Span
			for _, e := range an.Spans {
				if e.Type == "PER" || e.Type == "LOC" || e.Type == "ORG" {
					spans = append(spans, conllu.Span{Start: e.Start, End: e.End, Type: e.Type})
				}
			}
			out = append(out, spans)
		}
		a = b
	}
	return out
}

// GoldTokens analyses gold-tokenised sentences, returning copies with the
// predicted UPOS, HEAD and DEPREL.
func GoldTokens(m *nlp.Models, sents []*conllu.Sentence, opt nlp.Options) []*conllu.Sentence {
	out := make([]*conllu.Sentence, len(sents))
	for i, s := range sents {
		c := &conllu.Sentence{Comments: s.Comments, Multi: s.Multi, Words: make([]conllu.Word, len(s.Words))}
		copy(c.Words, s.Words)
		m.AnnotateCoNLLU(c, opt)
		out[i] = c
	}
	return out
}

// Print writes the report as a table.
func (r *Report) Print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	pct := func(x float64) string { return fmt.Sprintf("%.2f", 100*x) }
	fmt.Fprintf(tw, "%s split\tTokens\tSentences\tWords\tUPOS\tXPOS\tUAS\tLAS\t\n", r.Split)
	fmt.Fprintf(tw, "EWT, gold tokens, greedy (extract)\t-\t-\t-\t%s\t%s\t%s\t%s\t\n", pct(r.Gold.UPOS.F1()), pct(r.Gold.XPOS.F1()),
		pct(r.Gold.UAS.F1()), pct(r.Gold.LAS.F1()))
	fmt.Fprintf(tw, "EWT, raw text, greedy (extract)\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", pct(r.Raw.Tokens.F1()), pct(r.Raw.Sentences.F1()),
		pct(r.Raw.Words.F1()), pct(r.Raw.UPOS.F1()), pct(r.Raw.XPOS.F1()), pct(r.Raw.UAS.F1()), pct(r.Raw.LAS.F1()))
	fmt.Fprintf(tw, "gold tokens, %d paths (parse)\t-\t-\t-\t-\t-\t%s\t%s\t\n", nlp.SearchPaths,
		pct(r.SearchGold.UAS.F1()), pct(r.SearchGold.LAS.F1()))
	fmt.Fprintf(tw, "raw text, %d paths (parse)\t-\t-\t-\t-\t-\t%s\t%s\t\n", nlp.SearchPaths,
		pct(r.SearchRaw.UAS.F1()), pct(r.SearchRaw.LAS.F1()))
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "entities (%s)\tP\tR\tF1\tgold\t\n", r.Split)
	row := func(name string, f score.F) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t\n", name, pct(f.Precision()), pct(f.Recall()), pct(f.F1()), f.Gold)
	}
	row("UNER-EWT", r.UNER)
	for _, t := range []string{"PER", "LOC", "ORG"} {
		row("  "+t, r.UNERType[t])
	}
	row("GUM named mentions", r.GUM)
	tw.Flush()
	if r.DevSeen && r.Split == "dev" {
		fmt.Fprintln(w, "(the recogniser learnt from UNER-EWT dev and GUM dev: these entity figures are not held out;")
		fmt.Fprintln(w, " sitrep train --only ner --held-out scores a recogniser that did not)")
	}
}
