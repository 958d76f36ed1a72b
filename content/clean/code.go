package clean

import "strings"

// Finding where unfenced code begins and ends. A code block in scraped
// text is a run of code lines (CodeScore), lines of text art, and lines
// inside brackets those lines open; single blank lines may separate its
// parts. It ends at a line of prose at the block's indentation, at two
// blank lines, or at a line that starts a list item or an emoji heading
// (chat assistants put their headings right after code).

// BracketDelta counts the brackets a line opens minus those it closes,
// outside string literals and after a // comment.
func BracketDelta(s string) int {
	d := 0
	var quote rune
	prev := rune(0)
	for _, c := range s {
		if quote != 0 {
			if c == quote && prev != '\\' {
				quote = 0
			}
			prev = c
			continue
		}
		switch c {
		case '"', '\'', '`':
			quote = c
		case '(', '[', '{':
			d++
		case ')', ']', '}':
			d--
		case '/':
			if prev == '/' {
				return d
			}
		}
		prev = c
	}
	return d
}

// codeLike reports whether a line can belong to a code block.
func codeLike(s string) bool {
	return CodeScore(s) != NotCode || IsDiagram(s)
}

// endsCode reports whether a line ends a code block that is not inside
// open brackets: prose, a list item, an emoji-led heading.
func endsCode(s string) bool {
	t := Trim(s)
	if EmojiLed(t) {
		return true
	}
	if it, ok := ParseListItem(s); ok && !codeLike(it.Text) {
		return true
	}
	return CodeScore(t) == NotCode && !IsDiagram(t)
}

// CodeBlockEnd returns the end (exclusive) of the code block that starts
// at lines[i], or i when lines[i] does not start one. The block needs a
// line that is code on its own (or text art); indented lines after the
// first count as code when they are not prose.
func CodeBlockEnd(lines []string, i int) int {
	if i >= len(lines) || IsBlank(lines[i]) || !codeLike(lines[i]) {
		return i
	}
	base := Indent(lines[i])
	depth := 0
	strong := false
	j := i
	for j < len(lines) {
		l := lines[j]
		if IsBlank(l) {
			if j+1 < len(lines) && !IsBlank(lines[j+1]) && (depth > 0 || codeLike(lines[j+1])) {
				j++
				continue
			}
			break
		}
		if _, ok := IsFence(l); ok {
			break
		}
		if depth <= 0 && j > i && endsCode(l) && !(Indent(l) > base && !IsProse(l)) {
			break
		}
		if CodeScore(l) == Code || IsDiagram(l) {
			strong = true
		}
		depth += BracketDelta(l)
		j++
	}
	for j > i && IsBlank(lines[j-1]) {
		j--
	}
	if !strong {
		return i
	}
	return j
}

// CodeBlockStart returns the first line of the code block that ends just
// before lines[end] (a widget such as DEV's "Enter fullscreen mode" that
// follows code). It walks up over code lines, lines inside brackets and
// single blank lines; when no line above reads as code it takes the
// paragraph above (the widget proves it was a code block), stopping at a
// line indented less than the block's last line. It returns end when there
// is nothing above.
func CodeBlockStart(lines []string, end int) int {
	k := end - 1
	for k >= 0 && IsBlank(lines[k]) {
		k--
	}
	if k < 0 {
		return end
	}
	if _, ok := IsFence(lines[k]); ok {
		return end // already fenced
	}
	start := k + 1
	depth := 0
	for j := k; j >= 0; j-- {
		l := lines[j]
		if IsBlank(l) {
			if j > 0 && !IsBlank(lines[j-1]) && (depth < 0 || codeLike(lines[j-1]) && !introLine(lines[j-1])) {
				continue
			}
			break
		}
		if _, ok := IsFence(l); ok {
			break
		}
		d := BracketDelta(l)
		if depth >= 0 && !codeLike(l) && (IsProse(l) || startsProse(l)) {
			break
		}
		// "Run:" right above code introduces it; "services:" above deeper
		// lines is a YAML key.
		if depth >= 0 && j < k && introLine(l) && Indent(lines[j+1]) <= Indent(l) {
			break
		}
		depth += d
		start = j
	}
	if start <= k {
		return start
	}
	// No code-like line: the paragraph above, as deep as its last line.
	ind := Indent(lines[k])
	start = k
	for j := k - 1; j >= 0 && !IsBlank(lines[j]) && Indent(lines[j]) >= ind; j-- {
		if _, ok := IsFence(lines[j]); ok {
			break
		}
		start = j
	}
	return start
}

// introLine reports a line that introduces what follows ("Run:",
// "Output:"): it ends with a colon and is not code on its own.
func introLine(s string) bool {
	t := Trim(s)
	return strings.HasSuffix(t, ":") && CodeScore(t) != Code
}

// startsProse reports lines that a code block cannot contain: list items
// of prose, emoji headings, title-like lines.
func startsProse(s string) bool {
	if EmojiLed(s) {
		return true
	}
	if it, ok := ParseListItem(s); ok {
		return !codeLike(it.Text)
	}
	t := Trim(s)
	return HeadingLike(t) && !strings.ContainsAny(t, "(){}[];=<>$#")
}
