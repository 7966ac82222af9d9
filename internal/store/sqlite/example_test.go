package sqlite_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sitrep/sitrep/internal/record"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func Example() {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, sqlite.Memory) // or a file path, such as "sitrep.db"
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	// From DOD News, 12 September 2022 (a work of the US government).
	text := `The military official said that "Ukrainian forces have very likely taken control of Kupiansk and Izyum in addition to smaller villages."`
	rec := record.New(record.Source{Outlet: "DOD News"}, text)
	again := record.New(record.Source{}, text+"\r\n")
	res, err := s.Put(ctx, []*record.Record{rec, again})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("stored:", !res[0].Duplicate, "duplicate:", res[1].Duplicate)

	page, err := s.List(ctx, store.Query{Text: `izyum OR Izium "smaller villages"`})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range page.Documents {
		fmt.Println(d.Source.Outlet, d.Chars, d.ID == rec.ID)
	}
	// Output:
	// stored: true duplicate: true
	// DOD News 136 true
}
