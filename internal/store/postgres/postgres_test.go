package postgres

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/internal/picture/picturetest"
	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres/pgtest"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// suite runs the shared conformance checks on stores in schemas of their own.
func suite() *storetest.Suite {
	var (
		mu    sync.Mutex
		dsnOf = map[store.Store]string{}
	)
	open := func(t testing.TB, dsn string) store.Store {
		t.Helper()
		st, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		dsnOf[st] = dsn
		mu.Unlock()
		return st
	}
	return &storetest.Suite{
		NewStore: func(t testing.TB) store.Store { return open(t, pgtest.Schema(t)) },
		Reopen: func(t testing.TB, st store.Store) store.Store {
			mu.Lock()
			dsn := dsnOf[st]
			mu.Unlock()
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			return open(t, dsn)
		},
	}
}

func TestPostgresConformance(t *testing.T) {
	pgtest.ServerDSN(t)
	suite().RunTests(t)
}

func BenchmarkPostgres(b *testing.B) {
	pgtest.ServerDSN(b)
	suite().RunBenchmarks(b)
}

func openTest(t *testing.T, dsn string) *Store {
	t.Helper()
	st, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Workers and API servers start together: their migrations must not collide, and
// the schema ends up at the latest version exactly once.
func TestPostgresConcurrentOpen(t *testing.T) {
	dsn := pgtest.Schema(t)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			st, err := Open(context.Background(), dsn)
			if err != nil {
				errs <- err
				return
			}
			st.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := openTest(t, dsn)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n, max int
	err = st.pool.QueryRow(context.Background(), "SELECT count(*), max(version) FROM schema_migrations").Scan(&n, &max)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || max != ms[len(ms)-1].version {
		t.Errorf("schema_migrations has %d rows up to version %d, want %d up to %d", n, max, len(ms), ms[len(ms)-1].version)
	}
}

// A database migrated by a newer sitrep is refused rather than written in a shape
// this one does not know.
func TestPostgresNewerSchemaRefused(t *testing.T) {
	dsn := pgtest.Schema(t)
	st := openTest(t, dsn)
	if _, err := st.pool.Exec(context.Background(), "INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')"); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), dsn)
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("open a newer schema: got %v, want an error saying it is newer", err)
	}
}

// Two schemas on one server are two stores: what one holds the other does not.
func TestPostgresSchemasIsolated(t *testing.T) {
	a, b := openTest(t, pgtest.Schema(t)), openTest(t, pgtest.Schema(t))
	ctx := context.Background()
	recs := storetest.Records(3)
	if _, err := a.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	if n, err := b.Count(ctx); err != nil || n != 0 {
		t.Fatalf("second schema: count %d, %v; want 0", n, err)
	}
	if _, err := b.Get(ctx, recs[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second schema: get: %v, want ErrNotFound", err)
	}
}

func TestPostgresBadDSN(t *testing.T) {
	for _, dsn := range []string{
		"postgres://postgres:secret@127.0.0.1:1/test?sslmode=disable&connect_timeout=2",
		"postgres://postgres:secret@[::1/x",
	} {
		_, err := Open(context.Background(), dsn)
		if err == nil {
			t.Errorf("open %s: no error", dsn)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("open: error %q shows the password", err)
		}
	}
}

func TestPostgresPlacesIn(t *testing.T) {
	st := openTest(t, pgtest.Schema(t))
	ctx := context.Background()
	recs := storetest.Records(3)
	kharkiv := record.Place{Text: "Kharkiv", GeonameID: 706483, Name: "Kharkiv", Lat: 49.98081, Lon: 36.25272}
	kupiansk := record.Place{Text: "Kupiansk", GeonameID: 704508, Name: "Kupiansk", Lat: 49.71055, Lon: 37.61517}
	// Lviv, far to the west, must stay out of a box around the Kharkiv front.
	lviv := record.Place{Text: "Lviv", GeonameID: 702550, Name: "Lviv", Lat: 49.83826, Lon: 24.02324}
	recs[0].Places = []record.Place{kharkiv, lviv}
	recs[1].Places = []record.Place{kupiansk}
	recs[2].Places = []record.Place{}
	for _, r := range recs {
		if _, err := st.Put(ctx, []*record.Record{r}); err != nil {
			t.Fatal(err)
		}
	}
	// A duplicate adds no mentions.
	if _, err := st.Put(ctx, recs[:1]); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		box  Box
		want []string
	}{
		{"kharkiv front", Box{South: 49, West: 35, North: 51, East: 38}, []string{"Kupiansk", "Kharkiv"}},
		{"lviv", Box{South: 49, West: 23, North: 51, East: 25}, []string{"Lviv"}},
		{"empty sea", Box{South: 44, West: 31, North: 45, East: 32}, nil},
		{"across the antimeridian", Box{South: 40, West: 170, North: 60, East: 30}, []string{"Lviv"}},
	}
	for _, c := range cases {
		ms, err := st.PlacesIn(ctx, c.box, 0)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Name)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	if _, err := st.PlacesIn(ctx, Box{South: 50, North: 40}, 0); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("inverted box: %v, want ErrBadQuery", err)
	}
}

// The index holds folded words at their positions; check it from the server's side.
func TestPostgresSearchVector(t *testing.T) {
	st := openTest(t, pgtest.Schema(t))
	ctx := context.Background()
	r := record.New(record.Source{}, "Černochová met Reznikov in Слов'янськ.")
	if _, err := st.Put(ctx, []*record.Record{r}); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := st.pool.QueryRow(ctx, "SELECT search::text FROM documents").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if want := "'cernochova':1 'met':2 'reznikov':3 'in':4 'слов':5 'янськ':6"; !sameLexemes(v, want) {
		t.Errorf("tsvector %s, want %s", v, want)
	}
}

func sameLexemes(a, b string) bool {
	x, y := strings.Fields(a), strings.Fields(b)
	if len(x) != len(y) {
		return false
	}
	m := map[string]bool{}
	for _, f := range x {
		m[f] = true
	}
	for _, f := range y {
		if !m[f] {
			return false
		}
	}
	return true
}

// The PostgreSQL store answers the picture's conformance suite, as SQLite does.
func TestPostgresPictureConformance(t *testing.T) {
	s := &picturetest.Suite{NewStore: func(t testing.TB) picturetest.Store {
		st, err := Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}}
	s.Run(t)
}
