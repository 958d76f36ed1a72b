package rules

import (
	"testing"

	"github.com/canon-kb/canon/lint"
)

func TestBuiltinRulesValidate(t *testing.T) {
	if err := lint.Validate(Builtin()); err != nil {
		t.Fatal(err)
	}
}

// TestExamples runs every rule on its documented examples.
func TestExamples(t *testing.T) {
	all := Builtin()
	for _, r := range all {
		t.Run(r.ID, func(t *testing.T) {
			for _, err := range lint.CheckExamples(r, all) {
				t.Error(err)
			}
		})
	}
}
