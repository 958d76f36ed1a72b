package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/internal/lazyre"
)

// lineKind classifies a physical line by its layout.
type lineKind uint8

const (
	lineBlank  lineKind = iota
	lineMarker          // a list marker alone ("-"): the next line starts an item
	lineText
	lineItem  // starts a list item (bullet or number)
	lineRow   // a table row (tab- or pipe-separated cells)
	lineSep   // a markdown table separator row
	lineFence // a code fence line
	lineCode  // inside a code fence
)

// A line is one physical line of the document with its content bounds
// (list markers and trailing "-" markers removed).
type line struct {
	start, end   int // the line without its line ending
	cstart, cend int // the content
	kind         lineKind
	numbered     bool // the item marker is a number ("2.", "3)", "1 Title")
	title        bool // a problem title: the question a section answers
	heading      bool // a short unpunctuated line naming what follows
	question     bool
	answerLead   bool // the line starts with "Answer:", "ans :" or "Solution:"
	// trailingMarker is set when the line ends in a list marker ("…
	// functionality. -"): the next line starts an item.
	trailingMarker bool
	cells          []span // table cells (content bounds) for rows
}

type span struct{ start, end int }

var (
	// Problem titles: "Problem 4: …", "Q.3) …", "Question: …",
	// "INTERVIEWER: …", "Topic 2 …", and markdown headings.
	titleRE = lazyre.New(`^(?:(?:Problem|Topic|Question)\s*\d+\s*[:.)-]|Q\.?\s*\d+\s*[).:]|(?i:question|interviewer)\s*:)`)
	// bareNumberRE is the "1 Redis Clustering" style: a small number, a
	// space and a capital, so "500 means …" is not a list number.
	bareNumberRE  = lazyre.New(`^(\d{1,2}\s+)\p{Lu}`)
	answerLeadRE  = lazyre.New(`^(?i:ans(?:wer)?|a|solution)\s*:\s*`)
	markdownHdrRE = lazyre.New(`^#{1,6}\s+`)
	// plainDirectiveRE is a canon suppression directive in its plain-text
	// form (lint/suppress.go), bare or after "#" or "//".
	plainDirectiveRE = lazyre.New(`^(?:#+|//)?\s*canon-(?:disable-next-line|disable|enable)\b`)
	tableSepRE       = lazyre.New(`^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$`)
)

// splitLines classifies every line of text.
func splitLines(text string) []line {
	lines := make([]line, 0, strings.Count(text, "\n")+1)
	fence := false
	for off := 0; off <= len(text); {
		nl := strings.IndexByte(text[off:], '\n')
		end, next := len(text), len(text)+1
		if nl >= 0 {
			end, next = off+nl, off+nl+1
		}
		e := end
		if e > off && text[e-1] == '\r' {
			e--
		}
		// Filled in place (the array is zeroed and sized for every line):
		// appending a built line would be a typed copy with write barriers.
		lines = lines[:len(lines)+1]
		l := &lines[len(lines)-1]
		l.start, l.end = off, e
		trimmed := strings.TrimSpace(text[off:e])
		switch {
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			l.kind = lineFence
			fence = !fence
		case fence:
			l.kind, l.cstart, l.cend = lineCode, off, e
		default:
			classify(text, l)
		}
		if nl < 0 {
			break
		}
		off = next
	}
	for i := range lines {
		l := &lines[i]
		switch {
		case l.kind == lineText && i > 0 && (lines[i-1].kind == lineMarker || lines[i-1].trailingMarker) && !l.title:
			// Lists whose "-" markers sit on a line of their own or at the
			// end of the previous item: the line below starts an item.
			l.kind = lineItem
		case l.numbered && !l.title && i+1 < len(lines) && lines[i+1].answerLead:
			// "1. Explain X." followed by "Answer:" is a problem title.
			l.title, l.kind = true, lineText
		}
	}
	markHeadings(text, lines)
	return lines
}

