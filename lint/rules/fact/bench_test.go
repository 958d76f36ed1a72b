package fact_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
	"github.com/canon-kb/canon/lint/ruleset"
)

// corpusInputs reads the bundled corpus.
func corpusInputs(tb testing.TB) ([]lint.Input, int64) {
	tb.Helper()
	var inputs []lint.Input
	var size int64
	for _, f := range corpustest.Files(tb) {
		size += int64(len(f.Text))
		inputs = append(inputs, lint.BytesInput(filepath.Base(f.Path), []byte(f.Text)))
	}
	return inputs, size
}

// replicated returns the default rule files n times over, each copy's IDs
// renamed, so the set has n times the rules (and the same keywords).
func replicated(n int) []ruleset.File {
	var files []ruleset.File
	for i := 0; i < n; i++ {
		for _, f := range rules.DeclarativeFiles() {
			data := string(f.Data)
			if i > 0 {
				data = strings.ReplaceAll(data, "id: fact/", fmt.Sprintf("id: fact/copy%d-", i))
				data = strings.ReplaceAll(data, "id: consistency/", fmt.Sprintf("id: consistency/copy%d-", i))
			}
			files = append(files, ruleset.File{Name: fmt.Sprintf("%s#%d", f.Name, i), Data: []byte(data)})
		}
	}
	return files
}

// noSegments is a segmenter that finds no problems, to time the rules
// without segmentation.
type noSegments struct{}

func (noSegments) Segment(*content.Doc) []segment.Problem { return nil }

// BenchmarkLintCorpus lints the corpus with the default declarative rules,
// and with ten copies of them. Run with
//
//	go test ./lint/rules/fact -run '^$' -bench LintCorpus -benchmem
//
// MB/s is corpus bytes linted per second, on one worker. "full" is what
// canon lint does: every built-in rule (decoding, mojibake and artifact
// repair, structure) plus the declarative rules, and segmentation.
// "declarative" times the declarative rules alone (no repair stages, no
// segmentation): the cost the keyword prefilter keeps from growing with
// the rule count.
//
// cpu-MB/s divides the bytes by the CPU time the process used (user and
// system, from getrusage) instead of wall time: on a shared machine a
// loaded run waits for a core, and the wall-clock MB/s drops while the
// work done does not.
func BenchmarkLintCorpus(b *testing.B) {
	inputs, size := corpusInputs(b)
	for _, mode := range []string{"full", "declarative"} {
		for _, n := range []int{1, 10} {
			set, err := ruleset.Load(replicated(n)...)
			if err != nil {
				b.Fatal(err)
			}
			opts := lint.Options{Rules: append(rules.Builtin(), set.Rules...), Workers: 1}
			if mode == "declarative" {
				opts = lint.Options{Rules: set.Rules, Workers: 1, Segmenter: noSegments{}}
			}
			b.Run(fmt.Sprintf("%s/rules=x%d", mode, n), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				// One untimed run first (b.Loop starts the timer): tables
				// built once per process or per rule set would otherwise be
				// charged to whichever case runs first.
				res, err := lint.Run(context.Background(), inputs, opts)
				if err != nil {
					b.Fatal(err)
				}
				cpu0, iters := cpuTime(), 0
				for b.Loop() {
					if res, err = lint.Run(context.Background(), inputs, opts); err != nil {
						b.Fatal(err)
					}
					iters++
				}
				if cpu := cpuTime() - cpu0; cpu > 0 {
					b.ReportMetric(float64(size)*float64(iters)/1e6/cpu.Seconds(), "cpu-MB/s")
				}
				// Declarative findings show every copy of the rules ran.
				decl := 0
				for _, f := range res.Findings {
					if strings.HasPrefix(f.Rule, "fact/") || strings.HasPrefix(f.Rule, "consistency/") {
						decl++
					}
				}
				b.ReportMetric(float64(decl), "decl-findings")
			})
		}
	}
}
