package prose

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canon-kb/canon/internal/relit"
)

// corpusTexts reads the raw corpus files.
func corpusTexts(tb testing.TB) ([]string, int) {
	names, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if err != nil || len(names) == 0 {
		tb.Fatal("no corpus")
	}
	var texts []string
	size := 0
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(data))
		size += len(data)
	}
	return texts, size
}

// BenchmarkAnalyze analyses the corpus and splits every unit into
// sentences and clauses, as the claim rules do for the units their
// keywords select (MB/s of raw text).
func BenchmarkAnalyze(b *testing.B) {
	texts, size := corpusTexts(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			d := Analyze(t)
			for i := range d.Units {
				d.Sentences(i)
			}
		}
	}
}

// TestLiteralTestKeepsAnswers checks that the literal test in front of
// each of the package's patterns never changes an answer on the corpus's
// sentences and clauses.
func TestLiteralTestKeepsAnswers(t *testing.T) {
	texts, _ := corpusTexts(t)
	matched := 0
	for _, text := range texts {
		d := Analyze(text)
		for i := range d.Units {
			for _, s := range d.Sentences(i) {
				pieces := append([]Span{s.Span}, s.Clauses...)
				for _, c := range pieces {
					piece := d.Text[c.Start:c.End]
					for _, p := range []*relit.Pattern{reportedRE, reportColonRE, promptRE, contrastRE, questionStartRE, subjectlessRE} {
						if p.MatchString(piece) {
							matched++
						} else if p.Regexp().MatchString(piece) {
							t.Errorf("%s on %q: no match, the regexp matches", p, piece)
						}
					}
				}
			}
		}
	}
	if matched < 100 {
		t.Errorf("only %d matches", matched)
	}
}
