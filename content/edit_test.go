package content

import (
	"strings"
	"testing"
)

func TestApplyAndMap(t *testing.T) {
	text := "abcdefghij"
	edits := []Edit{
		{Span{1, 3}, "XYZW"}, // bc -> XYZW (grows)
		{Span{5, 7}, ""},     // fg deleted
		{Span{8, 8}, "++"},   // insertion before i
	}
	got, m, err := Apply(text, edits)
	if err != nil {
		t.Fatal(err)
	}
	if want := "aXYZWdeh++ij"; got != want {
		t.Fatalf("Apply = %q, want %q", got, want)
	}
	cases := []struct {
		off        int
		start, end int
	}{
		{0, 0, 0},
		{1, 1, 1},    // start of the replacement
		{3, 1, 3},    // inside "XYZW"
		{5, 3, 3},    // just after the replacement ("d")
		{7, 7, 5},    // deletion point "de|h": a span starting here starts at h, one ending here ends after e
		{8, 8, 8},    // start of insertion "++" (after h)
		{10, 8, 8},   // after insertion
		{12, 10, 10}, // end of text
	}
	for _, c := range cases {
		if s := m.Start(c.off); s != c.start {
			t.Errorf("Start(%d) = %d, want %d", c.off, s, c.start)
		}
		if e := m.End(c.off); e != c.end {
			t.Errorf("End(%d) = %d, want %d", c.off, e, c.end)
		}
	}
}

func TestApplyRejectsOverlap(t *testing.T) {
	_, _, err := Apply("abcdef", []Edit{{Span{0, 3}, "x"}, {Span{2, 4}, "y"}})
	if err == nil || !strings.Contains(err.Error(), "overlaps") {
		t.Fatalf("want overlap error, got %v", err)
	}
	_, _, err = Apply("abc", []Edit{{Span{2, 9}, "x"}})
	if err == nil || !strings.Contains(err.Error(), "out of bounds") {
		t.Fatalf("want bounds error, got %v", err)
	}
}

func TestDocChainMapsToRawPosition(t *testing.T) {
	src := NewSource("t.txt", nil, "héllo\nwörld ÃŸ\nend\n", "utf-8", false)
	d := NewDoc(src)
	// First repair: "ÃŸ" -> "ß" on line 2.
	i := strings.Index(d.Text, "ÃŸ")
	d1, err := d.Apply([]Edit{{Span{i, i + len("ÃŸ")}, "ß"}})
	if err != nil {
		t.Fatal(err)
	}
	// Second repair: delete line 1 entirely.
	d2, err := d1.Apply([]Edit{{Span{0, len("héllo\n")}, ""}})
	if err != nil {
		t.Fatal(err)
	}
	if d2.Text != "wörld ß\nend\n" {
		t.Fatalf("text = %q", d2.Text)
	}
	// "end" is on raw line 3, column 1.
	p := d2.Position(strings.Index(d2.Text, "end"))
	if p.Line != 3 || p.Col != 1 {
		t.Errorf("end at %d:%d, want 3:1", p.Line, p.Col)
	}
	// "ß" maps to the raw "ÃŸ" at line 2, column 7 (code points).
	s := d2.SourceSpan(Span{strings.Index(d2.Text, "ß"), strings.Index(d2.Text, "ß") + len("ß")})
	if got := src.Text[s.Start:s.End]; got != "ÃŸ" {
		t.Errorf("source span = %q, want %q", got, "ÃŸ")
	}
	if p := src.Position(s.Start); p.Line != 2 || p.Col != 7 {
		t.Errorf("ß at %d:%d, want 2:7", p.Line, p.Col)
	}
}

func TestPositionColumnsAreCodePoints(t *testing.T) {
	src := NewSource("t", nil, "a\n🔹→x\r\nlast", "utf-8", false)
	if n := src.LineCount(); n != 3 {
		t.Fatalf("LineCount = %d", n)
	}
	off := strings.Index(src.Text, "x")
	if p := src.Position(off); p.Line != 2 || p.Col != 3 {
		t.Errorf("x at %d:%d, want 2:3", p.Line, p.Col)
	}
	if l := src.Line(2); l != "🔹→x" {
		t.Errorf("Line(2) = %q", l)
	}
	if p := src.Position(len(src.Text)); p.Line != 3 || p.Col != 5 {
		t.Errorf("end at %d:%d, want 3:5", p.Line, p.Col)
	}
}
