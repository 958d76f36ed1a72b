package ruleset

import (
	"fmt"
	"sort"
	"strings"

	"github.com/canon-kb/canon/internal/golit"
	"github.com/canon-kb/canon/internal/relit"
	"github.com/canon-kb/canon/internal/yamlstrict"
)

// Parsed is a group of rule files decoded but not compiled, with the
// analysis of every pattern they hold. A program that embeds rule files
// stores their Parsed form as Go source (GoSource, run by go generate)
// and loads it with LoadParsed, so that its start-up parses neither YAML
// nor regular expressions. The files stay the source of truth: a test
// regenerates the source and compares.
type Parsed struct {
	Files []ParsedFile
	// Patterns are the analyses of the patterns, as compiled (with their
	// "(?i)" prefix), sorted by Expr. A slice, not a map, so that a
	// generated copy is static data.
	Patterns []PatternAnalysis
}

// A PatternAnalysis is one pattern's analysis.
type PatternAnalysis struct {
	Expr string
	relit.Analysis
}

// analysis returns the stored analysis of expr.
func (p *Parsed) analysis(expr string) (relit.Analysis, bool) {
	i := sort.Search(len(p.Patterns), func(i int) bool { return p.Patterns[i].Expr >= expr })
	if i < len(p.Patterns) && p.Patterns[i].Expr == expr {
		return p.Patterns[i].Analysis, true
	}
	return relit.Analysis{}, false
}

// A ParsedFile is one file's rules as decoded.
type ParsedFile struct {
	Name  string
	Rules []RuleDoc
}

// Parse decodes and analyses files that load without error (they are
// loaded first, so a mistake is reported as Load reports it). Rules of a
// registered kind (RegisterKind) have no parsed form and are an error.
func Parse(files ...File) (*Parsed, error) {
	set, err := Load(files...)
	if err != nil {
		return nil, err
	}
	p := &Parsed{}
	for expr := range set.patterns {
		a, err := relit.Analyze(expr)
		if err != nil {
			return nil, err // Load compiled it: not reached
		}
		p.Patterns = append(p.Patterns, PatternAnalysis{expr, a})
	}
	sort.Slice(p.Patterns, func(i, j int) bool { return p.Patterns[i].Expr < p.Patterns[j].Expr })
	for _, f := range files {
		d := &yamlstrict.Decoder{File: f.Name}
		var doc fileDoc
		d.Decode(d.Parse(f.Data), &doc)
		pf := ParsedFile{Name: f.Name}
		for i := range doc.Rules {
			n := &doc.Rules[i]
			if k := ruleKind(n); extKinds[k] != nil {
				return nil, &yamlstrict.Error{File: f.Name, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("kind %s has no parsed form", k)}
			}
			var rd RuleDoc
			d.Decode(n, &rd)
			pf.Rules = append(pf.Rules, rd)
		}
		if err := d.Err(); err != nil {
			return nil, err // Load decoded it: not reached
		}
		p.Files = append(p.Files, pf)
	}
	return p, nil
}

// LoadParsed compiles p into the Set that Load makes of the files p was
// parsed from.
func LoadParsed(p *Parsed) (*Set, error) {
	s := newSet()
	s.prepared = p
	var errs []error
	seen := map[string]string{}
	for _, f := range p.Files {
		for i := range f.Rules {
			rd := f.Rules[i] // compiling fills in defaults; p stays as stored
			errs = append(errs, s.add(f.Name, &rd, seen)...)
		}
	}
	return s.finish(errs)
}

// GoSource returns a Go source file that holds p: f says which package,
// function and generator (f.Value and f.Doc are filled in).
func (p *Parsed) GoSource(f golit.Func) ([]byte, error) {
	names := make([]string, len(p.Files))
	for i, pf := range p.Files {
		names[i] = "  " + pf.Name
	}
	sort.Strings(names)
	f.Doc = fmt.Sprintf("%s returns the parsed form (ruleset.Parsed) of the %d rule files\n%s.", f.Name, len(names), strings.Join(names, ",\n"))
	f.Value = p
	return golit.File(f)
}
