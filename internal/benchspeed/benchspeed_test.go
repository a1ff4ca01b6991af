package benchspeed

import (
	"runtime"
	"testing"
)

// The CPU time moves forward with work.
func TestCPUTimeAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no getrusage")
	}
	start := Start()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if cpuTime() <= start {
		t.Errorf("CPU time did not advance (%d)", x)
	}
}
