package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// Profiling flags, for finding what is slow or big (go tool pprof FILE).
type profiler struct {
	cpu, mem string
	cpuFile  *os.File
}

func (p *profiler) flags(cmd *cobra.Command) {
	cmd.PersistentFlags().StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile to this file")
	cmd.PersistentFlags().StringVar(&p.mem, "memprofile", "", "write a heap profile to this file at the end")
	_ = cmd.PersistentFlags().MarkHidden("cpuprofile")
	_ = cmd.PersistentFlags().MarkHidden("memprofile")
}

func (p *profiler) start() error {
	if p.cpu == "" {
		return nil
	}
	f, err := os.Create(p.cpu)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.cpuFile = f
	return pprof.StartCPUProfile(f)
}

func (p *profiler) stop() error {
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		p.cpuFile.Close()
	}
	if p.mem == "" {
		return nil
	}
	f, err := os.Create(p.mem)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}
