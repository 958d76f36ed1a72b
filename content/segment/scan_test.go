package segment

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The regexps the hand-written scanners replace; they must agree.
var (
	refSentenceBreakRE = regexp.MustCompile(`[.!]\s+\p{Lu}`)
	refTOCHeadingRE    = regexp.MustCompile(`(?im)^[ \t]*(?:table of contents|contents)[ \t]*:?[ \t]*$`)
)

var scanCases = []string{
	"", "What is it? Why.", "Done. Next", "Done.next", "Done.  \tÉcole", "a! B", "e.g. x", "end.", "end. ",
	"x.\nY", "x.\vY", "x. ſ", "x. \xff", "1. A", "Contents", "  table of CONTENTS :  ", "contents::",
	"Contents\r", "intro\n\tContents:\t\nmore", "ConTenTs\n", "table  of contents", "conten\u017fts", "conten\u017f",
	"tab of contents", "my contents", "x\ncontents", "contents x",
}

func checkScanners(t *testing.T, s string) {
	want := -1
	if loc := refSentenceBreakRE.FindStringIndex(s); loc != nil {
		want = loc[0]
	}
	if got := sentenceBreak(s); got != want {
		t.Errorf("sentenceBreak(%q) = %d, the regexp says %d", s, got, want)
	}
	if got, want := hasTOCHeading(s), refTOCHeadingRE.MatchString(s); got != want {
		t.Errorf("hasTOCHeading(%q) = %v, the regexp says %v", s, got, want)
	}
}

// TestScannersMatchRegexps checks sentenceBreak and hasTOCHeading against
// the regexps they replace, on edge cases and on the corpus (whole files
// and every line).
func TestScannersMatchRegexps(t *testing.T) {
	for _, s := range scanCases {
		checkScanners(t, s)
	}
	names, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if len(names) == 0 {
		t.Fatal("no corpus")
	}
	breaks := 0
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		checkScanners(t, string(data))
		for _, l := range strings.Split(string(data), "\n") {
			checkScanners(t, l)
			if sentenceBreak(l) >= 0 {
				breaks++
			}
		}
	}
	if breaks < 100 {
		t.Errorf("only %d lines with a sentence break", breaks)
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range scanCases {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}
