package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigInput writes a JSON Lines file of n distinct articles made from the
// example articles, each copy marked so that it is not a duplicate.
func bigInput(t *testing.T, n int) string {
	t.Helper()
	var texts []string
	for _, f := range []string{"text/moscow-coalition-call.txt", "text/metrojet-bomb-confirmed.txt", "text/un-resolution-2249.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "jsonl", "wire.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var rec struct{ Text string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, rec.Text)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range n {
		day := time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%90)
		if err := enc.Encode(map[string]string{
			"id":   fmt.Sprintf("copy-%d", i),
			"date": day.Format(time.DateOnly),
			"text": texts[i%len(texts)] + fmt.Sprintf("\n\n(Copy %d of this story.)", i),
		}); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "big.jsonl")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Kill kg ingest at random points; after each kill the store holds whole
// documents only and agrees with them (kg check); finishing the ingest then
// gives exactly the store of an uninterrupted run.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills kg twenty times")
	}
	input := bigInput(t, 900)
	dir := t.TempDir()

	ref := filepath.Join(dir, "ref.db")
	start := time.Now()
	mustKG(t, ref, "ingest", "--batch", "16", input)
	full := time.Since(start)
	want := mustKG(t, ref, "export", "--format", "json")

	db := filepath.Join(dir, "killed.db")
	rng := rand.New(rand.NewSource(20151113))
	kills := 0
	for i := range 20 {
		cmd := exec.Command(kgBin, "--db", db, "ingest", "--batch", "16", input)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(full/2 + 1))))
		if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
			kills++
		}
		_ = cmd.Wait()
		if _, err := os.Stat(filepath.Join(db, "MANIFEST")); errors.Is(err, fs.ErrNotExist) {
			// Killed before it opened the store (loading the models, say,
			// on a busy machine): there is nothing to check.
			t.Logf("kill %d came before the store was created", i)
			continue
		}
		out, errs, code := kg(t, db, "", "check")
		if code != 0 {
			t.Fatalf("kill %d: kg check: exit %d\n%s%s\ningest said: %s", i, code, out, errs, errb.String())
		}
	}
	t.Logf("%d of 20 runs killed with SIGKILL; kg check found the store whole after each", kills)
	_, errs, code := kg(t, db, "", "ingest", "--batch", "16", input)
	if code != 0 {
		t.Fatalf("final ingest: exit %d: %s", code, errs)
	}
	if got := mustKG(t, db, "export", "--format", "json"); got != want {
		t.Errorf("after %d kills and a final run, the store differs from an uninterrupted run's", kills)
	}
	mustKG(t, db, "check")
}

// SIGINT and SIGTERM stop an ingest after the current batch, with a message.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an ingest")
	}
	input := bigInput(t, 600)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		db := filepath.Join(t.TempDir(), "kg.db")
		cmd := exec.Command(kgBin, "--db", db, "ingest", "--batch", "8", input)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(700 * time.Millisecond)
		_ = cmd.Process.Signal(sig)
		err := cmd.Wait()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 130 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("%v: %v, stderr %q; want exit 130 and a message", sig, err, errb.String())
		}
		mustKG(t, db, "check")
	}
}

// Commands that do not stop cleanly on their own (training, evaluation,
// tagging) end at once on SIGINT, as any tool does, instead of ignoring it.
func TestInterruptOtherCommands(t *testing.T) {
	for _, args := range [][]string{{"tag", "pos"}, {"parse"}} {
		cmd := exec.Command(kgBin, args...)
		stdin, err := cmd.StdinPipe() // left open: the command waits for input
		if err != nil {
			t.Fatal(err)
		}
		defer stdin.Close()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("kg %v: exit 0 after SIGINT", args)
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("kg %v still runs 10 s after SIGINT", args)
		}
	}
}
