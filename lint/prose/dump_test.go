package prose

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

var dumpFile = flag.String("dump", "", "print the units of this file")

// TestDump prints the analysis of -dump FILE; a debugging aid.
func TestDump(t *testing.T) {
	if *dumpFile == "" {
		t.Skip("no -dump file")
	}
	data, err := os.ReadFile(*dumpFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	d := Analyze(text)
	for i, u := range d.Units {
		s, _ := d.Source(Span{u.Start, u.End})
		line := 1
		for _, c := range text[:s] {
			if c == '\n' {
				line++
			}
		}
		fmt.Printf("%d:%d %s [t%d h%d l%d] %q\n", line, i, u.Kind, u.Title, u.Heading, u.LeadIn, d.UnitText(i))
		for _, se := range d.Sentences(i) {
			if len(se.Clauses) > 1 || se.Question || se.Reported {
				fmt.Printf("    q=%v r=%v", se.Question, se.Reported)
				for _, c := range se.Clauses {
					fmt.Printf(" «%s»", d.Text[c.Start:c.End])
				}
				fmt.Println()
			}
		}
	}
}
