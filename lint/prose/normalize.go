package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A builder accumulates normalised text with, for every output byte, the
// span of document text it came from. Rules match on the normalised text;
// the maps turn a match back into document offsets, so nothing is ever
// searched for again in the original (Vale's location drift).
type builder struct {
	buf  []byte
	offs offsets // the document span each byte of buf came from
	// ref, in tests, holds the maps as per-byte arrays, written where
	// offs is written: the reference offs must agree with.
	ref *byteMaps
	// unitStart is where the current unit began in buf; leading spaces of
	// a unit are dropped.
	unitStart int
	scratch   []byte
}

// byteMaps are the source maps as first written: for every output byte,
// the document offsets where its source starts and ends.
type byteMaps struct{ src, srcEnd []int32 }

// keepByteMaps makes builders keep byteMaps too (tests only).
var keepByteMaps = false

func (b *builder) emitByte(c byte, start, end int) {
	b.buf = append(b.buf, c)
	b.offs.add(len(b.buf)-1, start, end)
	if b.ref != nil {
		b.ref.src = append(b.ref.src, int32(start))
		b.ref.srcEnd = append(b.ref.srcEnd, int32(end))
	}
}

// plainByte marks the ASCII bytes write only lower-cases, each its own
// source: not white space, not a control, not a byte the switch in write
// rewrites or drops in some context (\ $ } ` * ' -).
var plainByte = func() (t [256]bool) {
	for c := 0x21; c < 0x7f; c++ {
		t[c] = true
	}
	for _, c := range "\\$}`*'-" {
		t[c] = false
	}
	return t
}()

// emitPlain emits text[i:k], plain bytes and single spaces, lower-cased,
// each from its own byte: emitByte(lower(text[p]), p, p+1) for every p,
// without a call and three appends per byte.
func (b *builder) emitPlain(text string, i, k int) {
	n := len(b.buf)
	b.buf = append(b.buf, text[i:k]...)
	buf := b.buf[n:]
	for x := range buf {
		if c := buf[x]; 'A' <= c && c <= 'Z' {
			buf[x] = c + 'a' - 'A'
		}
	}
	b.offs.addRun(n, i)
	if b.ref != nil {
		for p := i; p < k; p++ {
			b.ref.src = append(b.ref.src, int32(p))
			b.ref.srcEnd = append(b.ref.srcEnd, int32(p+1))
		}
	}
}

// srcAt returns where the source of output byte k starts.
func (b *builder) srcAt(k int) int {
	s, _ := b.offs.at(k)
	return int(s)
}

func (b *builder) emit(s string, start, end int) {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			b.space(start, end)
			continue
		}
		b.emitByte(s[i], start, end)
	}
}

// space emits one space unless the output already ends in one or the unit
// is empty: whitespace is collapsed as it is written.
func (b *builder) space(start, end int) {
	if len(b.buf) == b.unitStart || b.buf[len(b.buf)-1] == ' ' {
		return
	}
	b.emitByte(' ', start, end)
}

// trimSpace drops a trailing space of the current unit.
func (b *builder) trimSpace() {
	for len(b.buf) > b.unitStart && b.buf[len(b.buf)-1] == ' ' {
		b.truncate(len(b.buf) - 1)
	}
}

func (b *builder) truncate(n int) {
	b.buf = b.buf[:n]
	b.offs.truncate(n)
	if b.ref != nil {
		b.ref.src, b.ref.srcEnd = b.ref.src[:n], b.ref.srcEnd[:n]
	}
}

// endsWith reports whether the current unit's output ends with s.
func (b *builder) endsWith(s string) bool {
	return len(b.buf)-b.unitStart >= len(s) && string(b.buf[len(b.buf)-len(s):]) == s
}

// Rune classes the normaliser rewrites. Quotes become ASCII, dashes and
// arrows become spaced ASCII tokens so clause splitting and patterns see
// one spelling, pictographs go (they decorate, they do not assert), and a
// cross mark becomes "no": "❌ PATCH is idempotent" shows a wrong claim.
func isDash(r rune) bool {
	switch r {
	case '–', '—', '―', '‒', '−', '⸺', '⸻':
		return true
	}
	return false
}

