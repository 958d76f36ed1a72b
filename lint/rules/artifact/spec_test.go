package artifact

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/lint"
)

func TestDefaultsCompile(t *testing.T) {
	specs := Defaults()
	if len(specs) < 10 {
		t.Fatalf("only %d default specs", len(specs))
	}
	ids := map[string]bool{}
	for _, r := range Rules() {
		if ids[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		ids[r.ID] = true
		if r.Stage != lint.StageClean || !r.Fixable {
			t.Errorf("%s: stage %s fixable %v, want clean and fixable", r.ID, r.Stage, r.Fixable)
		}
		if r.ID != RunningHeader.ID && !strings.HasPrefix(r.Origin, "lint/rules/artifact/defaults.yaml:") {
			t.Errorf("%s: origin %q does not name the defaults file", r.ID, r.Origin)
		}
	}
	if err := lint.Validate(Rules()); err != nil {
		t.Fatal(err)
	}
}

func TestParseSpecsIsStrict(t *testing.T) {
	cases := []struct{ src, want string }{
		{"- id: x\n  sumary: typo\n", `rules.yaml:2:3: unknown field "sumary"`},
		{"- id: x\n  summary: s\n  match:\n    - lines: [a]\n      wher: {alone: true}\n", `rules.yaml:5:7: unknown field "wher"`},
		{"- id: x\n  summary: s\n  match:\n    - lines: [a]\n      where: {alone: true, tial: 3}\n", `rules.yaml:5:28: unknown field "tial"`},
		{"- id: x\n  summary: s\n  match:\n    - lines: [a]\n      where: {tail: many}\n", "line 5: cannot unmarshal"},
		{"id: x\n", "rules.yaml:1:1: want a list"},
	}
	for _, c := range cases {
		_, err := ParseSpecs("rules.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseSpecs(%q) error = %v, want %q", c.src, err, c.want)
		}
	}
}

func TestDecodeSpecAllowsRuleFileKeys(t *testing.T) {
	var doc yaml.Node
	src := "kind: artifact\nid: my-footer\nsummary: my site's footer\nmatch:\n  - lines: ['Powered by Foo']\nexamples:\n  - bad: \"Powered by Foo\\n\"\n  - good: \"We are powered by Foo.\\n\"\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeSpec(".canon.yaml", doc.Content[0]); err == nil {
		t.Fatal("kind accepted without being allowed")
	}
	s, err := DecodeSpec(".canon.yaml", doc.Content[0], "kind")
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRule(s)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "artifact/my-footer" || r.Origin != ".canon.yaml:1" {
		t.Errorf("rule %s from %s", r.ID, r.Origin)
	}
	for _, err := range lint.CheckExamples(r, nil) {
		t.Error(err)
	}
}

func TestNewRuleErrors(t *testing.T) {
	ok := Spec{ID: "x", Summary: "s", Examples: []lint.Example{{Bad: "a\n"}, {Good: "b\n"}}}
	cases := []struct {
		edit func(*Spec)
		want string
	}{
		{func(s *Spec) { s.ID = "" }, "id: missing"},
		{func(s *Spec) { s.ID = "fact/x" }, "not in the artifact category"},
		{func(s *Spec) { s.Summary = "" }, "summary: missing"},
		{func(s *Spec) { s.Match = nil }, "match: no pattern"},
		{func(s *Spec) { s.Match[0].Lines = []string{"(unclosed"} }, "match[0]: lines[0]: error parsing regexp"},
		{func(s *Spec) { s.Match[0].Inline = "x" }, "match[0]: set exactly one of lines and inline"},
		{func(s *Spec) { s.Match[0].Action = "erase" }, `unknown action "erase"`},
		{func(s *Spec) { s.Severity = "fatal" }, "severity"},
		{func(s *Spec) { s.Examples = s.Examples[:1] }, "examples: need at least one bad and one good"},
	}
	for _, c := range cases {
		s := ok
		s.Match = []clean.Pattern{{Lines: []string{"a"}}}
		s.Examples = append([]lint.Example(nil), ok.Examples...)
		s.Origin = "rules.yaml:3"
		c.edit(&s)
		_, err := NewRule(s)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "rules.yaml:3") {
			t.Errorf("NewRule error = %v, want one naming rules.yaml:3 and %q", err, c.want)
		}
	}
}

// TestReadmeExample compiles the artifact rule shown in README.md and runs
// its examples, so that the documented format cannot drift from the code.
func TestReadmeExample(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "```yaml\n- id: artifact/")
	if start < 0 {
		t.Fatal("README.md shows no artifact rule")
	}
	block := readme[start+len("```yaml\n"):]
	block = block[:strings.Index(block, "```")]
	specs, err := ParseSpecs("README.md", []byte(block))
	if err != nil || len(specs) != 1 {
		t.Fatalf("README rule: %v (%d specs)", err, len(specs))
	}
	r, err := NewRule(specs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range lint.CheckExamples(r, nil) {
		t.Error(err)
	}
}
