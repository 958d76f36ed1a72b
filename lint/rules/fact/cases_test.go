package fact_test

import (
	"context"
	"testing"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// caseRunner lints single documents with the default fact and consistency
// rules, for the paraphrase and probe tests.
type caseRunner struct {
	all []*lint.Rule
	ids map[string]bool
	sel *lint.Selector
}

func newCaseRunner(t *testing.T) *caseRunner {
	t.Helper()
	all, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range all {
		ids[r.ID] = true
	}
	sel, err := lint.NewSelector(all, []string{"fact", "consistency"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &caseRunner{all: all, ids: ids, sel: sel}
}

// check lints text as one document. want "+" requires rule id among the
// findings; want "-" requires no finding at all. It returns what to
// report, or "" when the case holds.
func (c *caseRunner) check(t *testing.T, want, id, text string) (problem string, got []string) {
	t.Helper()
	res, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("case.txt", []byte(text+"\n"))}, lint.Options{Rules: c.all, Select: c.sel})
	if err != nil {
		t.Fatal(err)
	}
	flagged := false
	for _, f := range res.Findings {
		got = append(got, f.Rule)
		flagged = flagged || f.Rule == id
	}
	switch {
	case want == "+" && !flagged:
		return "does not flag", got
	case want == "-" && len(got) > 0:
		return "flagged", got
	}
	return "", got
}
