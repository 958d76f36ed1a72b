package clean

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/internal/relit"
)

// patternStrings collects the regexps of the default artifact rules.
func patternStrings(t *testing.T) (anchored, inline []string) {
	data, err := os.ReadFile(filepath.Join("..", "..", "lint", "rules", "artifact", "defaults.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc []map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k != "examples" {
					walk(x, k)
				}
			}
		case []any:
			for _, x := range v {
				walk(x, key)
			}
		case string:
			switch key {
			case "lines", "until", "continue", "next", "prev", "not_next", "not_prev":
				if v != "" {
					anchored = append(anchored, v)
				}
			case "inline":
				inline = append(inline, v)
			}
		}
	}
	for _, r := range doc {
		walk(r, "")
	}
	return anchored, inline
}

// TestArtifactLiteralTest checks that the literal test in front of every
// default artifact regexp (text in any case) never rejects a line the
// regexp matches, on every corpus line as written and trimmed.
func TestArtifactLiteralTest(t *testing.T) {
	anchored, inline := patternStrings(t)
	if len(anchored) < 20 || len(inline) < 2 {
		t.Fatalf("found %d line and %d inline patterns", len(anchored), len(inline))
	}
	var pats []*relit.Pattern
	for _, e := range anchored {
		pats = append(pats, relit.MustCompileAnyCase(`^(?:`+e+`)$`))
	}
	for _, e := range inline {
		pats = append(pats, relit.MustCompileAnyCase(e))
	}
	matched, filtered := 0, 0
	forCorpusLines(t, func(l string) {
		for _, s := range []string{l, Trim(l)} {
			for _, p := range pats {
				may := p.MayMatch(s)
				if !may {
					filtered++
				}
				if p.Regexp().MatchString(s) {
					matched++
					if !may {
						t.Errorf("%s: the literal test rejects %q, which the regexp matches", p, s)
					}
				}
			}
		}
	})
	if matched < 300 || filtered == 0 {
		t.Errorf("%d matches, %d lines rejected by the literal test", matched, filtered)
	}
}
