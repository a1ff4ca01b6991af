// Package benchspeed helps benchmarks report throughput per second of wall
// time and per second of CPU time: on a machine shared with other work the
// second says more (run such benchmarks with GOMAXPROCS=1).
package benchspeed

import (
	"testing"
	"time"
)

// Start returns the CPU time the process has used so far, to pass to
// Report when the timed loop is done.
func Start() time.Duration { return cpuTime() }

// Report reports perOp units (such as "tokens") per op, per second of the
// benchmark's wall time ("tokens/s") and per second of CPU time since start
// ("tokens/cpu-s", where the platform tells the CPU time).
func Report(b *testing.B, perOp int, unit string, start time.Duration) {
	b.ReportMetric(float64(perOp)*float64(b.N)/b.Elapsed().Seconds(), unit+"/s")
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(perOp)*float64(b.N)/cpu.Seconds(), unit+"/cpu-s")
	}
}
