package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canon-kb/canon/lint"
)

func TestMatchPath(t *testing.T) {
	for _, tc := range []struct {
		pat, path string
		want      bool
	}{
		{"vendor/**", "vendor/a/b.md", true},
		{"vendor/**", "vendor", true},
		{"vendor/**", "docs/vendor/x.txt", true},
		{"vendor/**", "vendored/x.txt", false},
		{"*.draft.md", "notes/a.draft.md", true},
		{"*.draft.md", "notes/a.md", false},
		{"docs/*.md", "docs/a.md", true},
		{"docs/*.md", "docs/sub/a.md", false},
		{"docs/**/*.md", "docs/sub/deep/a.md", true},
	} {
		if got := matchPath(tc.pat, tc.path); got != tc.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tc.pat, tc.path, got, tc.want)
		}
	}
}

func TestFindAndParse(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := Find(sub); err != nil || p != "" && len(p) > len(dir) {
		t.Fatalf("Find without a file = %q, %v", p, err)
	}
	cfgPath := filepath.Join(dir, FileName)
	if err := os.WriteFile(cfgPath, []byte("severity:\n  fact: info\n  fact/x: error\nexclude: [\"b/**\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Find(sub)
	if err != nil || p != cfgPath {
		t.Fatalf("Find = %q, %v; want %q", p, err, cfgPath)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	rules := []*lint.Rule{{ID: "fact/x", Severity: lint.Warning}, {ID: "fact/y", Severity: lint.Error}, {ID: "encoding/z"}}
	m := c.SeverityMap(rules)
	if m["fact/x"] != lint.Error || m["fact/y"] != lint.Info || len(m) != 2 {
		t.Errorf("severity map %v", m)
	}
	if !c.Excluded(filepath.Join(sub, "f.txt")) || c.Excluded(filepath.Join(dir, "a", "f.txt")) {
		t.Errorf("exclude of b/** wrong")
	}
	if err := c.Check(rules); err != nil {
		t.Errorf("Check: %v", err)
	}
	c.Disable.Value = []string{"nosuch"}
	if err := c.Check(rules); err == nil {
		t.Errorf("Check accepts an unknown rule")
	}
}

// TestCheckNamesPlace checks that a setting naming no rule is reported at
// its own line and column, each one, and a valid one is not.
func TestCheckNamesPlace(t *testing.T) {
	c, err := Parse("c.yaml", []byte("enable: [fact, nosuch]\ndisable:\n  - fact/a\n  - fact/zz\nseverity:\n  fact/a: info\n  other/x: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Check([]*lint.Rule{{ID: "fact/a"}})
	if err == nil {
		t.Fatal("no error")
	}
	got := err.Error()
	for _, want := range []string{
		`c.yaml:1:16: enable "nosuch" matches no rule`,
		`c.yaml:4:5: disable "fact/zz" matches no rule`,
		`c.yaml:7:12: severity "other/x" matches no rule`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "matches no rule"); n != 3 {
		t.Errorf("%d errors, want 3:\n%s", n, got)
	}
}
