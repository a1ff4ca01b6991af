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
