package train

import (
	"testing"

	"github.com/sitrep/sitrep/internal/nlp/conllu"
	"github.com/sitrep/sitrep/internal/nlp/score"
	"github.com/sitrep/sitrep/internal/nlp/treebank"
)

// A document's sentences fall in one fold, and the folds share the documents
// out.
func TestFoldOf(t *testing.T) {
	seen := map[int]bool{}
	for _, doc := range []string{"GUM_news_iodine", "GUM_bio_byron", "weblog-juancole.com_juancole_20030911085700_ENG_20030911_085700",
		"email-enronsent00_02", "answers-20111108024148AAO8oFI_ans", "GUM_voyage_york", "reviews-023451", "newsgroup-groups.google.com_x"} {
		f := foldOf(doc+"-1", 5)
		if g := foldOf(doc+"-12", 5); g != f {
			t.Errorf("%s: sentences 1 and 12 in folds %d and %d", doc, f, g)
		}
		if f < 0 || f >= 5 {
			t.Fatalf("%s: fold %d of 5", doc, f)
		}
		seen[f] = true
	}
	if len(seen) < 3 {
		t.Errorf("eight documents in %d folds of 5", len(seen))
	}
	// a fold's tagger learns from the other folds' documents only
	var sents []*conllu.Sentence
	for _, id := range []string{"GUM_news_iodine-1", "GUM_news_iodine-2", "GUM_bio_byron-1", "reviews-023451-0001"} {
		s := &conllu.Sentence{Comments: []string{"sent_id = " + id}}
		sents = append(sents, s)
	}
	f := foldOf("GUM_news_iodine-1", 5)
	for _, s := range outsideFold(sents, f, 5) {
		if treebank.DocOf(s.ID()) == "GUM_news_iodine" {
			t.Errorf("fold %d's tagger learns from %s", f, s.ID())
		}
	}
	if n := len(outsideFold(sents, f, 5)); n > 2 {
		t.Errorf("%d of 4 sentences outside fold %d, which holds 2", n, f)
	}
	u, g := Total([]Fold{{UNERScore: score.F{Correct: 1, Gold: 2, System: 3}, GUMScore: score.F{Correct: 4, Gold: 5, System: 6}},
		{UNERScore: score.F{Correct: 10, Gold: 20, System: 30}}})
	if u != (score.F{Correct: 11, Gold: 22, System: 33}) || g != (score.F{Correct: 4, Gold: 5, System: 6}) {
		t.Errorf("totals %v %v", u, g)
	}
}
