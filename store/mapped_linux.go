package store

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Badger maps every table file into memory (MAP_SHARED) and writes new
// tables through the mapping, so each table it builds stays resident in
// the process until the kernel needs the memory back: a long ingest's
// resident set grew with the store (about 470 MB of tables at Reuters ×16
// on top of the heap). The pages are clean copies of files on disk, so
// they cost nothing to give back: when the file-backed part of the
// resident set passes the limit, the trimmer asks the kernel to reclaim
// the table mappings (madvise MADV_PAGEOUT). A table read afterwards is
// faulted in again from the page cache or the disk; the hot blocks are in
// badger's block cache anyway.
//
// MADV_PAGEOUT never loses data: on a range that is no longer a table (a
// table unmapped after compaction and its addresses reused between reading
// /proc/self/maps and the call) it can only page out what is there, which
// for anonymous memory without swap is nothing.

// trimInterval is how often the trimmer looks at the resident set.
const trimInterval = time.Second

// trimmer bounds the resident pages of a store's mapped table files.
type trimmer struct {
	stop chan struct{}
	done chan struct{}
}

// startTrimmer starts trimming the mapped tables of the store in dir when
// the file-backed resident set passes limit bytes; nil if limit <= 0 or
// the kernel does not tell.
func startTrimmer(dir string, limit int64) *trimmer {
	if limit <= 0 {
		return nil
	}
	if _, ok := residentFile(); !ok {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	t := &trimmer{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(t.done)
		tick := time.NewTicker(trimInterval)
		defer tick.Stop()
		for {
			select {
			case <-t.stop:
				return
			case <-tick.C:
				if n, ok := residentFile(); ok && n > limit {
					pageOutTables(abs)
				}
			}
		}
	}()
	return t
}

// close stops the trimmer and waits for it.
func (t *trimmer) close() {
	if t == nil {
		return
	}
	close(t.stop)
	<-t.done
}

// residentFile returns the file-backed part of the process's resident set
// in bytes (RssFile in /proc/self/status).
func residentFile() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("RssFile:")); ok {
			f := strings.Fields(string(v))
			if len(f) == 0 {
				return 0, false
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// pageOutTables asks the kernel to reclaim the resident pages of every
// mapping of a table file (*.sst) or value log file (*.vlog) in dir, and
// returns how many mappings it asked for. The value log is written through
// its mapping too; the kernel writes dirty pages back before it reclaims
// them.
func pageOutTables(dir string) int {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0
	}
	defer f.Close()
	type span struct{ start, end uintptr }
	var spans []span
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		start, end, path, ok := parseMapsLine(sc.Text())
		if ok && filepath.Dir(path) == dir && (strings.HasSuffix(path, ".sst") || strings.HasSuffix(path, ".vlog")) {
			spans = append(spans, span{start, end})
		}
	}
	// The file is closed before the calls: reading /proc/self/maps holds
	// the process's memory map lock.
	f.Close()
	for _, s := range spans {
		// Errors (EINVAL on a kernel without MADV_PAGEOUT, ENOMEM on a
		// range unmapped meanwhile) only mean nothing was reclaimed.
		_, _, _ = unix.Syscall(unix.SYS_MADVISE, s.start, s.end-s.start, unix.MADV_PAGEOUT)
	}
	return len(spans)
}

// parseMapsLine parses a line of /proc/self/maps: "start-end perms offset
// dev inode path".
func parseMapsLine(line string) (start, end uintptr, path string, ok bool) {
	f := strings.Fields(line)
	if len(f) < 6 {
		return 0, 0, "", false
	}
	lo, hi, found := strings.Cut(f[0], "-")
	if !found {
		return 0, 0, "", false
	}
	a, err1 := strconv.ParseUint(lo, 16, 64)
	b, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil || b <= a {
		return 0, 0, "", false
	}
	// A path may hold spaces: it is the rest of the line after the inode.
	i := strings.Index(line, f[5])
	return uintptr(a), uintptr(b), line[i:], true
}
