//go:build unix

package depparse

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used: benchmarks report tokens
// per CPU second too, which a machine shared with other work does not
// distort as much as tokens per second of wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
