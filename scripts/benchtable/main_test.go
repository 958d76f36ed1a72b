package main

import (
	"io"
	"strings"
	"testing"
)

func TestParseKeepsFastestRun(t *testing.T) {
	in := `goos: linux
BenchmarkCLI/build/10MB-2         	       1	4000000000 ns/op	   2.50 MB/s	       600.0 peak-RSS-MiB
BenchmarkCLI/build/10MB-2         	       1	2000000000 ns/op	   5.00 MB/s	       610.0 peak-RSS-MiB	3.5 cpu-s/op
BenchmarkStartup/lint/27KB-2      	      10	  90000000 ns/op	   0.30 MB/s	        90.00 ms/run	        35.0 peak-RSS-MiB
PASS
`
	rows, err := parse(strings.NewReader(in), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	b := rows[0]
	if b.name != "CLI/build/10MB" || b.seconds != 2 || b.mbps != 5 || b.rss != 610 || b.cpu != 3.5 || b.runs != 2 {
		t.Errorf("build row %+v, want the 2 s run of two", *b)
	}
	if s := rows[1]; s.name != "Startup/lint/27KB" || s.seconds != 0.09 || s.rss != 35 {
		t.Errorf("startup row %+v", *s)
	}
}
