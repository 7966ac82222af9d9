// Package pgtest gives tests a PostgreSQL database of their own: a fresh schema on
// the server named by SITREP_TEST_POSTGRES, dropped when the test ends, or a
// private server (Cluster) that a test may stop and start. Only tests import it.
//
// A test that needs PostgreSQL is skipped when the server cannot be reached, so
// that `go test ./...` passes on a machine with only Go; with
// SITREP_REQUIRE_SERVICES=1 (as in CI) it fails instead.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultDSN is the server tests use when SITREP_TEST_POSTGRES is not set.
const DefaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// Unavailable skips t because a service is missing, or fails it when
// SITREP_REQUIRE_SERVICES=1.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("SITREP_REQUIRE_SERVICES") == "1" {
		t.Fatalf("%s (SITREP_REQUIRE_SERVICES=1)", msg)
	}
	t.Skipf("%s; skipping (set SITREP_REQUIRE_SERVICES=1 to fail instead)", msg)
}

var (
	reachOnce sync.Once
	reachErr  error
)

// ServerDSN returns the DSN of the test server, after checking once per process
// that it answers.
func ServerDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SITREP_TEST_POSTGRES")
	if dsn == "" {
		dsn = DefaultDSN
	}
	reachOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			reachErr = err
			return
		}
		reachErr = conn.Ping(ctx)
		conn.Close(ctx)
	})
	if reachErr != nil {
		Unavailable(t, "PostgreSQL at %s (SITREP_TEST_POSTGRES) not reachable: %v", redact(dsn), reachErr)
	}
	return dsn
}

// redact drops a password from a URL DSN, for messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}

// Schema returns a DSN for the test server whose search_path is a new, empty
// schema, dropped with everything in it when t ends.
func Schema(t testing.TB) string {
	t.Helper()
	base := ServerDSN(t)
	name := "sitrep_test_" + randomHex(6)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	return WithSearchPath(t, base, name)
}

// WithSearchPath returns dsn with its search_path set to schema.
func WithSearchPath(t testing.TB, dsn, schema string) string {
	t.Helper()
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("SITREP_TEST_POSTGRES: %v", err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Cluster is a private PostgreSQL server in a temporary directory, for tests that
// stop and start the database under running code. It needs the server binaries
// (/usr/lib/postgresql/*/bin) and root, to run them as the postgres user.
type Cluster struct {
	DSN  string
	bin  string
	dir  string
	port int
	user *user.User
}

// NewCluster creates and starts a private server; it is stopped and removed when
// t ends.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		Unavailable(t, "no PostgreSQL server binaries under /usr/lib/postgresql")
	}
	slices.SortFunc(bins, func(a, b string) int { return version(b) - version(a) })
	pg, err := user.Lookup("postgres")
	if err != nil || os.Geteuid() != 0 {
		Unavailable(t, "a private PostgreSQL server needs root and a postgres user (euid %d, %v)", os.Geteuid(), err)
	}
	dir, err := os.MkdirTemp("", "sitrep-pg-")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(pg.Uid)
	gid, _ := strconv.Atoi(pg.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		os.RemoveAll(dir)
		t.Fatal(err)
	}
	c := &Cluster{bin: filepath.Dir(bins[0]), dir: dir, port: freePort(t), user: pg}
	t.Cleanup(func() {
		c.pgctl("stop", "-m", "immediate") // may already be stopped
		os.RemoveAll(dir)
	})
	data := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	c.DSN = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	c.Start(t)
	return c
}

func version(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// run runs a server binary as the postgres user.
func (c *Cluster) run(name string, args ...string) ([]byte, error) {
	args = append([]string{"-u", "postgres", "--", filepath.Join(c.bin, name)}, args...)
	cmd := exec.Command("runuser", args...)
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

func (c *Cluster) pgctl(args ...string) ([]byte, error) {
	return c.run("pg_ctl", append([]string{"-D", filepath.Join(c.dir, "data"), "-w", "-t", "60"}, args...)...)
}

// Start starts the server and waits until it accepts connections.
func (c *Cluster) Start(t testing.TB) {
	t.Helper()
	// fsync is off: the tests kill the server process, not the machine, and the
	// operating system keeps what was written.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50", c.port, c.dir)
	if out, err := c.pgctl("start", "-l", filepath.Join(c.dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		t.Fatalf("start PostgreSQL: %v\n%s\n%s", err, out, log)
	}
}

// Stop stops the server; mode is a pg_ctl shutdown mode (smart, fast, immediate).
func (c *Cluster) Stop(t testing.TB, mode string) {
	t.Helper()
	if out, err := c.pgctl("stop", "-m", mode); err != nil {
		t.Fatalf("stop PostgreSQL: %v\n%s", err, out)
	}
}
