package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/report"
)

func newLintCmd(io *IOStreams) *cobra.Command {
	var rf ruleFlags
	var format, failOn, baseline string
	var writeBaseline, showProgress bool
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Report findings in raw files",
		Long: `Lint repairs each file in memory, segments it into problems and reports what
the rules find, at raw path:line:column positions. Directories are walked for
*.txt and *.md; "-" reads standard input. Nothing is written.

--baseline FILE leaves out the findings recorded in FILE (matched by rule,
path and line text, so moved lines stay matched); --write-baseline records
the current findings there instead of reporting them. Inline directives
silence single places: <!-- canon-disable-next-line RULE -- reason -->.

Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on
a usage, configuration or I/O error.`,
		Example: `  canon lint testdata/corpus
  canon lint --select fact --format json notes/
  canon lint --ignore encoding/lost-byte --fail-on warning file.txt
  cat file.txt | canon lint -
  canon lint --baseline .canon-baseline.json --write-baseline content/
  canon lint --baseline .canon-baseline.json content/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			threshold, err := lint.ParseSeverity(failOn)
			if err != nil {
				return usageErrorf("--fail-on: %v", err)
			}
			if writeBaseline && baseline == "" {
				return usageErrorf("--write-baseline needs --baseline FILE")
			}
			if !validFormat(format) {
				return usageErrorf("--format: unknown format %q (want one of %s)", format, strings.Join(report.Formats, ", "))
			}
			opts, err := rf.options(io)
			if err != nil {
				return err
			}
			inputs, err := collectInputs(args, io)
			if err != nil {
				return err
			}
			var base *lint.Baseline
			if baseline != "" && !writeBaseline {
				if base, err = readBaseline(baseline); err != nil {
					return err
				}
			}
			opts.Workers, opts.Compact = io.Jobs, true
			bar := progress(cmd, io, showProgress)
			opts.Progress = bar.hook()
			res, err := lint.Run(cmd.Context(), inputs, opts)
			bar.done()
			if err != nil {
				return err
			}
			if writeBaseline {
				return writeBaselineFile(io, baseline, res)
			}
			if base != nil {
				_, stale := base.Apply(res, baselineDir(baseline))
				if len(stale) > 0 {
					fmt.Fprintf(io.Err, "canon: %d baseline entries match no finding any more (fixed?); refresh with --write-baseline\n", len(stale))
				}
			}
			if err := report.Write(io.Out, format, res, report.Options{Color: io.colorOut(), Rules: opts.Rules, ToolVersion: canonVersion()}); err != nil {
				return fmt.Errorf("writing report: %w", err)
			}
			if len(res.Errors) > 0 {
				return errors.Join(res.Errors...)
			}
			for _, f := range res.Findings {
				if f.Severity >= threshold {
					return exitStatus(exitFindings)
				}
			}
			return nil
		},
	}
	rf.register(cmd)
	registerProgress(cmd, &showProgress)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(report.Formats, ", "))
	cmd.Flags().StringVar(&failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning or info")
	cmd.Flags().StringVar(&baseline, "baseline", "", "leave out the findings recorded in this baseline file")
	cmd.Flags().BoolVar(&writeBaseline, "write-baseline", false, "record the current findings in the --baseline file and exit 0")
	return cmd
}

func validFormat(f string) bool {
	for _, k := range report.Formats {
		if f == k {
			return true
		}
	}
	return false
}
