package report

import (
	"encoding/json"
	"io"

	"github.com/canon-kb/canon/lint"
)

// JSONVersion is the version of the json format; it changes only when a
// field changes meaning or goes away.
const JSONVersion = 1

type jsonReport struct {
	Version  int            `json:"version"`
	Findings []lint.Finding `json:"findings"`
	Summary  jsonSummary    `json:"summary"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Counts
}

func writeJSON(w io.Writer, res *lint.Result) error {
	fs := res.Findings
	if fs == nil {
		fs = []lint.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{
		Version:  JSONVersion,
		Findings: fs,
		Summary:  jsonSummary{Files: len(res.Files), Findings: len(fs), Counts: Count(fs)},
	})
}
