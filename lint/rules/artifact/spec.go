// Package artifact holds the artifact/* rules: page chrome and converter
// residue that scraping leaves in a text (widget labels, comment links,
// navigation, dead links, escapes, running headers). Each rule reports the
// chrome and fixes it by removing it (or, for code widgets, by putting back
// the fence the widget stood for). The rules run at lint.StageClean, so
// their fixes are applied before the text is segmented, while findings keep
// raw positions.
//
// Most rules are data: a Spec (id, docs, examples and a list of
// clean.Pattern contexts) compiled by NewRule. The defaults live in
// defaults.yaml; covering a new source's chrome takes a few lines there or
// in a project's rule file. The one rule written in Go, running-header,
// needs the document's table of contents.
package artifact

import (
	_ "embed"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/lint"
)

// A Spec declares an artifact rule.
type Spec struct {
	// ID is "artifact/name"; a bare "name" gets the prefix.
	ID string `yaml:"id"`
	// Severity is error, warning (the default) or info.
	Severity string `yaml:"severity,omitempty"`
	// Summary is one line, lower case: what the chrome is.
	Summary string `yaml:"summary"`
	// Doc is a paragraph: where the chrome comes from, why it goes, what
	// the fix does. Empty gets a generated paragraph.
	Doc        string   `yaml:"doc,omitempty"`
	References []string `yaml:"references,omitempty"`
	// Match lists the contexts the chrome appears in.
	Match []clean.Pattern `yaml:"match"`
	// Examples are tested (lint.CheckExamples): at least one bad and one
	// good.
	Examples []lint.Example `yaml:"examples"`
	// Origin is where the spec was declared (file:line), for messages.
	Origin string `yaml:"-"`
}

// NewRule compiles a spec into a rule that runs at lint.StageClean. Errors
// name the spec's origin and the offending field.
func NewRule(s Spec) (*lint.Rule, error) {
	fail := func(format string, args ...any) error {
		where := s.Origin
		if where == "" {
			where = "artifact rule " + s.ID
		} else if s.ID != "" {
			where += ": " + s.ID
		}
		return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
	}
	id := s.ID
	if id == "" {
		return nil, fail("id: missing")
	}
	if !strings.Contains(id, "/") {
		id = "artifact/" + id
	}
	if !strings.HasPrefix(id, "artifact/") {
		return nil, fail("id: %q is not in the artifact category", s.ID)
	}
	sev := lint.Warning
	if s.Severity != "" {
		v, err := lint.ParseSeverity(s.Severity)
		if err != nil {
			return nil, fail("severity: %v", err)
		}
		sev = v
	}
	if strings.TrimSpace(s.Summary) == "" {
		return nil, fail("summary: missing")
	}
	if len(s.Match) == 0 {
		return nil, fail("match: no pattern")
	}
	matchers := make([]*clean.Matcher, len(s.Match))
	for i, p := range s.Match {
		m, err := clean.Compile(p)
		if err != nil {
			return nil, fail("match[%d]: %v", i, err)
		}
		matchers[i] = m
	}
	var bad, good int
	for _, ex := range s.Examples {
		if ex.Bad != "" {
			bad++
		}
		if ex.Good != "" {
			good++
		}
	}
	if bad == 0 || good == 0 {
		return nil, fail("examples: need at least one bad and one good example (have %d, %d)", bad, good)
	}
	doc := strings.TrimSpace(s.Doc)
	if doc == "" {
		doc = fmt.Sprintf("Reports %s, page chrome that scraping kept, and removes it in its context only (see the rule's match patterns).", s.Summary)
	}
	summary := strings.TrimSpace(s.Summary)
	r := &lint.Rule{
		ID: id, Severity: sev, Summary: summary, Doc: doc,
		References: s.References, Examples: s.Examples, Fixable: true,
		Stage: lint.StageClean, Origin: s.Origin,
	}
	r.Run = func(p *lint.Pass) { report(p, summary, matchers) }
	return r, nil
}

// report runs every matcher and reports the proposals that do not overlap
// one reported before them. Inline matches on one line make one finding,
// as encoding repairs do: a table of contents with two dead links a line
// reads better as one finding a line.
func report(p *lint.Pass, summary string, matchers []*clean.Matcher) {
	sc := p.Memo(clean.ScanKey{}, func() any { return clean.NewScan(p.Doc.Text) }).(clean.Scan)
	var props []clean.Proposal
	for _, m := range matchers {
		props = append(props, m.Find(sc)...)
	}
	sort.SliceStable(props, func(i, j int) bool { return props[i].Span.Start < props[j].Span.Start })
	end := -1
	var group []clean.Proposal
	for _, pr := range props {
		if pr.Span.Start < end {
			continue
		}
		end = pr.Span.End
		if len(group) > 0 && !strings.Contains(p.Doc.Text[group[0].Span.Start:pr.Span.End], "\n") {
			group = append(group, pr)
			continue
		}
		reportGroup(p, summary, group)
		group = append(group[:0], pr)
	}
	reportGroup(p, summary, group)
}

