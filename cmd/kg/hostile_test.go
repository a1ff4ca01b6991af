package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Hostile input: each bad file gets a clear message naming it, the good
// files beside it are ingested, nothing stored is lost, and memory stays
// bounded.
func TestHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(in, "empty-dir"), 0o755))
	write := func(name string, b []byte) {
		t.Helper()
		p := filepath.Join(in, name)
		must(os.MkdirAll(filepath.Dir(p), 0o755))
		must(os.WriteFile(p, b, 0o644))
	}
	good := "Talks were held\n\nAngela Merkel met Francois Hollande in Paris on Monday.\n"
	write("good.txt", []byte(good))
	write("binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00"))
	write("nul.txt", []byte("Vladimir Putin\x00 spoke\x00 in\x00 Moscow\x00\x00\x00\x00\x00\x00\x00 today."))
	write("latin1.txt", []byte("Caf\xe9 talks\n\nFran\xe7ois Hollande met Jos\xe9 Manuel Barroso in M\xe1laga.\n"))
	write("cp1252.html", []byte(`<html><head><meta charset="windows-1252"><title>Talks</title></head><body><article><h1>Talks</h1>`+
		"<p>\x93We will win,\x94 said Fran\xe7ois Hollande in Paris on Monday \x96 the day after the attacks.</p>"+
		"<p>Angela Merkel met him in Berlin on Tuesday to discuss the crisis at length with her ministers.</p></article></body></html>"))
	var nested strings.Builder
	nested.WriteString("<html><body>")
	for range 20000 {
		nested.WriteString("<div>")
	}
	nested.WriteString("<p>Deep inside, Barack Obama spoke in Washington.</p>")
	write("nested.html", []byte(nested.String()))
	write("scripts.html", []byte(`<html><head><title>X</title><style>body{color:red}</style><script>alert("Vladimir Putin")</script></head>`+
		`<body><article><p>Recep Tayyip Erdogan spoke in Ankara on Monday about the downing of the jet near the Syrian border.</p>`+
		`<p>He said Turkey would defend its airspace and its borders against any intrusion.</p><script>document.write("x")</script></article></body></html>`))
	write("broken.jsonl", []byte(`{"text":"David Cameron spoke in London."}`+"\n"+`{"text": "unterminated`+"\n"+`{"text":"Matteo Renzi spoke in Rome."}`+"\n"))
	write("baddate.rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`+
		`<item><title>A</title><pubDate>the 45th of Brumaire</pubDate><description>Ban Ki-moon spoke in New York.</description></item></channel></rss>`))
	write("long-line.txt", bytes.Repeat([]byte("Sergei Lavrov met John Kerry in Vienna and "), 1<<20/43))
	big := bytes.Repeat([]byte("Jens Stoltenberg spoke in Brussels about NATO. "), 100<<20/46)
	write("huge.txt", big)
	write("unreadable.txt", []byte("secret"))
	must(os.Chmod(filepath.Join(in, "unreadable.txt"), 0))
	must(os.Symlink(in, filepath.Join(in, "loop")))

	db := filepath.Join(dir, "kg.db")
	mustKG(t, db, "ingest", "--date", "2015-11-16", filepath.Join(in, "good.txt"))
	before := entitiesJSON(t, db)

	cmd := exec.Command("/usr/bin/time", "-f", "maxrss %M", kgBin, "--db", db, "ingest", "--date", "2015-11-16", in)
	if _, err := exec.LookPath("/usr/bin/time"); err != nil {
		cmd = exec.Command(kgBin, "--db", db, "ingest", "--date", "2015-11-16", in)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	errs := errb.String()
	t.Logf("ingest of the hostile folder:\n%s", errs)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1 (some inputs failed)", err)
	}
	for _, name := range []string{"binary.txt", "nul.txt", "broken.jsonl:2", "huge.txt", "nested.html", "latin1.txt"} {
		if !strings.Contains(errs, name) {
			t.Errorf("no message naming %s", name)
		}
	}
	if os.Geteuid() != 0 && !strings.Contains(errs, "unreadable.txt") {
		t.Errorf("no message naming unreadable.txt")
	}
	var rss int
	if i := strings.LastIndex(errs, "maxrss "); i >= 0 {
		fmt.Sscanf(errs[i:], "maxrss %d", &rss)
		if rss > 1<<20 { // KB
			t.Errorf("peak memory %d MB on hostile input", rss>>10)
		}
	}
	after := entitiesJSON(t, db)
	names := map[string]bool{}
	for _, e := range after {
		names[e.Name] = true
		for _, a := range e.Aliases {
			names[a.Name] = true
		}
	}
	for _, e := range before {
		if !names[e.Name] {
			t.Errorf("%s was lost", e.Name)
		}
	}
	for _, want := range []string{"Recep Tayyip Erdogan", "David Cameron", "Matteo Renzi", "Sergei Lavrov", "Ban Ki-moon", "José Manuel Barroso"} {
		if !names[want] {
			t.Errorf("%s (from a good part of the hostile folder) was not ingested", want)
		}
	}
	for _, e := range after {
		if strings.Contains(e.Name, "\x00") || strings.Contains(e.Name, "<") {
			t.Errorf("entity name %q carries markup or NUL bytes", e.Name)
		}
	}
	mustKG(t, db, "check")
}
