package main

import (
	"context"
	"net/url"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// openStore opens the store named by dsn: a PostgreSQL database for a
// postgres:// or postgresql:// URL (shared by workers and API servers on several
// machines), else an SQLite file (one machine).
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	if postgres.IsDSN(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// storeName is dsn for messages: a URL without its password.
func storeName(dsn string) string {
	if !postgres.IsDSN(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "a PostgreSQL database (unreadable DSN)"
	}
	return u.Redacted()
}

// pingStore checks that st answers, for readiness probes.
func pingStore(ctx context.Context, st store.Store) error {
	if p, ok := st.(interface{ Ping(context.Context) error }); ok {
		return p.Ping(ctx)
	}
	_, err := st.Count(ctx)
	return err
}
