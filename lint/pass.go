package lint

import (
	"fmt"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/segment"
)

// A Pass is one rule's view of one document.
type Pass struct {
	Rule *Rule
	// Doc is the text as the rule's stage sees it.
	Doc *content.Doc
	// DecodeErr is set for StageDecode when the input could not be decoded
	// (a *content.BinaryError, for instance); Doc is then empty.
	DecodeErr error
	// Problems are the document's problems (StageCheck only).
	Problems []segment.Problem

	file *File
}

// Memo returns the value stored under key for the pass's document and
// stage, computing it with build on first use. Rules that share an
// expensive reading of a document (the declarative rules' sentence units
// and keyword index) compute it once per document, not once per rule.
func (p *Pass) Memo(key any, build func() any) any { return p.file.Memo(key, p.Doc, build) }

// File returns the file the pass checks, for RelatedAt.
func (p *Pass) File() *File { return p.file }

// Report records a finding over span (in Doc.Text coordinates) with an
// optional fix given as edits in Doc.Text coordinates.
func (p *Pass) Report(span content.Span, message string, fix *Fix) {
	p.file.add(p.Rule, p.Doc, span, message, fix, nil)
}

// Reportf records a finding without a fix.
func (p *Pass) Reportf(span content.Span, format string, args ...any) {
	p.Report(span, fmt.Sprintf(format, args...), nil)
}

// ReportRelated records a finding that points at other places too.
func (p *Pass) ReportRelated(span content.Span, message string, related []Related) {
	p.file.add(p.Rule, p.Doc, span, message, nil, related)
}

// Locate resolves span (in Doc.Text) to raw positions that stay valid
// after the text is dropped, for a corpus rule's Collect.
func (p *Pass) Locate(span content.Span) Location { return p.file.locate(p.Doc, span) }

// A CorpusPass is one rule's view of every document.
type CorpusPass struct {
	Rule  *Rule
	Files []*File
}

// Report records a finding in f over span (f.Doc.Text coordinates).
func (p *CorpusPass) Report(f *File, span content.Span, message string, related []Related) {
	f.add(p.Rule, f.Doc, span, message, nil, related)
}

// Collected returns what the rule's Collect returned for f (nil if the
// rule does not collect).
func (p *CorpusPass) Collected(f *File) any { return f.collected[p.Rule] }

// ReportAt records a finding in f at a Location from Pass.Locate.
func (p *CorpusPass) ReportAt(f *File, loc Location, message string, related []Related) {
	f.addAt(p.Rule, loc, message, related)
}

// RelatedAtLocation builds a Related location for a Location of f.
func RelatedAtLocation(f *File, loc Location, message string) Related {
	return Related{Path: f.Path, Line: loc.Start.Line, Column: loc.Start.Col, Message: message}
}

// RelatedAt builds a Related location for span in f.Doc.Text.
func RelatedAt(f *File, span content.Span, message string) Related {
	pos := f.Doc.Position(span.Start)
	return Related{Path: f.Path, Line: pos.Line, Column: pos.Col, Message: message}
}
