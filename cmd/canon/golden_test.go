package main

import (
	"flag"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden knowledge base in testdata/golden/kb")

// goldenDir is the committed build of the corpus, relative to the
// repository root.
const goldenDir = "testdata/golden/kb"

// regenerate is the command that rewrites the golden build.
const regenerate = "go test ./cmd/canon -run TestGoldenKB -update   (or: make golden)"

// TestGoldenKB checks the committed build of the corpus is exactly what
// the corpus compiles to, with canon build --check. Any change to repair,
// segmentation, linting or dedupe that alters the knowledge base fails it
// until the build is regenerated and the diff reviewed.
func TestGoldenKB(t *testing.T) {
	t.Chdir("../..")
	args := []string{"build", "--check", "-o", goldenDir, "testdata/corpus"}
	if *update {
		args = []string{"build", "-o", goldenDir, "testdata/corpus"}
	}
	io, out, errb := TestIO("")
	if code := Main(args, io); code != 0 {
		t.Fatalf("canon %v: exit %d\n%s%s\n%s differs from what testdata/corpus compiles to.\n"+
			"If the change is intended, regenerate it and review the diff:\n    %s\n",
			args, code, out, errb, goldenDir, regenerate)
	}
	if *update {
		t.Logf("%s", out)
	}
}
