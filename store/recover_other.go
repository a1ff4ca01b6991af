//go:build !unix

package store

// removeEmptyMemtables is a no-op where kg does not lock directories the
// way badger does on Unix (see recover_unix.go).
func removeEmptyMemtables(string) error { return nil }
