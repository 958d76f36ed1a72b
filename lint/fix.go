package lint

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/canon-kb/canon/content"
)

// maxFixRounds bounds how often Fix re-lints its own output. Fixes of one
// round can overlap (an artifact line that also held mojibake), so the
// left-out ones are retried on the repaired text, as ruff does.
const maxFixRounds = 8

// A FixResult is the outcome of fixing one input.
type FixResult struct {
	Path string
	// Data is the fixed file; equal to the input when nothing applied.
	Data []byte
	// Applied counts the fixes applied over all rounds.
	Applied int
	// Changed reports whether Data differs from the input.
	Changed bool
	// Remaining are the selected findings left in the fixed text.
	Remaining []Finding
}

// FixInput applies the fixes of the selected rules to one input until no
// selected fix is left or maxFixRounds is reached.
func FixInput(ctx context.Context, in Input, opts Options) (*FixResult, error) {
	raw, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	out := &FixResult{Path: in.Path, Data: raw}
	data := raw
	// orig is the input's decoding. Rounds after the first work on UTF-8;
	// the result is written back in orig's encoding unless a whole-file
	// fix (encoding/legacy) converts it.
	var orig *content.Source
	toUTF8 := false
	for round := 0; ; round++ {
		res, err := Run(ctx, []Input{BytesInput(in.Path, data)}, opts)
		if err != nil {
			return nil, err
		}
		if len(res.Errors) > 0 {
			return nil, res.Errors[0]
		}
		f := res.Files[0]
		out.Remaining = res.Findings
		if f.Skipped != nil {
			return out, nil
		}
		if orig == nil {
			orig = f.Source
		}
		var fixes [][]content.Edit
		transcode := false
		for _, fd := range res.Findings {
			switch {
			case fd.Fix == nil:
			case len(fd.Fix.Edits) > 0:
				fixes = append(fixes, fd.Fix.Edits)
			case f.Source.Encoding != "utf-8":
				// A fix without edits is a whole-file one: write as UTF-8.
				transcode = true
			}
		}
		if len(fixes) == 0 && !transcode || round == maxFixRounds {
			return out, nil
		}
		edits := mergeFixes(fixes)
		text, _, err := content.Apply(f.Source.Text, edits)
		if err != nil {
			return nil, fmt.Errorf("%s: applying fixes: %w", in.Path, err)
		}
		if text == f.Source.Text && !transcode {
			return out, nil
		}
		out.Applied += countFixes(fixes, edits)
		if transcode {
			out.Applied++
		}
		toUTF8 = toUTF8 || transcode
		data = []byte(text)
		if orig.BOM && orig.Encoding == "utf-8" {
			data = append([]byte{0xEF, 0xBB, 0xBF}, data...)
		}
		out.Data = data
		if !toUTF8 && orig.Encoding != "utf-8" {
			if out.Data, err = content.Encode(orig.Encoding, orig.BOM, text); err != nil {
				line := 0
				if ee := (*content.EncodeError)(nil); errors.As(err, &ee) {
					line = strings.Count(text[:ee.Offset], "\n") + 1
				}
				return nil, fmt.Errorf("%s:%d: the fixed text %w; select encoding/legacy to convert the file to UTF-8", in.Path, line, err)
			}
		}
		out.Changed = string(out.Data) != string(raw)
	}
}

// countFixes counts the fixes whose edits all made it into kept.
func countFixes(fixes [][]content.Edit, kept []content.Edit) int {
	in := make(map[content.Edit]bool, len(kept))
	for _, e := range kept {
		in[e] = true
	}
	n := 0
	for _, fix := range fixes {
		all := true
		for _, e := range fix {
			all = all && in[e]
		}
		if all {
			n++
		}
	}
	return n
}
