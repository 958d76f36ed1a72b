package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/canon-kb/canon/lint"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
)

// writeText prints each finding as path:line:col, severity, rule and
// message, then the raw source line with a caret under the finding, then a
// summary line.
func writeText(w io.Writer, res *lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	files := byPath(res)
	for _, f := range res.Findings {
		sevColor := ansiBlue
		switch f.Severity {
		case lint.Error:
			sevColor = ansiRed
		case lint.Warning:
			sevColor = ansiYellow
		}
		fmt.Fprintf(bw, "%s %s %s %s\n",
			paint(ansiBold, fmt.Sprintf("%s:%d:%d:", f.Path, f.Line, f.Column)),
			paint(sevColor, f.Severity.String()),
			paint(ansiDim, "["+f.Rule+"]"),
			f.Message)
		if file := files[f.Path]; file != nil && file.HasText() {
			line := file.Line(f.Line)
			shown, caretAt, width := excerpt(line, f.Column, f.EndColumn, f.Line == f.EndLine)
			fmt.Fprintf(bw, "    %s\n    %s%s\n", shown, strings.Repeat(" ", caretAt), paint(sevColor, strings.Repeat("^", width)))
		}
		for _, r := range f.Related {
			fmt.Fprintf(bw, "    %s %s\n", paint(ansiDim, fmt.Sprintf("%s:%d:%d:", r.Path, r.Line, r.Column)), r.Message)
		}
	}
	c := Count(res.Findings)
	if len(res.Findings) == 0 {
		fmt.Fprintf(bw, "no findings in %s\n", plural(len(res.Files), "file"))
	} else {
		fmt.Fprintf(bw, "%s (%d error, %d warning, %d info) in %d of %s\n",
			plural(len(res.Findings), "finding"), c.Error, c.Warning, c.Info,
			filesWith(res.Findings), plural(len(res.Files), "file"))
	}
	return bw.Flush()
}

// excerpt cuts a long source line to a window around the finding and
// returns it with the caret's offset and width, in code points. Tabs
// become spaces so the caret lines up.
func excerpt(line string, col, endCol int, sameLine bool) (string, int, int) {
	line = strings.ReplaceAll(line, "\t", " ")
	runes := []rune(line)
	start := col - 1
	if start > len(runes) {
		start = len(runes)
	}
	width := 1
	if sameLine && endCol > col {
		width = endCol - col
	}
	const max = 100
	from := 0
	if start > max/2 {
		from = start - max/2
	}
	to := len(runes)
	if to-from > max {
		to = from + max
	}
	if start+width > to {
		width = to - start
	}
	if width < 1 {
		width = 1
	}
	shown := string(runes[from:to])
	prefix := ""
	if from > 0 {
		prefix = "…"
	}
	if to < len(runes) {
		shown += "…"
	}
	return prefix + shown, start - from + utf8.RuneCountInString(prefix), width
}
