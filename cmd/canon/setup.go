package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/config"
	"github.com/canon-kb/canon/lint/rules"
	"github.com/canon-kb/canon/lint/ruleset"
)

// ruleFlags are the rule-selection flags lint and fix share.
type ruleFlags struct {
	selectPats []string
	ignorePats []string
}

func (f *ruleFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&f.selectPats, "select", nil, "only these rule IDs or categories (e.g. encoding, encoding/mojibake); replaces the configuration's enable list")
	cmd.Flags().StringSliceVar(&f.ignorePats, "ignore", nil, "leave out these rule IDs or categories, besides the configuration's disable list")
}

// A setup is the effective configuration and the rules it enables.
type setup struct {
	cfg *config.Config
	// rules are every rule: built in, default declarative, and the
	// project's rule files (a project rule replaces a default of the
	// same ID).
	rules []*lint.Rule
	// overridden lists default rules replaced by project rules.
	overridden []string
}

// loadSetup finds and reads .canon.yaml (or --config) and loads the rules.
// The result is kept on io, so commands that ask twice read files once.
func loadSetup(io *IOStreams) (*setup, error) {
	if io.setup != nil {
		return io.setup, nil
	}
	cfg, err := loadConfig(io)
	if err != nil {
		return nil, err
	}
	all, err := rules.All()
	if err != nil {
		return nil, err
	}
	s := &setup{cfg: cfg, rules: all}
	if len(cfg.RuleFiles) > 0 {
		var paths []string
		for _, f := range cfg.RuleFiles {
			paths = append(paths, f.Value)
		}
		project, err := ruleset.LoadFiles(paths...)
		if err != nil {
			return nil, err
		}
		s.rules, s.overridden = mergeRules(s.rules, project.Rules)
	}
	lint.SortRules(s.rules)
	if err := cfg.Check(s.rules); err != nil {
		return nil, err
	}
	io.setup = s
	return s, nil
}

// loadConfig reads --config, or the nearest .canon.yaml above the working
// directory, or returns the defaults.
func loadConfig(io *IOStreams) (*config.Config, error) {
	if io.NoConfig {
		return config.Default(io.Dir), nil
	}
	file := io.ConfigFile
	if file == "" {
		found, err := config.Find(io.Dir)
		if err != nil {
			return nil, err
		}
		file = found
	} else if _, err := os.Stat(file); err != nil {
		return nil, describePathError(file, err)
	}
	if file == "" {
		return config.Default(io.Dir), nil
	}
	return config.Load(file)
}

// mergeRules adds project rules to base; a project rule with the ID of a
// base rule replaces it.
func mergeRules(base, project []*lint.Rule) ([]*lint.Rule, []string) {
	byID := map[string]*lint.Rule{}
	for _, r := range project {
		byID[r.ID] = r
	}
	var out []*lint.Rule
	var replaced []string
	for _, r := range base {
		if byID[r.ID] != nil {
			replaced = append(replaced, r.ID)
			continue
		}
		out = append(out, r)
	}
	return append(out, project...), replaced
}

// loadRules returns every rule: built in, default and the project's.
func loadRules(io *IOStreams) ([]*lint.Rule, error) {
	s, err := loadSetup(io)
	if err != nil {
		return nil, err
	}
	return s.rules, nil
}

// options builds lint options from the configuration and the flags:
// --select replaces the configuration's enable list, --ignore adds to its
// disable list.
func (f *ruleFlags) options(io *IOStreams) (lint.Options, error) {
	s, err := loadSetup(io)
	if err != nil {
		return lint.Options{}, err
	}
	sel := s.cfg.Enable.Value
	if len(f.selectPats) > 0 {
		sel = f.selectPats
	}
	ign := append(append([]string(nil), s.cfg.Disable.Value...), f.ignorePats...)
	selector, err := lint.NewSelector(s.rules, sel, ign)
	if err != nil {
		return lint.Options{}, &usageError{err}
	}
	return lint.Options{Rules: s.rules, Select: selector, Severity: s.cfg.SeverityMap(s.rules)}, nil
}

// configFor returns the configuration for input collection.
func configFor(io *IOStreams) (*config.Config, error) {
	s, err := loadSetup(io)
	if err != nil {
		return nil, err
	}
	return s.cfg, nil
}

func (s *setup) String() string { return fmt.Sprintf("setup(%d rules)", len(s.rules)) }
