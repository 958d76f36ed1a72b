// Package segment splits a repaired document into problems: a question with
// its answer, its topic, and the spans of every piece in the document.
package segment

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/canon-kb/canon/content"
)

// A BlockKind classifies an answer block.
type BlockKind string

// Block kinds, as emitted in markdown.
const (
	Paragraph BlockKind = "paragraph"
	List      BlockKind = "list"
	Code      BlockKind = "code"
	Table     BlockKind = "table"
	Diagram   BlockKind = "diagram" // preformatted text art, kept verbatim
	Heading   BlockKind = "heading"
)

// A Block is one markdown block of an answer.
type Block struct {
	Kind BlockKind
	// Markdown is the block as CommonMark, without a trailing newline.
	Markdown string
	// Span is the block's extent in the Doc text it was cut from.
	Span content.Span
}

// A Problem is one question with its answer.
type Problem struct {
	// Number is the problem's number as written, 0 when unnumbered.
	Number int
	// Title is the problem's heading as plain text, without its number.
	Title string
	// TitleSpan is the heading's extent in the Doc text.
	TitleSpan content.Span
	// Question is the question as asked: the title, plus any question
	// body given apart from the title.
	Question string
	// Topic is the enclosing topic or section heading, if any.
	Topic string
	// Blocks is the answer, in order; empty when the source gives none.
	Blocks []Block
	// Span covers the title and the whole answer in the Doc text.
	Span content.Span
}

// Answered reports whether the problem has an answer.
func (p *Problem) Answered() bool { return len(p.Blocks) > 0 }

// AnswerMarkdown joins the answer blocks into one CommonMark document.
func (p *Problem) AnswerMarkdown() string {
	parts := make([]string, len(p.Blocks))
	for i, b := range p.Blocks {
		parts[i] = b.Markdown
	}
	return strings.Join(parts, "\n\n")
}

// A Segmenter splits a document into problems.
type Segmenter interface {
	Segment(d *content.Doc) []Problem
}

// Default is the segmenter canon uses.
var Default Segmenter = numbered{}

// Segment splits d with the default segmenter.
func Segment(d *content.Doc) []Problem { return Default.Segment(d) }

// numbered is the first segmenter: a problem starts at a numbered question
// line ("1. What ...", "Q.3) How ...", "Problem 4: ...").
type numbered struct{}

var titleRE = regexp.MustCompile(`^\s*(?:\*\*)?(?:Q\.?\s*(\d*)\)|Problem\s+(\d+):|(\d{1,3})[.)])\s+(.+?)(?:\*\*)?\s*$`)

func (numbered) Segment(d *content.Doc) []Problem {
	var out []Problem
	var cur *Problem
	var para []string
	paraStart, paraEnd := -1, -1
	flush := func() {
		if cur != nil && len(para) > 0 {
			cur.Blocks = append(cur.Blocks, Block{Kind: Paragraph, Markdown: strings.Join(para, "\n"), Span: content.Span{Start: paraStart, End: paraEnd}})
		}
		para, paraStart = nil, -1
	}
	text := d.Text
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += off
			next = end + 1
		}
		line := strings.TrimRight(text[off:end], "\r")
		if m := titleRE.FindStringSubmatch(line); m != nil && (strings.HasSuffix(strings.TrimRight(m[4], "*"), "?") || m[2] != "") {
			flush()
			if cur != nil {
				out = append(out, *cur)
			}
			n, _ := strconv.Atoi(m[1] + m[2] + m[3])
			title := strings.TrimSpace(strings.Trim(m[4], "*"))
			cur = &Problem{Number: n, Title: title, Question: title, TitleSpan: content.Span{Start: off, End: off + len(line)}, Span: content.Span{Start: off, End: end}}
		} else if strings.TrimSpace(line) == "" {
			flush()
		} else if cur != nil {
			if paraStart < 0 {
				paraStart = off
			}
			para = append(para, strings.TrimSpace(line))
			paraEnd = off + len(line)
			cur.Span.End = paraEnd
		}
		off = next
	}
	flush()
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}
