package ruleset

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/internal/relit"
	"github.com/canon-kb/canon/lint/prose"
)

// TestLiteralTestKeepsAnswers runs every pattern of the default rule
// files on every unit of the corpus (normalised, as
// the rules see them), and checks that the literal test in front of each
// regexp never changes its answer: where the regexp matches, the test
// must pass.
func TestLiteralTestKeepsAnswers(t *testing.T) {
	var files []File
	for _, dir := range []string{"../rules/fact/defaults", "../rules/consistency/defaults"} {
		names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, File{Name: n, Data: data})
		}
	}
	if len(files) < 10 {
		t.Fatalf("found %d rule files", len(files))
	}
	set, err := Load(files...)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range corpustest.Files(t) {
		d := prose.Analyze(f.Text)
		// Units only: the literals of a sentence or clause are in its
		// unit, and running every regexp on every clause takes long.
		for i, u := range d.Units {
			if !raceEnabled || i%8 == 0 {
				texts = append(texts, d.Text[u.Start:u.End])
			}
		}
	}
	pats := []*relit.Pattern{negationRE}
	for _, p := range set.patterns {
		pats = append(pats, p)
	}
	matched := 0
	for _, p := range pats {
		for _, s := range texts {
			// Where the test passes MatchString is the regexp's answer.
			if p.MatchString(s) {
				matched++
			} else if p.Regexp().MatchString(s) {
				t.Errorf("%s on %q: no match, the regexp matches", p, s)
			}
		}
	}
	// The check means something only if the patterns match somewhere.
	if matched < 1000 && !raceEnabled || matched < 100 {
		t.Errorf("only %d matches of %d patterns on %d texts", matched, len(pats), len(texts))
	}
	t.Logf("%d patterns, %d texts, %d matches", len(pats), len(texts), matched)
}
