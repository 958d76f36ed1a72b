package clean

import (
	"regexp"
	"strings"
)

// Tables that lost their markup arrive in three shapes: cells separated by
// tabs (copied from a rendered page), cells padded with runs of spaces
// (plain-text exports), and cells run together with nothing between them
// (text extraction of an HTML table). The first two keep the column
// boundaries and can be rebuilt; the third keeps them only where a cell
// ends in lower case and the next starts in upper case, which is not
// enough to be certain, so it is only detected.

var (
	cellSepRE = regexp.MustCompile(`\t[ \t]*| {2,}`)
	tabSepRE  = regexp.MustCompile(`\t[ \t]*`)
)

// TabCells splits a row whose cells are separated by tabs (and the spaces
// padding them). It returns nil when the row has no tab.
func TabCells(s string) []string {
	if !strings.Contains(s, "\t") {
		return nil
	}
	return splitCells(s, tabSepRE)
}

// SpacedCells splits a row whose cells are separated by tabs or by runs of
// two or more spaces.
func SpacedCells(s string) []string { return splitCells(s, cellSepRE) }

func splitCells(s string, sep *regexp.Regexp) []string {
	t := Trim(s)
	if t == "" {
		return nil
	}
	parts := sep.Split(t, -1)
	out := parts[:0]
	for _, p := range parts {
		if p = Trim(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// A TextTable is a table recovered from text.
type TextTable struct {
	Rows [][]string // the first row is the header
	// Lines is the number of input lines the table covers.
	Lines int
}

// ParseTabTable reads a table of tab-separated rows from the start of
// lines: at least two rows of the same number (two or more) of cells.
// A line without a tab that is indented deeper than the rows continues the
// last cell of the row above (a wrapped cell). It stops at a blank line or
// at the first row that does not fit.
func ParseTabTable(lines []string) (TextTable, bool) {
	var t TextTable
	cols := 0
	rowIndent := -1
	for i, l := range lines {
		if IsBlank(l) {
			break
		}
		cells := TabCells(l)
		if cells == nil {
			// A wrapped cell continues the row above.
			if len(t.Rows) > 0 && rowIndent >= 0 && Indent(l) > rowIndent+8 {
				last := t.Rows[len(t.Rows)-1]
				last[len(last)-1] += " " + Trim(l)
				t.Lines = i + 1
				continue
			}
			break
		}
		if cols == 0 {
			if len(cells) < 2 {
				return TextTable{}, false
			}
			cols = len(cells)
			rowIndent = Indent(l)
		}
		if len(cells) != cols {
			break
		}
		t.Rows = append(t.Rows, cells)
		t.Lines = i + 1
	}
	if len(t.Rows) < 2 {
		return TextTable{}, false
	}
	return t, true
}

// Markdown renders the table as a GitHub-flavoured pipe table.
func (t TextTable) Markdown() string {
	var b strings.Builder
	for i, row := range t.Rows {
		b.WriteString("|")
		for _, c := range row {
			b.WriteString(" ")
			b.WriteString(strings.ReplaceAll(c, "|", `\|`))
			b.WriteString(" |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|")
			for range row {
				b.WriteString(" --- |")
			}
			b.WriteString("\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
