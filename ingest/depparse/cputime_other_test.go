//go:build !unix

package depparse

import "time"

func cpuTime() time.Duration { return 0 }
