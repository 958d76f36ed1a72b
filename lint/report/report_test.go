package report

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/textdiff"
	"github.com/canon-kb/canon/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testRules flag words, so the test controls severities, spans, fixes and
// related locations without depending on the real rule set.
func testRules() []*lint.Rule {
	word := func(id string, sev lint.Severity, w string, related bool) *lint.Rule {
		return &lint.Rule{
			ID: id, Severity: sev, Summary: "flags " + w, Doc: "Flags the word " + w + ".\n\nA second paragraph.",
			References: []string{"https://example.com/" + w}, Stage: lint.StageCheck,
			Examples: []lint.Example{{Bad: w}, {Good: "x"}},
			Run: func(p *lint.Pass) {
				for off := 0; ; {
					i := strings.Index(p.Doc.Text[off:], w)
					if i < 0 {
						return
					}
					s := content.Span{Start: off + i, End: off + i + len(w)}
					if related {
						p.ReportRelated(s, "“"+w+"” contradicts the first line", []lint.Related{lint.RelatedAt(p.File(), content.Span{}, "the first line")})
					} else {
						p.Reportf(s, "%s found", w)
					}
					off = s.End
				}
			},
		}
	}
	return []*lint.Rule{
		word("fact/mutex", lint.Error, "mutex", false),
		word("consistency/lock", lint.Warning, "lock", true),
		word("structure/semaphore", lint.Info, "semaphore", false),
	}
}

func testResult(t *testing.T) (*lint.Result, []*lint.Rule) {
	t.Helper()
	rs := testRules()
	inputs := []lint.Input{
		lint.BytesInput("b.txt", []byte("Ünïcödé line with a mutex.\n\ta semaphore and a lock\n")),
		lint.BytesInput("a.md", []byte("# Title\n\nA lock and a mutex and another mutex.\n")),
	}
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	return res, rs
}

// TestGolden writes one result in every format and compares each with its
// golden file (go test ./lint/report -update rewrites them).
func TestGolden(t *testing.T) {
	res, rs := testResult(t)
	for _, tc := range []struct {
		format, file string
		color        bool
	}{
		{"text", "golden.txt", false},
		{"text", "golden-color.txt", true},
		{"json", "golden.json", false},
		{"sarif", "golden.sarif", false},
		{"github", "golden-github.txt", false},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, tc.format, res, Options{Color: tc.color, Rules: rs, ToolVersion: "test"}); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata", tc.file), buf.Bytes())
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./lint/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run: go test ./lint/report -update and review the diff):\n%s", path, textdiff.Unified("want", "got", string(want), string(got)))
	}
}

// TestSARIFSchema validates the sarif output against the SARIF 2.1.0 JSON
// Schema: the shared copy when the repository sits next to it, else the
// copy in testdata (the two must agree).
func TestSARIFSchema(t *testing.T) {
	schemaPath := filepath.Join("testdata", "sarif-schema-2.1.0.json")
	shared := filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	if b, err := os.ReadFile(shared); err == nil {
		local, err := os.ReadFile(schemaPath)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, local) {
			t.Fatalf("%s differs from %s; copy it again", schemaPath, shared)
		}
		schemaPath = shared
	}
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}

	res, rs := testResult(t)
	// Standard input's name is not a URI; the writer must still emit one.
	more, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("<stdin>", []byte("a mutex\n"))}, lint.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	res.Files = append(res.Files, more.Files...)
	res.Findings = append(res.Findings, more.Findings...)
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", res, Options{Rules: rs, ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	data := bytes.Clone(buf.Bytes())
	inst, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("sarif output is not valid SARIF 2.1.0: %v", err)
	}

	// What GitHub code scanning needs beyond the schema: the column unit,
	// a fingerprint on every result (so alerts survive lines moving), and
	// rule metadata with help text for every rule a result names.
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text string `json:"text"`
						} `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: %v, %d runs", err, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q, want unicodeCodePoints", run.ColumnKind)
	}
	help := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		help[r.ID] = r.Help.Text != ""
	}
	if len(run.Results) != len(res.Findings) {
		t.Errorf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	prints := map[string]bool{}
	for _, r := range run.Results {
		if !help[r.RuleID] {
			t.Errorf("result of %s: no rule metadata with help text", r.RuleID)
		}
		fp := ""
		for _, v := range r.PartialFingerprints {
			fp += v
		}
		if fp == "" {
			t.Errorf("result of %s has no partialFingerprints", r.RuleID)
		}
		prints[fp] = true
	}
	if len(prints) < 2 {
		t.Errorf("all %d results share one fingerprint", len(run.Results))
	}
}

// TestGitHubCap checks that at most ten annotations of a type are printed,
// the most severe first, with a count of the rest.
func TestGitHubCap(t *testing.T) {
	rs := testRules()
	text := strings.Repeat("mutex lock\n", 12)
	res, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("x.txt", []byte(text))}, lint.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, "github", res, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if n := strings.Count(out, "::error file="); n != 10 {
		t.Errorf("%d error annotations, want 10", n)
	}
	if n := strings.Count(out, "::warning file="); n != 10 {
		t.Errorf("%d warning annotations, want 10", n)
	}
	for _, want := range []string{"::error title=canon::2 more error findings", "::warning title=canon::2 more warning findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
