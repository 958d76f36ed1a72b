//go:build linux

package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

const (
	madvHugepage = 14 // MADV_HUGEPAGE
	madvCollapse = 25 // MADV_COLLAPSE, Linux 6.1; older kernels refuse it

	// heapChunk is the unit in which the runtime maps heap (its
	// pallocChunkBytes).
	heapChunk = 4 << 20
)

// sink keeps the probe object on the heap.
var sink *[64]byte

func init() {
	if !enabled() {
		return
	}
	huge := hugePageSize()
	if huge == 0 || huge > heapChunk {
		return
	}
	// The heap grows upward from its (randomised) start, and the runtime
	// hands out the lowest free pages first: the probe marks where the
	// heap in use ends, and the reserve maps what follows.
	sink = new([64]byte)
	probe := uintptr(unsafe.Pointer(sink))
	reserve := make([]byte, Reserve)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(reserve)))
	// The advice covers whole chunks (the runtime maps the heap in
	// chunks, so they are mapped): from the probe's, which holds most
	// of what initialisation allocated, to the reserve's last, where
	// what the collector allocates while the reserve is live (its
	// workers' stacks) goes.
	base := probe &^ (heapChunk - 1)
	end := alignUp(start+Reserve, heapChunk)
	// Anything else (the reserve below the probe, or far above it in
	// another arena) is not the layout this relies on: leave it alone.
	if start < probe || end-base > 2*Reserve {
		return
	}
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, base, end-base, madvHugepage); e != 0 {
		return
	}
	// The regions below the reserve hold what runtime and package
	// initialisation allocated so far, already mapped in small pages;
	// collapsing them costs a copy of those pages and saves the faults
	// on the rest.
	syscall.Syscall(syscall.SYS_MADVISE, base, alignUp(start, huge)-base, madvCollapse)
	Advised = [2]uintptr{base, end}
	reserve = nil
	// Free the reserve now, so that the pages it held are the lowest free
	// ones when the program starts allocating.
	runtime.GC()
}

func alignUp(n, a uintptr) uintptr { return (n + a - 1) &^ (a - 1) }

// enabled reports whether GODEBUG leaves huge pages on.
func enabled() bool {
	v, _ := syscall.Getenv("GODEBUG")
	for len(v) > 0 {
		var kv string
		kv, v = cut(v, ',')
		if kv == "disablethp=1" {
			return false
		}
	}
	return true
}

func cut(s string, sep byte) (before, after string) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// hugePageSize returns the size of a transparent huge page, or 0 when
// the kernel gives none on request (THP disabled, or not built in).
func hugePageSize() uintptr {
	mode := readSys("/sys/kernel/mm/transparent_hugepage/enabled")
	if !contains(mode, "[madvise]") && !contains(mode, "[always]") {
		return 0
	}
	n := uintptr(0)
	for _, c := range readSys("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size") {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + uintptr(c-'0')
	}
	if n == 0 || n&(n-1) != 0 {
		return 0
	}
	return n
}

// readSys returns the start of a small file, empty on any error.
func readSys(path string) string {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return ""
	}
	return string(buf[:n])
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
