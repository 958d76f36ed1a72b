package rules_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// artifacts lists every kind of chrome the issue names, each with the rule
// that reports it and patterns that find it in text. Every pattern occurs
// in the raw corpus, so each check below can fail.
var artifacts = []struct {
	rule     string
	patterns []string
}{
	{"artifact/dev-code-widget", []string{`Enter fullscreen mode`, `Exit fullscreen mode`}},
	{"artifact/dev-comments", []string{`Top comments`}},
	// The site header and the byline: the author's name twice between them.
	{"artifact/dev-header", []string{`(?m)^DEV Community$`, `(?m)^Posted on\b.*$`, `(?m)^Mritunjay Singh$`}},
	{"artifact/chat-copy-chrome", []string{
		`(?m)^Copy$`, `(?m)^Edit$`,
		// a lone language label above the toolbar
		`(?m)^(?:json|js|ts|sql|pgsql|http|yaml)\n(?:Copy)$`,
	}},
	{"artifact/blogger-chrome", []string{`(?m)^Post a Comment$`, `Previous Post`, `Next Post`}},
	{"artifact/dead-link", []string{`\]\(#\)`}},
	{"artifact/markdown-escape", []string{`\\\(`, `\\\)`, `\\\$`}},
	{"artifact/literal-newline", []string{`(?m)^(?:\\n)+\s*$`}},
	{"artifact/toc", []string{`Table of Contents`, `(?m)^- \[.*\]\(#\) - \d+ problems?$`}},
	{"artifact/copyright", []string{`All rights reserved`, `Copyright ©`, `No part of this document may be reproduced`}},
	{"artifact/author-handle", []string{`Insta ID`, `mission_compile`, `(?m)^Curated by$`}},
	{"artifact/placeholder", []string{`\([^()\n]*placeholder for[^()\n]*\)`}},
	{"artifact/image-alt-text", []string{
		`Diagram showing Docker architecture`, `GitHub Actions Workflow Diagram`, `Docker Deployment Workflow Diagram`,
		// one word echoing the heading above it
		`(?m)^Why Do Backends Need to Talk to Each Other\?\n\nwhy$`,
		`(?m)^Example: Payment Processing System\n\nPayment$`,
		`(?m)^Some Basic Questions\n\nBasic$`,
	}},
	{"artifact/running-header", nil}, // checked against the stray headings themselves below
}

func lintCorpus(t *testing.T, sel []string) *lint.Result {
	t.Helper()
	files := corpustest.Files(t)
	if len(files) != 5 {
		t.Fatalf("corpus: %d files, want 5", len(files))
	}
	var inputs []lint.Input
	for _, f := range files {
		inputs = append(inputs, lint.BytesInput(filepath.Base(f.Path), []byte(f.Text)))
	}
	all := rules.Builtin()
	s, err := lint.NewSelector(all, sel, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: all, Select: s})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestArtifactsReportedAndRemoved checks both ends: every occurrence of
// every listed artifact in the raw corpus is reported by its rule when
// linting with --select artifact, and none is left in what canon build
// writes (kb.json, index.md, problems/*.md).
func TestArtifactsReportedAndRemoved(t *testing.T) {
	res := lintCorpus(t, []string{"artifact"})
	// Lines of each file that each rule reported: rule -> path -> lines.
	reported := map[string]map[string]map[int]bool{}
	strays := map[string][]string{} // path -> running headers found there
	n := 0
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Rule, "artifact/") {
			t.Errorf("--select artifact reported %s", f.Rule)
		}
		if reported[f.Rule] == nil {
			reported[f.Rule] = map[string]map[int]bool{}
		}
		if reported[f.Rule][f.Path] == nil {
			reported[f.Rule][f.Path] = map[int]bool{}
		}
		for l := f.Line; l <= max(f.Line, f.EndLine); l++ {
			reported[f.Rule][f.Path][l] = true
		}
		if f.Rule == "artifact/running-header" {
			for _, file := range res.Files {
				if file.Path == f.Path {
					strays[f.Path] = append(strays[f.Path], strings.TrimSpace(file.Source.Text[f.Span.Start:f.Span.End]))
					n++
				}
			}
		}
	}
	files, err := kb.Files(kb.Build(lintCorpus(t, nil)), kb.EmitOptions{})
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
		if len(reported[a.rule]) == 0 {
			t.Errorf("%s reports nothing in the corpus", a.rule)
		}
		for _, pat := range a.patterns {
			re := regexp.MustCompile(pat)
			found := 0
			for _, file := range res.Files {
				text := file.Source.Text
				for _, m := range re.FindAllStringIndex(text, -1) {
					found++
					// The match's last line: a pattern's context lines
					// (a heading above alt text) are not the artifact.
					line := file.Source.Position(m[1] - 1).Line
					if !reported[a.rule][file.Path][line] {
						t.Errorf("%s:%d: %q is not reported by %s", file.Path, line, text[m[0]:m[1]], a.rule)
					}
				}
			}
			if found == 0 {
				t.Errorf("%s: %q not found in the raw corpus (the test would prove nothing)", a.rule, pat)
			}
			if m := re.FindString(built.String()); m != "" {
				t.Errorf("%s: %q survives in the build output", a.rule, m)
			}
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
