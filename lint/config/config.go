// Package config reads a project's .canon.yaml: extra rule files, rules
// enabled and disabled, severity overrides, and the paths to include and
// exclude. The file is found by walking up from the working directory, as
// git finds .git, so canon behaves the same from any subdirectory.
//
// Every setting remembers where it came from (the default, or file:line),
// which `canon config` prints.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/canon-kb/canon/internal/yamlstrict"
	"github.com/canon-kb/canon/lint"
)

// FileName is the configuration file canon looks for.
const FileName = ".canon.yaml"

// DefaultInclude are the file patterns a directory walk picks up.
var DefaultInclude = []string{"*.txt", "*.md"}

// A Setting is a value and where it came from: "default", a flag
// ("--select"), or "path:line".
type Setting[T any] struct {
	Value  T
	Origin string
}

// A SeverityOverride changes one rule's (or category's) severity.
type SeverityOverride struct {
	Rule     string
	Severity lint.Severity
	Origin   string
}

// A Config is the effective configuration.
type Config struct {
	// File is the .canon.yaml in use, "" when there is none.
	File string
	// Dir is the directory paths in the file are relative to: the file's
	// directory, or the working directory without a file.
	Dir string
	// RuleFiles are extra rule files, resolved against Dir.
	RuleFiles []Setting[string]
	// Enable and Disable select rules by ID or category, as --select and
	// --ignore do; an empty Enable enables every rule.
	Enable  Setting[[]string]
	Disable Setting[[]string]
	// Severity overrides rule severities, in file order.
	Severity []SeverityOverride
	// Include are the file name patterns a directory walk lints; Exclude
	// are path patterns never linted (matched against the path relative to
	// Dir, and against every trailing part of it, so "vendor/**" and
	// "*.draft.md" work from anywhere).
	Include Setting[[]string]
	Exclude Setting[[]string]

	// places holds each enable, disable and severity entry's file:line:col
	// (keyed by setting and pattern), for Check's errors.
	places map[string]string
}

// fileDoc is .canon.yaml as written.
type fileDoc struct {
	Rules    []yamlstrict.Str          `yaml:"rules"`
	Enable   []yamlstrict.Str          `yaml:"enable"`
	Disable  []yamlstrict.Str          `yaml:"disable"`
	Severity map[string]yamlstrict.Str `yaml:"severity"`
	Include  []yamlstrict.Str          `yaml:"include"`
	Exclude  []yamlstrict.Str          `yaml:"exclude"`
	At       yamlstrict.Pos
}

// Default returns the configuration without a file, relative to dir.
func Default(dir string) *Config {
	return &Config{
		Dir:     dir,
		Enable:  Setting[[]string]{Origin: "default"},
		Disable: Setting[[]string]{Origin: "default"},
		Include: Setting[[]string]{Value: DefaultInclude, Origin: "default"},
		Exclude: Setting[[]string]{Origin: "default"},
	}
}

// Find returns the path of the nearest .canon.yaml in dir or one of its
// parents, or "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("%s: %w", p, err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads a configuration file. Mistakes name file:line:col.
func Load(file string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return Parse(file, data)
}

