package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/ruleset"
)

func newRulesCmd(io *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules [ID]",
		Short: "List the rules, or explain one",
		Example: `  canon rules
  canon rules encoding/mojibake
  canon rules test`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := loadRules(io)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				for _, r := range rs {
					if r.ID == args[0] {
						printRuleDoc(io, r)
						return nil
					}
				}
				return usageErrorf("no rule %q (see `canon rules`)", args[0])
			}
			tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tFIX\tSUMMARY")
			for _, r := range rs {
				fix := ""
				if r.Fixable {
					fix = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, fix, r.Summary)
			}
			return tw.Flush()
		},
	}
	test := newRulesTestCmd(io)
	test.Args = wrapArgs(cobra.ArbitraryArgs)
	cmd.AddCommand(test)
	return cmd
}

func printRuleDoc(io *IOStreams, r *lint.Rule) {
	w := io.Out
	fmt.Fprintf(w, "%s: %s\n\n", r.ID, r.Summary)
	fmt.Fprintf(w, "Severity: %s. Fixable: %v. Stage: %s.", r.Severity, r.Fixable, r.Stage)
	if r.Origin != "" {
		fmt.Fprintf(w, " Defined in %s.", r.Origin)
	}
	fmt.Fprintf(w, "\n\n%s\n", strings.TrimSpace(r.Doc))
	for i, ex := range r.Examples {
		if ex.Bad != "" {
			fmt.Fprintf(w, "\nExample %d, flagged:\n%s", i+1, indentBlock(ex.Bad))
		}
		if ex.Fixed != "" {
			fmt.Fprintf(w, "Fixed:\n%s", indentBlock(ex.Fixed))
		}
		if ex.Good != "" {
			fmt.Fprintf(w, "\nExample %d, not flagged:\n%s", i+1, indentBlock(ex.Good))
		}
	}
	if len(r.References) > 0 {
		fmt.Fprintf(w, "\nReferences:\n")
		for _, ref := range r.References {
			fmt.Fprintf(w, "  - %s\n", ref)
		}
	}
}

func indentBlock(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

func newRulesTestCmd(io *IOStreams) *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test [FILE...]",
		Short: "Check rules against their own examples",
		Long: `Test runs every rule on its examples: each must-match example has to be
flagged by the rule and no must-not-match example may be. With FILE
arguments, the rule files are loaded (strictly: an unknown key, a bad
regular expression or a missing field is an error naming file:line:col) and
only their rules are tested; without, every enabled rule is.

Exit status: 0 when every example behaves, 1 when one does not, 2 when a
rule file does not load.`,
		Example: `  canon rules test
  canon rules test my-rules.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := loadRules(io)
			if err != nil {
				return err
			}
			tested := all
			if len(args) > 0 {
				set, err := ruleset.LoadFiles(args...)
				if err != nil {
					return err
				}
				tested = set.Rules
				all = append(append([]*lint.Rule(nil), all...), set.Rules...)
			}
			failed, examples := 0, 0
			for _, r := range tested {
				examples += len(r.Examples)
				errs := lint.CheckExamples(r, all)
				if len(errs) == 0 {
					if verbose {
						fmt.Fprintf(io.Out, "ok   %s (%d examples)\n", r.ID, len(r.Examples))
					}
					continue
				}
				failed++
				fmt.Fprintf(io.Out, "FAIL %s (%s)\n", r.ID, originOr(r))
				for _, e := range errs {
					fmt.Fprintf(io.Out, "%s", indentBlock(e.Error()))
				}
			}
			if failed > 0 {
				fmt.Fprintf(io.Out, "%d of %d rules fail their examples\n", failed, len(tested))
				return exitStatus(exitFindings)
			}
			fmt.Fprintf(io.Out, "%d rules, %d examples: all pass\n", len(tested), examples)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list the rules that pass too")
	return cmd
}

func originOr(r *lint.Rule) string {
	if r.Origin != "" {
		return r.Origin
	}
	return "built in"
}
