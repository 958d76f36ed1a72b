package content

import (
	"sort"
	"unicode/utf8"
)

// A Source is one input file: the bytes as read and their decoding.
//
// Text has the same lines as Raw: decoding changes the byte encoding of
// characters, never their order, so line N of Text is line N of Raw.
type Source struct {
	// Path is the path as given on the command line ("-" input uses "<stdin>").
	Path string
	// Raw holds the bytes as read from disk.
	Raw []byte
	// Text is Raw decoded to UTF-8, without a byte-order mark.
	Text string
	// Encoding names the decoding that produced Text ("utf-8", "utf-16le",
	// "windows-1252", ...).
	Encoding string
	// BOM records whether Raw started with a byte-order mark.
	BOM bool

	lines []int // byte offset in Text of the start of each line
}

// NewSource makes a Source from already decoded text.
func NewSource(path string, raw []byte, text, encoding string, bom bool) *Source {
	s := &Source{Path: path, Raw: raw, Text: text, Encoding: encoding, BOM: bom}
	s.lines = lineStarts(text)
	return s
}

func lineStarts(text string) []int {
	n := 1
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			n++
		}
	}
	starts := make([]int, 1, n)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// A Position is a place in a Source. Line and Col are 1-based; Col counts
// Unicode code points from the start of the line, as SARIF's
// "unicodeCodePoints" column kind and most editors do.
type Position struct {
	Offset int `json:"-"`
	Line   int `json:"line"`
	Col    int `json:"column"`
}

// Position converts a byte offset in Text to a line and column. Offsets
// out of range are clamped; an offset inside a multi-byte character counts
// that character as started.
func (s *Source) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	start := s.lines[i]
	return Position{Offset: off, Line: i + 1, Col: utf8.RuneCountInString(s.Text[start:off]) + 1}
}

// LineCount is the number of lines in Text (a final line without a newline
// counts; an empty text has one empty line).
func (s *Source) LineCount() int { return len(s.lines) }

// LineStart returns the byte offset of the start of 1-based line n.
func (s *Source) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return len(s.Text)
	}
	return s.lines[n-1]
}

// Line returns the text of 1-based line n without its line ending.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start := s.lines[n-1]
	end := len(s.Text)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	if end > start && s.Text[end-1] == '\r' {
		end--
	}
	return s.Text[start:end]
}