// classify sets a line's kind and content bounds.
func classify(text string, l *line) {
	s, e := l.start, l.end
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	for e > s && isSpaceByte(text[e-1]) {
		e--
	}
	if s == e {
		l.kind = lineBlank
		return
	}
	content := text[s:e]
	// Each regexp below needs a literal or a first byte that most lines
	// lack; testing it first spares them the regexp.
	if strings.HasPrefix(content, "<!--") && strings.HasSuffix(content, "-->") || strings.Contains(content, "canon-") && plainDirectiveRE.MatchString(content) {
		// An HTML comment (a canon directive, an editor's note) is not
		// prose, nor is the plain-text form of a directive.
		l.kind = lineBlank
		return
	}
	if strings.Contains(content, "--") && tableSepRE.MatchString(content) {
		l.kind = lineSep
		return
	}
	if cells := splitCells(text, s, e); len(cells) >= 2 {
		l.kind, l.cells, l.cstart, l.cend = lineRow, cells, s, e
		return
	}
	if t := skipDecoration(content); t != "" && strings.IndexByte("PTQqIi", t[0]) >= 0 && titleRE.MatchString(t) {
		l.title = true
	}
	if m := findAt(markdownHdrRE, content, "#"); m != nil {
		// Markdown headings: a question is a problem title, anything
		// else a heading.
		s += m[1]
		l.title = strings.HasSuffix(content, "?")
		l.heading = !l.title
	}
	item := false
	// Markers: bullets, pictographs, "ans :", numbers; in any order, as
	// scraped pages stack them ("- 👉 text", "ans : 1) text").
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		switch {
		case (r == '-' || r == '*' || r == '+') && (s+1 == e || isSpaceByte(text[s+1])):
			item = true
			s++
		case isBullet(r) || r == '👉':
			item = true
			s += size
		case isPictograph(r) && !isCross(r):
			s += size
		case isSpaceByte(byte(r)) && r < utf8.RuneSelf:
			s++
		default:
			// "ſ" (0xc5 0xbf) folds to "s".
			if m := answerLead(text[s:e]); m != nil && m[1] > 0 {
				s += m[1]
				l.answerLead = true
				continue
			}
			if !l.title && !l.numbered {
				if n := numberPrefix(text[s:e]); n >= 0 && s+n < e && startsWord(text[s+n:e]) {
					l.numbered = true
					s += n
					continue
				}
				if text[s] >= '0' && text[s] <= '9' {
					if m := bareNumberRE.FindStringSubmatchIndex(text[s:e]); m != nil {
						l.numbered = true
						s += m[3]
						continue
					}
				}
			}
			goto done
		}
	}
done:
	// A trailing "-" closes a list item in some scrapes ("…expired. -").
	for e > s && (text[e-1] == '-' && (e-1 == s || !isWordByte(text[e-2]) || text[e-2] == ')')) {
		e--
		l.trailingMarker = true
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
	}
	l.cstart, l.cend = s, e
	switch {
	case s == e && item:
		l.kind = lineMarker
	case s == e:
		l.kind = lineBlank
	case item || l.numbered && !l.title:
		l.kind = lineItem
	default:
		l.kind = lineText
	}
	l.question = strings.HasSuffix(text[s:e], "?")
	if l.question && (l.numbered || !item && fieldCount(text[s:e]) <= 20) {
		// A question on a line of its own is the question a section
		// answers: "8. How does clustering work?", "What is cors ?".
		l.title, l.kind = true, lineText
	}
}

// findAt is re.FindStringIndex(t) for a regexp anchored at the start
// whose match begins with one of the bytes first: nil, without running
// the regexp, when t starts with another.
// answerLead matches answerLeadRE at the start of t; "ſ" (0xc5 0xbf)
// folds to "s", and the regexp needs a colon, which most lines lack.
func answerLead(t string) []int {
	if strings.IndexByte(t, ':') < 0 {
		return nil
	}
	return findAt(answerLeadRE, t, "aAsS\xc5")
}

func findAt(re *lazyre.Regexp, t, first string) []int {
	if t == "" || strings.IndexByte(first, t[0]) < 0 {
		return nil
	}
	return re.FindStringIndex(t)
}

// numberPrefix returns the length of a leading list number ("1.", "2)",
// "(3)", "a)", with the white space after it), or -1: the regexp
// ^\(?(?:\d{1,3}|[a-zA-Z])[.)]\s* (the tests' reference) written out, as
// nearly every line is tried.
func numberPrefix(t string) int {
	i := 0
	if i < len(t) && t[i] == '(' {
		i++
	}
	j := i
	for j < len(t) && j-i < 3 && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if j == i {
		if j < len(t) && (t[j]|0x20 >= 'a' && t[j]|0x20 <= 'z') {
			j++
		} else {
			return -1
		}
	}
	if j >= len(t) || t[j] != '.' && t[j] != ')' {
		return -1
	}
	j++
	for j < len(t) && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\f' || t[j] == '\r') {
		j++
	}
	return j
}

// skipDecoration drops leading pictographs and spaces ("💡 Problem 59: …").
func skipDecoration(s string) string {
	for i, r := range s {
		if !isPictograph(r) && r != ' ' {
			return s[i:]
		}
	}
	return ""
}

