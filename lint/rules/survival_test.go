package rules_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// artifacts lists every kind of chrome the issue names, each with the rule
// that reports it and a pattern that finds it in text. The corpus holds
// every one of them.
var artifacts = []struct {
	rule    string
	pattern string
}{
	{"artifact/dev-code-widget", `Enter fullscreen mode Exit fullscreen mode`},
	{"artifact/dev-comments", `Top comments \(\d+\)`},
	{"artifact/dev-header", `(?m)^DEV Community$|(?m)^Posted on\b`},
	{"artifact/chat-copy-chrome", `(?m)^Copy\s*\nEdit\s*$`},
	{"artifact/chat-copy-chrome", `(?m)^(?:json|js|ts|sql|pgsql|http|yaml)\s*\nCopy\s*$`},
	{"artifact/blogger-chrome", `(?m)^Post a Comment$|Previous Post Next Post`},
	{"artifact/dead-link", `\]\(#\)`},
	{"artifact/markdown-escape", `\\[()$]`},
	{"artifact/literal-newline", `(?m)^(?:\\n)+\s*$`},
	{"artifact/toc", `Table of Contents`},
	{"artifact/copyright", `All rights reserved|No part of this document may be reproduced`},
	{"artifact/author-handle", `Insta ID|mission_compile`},
	{"artifact/placeholder", `placeholder for question text`},
	{"artifact/image-alt-text", `Diagram showing Docker architecture|GitHub Actions Workflow Diagram|Docker Deployment Workflow Diagram`},
	{"artifact/running-header", ``}, // checked against the stray headings themselves below
}

func lintCorpus(t *testing.T) *lint.Result {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "corpus")
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) != 5 {
		t.Fatalf("corpus: %v, %d files", err, len(names))
	}
	sort.Strings(names)
	var inputs []lint.Input
	for _, n := range names {
		n := n
		inputs = append(inputs, lint.Input{Path: filepath.Base(n), Open: func() ([]byte, error) { return os.ReadFile(n) }})
	}
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: rules.Builtin()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestArtifactsReportedAndRemoved checks both ends: every listed artifact
// is in the raw corpus and reported by its rule there, and none is left in
// what canon build writes (kb.json, index.md, problems/*.md).
func TestArtifactsReportedAndRemoved(t *testing.T) {
	res := lintCorpus(t)
	reported := map[string]int{}
	strays := map[string][]string{} // path -> running headers found there
	n := 0
	for _, f := range res.Findings {
		reported[f.Rule]++
		if f.Rule == "artifact/running-header" {
			for _, file := range res.Files {
				if file.Path == f.Path {
					strays[f.Path] = append(strays[f.Path], strings.TrimSpace(file.Source.Text[f.Span.Start:f.Span.End]))
					n++
				}
			}
		}
	}
	var raw strings.Builder
	for _, f := range res.Files {
		raw.WriteString(f.Source.Text)
	}
	files, err := kb.Files(kb.Build(res), kb.EmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var built strings.Builder
	for name, data := range files {
		if name == "kb.json" {
			// Search the strings as they read, not as JSON escapes them.
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			walkStrings(v, func(s string) { built.WriteString(s + "\n") })
			continue
		}
		if strings.HasSuffix(name, ".md") {
			built.Write(data)
			built.WriteByte('\n')
		}
	}
	for _, a := range artifacts {
		if reported[a.rule] == 0 {
			t.Errorf("%s reports nothing in the corpus", a.rule)
		}
		if a.pattern == "" {
			continue
		}
		re := regexp.MustCompile(a.pattern)
		if !re.MatchString(raw.String()) {
			t.Errorf("%s: %q not found in the raw corpus (the test would prove nothing)", a.rule, a.pattern)
		}
		if m := re.FindString(built.String()); m != "" {
			t.Errorf("%s: %q survives in the build output", a.rule, m)
		}
	}
	if n < 10 {
		t.Fatalf("only %d running headers reported", n)
	}
	// A running header must not survive as a line of an answer from its
	// file. (It may name a real section elsewhere: "Idempotency".)
	for _, f := range res.Files {
		for _, p := range f.Problems {
			for _, s := range strays[f.Path] {
				for _, line := range strings.Split(p.AnswerMarkdown(), "\n") {
					if strings.TrimSpace(line) == s {
						t.Errorf("%s: running header %q survives in the answer to %q", f.Path, s, p.Title)
					}
				}
			}
		}
	}
}

func walkStrings(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case []any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case map[string]any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	}
}