func isArrow(r rune) bool {
	switch r {
	case '→', '⇒', '⟶', '⟹', '➜', '➔', '➙', '➛', '➝', '➞', '➟', '➠', '➡', '⮕', '↦', '⇨', '↪':
		return true
	}
	return false
}

func isBullet(r rune) bool {
	switch r {
	case '•', '◦', '▪', '▫', '‣', '⁃', '·', '●', '○', '■', '□', '►', '▶', '▸', '▹', '➤', '➢', '✓', '✔', '☐', '☑', '✅', '✳', '✴', '★', '☆', '◆', '◇', '❖':
		return true
	}
	return false
}

func isCross(r rune) bool {
	switch r {
	case '❌', '✗', '✘', '✖', '⛔', '🚫', '❎':
		return true
	}
	return false
}

// isPictograph reports emoji, dingbats and their modifiers.
func isPictograph(r rune) bool {
	switch {
	case r == 0x200D || r == 0xFE0F || r == 0xFE0E || r == 0x20E3:
		return true
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2B00 && r <= 0x2BFF, r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return unicode.Is(unicode.So, r)
}

// latexWords maps LaTeX commands to the text they stand for; commands not
// listed lose their backslash.
var latexWords = map[string]string{
	"rightarrow": " -> ", "Rightarrow": " -> ", "to": " -> ", "implies": " -> ", "longrightarrow": " -> ",
	"leftarrow": " <- ", "times": " x ", "cdot": " x ", "approx": " ~ ", "le": " <= ", "leq": " <= ",
	"ge": " >= ", "geq": " >= ", "ne": " != ", "neq": " != ", "quad": " ", "qquad": " ",
}

// latexGroups are commands whose braced argument is kept as plain text.
var latexGroups = map[string]bool{"text": true, "mathrm": true, "textbf": true, "mathbf": true, "textit": true, "texttt": true, "mathit": true, "operatorname": true}

// normalizer writes document text into a builder.
type normalizer struct {
	b     *builder
	text  string
	depth int // open LaTeX groups whose closing brace is dropped
	math  bool
}

// write normalises text[start:end] into the builder: NFKC, ASCII quotes,
// spaced dashes and arrows, no emphasis markers, back-ticks, LaTeX or
// pictographs, lower case, negative contractions expanded ("isn't" → "is
// not", "can't" → "cannot"), white space collapsed.
func (n *normalizer) write(start, end int) {
	b, text := n.b, n.text
	for i := start; i < end; {
		if plainByte[text[i]] {
			// Most bytes are ASCII the switch below only lower-cases:
			// copy the run at once. A single space between plain bytes
			// joins the run: space() writes it as it is, the output
			// before it being a plain byte of this unit.
			k := i + 1
			for k < end {
				if plainByte[text[k]] {
					k++
				} else if text[k] == ' ' && k+1 < end && plainByte[text[k+1]] {
					k += 2
				} else {
					break
				}
			}
			b.emitPlain(text, i, k)
			i = k
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:end])
		}
		j := i + size
		switch {
		case r == '\\' && j < end:
			k := j
			for k < end && isASCIILetter(text[k]) {
				k++
			}
			word := text[j:k]
			switch {
			case word == "":
				// \% \$ \_ \& \# \{ \}: the escaped character itself.
				c := text[j]
				if c < utf8.RuneSelf {
					b.emitByte(lower(c), i, j+1)
					j++
				}
			case latexGroups[word] && k < end && text[k] == '{':
				n.depth++
				j = k + 1
			case latexWords[word] != "":
				b.emit(latexWords[word], i, k)
				j = k
			default:
				j = k
				for p := i + 1; p < k; p++ {
					b.emitByte(lower(text[p]), p, p+1)
				}
			}
		case r == '$' && (j < end && text[j] == '\\' || n.math):
			n.math = !n.math
		case r == '}' && n.depth > 0:
			n.depth--
		case r == '`' || r == '*' && !spaced(text, i, j, start, end):
			// Emphasis and code markers carry no words.
		case r == '\'' || r == '’' || r == '‘' || r == '‛' || r == '′':
			if n.contraction(i, j, end) {
				j += 1 // the 't'
				break
			}
			b.emitByte('\'', i, j)
		case r == '“' || r == '”' || r == '„' || r == '‟' || r == '″' || r == '«' || r == '»':
			b.emitByte('"', i, j)
		case r == '-' && j+1 < end && text[j] == '-' && text[j+1] == '-':
			// "---" and longer runs are dashes; "--flag" is not.
			for j < end && text[j] == '-' {
				j++
			}
			b.emit(" - ", i, j)
		case isDash(r):
			b.emit(" - ", i, j)
		case isArrow(r):
			b.emit(" -> ", i, j)
		case r == '≠':
			b.emit(" != ", i, j)
		case isCross(r):
			b.emit(" no ", i, j)
		case r == '\t':
			b.emit(" | ", i, j)
		case r < utf8.RuneSelf:
			if r == ' ' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
				b.space(i, j)
			} else {
				b.emitByte(lower(byte(r)), i, j)
			}
		case unicode.IsSpace(r) || r == 0x200B || r == 0x2060 || r == 0xFEFF:
			b.space(i, j)
		case isBullet(r) || isPictograph(r):
			b.space(i, j)
		default:
			b.scratch = norm.NFKC.AppendString(b.scratch[:0], text[i:j])
			for _, c := range strings.ToLower(string(b.scratch)) {
				if c == ' ' {
					b.space(i, j)
					continue
				}
				var enc [utf8.UTFMax]byte
				m := utf8.EncodeRune(enc[:], c)
				for k := 0; k < m; k++ {
					b.emitByte(enc[k], i, j)
				}
			}
		}
		i = j
	}
}

