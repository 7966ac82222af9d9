package devset

import (
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/reading/score"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/testutil"
)

func TestAttribution(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "eval", "attribution", "PolNeAR-dev")
	r, err := Attribution(dir, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PolNeAR dev: gold %d pred %d matched %d  P %.3f R %.3f F1 %.3f  source acc %.3f (%d/%d)  quotes: gold %d matched %d speaker acc %.3f (%d/%d)",
		r.Gold, r.Pred, r.Matched, r.P(), r.R(), r.F1(), r.SourceAcc(), r.SourceRight, r.SourceGold,
		r.QuoteGold, r.QuoteMatched, r.QuoteSpeakerAcc(), r.QuoteSourceRight, r.QuoteSourceGold)
	// Floors a little under today's figures, so that a change that loses ground
	// fails; the issue's own floors are higher for content F1 (see STATUS.md).
	floor(t, "content F1", r.F1(), 0.62)
	floor(t, "source accuracy", r.SourceAcc(), 0.85)
	floor(t, "quote speaker accuracy", r.QuoteSpeakerAcc(), 0.90)
}

func floor(t *testing.T, name string, got, min float64) {
	t.Helper()
	if got < min {
		t.Errorf("%s %.3f, below the floor %.2f", name, got, min)
	}
}

func TestEvents(t *testing.T) {
	path := filepath.Join(testutil.SharedDir(t), "eval", "events", "PLOVER_GSR_CAMEO.txt")
	r, err := Events(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PLOVER: n %d accuracy %.3f macro-F1 %.3f", r.N, r.Accuracy(), r.MacroF1())
	floor(t, "event-type accuracy", r.Accuracy(), 0.78)
	if testing.Verbose() {
		for _, ty := range r.Types() {
			p, rc, f := r.PerType(ty)
			t.Logf("%-10s P %.2f R %.2f F1 %.2f  %v", ty, p, rc, f, r.Confusion[ty])
		}
	}
}

func TestNews(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "eval", "news-dev")
	r, err := News(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("news-dev: toponyms F1@161 %.3f F1 %.3f (%d gold, %d pred); quotes F1 %.3f (%d/%d/%d) speaker acc %.3f named %d/%d; control P %.3f R %.3f F1 %.3f (%d gold %d pred %d matched) status %d/%d",
		r.Toponyms.F1At161(), r.Toponyms.F1(), r.Toponyms.Gold, r.Toponyms.Pred,
		r.Quotes.F1(), r.Quotes.Gold, r.Quotes.Pred, r.Quotes.Matched, r.Quotes.SpeakerAcc(), r.Quotes.NamedRight, r.Quotes.NamedGold,
		r.Control.P(), r.Control.R(), r.Control.F1(), r.Control.Gold, r.Control.Pred, r.Control.Matched, r.Control.StatusRight, r.Control.Matched)
	floor(t, "toponym F1@161", r.Toponyms.F1At161(), 0.80)
	floor(t, "quote speaker accuracy", r.Quotes.SpeakerAcc(), 0.90)
	floor(t, "control F1", r.Control.F1(), 0.75)
	// Metonymy on matched toponyms: 268/294 in session 15 (218 before), on rules
	// written from this set's misses; the floor guards against losing them.
	t.Logf("news-dev metonymy: agrees %d/%d, metonymic found %d/%d, wrongly %d",
		r.Toponyms.MetAgree, r.Toponyms.Matched, r.Toponyms.MetFound, r.Toponyms.MetGold, r.Toponyms.MetWrong)
	floor(t, "metonymy agreement", float64(r.Toponyms.MetAgree)/float64(max(r.Toponyms.Matched, 1)), 0.88)
}

func TestPredictedNesting(t *testing.T) {
	// "The ministry said the governor claimed the town was retaken." PolNeAR marks
	// only the outer attribution; the inner claim stays in the record.
	text := "The ministry said the governor claimed the town was retaken."
	rec := record.New(record.Source{}, text)
	rec.Claims = []record.Claim{
		{Content: record.Span{Start: 18, End: 59}, Cue: record.Cue{Text: "said", Start: 13, End: 17}},
		{Content: record.Span{Start: 39, End: 59}, Cue: record.Cue{Text: "claimed", Start: 31, End: 38}},
	}
	pred := Predicted(rec)
	if len(pred) != 1 || pred[0].Content[0] != (score.Span{Start: 18, End: 59}) {
		t.Errorf("predicted %+v, want the outer attribution alone", pred)
	}
	// Each inside the other ("X reports that …, according to Y"): the longer
	// content is the outer one.
	text = "Reuters reports that the dam held, according to officials."
	rec = record.New(record.Source{}, text)
	rec.Claims = []record.Claim{
		{Content: record.Span{Start: 0, End: 33}, Cue: record.Cue{Text: "according to", Start: 35, End: 47}},
		{Content: record.Span{Start: 16, End: 57}, Cue: record.Cue{Text: "reports", Start: 8, End: 15}},
	}
	if pred := Predicted(rec); len(pred) != 1 || pred[0].Content[0].Start != 16 {
		t.Errorf("predicted %+v, want the longer content alone", pred)
	}
}
