package nlp

import (
	"github.com/sitrep/sitrep/internal/record"
)

// Token is one word with its analysis. A multiword token such as "don't" is two
// Tokens ("do", "n't"), the second marked Joined.
type Token struct {
	Text       string `json:"text"`
	Start      int    `json:"start"` // code points into Doc.Text, [Start, End)
	End        int    `json:"end"`
	UPOS       string `json:"upos"`
	XPOS       string `json:"xpos,omitempty"`
	Head       int    `json:"head"` // index in Doc.Tokens of the head word; -1 for the root
	Deprel     string `json:"deprel"`
	NER        string `json:"ner"` // BIO tag: "B-PER", "I-PER", "O"
	Sentence   int    `json:"sentence"`
	SpaceAfter bool   `json:"space_after"`
	Joined     bool   `json:"joined,omitempty"`
	Skipped    bool   `json:"skipped,omitempty"` // inside a skip span (boilerplate)
}

// Sentence is a run of tokens [First, Last] and its code-point span.
type Sentence struct {
	First, Last int // token indices, inclusive
	Start, End  int // code points
}

// Entity is a named entity: a code-point span of the text and its type, PER, ORG,
// LOC (places, including countries and cities), NORP (nationalities and groups),
// DATE or TIME.
type Entity struct {
	Text        string `json:"text"`
	Start, End  int    // code points
	Type        string `json:"type"`
	First, Last int    // token indices, inclusive
}

// Doc is an analysed text.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
	Ents      []Entity
}

// Entities returns the document's entities in the record's form.
func (d *Doc) Entities() []record.Entity {
	out := make([]record.Entity, 0, len(d.Ents))
	for _, e := range d.Ents {
		out = append(out, record.Entity{Text: e.Text, Start: e.Start, End: e.End, Type: e.Type})
	}
	return out
}

// Retype gives the document's entities the types that ents give the same spans:
// a later stage may know better (places.PlacesInEntities types as places the
// "people" the geoparser kept as places).
func (d *Doc) Retype(ents []record.Entity) {
	types := make(map[[2]int]string, len(ents))
	for _, e := range ents {
		types[[2]int{e.Start, e.End}] = e.Type
	}
	for i, e := range d.Ents {
		if t, ok := types[[2]int{e.Start, e.End}]; ok {
			d.Ents[i].Type = t
		}
	}
}

// SentenceTokens returns the tokens of sentence i.
func (d *Doc) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.First : s.Last+1]
}
