// Package encoding holds the encoding/* rules: how the bytes were decoded,
// and character-level damage such as mojibake.
package encoding

import (
	"errors"
	"fmt"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/lint"
)

// Binary reports inputs that are not text.
var Binary = &lint.Rule{
	ID:       "encoding/binary",
	Severity: lint.Error,
	Summary:  "input is binary, not text",
	Doc: `The input holds NUL bytes or a high share of control bytes, so it is not
text in any encoding canon reads. canon skips the file rather than guess:
nothing of it reaches the knowledge base. Remove it from the inputs, or
convert it to text first (a PDF through a PDF-to-text tool, for instance).`,
	Stage: lint.StageDecode,
	Examples: []lint.Example{
		{Bad: "PK\x03\x04\x00\x00binary"},
		{Good: "Plain text.\n"},
	},
	Run: func(p *lint.Pass) {
		var be *content.BinaryError
		if errors.As(p.DecodeErr, &be) {
			p.Reportf(content.Span{}, "not a text file: %s at byte %d; skipped", be.Reason, be.Offset)
		} else if p.DecodeErr != nil {
			p.Reportf(content.Span{}, "cannot decode: %v; skipped", p.DecodeErr)
		}
	},
}

// Legacy reports inputs that are not UTF-8.
var Legacy = &lint.Rule{
	ID:       "encoding/legacy",
	Severity: lint.Warning,
	Summary:  "file is not UTF-8",
	Doc: `The file is not valid UTF-8; canon decoded it through the legacy code page
it judged most likely (or through the UTF-16/UTF-32 byte-order mark it
starts with). Tools downstream may not guess the same way. ` + "`canon fix`" + `
rewrites the file as UTF-8.`,
	Stage:   lint.StageDecode,
	Fixable: true,
	Examples: []lint.Example{
		{Bad: "caf\xe9 cr\xe8me\n", Fixed: "café crème\n"},
		{Good: "café crème\n"},
	},
	Run: func(p *lint.Pass) {
		src := p.Doc.Src
		if src.Encoding == "utf-8" || p.DecodeErr != nil {
			return
		}
		// The fix has no edits: writing the fixed text as UTF-8 is the fix.
		p.Report(content.Span{}, fmt.Sprintf("file is %s, not UTF-8", src.Encoding),
			&lint.Fix{Message: "rewrite as UTF-8"})
	},
}

// Rules are the encoding rules.
var Rules = []*lint.Rule{Binary, C1Control, Legacy, LostByte, Mojibake, ReplacementChar}
