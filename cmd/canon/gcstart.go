package main

import (
	"os"
	"runtime"
	"runtime/debug"

	// Imported for its start-up work too: it advises the heap's first
	// megabytes for huge pages.
	"github.com/canon-kb/canon/internal/hugeheap"
)

// firstGCPercent is the collector's percent until its first cycle. The
// runtime's heap minimum (4 MB at the default 100) scales with it, so the
// first collection waits until the heap reaches hugeheap.Reserve, the
// heap the start-up advised for huge pages: a run on one file (a
// pre-commit hook) allocates a few megabytes and never collects, where
// it ran three cycles before, each one touching fresh runtime memory.
const firstGCPercent = 100 * hugeheap.Reserve / (4 << 20)

// deferFirstGC raises the collector's percent until its first cycle and
// then restores it, so that a long run collects as it did before; the
// returned channel is closed when it is restored. The memory limit
// (setMemoryLimit) still bounds the heap meanwhile. A GOGC in the
// environment is the user's choice and is left alone.
func deferFirstGC() <-chan struct{} {
	restored := make(chan struct{})
	if os.Getenv("GOGC") != "" {
		close(restored)
		return restored
	}
	old := debug.SetGCPercent(firstGCPercent)
	// The sentinel is unreachable from the start, so its finalizer runs
	// after the first cycle. A pointer field keeps it out of the tiny
	// allocator, whose blocks can outlive their objects.
	type sentinel struct{ _ *byte }
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		debug.SetGCPercent(old)
		close(restored)
	})
	return restored
}