// startsWord reports whether s starts with a letter, digit or quote, so a
// number followed by text is a list number and "3.5 GB" is not.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || r == '"' || r == '\'' || r == '`' || r == '(' || r >= 0x2000
}

// splitCells splits a table row: tab-separated (a paste of a table) or
// pipe-separated (markdown). Fewer than two cells is not a row.
func splitCells(text string, s, e int) []span {
	row := text[s:e]
	sep := byte(0)
	switch {
	case strings.Count(row, "\t") >= 1:
		sep = '\t'
	case strings.HasPrefix(row, "|") && strings.Count(row, "|") >= 3 || strings.Count(row, " | ") >= 2:
		sep = '|'
	default:
		return nil
	}
	var cells []span
	add := func(a, b int) {
		for a < b && isSpaceByte(text[a]) {
			a++
		}
		for b > a && isSpaceByte(text[b-1]) {
			b--
		}
		cells = append(cells, span{a, b})
	}
	a := s
	for i := s; i < e; i++ {
		if text[i] == sep {
			add(a, i)
			a = i + 1
		}
	}
	add(a, e)
	if sep == '|' {
		// Outer pipes leave empty first and last cells.
		if len(cells) > 0 && cells[0].start == cells[0].end {
			cells = cells[1:]
		}
		if len(cells) > 0 && cells[len(cells)-1].start == cells[len(cells)-1].end {
			cells = cells[:len(cells)-1]
		}
	}
	n := 0
	for _, c := range cells {
		if c.end > c.start {
			n++
		}
	}
	if n < 2 {
		return nil
	}
	return cells
}

// markHeadings finds headings: short lines without final punctuation that
// name what follows them ("1 HTTP/1.1 Limitations", "MongoDB (in Replica
// Sets)", "🟩 2. PATCH – Partial Update"). A numbered line is a heading
// only when its neighbours are not numbered too (then it is a list item),
// and an unnumbered one only when text follows it directly, so tag lines
// between blank lines ("Redis Sentinel Redis Cluster") stay text.
func markHeadings(text string, lines []line) {
	for i := range lines {
		l := &lines[i]
		if l.title || l.heading {
			l.heading = true
			continue
		}
		if l.kind != lineText && l.kind != lineItem || !shortUnpunctuated(text[l.cstart:l.cend]) {
			continue
		}
		next := nextNonBlank(lines, i+1)
		if l.numbered {
			prev := prevNonBlank(lines, i-1)
			if (prev < 0 || !lines[prev].numbered) && (next < 0 || !lines[next].numbered) && startsUpper(text[l.cstart:l.cend]) {
				l.heading, l.kind = true, lineText
			}
			continue
		}
		if i+1 < len(lines) && startsUpper(text[l.cstart:l.cend]) && !l.trailingMarker {
			// A list item names what follows only when a sentence follows
			// it ("Timers Phase" above its description); otherwise it is
			// one item of a list ("Prioritizes Availability" between
			// markers, or before "You can tune it using:").
			n := lines[i+1]
			nextText := n.kind == lineText && startsUpper(text[n.cstart:n.cend])
			nextSentence := nextText && !strings.HasSuffix(text[n.cstart:n.cend], ":")
			if l.kind == lineItem && nextSentence || l.kind == lineText && (n.kind == lineMarker || n.kind == lineItem || n.kind == lineRow || nextText) {
				l.heading = true
			}
			// A line standing alone above a bulleted list, across a blank
			// line, names the list ("MongoDB (in Replica Sets)").
			if l.kind == lineText && n.kind == lineBlank && (i == 0 || lines[i-1].kind == lineBlank) {
				if j := nextNonBlank(lines, i+1); j >= 0 && lines[j].kind == lineItem && !lines[j].numbered {
					l.heading = true
				}
			}
		}
	}
}

func nextNonBlank(lines []line, i int) int {
	for ; i < len(lines); i++ {
		if lines[i].kind != lineBlank {
			return i
		}
	}
	return -1
}

func prevNonBlank(lines []line, i int) int {
	for ; i >= 0; i-- {
		if lines[i].kind != lineBlank {
			return i
		}
	}
	return -1
}

// shortUnpunctuated: at most ten words, not ending like a sentence or a
// lead-in.
func shortUnpunctuated(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 90 || fieldCount(s) > 10 {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', ':', ';', ',', '-', '(':
		return false
	}
	return true
}

func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
		if !isPictograph(r) && !isBullet(r) && r != '"' && r != '\'' && r != '(' && r != ' ' {
			return false
		}
	}
	return false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// fieldCount is len(strings.Fields(s)) without the slice.
func fieldCount(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}
