package nlp

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
)

// CoNLLU returns the document as CoNLL-U sentences: multiword tokens as range lines,
// SpaceAfter=No and the entity tag (NER=B-PER) in MISC, heads within the sentence.
func (d *Doc) CoNLLU() []*conllu.Sentence {
	out := make([]*conllu.Sentence, 0, len(d.Sentences))
	for si, s := range d.Sentences {
		cs := &conllu.Sentence{Comments: []string{
			"sent_id = " + strconv.Itoa(si+1),
			"text = " + oneLine(d.sentenceText(s)),
		}}
		for i := s.First; i <= s.Last; i++ {
			t := &d.Tokens[i]
			id := i - s.First + 1
			if !t.Joined && i < s.Last && d.Tokens[i+1].Joined {
				last := i + 1
				for last+1 <= s.Last && d.Tokens[last+1].Joined {
					last++
				}
				var form strings.Builder
				for k := i; k <= last; k++ {
					form.WriteString(d.Tokens[k].Text)
				}
				misc := "_"
				if !d.Tokens[last].SpaceAfter && last < s.Last {
					misc = "SpaceAfter=No"
				}
				cs.Multi = append(cs.Multi, conllu.MultiToken{First: id, Last: id + last - i, Form: form.String(), Misc: misc})
			}
			misc := "_"
			inMulti := t.Joined || (i < s.Last && d.Tokens[i+1].Joined)
			if !t.SpaceAfter && i < s.Last && !inMulti {
				misc = conllu.SetMisc(misc, "SpaceAfter", "No")
			}
			if t.NER != "" && t.NER != "O" {
				misc = conllu.SetMisc(misc, "NER", t.NER)
			}
			head := 0
			if t.Head >= 0 {
				head = t.Head - s.First + 1
			}
			rel := t.Deprel
			if rel == "" {
				head = -1
			}
			upos := t.UPOS
			if upos == "" {
				upos = "_"
			}
			cs.Words = append(cs.Words, conllu.Word{ID: id, Form: t.Text, Lemma: "_", UPOS: upos, XPOS: orUnderscore(t.XPOS),
				Feats: "_", Head: head, Deprel: orUnderscore(rel), Deps: "_", Misc: misc})
		}
		out = append(out, cs)
	}
	return out
}

// WriteCoNLLU writes the document in CoNLL-U.
func (d *Doc) WriteCoNLLU(w io.Writer) error {
	for _, s := range d.CoNLLU() {
		if err := conllu.Write(w, s); err != nil {
			return fmt.Errorf("write conllu: %w", err)
		}
	}
	return nil
}

func (d *Doc) sentenceText(s Sentence) string {
	var b strings.Builder
	for i := s.First; i <= s.Last; i++ {
		b.WriteString(d.Tokens[i].Text)
		if d.Tokens[i].SpaceAfter && i < s.Last {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// AnnotateCoNLLU analyses sentences that are already split into words (CoNLL-U
// read with --pretokenized), keeping their words, ids, multiword tokens and
// comments, and filling UPOS, HEAD, DEPREL and NER in MISC.
func (m *Models) AnnotateCoNLLU(s *conllu.Sentence, opt Options) {
	words := make([]string, len(s.Words))
	for i, w := range s.Words {
		words[i] = w.Form
	}
	if len(words) == 0 {
		return
	}
	a := m.Analyze(words, opt)
	for i := range s.Words {
		w := &s.Words[i]
		w.UPOS, w.XPOS = a.UPOS[i], a.XPOS[i]
		if a.Heads != nil {
			w.Head, w.Deprel = a.Heads[i], a.Rels[i]
		}
		tag := a.NER[i]
		if tag == "O" {
			tag = ""
		}
		w.Misc = conllu.SetMisc(w.Misc, "NER", tag)
	}
}