// Parse reads a configuration from data; file names it in errors and is
// the base of relative paths.
func Parse(file string, data []byte) (*Config, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	c := Default(filepath.Dir(abs))
	c.File = file
	d := &yamlstrict.Decoder{File: file}
	var doc fileDoc
	if root := d.Parse(data); root != nil {
		d.Decode(root, &doc)
	}
	at := func(s yamlstrict.Str) string { return fmt.Sprintf("%s:%d", file, s.Line) }
	c.places = map[string]string{}
	place := func(what string, s yamlstrict.Str) {
		c.places[what+"\x00"+strings.TrimSpace(s.V)] = fmt.Sprintf("%s:%d:%d", file, s.Line, s.Col)
	}
	for _, s := range doc.Enable {
		place("enable", s)
	}
	for _, s := range doc.Disable {
		place("disable", s)
	}
	list := func(v []yamlstrict.Str) []string {
		out := make([]string, 0, len(v))
		for _, s := range v {
			out = append(out, strings.TrimSpace(s.V))
		}
		return out
	}
	for _, r := range doc.Rules {
		p := r.V
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.Dir, filepath.FromSlash(p))
		}
		c.RuleFiles = append(c.RuleFiles, Setting[string]{Value: p, Origin: at(r)})
	}
	if len(doc.Enable) > 0 {
		c.Enable = Setting[[]string]{list(doc.Enable), at(doc.Enable[0])}
	}
	if len(doc.Disable) > 0 {
		c.Disable = Setting[[]string]{list(doc.Disable), at(doc.Disable[0])}
	}
	if len(doc.Include) > 0 {
		c.Include = Setting[[]string]{list(doc.Include), at(doc.Include[0])}
	}
	if len(doc.Exclude) > 0 {
		c.Exclude = Setting[[]string]{list(doc.Exclude), at(doc.Exclude[0])}
	}
	for _, pat := range append(append([]yamlstrict.Str(nil), doc.Include...), doc.Exclude...) {
		if _, err := path.Match(strings.ReplaceAll(pat.V, "**", "*"), ""); err != nil {
			d.ErrorAt(pat.Line, pat.Col, "bad pattern %q: %v", pat.V, err)
		}
	}
	ids := make([]string, 0, len(doc.Severity))
	for id := range doc.Severity {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return doc.Severity[ids[i]].Line < doc.Severity[ids[j]].Line })
	for _, id := range ids {
		v := doc.Severity[id]
		sev, err := lint.ParseSeverity(v.V)
		if err != nil {
			d.ErrorAt(v.Line, v.Col, "%v", err)
			continue
		}
		c.Severity = append(c.Severity, SeverityOverride{Rule: id, Severity: sev, Origin: at(v)})
		place("severity", yamlstrict.Str{V: id, Line: v.Line, Col: v.Col})
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Check reports settings that name no rule, at their place in the file.
func (c *Config) Check(rules []*lint.Rule) error {
	var errs []error
	check := func(origin, pat, what string) {
		for _, r := range rules {
			if pat == "ALL" || r.ID == pat || strings.HasPrefix(r.ID, pat+"/") {
				return
			}
		}
		if p, ok := c.places[what+"\x00"+pat]; ok {
			origin = p
		}
		errs = append(errs, fmt.Errorf("%s: %s %q matches no rule (see `canon rules`)", origin, what, pat))
	}
	for _, p := range c.Enable.Value {
		check(c.Enable.Origin, p, "enable")
	}
	for _, p := range c.Disable.Value {
		check(c.Disable.Origin, p, "disable")
	}
	for _, s := range c.Severity {
		check(s.Origin, s.Rule, "severity")
	}
	return errors.Join(errs...)
}

// SeverityMap resolves the overrides for a rule set: a rule's own ID wins
// over its category, later lines over earlier ones.
func (c *Config) SeverityMap(rules []*lint.Rule) map[string]lint.Severity {
	m := map[string]lint.Severity{}
	for _, r := range rules {
		best := -1
		for _, s := range c.Severity {
			spec := -1
			switch {
			case s.Rule == r.ID:
				spec = 2
			case strings.HasPrefix(r.ID, s.Rule+"/"):
				spec = 1
			case s.Rule == "ALL":
				spec = 0
			}
			if spec >= 0 && spec >= best {
				best = spec
				m[r.ID] = s.Severity
			}
		}
	}
	return m
}

// Excluded reports whether a path is excluded. p is as given on the
// command line; it is matched relative to Dir when it lies under it.
func (c *Config) Excluded(p string) bool {
	if len(c.Exclude.Value) == 0 {
		return false
	}
	rel := filepath.ToSlash(p)
	if abs, err := filepath.Abs(p); err == nil {
		if r, err := filepath.Rel(c.Dir, abs); err == nil && !strings.HasPrefix(r, "..") {
			rel = filepath.ToSlash(r)
		}
	}
	for _, pat := range c.Exclude.Value {
		if matchPath(pat, rel) {
			return true
		}
	}
	return false
}

// Included reports whether a file found by a directory walk is linted.
// Patterns match case-insensitively ("*.md" takes README.MD too).
func (c *Config) Included(p string) bool {
	rel := strings.ToLower(filepath.ToSlash(p))
	for _, pat := range c.Include.Value {
		if matchPath(strings.ToLower(pat), rel) {
			return true
		}
	}
	return false
}

// matchPath matches a slash pattern against a slash path: against the
// whole path and every trailing part of it. "**" matches any number of
// directories.
func matchPath(pat, p string) bool {
	parts := strings.Split(p, "/")
	for i := range parts {
		if matchParts(strings.Split(pat, "/"), parts[i:]) {
			return true
		}
	}
	return false
}

func matchParts(pat, parts []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for k := 0; k <= len(parts); k++ {
				if matchParts(pat[1:], parts[k:]) {
					return true
				}
			}
			return false
		}
		if len(parts) == 0 || !matchName(pat[0], parts[0]) {
			return false
		}
		pat, parts = pat[1:], parts[1:]
	}
	return len(parts) == 0
}

func matchName(pat, name string) bool {
	ok, err := path.Match(pat, name)
	return err == nil && ok
}
