// Package segment splits a repaired document into problems: a question
// with its answer, its topic, and the span of every piece in the document,
// so that each can be traced to its raw path:line.
//
// Scraped sources mark a problem in many ways, and each way has look-alikes
// inside answers. The segmenter therefore works in two passes: it first
// collects every line that could start a problem or a section, then decides
// per document which markers it trusts (see markers.go for the markers and
// the heuristics that separate them from look-alikes, outline.go for the
// decisions), and finally renders each answer as CommonMark blocks
// (blocks.go).
package segment

import (
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
	Diagram   BlockKind = "diagram" // preformatted text art or diagram source, kept verbatim in a fence
	Heading   BlockKind = "heading"
)

// A Block is one markdown block of an answer.
type Block struct {
	Kind BlockKind
	// Markdown is the block as CommonMark (GitHub tables allowed), without
	// a trailing newline. It parses as exactly one block of Kind.
	Markdown string
	// Lang is the info string of a Code or Diagram block's fence, if known.
	Lang string
	// Span is the block's extent in the Doc text it was cut from.
	Span content.Span
}

// A Marker names how a source marked a problem's start.
type Marker string

// Problem markers.
const (
	MarkerNumbered Marker = "numbered" // "1. Title" in a run of numbered questions
	MarkerQ        Marker = "q"        // "Q.1) …", "Q.) …", "Q1. …"
	MarkerProblem  Marker = "problem"  // "Problem 1: Title" (with INTERVIEWER:/Question:/Solution:)
	MarkerScript   Marker = "script"   // Question: "…" followed by a scripted answer
	MarkerBare     Marker = "bare"     // one question of a list of bare questions
	MarkerHeading  Marker = "heading"  // a standalone heading that asks a question
)

// A Problem is one question with its answer.
type Problem struct {
	// Number is the problem's number as written, 0 when unnumbered.
	Number int
	// Marker says how the source marked the problem.
	Marker Marker
	// Title is the problem's heading as plain text, without its number or
	// decoration.
	Title string
	// TitleSpan is the heading's extent in the Doc text.
	TitleSpan content.Span
	// Body is question text the source gives apart from the title (an
	// INTERVIEWER: line, the second line of a two-line title); empty when
	// the title is the whole question.
	Body string
	// Question is the question as asked: the title, then the body if any.
	Question string
	// Topic is the enclosing topic or section heading, if any, as plain
	// text.
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
var Default Segmenter = Standard{}

// Segment splits d with the default segmenter.
func Segment(d *content.Doc) []Problem { return Default.Segment(d) }

// Standard is canon's segmenter for scraped interview material; see the
// package documentation.
type Standard struct{}

// Segment implements Segmenter.
func (Standard) Segment(d *content.Doc) []Problem { return SegmentText(d.Text) }

// SegmentText splits text into problems; spans are offsets into text.
func SegmentText(text string) []Problem {
	o := analyze(text)
	return o.problems()
}
