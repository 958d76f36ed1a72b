package rules

import (
	"fmt"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/canon-kb/canon/content/segment"
)

// md parses CommonMark with GitHub tables, the dialect canon emits.
var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// topKinds parses src and returns the kinds of its top-level blocks.
func topKinds(src string) []ast.NodeKind {
	doc := md.Parser().Parse(text.NewReader([]byte(src)))
	var out []ast.NodeKind
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, n.Kind())
	}
	return out
}

// wantKind is the goldmark node a block of each kind must parse to.
var wantKind = map[segment.BlockKind]ast.NodeKind{
	segment.Paragraph: ast.KindParagraph,
	segment.List:      ast.KindList,
	segment.Code:      ast.KindFencedCodeBlock,
	segment.Diagram:   ast.KindFencedCodeBlock,
	segment.Table:     east.KindTable,
	segment.Heading:   ast.KindHeading,
}

// TestAnswersAreCommonMark parses every answer the segmenter emits for
// the corpus back with goldmark: each block must be exactly one block of
// its kind, and the joined answer must hold the same blocks in the same
// order (no block swallowing the next, no list merging with the one after).
func TestAnswersAreCommonMark(t *testing.T) {
	blocks := 0
	for _, f := range corpusResult(t).Files {
		for _, p := range f.Problems {
			var want []ast.NodeKind
			for i, b := range p.Blocks {
				blocks++
				k := wantKind[b.Kind]
				want = append(want, k)
				if got := topKinds(b.Markdown); len(got) != 1 || got[0] != k {
					t.Errorf("%s:%d: block %d (%s) parses as %v:\n%s", f.Path, f.Doc.Line(b.Span.Start), i, b.Kind, got, b.Markdown)
				}
			}
			if got := topKinds(p.AnswerMarkdown()); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s:%d: answer to %q parses as %v, want %v", f.Path, f.Doc.Line(p.TitleSpan.Start), p.Title, got, want)
			}
		}
	}
	if blocks < 2000 {
		t.Errorf("only %d blocks checked", blocks)
	}
}
