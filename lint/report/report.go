// Package report writes lint results in the formats people and CI read:
// text for terminals, json for scripts, sarif for code-scanning
// dashboards and github for workflow annotations. Every format is built
// from the same findings, in the same order.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/canon-kb/canon/lint"
)

// Formats are the names --format accepts.
var Formats = []string{"text", "json", "sarif", "github"}

// Options tune a report.
type Options struct {
	// Color enables ANSI colour in the text format.
	Color bool
	// Rules describe the rules findings may name (for SARIF metadata).
	Rules []*lint.Rule
	// ToolVersion is canon's version, for SARIF.
	ToolVersion string
}

// Write writes res in format to w.
func Write(w io.Writer, format string, res *lint.Result, opts Options) error {
	switch format {
	case "text":
		return writeText(w, res, opts)
	case "json":
		return writeJSON(w, res)
	case "sarif":
		return writeSARIF(w, res, opts)
	case "github":
		return writeGitHub(w, res)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// Counts tallies findings by severity.
type Counts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Count tallies fs.
func Count(fs []lint.Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case lint.Error:
			c.Error++
		case lint.Warning:
			c.Warning++
		default:
			c.Info++
		}
	}
	return c
}

func byPath(res *lint.Result) map[string]*lint.File {
	m := make(map[string]*lint.File, len(res.Files))
	for _, f := range res.Files {
		m[f.Path] = f
	}
	return m
}

// plural formats a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// filesWith counts distinct paths among findings.
func filesWith(fs []lint.Finding) int {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Path] = true
	}
	return len(seen)
}

// bySeverity returns findings most severe first, stable otherwise.
func bySeverity(fs []lint.Finding) []lint.Finding {
	out := append([]lint.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	return out
}
