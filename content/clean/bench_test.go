package clean

import (
	"os"
	"path/filepath"
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
