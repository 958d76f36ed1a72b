package artifact

import (
	"testing"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/internal/corpustest"
)

// BenchmarkArtifacts runs every default artifact pattern and the
// running-header analysis over the corpus.
func BenchmarkArtifacts(b *testing.B) {
	texts, size := corpustest.Texts(b)
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
