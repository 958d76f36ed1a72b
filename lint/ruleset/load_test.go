package ruleset

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/canon-kb/canon/lint"
)

const goodRule = `rules:
  - id: fact/patch-idempotent
    kind: claim
    severity: error
    summary: PATCH described as idempotent
    doc: PATCH is neither safe nor idempotent.
    correct: PATCH is not idempotent.
    references: [RFC 5789]
    keywords: [idempot]
    subject: ['\bpatch\b']
    others: ['\b(?:get|put|post|delete)\b']
    claim: ['\bidempot']
    match:
      - PATCH is usually idempotent.
      - PATCH requests are idempotent.
    nomatch:
      - PATCH is not idempotent.
      - PUT is idempotent, whereas PATCH is not.
`

// TestLoadErrors checks that every kind of mistake names file:line:col.
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name string
		from string
		to   string
		want []string
	}{
		{"unknown key", "    claim: [", "    claims: [", []string{`rules.yaml:12:5: unknown key "claims" (did you mean "claim"?)`}},
		{"bad regexp", `claim: ['\bidempot']`, `claim: ['\bidempot(']`, []string{`rules.yaml:12:13: bad regular expression "\\bidempot(": missing closing )`}},
		{"missing field", "    correct: PATCH is not idempotent.\n", "", []string{`rules.yaml:2:5: rule fact/patch-idempotent: missing "correct"`}},
		{"bad severity", "severity: error", "severity: fatal", []string{`rules.yaml:4:15: unknown severity "fatal"`}},
		{"wrong type", "references: [RFC 5789]", "references: {a: b}", []string{`rules.yaml:8:17: want a string, got a mapping`}},
		{"bad id", "id: fact/patch-idempotent", "id: Fact/Patch", []string{`rules.yaml:2:9: id "Fact/Patch": want category/name`}},
		{"too few examples", "      - PATCH requests are idempotent.\n", "", []string{`rules.yaml:2:5: rule fact/patch-idempotent: needs at least 2 "match" examples (has 1)`}},
		{"keyword missing from example", "keywords: [idempot]", "keywords: [usually]", []string{`rules.yaml:15:9: example holds none of the rule's keywords`}},
		{"unknown kind", "kind: claim", "kind: clam", []string{`rules.yaml:3:11: unknown kind "clam"`}},
		{"syntax", "    kind: claim\n", "    kind: claim\n   bad: [\n", []string{`rules.yaml:1:1: invalid YAML: did not find expected '-' indicator`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(goodRule, tc.from) {
				t.Fatalf("test edit %q not in rule", tc.from)
			}
			src := strings.Replace(goodRule, tc.from, tc.to, 1)
			_, err := Load(File{Name: "rules.yaml", Data: []byte(src)})
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestLoadDuplicateID(t *testing.T) {
	_, err := Load(File{Name: "a.yaml", Data: []byte(goodRule)}, File{Name: "b.yaml", Data: []byte(goodRule)})
	if err == nil || !strings.Contains(err.Error(), "b.yaml:2:9: rule fact/patch-idempotent is already defined at a.yaml:2") {
		t.Fatalf("got %v", err)
	}
}

// lintText runs rules on text and returns "line:col-line:col rule" for
// each finding.
func lintText(t *testing.T, rs []*lint.Rule, text string) []string {
	t.Helper()
	res, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("t.txt", []byte(text))}, lint.Options{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%d:%d-%d:%d %s", f.Line, f.Column, f.EndLine, f.EndColumn, f.Rule))
	}
	return out
}
