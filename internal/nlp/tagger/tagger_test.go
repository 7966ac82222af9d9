package tagger

import (
	"bytes"
	"strings"
	"testing"
)

func examples() []Example {
	var out []Example
	for range 10 {
		out = append(out,
			Example{Words: strings.Fields("the dog runs ."), Tags: strings.Fields("DET|DT NOUN|NN VERB|VBZ PUNCT|.")},
			Example{Words: strings.Fields("a cat sleeps ."), Tags: strings.Fields("DET|DT NOUN|NN VERB|VBZ PUNCT|.")},
			Example{Words: strings.Fields("Kharkiv burns"), Tags: strings.Fields("PROPN|NNP VERB|VBZ")},
		)
	}
	return out
}

func TestTrainTagRoundTrip(t *testing.T) {
	tg := Train(examples(), Options{Epochs: 5, Seed: 1})
	if acc := tg.Accuracy(examples()); acc < 0.99 {
		t.Errorf("training accuracy %.2f", acc)
	}
	got := tg.Tag(strings.Fields("the cat runs ."))
	var ups, xps []string
	for _, c := range got {
		ups, xps = append(ups, tg.UPOS(c)), append(xps, tg.XPOS(c))
	}
	if strings.Join(ups, " ") != "DET NOUN VERB PUNCT" || xps[1] != "NN" {
		t.Errorf("tags %v %v", ups, xps)
	}
	b, err := tg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t2 := &Tagger{}
	if err := t2.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if b2, _ := t2.MarshalBinary(); !bytes.Equal(b, b2) {
		t.Error("encoding changes across a round trip")
	}
	for _, bad := range [][]byte{nil, []byte("TAG1"), b[:len(b)/2]} {
		if err := (&Tagger{}).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%d bytes) accepted", len(bad))
		}
	}
	if out := tg.Tag(nil); len(out) != 0 {
		t.Errorf("empty sentence: %v", out)
	}
}
