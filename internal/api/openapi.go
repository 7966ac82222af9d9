package api

import (
	_ "embed"
	"encoding/json"
)

// openapiJSON describes every route New registers; openapi_test.go holds the two
// in step.
//
//go:embed openapi.json
var openapiJSON []byte

// openAPIDocument is the embedded document with info.version set to the running
// software's version, when one is known.
func openAPIDocument(version string) []byte {
	if version == "" {
		return openapiJSON
	}
	var doc map[string]any
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		return openapiJSON // the test proves it parses; never reached
	}
	if info, ok := doc["info"].(map[string]any); ok {
		info["version"] = version
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return openapiJSON
	}
	return append(b, '\n')
}
