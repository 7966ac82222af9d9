package nlp

import (
	"slices"

	"github.com/sitrep/sitrep/internal/nlp/lex"
	"github.com/sitrep/sitrep/internal/nlp/ner"
	"github.com/sitrep/sitrep/internal/nlp/tokenize"
)

// knownOrgs indexes the known organisations' names (lex.KnownOrgNames) by first
// word, as the tokenizer splits them.
var knownOrgs = func() map[string][][]string {
	m := map[string][][]string{}
	for _, name := range lex.KnownOrgNames() {
		var words []string
		for _, t := range tokenize.Tokenize(name) {
			words = append(words, t.Text)
		}
		m[words[0]] = append(m[words[0]], words)
	}
	for _, names := range m { // longest first
		slices.SortFunc(names, func(a, b []string) int { return len(b) - len(a) })
	}
	return m
}()

// knownOrgsIn makes organisations of the known organisations named in words: a
// span that is exactly one's name becomes one, one's name outside any span is
// added, and names inside one's name give way to it. Names inside a longer name
// are left to it.
func knownOrgsIn(words []string, spans []ner.Span) []ner.Span {
	added := false
	for i := 0; i < len(words); i++ {
		n := 0
		for _, name := range knownOrgs[words[i]] {
			if i+len(name) <= len(words) && slices.Equal(words[i:i+len(name)], name) {
				n = len(name)
				break
			}
		}
		if n == 0 {
			continue
		}
		k := slices.IndexFunc(spans, func(e ner.Span) bool { return e.Start < i+n && i < e.End })
		inside := func(e ner.Span) bool { return e.End <= i || e.Start >= i+n || e.Start >= i && e.End <= i+n }
		switch {
		case k < 0:
			spans = append(spans, ner.Span{Start: i, End: i + n, Type: "ORG"})
			added = true
		case spans[k].Start == i && spans[k].End == i+n:
			spans[k].Type = "ORG"
		case !slices.ContainsFunc(spans, func(e ner.Span) bool { return !inside(e) }):
			// names inside it are parts of it: "DOD" of "DOD News"
			spans = slices.DeleteFunc(spans, func(e ner.Span) bool { return e.Start >= i && e.End <= i+n })
			spans = append(spans, ner.Span{Start: i, End: i + n, Type: "ORG"})
			added = true
		}
		i += n - 1
	}
	if added {
		slices.SortFunc(spans, func(a, b ner.Span) int { return a.Start - b.Start })
	}
	return spans
}
