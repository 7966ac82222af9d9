package api

import (
	"encoding/json"
	"log/slog"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
)

func TestPostDocument(t *testing.T) {
	article := sharedFile(t, articlePath)
	line, err := json.Marshal(map[string]string{
		"id": "sofrep-izyum", "text": article, "url": "https://sofrep.com/news/izyum/",
		"published": "2022-05-16", "outlet": "SOFREP", "title": "Ukraine launches counteroffensive toward Izyum",
	})
	if err != nil {
		t.Fatal(err)
	}
	hash := record.ContentHash(article)
	fx := newFixture(t, nil, nil)
	bearer := "Bearer " + testToken
	tests := []struct {
		name, target, ctype, body, auth string
		want                            int
		wantDup                         bool
		check                           func(t *testing.T, fx *fixture)
	}{
		{name: "json line", target: "/api/documents", ctype: "application/json", body: string(line), auth: bearer,
			want: 201, check: func(t *testing.T, fx *fixture) {
				it := fx.lastItem(t)
				if it.ID != "sofrep-izyum" || it.Text != article || it.Outlet != "SOFREP" ||
					it.URL != "https://sofrep.com/news/izyum/" || !it.Published.Equal(time.Date(2022, 5, 16, 0, 0, 0, 0, time.UTC)) ||
					it.Title == "" || it.HTML != "" {
					t.Errorf("item = %+v", it)
				}
			}},
		{name: "same text again", target: "/api/documents", ctype: "application/json", body: string(line), auth: bearer,
			want: 200, wantDup: true},
		{name: "same text as plain, lower-case scheme", target: "/api/documents", ctype: "text/plain; charset=utf-8", body: article,
			auth: "bearer " + testToken, want: 200, wantDup: true},
		{name: "plain text with query metadata", ctype: "text/plain",
			target: "/api/documents?id=p1&url=" + url.QueryEscape("https://sofrep.com/p1") + "&published=2022-05-16T09:30:00%2B03:00&outlet=SOFREP",
			body:   paragraphs(t)[1], auth: bearer, want: 201, check: func(t *testing.T, fx *fixture) {
				it := fx.lastItem(t)
				if it.ID != "p1" || it.URL != "https://sofrep.com/p1" || it.Outlet != "SOFREP" ||
					it.Published.UTC() != time.Date(2022, 5, 16, 6, 30, 0, 0, time.UTC) || it.Text != paragraphs(t)[1] {
					t.Errorf("item = %+v", it)
				}
			}},
		{name: "html page", target: "/api/documents?url=https://sofrep.com/p2", ctype: "text/html",
			body: "<html><body><p>" + paragraphs(t)[2] + "</p></body></html>", auth: bearer, want: 201,
			check: func(t *testing.T, fx *fixture) {
				if it := fx.lastItem(t); it.Text != "" || !strings.Contains(it.HTML, "<p>") {
					t.Errorf("item = %+v", it)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := fx.do(t, "POST", tt.target, tt.body, "Content-Type", tt.ctype, "Authorization", tt.auth)
			checkResponse(t, w)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			res := decode[postResult](t, w)
			if res.Duplicate != tt.wantDup || res.ID == "" {
				t.Errorf("result %+v, want duplicate %v", res, tt.wantDup)
			}
			if loc := w.Header().Get("Location"); tt.want == 201 && loc != "/api/documents/"+res.ID {
				t.Errorf("Location %q for id %s", loc, res.ID)
			}
			if (tt.body == article || tt.body == string(line)) && res.ID != hash {
				t.Errorf("id %s, want the content hash %s", res.ID, hash)
			}
			if tt.check != nil {
				tt.check(t, fx)
			}
		})
	}
	// The posted document is there to read back, by hash and by caller id.
	for _, id := range []string{hash, "sofrep-izyum"} {
		if w := fx.do(t, "GET", "/api/records/"+id, ""); w.Code != 200 || decode[record.Record](t, w).Text != article {
			t.Errorf("GET record %s: %d", id, w.Code)
		}
	}
}

func TestListDocuments(t *testing.T) {
	ps := paragraphs(t)
	fx := newFixture(t, nil, nil)
	ids := fx.put(t, ps...)

	t.Run("paging", func(t *testing.T) {
		var got []string
		cursor, pages := "", 0
		for {
			w := fx.do(t, "GET", "/api/documents?limit=3&cursor="+url.QueryEscape(cursor), "")
			checkResponse(t, w)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			p := decode[store.Page](t, w)
			if len(p.Documents) > 3 {
				t.Fatalf("page of %d with limit 3", len(p.Documents))
			}
			for _, d := range p.Documents {
				got = append(got, d.ID)
			}
			pages++
			if cursor = p.Next; cursor == "" {
				break
			}
			if pages > len(ps) {
				t.Fatal("paging does not end")
			}
		}
		want := slices.Clone(ids)
		slices.Reverse(want) // newest first
		if !slices.Equal(got, want) {
			t.Errorf("paged through %d ids, want %d in order", len(got), len(want))
		}
		if wantPages := (len(ps) + 2) / 3; pages != wantPages {
			t.Errorf("%d pages, want %d", pages, wantPages)
		}
	})

	tests := []struct {
		name, q string
		want    int
	}{
		{"one name", "Zelensky", countContaining(ps, "zelensky")},
		{"two words", "Izyum counteroffensive", countBoth(ps, "izyum", "counteroffensive")},
		{"transliteration", "Izium", countContaining(ps, "izium")},
		{"nothing", "Bakhmut", 0},
	}
	for _, tt := range tests {
		t.Run("search "+tt.name, func(t *testing.T) {
			w := fx.do(t, "GET", "/api/documents?limit=200&q="+url.QueryEscape(tt.q), "")
			checkResponse(t, w)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if tt.want == 0 && !strings.Contains(w.Body.String(), `"documents":[]`) {
				t.Errorf("empty result is not an empty list: %s", w.Body)
			}
			p := decode[store.Page](t, w)
			if len(p.Documents) != tt.want {
				t.Errorf("%d documents, want %d", len(p.Documents), tt.want)
			}
		})
	}
	if n := countContaining(ps, "zelensky"); n < 2 {
		t.Fatalf("the article should name Zelensky in several paragraphs, found %d", n)
	}
}

func countContaining(ps []string, word string) (n int) {
	for _, p := range ps {
		if strings.Contains(strings.ToLower(p), word) {
			n++
		}
	}
	return n
}

func countBoth(ps []string, a, b string) (n int) {
	for _, p := range ps {
		if l := strings.ToLower(p); strings.Contains(l, a) && strings.Contains(l, b) {
			n++
		}
	}
	return n
}

func TestGetDocumentAndRecord(t *testing.T) {
	article := sharedFile(t, articlePath)
	st := newFakeStore()
	rec := record.New(record.Source{URL: "https://sofrep.com/news/izyum/", Outlet: "SOFREP", Published: "2022-05-16"}, article)
	rec.ID = "sofrep-izyum"
	rec.Boilerplate = []record.Boilerplate{{Start: 10, End: 20, Kind: "teaser"}}
	rec.Entities = []record.Entity{{Text: "Izyum", Start: 1, End: 6, Type: "GPE"}}
	if _, err := st.Put(t.Context(), []*record.Record{rec}); err != nil {
		t.Fatal(err)
	}
	hash := record.ContentHash(article)
	fx := newFixture(t, st, nil)

	for _, id := range []string{hash, "sofrep-izyum"} {
		t.Run("document "+id, func(t *testing.T) {
			w := fx.do(t, "GET", "/api/documents/"+id, "")
			checkResponse(t, w)
			got := decode[documentSummary](t, w)
			want := documentSummary{ID: hash, CallerID: "sofrep-izyum", Source: rec.Source,
				Chars: record.RuneLen(article), Record: "/api/records/" + hash}
			if want.Chars == len(article) {
				t.Fatal("the article should hold multi-byte characters")
			}
			if !strings.HasPrefix(article, strings.TrimSuffix(got.Snippet, "…")) || got.Snippet == "" {
				t.Errorf("snippet %q is not the opening of the text", got.Snippet)
			}
			got.Snippet = ""
			if got != want {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
		t.Run("record "+id, func(t *testing.T) {
			w := fx.do(t, "GET", "/api/records/"+id, "")
			checkResponse(t, w)
			got := decode[record.Record](t, w)
			if !reflect.DeepEqual(&got, rec) {
				t.Errorf("record does not round-trip:\ngot  %+v\nwant %+v", got, rec)
			}
		})
	}
}

// Article text is data. Markup in it comes back escaped inside JSON strings, with
// headers that forbid a browser to treat the response as a page.
func TestUntrustedTextStaysData(t *testing.T) {
	const script = `<script>alert(document.cookie)</script><img src=x onerror=alert(1)>`
	text := script + " & more\n\n" + paragraphs(t)[0]
	fx := newFixture(t, nil, nil)
	w := fx.do(t, "POST", "/api/documents?title="+url.QueryEscape("<b>Izyum</b>"), text, "Content-Type", "text/plain", "Authorization", "Bearer "+testToken)
	if w.Code != 201 {
		t.Fatalf("post: %d %s", w.Code, w.Body)
	}
	id := decode[postResult](t, w).ID
	for _, target := range []string{"/api/records/" + id, "/api/documents/" + id, "/api/documents?q=script"} {
		t.Run(target, func(t *testing.T) {
			w := fx.do(t, "GET", target, "")
			checkResponse(t, w)
			body := w.Body.String()
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, body)
			}
			if strings.ContainsAny(body, "<>") {
				t.Errorf("markup is not escaped: %s", body)
			}
			if !strings.Contains(body, `\u003cscript\u003e`) {
				t.Errorf("the script is missing from the response: %s", body)
			}
		})
	}
	// Escaping is transport only: a JSON client gets the text back exactly.
	if got := decode[record.Record](t, fx.do(t, "GET", "/api/records/"+id, "")).Text; got != text {
		t.Errorf("text changed on the way back: %q", got)
	}
}

func TestRequestLog(t *testing.T) {
	fx := newFixture(t, nil, nil)
	fx.do(t, "GET", "/api/documents?q=Izyum", "")
	fx.do(t, "DELETE", "/api/documents", "")
	want := []struct {
		method string
		status float64
	}{{"GET", 200}, {"DELETE", 405}}
	var got []map[string]any
	for line := range strings.Lines(fx.logs.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if m["msg"] == "http request" {
			got = append(got, m)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d request lines, want %d:\n%s", len(got), len(want), fx.logs.String())
	}
	for i, w := range want {
		m := got[i]
		if m["method"] != w.method || m["path"] != "/api/documents" || m["status"] != w.status || m[slog.LevelKey] != "INFO" {
			t.Errorf("line %d = %v", i, m)
		}
		if d, ok := m["duration"].(float64); !ok || d <= 0 {
			t.Errorf("line %d has no duration: %v", i, m)
		}
	}
}
