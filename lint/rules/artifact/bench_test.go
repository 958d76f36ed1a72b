package artifact

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/content/segment"
)

// BenchmarkArtifacts runs every default artifact pattern and the
// running-header analysis over the corpus.
func BenchmarkArtifacts(b *testing.B) {
	names, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "corpus", "*.txt"))
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
	var ms []*clean.Matcher
	for _, s := range Defaults() {
		for _, p := range s.Match {
			m, err := clean.Compile(p)
			if err != nil {
				b.Fatal(err)
			}
			ms = append(ms, m)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			sc := clean.NewScan(t)
			for _, m := range ms {
				m.Find(sc)
			}
			segment.Strays(t)
		}
	}
}
