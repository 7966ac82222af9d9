package input

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestJSONLLines(t *testing.T) {
	good := `{"id": "ok", "text": "Russian forces withdrew from Kherson."}`
	tests := []struct {
		name    string
		line    string
		errText string // "" for a good line
		check   func(Item) bool
	}{
		{name: "string id", line: good, check: func(it Item) bool { return it.ID == "ok" && it.Text == "Russian forces withdrew from Kherson." }},
		{name: "number id", line: `{"id": 1042, "text": "Kherson"}`, check: func(it Item) bool { return it.ID == "1042" }},
		{name: "float id keeps its text", line: `{"id": 1.50, "text": "Kherson"}`, check: func(it Item) bool { return it.ID == "1.50" }},
		{name: "no id", line: `{"text": "Kherson"}`, check: func(it Item) bool { return it.ID == "" }},
		{name: "html", line: `{"id": "h", "html": "<p>Kupiansk <b>shelled</b></p>"}`, check: func(it Item) bool { return it.HTML == "<p>Kupiansk <b>shelled</b></p>" && it.Text == "" }},
		{name: "metadata", line: `{"id": "m", "text": "Kherson", "url": "https://www.defense.gov/x", "published": "2022-04-11", "outlet": "DOD News", "title": " Russians Shifting\n Their Fighting Focus ", "author": "DOD News", "language": "en"}`,
			check: func(it Item) bool {
				return it.URL == "https://www.defense.gov/x" && it.Published.Equal(time.Date(2022, 4, 11, 0, 0, 0, 0, time.UTC)) &&
					it.Outlet == "DOD News" && it.Title == "Russians Shifting Their Fighting Focus" && it.Author == "DOD News" && it.Language == "en"
			}},
		{name: "RFC 3339 date", line: `{"id": "d", "text": "Kherson", "published": "2022-11-14T15:04:05+02:00"}`,
			check: func(it Item) bool { return it.Published.Equal(time.Date(2022, 11, 14, 13, 4, 5, 0, time.UTC)) }},
		{name: "unknown fields ignored", line: `{"id": "u", "text": "Kherson", "lang_guess": 0.9}`, check: func(it Item) bool { return it.ID == "u" }},
		{name: "escaped newlines kept", line: `{"id": "n", "text": "Izium\n\nIzyum"}`, check: func(it Item) bool { return it.Text == "Izium\n\nIzyum" }},

		{name: "bad JSON", line: `{"id": "x", "text": "unterminated}`, errText: "bad JSON"},
		{name: "not an object", line: `["Kherson"]`, errText: "bad JSON"},
		{name: "both", line: `{"id": "b", "text": "a", "html": "<p>a</p>"}`, errText: `both "text" and "html"`},
		{name: "neither", line: `{"id": "e", "url": "https://x"}`, errText: `neither "text" nor "html"`},
		{name: "empty text", line: `{"id": "e", "text": "  "}`, errText: "document is empty"},
		{name: "bad date", line: `{"id": "d", "text": "Kherson", "published": "14/11/2022"}`, errText: `date "14/11/2022" is neither YYYY-MM-DD nor RFC 3339`},
		{name: "bad id", line: `{"id": {"n": 1}, "text": "Kherson"}`, errText: "id must be a string or a number"},
		{name: "boolean id", line: `{"id": true, "text": "Kherson"}`, errText: "id must be a string or a number"},
		{name: "invalid UTF-8", line: "{\"id\": \"u\", \"text\": \"Kherson \xff\"}", errText: "not valid UTF-8 (bad byte at offset 29)"},
		{name: "NUL in text", line: `{"id": "z", "text": "Kherson\u0000"}`, errText: "binary data"},
		{name: "html without text", line: `{"id": "h", "html": "<div><img src=x></div>"}`, errText: "html has no body text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each line sits between two good ones, which must come through.
			in := good + "\n" + tt.line + "\n" + good + "\n"
			items := collect(t, "-", Options{JSONL: true, Stdin: strings.NewReader(in)})
			if len(items) != 3 || items[0].Err != nil || items[2].Err != nil {
				t.Fatalf("got %d items, want 3 with good neighbours", len(items))
			}
			it := items[1]
			if it.Name != "stdin:2" && !strings.HasPrefix(it.Name, "stdin:2 ") {
				t.Errorf("name %q, want stdin:2", it.Name)
			}
			if tt.errText != "" {
				if it.Err == nil || !strings.Contains(it.Err.Error(), tt.errText) || !strings.Contains(it.Err.Error(), "stdin:2") {
					t.Errorf("got error %v, want one naming stdin:2 with %q", it.Err, tt.errText)
				}
				return
			}
			if it.Err != nil || !tt.check(it) {
				t.Errorf("got %+v", it)
			}
		})
	}
}

func TestJSONLErrorNamesID(t *testing.T) {
	items := collect(t, "-", Options{JSONL: true, Stdin: strings.NewReader(`{"id": "doc-17", "text": "x", "published": "May 2022"}`)})
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "stdin:1 (id doc-17)") {
		t.Errorf("got %v, want an error naming line and id", firstErr(items))
	}
}

func TestJSONLFraming(t *testing.T) {
	long := `{"id": "long", "text": "` + strings.Repeat("Kherson ", 40<<10) + `"}` // 320 KiB
	tests := []struct {
		name string
		in   string
		opt  Options
		want string // outcome of the items
	}{
		{"blank lines skipped", "\n" + `{"text": "a"}` + "\n\n   \n" + `{"text": "b"}`, Options{}, ":2 :5"},
		{"CRLF and no final newline", `{"text": "a"}` + "\r\n" + `{"text": "b"}`, Options{}, ":1 :2"},
		{"byte order mark", "\xEF\xBB\xBF" + `{"text": "a"}`, Options{}, ":1"},
		{"long line within the cap", long + "\n" + `{"text": "b"}`, Options{MaxBytes: 1 << 20}, ":1 :2"},
		{"long line over the cap", `{"text": "a"}` + "\n" + long + "\n" + `{"text": "b"}`, Options{MaxBytes: 64 << 10}, ":1 !:2 :3"},
		{"document over the cap", `{"text": "` + strings.Repeat("x", 5000) + `"}` + "\n" + `{"text": "b"}`, Options{MaxBytes: 4000}, "!:1 :2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.JSONL, opt.Stdin = true, strings.NewReader(tt.in)
			items := collect(t, "-", opt)
			if got := outcome(items, "stdin"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A batch streams: it may be far bigger than one document.
func TestJSONLBatchBiggerThanCap(t *testing.T) {
	var b bytes.Buffer
	for range 2000 {
		b.WriteString(`{"id": 1, "text": "Russian forces remain north of the city but they have not totally left the area as of yet."}` + "\n")
	}
	items := collect(t, "-", Options{JSONL: true, MaxBytes: 4096, Stdin: &b})
	if len(items) != 2000 || firstErr(items) != nil {
		t.Errorf("got %d items (first err %v), want 2000 good ones", len(items), firstErr(items))
	}
}
