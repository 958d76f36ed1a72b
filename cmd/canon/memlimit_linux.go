package main

import (
	"os"
	"runtime/debug"
	"syscall"
)

// setMemoryLimit gives the garbage collector a soft limit of three
// quarters of physical memory, unless GOMEMLIMIT sets one. Below it
// nothing changes; near it the collector works harder instead of letting
// the heap double past what the machine has, so a build over a corpus
// whose working set approaches the machine's memory slows down rather
// than being killed.
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err != nil || si.Totalram == 0 {
		return
	}
	total := uint64(si.Totalram) * uint64(si.Unit)
	debug.SetMemoryLimit(int64(total / 4 * 3))
}
