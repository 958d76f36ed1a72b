package ruleset

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/lint"
)

// TestParsedRoundTrip checks that a parsed form compiles to the rule the
// file compiles to, and that mistakes are reported as Load reports them.
func TestParsedRoundTrip(t *testing.T) {
	f := File{Name: "rules.yaml", Data: []byte(goodRule)}
	p, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadParsed(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rules) != 1 || got.Rules[0].ID != want.Rules[0].ID || got.Rules[0].Doc != want.Rules[0].Doc || got.Rules[0].Origin != want.Rules[0].Origin {
		t.Fatalf("parsed form compiled to %+v, want %+v", got.Rules, want.Rules)
	}
	if len(p.Patterns) == 0 {
		t.Error("no pattern analysis stored")
	}
	for _, errs := range [][]error{lint.CheckExamples(got.Rules[0], nil), lint.CheckExamples(want.Rules[0], nil)} {
		for _, err := range errs {
			t.Error(err)
		}
	}

	bad := File{Name: "rules.yaml", Data: []byte(strings.Replace(goodRule, "    claim: [", "    claims: [", 1))}
	_, loadErr := Load(bad)
	if _, err := Parse(bad); err == nil || loadErr == nil || err.Error() != loadErr.Error() {
		t.Errorf("Parse of a bad file: %v, want Load's error %v", err, loadErr)
	}
}

func TestParseRejectsRegisteredKinds(t *testing.T) {
	RegisterKind("parsedtest", func(file string, n *yaml.Node) (*lint.Rule, error) {
		return &lint.Rule{ID: "parsedtest/x", Severity: lint.Warning, Summary: "x", Doc: "x.", Stage: lint.StageCheck, Origin: file + ":2", Run: func(*lint.Pass) {}}, nil
	})
	defer delete(extKinds, "parsedtest")
	_, err := Parse(File{Name: "k.yaml", Data: []byte("rules:\n  - kind: parsedtest\n")})
	if err == nil || !strings.Contains(err.Error(), "k.yaml:2:5: kind parsedtest has no parsed form") {
		t.Errorf("got %v, want an error naming k.yaml:2:5", err)
	}
}
