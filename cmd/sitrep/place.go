package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep/internal/gazetteer"
	"github.com/sitrep/sitrep/internal/places"
)

func init() {
	register("place", "look a place name up: its candidates and why the top one wins", runPlace)
}

func runPlace(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("place", flag.ContinueOnError)
	fs.SetOutput(stderr)
	context := fs.String("context", "", "a sentence or document the name occurs in (- reads it from stdin)")
	limit := fs.Int("n", 10, "candidates to show")
	asJSON := fs.Bool("json", false, "write the explanation as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep place [flags] NAME\n\nLooks NAME up in the built-in gazetteer under every spelling (Kharkov, Kharkiv, Харків),\nscores each candidate as the geoparser does, alone or in --context, and says why the\nbest one wins.\n\nFlags:")
		fs.PrintDefaults()
	}
	// Flags may come before or after the name's words.
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return exitError{2}
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
	name := strings.TrimSpace(strings.Join(words, " "))
	if name == "" {
		fs.Usage()
		return exitError{2}
	}
	text := *context
	if text == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("read context: %w", err)
		}
		text = string(b)
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	p := places.New(g, places.Options{Demonyms: true})
	xs := p.Explain(text, name)
	if len(xs) == 0 {
		// Not recognised as a place in running text (a common word, a person's
		// name): still show what the gazetteer holds.
		cs := g.Lookup(name)
		if *asJSON {
			return json.NewEncoder(stdout).Encode(cs)
		}
		if len(cs) == 0 {
			fmt.Fprintf(stdout, "%q: no place of that name\n", name)
			return exitError{1}
		}
		fmt.Fprintf(stdout, "%q is not read as a place here; the gazetteer holds:\n", name)
		for i, c := range cs {
			if i == *limit {
				break
			}
			fmt.Fprintf(stdout, "  %s [%s: %s]\n", c.Place.String(), c.Match, c.Key)
		}
		return nil
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(xs)
	}
	for _, x := range xs {
		top := x.Readings[0]
		fmt.Fprintf(stdout, "%q at %d–%d → %s, %s (confidence %.2f", x.Surface, x.Start, x.End, top.Name, top.Kind(), x.Confidence)
		if x.Metonymic {
			fmt.Fprint(stdout, ", metonymic")
		}
		if x.Demonym {
			fmt.Fprint(stdout, ", a demonym")
		}
		fmt.Fprintln(stdout, ")")
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  #\tscore\tprior\tplace\tid\tlat,lon\twhy")
		for i, r := range x.Readings {
			if i == *limit {
				fmt.Fprintf(tw, "  …\t\t\t%d more\t\t\t\n", len(x.Readings)-i)
				break
			}
			where := r.Country
			if r.Admin1 != "" {
				where += "." + r.Admin1
			}
			// A GeoNames id, else the source's own (a river's register number).
			id := "-"
			switch {
			case r.ID != 0:
				id = fmt.Sprint(r.ID)
			case r.Ref != "":
				id = r.Ref
			}
			fmt.Fprintf(tw, "  %d\t%.1f\t%.1f\t%s (%s, %s)\t%s\t%.4f,%.4f\t%s\n", i+1, r.Score, r.Prior, r.Name, r.Code, where, id, r.Lat, r.Lon, strings.Join(r.Reason, "; "))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if len(x.Readings) > 1 {
			fmt.Fprintf(stdout, "  %s wins by %.1f over %s.\n", top.Name, top.Score-x.Readings[1].Score, x.Readings[1].Name)
		}
	}
	return nil
}
