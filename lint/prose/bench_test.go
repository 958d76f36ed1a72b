package prose

import (
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/internal/relit"
)

// BenchmarkAnalyze analyses the corpus and splits every unit into
// sentences and clauses, as the claim rules do for the units their
// keywords select (MB/s of raw text).
func BenchmarkAnalyze(b *testing.B) {
	texts, size := corpustest.Texts(b)
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
	texts, _ := corpustest.Texts(t)
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
