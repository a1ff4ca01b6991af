package depparse

import (
	"testing"
	"time"
)

// reportSpeed reports n tokens per op, per second of wall time and of CPU
// time since start.
func reportSpeed(b *testing.B, n int, start time.Duration) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}
