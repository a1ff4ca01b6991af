package store

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestParseMapsLine(t *testing.T) {
	for _, tc := range []struct {
		line       string
		start, end uintptr
		path       string
		ok         bool
	}{
		{"7f1c2a000000-7f1c2a200000 rw-s 00000000 fe:00 1234    /tmp/db/000012.sst", 0x7f1c2a000000, 0x7f1c2a200000, "/tmp/db/000012.sst", true},
		{"7f1c2a000000-7f1c2a200000 r--s 00000000 fe:00 1234    /tmp/my db/000012.sst", 0x7f1c2a000000, 0x7f1c2a200000, "/tmp/my db/000012.sst", true},
		{"7f1c2a000000-7f1c2a200000 rw-s 00000000 fe:00 1234    /tmp/db/000012.sst (deleted)", 0x7f1c2a000000, 0x7f1c2a200000, "/tmp/db/000012.sst (deleted)", true},
		{"7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0                          [stack]", 0x7ffd1c000000, 0x7ffd1c021000, "[stack]", true},
		{"c000000000-c004000000 rw-p 00000000 00:00 0 ", 0, 0, "", false},
		{"zz-c004000000 rw-p 00000000 00:00 0 /x", 0, 0, "", false},
		{"c004000000-c000000000 rw-p 00000000 00:00 0 /x", 0, 0, "", false},
		{"", 0, 0, "", false},
	} {
		start, end, path, ok := parseMapsLine(tc.line)
		if ok != tc.ok || ok && (start != tc.start || end != tc.end || path != tc.path) {
			t.Errorf("parseMapsLine(%q) = %#x, %#x, %q, %v; want %#x, %#x, %q, %v",
				tc.line, start, end, path, ok, tc.start, tc.end, tc.path, tc.ok)
		}
	}
}

// mappingRSS returns the resident bytes of the mappings of path, from
// /proc/self/smaps.
func mappingRSS(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var rss int64
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) >= 5 && strings.Contains(f[0], "-") && len(f[1]) == 4 {
			// A mapping's first line; an anonymous one has no path.
			_, _, p, _ := parseMapsLine(line)
			in = p == path
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			kb, err := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			rss += kb << 10
		}
	}
	return rss
}

// mapFile creates a file of size bytes in dir and maps it as badger does
// (shared, written through the mapping), filled with a pattern and synced.
func mapFile(t *testing.T, dir, name string, size int) []byte {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(int64(size)); err != nil {
		t.Fatal(err)
	}
	data, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(data) })
	for i := range data {
		data[i] = byte(i * 7)
	}
	if err := unix.Msync(data, unix.MS_SYNC); err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPageOutTables maps a table file, a value log file and a memtable
// file, and checks that pageOutTables gives back the pages of the first
// two, leaves their contents as they were, and leaves the memtable alone.
func TestPageOutTables(t *testing.T) {
	dir := t.TempDir()
	const size = 8 << 20
	files := []struct {
		name    string
		paged   bool
		content []byte
	}{
		{name: "000001.sst", paged: true},
		{name: "000002.vlog", paged: true},
		{name: "00003.mem", paged: false},
	}
	before := map[string]int64{}
	for i := range files {
		f := &files[i]
		f.content = mapFile(t, dir, f.name, size)
		before[f.name] = mappingRSS(t, filepath.Join(dir, f.name))
		if before[f.name] < size/2 {
			t.Fatalf("%s resident %d bytes before, want about %d", f.name, before[f.name], size)
		}
	}
	if n := pageOutTables(dir); n != 2 {
		t.Fatalf("pageOutTables asked for %d mappings, want 2 (the .sst and the .vlog)", n)
	}
	for _, f := range files {
		after := mappingRSS(t, filepath.Join(dir, f.name))
		switch {
		case f.paged && after > size/8:
			t.Errorf("%s resident %d bytes after paging out (was %d): is MADV_PAGEOUT (Linux 5.4) missing?", f.name, after, before[f.name])
		case !f.paged && after < before[f.name]/2:
			t.Errorf("%s resident %d bytes after paging out (was %d): it should be left alone", f.name, after, before[f.name])
		}
		for i := range f.content {
			if f.content[i] != byte(i*7) {
				t.Fatalf("%s: byte %d is %d after paging out, want %d", f.name, i, f.content[i], byte(i*7))
			}
		}
	}
}

func TestResidentFile(t *testing.T) {
	n, ok := residentFile()
	if !ok {
		t.Skip("no RssFile in /proc/self/status")
	}
	if n <= 0 {
		t.Errorf("residentFile = %d, want the test binary's mapped pages at least", n)
	}
}
