package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlaceCommand(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want []string // substrings of stdout
	}{
		{[]string{"place", "Izyum"}, 0, []string{"Izium", "707292", "alias"}},
		{[]string{"place", "Kharkov", "-n", "2"}, 0, []string{"Kharkiv", "706483", "wins by"}},
		{[]string{"place", "--context", "Ukrainian troops retook Lyman, Donetsk region.", "Lyman"}, 0, []string{"704204", `qualified by "Donetsk`}},
		{[]string{"place", "Kelly"}, 0, []string{"is not read as a place here"}},
		{[]string{"place", "--context", "Troops crossed the Seversky Donets.", "Seversky Donets"}, 0, []string{"Siverskyi Donets", "srgn:F-551"}},
		{[]string{"place", "--context", "Shelling hit the Izyum district.", "Izyum district"}, 0, []string{"Izium Raion (ADM2, UA.07)"}},
		{[]string{"place", "Qwzxv"}, 1, []string{"no place of that name"}},
		{[]string{"place"}, 2, nil},
	}
	for _, tt := range tests {
		out, _, code := runCmd(t, "", tt.args...)
		if code != tt.code {
			t.Errorf("%q: exit %d, want %d", tt.args, code, tt.code)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: output lacks %q:\n%s", tt.args, w, out)
			}
		}
	}
}

func TestPlaceJSON(t *testing.T) {
	out, _, code := runCmd(t, "Russia said that Kup’yansk was quiet.", "place", "-json", "-context", "-", "Kup’yansk")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var xs []struct {
		Surface  string
		Readings []struct{ ID int64 }
	}
	if err := json.Unmarshal([]byte(out), &xs); err != nil {
		t.Fatal(err)
	}
	if len(xs) != 1 || xs[0].Readings[0].ID != 703656 {
		t.Errorf("got %s", out)
	}
}

// A small corpus in each of the two forms the command reads.
func TestEvalGeoparse(t *testing.T) {
	dir := t.TempDir()
	eupeg := filepath.Join(dir, "tiny")
	os.MkdirAll(filepath.Join(eupeg, "peers"), 0o755)
	doc := `{"id": 1, "text": "Shelling hit Kharkiv and Izium.", "gold": [{"surface": "Kharkiv", "start": 13, "end": 20, "lat": 49.98, "lon": 36.25}, {"surface": "Izium", "start": 25, "end": 30, "lat": 49.21, "lon": 37.28}]}` + "\n"
	peer := `{"id": 1, "pred": [{"surface": "Kharkiv", "start": 13, "end": 20, "lat": 40.0, "lon": 45.0}]}` + "\n"
	os.WriteFile(filepath.Join(eupeg, "docs.jsonl"), []byte(doc), 0o644)
	os.WriteFile(filepath.Join(eupeg, "peers", "Other.jsonl"), []byte(peer), 0o644)
	news := filepath.Join(dir, "news")
	os.MkdirAll(news, 0o755)
	os.WriteFile(filepath.Join(news, "001.json"), []byte(`{"id": "001", "text": "Kyiv is calm.", "toponyms": [{"text": "Kyiv", "start": 0, "end": 4, "lat": 50.45, "lon": 30.52}]}`), 0o644)

	out, errOut, code := runCmd(t, "", "eval", "geoparse", eupeg, news)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) > 2 {
			lines[f[0]+"/"+f[1]] = f
		}
	}
	// columns: corpus system P R F1 Acc@161 AUC mean median F1@161 gold pred
	if f := lines["tiny/sitrep"]; len(f) != 12 || f[4] != "1.000" || f[9] != "1.000" {
		t.Errorf("tiny/sitrep row: %q\n%s", f, out)
	}
	if f := lines["tiny/Other"]; len(f) != 12 || f[2] != "1.000" || f[9] != "0.000" {
		t.Errorf("tiny/Other row: %q\n%s", f, out)
	}
	if f := lines["news/sitrep"]; len(f) != 12 || f[9] != "1.000" {
		t.Errorf("news/sitrep row: %q\n%s", f, out)
	}
	if _, _, code := runCmd(t, "", "eval", "geoparse", filepath.Join(dir, "missing")); code == 0 {
		t.Error("a missing corpus gave exit 0")
	}
}
