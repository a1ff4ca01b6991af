//go:build unix

package store

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// removeEmptyMemtables deletes the empty memtable files (*.mem) of the
// store in dir, when no process holds it. Badger creates a memtable's file
// and then grows it to its size; a writer killed between the two leaves an
// empty file, which holds no data but which badger cannot open again
// ("Create a new file", or "error while truncation" read-only). It takes
// badger's lock on the directory meanwhile, so a file a running writer has
// just created is never touched.
func removeEmptyMemtables(dir string) error {
	mems, err := filepath.Glob(filepath.Join(dir, "*.mem"))
	if err != nil || len(mems) == 0 {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Flock(int(d.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		return nil // in use: badger's open reports it
	}
	defer unix.Flock(int(d.Fd()), unix.LOCK_UN)
	for _, m := range mems {
		if fi, err := os.Stat(m); err == nil && fi.Size() == 0 {
			if err := os.Remove(m); err != nil {
				return err
			}
		}
	}
	return nil
}
