package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// registerProfile adds the hidden --cpuprofile and --memprofile flags,
// which write a CPU profile of the whole command, and a profile of every
// allocation it made, for go tool pprof (docs/performance.md). The
// returned function stops the profiles; Main calls it when the command
// returns.
func registerProfile(root *cobra.Command) (stop func()) {
	var cpuPath, memPath string
	var cpu *os.File
	flags := root.PersistentFlags()
	flags.StringVar(&cpuPath, "cpuprofile", "", "write a CPU profile to `FILE`")
	flags.StringVar(&memPath, "memprofile", "", "write an allocation profile to `FILE`")
	_ = flags.MarkHidden("cpuprofile")
	_ = flags.MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if memPath != "" {
			// Every allocation from here on: a short run makes few, and
			// sampling would miss most of them.
			runtime.MemProfileRate = 1
		}
		if cpuPath == "" {
			return nil
		}
		var err error
		if cpu, err = os.Create(cpuPath); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return pprof.StartCPUProfile(cpu)
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if memPath != "" {
			writeMemProfile(memPath)
		}
	}
}

// writeMemProfile writes the allocation profile; a failure is reported
// but does not change the command's exit status.
func writeMemProfile(path string) {
	// The profile counts allocations up to the last collection.
	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "canon: --memprofile: %v\n", err)
	}
}
