package ner

import (
	"bytes"
	"strings"
	"testing"
)

func examples() []Example {
	var out []Example
	for range 10 {
		out = append(out,
			Example{Words: strings.Fields("Oleh Synehubov said ."), POS: strings.Fields("PROPN PROPN VERB PUNCT"),
				Entities: []Span{{0, 2, "PER"}}},
			Example{Words: strings.Fields("troops left Izyum ."), POS: strings.Fields("NOUN VERB PROPN PUNCT"),
				Entities: []Span{{2, 3, "LOC"}}},
			Example{Words: strings.Fields("the Kremlin denied it"), POS: strings.Fields("DET PROPN VERB PRON"),
				Entities: []Span{{1, 2, "ORG"}}},
		)
	}
	return out
}

func TestTrainLabelRoundTrip(t *testing.T) {
	r := Train(examples(), Options{Epochs: 5, Seed: 1})
	if _, _, f := r.Evaluate(examples()); f < 0.99 {
		t.Errorf("training F1 %.2f", f)
	}
	b, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	r2 := &Recognizer{}
	if err := r2.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if b2, _ := r2.MarshalBinary(); !bytes.Equal(b, b2) {
		t.Error("encoding changes across a round trip")
	}
	got := r2.Spans(r2.Label(strings.Fields("Oleh Synehubov said ."), strings.Fields("PROPN PROPN VERB PUNCT"), nil, nil))
	if len(got) != 1 || got[0] != (Span{0, 2, "PER"}) {
		t.Errorf("spans %v", got)
	}
	for _, bad := range [][]byte{nil, []byte("NER1"), b[:len(b)/2]} {
		if err := (&Recognizer{}).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%d bytes) accepted", len(bad))
		}
	}
}

// An I- label never follows O or another type: decoding yields well-formed spans.
func TestBIOConstraint(t *testing.T) {
	r := Train(examples(), Options{Epochs: 1, Seed: 1})
	words := strings.Fields("said Synehubov Izyum Kremlin Oleh troops")
	labels := r.Label(words, make([]string, len(words)), nil, nil)
	for i, l := range labels {
		if r.inside[l] {
			prev := 0
			if i > 0 {
				prev = labels[i-1]
			}
			if r.typeOf[prev] != r.typeOf[l] {
				t.Errorf("label %s after %s", r.Labels[l], r.Labels[prev])
			}
		}
	}
}
