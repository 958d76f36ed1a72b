package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestDeferFirstGC checks that the percent is raised until a collection
// and restored after it.
func TestDeferFirstGC(t *testing.T) {
	t.Setenv("GOGC", "")
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	restored := deferFirstGC()
	if got := debug.SetGCPercent(firstGCPercent); got != firstGCPercent {
		t.Fatalf("GC percent before the first cycle = %d, want %d", got, firstGCPercent)
	}
	runtime.GC()
	select {
	case <-restored:
	case <-time.After(time.Minute):
		t.Fatal("the GC percent was not restored after a collection")
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the first cycle = %d, want 100", got)
	}
}

// TestDeferFirstGCKeepsGOGC checks that a GOGC set by the user wins.
func TestDeferFirstGCKeepsGOGC(t *testing.T) {
	t.Setenv("GOGC", "50")
	old := debug.SetGCPercent(50)
	defer debug.SetGCPercent(old)
	<-deferFirstGC()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent with GOGC=50 = %d, want 50", got)
	}
}
