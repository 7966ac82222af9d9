// Package natstest gives tests a NATS JetStream queue of their own: uniquely named
// streams on the server named by SITREP_TEST_NATS, deleted when the test ends, or a
// private nats-server process that a test may kill and start again. Only tests
// import it.
//
// A test that needs NATS is skipped when the server cannot be reached, so that
// `go test ./...` passes on a machine with only Go; with SITREP_REQUIRE_SERVICES=1
// (as in CI) it fails instead.
package natstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/queue/natsq"
)

// DefaultURL is the server tests use when SITREP_TEST_NATS is not set.
const DefaultURL = "nats://127.0.0.1:4222"

var (
	reachOnce sync.Once
	reachErr  error
)

// URL returns the test server's URL, after checking once per process that it
// answers and has JetStream.
func URL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("SITREP_TEST_NATS")
	if url == "" {
		url = DefaultURL
	}
	reachOnce.Do(func() { reachErr = jetStreamUp(url, 5*time.Second) })
	if reachErr != nil {
		Unavailable(t, "NATS JetStream at %s (SITREP_TEST_NATS) not reachable: %v", url, reachErr)
	}
	return url
}

func jetStreamUp(url string, timeout time.Duration) error {
	nc, err := nats.Connect(url, nats.Timeout(timeout))
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	_, err = js.AccountInfo(ctx)
	return err
}

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

// Config returns a queue configuration on url with stream, subject and consumer
// names of its own; the streams are deleted when t ends.
func Config(t testing.TB, url string) natsq.Config {
	t.Helper()
	b := make([]byte, 5)
	rand.Read(b)
	id := strings.ToUpper(hex.EncodeToString(b))
	cfg := natsq.Config{
		URL:         url,
		Stream:      "SITREP_TEST_" + id,
		Subject:     "sitrep.test." + id + ".documents",
		DeadStream:  "SITREP_TEST_" + id + "_DEAD",
		DeadSubject: "sitrep.test." + id + ".dead",
		Consumer:    "workers",
		Name:        t.Name(),
	}
	t.Cleanup(func() {
		nc, err := nats.Connect(url, nats.Timeout(5*time.Second))
		if err != nil {
			return // a private server the test stopped; its directory goes with it
		}
		defer nc.Close()
		js, _ := jetstream.New(nc)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, s := range []string{cfg.Stream, cfg.DeadStream} {
			if err := js.DeleteStream(ctx, s); err != nil && err != jetstream.ErrStreamNotFound {
				t.Errorf("delete stream %s: %v", s, err)
			}
		}
	})
	return cfg
}

// Server is a private nats-server with JetStream, storing in a temporary
// directory, on a port of its own.
type Server struct {
	URL  string
	bin  string
	dir  string
	port int
	cmd  *exec.Cmd
}

// StartServer starts a private server; it is killed and its storage removed when
// t ends. It needs the nats-server binary (on PATH or in /usr/sbin).
func StartServer(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		if _, serr := os.Stat("/usr/sbin/nats-server"); serr != nil {
			Unavailable(t, "nats-server binary not found: %v", err)
		}
		bin = "/usr/sbin/nats-server"
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &Server{bin: bin, dir: t.TempDir(), port: port, URL: fmt.Sprintf("nats://127.0.0.1:%d", port)}
	t.Cleanup(func() {
		if s.cmd != nil {
			s.cmd.Process.Kill()
			s.cmd.Wait()
		}
	})
	s.Start(t)
	return s
}

// Start starts the server (again) on the same port and storage, and waits until
// JetStream answers.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	if s.cmd != nil {
		t.Fatal("natstest: server already running")
	}
	cmd := exec.Command(s.bin, "-a", "127.0.0.1", "-p", fmt.Sprint(s.port), "-js", "-sd", filepath.Join(s.dir, "js"),
		"-l", filepath.Join(s.dir, "log"))
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nats-server: %v", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := jetStreamUp(s.URL, time.Second)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
			t.Fatalf("nats-server did not come up: %v\n%s", err, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Kill stops the server with SIGKILL: no goodbye to clients, no flush.
func (s *Server) Kill(t testing.TB) { s.stop(t, syscall.SIGKILL) }

// Stop stops the server with SIGTERM, as a service manager would for a restart.
func (s *Server) Stop(t testing.TB) { s.stop(t, syscall.SIGTERM) }

func (s *Server) stop(t testing.TB, sig syscall.Signal) {
	t.Helper()
	if s.cmd == nil {
		t.Fatal("natstest: server not running")
	}
	s.cmd.Process.Signal(sig)
	s.cmd.Wait()
	s.cmd = nil
}
