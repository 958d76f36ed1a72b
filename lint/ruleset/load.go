package ruleset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/internal/lazyre"
	"github.com/canon-kb/canon/internal/relit"
	"github.com/canon-kb/canon/internal/yamlstrict"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/prose"
)

// A File is one rule file's name (used in errors and rule origins) and
// contents.
type File struct {
	Name string
	Data []byte
}

// A Set is the rules compiled from a group of files. Its claim rules share
// one keyword automaton and one analysis per document.
type Set struct {
	// Rules are the compiled rules, sorted by ID.
	Rules []*lint.Rule

	keywords []string // normalised, deduplicated
	kwIndex  map[string]int
	// patterns are compiled once per distinct source, so that rules which
	// share one share its memoised results too.
	patterns map[string]*relit.Pattern
	// prepared is what LoadParsed loads: its stored pattern analyses spare
	// parsing the patterns.
	prepared *Parsed
	ac       *relit.Automaton
	claims   []*claim
}

// fileDoc is the top level of a rule file. Rules are decoded one by one,
// by kind.
type fileDoc struct {
	Rules []yaml.Node `yaml:"rules"`
}

// A KindFunc compiles one rule of a kind defined outside this package
// (artifact rules, say) from its YAML mapping; file names it in errors.
// The mapping still holds the "kind" key.
type KindFunc func(file string, n *yaml.Node) (*lint.Rule, error)

var extKinds = map[string]KindFunc{}

// RegisterKind makes rule files accept kind name, compiled by f. It is
// meant for package initialisation (lint/rules registers "artifact").
func RegisterKind(name string, f KindFunc) {
	if _, dup := extKinds[name]; dup || name == "claim" || name == "compute" || name == "consistency" {
		panic("ruleset: kind " + name + " registered twice")
	}
	extKinds[name] = f
}

// kindError is an error from a registered kind, with the position of the
// rule it is about for ordering (its message names the place itself).
type kindError struct {
	file      string
	line, col int
	err       error
}

func (e *kindError) Error() string { return e.err.Error() }
func (e *kindError) Unwrap() error { return e.err }

// errPos returns an error's position for ordering.
func errPos(err error) (string, int, int) {
	var ye *yamlstrict.Error
	var ke *kindError
	switch {
	case errors.As(err, &ye):
		return ye.File, ye.Line, ye.Col
	case errors.As(err, &ke):
		return ke.file, ke.line, ke.col
	}
	return "", 0, 0
}

