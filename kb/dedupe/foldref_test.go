package dedupe

// Words and Squeeze as they were when they folded the whole text at once,
// the reference for the line-by-line folding (TestFolding, FuzzFolding).

import (
	"strings"
	"unicode"
)

// wordsRef is Words as it was before folding line by line: it splits folded text into maximal runs of letters and digits.
// Markup, punctuation, symbols and emoji separate words and are dropped.
func wordsRef(s string) []string {
	s = Fold(stripListMarkersRef(s))
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// squeezeRef is Squeeze as it was before folding line by line, the exact-tier form of a text: its letters and digits alone,
// folded. Two texts that differ only in whitespace, markup, punctuation,
// emoji or repairable encoding damage squeeze to the same string, even
// where a scrape lost the spaces around inline code ("fromsetTimeout()").
func squeezeRef(s string) string {
	s = Fold(stripListMarkersRef(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripListMarkersRef drops the markers that open list items ("- ", "* ",
// "1. ", "2) ", "• "): markup, and the numbers of an ordered list would
// otherwise read as words that a copy which lost its list does not have.
func stripListMarkersRef(s string) string {
	if !strings.ContainsAny(s, "-*+•0123456789") {
		return s
	}
	lines := strings.SplitAfter(s, "\n")
	changed := false
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		n := 0
		switch {
		case strings.HasPrefix(t, "•"):
			n = len("•")
		case len(t) > 0 && strings.ContainsRune("-*+", rune(t[0])):
			n = 1
		default:
			for n < len(t) && n < 3 && t[n] >= '0' && t[n] <= '9' {
				n++
			}
			if n == 0 || n >= len(t) || t[n] != '.' && t[n] != ')' {
				continue
			}
			n++
		}
		if n < len(t) && t[n] != ' ' && t[n] != '\t' {
			continue
		}
		lines[i] = t[n:]
		changed = true
	}
	if !changed {
		return s
	}
	return strings.Join(lines, "")
}
