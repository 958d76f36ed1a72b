package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/internal/gen"
	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/kb/dedupe"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/report"
	"github.com/canon-kb/canon/lint/rules"
)

var (
	genOnce sync.Once
	genPool *gen.Pool
	genErr  error
)

// generated writes a corpus of size bytes made by internal/gen from the
// bundled corpus into a temporary directory and returns it.
func generated(tb testing.TB, size int64, fileSize int) string {
	tb.Helper()
	genOnce.Do(func() { genPool, genErr = gen.LoadPool(corpustest.Dir(tb)) })
	if genErr != nil {
		tb.Fatal(genErr)
	}
	dir := tb.TempDir()
	opts := gen.DefaultOptions(size)
	opts.FileSize = fileSize
	if _, err := genPool.WriteDir(dir, opts); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// inputsOf lists the files under dir as inputs named relative to it.
func inputsOf(tb testing.TB, dir string) []lint.Input {
	tb.Helper()
	var inputs []lint.Input
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		inputs = append(inputs, lint.Input{Path: filepath.ToSlash(rel), Open: func() ([]byte, error) { return os.ReadFile(p) }})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return inputs
}

// outputs renders everything a run produces that users see: the report in
// every format and the knowledge base's files.
func outputs(t *testing.T, res *lint.Result, rs []*lint.Rule) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, format := range report.Formats {
		var b bytes.Buffer
		if err := report.Write(&b, format, res, report.Options{Rules: rs, ToolVersion: "test"}); err != nil {
			t.Fatal(err)
		}
		out["report."+format] = b.Bytes()
	}
	files, err := kb.Files(kb.Compile(kb.Items(res), dedupe.DefaultOptions()).KB, kb.EmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		out["kb/"+name] = data
	}
	return out
}

// TestParallelCompactRunMatchesSerial checks that what canon reports and
// builds does not depend on how many files are processed at once, on the
// order the inputs come in, or on whether a file's text is dropped once it
// is processed (Options.Compact): a serial run that keeps every text is
// the reference.
func TestParallelCompactRunMatchesSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and lints a corpus")
	}
	dir := generated(t, 400_000, 24<<10)
	inputs := inputsOf(t, dir)
	if len(inputs) < 10 {
		t.Fatalf("%d generated files, want at least 10", len(inputs))
	}
	rs, err := rules.All()
	if err != nil {
		t.Fatal(err)
	}
	run := func(in []lint.Input, workers int, compact bool) *lint.Result {
		res, err := lint.Run(context.Background(), in, lint.Options{Rules: rs, Workers: workers, Compact: compact})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	serial := run(inputs, 1, false)
	if len(serial.Findings) == 0 {
		t.Fatal("the generated corpus gives no findings")
	}
	want := outputs(t, serial, rs)
	reversed := make([]lint.Input, len(inputs))
	for i, in := range inputs {
		reversed[len(inputs)-1-i] = in
	}
	for _, c := range []struct {
		name    string
		inputs  []lint.Input
		workers int
		compact bool
	}{
		{"parallel", inputs, 4, false},
		{"compact", inputs, 1, true},
		{"parallel compact reversed", reversed, 3, true},
	} {
		res := run(c.inputs, c.workers, c.compact)
		got := outputs(t, res, rs)
		for name, w := range want {
			if !bytes.Equal(got[name], w) {
				t.Errorf("%s: %s differs from the serial run's", c.name, name)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d outputs, serial run %d", c.name, len(got), len(want))
		}
		if c.compact {
			for _, f := range res.Files {
				if f.Source != nil || f.Doc != nil {
					t.Fatalf("%s: %s keeps its text after a compact run", c.name, f.Path)
				}
			}
		}
	}
}

// TestJobsFlagKeepsOutput runs the commands with --jobs 1 and --jobs 4 on
// a generated corpus and compares their output byte for byte.
func TestJobsFlagKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and lints a corpus")
	}
	dir := generated(t, 300_000, 40<<10)
	for _, args := range [][]string{
		{"lint", "--format", "json"},
		{"fix", "--diff"},
	} {
		var outs []string
		for _, jobs := range []string{"1", "4"} {
			io, out, errb := TestIO("")
			code := Main(append(append([]string{"--jobs", jobs}, args...), dir), io)
			if code == 2 {
				t.Fatalf("%v: exit 2: %s", args, errb)
			}
			outs = append(outs, out.String())
		}
		if outs[0] != outs[1] || outs[0] == "" {
			t.Errorf("%v: output with --jobs 1 and --jobs 4 differs (or is empty)", args)
		}
		if args[0] == "lint" {
			var v struct{ Findings []json.RawMessage }
			if err := json.Unmarshal([]byte(outs[0]), &v); err != nil || len(v.Findings) == 0 {
				t.Errorf("lint: %d findings, %v", len(v.Findings), err)
			}
		} else if !strings.Contains(outs[0], "+++ b/") {
			t.Errorf("fix --diff: no diff on a damaged corpus")
		}
	}
	var kbs [][]byte
	for _, jobs := range []string{"1", "4"} {
		out := filepath.Join(t.TempDir(), "kb")
		io, _, errb := TestIO("")
		if code := Main([]string{"--jobs", jobs, "build", "-o", out, dir}, io); code != 0 {
			t.Fatalf("build: exit %d: %s", code, errb)
		}
		data, err := os.ReadFile(filepath.Join(out, "kb.json"))
		if err != nil {
			t.Fatal(err)
		}
		kbs = append(kbs, data)
	}
	if !bytes.Equal(kbs[0], kbs[1]) {
		t.Error("build: kb.json with --jobs 1 and --jobs 4 differs")
	}
}