// maxListed bounds the matches one finding spells out.
const maxListed = 4

// reportGroup reports proposals that lie on one line as one finding.
func reportGroup(p *lint.Pass, summary string, group []clean.Proposal) {
	switch len(group) {
	case 0:
		return
	case 1:
		pr := group[0]
		p.Report(pr.Span, summary+": "+clean.Quote(pr.Text), &lint.Fix{Message: pr.Fix, Edits: pr.Edits})
		return
	}
	var quoted, fixes []string
	var edits []content.Edit
	for i, pr := range group {
		if i < maxListed {
			quoted = append(quoted, clean.Quote(pr.Text))
		}
		if !slices.Contains(fixes, pr.Fix) {
			fixes = append(fixes, pr.Fix)
		}
		edits = append(edits, pr.Edits...)
	}
	list := strings.Join(quoted, ", ")
	if len(group) > maxListed {
		list += fmt.Sprintf(" and %d more", len(group)-maxListed)
	}
	span := content.Span{Start: group[0].Span.Start, End: group[len(group)-1].Span.End}
	p.Report(span, fmt.Sprintf("%s: %d on the line: %s", summary, len(group), list),
		&lint.Fix{Message: fmt.Sprintf("%s (%d places)", strings.Join(fixes, "; "), len(group)), Edits: edits})
}

// ParseSpecs decodes a YAML list of specs strictly: unknown keys and
// values of the wrong type are errors naming name:line:column.
func ParseSpecs(name string, data []byte) ([]Spec, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d:%d: want a list of artifact rules", name, list.Line, list.Column)
	}
	var out []Spec
	var errs []error
	for _, n := range list.Content {
		s, err := DecodeSpec(name, n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// DecodeSpec decodes one spec from a YAML mapping node, strictly. Keys in
// allow are accepted and ignored (a rule file's "kind: artifact").
func DecodeSpec(name string, n *yaml.Node, allow ...string) (Spec, error) {
	var s Spec
	if err := checkKeys(name, n, reflect.TypeOf(s), allow); err != nil {
		return s, err
	}
	if err := n.Decode(&s); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return s, fmt.Errorf("%s: %s", name, strings.Join(te.Errors, "; "))
		}
		return s, fmt.Errorf("%s:%d:%d: %w", name, n.Line, n.Column, err)
	}
	s.Origin = fmt.Sprintf("%s:%d", name, n.Line)
	return s, nil
}

// checkKeys rejects mapping keys that name no field of t (by yaml tag),
// recursively, reporting name:line:column of the key.
func checkKeys(name string, n *yaml.Node, t reflect.Type, allow []string) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := checkKeys(name, c, t.Elem(), nil); err != nil {
					return err
				}
			}
			return nil
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d:%d: want a mapping", name, n.Line, n.Column)
	}
	fields := map[string]reflect.Type{}
	var known []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = f.Type
		known = append(known, tag)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ft, ok := fields[k.Value]
		if !ok {
			if contains(allow, k.Value) {
				continue
			}
			return fmt.Errorf("%s:%d:%d: unknown field %q (want one of %s)", name, k.Line, k.Column, k.Value, strings.Join(known, ", "))
		}
		if err := checkKeys(name, v, ft, nil); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

//go:embed defaults.yaml
var defaultsYAML []byte

// parsedDefaults returns the specs of defaults.yaml, stored as Go source
// by go generate (defaults_gen.go) so that start-up does not parse YAML.
// It is nil without that file, and defaults.yaml is then parsed.
var parsedDefaults func() []Spec

//go:generate go test -run ^TestGeneratedUpToDate$ -update

// Defaults returns the built-in specs of defaults.yaml.
func Defaults() []Spec {
	if parsedDefaults != nil {
		return parsedDefaults()
	}
	return parseDefaults()
}

// parseDefaults decodes defaults.yaml.
func parseDefaults() []Spec {
	specs, err := ParseSpecs("lint/rules/artifact/defaults.yaml", defaultsYAML)
	if err != nil {
		panic(err) // a broken embedded file is a build defect; tests catch it
	}
	return specs
}

// Rules returns the built-in artifact rules: the defaults and
// running-header. They are compiled on first call, not at package
// initialisation, so that start-up can compile them alongside the other
// rule sets.
var Rules = sync.OnceValue(builtin)

func builtin() []*lint.Rule {
	var out []*lint.Rule
	for _, s := range Defaults() {
		r, err := NewRule(s)
		if err != nil {
			panic(err)
		}
		out = append(out, r)
	}
	return append(out, RunningHeader)
}
