package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

// A later feature adds its routes to the same server, and gets the same headers,
// logging and JSON errors.
func ExampleServer_Handle() {
	srv := New(newFakeStore(), Config{Logger: discardLogger})
	srv.Handle("GET /api/version", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"version":"dev"}`)
	}))
	for _, target := range []string{"/api/version", "/api/versions"} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Print(w.Code, " ", w.Header().Get("X-Content-Type-Options"), " ", w.Body)
	}
	// Output:
	// 200 nosniff {"version":"dev"}
	// 404 nosniff {"error":"not found","status":404}
}
