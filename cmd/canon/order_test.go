package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
)

// TestOutputOrderStable lints the two smallest corpus files (more only adds
// time) named in one order on one worker, and in the reverse order on
// three, and requires the same bytes out in every format: reports are
// sorted, never in the order files were given or finished.
func TestOutputOrderStable(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpustest.Dir(t), "00[01]_*.txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("corpus: %v", err)
	}
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	formats := []string{"text", "json", "sarif", "github"}
	for _, format := range formats {
		var outs []string
		for i, order := range [][]string{files, reversed} {
			jobs := []string{"1", "3"}[i]
			io, out, errb := TestIO("")
			io.NoConfig = true
			args := append([]string{"--jobs", jobs, "lint", "--format", format}, order...)
			if code := Main(args, io); code != 1 {
				t.Fatalf("%s: exit %d, want 1 (findings); stderr: %s", format, code, errb)
			}
			outs = append(outs, out.String())
		}
		if outs[0] != outs[1] {
			a, b := strings.Split(outs[0], "\n"), strings.Split(outs[1], "\n")
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Fatalf("%s: output depends on file order and workers; first difference at line %d:\n%s\n%s", format, i+1, a[i], b[i])
				}
			}
			t.Fatalf("%s: output depends on file order and workers (%d vs %d lines)", format, len(a), len(b))
		}
	}
}
