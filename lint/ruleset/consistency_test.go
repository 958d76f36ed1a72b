package ruleset

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/canon-kb/canon/lint"
)

// A consistency rule without a known value: the places that disagree with
// the value most places state are reported.
const replicaRule = `rules:
  - id: consistency/replica-count
    kind: consistency
    severity: warning
    summary: the widget store given different replica counts
    doc: How many replicas the widget store keeps.
    correct: Check the deployment manifest.
    references: [Widget store manual]
    keywords: [widget store]
    entities:
      widget store: ['\bwidget store\b']
    number: '\b(\d+|two|three|four) replicas\b'
    match:
      - The widget store keeps 3 replicas.
      - The widget store keeps two replicas.
    nomatch:
      - The widget store is fast.
      - The widget store does not keep 3 replicas.
`

// TestConsistencyPointsAtBoth lints documents that disagree and checks
// each finding sits at the odd statement and points at the others, across
// documents and within one.
func TestConsistencyPointsAtBoth(t *testing.T) {
	set, err := Load(File{Name: "r.yaml", Data: []byte(replicaRule)})
	if err != nil {
		t.Fatal(err)
	}
	describe := func(inputs ...lint.Input) []string {
		res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: set.Rules})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range res.Findings {
			s := fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule)
			for _, r := range f.Related {
				s += fmt.Sprintf(" -> %s:%d", r.Path, r.Line)
			}
			out = append(out, s)
		}
		return out
	}
	check := func(name string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", name, got, want)
		}
	}

	// Two documents say three, one says two (in words): the odd one is
	// reported, pointing at both others.
	check("across documents", describe(
		lint.BytesInput("a.txt", []byte("Intro.\nThe widget store keeps 3 replicas.\n")),
		lint.BytesInput("b.txt", []byte("The widget store keeps two replicas.\n")),
		lint.BytesInput("c.txt", []byte("Setup.\n\nNotes.\n\nThe widget store keeps three replicas.\n")),
	), "b.txt:1 consistency/replica-count -> a.txt:2 -> c.txt:5")

	// Within one document.
	check("within a document", describe(
		lint.BytesInput("d.txt", []byte("The widget store keeps 4 replicas.\n\nLater: the widget store keeps 3 replicas.\n\nAgain, the widget store keeps 4 replicas.\n")),
	), "d.txt:3 consistency/replica-count -> d.txt:1 -> d.txt:5")

	// Agreement, and a negated statement, report nothing.
	check("agreement", describe(
		lint.BytesInput("e.txt", []byte("The widget store keeps 3 replicas.\n")),
		lint.BytesInput("f.txt", []byte("The widget store keeps three replicas; it does not keep 4 replicas.\n")),
	))
}
