// Package structure holds the structure/* rules: how problems are laid out
// and what of them is missing.
package structure

import (
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/lint"
)

// Unanswered reports problems without an answer.
var Unanswered = &lint.Rule{
	ID:       "structure/unanswered",
	Severity: lint.Info,
	Summary:  "problem has a question but no answer",
	Doc: `The problem's title is followed directly by the next problem or the end of
the file. Question-only lists are common in interview sheets; the
knowledge base joins such a question to an answered copy of it from
another source when there is one.`,
	Stage: lint.StageCheck,
	Examples: []lint.Example{
		{Bad: "1. What is a mutex?\n2. What is a semaphore?\nA counter that limits access.\n"},
		{Bad: "Q.76) How would you handle a thundering herd problem?\nans : \n\n\nQ.77) What is a dead letter queue?\nans : A queue for failed messages.\n"},
		{Good: "1. What is a mutex?\nA lock that one thread holds at a time.\n"},
		{Good: "Problem 1: Scaling Up\n\nQuestion: INTERVIEWER: Bigger server or more servers?\n\nSolution:\n\nMore servers, once the app is stateless.\n"},
	},
	Run: func(p *lint.Pass) {
		for i := range p.Problems {
			pr := &p.Problems[i]
			if !pr.Answered() {
				p.Reportf(pr.TitleSpan, "no answer to %q", pr.Title)
			}
		}
	},
}

// Empty reports inputs with no text.
var Empty = &lint.Rule{
	ID:       "structure/empty",
	Severity: lint.Warning,
	Summary:  "file has no text",
	Doc: `The file is empty or holds only white space, so it contributes nothing to
the knowledge base. An empty file among sources is usually a failed scrape
or export; re-fetch it or remove it.`,
	Stage: lint.StageCheck,
	Examples: []lint.Example{
		{Bad: " \n\n"},
		{Bad: "\t\n  \n"},
		{Good: "1. What is a mutex?\nA lock.\n"},
		{Good: "Notes without questions.\n"},
	},
	Run: func(p *lint.Pass) {
		if strings.TrimSpace(p.Doc.Text) == "" {
			p.Reportf(content.Span{}, "file has no text")
		}
	},
}

// Rules are the structure rules.
var Rules = []*lint.Rule{CollapsedTable, DashBullets, DuplicateInFile, Empty, GluedCode, LostContent, Numbering, SquashedCode, Truncated, Unanswered}
