package rules

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/lint"
)

// corpusResult lints the bundled corpus with the built-in rules.
func corpusResult(t testing.TB) *lint.Result {
	t.Helper()
	inputs := corpusInputs(t)
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: Builtin()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	return res
}

// TestCorpusProblemCounts pins the problems segmented from each corpus
// file after repair. The counts were checked by hand against the files:
//
//   - 000: 51 numbered problems under four ROUND headings (8+10+15+18).
//   - 001: the same 51, then 35 bare numbered questions under ROUND 5-7
//     (two of them bold titles spanning two lines) without answers.
//   - 002: Q.1)–Q.100) and two Q.) problems, 78 of them answered
//     (Q.76 and Q.78 have an empty "ans :"), then ten sections of ten
//     bare questions.
//   - 003: a DEV post. Rule: a problem starts at a numbered title in the
//     one run of numbered questions (4), at a Question: "…" script (3), and
//     at every standalone heading that asks a question, emoji-led or not,
//     except one that restates the title of the problem it sits in; see
//     content/segment/outline.go. That gives 54 problems, 53 answered.
//   - 004: 177 "Problem N:" headings, 149 distinct titles (28 repeated).
func TestCorpusProblemCounts(t *testing.T) {
	want := map[string]struct{ problems, answered, distinct int }{
		"000_ad25eb5cbe2ab954.txt": {51, 51, 51},
		"001_f80d072372ded448.txt": {86, 51, 86},
		"002_bee50f26546dd36c.txt": {202, 78, 202},
		"003_89469c54ed8cc79a.txt": {54, 53, 54},
		"004_2c1bbdcefb3021eb.txt": {177, 177, 149},
	}
	for _, f := range corpusResult(t).Files {
		answered := 0
		titles := map[string]bool{}
		for _, p := range f.Problems {
			if p.Answered() {
				answered++
			}
			titles[strings.ToLower(p.Title)] = true
		}
		w := want[f.Path]
		if len(f.Problems) != w.problems || answered != w.answered || len(titles) != w.distinct {
			t.Errorf("%s: %d problems, %d answered, %d distinct titles; want %d, %d, %d",
				f.Path, len(f.Problems), answered, len(titles), w.problems, w.answered, w.distinct)
		}
	}
}

// corpusInputs is the bundled corpus as lint inputs named by file name,
// in name order.
func corpusInputs(t testing.TB) []lint.Input {
	t.Helper()
	var inputs []lint.Input
	for _, f := range corpustest.Files(t) {
		inputs = append(inputs, lint.BytesInput(filepath.Base(f.Path), []byte(f.Text)))
	}
	return inputs
}
