package api

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The OpenAPI document and the router must agree: every route served is described,
// and every operation described is served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	fx := newFixture(t, nil, nil)
	w := fx.do(t, "GET", "/api/openapi.json", "")
	checkResponse(t, w)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Version string `json:"version"`
		} `json:"info"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	if doc.Info.Version != "v0.0.0-test" {
		t.Errorf("info.version %q, want the configured version", doc.Info.Version)
	}

	var described []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				described = append(described, strings.ToUpper(method)+" "+path)
			}
		}
	}
	served := slices.Clone(fx.srv.routes)
	slices.Sort(described)
	slices.Sort(served)
	for _, r := range served {
		if !slices.Contains(described, r) {
			t.Errorf("route %q is served but not in openapi.json", r)
		}
	}
	for _, d := range described {
		if !slices.Contains(served, d) {
			t.Errorf("openapi.json describes %q, which is not served", d)
		}
	}
	if len(served) < 6 {
		t.Errorf("only %d routes registered: %v", len(served), served)
	}
}

// Every $ref in the document points at something that exists.
func TestOpenAPIRefsResolve(t *testing.T) {
	var doc any
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if ref, ok := x.(string); ok && k == "$ref" {
					n++
					if !resolves(doc, ref) {
						t.Errorf("$ref %q does not resolve", ref)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	if n == 0 {
		t.Error("no $ref found: the walk is broken")
	}
	if resolves(doc, "#/components/schemas/Nothing") {
		t.Error("resolves accepts a missing schema")
	}
}

func resolves(doc any, ref string) bool {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	cur := doc
	for key := range strings.SplitSeq(path, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[key]; !ok {
			return false
		}
	}
	return true
}

// Without a version the document is served as embedded.
func TestOpenAPIWithoutVersion(t *testing.T) {
	if got := openAPIDocument(""); string(got) != string(openapiJSON) {
		t.Error("document changed without a version to set")
	}
	var doc map[string]any
	if err := json.Unmarshal(openAPIDocument("1.2.3"), &doc); err != nil {
		t.Fatal(err)
	}
	if v := doc["info"].(map[string]any)["version"]; v != "1.2.3" {
		t.Errorf("version %v", v)
	}
}
