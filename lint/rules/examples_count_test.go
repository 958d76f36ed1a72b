package rules

import (
	"strings"
	"testing"
)

// TestCleanRulesHaveExamples holds the artifact and structure rules to two
// bad and two good examples each, and a Fixed text for the bad examples of
// every fixable rule where the fix applies.
func TestCleanRulesHaveExamples(t *testing.T) {
	for _, r := range Builtin() {
		if !strings.HasPrefix(r.ID, "artifact/") && !strings.HasPrefix(r.ID, "structure/") {
			continue
		}
		var bad, good, fixed int
		for _, ex := range r.Examples {
			if ex.Bad != "" {
				bad++
			}
			if ex.Good != "" {
				good++
			}
			if ex.Fixed != "" {
				fixed++
			}
		}
		if bad < 2 || good < 2 {
			t.Errorf("%s: %d bad and %d good examples, want at least 2 of each", r.ID, bad, good)
		}
		if r.Fixable && fixed == 0 {
			t.Errorf("%s: fixable but no example shows the fixed text", r.ID)
		}
		if len(strings.Fields(r.Doc)) < 25 {
			t.Errorf("%s: doc is %d words, want a paragraph", r.ID, len(strings.Fields(r.Doc)))
		}
	}
}
