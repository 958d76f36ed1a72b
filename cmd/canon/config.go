package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

func newConfigCmd(io *IOStreams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration and where each part came from",
		Long: `Config prints the configuration canon would use here: the .canon.yaml it
found (the nearest one in the working directory or above it, or --config),
the rule files loaded, the rules enabled and disabled, severity overrides,
and the include and exclude patterns, each with its origin: "default", or
the file and line that set it.

A .canon.yaml looks like this (every key is optional; paths are relative
to the file):

  rules: [rules/team.yaml]        # extra rule files; a rule with a default's ID replaces it
  enable: [fact, encoding]        # rule IDs or categories; default: all
  disable: [structure/unanswered]
  severity:
    fact/patch-idempotent: warning
    structure: info               # a category
  include: ["*.txt", "*.md"]      # what a directory walk picks up
  exclude: ["vendor/**", "*.draft.md"]`,
		Example: `  canon config
  canon config --format json
  canon --config ci/canon.yaml config`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadSetup(io)
			if err != nil {
				return err
			}
			switch format {
			case "text":
				return printConfigText(io, s)
			case "json":
				return printConfigJSON(io, s)
			}
			return usageErrorf("--format: unknown format %q (want text or json)", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

type configOrigin[T any] struct {
	Value  T      `json:"value"`
	Origin string `json:"origin"`
}

type configJSON struct {
	File       string                                 `json:"file"`
	Dir        string                                 `json:"dir"`
	RuleFiles  []configOrigin[string]                 `json:"rule_files"`
	Rules      int                                    `json:"rules"`
	Overridden []string                               `json:"overridden"`
	Enable     configOrigin[[]string]                 `json:"enable"`
	Disable    configOrigin[[]string]                 `json:"disable"`
	Severity   map[string]configOrigin[lint.Severity] `json:"severity"`
	Include    configOrigin[[]string]                 `json:"include"`
	Exclude    configOrigin[[]string]                 `json:"exclude"`
}

func configModel(s *setup) configJSON {
	c := s.cfg
	m := configJSON{
		File: c.File, Dir: c.Dir, Rules: len(s.rules), Overridden: s.overridden,
		Enable:   configOrigin[[]string]{nonNil(c.Enable.Value), c.Enable.Origin},
		Disable:  configOrigin[[]string]{nonNil(c.Disable.Value), c.Disable.Origin},
		Include:  configOrigin[[]string]{nonNil(c.Include.Value), c.Include.Origin},
		Exclude:  configOrigin[[]string]{nonNil(c.Exclude.Value), c.Exclude.Origin},
		Severity: map[string]configOrigin[lint.Severity]{},
	}
	for _, f := range rules.DeclarativeFiles() {
		m.RuleFiles = append(m.RuleFiles, configOrigin[string]{f.Name, "default (embedded)"})
	}
	for _, f := range c.RuleFiles {
		m.RuleFiles = append(m.RuleFiles, configOrigin[string]{f.Value, f.Origin})
	}
	for _, o := range c.Severity {
		m.Severity[o.Rule] = configOrigin[lint.Severity]{o.Severity, o.Origin}
	}
	if m.Overridden == nil {
		m.Overridden = []string{}
	}
	return m
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func printConfigJSON(io *IOStreams, s *setup) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(configModel(s))
}

func printConfigText(io *IOStreams, s *setup) error {
	c := s.cfg
	w := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	if c.File == "" {
		fmt.Fprintf(w, "configuration:\tnone (no .canon.yaml in %s or above); defaults apply\n", c.Dir)
	} else {
		fmt.Fprintf(w, "configuration:\t%s\n", c.File)
	}
	m := configModel(s)
	fmt.Fprintf(w, "rule files:\t\n")
	for _, f := range m.RuleFiles {
		fmt.Fprintf(w, "  %s\t%s\n", f.Value, f.Origin)
	}
	builtin := 0
	for _, r := range s.rules {
		if r.Origin == "" {
			builtin++
		}
	}
	fmt.Fprintf(w, "rules:\t%d (%d built in, %d declarative)\n", len(s.rules), builtin, len(s.rules)-builtin)
	if len(s.overridden) > 0 {
		fmt.Fprintf(w, "overridden defaults:\t%s\n", strings.Join(s.overridden, ", "))
	}
	list := func(v []string, none string) string {
		if len(v) == 0 {
			return none
		}
		return strings.Join(v, ", ")
	}
	fmt.Fprintf(w, "enable:\t%s\t%s\n", list(c.Enable.Value, "all"), c.Enable.Origin)
	fmt.Fprintf(w, "disable:\t%s\t%s\n", list(c.Disable.Value, "none"), c.Disable.Origin)
	if len(c.Severity) == 0 {
		fmt.Fprintf(w, "severity:\trule defaults\tdefault\n")
	} else {
		fmt.Fprintf(w, "severity:\t\n")
		for _, o := range c.Severity {
			fmt.Fprintf(w, "  %s: %s\t%s\n", o.Rule, o.Severity, o.Origin)
		}
	}
	fmt.Fprintf(w, "include:\t%s\t%s\n", list(c.Include.Value, "none"), c.Include.Origin)
	fmt.Fprintf(w, "exclude:\t%s\t%s\n", list(c.Exclude.Value, "none"), c.Exclude.Origin)
	return w.Flush()
}
