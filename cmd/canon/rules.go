package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
)

func newRulesCmd(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "rules [ID]",
		Short: "List the rules, or explain one",
		Example: `  canon rules
  canon rules encoding/mojibake`,
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
