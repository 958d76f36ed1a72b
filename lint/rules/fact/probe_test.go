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

// TestProbes runs testdata/probes.tsv: one sentence a row, written by an
// engineer who had not seen the rules, as "+" (the named rule must flag
// it) or "-" (no fact or consistency rule may flag it). Like the
// paraphrases, these check the claim is caught, not the corpus's sentence.
func TestProbes(t *testing.T) {
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
	rows := readRows(t, filepath.Join("testdata", "probes.tsv"))
	for i, r := range rows {
		if len(r) != 3 || (r[0] != "+" && r[0] != "-") || !ids[r[1]] {
			t.Fatalf("probes.tsv row %d: want +|-, a rule ID and a sentence, got %q", i+1, r)
		}
		want, id, text := r[0], r[1], r[2]
		res, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("probe.txt", []byte(text+"\n"))}, lint.Options{Rules: all, Select: sel})
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
			t.Errorf("%s does not flag (findings %v): %s", id, got, text)
		case want == "-" && len(got) > 0:
			t.Errorf("correct statement on %s flagged by %v: %s", id, got, text)
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