// ruleKind returns the value of a rule mapping's "kind" key.
func ruleKind(n *yaml.Node) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "kind" {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// RuleDoc is one rule as written. Which fields a rule may set depends on
// its kind; FORMAT.md documents them.
type RuleDoc struct {
	ID         yamlstrict.Str   `yaml:"id"`
	Kind       yamlstrict.Str   `yaml:"kind"`
	Severity   yamlstrict.Str   `yaml:"severity"`
	Summary    yamlstrict.Str   `yaml:"summary"`
	Doc        yamlstrict.Str   `yaml:"doc"`
	Correct    yamlstrict.Str   `yaml:"correct"`
	References []yamlstrict.Str `yaml:"references"`
	Keywords   []yamlstrict.Str `yaml:"keywords"`

	// claim
	Subject  []yamlstrict.Str `yaml:"subject"`
	Others   []yamlstrict.Str `yaml:"others"`
	Context  []yamlstrict.Str `yaml:"context"`
	Claim    []yamlstrict.Str `yaml:"claim"`
	Any      []yamlstrict.Str `yaml:"any"`
	Unless   []yamlstrict.Str `yaml:"unless"`
	Negation yamlstrict.Flag  `yaml:"negation"`
	Scope    yamlstrict.Str   `yaml:"scope"`

	// compute
	Check yamlstrict.Str `yaml:"check"`

	// consistency
	Entities map[string][]yamlstrict.Str `yaml:"entities"`
	Values   map[string][]yamlstrict.Str `yaml:"values"`
	Number   yamlstrict.Str              `yaml:"number"`
	Known    map[string]yamlstrict.Str   `yaml:"known"`

	Match   []yamlstrict.Str `yaml:"match"`
	NoMatch []yamlstrict.Str `yaml:"nomatch"`

	At yamlstrict.Pos
}

// Kinds of declarative rule.
var kinds = []string{"claim", "compute", "consistency"}

func kindNames() string {
	names := append([]string(nil), kinds...)
	for k := range extKinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Load compiles rule files into one Set. Every mistake in every file is
// reported, each naming file:line:col.
func Load(files ...File) (*Set, error) {
	s := newSet()
	var errs []error
	seen := map[string]string{}
	// Parsing YAML is most of the work of loading rules, and what every
	// run pays at start-up: the files are parsed at once, then compiled
	// in order.
	decoders := make([]*yamlstrict.Decoder, len(files))
	roots := make([]*yaml.Node, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		decoders[i] = &yamlstrict.Decoder{File: f.Name}
		wg.Add(1)
		go func() {
			defer wg.Done()
			roots[i] = decoders[i].Parse(f.Data)
		}()
	}
	wg.Wait()
	for i, f := range files {
		d, root := decoders[i], roots[i]
		var doc fileDoc
		if root != nil {
			d.Decode(root, &doc)
		}
		// Rules are compiled even after a decoding error, so that one run
		// reports every mistake in the file.
		errs = append(errs, d.Errs...)
		topErrs := len(d.Errs)
		d.Errs = nil
		if topErrs == 0 && (root == nil || len(doc.Rules) == 0) {
			errs = append(errs, &yamlstrict.Error{File: f.Name, Line: 1, Col: 1, Msg: "no rules (want a top-level \"rules:\" list)"})
			continue
		}
		for i := range doc.Rules {
			n := &doc.Rules[i]
			if n.Kind == yaml.MappingNode {
				if kf := extKinds[ruleKind(n)]; kf != nil {
					r, err := kf(f.Name, n)
					switch {
					case err != nil:
						errs = append(errs, &kindError{f.Name, n.Line, n.Column, err})
					case seen[r.ID] != "":
						errs = append(errs, &yamlstrict.Error{File: f.Name, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("rule %s is already defined at %s", r.ID, seen[r.ID])})
					default:
						seen[r.ID] = r.Origin
						s.Rules = append(s.Rules, r)
					}
					continue
				}
			}
			var rd RuleDoc
			d.Decode(n, &rd)
			errs = append(errs, d.Errs...)
			d.Errs = nil
			errs = append(errs, s.add(f.Name, &rd, seen)...)
		}
	}
	return s.finish(errs)
}

func newSet() *Set {
	return &Set{kwIndex: map[string]int{}, patterns: map[string]*relit.Pattern{}}
}

// add compiles one rule into s; seen maps the IDs so far to their origins.
func (s *Set) add(file string, rd *RuleDoc, seen map[string]string) []error {
	c := &compiler{file: file, set: s}
	r := c.rule(rd)
	if r != nil {
		if prev, dup := seen[r.ID]; dup {
			c.errorf(rd.ID, "rule %s is already defined at %s", r.ID, prev)
		} else {
			seen[r.ID] = r.Origin
			s.Rules = append(s.Rules, r)
		}
	}
	return c.errs
}

// finish returns the set, or the errors ordered by position in each file.
func (s *Set) finish(errs []error) (*Set, error) {
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			af, al, ac := errPos(errs[i])
			bf, bl, bc := errPos(errs[j])
			if af != bf {
				return false // keep file order
			}
			if al != bl {
				return al < bl
			}
			return ac < bc
		})
		return nil, errors.Join(errs...)
	}
	s.ac = relit.NewAutomaton(s.keywords)
	lint.SortRules(s.Rules)
	return s, nil
}

// LoadFiles reads and compiles rule files from disk.
func LoadFiles(paths ...string) (*Set, error) {
	var files []File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("reading rule file: %w", err)
		}
		files = append(files, File{Name: p, Data: data})
	}
	return Load(files...)
}

// LoadFS compiles every *.yaml file of fsys matching pattern (fs.Glob).
func LoadFS(fsys fs.FS, pattern string) (*Set, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var files []File
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: n, Data: data})
	}
	return Load(files...)
}

// EmbeddedFiles returns the *.yaml files of dir in fsys (an embed.FS), in
// name order, named prefix/<file> in errors and rule origins.
func EmbeddedFiles(fsys fs.FS, dir, prefix string) []File {
	names, err := fs.Glob(fsys, dir+"/*.yaml")
	if err != nil {
		panic(err) // only for a malformed pattern
	}
	sort.Strings(names)
	var files []File
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			panic(fmt.Sprintf("embedded rule file %s: %v", n, err))
		}
		files = append(files, File{Name: prefix + "/" + path.Base(n), Data: data})
	}
	return files
}

// compiler turns one RuleDoc into a lint.Rule, collecting errors.
type compiler struct {
	file string
	set  *Set
	errs []error
}

func (c *compiler) errorf(at yamlstrict.Str, format string, args ...any) {
	c.errs = append(c.errs, &yamlstrict.Error{File: c.file, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...)})
}

