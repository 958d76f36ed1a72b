package fact_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	c := newCaseRunner(t)
	cases := 0
	for _, block := range strings.Split(string(data), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" || strings.HasPrefix(block, "#") {
			continue
		}
		head, doc, _ := strings.Cut(block, "\n")
		want, id, ok := strings.Cut(head, " ")
		if !ok || (want != "+" && want != "-") || !c.ids[id] {
			t.Fatalf("bad case header %q", head)
		}
		cases++
		switch problem, got := c.check(t, want, id, doc); problem {
		case "does not flag":
			t.Errorf("%s does not flag (findings %v):\n\t%s", id, got, strings.ReplaceAll(doc, "\n", "\n\t"))
		case "flagged":
			t.Errorf("correct statement flagged by %v:\n\t%s", got, strings.ReplaceAll(doc, "\n", "\n\t"))
		}
	}
	t.Logf("%d cases", cases)
}
