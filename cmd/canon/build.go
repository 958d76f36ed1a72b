package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/lint"
)

func newBuildCmd(io *IOStreams) *cobra.Command {
	var outDir string
	cmd := &cobra.Command{
		Use:   "build [-o DIR] [PATH...]",
		Short: "Compile raw files into the knowledge base",
		Long: `Build repairs and segments every input, merges repeated problems and writes
the knowledge base to DIR: kb.json (versioned JSON), problems/*.md (one
markdown file per problem) and index.md. DIR is replaced atomically: a failed
build leaves the previous one intact.`,
		Example: `  canon build -o out testdata/corpus
  canon build -o site notes/ extra.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := loadRules(io)
			if err != nil {
				return err
			}
			inputs, err := collectInputs(args, io)
			if err != nil {
				return err
			}
			res, err := lint.Run(cmd.Context(), inputs, lint.Options{Rules: rs})
			if err != nil {
				return err
			}
			if len(res.Errors) > 0 {
				return errors.Join(res.Errors...)
			}
			for _, f := range res.Files {
				if f.Skipped != nil {
					fmt.Fprintf(io.Err, "canon: skipping %v\n", f.Skipped)
				}
			}
			k := kb.Build(res)
			files, err := kb.Files(k)
			if err != nil {
				return err
			}
			if err := kb.WriteDir(outDir, files); err != nil {
				return err
			}
			answers := 0
			for _, p := range k.Problems {
				answers += len(p.Answers)
			}
			fmt.Fprintf(io.Out, "built %s: %d problems, %d answers from %d files (%d findings)\n",
				outDir, len(k.Problems), answers, len(res.Files), len(res.Findings))
			return nil
		},
	}
	cmd.Flags().StringVarP(&outDir, "out", "o", "out", "output directory")
	return cmd
}
