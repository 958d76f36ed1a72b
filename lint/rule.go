package lint

import (
	"errors"
	"fmt"
	"sort"

	"github.com/canon-kb/canon/internal/lazyre"
)

// Categories are the first part of every rule ID.
// "lint" holds the rules about canon's own directives in the text.
var Categories = []string{"encoding", "artifact", "structure", "fact", "consistency", "lint"}

// A Stage says when a rule runs and what it sees. Stages run in order; the
// fixes of each repair stage are applied before the next stage runs, so
// later rules see repaired text (and still report raw positions).
type Stage int

const (
	// StageDecode rules see the decoded, unrepaired text and the decoding
	// (Pass.Doc.Src.Encoding, Pass.DecodeErr).
	StageDecode Stage = iota
	// StageEncoding rules repair character-level damage (mojibake).
	StageEncoding
	// StageClean rules remove scrape artifacts and repair lost formatting.
	StageClean
	// StageCheck rules see the fully repaired text and its problems.
	StageCheck
	// StageCorpus rules see every document at once (RunCorpus).
	StageCorpus
)

func (s Stage) String() string {
	switch s {
	case StageDecode:
		return "decode"
	case StageEncoding:
		return "encoding"
	case StageClean:
		return "clean"
	case StageCheck:
		return "check"
	case StageCorpus:
		return "corpus"
	}
	return fmt.Sprintf("stage(%d)", int(s))
}

// repairs reports whether the stage's fixes are applied before later stages.
func (s Stage) repairs() bool { return s == StageEncoding || s == StageClean }

// An Example is text a rule is tested on. Bad must produce a finding of
// the rule and Good must not; when Fixed is set, applying the rule's fixes
// to Bad must give Fixed.
type Example struct {
	Bad   string `json:"bad,omitempty" yaml:"bad,omitempty"`
	Good  string `json:"good,omitempty" yaml:"good,omitempty"`
	Fixed string `json:"fixed,omitempty" yaml:"fixed,omitempty"`
}

// A Rule is one check. Every field is documentation or behaviour that
// `canon rules` shows and the tests check.
type Rule struct {
	// ID is "category/name": stable, never reused for another meaning.
	ID string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Summary is one line, lower case, no final period.
	Summary string
	// Doc is a paragraph or more of markdown: what the rule finds, why it
	// matters, how to fix it, known false positives.
	Doc string
	// References are URLs or citations backing the rule.
	References []string
	// Examples are checked by RunExamples (and `canon rules test`).
	Examples []Example
	// Fixable says the rule offers fixes that canon fix applies.
	Fixable bool
	// Stage says when the rule runs.
	Stage Stage
	// Origin names where a declarative rule was defined (file:line); empty
	// for built-in rules.
	Origin string

	// Run checks one document. Set for every stage but StageCorpus.
	Run func(*Pass)
	// RunCorpus checks all documents together. Set only for StageCorpus.
	RunCorpus func(*CorpusPass)
	// Collect, optional and only for StageCorpus, reads what RunCorpus
	// needs of one document while its text is at hand: it runs per file
	// in the worker pool after the check stage, and RunCorpus finds its
	// result with CorpusPass.Collected. A rule that collects must not read
	// Files' text, which a compact run (Options.Compact) drops; it reports
	// with CorpusPass.ReportAt at Locations from Pass.Locate.
	Collect func(*Pass) any
}

// Category returns the part of the ID before the slash.
func (r *Rule) Category() string {
	for i := 0; i < len(r.ID); i++ {
		if r.ID[i] == '/' {
			return r.ID[:i]
		}
	}
	return r.ID
}

var idRE = lazyre.New(`^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Validate checks a rule set: IDs well formed, in a known category and
// unique; docs present; exactly the run function the stage needs.
func Validate(rules []*Rule) error {
	var errs []error
	seen := map[string]bool{}
	for _, r := range rules {
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("rule %s: %s", r.ID, fmt.Sprintf(format, args...)))
		}
		if !idRE.MatchString(r.ID) {
			bad("ID must be category/name in lower case")
		} else if !knownCategory(r.Category()) {
			bad("unknown category %q (want one of %v)", r.Category(), Categories)
		}
		if seen[r.ID] {
			bad("duplicate ID")
		}
		seen[r.ID] = true
		if r.Summary == "" {
			bad("no summary")
		}
		if r.Doc == "" {
			bad("no doc")
		}
		if r.Severity < Info || r.Severity > Error {
			bad("bad severity %d", int(r.Severity))
		}
		if r.Collect != nil && r.Stage != StageCorpus {
			bad("only corpus rules collect")
		}
		if (r.Stage == StageCorpus) != (r.RunCorpus != nil) || (r.Stage == StageCorpus) == (r.Run != nil) {
			bad("stage %s needs exactly %s", r.Stage, map[bool]string{true: "RunCorpus", false: "Run"}[r.Stage == StageCorpus])
		}
		var nbad, ngood int
		for _, ex := range r.Examples {
			if ex.Bad != "" {
				nbad++
			}
			if ex.Good != "" {
				ngood++
			}
		}
		if nbad == 0 || ngood == 0 {
			bad("needs at least one bad and one good example (has %d, %d)", nbad, ngood)
		}
	}
	return errors.Join(errs...)
}

func knownCategory(c string) bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// SortRules orders rules by ID, the order every listing and report uses.
func SortRules(rules []*Rule) {
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
}
