package main

import (
	"errors"
	"fmt"
)

// Exit codes. Scripts depend on them; they do not change.
const (
	exitOK       = 0 // no finding at or above --fail-on
	exitFindings = 1 // a finding at or above --fail-on (or, for fix --diff and build --check, a difference)
	exitError    = 2 // usage, configuration or I/O error
)

// A usageError is a mistake in the command line; usage is printed after it.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// exitStatus is returned by a command that ran correctly but must exit
// non-zero (findings over the threshold, a diff to show).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func exitCode(err error) int {
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	if err != nil {
		return exitError
	}
	return exitOK
}
