package encoding_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

func corpusFile(t testing.TB, prefix string) (string, []byte) {
	t.Helper()
	f := corpustest.Named(t, prefix)
	return f.Path, []byte(f.Text)
}

func fixEncoding(t *testing.T, path string, data []byte) *lint.FixResult {
	t.Helper()
	all := rules.Builtin()
	sel, err := lint.NewSelector(all, []string{"encoding"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := lint.FixInput(context.Background(), lint.BytesInput(path, data), lint.Options{Rules: all, Select: sel, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return fr
}

// residue returns the places in text where a character that cm maps to a
// UTF-8 lead byte is followed by one it maps to a continuation byte: the
// signature of UTF-8 read through cm. fallback, when set, supplies
// 0x80-0x9F (003's windows-874 with windows-1252).
func residue(text string, cm, fallback *charmap.Charmap) []string {
	lead, cont := map[rune]bool{}, map[rune]bool{}
	for b := 0x80; b <= 0xFF; b++ {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError && fallback != nil && b < 0xA0 {
			r = fallback.DecodeByte(byte(b))
		}
		if r == utf8.RuneError {
			continue
		}
		if b >= 0xC2 && b <= 0xF4 {
			lead[r] = true
		} else if b < 0xC0 {
			cont[r] = true
		}
	}
	var found []string
	rs := []rune(text)
	for i := 0; i+1 < len(rs); i++ {
		if lead[rs[i]] && cont[rs[i+1]] {
			lo, hi := max(0, i-10), min(len(rs), i+10)
			found = append(found, string(rs[lo:hi]))
		}
	}
	return found
}

// leadRune reports whether cm maps a UTF-8 lead byte to r.
func leadRune(r rune, cm *charmap.Charmap) bool {
	for b := 0xC2; b <= 0xF4; b++ {
		if cm.DecodeByte(byte(b)) == r {
			return true
		}
	}
	return false
}

// TestCorpusRepair: canon fix --select encoding leaves no run of 002 and
// 003 that still reads as mojibake through the page that damaged it, and
// keeps 003's genuine bullets.
func TestCorpusRepair(t *testing.T) {
	cases := []struct {
		file     string
		cm, fb   *charmap.Charmap
		minFixes int
		bullets  int // genuine • that must survive
	}{
		{"002", charmap.Windows1254, nil, 200, 0},
		{"003", charmap.Windows874, charmap.Windows1252, 200, 334},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			path, raw := corpusFile(t, c.file)
			if len(residue(string(raw), c.cm, c.fb)) < c.minFixes {
				t.Fatalf("the raw file shows too little damage: the residue scan is broken")
			}
			fr := fixEncoding(t, path, raw)
			if !fr.Changed || fr.Applied < c.minFixes {
				t.Fatalf("applied %d fixes, want at least %d", fr.Applied, c.minFixes)
			}
			fixed := string(fr.Data)
			if !utf8.ValidString(fixed) {
				t.Fatal("fixed text is not valid UTF-8")
			}
			for _, r := range residue(fixed, c.cm, c.fb) {
				t.Errorf("mojibake left: %q", r)
			}
			// The files are English: a lone character the page maps from a
			// lead byte (a Turkish or Thai letter), or a C1 control, would be
			// a damaged character whose continuation bytes were all lost.
			for i, r := range fixed {
				if leadRune(r, c.cm) || (r >= 0x80 && r <= 0x9F) {
					t.Errorf("damaged character left: %q in %q", r, fixed[max(0, i-20):min(len(fixed), i+20)])
				}
			}
			if c.bullets > 0 && strings.Count(fixed, "•") != c.bullets {
				t.Errorf("%d bullets after the repair, want %d", strings.Count(fixed, "•"), c.bullets)
			}
			if got, want := strings.Count(fixed, "\n"), strings.Count(string(raw), "\n"); got != want {
				t.Errorf("%d lines after the repair, %d before", got, want)
			}
			for _, want := range []string{"🔹", "✅", "’", "—", "→", "⚠️", "┌────────────┐"} {
				if !strings.Contains(fixed, want) {
					t.Errorf("repaired text lacks %q", want)
				}
			}
			for _, f := range fr.Remaining {
				if f.Rule == "encoding/mojibake" {
					t.Errorf("finding left after fix: %s:%d: %s", f.Path, f.Line, f.Message)
				}
			}
		})
	}
}

// TestCorpusCleanUntouched: fixing the clean files changes no byte.
func TestCorpusCleanUntouched(t *testing.T) {
	for _, name := range []string{"000", "001", "004"} {
		t.Run(name, func(t *testing.T) {
			path, raw := corpusFile(t, name)
			fr := fixEncoding(t, path, raw)
			if fr.Changed || !bytes.Equal(fr.Data, raw) {
				t.Errorf("fix changed a clean file (%d fixes)", fr.Applied)
			}
			for _, f := range fr.Remaining {
				t.Errorf("finding on a clean file: %d:%d %s %s", f.Line, f.Column, f.Rule, f.Message)
			}
		})
	}
}
