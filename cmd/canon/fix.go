package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/internal/textdiff"
	"github.com/canon-kb/canon/lint"
)

func newFixCmd(io *IOStreams) *cobra.Command {
	var rf ruleFlags
	var diff, write, showProgress bool
	cmd := &cobra.Command{
		Use:   "fix [PATH...]",
		Short: "Apply the certain fixes of the selected rules",
		Long: `Fix applies the fixes of the selected rules (all fixable rules by default).

With one input (a file, or "-" for standard input) and no flag, the repaired
text goes to standard output. --diff prints a unified diff and writes nothing;
its exit status is 1 when a file would change. --write rewrites the files that
change, atomically (a temporary file renamed over the original); canon never
touches a source without it.`,
		Example: `  canon fix --select encoding 002.txt > 002.fixed.txt
  canon fix --diff testdata/corpus
  canon fix --write --select artifact notes/
  cat damaged.txt | canon fix -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if diff && write {
				return usageErrorf("--diff and --write exclude each other")
			}
			opts, err := rf.options(io)
			if err != nil {
				return err
			}
			inputs, err := collectInputs(args, io)
			if err != nil {
				return err
			}
			if !diff && !write && len(inputs) != 1 {
				return usageErrorf("fix prints to standard output only for one input (got %d); use --diff or --write", len(inputs))
			}
			var errs []error
			changed := 0
			bar := progress(cmd, io, showProgress)
			defer bar.done()
			prog := lint.Progress{TotalFiles: len(inputs)}
			err = fixAll(cmd.Context(), inputs, opts, io.Jobs, func(in lint.Input, fr *lint.FixResult, err error) error {
				prog.Files++
				if fr != nil {
					prog.Bytes += int64(len(fr.Data))
					prog.Findings += len(fr.Remaining)
				}
				bar.update(prog)
				if err != nil {
					errs = append(errs, err)
					return nil
				}
				switch {
				case diff:
					if fr.Changed {
						old, _ := in.Open()
						fmt.Fprint(io.Out, textdiff.Unified("a/"+fr.Path, "b/"+fr.Path, string(old), string(fr.Data)))
						changed++
					}
				case write:
					if !fr.Changed {
						return nil
					}
					if fr.Path == stdinPath {
						errs = append(errs, usageErrorf("--write cannot rewrite standard input"))
						return nil
					}
					if err := writeAtomic(fr.Path, fr.Data); err != nil {
						errs = append(errs, err)
						return nil
					}
					changed++
					fmt.Fprintf(io.Err, "fixed %s (%d fixes)\n", fr.Path, fr.Applied)
				default:
					if _, err := io.Out.Write(fr.Data); err != nil {
						return fmt.Errorf("writing standard output: %w", err)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			if len(errs) > 0 {
				return errors.Join(errs...)
			}
			if diff && changed > 0 {
				return exitStatus(exitFindings)
			}
			if write {
				fmt.Fprintf(io.Err, "%d of %d files changed\n", changed, len(inputs))
			}
			return nil
		},
	}
	rf.register(cmd)
	cmd.Flags().BoolVar(&diff, "diff", false, "print a unified diff instead of writing; exit 1 if a file would change")
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite changed files in place, atomically")
	registerProgress(cmd, &showProgress)
	return cmd
}

// fixAll fixes inputs on a pool of jobs workers (0: GOMAXPROCS) and hands
// each outcome to handle in input order, from one goroutine; at most two
// outcomes per worker wait to be handled, so memory stays bounded
// however many files there are. An error from handle stops the run.
func fixAll(ctx context.Context, inputs []lint.Input, opts lint.Options, jobs int, handle func(lint.Input, *lint.FixResult, error) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	type outcome struct {
		fr   *lint.FixResult
		err  error
		done chan struct{}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan *outcome, 2*jobs)
	sem := make(chan struct{}, jobs)
	go func() {
		defer close(queue)
		for _, in := range inputs {
			o := &outcome{done: make(chan struct{})}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				defer func() { <-sem; close(o.done) }()
				o.fr, o.err = lint.FixInput(ctx, in, opts)
			}()
			select {
			case queue <- o:
			case <-ctx.Done():
				return
			}
		}
	}()
	i := 0
	for o := range queue {
		<-o.done
		if err := handle(inputs[i], o.fr, o.err); err != nil {
			cancel()
			for o := range queue {
				<-o.done
			}
			return err
		}
		i++
	}
	return ctx.Err()
}

// writeAtomic replaces path with data: a temporary file in the same
// directory, synced, given path's mode, then renamed over it. A crash
// leaves either the old file or the new one, never a mix.
func writeAtomic(path string, data []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return describePathError(path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".canon-*")
	if err != nil {
		return fmt.Errorf("%s: creating temporary file: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: writing: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: syncing: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: closing: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), st.Mode().Perm()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: replacing: %w", path, err)
	}
	return nil
}
