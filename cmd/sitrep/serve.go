package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/api"
	"github.com/sitrep/sitrep/internal/metrics"
	"github.com/sitrep/sitrep/internal/picture"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/web"
	"github.com/sitrep/sitrep/internal/worker"
)

func init() {
	register("serve", "serve the store over HTTP (JSON API)", runServe)
}

type serveFlags struct {
	db, addr, tokenFile string
	tiles, tilesCredit  string // the web map's optional online tiles
}

func (f *serveFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", defaultDB(), "store: an SQLite file or a PostgreSQL URL (postgres://...) (env SITREP_DB)")
	fs.StringVar(&f.addr, "addr", envOr("SITREP_ADDR", "127.0.0.1:8080"), "address to listen on (env SITREP_ADDR)")
	fs.StringVar(&f.tokenFile, "token-file", "", "file holding the bearer token for writes (else env SITREP_TOKEN; none: writes refused)")
	fs.StringVar(&f.tiles, "tiles", "", "tile URL template for the web map when online, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: offline basemap only)")
	fs.StringVar(&f.tilesCredit, "tiles-attribution", "", "attribution shown with --tiles, e.g. \"© OpenStreetMap contributors\"")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f serveFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	st, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	return serve(ctx, st, f, stderr)
}

// serve runs the API over st until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, st store.Store, f serveFlags, stderr io.Writer) error {
	token := os.Getenv("SITREP_TOKEN")
	if f.tokenFile != "" {
		b, err := os.ReadFile(f.tokenFile)
		if err != nil {
			return fmt.Errorf("token file: %w", err)
		}
		token = strings.TrimSpace(string(b))
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	reg := metrics.New()
	// Posted documents go through the in-process queue to an embedded worker, the
	// same worker `sitrep worker` runs on a shared queue.
	work := newEmbeddedWork(st, &pipeline.Pipeline{}, log, worker.NewMetrics(reg))
	worker.QueueGauges(reg, work.q)
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	workDone := make(chan struct{})
	go func() { defer close(workDone); work.run(workCtx) }()
	defer func() { stopWork(); <-workDone }()
	srv := api.New(st, api.Config{
		Token:   token,
		Version: Version,
		Logger:  log,
		Ingest:  work.ingest,
	})
	// Operations: readiness follows the store (several API servers share one
	// PostgreSQL behind a load balancer), and /metrics counts requests.
	srv.Handle("GET /readyz", readyHandler(ctx, func(ctx context.Context) error { return pingStore(ctx, st) }))
	srv.Handle("GET /metrics", reg)
	page, err := web.New(web.Config{Tiles: f.tiles, TilesAttribution: f.tilesCredit, Version: Version})
	if err != nil {
		return err
	}
	srv.Handle("GET /{$}", page) // the web map
	srv.Handle("GET /static/", page)
	if m, ok := st.(picture.Mapper); ok {
		go m.EventDays(ctx, picture.Query{}) // loads the map's index before the first visit
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: metrics.Instrument(reg, srv), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	n, _ := st.Count(ctx)
	writes := "writes need the bearer token"
	if token == "" {
		writes = "writes refused: no token set"
	}
	fmt.Fprintf(stderr, "sitrep serving %d documents from %s on http://%s/ (%s)\n", n, storeName(f.db), ln.Addr(), writes)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
