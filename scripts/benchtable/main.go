// Command benchtable turns the output of canon's end-to-end benchmarks
// (go test -bench 'CLI|Startup' ./cmd/canon) into a markdown table. With
// -count N each row keeps the fastest of the N runs: the machine is
// shared, and the best run is the one least disturbed by other work. CPU
// time (user + system, all cores) is shown beside wall time because it
// depends much less on other work.
//
//	go test -run '^$' -bench 'CLI|Startup' -count 3 ./cmd/canon | go run ./scripts/benchtable
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// A row is one benchmark's best run.
type row struct {
	name    string // e.g. CLI/build/10MB
	seconds float64
	cpu     float64 // CPU seconds (user + system) per run
	mbps    float64
	rss     float64 // MiB
	runs    int
}

// line matches a benchmark result: name, iterations, then value-unit pairs.
var line = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func main() {
	rows, err := parse(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(rows) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark results on standard input")
		os.Exit(1)
	}
	fmt.Println()
	fmt.Println("| command | input | wall time | MB/s | CPU time | MB per CPU-s | peak RSS | runs |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		parts := strings.SplitN(r.name, "/", 3)
		cmd, input := r.name, ""
		if len(parts) == 3 {
			cmd, input = parts[1], parts[2]
			if parts[0] == "Startup" {
				cmd += " (one file, start-up included)"
			}
		}
		perCPU := 0.0
		if r.cpu > 0 {
			perCPU = r.mbps * r.seconds / r.cpu
		}
		fmt.Printf("| %s | %s | %s | %.2f | %s | %.2f | %.0f MiB | %d |\n", cmd, input, duration(r.seconds), r.mbps, duration(r.cpu), perCPU, r.rss, r.runs)
	}
}

// parse reads benchmark output, echoing it to echo, and returns the best
// run of each benchmark in order of first appearance.
func parse(r io.Reader, echo io.Writer) ([]*row, error) {
	var rows []*row
	byName := map[string]*row{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		text := sc.Text()
		fmt.Fprintln(echo, text)
		m := line.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		cur := &row{name: m[1], runs: 1}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", text, err)
			}
			switch f[i+1] {
			case "ns/op":
				cur.seconds = v / 1e9
			case "MB/s":
				cur.mbps = v
			case "peak-RSS-MiB":
				cur.rss = v
			case "cpu-s/op":
				cur.cpu = v
			}
		}
		prev := byName[cur.name]
		if prev == nil {
			byName[cur.name] = cur
			rows = append(rows, cur)
			continue
		}
		prev.runs++
		if cur.seconds < prev.seconds {
			prev.seconds, prev.cpu, prev.mbps, prev.rss = cur.seconds, cur.cpu, cur.mbps, cur.rss
		}
	}
	return rows, sc.Err()
}

func duration(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.0f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}
