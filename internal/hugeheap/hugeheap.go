// Package hugeheap backs the first tens of megabytes of the Go heap with
// transparent huge pages, where the kernel offers them on request
// (transparent_hugepage/enabled = madvise, the common default).
//
// A short run (canon lint on one file) touches a few megabytes of fresh
// heap, and the kernel maps each 4 KiB page on its first touch: some 2,000
// page faults, which cost more than the lint's own work on a virtual
// machine (about 15 µs each on the machine docs/performance.md measures;
// a 2 MiB page costs about as much as four). The Go runtime no longer asks
// for huge pages for the heap, so this package does, once, at start-up:
// importing it is enough. Its init runs early, since it imports only
// runtime and syscall and Go initialises packages in import-path order
// once their imports are.
//
// What it does: it makes the runtime map Reserve bytes of heap (one large
// allocation, which the runtime maps without touching it), advises huge
// pages over the heap from its start to the end of that allocation,
// collapses the 2 MiB region already in use into one huge page, and
// frees the allocation with a collection, so that the allocations that
// follow land in huge pages. Beyond Reserve the heap grows as before, so
// a large build's memory is unchanged but for at most Reserve plus one
// huge page of rounding. GODEBUG=disablethp=1 (the runtime's own switch
// for huge pages) turns it off.
package hugeheap

// Reserve is how much of the heap is advised.
const Reserve = 32 << 20

// Advised is the heap range [Advised[0], Advised[1]) given the advice,
// zero when none was given (not Linux, huge pages unavailable or disabled,
// or the heap not laid out as expected).
var Advised [2]uintptr
