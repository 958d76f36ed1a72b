package prose

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
)

// refNumberRE is the regexp numberPrefix replaced.
var refNumberRE = regexp.MustCompile(`^\(?(?:\d{1,3}|[a-zA-Z])[.)]\s*`)

var numberCases = []string{
	"", "(", "1", "1.", "1. x", "12) y", "123.  \t z", "1234. x", "(3) a", "((3) a", "(a)", "a)", "ab.", "Z.\f\rx",
	"1.\v", "é.", "(é)", "1 x", "(1", "x.y", "0)", "(12.", "9\u00a0.",
}

func checkNumberPrefix(t *testing.T, s string) bool {
	want := -1
	if loc := refNumberRE.FindStringIndex(s); loc != nil {
		want = loc[1]
	}
	if got := numberPrefix(s); got != want {
		t.Errorf("numberPrefix(%q) = %d, the regexp says %d", s, got, want)
	}
	return want >= 0
}

// TestNumberPrefix compares numberPrefix with its regexp on edge cases
// and every corpus line (and its content after leading spaces).
func TestNumberPrefix(t *testing.T) {
	for _, s := range numberCases {
		checkNumberPrefix(t, s)
	}
	n := 0
	for _, text := range corpustest.Files(t) {
		for l := range strings.Lines(text.Text) {
			l = strings.TrimLeft(l, " \t")
			if checkNumberPrefix(t, l) {
				n++
			}
			checkAnswerLead(t, l)
		}
	}
	if n == 0 {
		t.Error("no corpus line starts with a number")
	}
}

// checkAnswerLead compares answerLead, which first looks for a colon,
// with the regexp alone.
func checkAnswerLead(t *testing.T, s string) {
	if got, want := answerLead(s), findAt(answerLeadRE, s, "aAsS\xc5"); !slices.Equal(got, want) {
		t.Errorf("answerLead(%q) = %v, the regexp alone gives %v", s, got, want)
	}
}

func FuzzNumberPrefix(f *testing.F) {
	for _, s := range append(numberCases, "Answer: x", "ans :", "ſolution:", "A:", "a x:") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNumberPrefix(t, s)
		checkAnswerLead(t, s)
	})
}
