package fact_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProbes runs testdata/probes.tsv: one sentence a row, written by an
// engineer who had not seen the rules, as "+" (the named rule must flag
// it) or "-" (no fact or consistency rule may flag it). Like the
// paraphrases, these check the claim is caught, not the corpus's sentence.
func TestProbes(t *testing.T) {
	c := newCaseRunner(t)
	rows := readRows(t, filepath.Join("testdata", "probes.tsv"))
	for i, r := range rows {
		if len(r) != 3 || (r[0] != "+" && r[0] != "-") || !c.ids[r[1]] {
			t.Fatalf("probes.tsv row %d: want +|-, a rule ID and a sentence, got %q", i+1, r)
		}
		switch problem, got := c.check(t, r[0], r[1], r[2]); problem {
		case "does not flag":
			t.Errorf("%s does not flag (findings %v): %s", r[1], got, r[2])
		case "flagged":
			t.Errorf("correct statement on %s flagged by %v: %s", r[1], got, r[2])
		}
	}
	t.Logf("%d probes", len(rows))
}

// readRows reads a tab-separated file without a header, skipping blank
// lines and # comments.
func readRows(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimRight(line, "\r"); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}
