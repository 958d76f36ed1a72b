package lint

import (
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/lazyre"
)

// Suppression directives silence rules where a finding is known and
// accepted. In markdown, and anywhere, an HTML comment:
//
//	<!-- canon-disable-next-line fact/patch-idempotent -- quoting RFC 2068 -->
//	<!-- canon-disable fact -- a glossary of myths -->
//	…
//	<!-- canon-enable fact -->
//
// In plain text the same words on a line of their own, optionally after
// "#" or "//":
//
//	# canon-disable-next-line fact/patch-idempotent -- quoting RFC 2068
//
// A directive names rule IDs or categories, separated by commas or
// spaces; naming none silences every rule. Text after " -- " is the reason.
// "canon-disable" without a matching "canon-enable" lasts to the end of
// the file. A directive that silences nothing is itself reported by
// lint/unused-suppression, as staticcheck reports stale //lint:ignore.

// UnusedSuppression reports suppression directives that matched nothing.
var UnusedSuppression = &Rule{
	ID:       "lint/unused-suppression",
	Severity: Warning,
	Summary:  "suppression directive silences nothing",
	Doc: `A canon-disable-next-line or canon-disable directive silenced no finding in
this run: the text it protected was fixed, the rule no longer fires, or it
names the wrong rule. Remove it, so that it does not hide a later finding.
A directive is only judged when every rule it names ran (a run with --select
fact does not judge a directive for encoding rules).`,
	Stage: StageCheck,
	Examples: []Example{
		{Bad: "<!-- canon-disable-next-line encoding -->\nPlain text that no encoding rule flags.\n"},
		{Bad: "# canon-disable-next-line encoding/binary -- stale\nPlain text.\n"},
		{Good: "Plain text without directives.\n"},
		{Good: "<!-- canon-disable-next-line lint/unused-suppression -->\n<!-- canon-disable-next-line encoding -->\nText.\n"},
	},
	// Findings come from the pipeline after all rules ran (File.suppress).
	Run: func(*Pass) {},
}

type directive struct {
	kind  string // "disable-next-line", "disable", "enable"
	line  int    // 1-based raw line of the directive
	to    int    // last line covered (disable: set by the matching enable)
	rules []string
	span  content.Span
	loc   Location // span resolved, for reporting after the text is gone
	used  bool
}

var (
	htmlDirectiveRE = lazyre.New(`<!--\s*canon-(disable-next-line|disable|enable)\b(.*?)-->`)
	lineDirectiveRE = lazyre.New(`^\s*(?:#+|//)?\s*canon-(disable-next-line|disable|enable)\b(.*)$`)
)

// parseDirectives finds the directives in a source text.
func parseDirectives(src *content.Source) []*directive {
	text := src.Text
	if !strings.Contains(text, "canon-") {
		return nil
	}
	var out []*directive
	var open []*directive
	fence := ""
	for n := 1; n <= src.LineCount(); n++ {
		line := src.Line(n)
		// A directive inside a fenced code block is an example of one.
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			switch {
			case fence == "":
				fence = t[:3]
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			continue
		}
		if fence != "" || !strings.Contains(line, "canon-") {
			continue
		}
		start := src.LineStart(n)
		var ms [][]int
		if m := htmlDirectiveRE.FindAllStringSubmatchIndex(line, -1); m != nil {
			ms = m
		} else if m := lineDirectiveRE.FindStringSubmatchIndex(line); m != nil {
			ms = [][]int{m}
		}
		for _, m := range ms {
			d := &directive{kind: line[m[2]:m[3]], line: n, rules: parseRuleList(line[m[4]:m[5]]),
				span: content.Span{Start: start + m[0], End: start + m[1]}}
			switch d.kind {
			case "disable-next-line":
				d.to = n + 1
				out = append(out, d)
			case "disable":
				d.to = src.LineCount()
				open = append(open, d)
				out = append(out, d)
			case "enable":
				// Close the open blocks this enable names (all, if it
				// names none). It silences nothing itself (to < line) and
				// is kept only as markup, never reported as unused.
				for _, o := range open {
					if o.to == src.LineCount() && (len(d.rules) == 0 || sameRules(o.rules, d.rules)) {
						o.to = n - 1
					}
				}
				d.used = true
				out = append(out, d)
			}
		}
	}
	return out
}

