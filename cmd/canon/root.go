package main

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); module
// builds fall back to the module version.
var version = ""

func canonVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Main runs canon with args and returns the exit code.
func Main(args []string, io *IOStreams) int {
	root := newRootCmd(io)
	stopProfile := registerProfile(root)
	root.SetArgs(args)
	err := root.Execute()
	stopProfile()
	var st exitStatus
	if err != nil && !errors.As(err, &st) {
		fmt.Fprintf(io.Err, "canon: %v\n", err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(io.Err, "Run 'canon --help' for usage.\n")
		}
	}
	return exitCode(err)
}

func newRootCmd(io *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "canon",
		Short: "Repair, lint and deduplicate scraped Q&A text into a canonical knowledge base",
		Long: `canon turns raw, damaged, scraped technical Q&A text into a clean, canonical
knowledge base, and keeps it clean.

It repairs encoding damage and scrape artifacts, segments files into problems
(question, answer, topic) traceable to their raw path:line, lints them with
built-in and declarative rules (including factual errors and contradictions),
deduplicates repeated problems, and emits versioned JSON and markdown.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage,
configuration or I/O error.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       canonVersion(),
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{err}
	})
	root.PersistentFlags().StringVar(&io.ConfigFile, "config", "", "use this configuration file instead of the nearest .canon.yaml")
	root.PersistentFlags().BoolVar(&io.NoConfig, "no-config", false, "ignore .canon.yaml files")
	root.PersistentFlags().IntVarP(&io.Jobs, "jobs", "j", 0, "files processed at once (default: one per CPU)")
	root.AddCommand(
		newLintCmd(io),
		newFixCmd(io),
		newBuildCmd(io),
		newDupesCmd(io),
		newSchemaCmd(io),
		newRulesCmd(io),
		newConfigCmd(io),
		newVersionCmd(io),
	)
	for _, c := range root.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return root
}

// wrapArgs turns cobra's argument-count errors into usage errors.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	if v == nil {
		return nil
	}
	return func(c *cobra.Command, args []string) error {
		if err := v(c, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}

func newVersionCmd(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print canon's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(io.Out, "canon %s\n", canonVersion())
			return nil
		},
	}
}
