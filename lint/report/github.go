package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/canon-kb/canon/lint"
)

// githubLimit is how many annotations of one type GitHub shows per step;
// the rest are dropped silently, so canon prints the most severe and
// summarises the others.
const githubLimit = 10

func writeGitHub(w io.Writer, res *lint.Result) error {
	bw := bufio.NewWriter(w)
	shown := map[string]int{}
	left := map[string]int{}
	for _, f := range bySeverity(res.Findings) {
		kind := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "notice"}[f.Severity]
		if shown[kind] == githubLimit {
			left[kind]++
			continue
		}
		shown[kind]++
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			kind, ghProp(f.Path), f.Line, f.Column, f.EndLine, f.EndColumn, ghProp("canon "+f.Rule), ghData(f.Message))
	}
	for _, kind := range []string{"error", "warning", "notice"} {
		if left[kind] > 0 {
			fmt.Fprintf(bw, "::%s title=canon::%d more %s findings not annotated (GitHub shows %d per type); run canon lint locally for all of them\n",
				kind, left[kind], kind, githubLimit)
		}
	}
	c := Count(res.Findings)
	fmt.Fprintf(bw, "canon: %s (%d error, %d warning, %d info)\n", plural(len(res.Findings), "finding"), c.Error, c.Warning, c.Info)
	return bw.Flush()
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
