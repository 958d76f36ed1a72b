package lint

import (
	"sort"

	"github.com/canon-kb/canon/content"
)

// A Finding is one thing a rule found. Positions are raw: they point into
// the file as read, whatever repairs ran before the rule.
type Finding struct {
	Path      string   `json:"path"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"`
	// Span is the finding's byte range in the Source text.
	Span content.Span `json:"-"`
	// Fix, when set, is a certain repair of what was found.
	Fix *Fix `json:"fix,omitempty"`
	// Related points at other places that bear on the finding, such as the
	// other side of a contradiction.
	Related []Related `json:"related,omitempty"`
	// Repair marks a finding of a repair stage (encoding, clean) whose fix
	// was handed to the pipeline: the text after it no longer holds what
	// was found, so the knowledge base does not list it.
	Repair bool `json:"-"`
}

// A Fix is a set of edits that repairs a finding.
type Fix struct {
	// Message is a verb phrase: "replace “ğŸ”¹” with “🔹”".
	Message string `json:"message"`
	// Edits are in Source text coordinates, sorted and non-overlapping.
	Edits []content.Edit `json:"edits"`
}

// A Related location is another place a finding refers to.
type Related struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// SortFindings puts findings in report order: path, position, rule, message.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Span.End != b.Span.End {
			return a.Span.End < b.Span.End
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
