package main

import (
	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
	"github.com/canon-kb/canon/lint/rules/fact"
)

// ruleFlags are the rule-selection flags lint and fix share.
type ruleFlags struct {
	selectPats []string
	ignorePats []string
}

func (f *ruleFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&f.selectPats, "select", nil, "only these rule IDs or categories (e.g. encoding, encoding/mojibake)")
	cmd.Flags().StringSliceVar(&f.ignorePats, "ignore", nil, "leave out these rule IDs or categories")
}

// loadRules returns the enabled rule set: the built-in rules and the
// default declarative rules.
func loadRules(io *IOStreams) ([]*lint.Rule, error) {
	facts, err := fact.Rules()
	if err != nil {
		return nil, err
	}
	rs := append(rules.Builtin(), facts...)
	lint.SortRules(rs)
	return rs, nil
}

// options builds lint options from the flags.
func (f *ruleFlags) options(io *IOStreams) (lint.Options, error) {
	rs, err := loadRules(io)
	if err != nil {
		return lint.Options{}, err
	}
	sel, err := lint.NewSelector(rs, f.selectPats, f.ignorePats)
	if err != nil {
		return lint.Options{}, &usageError{err}
	}
	return lint.Options{Rules: rs, Select: sel}, nil
}
