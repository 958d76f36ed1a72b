package main

import (
	"bytes"
	"io"
	"os"
	"time"
)

// IOStreams are the process's standard streams and environment, injected so
// commands can be tested without a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	OutTTY bool // Out is a terminal
	ErrTTY bool // Err is a terminal
	Getenv func(string) string
	// Dir is the working directory, where .canon.yaml is looked for.
	Dir string
	// ConfigFile is --config: the configuration to use instead of the
	// nearest .canon.yaml; NoConfig is --no-config.
	ConfigFile string
	NoConfig   bool
	// Jobs is --jobs: how many files are processed at once (0: one per
	// CPU, GOMAXPROCS).
	Jobs int

	now func() time.Time // the clock of the progress bar; nil: time.Now

	setup *setup // loaded once per run
}

// SystemIO returns the process's own streams.
func SystemIO() *IOStreams {
	dir, _ := os.Getwd()
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		OutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr),
		Getenv: os.Getenv, Dir: dir,
	}
}

// TestIO returns streams over buffers.
func TestIO(stdin string) (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	dir, _ := os.Getwd()
	return &IOStreams{In: bytes.NewBufferString(stdin), Out: &out, Err: &errb, Getenv: func(string) string { return "" }, Dir: dir}, &out, &errb
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// colorOut reports whether to colour standard output: only on a terminal,
// never under NO_COLOR (https://no-color.org).
func (s *IOStreams) colorOut() bool {
	return s.OutTTY && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}
