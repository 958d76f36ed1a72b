package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func corpusTexts(b *testing.B) ([]string, int) {
	names, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if err != nil || len(names) == 0 {
		b.Fatal("no corpus")
	}
	var texts []string
	size := 0
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	return texts, size
}

// corpusLines is corpusTexts split into lines, for the per-line benchmarks.
func corpusLines(b *testing.B) ([]string, int) {
	texts, size := corpusTexts(b)
	var lines []string
	for _, t := range texts {
		lines = append(lines, strings.Split(t, "\n")...)
	}
	return lines, size
}

// BenchmarkFormatRepairs runs the four formatting detectors over the
// corpus (bytes per second of raw text).
func BenchmarkFormatRepairs(b *testing.B) {
	texts, size := corpusTexts(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			s := NewScan(t)
			DashBullets(s)
			GluedCode(s)
			CollapsedTables(s)
			SquashedCode(s)
		}
	}
}

// BenchmarkClassify runs the per-line classifiers the segmenter and the
// rules call on every line (CodeScore, HeadingLike, IsProse,
// ParseListItem) over the corpus lines (bytes per second of raw text).
func BenchmarkClassify(b *testing.B) {
	lines, size := corpusLines(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			CodeScore(l)
			HeadingLike(l)
			IsProse(l)
			ParseListItem(l)
		}
	}
}

// BenchmarkHeadingLike runs HeadingLike alone on every corpus line (bytes
// per second of raw text).
func BenchmarkHeadingLike(b *testing.B) {
	lines, size := corpusLines(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			HeadingLike(l)
		}
	}
}
