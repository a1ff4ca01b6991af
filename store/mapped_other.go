//go:build !linux

package store

// trimmer bounds the resident pages of a store's mapped table files; only
// Linux has one (see mapped_linux.go).
type trimmer struct{}

func startTrimmer(string, int64) *trimmer { return nil }

func (t *trimmer) close() {}
