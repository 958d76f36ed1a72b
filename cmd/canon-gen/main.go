// Command canon-gen makes a raw corpus of any size from reference files,
// for canon's benchmarks and scale runs: problems shuffled, renumbered and
// reworded, some lines damaged again through a wrong code page, some
// problems repeated across files. The same seed gives the same bytes.
//
//	canon-gen -size 100MB -o /tmp/corpus-100mb
//	canon-gen -size 1GB -seed 7 -corpus testdata/corpus -o /tmp/corpus-1gb
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/canon-kb/canon/internal/gen"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("canon-gen", flag.ContinueOnError)
	def := gen.DefaultOptions(0)
	size := fs.String("size", "10MB", "total size of the corpus (bytes, or kB/MB/GB, KiB/MiB/GiB)")
	out := fs.String("o", "", "output directory (required; created if missing)")
	corpus := fs.String("corpus", "testdata/corpus", "directory of reference files (*.txt, *.md)")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	fileSize := fs.String("file-size", "128KiB", "mean file size")
	fs.Float64Var(&def.Damage, "damage", def.Damage, "share of non-ASCII lines damaged again through a wrong code page")
	fs.Float64Var(&def.Repeat, "repeat", def.Repeat, "share of problems repeating an earlier one")
	fs.Float64Var(&def.Legacy, "legacy", def.Legacy, "share of files written in UTF-16 or windows-1252")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: canon-gen -size SIZE -o DIR [flags]")
		fs.PrintDefaults()
		return 2
	}
	opts := def
	opts.Seed = *seed
	var err error
	if opts.Size, err = gen.ParseSize(*size); err != nil {
		fmt.Fprintf(os.Stderr, "canon-gen: -size: %v\n", err)
		return 2
	}
	fsz, err := gen.ParseSize(*fileSize)
	if err != nil || fsz <= 0 {
		fmt.Fprintf(os.Stderr, "canon-gen: -file-size: bad size %q\n", *fileSize)
		return 2
	}
	opts.FileSize = int(fsz)
	start := time.Now()
	pool, err := gen.LoadPool(*corpus)
	if err != nil {
		fmt.Fprintf(os.Stderr, "canon-gen: %s: %v\n", *corpus, err)
		return 1
	}
	st, err := pool.WriteDir(*out, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "canon-gen: %v\n", err)
		return 1
	}
	fmt.Printf("canon-gen: %s: %d files, %d bytes, %d problems (%d repeats) from %d reference problems, %d lines damaged, %d legacy-encoded files, %.1fs\n",
		*out, st.Files, st.Bytes, st.Problems, st.Repeats, pool.Problems(), st.Damaged, st.Legacy, time.Since(start).Seconds())
	return 0
}
