package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/canon-kb/canon/lint"
)

// steppingClock returns a clock that moves on by step at every reading.
func steppingClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

func TestProgressBarDrawsAfterDelayAndClears(t *testing.T) {
	var b bytes.Buffer
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	bar := newProgressBar(&b, func() time.Time { return now })
	bar.update(lint.Progress{Files: 1, TotalFiles: 10, Bytes: 1e6, Findings: 3})
	if b.Len() != 0 {
		t.Fatalf("drawn before %v: %q", progressDelay, b.String())
	}
	now = now.Add(2 * time.Second)
	bar.update(lint.Progress{Files: 5, TotalFiles: 10, Bytes: 20e6, Findings: 42})
	want := "\r[============>           ] 5/10 files, 20.0 MB, 42 findings, 10.0 MB/s\x1b[K"
	if b.String() != want {
		t.Fatalf("bar = %q\nwant %q", b.String(), want)
	}
	// Redraws are throttled, except for the last file.
	b.Reset()
	now = now.Add(progressEvery / 2)
	bar.update(lint.Progress{Files: 6, TotalFiles: 10})
	if b.Len() != 0 {
		t.Fatalf("redrawn within %v: %q", progressEvery, b.String())
	}
	bar.update(lint.Progress{Files: 10, TotalFiles: 10, Bytes: 40e6, Findings: 80})
	if !strings.Contains(b.String(), "[========================] 10/10 files, 40.0 MB, 80 findings") {
		t.Fatalf("last file not drawn: %q", b.String())
	}
	b.Reset()
	bar.done()
	if b.String() != "\r\x1b[K" {
		t.Fatalf("done wrote %q, want the line cleared", b.String())
	}
	b.Reset()
	bar.done()
	var nilBar *progressBar
	nilBar.update(lint.Progress{})
	nilBar.status("x")
	nilBar.done()
	if b.Len() != 0 {
		t.Fatalf("second done wrote %q", b.String())
	}
}

// TestProgressFlag runs the commands with injected streams: the bar shows
// on a terminal outside CI and with --progress, and never otherwise; it
// never touches standard output.
func TestProgressFlag(t *testing.T) {
	corpus := filepath.Join("..", "..", "testdata", "corpus")
	file := filepath.Join(corpus, "000_ad25eb5cbe2ab954.txt")
	for _, c := range []struct {
		name string
		args []string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", []string{"lint", corpus}, true, nil, true},
		{"pipe", []string{"lint", corpus}, false, nil, false},
		{"terminal in CI", []string{"lint", corpus}, true, map[string]string{"CI": "true"}, false},
		{"dumb terminal", []string{"lint", corpus}, true, map[string]string{"TERM": "dumb"}, false},
		{"forced", []string{"lint", "--progress", corpus}, false, map[string]string{"CI": "1"}, true},
		{"refused", []string{"lint", "--progress=false", corpus}, true, nil, false},
		{"build", []string{"build", "-o", "OUT", corpus}, true, nil, true},
		{"fix", []string{"fix", "--diff", corpus}, true, nil, true},
		{"one file", []string{"fix", file}, true, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			io, out, errb := TestIO("")
			io.ErrTTY = c.tty
			io.Getenv = func(k string) string { return c.env[k] }
			io.now = steppingClock(time.Second)
			args := append([]string(nil), c.args...)
			for i, a := range args {
				if a == "OUT" {
					args[i] = t.TempDir()
				}
			}
			if code := Main(args, io); code == 2 {
				t.Fatalf("exit 2: %s", errb)
			}
			got := strings.Contains(errb.String(), " files, ")
			if got != c.want {
				t.Fatalf("bar shown: %v, want %v; stderr:\n%q", got, c.want, errb.String())
			}
			if got {
				total := "5/5 files"
				if c.name == "one file" {
					total = "1/1 files"
				}
				if !strings.Contains(errb.String(), total) || !strings.HasSuffix(errb.String(), "\r\x1b[K") {
					t.Errorf("bar does not reach %s or is not cleared: %q", total, errb.String())
				}
			}
			if strings.Contains(out.String(), "\r") {
				t.Errorf("progress written to standard output")
			}
		})
	}
}
