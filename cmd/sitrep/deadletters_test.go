package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/queue/natsq/natstest"
)

// A page with nothing to read goes to the dead letters; `sitrep deadletters`
// lists it with its error, and --requeue hands it to the workers again, who
// (nothing having changed) dead-letter it once more.
func TestDeadLettersCommandNATS(t *testing.T) {
	url := natstest.URL(t)
	cfg := natstest.Config(t, url)
	t.Setenv("SITREP_QUEUE", url)
	t.Setenv("SITREP_QUEUE_STREAM", cfg.Stream)
	dir := t.TempDir()
	t.Setenv("SITREP_DB", filepath.Join(dir, "w.db"))
	page := filepath.Join(dir, "izyum-nav.html")
	if err := os.WriteFile(page, []byte(`<html><head><title>Izyum</title></head><body><nav><a href="/">Home</a></nav></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runCmd(t, "", "ingest", page, foundingPath(t)); code != 0 {
		t.Fatalf("ingest --queue: exit %d\n%s", code, errs)
	}
	stopWorker, werr := start(t, "worker", "--addr", "off", "--max-attempts", "1")
	listed := func() string {
		out, errs, code := runCmd(t, "", "deadletters", "--json")
		if code != 0 {
			t.Fatalf("deadletters: exit %d\n%s", code, errs)
		}
		return out
	}
	eventually(t, "the page in the dead letters", func() bool { return strings.Contains(listed(), "izyum-nav.html") })
	out := listed()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "no readable text") || !strings.Contains(out, `"attempts":1`) {
		t.Errorf("dead letters:\n%s", out)
	}
	table, _, _ := runCmd(t, "", "deadletters")
	if !strings.Contains(table, "REASON") || !strings.Contains(table, "izyum-nav.html") {
		t.Errorf("dead letters table:\n%s", table)
	}
	_, errs, code := runCmd(t, "", "deadletters", "--requeue")
	if code != 0 || !strings.Contains(errs, "1 listed, 1 moved back") {
		t.Fatalf("requeue: exit %d\n%s", code, errs)
	}
	eventually(t, "the requeued page to die again", func() bool { return strings.Contains(listed(), "izyum-nav.html") })
	if code := stopWorker(); code != 0 {
		t.Errorf("worker exit %d:\n%s", code, werr.String())
	}
	if strings.Count(werr.String(), "document dead-lettered") != 2 {
		t.Errorf("worker log should show two deaths of the page:\n%s", werr.String())
	}
}
