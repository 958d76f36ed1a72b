//go:build linux

package hugeheap

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHeapAdvised checks, in this test binary (which imports the package
// like canon does), that the heap's start carries the huge-page advice,
// that the reserve was freed, and that a new allocation lands in the
// advised range.
func TestHeapAdvised(t *testing.T) {
	if Advised == [2]uintptr{} {
		if !enabled() || hugePageSize() == 0 {
			t.Skip("transparent huge pages are off here")
		}
		t.Fatal("huge pages are available but the heap was not advised")
	}
	flags := vmFlags(t, Advised[0])
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("VMA at %#x has flags %q, want hg (MADV_HUGEPAGE)", Advised[0], flags)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapInuse >= Reserve {
		t.Errorf("heap in use %d B: the %d B reserve was not freed", ms.HeapInuse, Reserve)
	}
	b := make([]byte, 1<<20)
	if p := uintptr(unsafe.Pointer(&b[0])); p < Advised[0] || p >= Advised[1] {
		t.Errorf("a 1 MiB allocation at %#x is outside the advised heap [%#x, %#x)", p, Advised[0], Advised[1])
	}
}

func TestEnabled(t *testing.T) {
	for _, c := range []struct {
		godebug string
		want    bool
	}{
		{"", true},
		{"inittrace=1", true},
		{"disablethp=1", false},
		{"inittrace=1,disablethp=1", false},
		{"disablethp=0", true},
	} {
		t.Setenv("GODEBUG", c.godebug)
		if got := enabled(); got != c.want {
			t.Errorf("GODEBUG=%q: enabled() = %v, want %v", c.godebug, got, c.want)
		}
	}
}

// vmFlags returns the VmFlags of the mapping that holds addr.
func vmFlags(t *testing.T, addr uintptr) string {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	in := false
	for line := range strings.SplitSeq(string(b), "\n") {
		if lo, hi, ok := vmaRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:"))
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

// vmaRange parses the "lo-hi perms ..." line that starts a mapping.
func vmaRange(line string) (lo, hi uintptr, ok bool) {
	field, _, _ := strings.Cut(line, " ")
	l, h, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
