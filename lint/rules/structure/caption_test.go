package structure

import (
	"strings"
	"testing"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/internal/corpustest"
)

// refCaption is caption as first written: strings.Fields and the regexp
// on every short line.
func refCaption(line string) bool {
	t := strings.TrimSuffix(clean.Trim(clean.StripEmoji(line)), ":")
	w := strings.Fields(t)
	if len(w) == 0 || len(w) > 5 || strings.HasSuffix(t, ".") || !captionWordRE.MatchString(t) {
		return false
	}
	first, last := strings.ToLower(w[0]), strings.ToLower(w[len(w)-1])
	return clean.HeadingLike(t) && len(w) <= 4 || first == "example" || first == "for" && len(w) == 2 || last == "diagram"
}

var captionCases = []string{
	"", "Example:", "EXAMPLES", "Mermaid diagram", "Post Schema", "Post ſchema", "Code ſnippet", "Examples:",
	"Example using Bull", "For example:", "Output", "output.", "Counterexample", "example_1", "Diagram2",
	"🚀 Example 🚀", "Sample output here now please", "One two three four five six example", "\texample\t",
	"EXAMPLEſ", "SCHEMA", "SNIPPET", "OutPut", "diagrams", "Exampl e", "x-example", "ex\u00e4mple",
}

func checkCaption(t *testing.T, line string) bool {
	t.Helper()
	got, want := caption(line), refCaption(line)
	if got != want {
		t.Errorf("caption(%q) = %v, the regexp alone says %v", line, got, want)
	}
	if tr := clean.Trim(line); captionWordRE.MatchString(tr) && !mayCaption(tr) {
		t.Errorf("mayCaption(%q) rejects a line captionWordRE matches", tr)
	}
	return want
}

// TestCaptionLiteralTest checks caption's byte test against the regexp
// alone on edge cases and every corpus line.
func TestCaptionLiteralTest(t *testing.T) {
	for _, c := range captionCases {
		checkCaption(t, c)
	}
	captions := 0
	for _, f := range corpustest.Files(t) {
		for l := range strings.Lines(f.Text) {
			if checkCaption(t, strings.TrimRight(l, "\r\n")) {
				captions++
			}
		}
	}
	if captions < 10 {
		t.Errorf("only %d corpus lines are captions", captions)
	}
}

func FuzzCaption(f *testing.F) {
	for _, c := range captionCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, line string) { checkCaption(t, line) })
}
