package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintColour checks the text report is coloured only on a terminal,
// never under NO_COLOR (any value, https://no-color.org) nor TERM=dumb,
// and that colour changes nothing but the escapes.
func TestLintColour(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(file, []byte("PATCH is usually idempotent.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var plain string
	for _, c := range []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"pipe", false, nil, false},
		{"terminal", true, nil, true},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"NO_COLOR on a pipe", false, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			io, out, errb := TestIO("")
			io.NoConfig = true
			io.OutTTY = c.tty
			io.Getenv = func(k string) string { return c.env[k] }
			if code := Main([]string{"lint", "--select", "fact", file}, io); code != 1 {
				t.Fatalf("exit %d, want 1; stderr: %s", code, errb)
			}
			got := out.String()
			if coloured := strings.Contains(got, "\x1b["); coloured != c.want {
				t.Fatalf("coloured: %v, want %v:\n%q", coloured, c.want, got)
			}
			stripped := stripANSI(got)
			if !strings.Contains(stripped, "a.txt:1:1: error [fact/patch-idempotent]") {
				t.Fatalf("no finding in %q", stripped)
			}
			if plain == "" {
				plain = got
			} else if stripped != plain {
				t.Errorf("without escapes the report differs from the plain one:\n%q\n%q", stripped, plain)
			}
		})
	}
}

// stripANSI removes CSI escape sequences (ESC [ ... letter).
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
