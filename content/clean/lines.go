package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/content"
)

// A Line is one line of a text, located by byte offsets.
type Line struct {
	// Start and End delimit the line without its line break (and without a
	// carriage return before it).
	Start, End int
	// Next is the offset of the following line (len(text) for the last).
	Next int
	// Text is text[Start:End].
	Text string
}

// Span returns the line's extent without its line break.
func (l Line) Span() content.Span { return content.Span{Start: l.Start, End: l.End} }

// Full returns the line's extent including its line break, the span to
// delete to remove the line.
func (l Line) Full() content.Span { return content.Span{Start: l.Start, End: l.Next} }

// Blank reports whether the line holds only white space.
func (l Line) Blank() bool { return IsBlank(l.Text) }

// Lines splits text into lines. A final line without a line break counts;
// a text ending in a line break has no empty last line.
func Lines(text string) []Line {
	n := strings.Count(text, "\n") + 1
	out := make([]Line, 0, n)
	for off := 0; off < len(text); {
		l := LineAt(text, off)
		out = append(out, l)
		off = l.Next
	}
	return out
}

// LineAt returns the line of text that starts at off (off < len(text)):
// Lines one at a time, for callers that keep lines in their own structs.
func LineAt(text string, off int) Line {
	i := strings.IndexByte(text[off:], '\n')
	end, next := len(text), len(text)
	if i >= 0 {
		end, next = off+i, off+i+1
	}
	e := end
	if e > off && text[e-1] == '\r' {
		e--
	}
	return Line{Start: off, End: e, Next: next, Text: text[off:e]}
}

// IsBlank reports whether s holds only white space (including the
// no-break spaces that HTML conversion leaves on "empty" lines).
func IsBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
	}
	return true
}

// Indent returns the width of s's leading white space, a tab counting 4.
func Indent(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ', '\u00a0':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n
		}
	}
	return n
}

// Trim removes leading and trailing white space, including no-break spaces.
func Trim(s string) string {
	// Most lines start and end with an ASCII character that is not
	// space: nothing to trim, and no rune to decode.
	if n := len(s); n > 0 && s[0] < utf8.RuneSelf && !asciiSpace(s[0]) && s[n-1] < utf8.RuneSelf && !asciiSpace(s[n-1]) {
		return s
	}
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
}

// asciiSpace reports the ASCII bytes unicode.IsSpace accepts.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// IsEmoji reports whether r is a pictograph, dingbat or symbol that
// scraped text uses as decoration (🔹, ✅, ⚙, ❗, 1️⃣'s keycap and the
// variation selectors and joiners that build emoji sequences).
func IsEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF: // pictographs, emoticons, transport, supplemental symbols
		return true
	case r >= 0x2600 && r <= 0x27BF: // miscellaneous symbols, dingbats
		return true
	case r >= 0x2B00 && r <= 0x2BFF: // arrows and stars such as ⬇ ⭐
		return true
	case r >= 0x2300 && r <= 0x23FF: // ⌚ ⏱ ⏳
		return true
	case r == 0x200D, r == 0xFE0F, r == 0xFE0E, r == 0x20E3: // ZWJ, variation selectors, keycap
		return true
	}
	return false
}

// StripEmoji removes leading emoji (and the white space after them), as
// well as a leading keycap digit ("1️⃣").
func StripEmoji(s string) string {
	t := strings.TrimLeft(s, " \t")
	for t != "" {
		r, n := utf8.DecodeRuneInString(t)
		switch {
		case IsEmoji(r):
			t = t[n:]
		case r >= '0' && r <= '9' && len(t) > n && strings.HasPrefix(t[n:], "\ufe0f\u20e3"):
			t = t[n:]
		case r == ' ' || r == '\t':
			t = t[n:]
		default:
			return t
		}
	}
	return t
}

// EmojiLed reports whether s starts with an emoji.
func EmojiLed(s string) bool {
	t := strings.TrimLeft(s, " \t")
	return t != "" && StripEmoji(t) != t
}

// StripBold removes markdown strong emphasis wrapping the whole of s
// ("**Title**", "__Title__") and trims it.
func StripBold(s string) string {
	t := Trim(s)
	for _, m := range []string{"**", "__"} {
		if strings.HasPrefix(t, m) {
			t = strings.TrimPrefix(t, m)
			t = strings.TrimSuffix(Trim(t), m)
			t = Trim(t)
		}
	}
	return t
}

// Words splits s into words at white space.
func Words(s string) []string { return strings.Fields(s) }

// FieldCount returns len(strings.Fields(s)) without building the slice:
// callers that only count words run on every line.
func FieldCount(s string) int { return FieldCountUpTo(s, len(s)+1) }

// FieldCountUpTo returns min(FieldCount(s), limit), reading s only until
// it has counted limit words: the callers that compare a line's word
// count with a bound stop early on long lines.
func FieldCountUpTo(s string, limit int) int {
	n := 0
	in := false
	for i := 0; i < len(s) && n < limit; {
		c := s[i]
		space := false
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
