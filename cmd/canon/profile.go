package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// registerProfile adds the hidden --cpuprofile flag, which writes a CPU
// profile of the whole command for go tool pprof (docs/performance.md).
// The returned function stops the profile; Main calls it when the
// command returns.
func registerProfile(root *cobra.Command) (stop func()) {
	var path string
	var f *os.File
	root.PersistentFlags().StringVar(&path, "cpuprofile", "", "write a CPU profile to `FILE`")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if path == "" {
			return nil
		}
		var err error
		if f, err = os.Create(path); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return pprof.StartCPUProfile(f)
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
	}
}
