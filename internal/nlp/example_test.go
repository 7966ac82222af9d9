package nlp_test

import (
	"fmt"

	"github.com/sitrep/sitrep/internal/nlp"
)

func ExampleAnnotate() {
	doc := nlp.Annotate("On Tuesday, President Volodymyr Zelensky visited troops near Kharkiv.", nil)
	for _, e := range doc.Entities() {
		fmt.Printf("%s [%d,%d) %s\n", e.Text, e.Start, e.End, e.Type)
	}
	// Output:
	// Tuesday [3,10) DATE
	// Volodymyr Zelensky [22,40) PER
	// Kharkiv [61,68) LOC
}

func ExampleDoc() {
	doc := nlp.Annotate("Zelensky didn't stop.", nil)
	for _, t := range doc.Tokens {
		head := "root"
		if t.Head >= 0 {
			head = doc.Tokens[t.Head].Text
		}
		fmt.Println(t.Text, t.UPOS, t.Deprel, head, t.NER)
	}
	// Output:
	// Zelensky PROPN nsubj stop B-PER
	// did AUX aux stop O
	// n't PART advmod stop O
	// stop VERB root root O
	// . PUNCT punct stop O
}
