package main

import (
	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/kb"
)

func newSchemaCmd(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of kb.json",
		Long: `Schema prints the JSON Schema (draft 2020-12) that every kb.json written by
canon build validates against. Build also writes it beside kb.json, as
kb.schema.json.`,
		Example: `  canon schema > kb.schema.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.Out.Write(kb.Schema())
			return err
		},
	}
}