// parseRuleList reads "fact/a, fact/b -- reason" into rule patterns.
func parseRuleList(s string) []string {
	if i := strings.Index(s, " --"); i >= 0 {
		s = s[:i]
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

func sameRules(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// covers reports whether d silences a finding of rule id on line.
func (d *directive) covers(id string, line int) bool {
	from := d.line + 1
	if line < from || line > d.to {
		return false
	}
	if len(d.rules) == 0 {
		return true
	}
	for _, p := range d.rules {
		if patternMatches(p, id) >= 0 {
			return true
		}
	}
	return false
}

// suppress drops the findings that directives silence and reports the
// directives that silenced nothing, when every rule they name ran.
func (f *File) suppress(opts *Options) {
	if f.Skipped != nil {
		return
	}
	dirs := f.directives
	if len(dirs) == 0 {
		return
	}
	kept := f.Findings[:0]
	for _, fd := range f.Findings {
		silenced := false
		for _, d := range dirs {
			// A directive is markup, not content: what a rule finds in
			// its own words (rule IDs, the reason) is dropped.
			if d.span.Start <= fd.Span.Start && fd.Span.End <= d.span.End {
				silenced = true
			}
			if d.covers(fd.Rule, fd.Line) {
				d.used, silenced = true, true
			}
		}
		if !silenced {
			kept = append(kept, fd)
		}
	}
	f.Findings = kept
	if !opts.Select.Matches(UnusedSuppression.ID) || !hasRule(opts.Rules, UnusedSuppression.ID) {
		return
	}
	// First let directives silence the reports of other directives, then
	// report what is left.
	var report []*directive
	for _, d := range dirs {
		if d.used || !allRan(opts, d.rules) && unknownPattern(opts.Rules, d.rules) == "" {
			continue
		}
		silenced := false
		for _, o := range dirs {
			if o != d && o.covers(UnusedSuppression.ID, d.line) {
				o.used, silenced = true, true
			}
		}
		if !silenced {
			report = append(report, d)
		}
	}
	for _, d := range report {
		if unknown := unknownPattern(opts.Rules, d.rules); unknown != "" {
			f.addAt(UnusedSuppression, d.loc, "canon-"+d.kind+" names "+unknown+", which matches no rule (see `canon rules`)", nil)
			continue
		}
		if d.used {
			continue
		}
		what := "every rule"
		if len(d.rules) > 0 {
			what = strings.Join(d.rules, ", ")
		}
		f.addAt(UnusedSuppression, d.loc, "canon-"+d.kind+" for "+what+" silences nothing; remove it", nil)
	}
	SortFindings(f.Findings)
}

// unknownPattern returns the first pattern that matches no rule.
func unknownPattern(rules []*Rule, pats []string) string {
	for _, p := range pats {
		if p != "ALL" && !anyRuleMatches(rules, p) {
			return p
		}
	}
	return ""
}

func hasRule(rules []*Rule, id string) bool {
	for _, r := range rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

// allRan reports whether every rule a directive names ran in this run
// (and, for a directive naming none, whether every rule did).
func allRan(opts *Options, pats []string) bool {
	if len(pats) == 0 {
		for _, r := range opts.Rules {
			if !opts.Select.runs(r) {
				return false
			}
		}
		return true
	}
	for _, p := range pats {
		ran := false
		for _, r := range opts.Rules {
			if patternMatches(p, r.ID) >= 0 {
				if !opts.Select.runs(r) {
					return false
				}
				ran = true
			}
		}
		if !ran {
			return false
		}
	}
	return true
}
