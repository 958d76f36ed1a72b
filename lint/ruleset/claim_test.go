package ruleset

import (
	"reflect"
	"strings"
	"testing"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/lint"
)

func mustLoad(t *testing.T, src string) []*lint.Rule {
	t.Helper()
	s, err := Load(File{Name: "rules.yaml", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	return s.Rules
}

// TestClaimPolarity is the issue's own test: negations and hedges that make
// the statement correct stay silent, hedges that still assert it do not.
func TestClaimPolarity(t *testing.T) {
	rs := mustLoad(t, goodRule)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"PATCH is not idempotent.", false},
		{"PATCH is not necessarily idempotent.", false},
		{"PATCH isn't idempotent.", false},
		{"PATCH is usually idempotent.", true},
		{"PATCH is generally idempotent in practice.", true},
		{"PUT is idempotent, whereas PATCH is not.", false},
		{"PUT is idempotent but PATCH is usually idempotent too.", true},
		{"Is PATCH idempotent?", false},
		{"A common misconception is that PATCH is idempotent.", false},
		{"It is a myth that PATCH is idempotent.", false},
		{"GET, PUT and DELETE are idempotent.", false},
		{"PUT and PATCH are idempotent.", true},
		// Context: the heading names the subject the bullet omits, and a
		// sibling heading does not lend it.
		{"## PATCH\n\n- Usually idempotent.\n", true},
		{"## PATCH\n\n- Partial update.\n\n## PUT\n\n- Idempotent.\n", false},
		{"PATCH:\n- updates part of a resource\n- idempotent in most APIs\n", true},
		// A table row reads as header: cell pairs.
		{"Method\tIdempotent\nPUT\tYes\nPATCH\tNo\n", false},
		{"Method\tIdempotent\nPUT\tYes\nPATCH\tYes (usually)\n", true},
		{"| Method | Idempotent |\n|---|---|\n| PATCH | ✅ Yes |\n", true},
		{"| Method | Idempotent |\n|---|---|\n| PATCH | ❌ |\n", false},
		// Hard-wrapped lines are one sentence.
		{"In most REST APIs the PATCH method is\nidempotent as well.\n", true},
	} {
		got := len(lintText(t, rs, tc.text)) > 0
		if got != tc.want {
			t.Errorf("%q: flagged %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestClaimPositions checks that findings point at the raw text of the
// clause, through normalisation and through repairs made by earlier
// stages.
func TestClaimPositions(t *testing.T) {
	rs := mustLoad(t, goodRule)
	got := lintText(t, rs, "Intro.\nPUT is idempotent; the **PATCH** method isn’t safe but is “usually” idempotent.\n")
	want := []string{"2:52-2:80 fact/patch-idempotent"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}

	// A repair stage that deletes a leading "[ad] " marker: the finding
	// must still report raw columns.
	strip := &lint.Rule{
		ID: "artifact/test-strip", Severity: lint.Info, Summary: "s", Doc: "d", Stage: lint.StageClean,
		Run: func(p *lint.Pass) {
			if i := strings.Index(p.Doc.Text, "[ad] "); i >= 0 {
				p.Report(content.Span{Start: i, End: i + 5}, "ad", &lint.Fix{Message: "remove", Edits: []content.Edit{{Span: content.Span{Start: i, End: i + 5}}}})
			}
		},
	}
	sel, _ := lint.NewSelector(append(rs, strip), []string{"fact"}, nil)
	res, err := lint.Run(t.Context(), []lint.Input{lint.BytesInput("t.txt", []byte("[ad] PATCH is idempotent.\n"))}, lint.Options{Rules: append(rs, strip), Select: sel})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Column != 6 || res.Findings[0].EndColumn != 26 {
		t.Errorf("findings %+v, want one at 1:6-1:26", res.Findings)
	}
}

// TestPrefilterScales checks that the keyword prefilter, not the rule
// count, decides what is matched: a document without a rule's keywords
// never reaches its patterns.
func TestPrefilterSkips(t *testing.T) {
	s, err := Load(File{Name: "rules.yaml", Data: []byte(goodRule)})
	if err != nil {
		t.Fatal(err)
	}
	idx := s.index("GET is safe.\n\nPATCH updates a resource.\n")
	if c := idx.candidates(s.claims[0].keywords, true); len(c) != 0 {
		t.Errorf("candidates without the keyword: %v", c)
	}
	idx = s.index("GET is safe.\n\nPATCH is idempotent.\n")
	if c := idx.candidates(s.claims[0].keywords, true); !reflect.DeepEqual(c, []int{1}) {
		t.Errorf("candidates %v, want [1]", c)
	}
}
