// Package fetch gets one document over HTTP or HTTPS without letting a hostile URL
// reach the local network or exhaust the machine.
//
// The client refuses loopback, private, link-local, unspecified, multicast and
// carrier-grade NAT addresses unless AllowPrivate is set. It checks the address
// actually dialled, after DNS resolution, so a name that resolves (or re-resolves)
// to 127.0.0.1 is refused like the literal address. Every redirect target is
// checked again, at most MaxRedirects are followed, the whole exchange is bounded
// by Timeout, and the body stops with an error at MaxBytes.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// MaxRedirects is how many redirects one fetch follows.
const MaxRedirects = 5

// UserAgent is the User-Agent sent by a sitrep of the given version.
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "sitrep/" + version + " (+https://github.com/sitrep/sitrep)"
}

// Client fetches documents. Its zero value is usable: no private addresses,
// no size cap, a 30-second timeout. A Client is safe for concurrent use and
// keeps connections alive between fetches.
type Client struct {
	// AllowPrivate lets fetches reach private, loopback and link-local addresses.
	AllowPrivate bool
	// Timeout bounds one fetch, from dialling to the last byte of the body.
	Timeout time.Duration
	// MaxBytes caps the body (after any Content-Encoding is undone); zero means no cap.
	MaxBytes int64
	// UserAgent is sent with every request; empty means UserAgent("").
	UserAgent string

	// exempt lets tests treat their own loopback server as public while still
	// refusing every other private address.
	exempt func(netip.AddrPort) bool

	once sync.Once
	hc   *http.Client
}

// Response is a successful (2xx) response.
type Response struct {
	// URL is where the document was found, after redirects.
	URL *url.URL
	// StatusCode is the HTTP status, 200–299.
	StatusCode int
	Header     http.Header
	// ContentLength is the body's length, or -1 when unknown.
	ContentLength int64
	// Body streams the document and fails with a *TooLargeError past MaxBytes.
	// The caller must close it.
	Body io.ReadCloser
}

// TooLargeError reports a body beyond the size cap.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	n := fmt.Sprintf("%d bytes", e.Limit)
	switch {
	case e.Limit >= 1<<20 && e.Limit%(1<<20) == 0:
		n = fmt.Sprintf("%d MiB", e.Limit>>20)
	case e.Limit >= 1<<10 && e.Limit%(1<<10) == 0:
		n = fmt.Sprintf("%d KiB", e.Limit>>10)
	}
	return "response is larger than the cap of " + n
}

// StatusError reports a response that is not 2xx.
type StatusError struct {
	StatusCode int
	Status     string
}

func (e *StatusError) Error() string { return "server answered " + e.Status }

// CheckURL reports whether u is a URL this package will fetch: http or https
// with a host, and not a literal address that is refused by policy.
func (c *Client) CheckURL(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	default:
		return fmt.Errorf("unsupported URL scheme %q (only http and https are fetched)", u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return errors.New("URL has no host")
	}
	// A literal address can be refused before dialling, with a clearer error;
	// names are judged at dial time on the address they resolve to.
	if a, err := netip.ParseAddr(u.Hostname()); err == nil {
		return c.checkAddr(netip.AddrPortFrom(a, port(u)))
	}
	return nil
}

func port(u *url.URL) uint16 {
	var p uint16
	if _, err := fmt.Sscan(u.Port(), &p); err == nil {
		return p
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}

func (c *Client) checkAddr(ap netip.AddrPort) error {
	if c.AllowPrivate || (c.exempt != nil && c.exempt(ap)) {
		return nil
	}
	if why := blockReason(ap.Addr()); why != "" {
		return &BlockedError{Addr: ap.Addr().Unmap(), Reason: why}
	}
	return nil
}

// control runs after DNS resolution, just before each connect: the one place
// that sees the address really dialled, whatever the name resolved to.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refusing to connect to unparsable address %q", address)
	}
	return c.checkAddr(ap)
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 30 * time.Second
}

func (c *Client) client() *http.Client {
	c.once.Do(func() {
		d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: c.control}
		tr := &http.Transport{
			// No proxy from the environment: the address checked must be the
			// address of the server, not of a proxy that forwards anywhere.
			Proxy:                  nil,
			DialContext:            d.DialContext,
			ForceAttemptHTTP2:      true,
			TLSHandshakeTimeout:    10 * time.Second,
			ResponseHeaderTimeout:  c.timeout(),
			MaxResponseHeaderBytes: 1 << 20,
			IdleConnTimeout:        60 * time.Second,
			MaxIdleConnsPerHost:    4,
		}
		c.hc = &http.Client{
			Transport: tr,
			Timeout:   c.timeout(),
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) > MaxRedirects {
					return fmt.Errorf("stopped after %d redirects", MaxRedirects)
				}
				if err := c.CheckURL(req.URL); err != nil {
					return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)
				}
				return nil
			},
		}
	})
	return c.hc
}

// Get fetches rawURL. A non-2xx status is a *StatusError; a refused address is
// a *BlockedError (reachable with errors.As).
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse URL: %w", err)
	}
	if err := c.CheckURL(u); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	ua := c.UserAgent
	if ua == "" {
		ua = UserAgent("")
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	resp, err := c.client().Do(req)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close()
		return nil, &StatusError{StatusCode: resp.StatusCode, Status: resp.Status}
	}
	if c.MaxBytes > 0 && resp.ContentLength > c.MaxBytes {
		resp.Body.Close()
		return nil, &TooLargeError{Limit: c.MaxBytes}
	}
	body := resp.Body
	if c.MaxBytes > 0 {
		body = &cappedBody{rc: resp.Body, max: c.MaxBytes}
	}
	return &Response{URL: resp.Request.URL, StatusCode: resp.StatusCode, Header: resp.Header, ContentLength: resp.ContentLength, Body: body}, nil
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// method and URL that the caller names anyway.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// cappedBody passes through at most max bytes and fails if there are more,
// reading at most one byte past the cap.
type cappedBody struct {
	rc  io.ReadCloser
	max int64
	n   int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.n > b.max {
		return 0, &TooLargeError{Limit: b.max}
	}
	if left := b.max - b.n + 1; int64(len(p)) > left {
		p = p[:left]
	}
	n, err := b.rc.Read(p)
	b.n += int64(n)
	if b.n > b.max {
		return n - int(b.n-b.max), &TooLargeError{Limit: b.max}
	}
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }

// IsURL reports whether name is meant as a URL rather than a path: it has a
// scheme followed by "://".
func IsURL(name string) bool {
	i := strings.Index(name, "://")
	if i <= 0 {
		return false
	}
	for j, r := range name[:i] {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return false
		}
	}
	return true
}
