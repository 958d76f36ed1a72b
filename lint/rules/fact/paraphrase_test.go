package fact_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// TestParaphrases runs the rules on testdata/paraphrases.txt: other
// wordings of the corpus's wrong claims, which their rule must flag, and
// correct statements on the same topics, which no fact or consistency rule
// may flag. The rules were written from the corpus; these cases were not,
// so they check that the rules catch the claim, not the sentence.
func TestParaphrases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "paraphrases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range all {
		ids[r.ID] = true
	}
	sel, err := lint.NewSelector(all, []string{"fact", "consistency"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, block := range strings.Split(string(data), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" || strings.HasPrefix(block, "#") {
			continue
		}
		head, doc, _ := strings.Cut(block, "\n")
		want, id, ok := strings.Cut(head, " ")
		if !ok || (want != "+" && want != "-") || !ids[id] {
			t.Fatalf("bad case header %q", head)
		}
		cases++
		res, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("case.txt", []byte(doc+"\n"))}, lint.Options{Rules: all, Select: sel})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		flagged := false
		for _, f := range res.Findings {
			got = append(got, f.Rule)
			flagged = flagged || f.Rule == id
		}
		switch {
		case want == "+" && !flagged:
			t.Errorf("%s does not flag (findings %v):\n\t%s", id, got, strings.ReplaceAll(doc, "\n", "\n\t"))
		case want == "-" && len(got) > 0:
			t.Errorf("correct statement flagged by %v:\n\t%s", got, strings.ReplaceAll(doc, "\n", "\n\t"))
		}
	}
	t.Logf("%d cases", cases)
}
