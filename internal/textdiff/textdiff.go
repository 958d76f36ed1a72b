// Package textdiff renders unified diffs ("diff -u") between two texts.
package textdiff

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// context is the number of unchanged lines shown around a change.
const context = 3

type line struct {
	op   diffmatchpatch.Operation
	text string // without its newline
}

// Unified returns a unified diff from a to b with the given file labels,
// or "" when they are equal. A final line without a newline is marked as
// diff does.
func Unified(fromLabel, toLabel, a, b string) string {
	if a == b {
		return ""
	}
	dmp := diffmatchpatch.New()
	ca, cb, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)
	var all []line
	for _, d := range diffs {
		text := d.Text
		for text != "" {
			i := strings.IndexByte(text, '\n')
			var l string
			if i < 0 {
				l, text = text, ""
				l += "\n\\ No newline at end of file"
			} else {
				l, text = text[:i], text[i+1:]
			}
			all = append(all, line{d.Type, l})
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", fromLabel, toLabel)
	// Walk the lines, grouping changes within 2*context of each other.
	aLine, bLine := 1, 1
	for i := 0; i < len(all); {
		if all[i].op == diffmatchpatch.DiffEqual {
			i++
			aLine++
			bLine++
			continue
		}
		start := i - context
		if start < 0 {
			start = 0
		}
		end := i
		for end < len(all) {
			if all[end].op != diffmatchpatch.DiffEqual {
				end++
				continue
			}
			run := end
			for run < len(all) && all[run].op == diffmatchpatch.DiffEqual {
				run++
			}
			if run == len(all) || run-end > 2*context {
				end += min(context, run-end)
				break
			}
			end = run
		}
		as, bs := aLine-(i-start), bLine-(i-start)
		var na, nb int
		var body strings.Builder
		for _, l := range all[start:end] {
			switch l.op {
			case diffmatchpatch.DiffEqual:
				body.WriteString(" " + l.text + "\n")
				na++
				nb++
			case diffmatchpatch.DiffDelete:
				body.WriteString("-" + l.text + "\n")
				na++
			case diffmatchpatch.DiffInsert:
				body.WriteString("+" + l.text + "\n")
				nb++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n%s", hunkRange(as, na), hunkRange(bs, nb), body.String())
		aLine = as + na
		bLine = bs + nb
		i = end
	}
	return out.String()
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
