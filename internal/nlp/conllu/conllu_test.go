package conllu

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

const sample = `# sent_id = 1
# text = I don't know Kharkiv.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	_
5	Kharkiv	Kharkiv	PROPN	NNP	_	4	obj	_	SpaceAfter=No|NER=B-LOC
5.1	x	x	_	_	_	_	_	_	_
6	.	.	PUNCT	.	_	4	punct	_	_

`

func TestRoundTrip(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || len(sents[0].Words) != 6 || len(sents[0].Multi) != 1 {
		t.Fatalf("read %d sentences, %+v", len(sents), sents)
	}
	s := sents[0]
	if s.ID() != "1" || s.Text() != "I don't know Kharkiv." {
		t.Errorf("comments: id %q text %q", s.ID(), s.Text())
	}
	var got []string
	for _, tk := range s.Tokens() {
		got = append(got, tk.Form)
	}
	if strings.Join(got, " ") != "I don't know Kharkiv ." {
		t.Errorf("tokens %q", got)
	}
	if v, _ := MiscValue(s.Words[4].Misc, "NER"); v != "B-LOC" {
		t.Errorf("NER = %q", v)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sample, "5.1\tx\tx\t_\t_\t_\t_\t_\t_\t_\n", "", 1)
	if buf.String() != want {
		t.Errorf("write:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{
		"1\tI\n2\tx\t_\t_\t_\t_\tz\t_\t_\t_\n", // bad head
		"3\tI\t_\t_\t_\t_\t0\troot\t_\t_\n",    // out of sequence
		"a-b\tI\t_\t_\t_\t_\t_\t_\t_\t_\n",     // bad range
		"1\tI\t_\t_\t_\t_\t0\troot\t_\t_\t_\n", // eleven columns
	} {
		r := NewReader(strings.NewReader(in+"\n1\tok\t_\t_\t_\t_\t0\troot\t_\t_\n"), "in")
		if _, err := r.Read(); err == nil {
			t.Errorf("%q: no error", in)
		}
		s, err := r.Read()
		if err != nil || len(s.Words) != 1 {
			t.Errorf("%q: reading did not resume: %v", in, err)
		}
	}
}

func TestSpansBIO(t *testing.T) {
	tags := []string{"B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"}
	got := SpansFromBIO(tags)
	want := []Span{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "ORG"}, {5, 7, "ORG"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("span %d: %v, want %v", i, got[i], want[i])
		}
	}
	back := BIOFromSpans(len(tags), got)
	if strings.Join(back, " ") != "B-PER I-PER O B-LOC B-ORG B-ORG I-ORG" {
		t.Errorf("BIOFromSpans: %v", back)
	}
}

func TestReadIOB2(t *testing.T) {
	in := "# sent_id = a-1\n# text = Oleh said\n1\tOleh\tB-PER\t-\tx\n2\tsaid\tO\t-\t-\n\n"
	s, err := ReadIOB2(strings.NewReader(in), "in")
	if err != nil || len(s) != 1 || s[0].ID != "a-1" || s[0].Tags[0] != "B-PER" {
		t.Fatalf("%v %+v", err, s)
	}
	if _, err := ReadIOB2(strings.NewReader("1\tx\tB_PER\n"), "in"); err == nil {
		t.Error("bad tag accepted")
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("1-3\tx\n1\ta\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in), "fuzz")
		for range 1000 {
			s, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				continue
			}
			if s.Validate() == nil {
				s.Tokens()
				Write(io.Discard, s)
			}
		}
	})
}
