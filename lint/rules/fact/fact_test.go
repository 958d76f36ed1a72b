package fact

import (
	"testing"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

func TestDefaultsLoad(t *testing.T) {
	rs, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatal("no default fact rules")
	}
	if err := lint.Validate(rs); err != nil {
		t.Fatal(err)
	}
}

// TestExamples is `canon rules test` on the default set: every must-match
// example is flagged by its rule, no must-not-match example is.
func TestExamples(t *testing.T) {
	rs, err := Rules()
	if err != nil {
		t.Fatal(err)
	}
	all := append(rules.Builtin(), rs...)
	for _, r := range rs {
		t.Run(r.ID, func(t *testing.T) {
			for _, err := range lint.CheckExamples(r, all) {
				t.Error(err)
			}
		})
	}
}
