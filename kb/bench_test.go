package kb_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/canon-kb/canon/internal/gen"
	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/kb/dedupe"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

var (
	genItemsOnce sync.Once
	genItems     []kb.Item
	genBytes     int64
)

// generatedItems lints a generated corpus (CANON_BENCH_KB_MB megabytes,
// 4 by default) once, as `canon build` does, and returns its items: what
// the post-lint phases of a build start from.
func generatedItems(b *testing.B) ([]kb.Item, int64) {
	genItemsOnce.Do(func() {
		mb := int64(4)
		if v, err := strconv.ParseInt(os.Getenv("CANON_BENCH_KB_MB"), 10, 64); err == nil && v > 0 {
			mb = v
		}
		pool, err := gen.LoadPool(filepath.Join("..", "testdata", "corpus"))
		if err != nil {
			b.Fatal(err)
		}
		var inputs []lint.Input
		_, err = pool.Generate(gen.DefaultOptions(mb<<20), func(f gen.File) error {
			// f.Data is reused for the next file.
			inputs = append(inputs, lint.BytesInput(f.Name, bytes.Clone(f.Data)))
			genBytes += int64(len(f.Data))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: rules.Builtin(), Compact: true})
		if err != nil {
			b.Fatal(err)
		}
		genItems = kb.Items(res)
	})
	return genItems, genBytes
}

// BenchmarkCompile measures dedupe and assembly (kb.Compile) of a
// generated corpus; MB/s is of the raw input.
func BenchmarkCompile(b *testing.B) {
	items, size := generatedItems(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		kb.Compile(items, dedupe.DefaultOptions())
	}
}

// BenchmarkWriteKB measures rendering and writing the output of a
// generated corpus (kb.WriteKB); MB/s is of the raw input.
func BenchmarkWriteKB(b *testing.B) {
	items, size := generatedItems(b)
	k := kb.Compile(items, dedupe.DefaultOptions()).KB
	dir := filepath.Join(b.TempDir(), "out")
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := kb.WriteKB(dir, k, kb.EmitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFiles measures rendering the output of a generated corpus
// (kb.Files: kb.json and the markdown pages, nothing written); MB/s is of
// the raw input.
func BenchmarkFiles(b *testing.B) {
	items, size := generatedItems(b)
	k := kb.Compile(items, dedupe.DefaultOptions()).KB
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := kb.Files(k, kb.EmitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