// contraction expands a negative contraction whose apostrophe is at
// text[i:j] and reports whether it did. The "n" is already written.
func (n *normalizer) contraction(i, j, end int) bool {
	b, text := n.b, n.text
	if j >= end || lower(text[j]) != 't' || j+1 < end && isWordByte(text[j+1]) || !b.endsWith("n") {
		return false
	}
	nStart := b.srcAt(len(b.buf) - 1)
	switch {
	case b.endsWith("won") && wordStartsAt(b, 3):
		start := b.srcAt(len(b.buf) - 3)
		b.truncate(len(b.buf) - 3)
		b.emit("will not", start, j+1)
	case b.endsWith("can") && wordStartsAt(b, 3):
		b.emit("not", nStart, j+1)
	case b.endsWith("shan") && wordStartsAt(b, 4):
		start := b.srcAt(len(b.buf) - 4)
		b.truncate(len(b.buf) - 4)
		b.emit("shall not", start, j+1)
	default:
		b.truncate(len(b.buf) - 1)
		b.emit(" not", nStart, j+1)
	}
	return true
}

// wordStartsAt reports whether the last k bytes of the output are a whole word.
func wordStartsAt(b *builder, k int) bool {
	p := len(b.buf) - k
	return p == b.unitStart || !isWordByte(b.buf[p-1])
}

// spaced reports whether the rune at text[i:j] stands between spaces (an
// operator such as "a * b", kept).
func spaced(text string, i, j, start, end int) bool {
	return i > start && j < end && text[i-1] == ' ' && text[j] == ' '
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isWordByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || c == '_' || c >= utf8.RuneSelf
}

// Normalize returns s normalised as rule patterns and keywords see text.
func Normalize(s string) string {
	b := &builder{}
	if keepByteMaps {
		b.ref = &byteMaps{}
	}
	n := &normalizer{b: b, text: s}
	n.write(0, len(s))
	b.trimSpace()
	return string(b.buf)
}
