// Package corpustest gives tests and benchmarks the bundled corpus
// (testdata/corpus/*.txt), found from any package directory of the module,
// so each test does not repeat the glob, the read and the missing-corpus
// check.
package corpustest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A File is one corpus file.
type File struct {
	Path string // as found, relative to the test's directory
	Text string
}

// Files returns the corpus files in name order; it fails tb when the
// corpus is missing, so a test over it cannot pass vacuously.
func Files(tb testing.TB) []File {
	tb.Helper()
	dir := Dir(tb)
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no corpus files in %s", dir)
	}
	files := make([]File, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, File{Path: n, Text: string(data)})
	}
	return files
}

// Texts returns the text of every corpus file and their total size in
// bytes (for b.SetBytes).
func Texts(tb testing.TB) ([]string, int) {
	tb.Helper()
	var texts []string
	size := 0
	for _, f := range Files(tb) {
		texts = append(texts, f.Text)
		size += len(f.Text)
	}
	return texts, size
}

// Lines returns every line of every corpus file, and the files' total
// size in bytes.
func Lines(tb testing.TB) ([]string, int) {
	tb.Helper()
	texts, size := Texts(tb)
	var lines []string
	for _, t := range texts {
		lines = append(lines, strings.Split(t, "\n")...)
	}
	return lines, size
}

// Dir returns testdata/corpus of the module holding the working directory
// (a test runs in its package's directory).
func Dir(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			rel, err := filepath.Rel(wd, filepath.Join(d, "testdata", "corpus"))
			if err != nil {
				tb.Fatal(err)
			}
			return rel
		}
		if filepath.Dir(d) == d {
			tb.Fatalf("no go.mod above %s", wd)
		}
	}
}

// Named returns the corpus file whose name starts with prefix (such as
// "004"); it fails tb unless exactly one does.
func Named(tb testing.TB, prefix string) File {
	tb.Helper()
	var found []File
	for _, f := range Files(tb) {
		if strings.HasPrefix(filepath.Base(f.Path), prefix) {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		tb.Fatalf("%d corpus files named %s*, want 1", len(found), prefix)
	}
	return found[0]
}
