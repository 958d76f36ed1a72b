package rules

import (
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules/artifact"
	"github.com/canon-kb/canon/lint/rules/consistency"
	"github.com/canon-kb/canon/lint/rules/fact"
	"github.com/canon-kb/canon/lint/ruleset"
)

// Rule files accept kind artifact: the artifact rules' own spec (lines and
// inline patterns with fixes), compiled by the artifact package.
func init() {
	ruleset.RegisterKind("artifact", func(file string, n *yaml.Node) (*lint.Rule, error) {
		spec, err := artifact.DecodeSpec(file, n, "kind")
		if err != nil {
			return nil, err
		}
		return artifact.NewRule(spec)
	})
}

// DeclarativeFiles are the default rule files embedded in the binary.
func DeclarativeFiles() []ruleset.File {
	return append(fact.Files(), consistency.Files()...)
}

var (
	declOnce sync.Once
	declSet  *ruleset.Set
	declErr  error
)

// parsedDeclarative returns the parsed form of DeclarativeFiles, stored as
// Go source by go generate (declarative_gen.go), which spares every run
// the YAML and regexp parsing (most of a short run's start-up). It is nil
// without that file, and the files are then parsed at run time.
var parsedDeclarative func() *ruleset.Parsed

//go:generate go test -run ^TestGeneratedUpToDate$ -update

// Declarative compiles the default rule files into one set, once: its
// rules share one keyword scan and one reading of each document. The files
// are embedded and tested, so an error is a bug in canon; it is returned,
// not hidden.
func Declarative() (*ruleset.Set, error) {
	declOnce.Do(func() {
		if parsedDeclarative != nil {
			declSet, declErr = ruleset.LoadParsed(parsedDeclarative())
			return
		}
		declSet, declErr = ruleset.Load(DeclarativeFiles()...)
	})
	return declSet, declErr
}

// All returns the built-in and the default declarative rules, sorted by ID.
func All() ([]*lint.Rule, error) {
	// Compiling the rule sets is most of a short run's start-up; the
	// built-in ones compile while the declarative files load.
	var builtin []*lint.Rule
	done := make(chan struct{})
	go func() {
		defer close(done)
		builtin = Builtin()
	}()
	set, err := Declarative()
	<-done
	if err != nil {
		return nil, err
	}
	all := append(builtin, set.Rules...)
	lint.SortRules(all)
	return all, nil
}
