// Package rules assembles canon's built-in rule set.
package rules

import (
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules/artifact"
	"github.com/canon-kb/canon/lint/rules/encoding"
	"github.com/canon-kb/canon/lint/rules/structure"
)

// Builtin returns the rules written in Go, sorted by ID.
func Builtin() []*lint.Rule {
	var all []*lint.Rule
	for _, family := range [][]*lint.Rule{encoding.Rules, artifact.Rules(), structure.Rules, {lint.UnusedSuppression}} {
		all = append(all, family...)
	}
	lint.SortRules(all)
	return all
}
