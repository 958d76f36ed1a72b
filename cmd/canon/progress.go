package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
)

// progressDelay is how long a run goes before the bar first shows: a
// pre-commit run over a few files ends before it and prints nothing.
const progressDelay = 300 * time.Millisecond

// progressEvery bounds how often the bar is redrawn.
const progressEvery = 100 * time.Millisecond

// A progressBar draws one line on standard error: a bar, files done of
// all, megabytes read, findings so far and the rate. It redraws in place
// with a carriage return and clears its line when done, so nothing of it
// remains in the terminal's scrollback.
type progressBar struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
	mu    sync.Mutex
	drawn bool
	width int // of the bar, in cells
}

func newProgressBar(w io.Writer, now func() time.Time) *progressBar {
	if now == nil {
		now = time.Now
	}
	return &progressBar{w: w, now: now, start: now(), width: 24}
}

// update redraws the bar for p, unless the run is young or the last
// redraw recent; the last file always redraws.
func (b *progressBar) update(p lint.Progress) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.now()
	final := p.Files == p.TotalFiles
	if t.Sub(b.start) < progressDelay || !final && t.Sub(b.last) < progressEvery {
		return
	}
	b.last = t
	b.drawn = true
	fmt.Fprintf(b.w, "\r%s\x1b[K", b.line(p, t.Sub(b.start)))
}

// line renders p after elapsed time.
func (b *progressBar) line(p lint.Progress, elapsed time.Duration) string {
	filled := 0
	if p.TotalFiles > 0 {
		filled = b.width * p.Files / p.TotalFiles
	}
	bar := strings.Repeat("=", filled)
	if filled < b.width {
		bar += ">" + strings.Repeat(" ", b.width-filled-1)
	}
	mb := float64(p.Bytes) / 1e6
	rate := ""
	if s := elapsed.Seconds(); s > 0 {
		rate = fmt.Sprintf(", %.1f MB/s", mb/s)
	}
	return fmt.Sprintf("[%s] %d/%d files, %.1f MB, %d findings%s", bar, p.Files, p.TotalFiles, mb, p.Findings, rate)
}

// status replaces the bar with a phase name ("deduplicating"), when the
// bar has shown.
func (b *progressBar) status(s string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprintf(b.w, "\r%s\x1b[K", s)
	}
}

// done clears the bar's line.
func (b *progressBar) done() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.drawn = false
	}
}

// registerProgress adds --progress to cmd.
func registerProgress(cmd *cobra.Command, on *bool) {
	cmd.Flags().BoolVar(on, "progress", false, "show a progress bar on standard error (default: when it is a terminal, outside CI)")
}

// progress returns the bar for cmd, or nil: on with --progress, off with
// --progress=false, and otherwise on when standard error is a terminal,
// TERM is not dumb and CI is unset (CI services set it).
func progress(cmd *cobra.Command, ios *IOStreams, on bool) *progressBar {
	if !cmd.Flags().Changed("progress") {
		on = ios.ErrTTY && ios.Getenv("CI") == "" && ios.Getenv("TERM") != "dumb"
	}
	if !on {
		return nil
	}
	return newProgressBar(ios.Err, ios.now)
}

// hook returns the lint.Options.Progress callback of b (nil for no bar).
func (b *progressBar) hook() func(lint.Progress) {
	if b == nil {
		return nil
	}
	return b.update
}
