package clean

import (
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
)

// BenchmarkFormatRepairs runs the four formatting detectors over the
// corpus (bytes per second of raw text).
func BenchmarkFormatRepairs(b *testing.B) {
	texts, size := corpustest.Texts(b)
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
	lines, size := corpustest.Lines(b)
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
	lines, size := corpustest.Lines(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			HeadingLike(l)
		}
	}
}