func (c *compiler) errorAt(line, col int, format string, args ...any) {
	c.errs = append(c.errs, &yamlstrict.Error{File: c.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

var idRE = lazyre.New(`^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$`)

func (c *compiler) rule(rd *RuleDoc) *lint.Rule {
	required := func(v yamlstrict.Str, key string) bool {
		if strings.TrimSpace(v.V) == "" {
			c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing %q", orUnnamed(rd.ID.V), key)
			return false
		}
		return true
	}
	ok := required(rd.ID, "id")
	ok = required(rd.Kind, "kind") && ok
	ok = required(rd.Severity, "severity") && ok
	ok = required(rd.Summary, "summary") && ok
	ok = required(rd.Doc, "doc") && ok
	if !ok {
		return nil
	}
	r := &lint.Rule{
		ID:      rd.ID.V,
		Summary: strings.TrimSpace(rd.Summary.V),
		Stage:   lint.StageCheck,
		Origin:  fmt.Sprintf("%s:%d", c.file, rd.At.Line),
	}
	if !idRE.MatchString(r.ID) {
		c.errorf(rd.ID, "id %q: want category/name in lower case (e.g. fact/patch-idempotent)", r.ID)
	}
	sev, err := lint.ParseSeverity(rd.Severity.V)
	if err != nil {
		c.errorf(rd.Severity, "%v", err)
	}
	r.Severity = sev
	for _, ref := range rd.References {
		r.References = append(r.References, strings.TrimSpace(ref.V))
	}
	for _, m := range rd.Match {
		r.Examples = append(r.Examples, lint.Example{Bad: exampleText(m.V)})
	}
	for _, m := range rd.NoMatch {
		r.Examples = append(r.Examples, lint.Example{Good: exampleText(m.V)})
	}
	switch rd.Kind.V {
	case "claim":
		if rd.Check.V != "" {
			c.errorf(rd.Check, "\"check\" is for kind compute")
		}
		c.claim(rd, r)
	case "compute":
		c.computeRule(rd, r)
	case "consistency":
		c.consistency(rd, r)
	default:
		c.errorf(rd.Kind, "unknown kind %q (want one of %s)", rd.Kind.V, kindNames())
	}
	if len(c.errs) > 0 {
		return nil
	}
	return r
}

func orUnnamed(id string) string {
	if id == "" {
		return "(no id)"
	}
	return id
}

// exampleText makes sure an example ends with a newline, as files do.
func exampleText(s string) string {
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// compile compiles patterns; they run case-insensitively on normalised
// (lower-case) text, behind a test for the literals every match needs.
func (c *compiler) compile(pats []yamlstrict.Str) []*relit.Pattern {
	var out []*relit.Pattern
	for _, p := range pats {
		expr := "(?i)" + p.V
		re := c.set.patterns[expr]
		if re == nil && c.set.prepared != nil {
			if a, ok := c.set.prepared.analysis(expr); ok {
				re = relit.FromAnalysis(expr, a)
				c.set.patterns[expr] = re
			}
		}
		if re == nil {
			var err error
			if re, err = relit.Compile(expr); err != nil {
				// Parsed again without the flag, for a message that
				// quotes what the author wrote.
				if _, err2 := regexp.Compile(p.V); err2 != nil {
					err = err2
				}
				c.errorf(p, "bad regular expression %q: %v", p.V, unwrapRegexpErr(err))
				continue
			}
			c.set.patterns[expr] = re
		}
		if re.MatchesEmpty() {
			c.errorf(p, "pattern %q matches the empty string, so it matches everything", p.V)
			continue
		}
		out = append(out, re)
	}
	return out
}

func unwrapRegexpErr(err error) string {
	msg := err.Error()
	return strings.TrimPrefix(msg, "error parsing regexp: ")
}

// keywords registers a rule's keywords with the set and returns their ids.
func (c *compiler) keywords(rd *RuleDoc) []int {
	var ids []int
	for _, k := range rd.Keywords {
		// A space at either end is part of the keyword (" os " is the word,
		// "os" is in "host"); normalisation would trim it.
		n := prose.Normalize(k.V)
		if n != "" && strings.HasPrefix(k.V, " ") {
			n = " " + n
		}
		if n != "" && strings.HasSuffix(k.V, " ") {
			n += " "
		}
		if n == "" {
			c.errorf(k, "empty keyword")
			continue
		}
		id, ok := c.set.kwIndex[n]
		if !ok {
			id = len(c.set.keywords)
			c.set.keywords = append(c.set.keywords, n)
			c.set.kwIndex[n] = id
		}
		ids = append(ids, id)
	}
	return ids
}

// forbid reports fields that the rule's kind does not use.
func (c *compiler) forbid(kind string, fields map[string][]yamlstrict.Str) {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v := fields[k]; len(v) > 0 {
			c.errorf(v[0], "%q is not used by kind %s", k, kind)
		}
	}
}

// examples checks the example counts and that every must-match example
// holds one of the keywords (else the prefilter would skip it).
func (c *compiler) examples(rd *RuleDoc, kws []int) {
	if len(rd.Match) < 2 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: needs at least 2 \"match\" examples (has %d)", rd.ID.V, len(rd.Match))
	}
	if len(rd.NoMatch) < 2 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: needs at least 2 \"nomatch\" examples (has %d)", rd.ID.V, len(rd.NoMatch))
	}
	if c.set.prepared != nil {
		return // a parsed form was checked when it was made (Parse loads the files)
	}
	for _, m := range rd.Match {
		text := prose.Normalize(m.V)
		found := false
		for _, id := range kws {
			if strings.Contains(text, c.set.keywords[id]) {
				found = true
				break
			}
		}
		if !found && len(kws) > 0 {
			c.errorf(m, "example holds none of the rule's keywords, so the prefilter would skip it")
		}
	}
}
