package segment

import (
	"strings"
	"unicode"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/internal/lazyre"
)

// A table of contents, as PDF-to-markdown converters leave it: a
// "Table of Contents" heading, then entries as dead links ("- [Load
// Balancing](#) - 4 problems"), "Name - 3 problems" lines or dot leaders.
type toc []string // normalised entry names, in order

var (
	tocHeadRE  = lazyre.New(`^(?i:table of contents|contents)\s*:?$`)
	tocLinkRE  = lazyre.New(`^(?:[-*•]\s+|\d{1,3}[.)]\s+)?\[((?:[^\]\\]|\\.)+)\]\([^)]*\)`)
	tocCountRE = lazyre.New(`^(?:[-*•]\s+|\d{1,3}[.)]\s+)?(.+?)\s+[-–—]\s+\d+\s+(?i:problems?|questions?)\s*$`)
	tocDotsRE  = lazyre.New(`^(?:[-*•]\s+|\d{1,3}[.)]\s+)?(.+?)\s*\.{3,}\s*\d+\s*$`)
)

// hasTOCHeading reports whether a line of text is a contents heading
// ("Table of Contents", "CONTENTS:", spaces and tabs around): the cheap
// test before a full analysis. It is the regexp
// (?im)^[ \t]*(?:table of contents|contents)[ \t]*:?[ \t]*$ written out,
// since it reads every byte of every document.
func hasTOCHeading(text string) bool {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if len(line) < len("contents") {
			continue
		}
		t := strings.TrimRight(strings.TrimLeft(line, " \t"), " \t")
		if strings.HasSuffix(t, ":") {
			t = strings.TrimRight(t[:len(t)-1], " \t")
		}
		if strings.EqualFold(t, "contents") || strings.EqualFold(t, "table of contents") {
			return true
		}
	}
	return false
}

// tocEntry parses one entry line of a table of contents.
func tocEntry(s string) (string, bool) {
	t := clean.Trim(s)
	for _, re := range []*lazyre.Regexp{tocLinkRE, tocCountRE, tocDotsRE} {
		if m := re.FindStringSubmatch(t); m != nil {
			return m[1], true
		}
	}
	return "", false
}

// parseTOC finds the table of contents of a document: the first contents
// heading followed by at least three entries.
func parseTOC(lines []line) toc {
	for i := range lines {
		if lines[i].fence || !tocHeadRE.MatchString(clean.Trim(lines[i].Text)) {
			continue
		}
		var out toc
		for j := i + 1; j < len(lines); j++ {
			if lines[j].blank {
				continue
			}
			name, ok := tocEntry(lines[j].Text)
			if !ok {
				break
			}
			out = append(out, normName(name))
		}
		if len(out) >= 3 {
			return out
		}
	}
	return nil
}

// normName reduces a heading to letters and digits in lower case, with
// markdown escapes removed, so "Distributed Caching \(Redis\)" and
// "Topic 23: Distributed Caching (Redis)" compare equal.
func normName(s string) string {
	s = strings.ReplaceAll(s, `\`, "")
	if m := topicNameRE.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// find returns the index of the entry that heading name names, preferring
// the first after cur; -1 when none does. An entry matches when the names
// are equal or one is the other with a parenthesised qualifier added
// ("Caching Strategies" and "Caching Strategies (Cache Invalidation)").
func (t toc) find(name string, cur int) int {
	n := normName(name)
	if n == "" {
		return -1
	}
	bare := normName(stripParens(name))
	match := func(e string) bool {
		return e == n || e == bare || strings.HasPrefix(n, e) && len(e) >= 6 && bare == e
	}
	for i := cur + 1; i < len(t); i++ {
		if match(t[i]) {
			return i
		}
	}
	for i := 0; i <= cur && i < len(t); i++ {
		if match(t[i]) {
			return i
		}
	}
	return -1
}

func stripParens(s string) string {
	if i := strings.Index(s, "("); i > 0 {
		return s[:i]
	}
	return s
}
