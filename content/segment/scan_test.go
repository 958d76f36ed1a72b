package segment

import (
	"regexp"
	"strings"
	"testing"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/internal/corpustest"
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
	"Part 2", "ROUND 1 – Detailed Answers", "Interview Questions", "Top 10 Coding Problems", "Section 3: Basics",
	"Questions", "Common Interview Questions?", "Week 3", "WEE\u212a 3", "Set 1 of the Questions", "Day",
	"These questions and problems are the ones people ask in every interview for a role of this kind today",
	"Part—2 Questions", "PART 2", "Sections 1", "chapterX 1", "SeT 4", "Unité 2", "roblem", "uestion", "x ROBLEMS y",
	"Module 7 Problems", "Lesson 1", "Level 9 UESTIONS",
}

// refIsSectionMarkerBare is isSectionMarkerBare before its word tests came
// first: the word count of every line.
func refIsSectionMarkerBare(t string) bool {
	if t == "" || strings.HasSuffix(t, ":") || clean.FieldCount(t) > 14 {
		return false
	}
	if sectionWords[strings.ToLower(firstWord(t))] && sectionNumRE.MatchString(t) {
		return true
	}
	return (strings.Contains(t, "uestions") || strings.Contains(t, "UESTIONS") || strings.Contains(t, "roblems") || strings.Contains(t, "ROBLEMS")) &&
		questionsWordRE.MatchString(t) && clean.HeadingLike(t) && !strings.HasSuffix(t, "?")
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
	bare, _ := decorate(s)
	for _, b := range []string{s, bare} {
		if got, want := isSectionMarkerBare(b), refIsSectionMarkerBare(b); got != want {
			t.Errorf("isSectionMarkerBare(%q) = %v, the earlier order says %v", b, got, want)
		} else if want {
			sectionMarkers++
		}
	}
}

// sectionMarkers counts the section markers checkScanners saw, so that
// the corpus test can tell the comparison was not vacuous.
var sectionMarkers int

// TestScannersMatchRegexps checks sentenceBreak and hasTOCHeading against
// the regexps they replace, on edge cases and on the corpus (whole files
// and every line).
func TestScannersMatchRegexps(t *testing.T) {
	for _, s := range scanCases {
		checkScanners(t, s)
	}
	breaks := 0
	for _, f := range corpustest.Files(t) {
		checkScanners(t, f.Text)
		for _, l := range strings.Split(f.Text, "\n") {
			checkScanners(t, l)
			if sentenceBreak(l) >= 0 {
				breaks++
			}
		}
	}
	if breaks < 100 {
		t.Errorf("only %d lines with a sentence break", breaks)
	}
	if sectionMarkers < 10 {
		t.Errorf("only %d section markers", sectionMarkers)
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range scanCases {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}
