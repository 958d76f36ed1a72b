package fact_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// A location is a corpus line that a reviewed finding says must be flagged.
type location struct {
	id, file string
	line     int
}

// readTSV reads a tab-separated file with a header row.
func readTSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// sharedCopy checks that a testdata copy matches ../shared when present.
func sharedCopy(t *testing.T, local, shared string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", shared))
	if err != nil {
		return // a fresh clone without ../shared
	}
	got, err := os.ReadFile(local)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from ../shared/%s; copy it again", local, shared)
	}
}

// TestCorpusCoverage lints the corpus with the default rules and checks
// the fact and consistency findings against the reviewed list: every
// listed line is flagged by a fact rule (so `--select fact` alone flags
// them all; consistency rules may flag the same lines too), and every
// other finding is one in
// testdata/extra-findings.tsv, each with the reason it is right.
func TestCorpusCoverage(t *testing.T) {
	sharedCopy(t, filepath.Join("testdata", "locations.tsv"), filepath.Join("facts", "locations.tsv"))
	var want []location
	for _, r := range readTSV(t, filepath.Join("testdata", "locations.tsv")) {
		n, err := strconv.Atoi(r[2])
		if err != nil {
			t.Fatalf("locations.tsv: %v", err)
		}
		want = append(want, location{id: r[0], file: r[1], line: n})
	}
	type extra struct{ rule, reason string }
	allowed := map[string]extra{}
	for _, r := range readTSV(t, filepath.Join("testdata", "extra-findings.tsv")) {
		if len(r) < 4 || strings.TrimSpace(r[3]) == "" {
			t.Fatalf("extra-findings.tsv: %q needs file, line, rule and a reason", r)
		}
		allowed[r[0]+":"+r[1]+" "+r[2]] = extra{r[2], r[3]}
	}

	all, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	sel, err := lint.NewSelector(all, []string{"fact", "consistency"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	inputs, _ := corpusInputs(t)
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: all, Select: sel})
	if err != nil {
		t.Fatal(err)
	}

	covered := func(l location) bool {
		for _, f := range res.Findings {
			if strings.HasPrefix(f.Rule, "fact/") && f.Path == l.file && f.Line <= l.line && l.line <= f.EndLine {
				return true
			}
		}
		return false
	}
	flagged := 0
	for _, l := range want {
		if covered(l) {
			flagged++
		} else {
			t.Errorf("%s %s:%d is not flagged", l.id, l.file, l.line)
		}
	}
	used := map[string]bool{}
	var unexpected []string
	for _, f := range res.Findings {
		listed := false
		for _, l := range want {
			if f.Path == l.file && f.Line <= l.line && l.line <= f.EndLine {
				listed = true
				break
			}
		}
		key := fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule)
		if _, ok := allowed[key]; ok {
			used[key] = true
			continue
		}
		if !listed {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d %s %s", f.Path, f.Line, f.Column, f.Rule, f.Message))
		}
	}
	for _, u := range unexpected {
		t.Errorf("finding not in locations.tsv nor in extra-findings.tsv: %s", u)
	}
	var stale []string
	for k := range allowed {
		if !used[k] {
			stale = append(stale, k)
		}
	}
	sort.Strings(stale)
	for _, k := range stale {
		t.Errorf("extra-findings.tsv lists %s, which is no longer found", k)
	}
	t.Logf("%d of %d listed lines flagged, %d extra findings allowed", flagged, len(want), len(used))
}
