package clean

import (
	"fmt"
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/lazyre"
)

// Bullets split from their items. Some HTML-to-text converters write each
// <li> boundary as a dash on a line of its own, or glue it to the end of
// the item before:
//
//	-
//	Timers Phase
//	Executes callbacks from setTimeout(). -
//	Poll Phase
//	One of the most important phases.-
//	Retrieves new I/O events.
//	-
//	-
//	Check Phase
//
// A dash on its own line marks the next item; " -" at the end of a line
// marks an item starting on the next line; a dash glued to the text (".-",
// ":-") opens a nested list; two dashes in a row close the nested list and
// start the next outer item. The repair puts each dash in front of its
// item ("- Timers Phase"), indents nested items and the lines that
// continue an item, and leaves the text itself alone. The last item of a
// item is its first line, and the line after it when the first does not
// end a sentence (a title, or text cut before inline code); a third line
// ends the list. Nothing else marks where a list ends, and that reading
// matches the converted pages seen.

// A dash marker found on line i.
type dashMark struct {
	line int
	lone bool // a line holding only "-"
	glue bool // glued to text ("phases.-"): opens a nested list
	// start of the marker text (with the space before it) in the line,
	// for trailing markers.
	at int
}

// DashBullets proposes one repair per list whose bullets were split from
// their items.
func DashBullets(s Scan) []Proposal {
	var out []Proposal
	n := len(s.lines)
	for i := 0; i < n; {
		if s.inFence[i] || !startsDashList(s, i) {
			i++
			continue
		}
		p, next := dashList(s, i)
		if len(p.Edits) > 0 {
			out = append(out, p)
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	return out
}

// trailingDash returns where a trailing item marker starts in line i
// ("text -", "text.-", "text:-"), or -1.
func trailingDash(s *scan, i int) (at int, glued bool) {
	t := strings.TrimRight(s.lines[i].Text, " \t")
	if len(t) < 2 || !strings.HasSuffix(t, "-") || strings.HasSuffix(t, "--") || s.trimmed[i] == "-" {
		return -1, false
	}
	prev := t[len(t)-2]
	switch {
	case prev == ' ':
		return len(strings.TrimRight(t[:len(t)-1], " ")), false
	case strings.IndexByte(".:;)?!", prev) >= 0:
		return len(t) - 1, true
	}
	return -1, false
}

// startsDashList reports whether line i opens a dash list: a lone dash
// followed by text, with another marker within the next lines.
func startsDashList(s *scan, i int) bool {
	if s.trimmed[i] != "-" || i+1 >= len(s.lines) || s.trimmed[i+1] == "" || s.trimmed[i+1] == "-" {
		return false
	}
	for j := i + 1; j < len(s.lines) && j <= i+6; j++ {
		if s.trimmed[j] == "-" {
			return true
		}
		if at, _ := trailingDash(s, j); at >= 0 {
			return true
		}
	}
	return false
}

// dashList repairs the list opening at line i and returns the line after
// it.
func dashList(s *scan, i int) (Proposal, int) {
	type item struct {
		first, last int // lines of the item's text
		level       int
	}
	var items []item
	var edits []content.Edit
	level := 0
	j := i
	pendingItem := false // a marker was seen; the next text line starts an item
	nextLevel := 0
	end := i
	for j < len(s.lines) {
		t := s.trimmed[j]
		if s.inFence[j] || t == "" {
			break
		}
		if t == "-" {
			if pendingItem && j > 0 && s.trimmed[j-1] == "-" {
				// Two dashes: close the nested list.
				if nextLevel > 0 {
					nextLevel--
				}
			}
			pendingItem = true
			end = j
			j++
			continue
		}
		if pendingItem {
			level = nextLevel
			items = append(items, item{first: j, last: j, level: level})
			pendingItem = false
		} else if it := &items[len(items)-1]; len(items) > 0 && it.last == it.first && secondLine(s, it.first, j) {
			it.last = j
		} else {
			break
		}
		end = j
		if at, glued := trailingDash(s, j); at >= 0 && j+1 < len(s.lines) && s.trimmed[j+1] != "" {
			pendingItem = true
			if glued {
				nextLevel = level + 1
			}
			// Remove the trailing marker.
			l := s.lines[j]
			edits = append(edits, content.Edit{Span: content.Span{Start: l.Start + at, End: l.End}})
		}
		j++
	}
	if len(items) == 0 {
		return Proposal{}, j
	}
	// The last item: one line, or a title and the line after it.
	last := &items[len(items)-1]
	if last.last > last.first {
		lim := last.first
		if l2 := s.trimmed[last.first+1]; HeadingLike(s.trimmed[last.first]) && !HeadingLike(l2) && CodeScore(l2) != Code && strings.ContainsAny(lastRune(l2), ".:") {
			lim = last.first + 1
		}
		if lim < last.last {
			last.last = lim
			end = lim
		}
	}
	// Delete the lone dashes; put "- " in front of each item and indent
	// continuation lines.
	for k := i; k <= end; k++ {
		if s.trimmed[k] == "-" {
			edits = append(edits, content.Edit{Span: s.lines[k].Full()})
		}
	}
	for _, it := range items {
		pad := strings.Repeat("  ", it.level)
		l := s.lines[it.first]
		edits = append(edits, content.Edit{Span: content.Span{Start: l.Start, End: l.Start + Indent2Bytes(l.Text)}, New: pad + "- "})
		for k := it.first + 1; k <= it.last; k++ {
			if s.trimmed[k] == "-" {
				continue
			}
			c := s.lines[k]
			edits = append(edits, content.Edit{Span: content.Span{Start: c.Start, End: c.Start + Indent2Bytes(c.Text)}, New: pad + "  "})
		}
	}
	content.SortEdits(edits)
	edits = dedupeEdits(edits)
	p := Proposal{
		Span: content.Span{Start: s.lines[i].Start, End: s.lines[end].End},
		Text: s.trimmed[items[0].first],
		Fix:  fmt.Sprintf("put the dashes back in front of their %d items", len(items)),
	}
	p.Edits = edits
	return p, end + 1
}

var labelRE = lazyre.New(`^\p{L}[\p{L} ]{0,20}:\s`)

// secondLine reports whether line j continues the item whose first line
// is i: the first line does not end a sentence, and line j is not a
// heading, a question, a "Label: text" line, or the introduction of a new
// list ("Use cases:" followed by a dash).
func secondLine(s *scan, i, j int) bool {
	l1, l2 := s.trimmed[i], s.trimmed[j]
	if strings.ContainsAny(lastRune(l1), ".;!?") || HeadingLike(l2) || strings.HasSuffix(l2, "?") || labelRE.MatchString(l2) {
		return false
	}
	return !(strings.HasSuffix(l2, ":") && j+1 < len(s.lines) && s.trimmed[j+1] == "-")
}

// Indent2Bytes returns the byte length of s's leading white space.
func Indent2Bytes(s string) int { return len(s) - len(strings.TrimLeft(s, " \t\u00a0")) }

// dedupeEdits drops insertions that coincide with a deletion's start on the
// same line break (a trailing marker removed where the next item's prefix
// goes is fine: they touch different offsets) and exact duplicates.
func dedupeEdits(es []content.Edit) []content.Edit {
	out := es[:0]
	for i, e := range es {
		if i > 0 && e == es[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}
