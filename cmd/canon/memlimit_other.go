//go:build !linux

package main

// setMemoryLimit leaves the garbage collector's defaults where physical
// memory is not read (see memlimit_linux.go).
func setMemoryLimit() {}
