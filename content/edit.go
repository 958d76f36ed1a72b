package content

import (
	"fmt"
	"sort"
	"strings"
)

// A Span is a half-open byte range [Start, End) in some text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// An Edit replaces Text[Start:End] with New.
type Edit struct {
	Span
	New string `json:"new"`
}

// SortEdits orders edits by start, then end, keeping the input order of
// equal spans (so insertions at one point stay in the order given).
func SortEdits(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
}

// ValidateEdits reports the first edit that is out of bounds or overlaps
// its predecessor. The edits must be sorted.
func ValidateEdits(textLen int, edits []Edit) error {
	last := 0
	for i, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > textLen {
			return fmt.Errorf("edit %d [%d,%d) out of bounds for text of %d bytes", i, e.Start, e.End, textLen)
		}
		if e.Start < last {
			return fmt.Errorf("edit %d [%d,%d) overlaps the previous edit ending at %d", i, e.Start, e.End, last)
		}
		last = e.End
	}
	return nil
}

// Apply applies sorted, non-overlapping edits to text and returns the new
// text with the map from its offsets back to text's offsets.
func Apply(text string, edits []Edit) (string, *OffsetMap, error) {
	if err := ValidateEdits(len(text), edits); err != nil {
		return "", nil, err
	}
	if len(edits) == 0 {
		return text, &OffsetMap{}, nil
	}
	var b strings.Builder
	grow := len(text)
	for _, e := range edits {
		grow += len(e.New) - e.Len()
	}
	if grow > 0 {
		b.Grow(grow)
	}
	m := &OffsetMap{changes: make([]change, 0, len(edits))}
	prev := 0
	for _, e := range edits {
		b.WriteString(text[prev:e.Start])
		dst := b.Len()
		b.WriteString(e.New)
		m.changes = append(m.changes, change{dstStart: dst, dstEnd: b.Len(), srcStart: e.Start, srcEnd: e.End})
		prev = e.End
	}
	b.WriteString(text[prev:])
	return b.String(), m, nil
}

// An OffsetMap maps byte offsets in an edited text back to the text the
// edits were applied to. Outside the edited regions offsets shift by the
// accumulated length change; inside a replaced region a start maps to the
// start of the original region and an end to its end, so a span never
// shrinks below the raw text it came from.
type OffsetMap struct {
	changes []change // sorted by dstStart, non-overlapping
}

type change struct {
	dstStart, dstEnd int // replacement in the edited text
	srcStart, srcEnd int // replaced region in the original text
}

// Identity reports whether the map changes no offset.
func (m *OffsetMap) Identity() bool { return m == nil || len(m.changes) == 0 }

// Start maps an offset that begins a span.
func (m *OffsetMap) Start(off int) int { return m.mapOffset(off, false) }

// End maps an offset that ends a span.
func (m *OffsetMap) End(off int) int { return m.mapOffset(off, true) }

func (m *OffsetMap) mapOffset(off int, end bool) int {
	if m.Identity() {
		return off
	}
	// The last change starting at or before off.
	i := sort.Search(len(m.changes), func(i int) bool { return m.changes[i].dstStart > off }) - 1
	if i < 0 {
		return off
	}
	c := m.changes[i]
	switch {
	case off > c.dstEnd:
		return c.srcEnd + (off - c.dstEnd)
	case off == c.dstEnd && (c.dstEnd > c.dstStart || !end):
		// Just after a replacement, or a span starting where text was
		// deleted: what follows is the original text after the region.
		return c.srcEnd
	case off == c.dstStart:
		return c.srcStart
	case end:
		return c.srcEnd
	default:
		return c.srcStart
	}
}
