package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/queue/natsq"
	"github.com/sitrep/sitrep/internal/worker"
)

func init() {
	register("deadletters", "list the documents the workers gave up on, and put them back in the queue", runDeadLetters)
}

func runDeadLetters(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("deadletters", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitrep deadletters --queue nats://HOST:4222 [--requeue] [--limit N] [--json]\n\nLists the documents 'sitrep worker' moved to the dead letters, oldest first, with\nthe number of attempts and the error. With --requeue, moves them back into the work\nqueue for a fresh set of attempts, once the cause is fixed (a new pipeline, a store\nthat refused them); the store still drops any that were stored meanwhile.\n\nFlags:")
		fs.PrintDefaults()
	}
	var qf queueFlags
	qf.register(fs, "queue whose dead letters to read")
	limit := fs.Int("limit", 100, "at most this many dead letters")
	requeue := fs.Bool("requeue", false, "move the listed dead letters back into the work queue")
	asJSON := fs.Bool("json", false, "one JSON object per dead letter")
	if err := fs.Parse(args); err != nil {
		return exitError{2}
	}
	if fs.NArg() > 0 || *limit < 1 {
		fs.Usage()
		return exitError{2}
	}
	if qf.url == "" {
		return errors.New("no queue: give --queue nats://HOST:4222 (or set SITREP_QUEUE); the in-process queue keeps no dead letters after its process ends")
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	octx, cancel := context.WithTimeout(ctx, time.Minute)
	q, err := natsq.Open(octx, qf.config(log, queue.Options{}))
	cancel()
	if err != nil {
		return err
	}
	defer q.Close()
	return deadLetters(ctx, q, *limit, *requeue, *asJSON, stdout, stderr)
}

func deadLetters(ctx context.Context, q queue.Queue, limit int, requeue, asJSON bool, stdout, stderr io.Writer) error {
	dead, err := q.DeadLetters(ctx, limit)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		for _, d := range dead {
			enc.Encode(struct {
				ID       string    `json:"id"`
				Name     string    `json:"name,omitempty"`
				Attempts int       `json:"attempts"`
				Died     time.Time `json:"died"`
				Reason   string    `json:"reason"`
			}{d.ID, worker.DocumentName(d.Body), d.Attempts, d.Died.UTC(), d.Reason})
		}
	} else if len(dead) > 0 {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DIED\tATTEMPTS\tID\tDOCUMENT\tREASON")
		for _, d := range dead {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", d.Died.UTC().Format(time.RFC3339), d.Attempts, d.ID, worker.DocumentName(d.Body), d.Reason)
		}
		tw.Flush()
	}
	if !requeue {
		fmt.Fprintf(stderr, "sitrep deadletters: %d listed\n", len(dead))
		return nil
	}
	n, err := q.Requeue(ctx, len(dead))
	fmt.Fprintf(stderr, "sitrep deadletters: %d listed, %d moved back to the work queue\n", len(dead), n)
	return err
}
