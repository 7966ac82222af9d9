package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestBlockReason(t *testing.T) {
	tests := []struct {
		addr string
		want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.3.4.5", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"}, // IPv4-mapped
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"}, // cloud metadata service
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"100.64.0.1", "carrier-grade NAT"},
		{"100.127.255.254", "carrier-grade NAT"},
		{"0.1.2.3", "this-network"},
		{"255.255.255.255", "reserved"},
		{"198.18.0.1", "benchmarking"},
		{"8.8.8.8", ""},
		{"100.128.0.1", ""}, // just past CGNAT
		{"172.32.0.1", ""},  // just past 172.16/12
		{"2001:4860:4860::8888", ""},
		{"93.184.215.14", ""},
	}
	for _, tt := range tests {
		if got := blockReason(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("blockReason(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestIsURL(t *testing.T) {
	tests := map[string]bool{
		"https://www.defense.gov/News/": true,
		"http://127.0.0.1:8080/":        true,
		"file:///etc/passwd":            true, // a URL, refused later by scheme
		"gopher://example.org/":         true,
		"testdata/dod-donbas.html":      false,
		"-":                             false,
		"C:\\reports\\kherson.html":     false,
		"://nothing":                    false,
		"dir/with://inside":             false,
	}
	for in, want := range tests {
		if got := IsURL(in); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", in, got, want)
		}
	}
}

func page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<html><body><p>Kherson City is liberated.</p></body></html>")
}

func get(t *testing.T, c *Client, u string) (string, error) {
	t.Helper()
	resp, err := c.Get(context.Background(), u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// Loopback is refused by default, whether named by address or by a name that
// resolves to it, and allowed with AllowPrivate.
func TestLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(page))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	byName := "http://localhost:" + u.Port() + "/"

	for _, target := range []string{srv.URL, byName} {
		_, err := get(t, &Client{}, target)
		var be *BlockedError
		if !errors.As(err, &be) || be.Reason != "loopback" {
			t.Errorf("%s: got %v, want a loopback refusal", target, err)
		}
		body, err := get(t, &Client{AllowPrivate: true}, target)
		if err != nil || !strings.Contains(body, "liberated") {
			t.Errorf("%s with AllowPrivate: got %q, %v", target, body, err)
		}
	}
}

// exemptServer lets one test server count as public, so that redirects from
// it to other private addresses can be tested.
func exemptServer(srv *httptest.Server) func(netip.AddrPort) bool {
	want := netip.MustParseAddrPort(srv.Listener.Addr().String())
	return func(ap netip.AddrPort) bool { return ap == want }
}

func TestRedirects(t *testing.T) {
	private := httptest.NewServer(http.HandlerFunc(page))
	defer private.Close()
	pu, _ := url.Parse(private.URL)

	mux := http.NewServeMux()
	mux.HandleFunc("/page", page)
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private.URL+"/", http.StatusFound)
	})
	mux.HandleFunc("/to-localhost", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+pu.Port()+"/", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		// /hop/N redirects N more times, then serves the page.
		var n int
		fmt.Sscan(strings.TrimPrefix(r.URL.Path, "/hop/"), &n)
		if n == 0 {
			page(w, r)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &Client{exempt: exemptServer(srv)}

	tests := []struct {
		path    string
		errText string // "" for success
	}{
		{"/page", ""},
		{"/to-private", "refusing to connect to 127.0.0.1, a loopback address"},
		{"/to-localhost", "a loopback address"}, // checked when dialled
		{"/to-metadata", "refusing to connect to 169.254.169.254, a link-local address"},
		{"/to-file", `unsupported URL scheme "file"`},
		{fmt.Sprintf("/hop/%d", MaxRedirects), ""},
		{fmt.Sprintf("/hop/%d", MaxRedirects+1), fmt.Sprintf("stopped after %d redirects", MaxRedirects)},
	}
	for _, tt := range tests {
		body, err := get(t, c, srv.URL+tt.path)
		switch {
		case tt.errText == "" && (err != nil || !strings.Contains(body, "liberated")):
			t.Errorf("%s: got %q, %v; want the page", tt.path, body, err)
		case tt.errText != "" && (err == nil || !strings.Contains(err.Error(), tt.errText)):
			t.Errorf("%s: got error %v, want one containing %q", tt.path, err, tt.errText)
		}
	}
}

func TestSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "gopher://example.org/", "ftp://ftp.example.org/x", "javascript://alert(1)", "http:///nohost"} {
		_, err := get(t, &Client{AllowPrivate: true}, u)
		if err == nil {
			t.Errorf("%s: fetched, want a refusal", u)
		}
	}
}

// countingWriter serves n bytes and records how many were written.
func TestSizeCap(t *testing.T) {
	const n = 4 << 20
	mux := http.NewServeMux()
	mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(n))
		w.Write(make([]byte, n))
	})
	mux.HandleFunc("/streamed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		chunk := []byte(strings.Repeat("Kherson ", 1024))
		for i := 0; i < n/len(chunk); i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/small", page)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &Client{AllowPrivate: true, MaxBytes: 64 << 10}

	var tle *TooLargeError
	if _, err := c.Get(context.Background(), srv.URL+"/declared"); !errors.As(err, &tle) {
		t.Errorf("declared length over the cap: got %v, want TooLargeError before the body", err)
	}
	body, err := get(t, c, srv.URL+"/streamed")
	if !errors.As(err, &tle) || int64(len(body)) != c.MaxBytes {
		t.Errorf("streamed body: got %d bytes, %v; want %d bytes and TooLargeError", len(body), err, c.MaxBytes)
	}
	if body, err := get(t, c, srv.URL+"/small"); err != nil || !strings.Contains(body, "liberated") {
		t.Errorf("small body: got %q, %v", body, err)
	}
}

// The capped body never reads more than one byte past the cap.
func TestCappedBodyReadsLittle(t *testing.T) {
	src := &countReader{}
	b := &cappedBody{rc: io.NopCloser(src), max: 1000}
	n, err := io.Copy(io.Discard, b)
	var tle *TooLargeError
	if n != 1000 || !errors.As(err, &tle) {
		t.Errorf("copied %d bytes, %v; want 1000 and TooLargeError", n, err)
	}
	if src.n > 1001 {
		t.Errorf("read %d bytes from the source, want at most 1001", src.n)
	}
}

type countReader struct{ n int }

func (c *countReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	c.n += len(p)
	return len(p), nil
}

func TestStatusAndUserAgent(t *testing.T) {
	var ua string
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		page(w, r)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := &Client{AllowPrivate: true, UserAgent: UserAgent("1.2.3")}
	if _, err := get(t, c, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if want := "sitrep/1.2.3 (+https://github.com/sitrep/sitrep)"; ua != want {
		t.Errorf("User-Agent %q, want %q", ua, want)
	}
	_, err := get(t, c, srv.URL+"/gone")
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusGone || !strings.Contains(err.Error(), "410 Gone") {
		t.Errorf("got %v, want a 410 StatusError", err)
	}
}

// A server that never answers is given up on at the timeout.
func TestTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	_, err := get(t, &Client{AllowPrivate: true, Timeout: 50 * time.Millisecond}, srv.URL)
	var ne net.Error
	if err == nil || !strings.Contains(err.Error(), "timed out") && !(errors.As(err, &ne) && ne.Timeout()) {
		t.Errorf("got %v, want a timeout", err)
	}
}
