package content

// A Doc is one version of a Source's text: the decoded text itself, or the
// result of applying repairs to it. It knows how to map any of its byte
// offsets back to the Source.
type Doc struct {
	Src  *Source
	Text string
	maps []*OffsetMap // maps[len-1] maps Text to the previous version
}

// NewDoc returns the unrepaired version of src.
func NewDoc(src *Source) *Doc { return &Doc{Src: src, Text: src.Text} }

// Apply returns the version of d with edits applied. The edits must be in
// d.Text's coordinates, sorted and non-overlapping.
func (d *Doc) Apply(edits []Edit) (*Doc, error) {
	if len(edits) == 0 {
		return d, nil
	}
	text, m, err := Apply(d.Text, edits)
	if err != nil {
		return nil, err
	}
	maps := make([]*OffsetMap, len(d.maps), len(d.maps)+1)
	copy(maps, d.maps)
	return &Doc{Src: d.Src, Text: text, maps: append(maps, m)}, nil
}

// Repaired reports whether d differs from its Source text.
func (d *Doc) Repaired() bool { return len(d.maps) > 0 }

// SourceSpan maps a span of d.Text to the span of Src.Text it came from.
func (d *Doc) SourceSpan(s Span) Span {
	for i := len(d.maps) - 1; i >= 0; i-- {
		s = Span{Start: d.maps[i].Start(s.Start), End: d.maps[i].End(s.End)}
	}
	if s.End < s.Start {
		s.End = s.Start
	}
	return s
}

// SourceOffset maps an offset of d.Text to Src.Text.
func (d *Doc) SourceOffset(off int) int {
	for i := len(d.maps) - 1; i >= 0; i-- {
		off = d.maps[i].Start(off)
	}
	return off
}

// Position returns the raw position of an offset in d.Text.
func (d *Doc) Position(off int) Position { return d.Src.Position(d.SourceOffset(off)) }

// Line returns the 1-based raw line of an offset in d.Text.
func (d *Doc) Line(off int) int { return d.Position(off).Line }
