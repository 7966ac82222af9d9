package article

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/record"
)

// Web debris in crawled text: a line is judged as a whole, never a part of a line,
// so that a real sentence is never cut. Each rule names the habit of web pages it
// stands for.
var (
	// "Read Next: <headline>" and friends link to another story.
	teaserPrompt = regexp.MustCompile(`(?i)^(read next|read more|read also|also read|more from|related(?: stories| articles| coverage)?|recommended(?: for you)?|see also|you may also like|watch(?: now)?|most read|trending|up next)\s*[:|»›>\-–—]\s*(.*)$`)
	// Lines that are only a call to action.
	promptLine = regexp.MustCompile(`(?i)^(advertisement|sponsored( content)?|share( this( article| story)?)?( on \w+)?|tweet|click (here )?to share.*|sign up( for| to)? .*newsletter.*|subscribe( now| to .*)?|follow us on .*|join us on telegram.*|continue reading.*|skip (to|this) .*|listen to (this|the) article.*|cookies? (settings|policy)|accept( all)? cookies|comments?( \(\d+\))?)\.?$`)
	// A caption's credit: "(Roman Stepanovych/Twitter)", "(AP Photo/Efrem Lukatsky)",
	// "(Photo by X/Getty Images)", "(Reuters)".
	creditParen = regexp.MustCompile(`\((?:[^()]{0,60}(?:/|\bvia)\s*)?(?:Twitter|X|Telegram|Facebook|Instagram|YouTube|TikTok|Getty(?: Images)?|AP|AFP|Reuters|EPA|EPA-EFE|Shutterstock|Wikimedia(?: Commons)?|Flickr|Sipa|Anadolu|TASS|RIA Novosti|Ukrinform|UNIAN|Handout|Screenshot|Pool)(?:\s+(?:Photos?|Images|Pool|Handout|TV|Video))?(?:\s*(?:/|via)\s*[^()]{0,60})?\)\.?$|\((?:AP |AFP |Reuters )?(?:Photo|Image|Picture|Video|Credit|Courtesy)(?: by| of|:)?[^()]{0,80}\)\.?$`)
	// A caption ending in a dangling "Source:" or "Photo:" whose link was lost.
	danglingCredit = regexp.MustCompile(`(?i)\b(source|photo|image|credit|photograph|pictured|via)\s*:\s*$`)
	// A line that starts as a credit or caption label.
	creditLead = regexp.MustCompile(`(?i)^(photo|image|photograph|picture|credit|pictured|caption|file photo|illustration|video)\s*(by|:|\|)\s*\S`)
)

// FindDebris returns the boilerplate spans of text in order: teasers for other
// stories, photo captions and their credits, calls to action. Spans cover whole
// lines, in code points.
func FindDebris(text string) []record.Boilerplate {
	lines := splitLines(text)
	kind := make([]string, len(lines))
	for i, l := range lines {
		s := l.text
		if s == "" {
			continue
		}
		switch {
		case teaserPrompt.MatchString(s):
			kind[i] = "teaser"
			// The teaser's headline often stands on its own line just before or after
			// the prompt (the link's text and its label).
			head := strings.TrimSpace(teaserPrompt.FindStringSubmatch(s)[2])
			for _, j := range []int{prevLine(lines, i), nextLine(lines, i)} {
				if j >= 0 && head != "" && sameText(lines[j].text, head) {
					kind[j] = "teaser"
				}
			}
		case promptLine.MatchString(s):
			kind[i] = "prompt"
		case isCaption(s):
			kind[i] = "caption"
		case creditLead.MatchString(s) && !endsSentence(s) && wordCount(s) <= 25:
			kind[i] = "credit"
		}
	}
	// A caption is often printed twice (image alt text and figure caption), or the
	// second copy carries the credit: mark a short line that repeats a caption.
	for i := range lines {
		if kind[i] != "caption" {
			continue
		}
		for _, j := range []int{prevLine(lines, i), nextLine(lines, i)} {
			if j >= 0 && kind[j] == "" && nearCopy(lines[i].text, lines[j].text) {
				kind[j] = "caption"
			}
		}
	}
	out := []record.Boilerplate{}
	for i, l := range lines {
		if kind[i] != "" {
			out = append(out, record.Boilerplate{Start: l.start, End: l.end, Kind: kind[i]})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// isCaption: a short line, not a sentence of the story, that ends in a photo credit.
func isCaption(s string) bool {
	// Cheap tests first: a caption ends in its credit, ")" or a dangling ":".
	end := strings.TrimSuffix(s, ".")
	if !strings.HasSuffix(end, ")") && !strings.HasSuffix(end, ":") {
		return false
	}
	if wordCount(s) > 45 {
		return false
	}
	if creditParen.MatchString(s) {
		return true
	}
	if danglingCredit.MatchString(s) && strings.ContainsRune(s, '(') {
		return true
	}
	return false
}

type line struct {
	text       string // trimmed
	start, end int    // code points of the trimmed line
}

func splitLines(text string) []line {
	var out []line
	pos := 0
	for _, raw := range strings.Split(text, "\n") {
		n := utf8.RuneCountInString(raw)
		lead := utf8.RuneCountInString(raw) - utf8.RuneCountInString(strings.TrimLeftFunc(raw, unicode.IsSpace))
		t := strings.TrimSpace(raw)
		start := pos + lead
		out = append(out, line{text: t, start: start, end: start + utf8.RuneCountInString(t)})
		pos += n + 1
	}
	return out
}

func prevLine(ls []line, i int) int {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if ls[j].text != "" {
			return j
		}
	}
	return -1
}

func nextLine(ls []line, i int) int {
	for j := i + 1; j < len(ls) && j <= i+3; j++ {
		if ls[j].text != "" {
			return j
		}
	}
	return -1
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// nearCopy: two lines that share most of their opening, as a caption and its
// repeat do ("Dead soldiers ... (Name). Source:" / "Dead soldiers ... (Name/Twitter)").
func nearCopy(a, b string) bool {
	if wordCount(b) > 45 {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	short := min(len(ra), len(rb))
	return n >= 20 && float64(n) >= 0.6*float64(short)
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…\"”’", r)
}

func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
