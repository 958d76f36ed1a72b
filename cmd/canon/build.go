package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/internal/textdiff"
	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/kb/dedupe"
	"github.com/canon-kb/canon/lint"
)

func newBuildCmd(io *IOStreams) *cobra.Command {
	var outDir string
	var check, html, showProgress bool
	cmd := &cobra.Command{
		Use:   "build [-o DIR] [--check] [--html] [PATH...]",
		Short: "Compile raw files into the knowledge base",
		Long: `Build repairs and segments every input, merges repeated problems and writes
the knowledge base to DIR: kb.json (versioned JSON), kb.schema.json (its JSON
Schema), problems/*.md (one markdown file per problem) and index.md (by topic).
With --html it also writes site/, a static site with offline title search.
DIR is replaced atomically: a failed build leaves the previous one intact.

With --check nothing is written: build compares DIR with what the inputs
compile to, prints what differs and exits 1 if anything does (0 if not), so
a committed knowledge base can be kept in step with its sources in CI.`,
		Example: `  canon build -o out testdata/corpus
  canon build --html -o site notes/ extra.txt
  canon build --check -o testdata/golden/kb testdata/corpus`,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, res, err := compile(cmd.Context(), io, args, progress(cmd, io, showProgress))
			if err != nil {
				return err
			}
			k := c.KB
			nfiles, nfindings := len(res.Files), len(res.Findings)
			// Nothing below refers to c or res, so the lint results and
			// the items are collectable while the output is rendered.
			if check {
				files, err := kb.Files(k, kb.EmitOptions{HTML: html})
				if err != nil {
					return err
				}
				return checkDir(io, outDir, files)
			}
			if err := kb.WriteKB(outDir, k, kb.EmitOptions{HTML: html}); err != nil {
				return err
			}
			answers := 0
			for _, p := range k.Problems {
				answers += len(p.Answers)
			}
			fmt.Fprintf(io.Out, "built %s: %d problems, %d answers from %d files (%d findings)\n",
				outDir, len(k.Problems), answers, nfiles, nfindings)
			return nil
		},
	}
	cmd.Flags().StringVarP(&outDir, "out", "o", "out", "output directory")
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; exit 1 if DIR differs from what the inputs compile to")
	cmd.Flags().BoolVar(&html, "html", false, "also write a static HTML site to DIR/site")
	registerProgress(cmd, &showProgress)
	return cmd
}

// compile lints args and deduplicates their problems, showing progress
// on bar (nil: none).
func compile(ctx context.Context, io *IOStreams, args []string, bar *progressBar) (*kb.Compiled, *lint.Result, error) {
	defer bar.done()
	rs, err := loadRules(io)
	if err != nil {
		return nil, nil, err
	}
	inputs, err := collectInputs(args, io)
	if err != nil {
		return nil, nil, err
	}
	// A compact run keeps of each file only its problems, findings and
	// the lines they point at: the knowledge base needs no more.
	res, err := lint.Run(ctx, inputs, lint.Options{Rules: rs, Workers: io.Jobs, Compact: true, Progress: bar.hook()})
	if err != nil {
		return nil, nil, err
	}
	if len(res.Errors) > 0 {
		return nil, nil, errors.Join(res.Errors...)
	}
	for _, f := range res.Files {
		if f.Skipped != nil {
			fmt.Fprintf(io.Err, "canon: skipping %v\n", f.Skipped)
		}
	}
	bar.status(fmt.Sprintf("deduplicating the problems of %d files", len(res.Files)))
	opts := dedupe.DefaultOptions()
	opts.Workers = io.Jobs
	return kb.Compile(kb.Items(res), opts), res, nil
}

// maxDiffLines bounds the diff shown per file by build --check.
const maxDiffLines = 60

// checkDir compares dir with files, printing every file that is missing,
// extra or different (with a diff), and returns exit status 1 if any is.
func checkDir(io *IOStreams, dir string, files map[string][]byte) error {
	have, err := kb.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		have = map[string][]byte{}
	} else if err != nil {
		return fmt.Errorf("reading %s: %w", dir, err)
	}
	names := map[string]bool{}
	for n := range files {
		names[n] = true
	}
	for n := range have {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	differ := 0
	for _, n := range sorted {
		want, inWant := files[n]
		got, inHave := have[n]
		switch {
		case !inHave:
			differ++
			fmt.Fprintf(io.Out, "missing: %s/%s\n", dir, n)
		case !inWant:
			differ++
			fmt.Fprintf(io.Out, "extra: %s/%s\n", dir, n)
		case string(want) != string(got):
			differ++
			fmt.Fprintf(io.Out, "differs: %s/%s\n", dir, n)
			d := textdiff.Unified(dir+"/"+n, "built/"+n, string(got), string(want))
			lines := strings.SplitAfter(d, "\n")
			if len(lines) > maxDiffLines {
				lines = append(lines[:maxDiffLines], fmt.Sprintf("... (%d more diff lines)\n", len(lines)-maxDiffLines))
			}
			fmt.Fprint(io.Out, strings.Join(lines, ""))
		}
	}
	if differ > 0 {
		fmt.Fprintf(io.Err, "canon: %s is out of date: %d of %d files differ from what the inputs compile to; rebuild it with canon build -o %s (same inputs and flags)\n", dir, differ, len(sorted), dir)
		return exitStatus(exitFindings)
	}
	fmt.Fprintf(io.Out, "%s is up to date (%d files)\n", dir, len(sorted))
	return nil
}
