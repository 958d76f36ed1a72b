package artifact

import (
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/lint"
)

// RunningHeader reports stray running headers: the section titles a PDF
// repeats at the top of its pages, which a PDF-to-markdown converter
// leaves between problems. They are found against the document's table of
// contents (segment.Strays): a heading between problems that names no
// entry, or an entry out of order, is a running header. Written in Go
// because the context is the whole document, not a line pattern.
var RunningHeader = &lint.Rule{
	ID:       "artifact/running-header",
	Severity: lint.Warning,
	Summary:  "running header of a PDF page left between problems",
	Doc: `A PDF repeats a section title at the top of each page; converted to text,
the title lands between problems, often far from its section ("N+1 Query
Problem" between two authentication problems). Taken for a heading it would
give the next problem the wrong topic. The rule compares every heading that
sits between problems with the document's table of contents: a heading that
names no entry, or an entry other than the current or next section, is a
running header and is removed. Documents without a table of contents are
left alone, since nothing tells a running header from a section there.`,
	Stage:   lint.StageClean,
	Fixable: true,
	Examples: []lint.Example{
		{
			Bad:   "Table of Contents\n\n- [Caching](#) - 2 problems\n- [Queues](#) - 1 problems\n- [Security](#) - 1 problems\n\n\n\nCaching\n\nProblem 1: Cache Aside\n\nQuestion: INTERVIEWER: What is cache-aside?\n\nSolution:\n\nThe app fills the cache.\n\n\n\nService Mesh\n\nProblem 2: Write Through\n\nQuestion: INTERVIEWER: What is write-through?\n\nSolution:\n\nWrites go to both.\n",
			Fixed: "Table of Contents\n\n- [Caching](#) - 2 problems\n- [Queues](#) - 1 problems\n- [Security](#) - 1 problems\n\n\n\nCaching\n\nProblem 1: Cache Aside\n\nQuestion: INTERVIEWER: What is cache-aside?\n\nSolution:\n\nThe app fills the cache.\n\n\n\nProblem 2: Write Through\n\nQuestion: INTERVIEWER: What is write-through?\n\nSolution:\n\nWrites go to both.\n",
		},
		{
			Bad:   "Contents\n\n- [Caching](#) - 1 problems\n- [Queues](#) - 1 problems\n- [Security](#) - 1 problems\n\n\n\nCaching\n\nProblem 1: Cache Aside\n\nQuestion: INTERVIEWER: What is cache-aside?\n\nSolution:\n\nThe app fills the cache.\n\n\n\nCaching\n\nProblem 2: Dead Letters\n\nQuestion: INTERVIEWER: What is a dead-letter queue?\n\nSolution:\n\nWhere failed messages go.\n",
			Fixed: "Contents\n\n- [Caching](#) - 1 problems\n- [Queues](#) - 1 problems\n- [Security](#) - 1 problems\n\n\n\nCaching\n\nProblem 1: Cache Aside\n\nQuestion: INTERVIEWER: What is cache-aside?\n\nSolution:\n\nThe app fills the cache.\n\n\n\nProblem 2: Dead Letters\n\nQuestion: INTERVIEWER: What is a dead-letter queue?\n\nSolution:\n\nWhere failed messages go.\n",
		},
		{Good: "Table of Contents\n\n- [Caching](#) - 1 problems\n- [Queues](#) - 1 problems\n- [Security](#) - 1 problems\n\n\n\nCaching\n\nProblem 1: Cache Aside\n\nSolution:\n\nThe app fills the cache.\n\n\n\nQueues\n\nProblem 2: Dead Letters\n\nSolution:\n\nWhere failed messages go.\n"},
		{Good: "Caching\n\n1. What is cache-aside?\nThe app fills the cache.\n\n\n\nService Mesh\n\n2. What is a sidecar?\nA proxy beside each service.\n"},
	},
	Run: func(p *lint.Pass) {
		text := p.Doc.Text
		for _, s := range segment.Strays(text) {
			line := strings.TrimRight(text[s.Start:s.End], "\r\n")
			span := content.Span{Start: s.Start, End: s.Start + len(line)}
			del := s
			// Between blank lines, take the blank line after it too.
			if before := strings.TrimRight(text[:s.Start], " \t"); (before == "" || strings.HasSuffix(before, "\n\n")) && s.End < len(text) {
				if i := strings.IndexByte(text[s.End:], '\n'); i >= 0 && clean.IsBlank(text[s.End:s.End+i]) {
					del.End = s.End + i + 1
				}
			}
			p.Report(span, "running header "+clean.Quote(clean.Trim(line))+" names no section here",
				&lint.Fix{Message: "delete the running header", Edits: []content.Edit{{Span: del}}})
		}
	},
}
