package encoding

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/lint"
)

// C1Control repairs C1 control characters left by text decoded as
// ISO-8859-1 that was windows-1252.
var C1Control = &lint.Rule{
	ID:       "encoding/c1-control",
	Severity: lint.Warning,
	Summary:  "C1 control character where windows-1252 punctuation was meant",
	Doc: `The text holds a C1 control character (U+0080–U+009F) on its own, not as
part of a mojibake run. Text never uses these controls; they appear when
windows-1252 text is decoded as ISO-8859-1, which turns its curly quotes,
dashes, ellipsis, euro sign and trade mark into invisible controls (U+0092
for ’, U+0096 for –). The fix replaces each with the windows-1252 character
for the same byte. The five bytes windows-1252 leaves undefined (0x81, 0x8D,
0x8F, 0x90, 0x9D) are reported without a fix. C1 characters inside a
mojibake run are encoding/mojibake's.`,
	Stage:   lint.StageEncoding,
	Fixable: true,
	Examples: []lint.Example{
		{Bad: "It\u0092s a \u0093test\u0094 \u0096 done\u0085\n", Fixed: "It’s a “test” – done…\n"},
		{Bad: "Price: 5\u0080\n", Fixed: "Price: 5€\n"},
		{Good: "It’s a “test” – done… 5€\n"},
		{Good: "Donâ€™t: mojibake is encoding/mojibake's, not this rule's.\n"},
	},
	Run: func(p *lint.Pass) {
		text := p.Doc.Text
		if !hasC1(text) {
			return
		}
		inside := repairSpans(text)
		var edits []content.Edit
		var undefined []string
		line := -1
		var first content.Span
		flush := func() {
			if len(edits) == 0 && len(undefined) == 0 {
				return
			}
			msg := fmt.Sprintf("%d C1 control character(s) from windows-1252 text read as ISO-8859-1", len(edits)+len(undefined))
			var fix *lint.Fix
			if len(edits) > 0 {
				var parts []string
				for _, e := range edits {
					parts = append(parts, fmt.Sprintf("U+%04X → %q", []rune(text[e.Start:e.End])[0], e.New))
				}
				msg += ": " + strings.Join(parts, ", ")
				fix = &lint.Fix{Message: "replace with the windows-1252 characters", Edits: edits}
			}
			if len(undefined) > 0 {
				msg += "; undefined in windows-1252, left as is: " + strings.Join(undefined, ", ")
			}
			p.Report(first, msg, fix)
			edits, undefined = nil, nil
		}
		for i, r := range text {
			if r < 0x80 || r >= 0xA0 || inSpans(inside, i) {
				continue
			}
			if l := p.Doc.Line(i); l != line {
				flush()
				line = l
				first = content.Span{Start: i, End: i + utf8.RuneLen(r)}
			}
			if w := charmap.Windows1252.DecodeByte(byte(r)); w != utf8.RuneError {
				edits = append(edits, content.Edit{Span: content.Span{Start: i, End: i + utf8.RuneLen(r)}, New: string(w)})
			} else {
				undefined = append(undefined, fmt.Sprintf("U+%04X", r))
			}
		}
		flush()
	},
}

// ReplacementChar reports U+FFFD: a character lost before canon saw the
// text.
var ReplacementChar = &lint.Rule{
	ID:       "encoding/replacement-char",
	Severity: lint.Info,
	Summary:  "U+FFFD replacement character: a character was lost upstream",
	Doc: `The text holds U+FFFD (�), which a decoder writes for bytes it could not
read. Outside a mojibake run (which encoding/mojibake repairs, U+FFFD
included) the lost character cannot be recovered from the text itself:
compare with the source the text was scraped from. canon never removes or
replaces it, since a literal � can be meant (as in this paragraph); the
finding is information.`,
	Stage: lint.StageEncoding,
	Examples: []lint.Example{
		{Bad: "Caf\uFFFD au lait\n"},
		{Bad: "Se\uFFFDor \uFFFD\n"},
		{Good: "Café au lait\n"},
		{Good: "âš™ï¸\uFFFD How it works: the U+FFFD stands for the lost byte of ⚙️\n"},
	},
	Run: func(p *lint.Pass) {
		text := p.Doc.Text
		if !strings.ContainsRune(text, utf8.RuneError) {
			return
		}
		inside := repairSpans(text)
		line, n := -1, 0
		var first content.Span
		flush := func() {
			if n > 0 {
				p.Reportf(first, "%d replacement character(s) (U+FFFD): the original character was lost before this text was saved", n)
			}
			n = 0
		}
		for i, r := range text {
			if r != utf8.RuneError || inSpans(inside, i) {
				continue
			}
			if l := p.Doc.Line(i); l != line {
				flush()
				line = l
				first = content.Span{Start: i, End: i + 3}
			}
			n++
		}
		flush()
	},
}

func hasC1(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xC2 && s[i+1] >= 0x80 && s[i+1] < 0xA0 {
			return true
		}
	}
	return false
}

// repairSpans returns the spans of text that encoding/mojibake or
// encoding/lost-byte repair.
func repairSpans(text string) []content.Span {
	var out []content.Span
	for _, r := range findRepairs(text) {
		out = append(out, content.Span{Start: r.Start, End: r.End})
	}
	return out
}

func inSpans(spans []content.Span, off int) bool {
	for _, s := range spans {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	return false
}
