package fact_test

import (
	"testing"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// TestDefaultsLoad checks the embedded rule files compile and validate.
func TestDefaultsLoad(t *testing.T) {
	set, err := rules.Declarative()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Rules) == 0 {
		t.Fatal("no default declarative rules")
	}
	if err := lint.Validate(set.Rules); err != nil {
		t.Fatal(err)
	}
}

// TestExamples is `canon rules test` on the default set: every must-match
// example is flagged by its rule, no must-not-match example is.
func TestExamples(t *testing.T) {
	all, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if r.Origin == "" {
			continue // built-in rules are tested in lint/rules
		}
		t.Run(r.ID, func(t *testing.T) {
			for _, err := range lint.CheckExamples(r, all) {
				t.Error(err)
			}
		})
	}
}
