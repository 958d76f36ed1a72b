package lint

import (
	"testing"

	"github.com/canon-kb/canon/content"
)

// TestMergeFixesEnclosingWins checks that a fix rewriting a region beats
// the fixes inside it, whatever order they were reported in: the inner
// edits would be deleted with the region.
func TestMergeFixesEnclosingWins(t *testing.T) {
	inner := []content.Edit{{Span: content.Span{Start: 12, End: 14}, New: "("}}
	block := []content.Edit{{Span: content.Span{Start: 0, End: 30}}}
	later := []content.Edit{{Span: content.Span{Start: 40, End: 42}, New: "$"}}
	got := mergeFixes([][]content.Edit{inner, later, block})
	want := []content.Edit{block[0], later[0]}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("mergeFixes = %v, want %v", got, want)
	}
	// Same start: the wider fix first.
	a := []content.Edit{{Span: content.Span{Start: 5, End: 6}, New: "x"}}
	b := []content.Edit{{Span: content.Span{Start: 5, End: 9}, New: "y"}}
	if got := mergeFixes([][]content.Edit{a, b}); len(got) != 1 || got[0] != b[0] {
		t.Errorf("mergeFixes = %v, want %v", got, b)
	}
}
