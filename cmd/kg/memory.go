package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the soft limit of the Go heap for ingest and load,
// in MiB. What an ingest holds live (models, badger's memtables and block
// cache, the batch in flight) is about 300 to 360 MiB whatever the corpus
// size; without a limit the garbage collector lets the heap grow to twice
// what it holds, and the peak grew with the corpus (630 MB at Reuters ×1,
// 1.1 GB at ×4, 2.2 GB at ×16). With it, the peak stays near the limit.
const defaultMemoryLimit = 512

// memoryLimitUsage is the help of the --memory-limit flag.
const memoryLimitUsage = "soft limit of the heap in MiB: the garbage collector works harder near it, and the store's mapped table files are kept to a quarter of it (0: none; GOMEMLIMIT overrides for the heap)"

// mappedLimit is the bound in bytes of the resident pages of the store's
// mapped table files for a --memory-limit of mib MiB: a quarter of it.
// Badger writes and reads its tables through memory maps, and without a
// bound every table written stayed resident: the file-backed part of an
// ingest's resident set grew with the store (about 470 MB at Reuters ×16).
func mappedLimit(mib int) int64 {
	if mib <= 0 {
		return 0
	}
	return int64(mib) << 20 / 4
}

// softMemoryLimit sets the heap's soft limit for a long write, unless
// GOMEMLIMIT in the environment says otherwise. Near the limit the garbage
// collector works harder (at most half the CPU); it never fails an
// allocation.
func softMemoryLimit(mib int) {
	if mib <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(int64(mib) << 20)
}
