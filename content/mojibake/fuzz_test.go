package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/canon-kb/canon/internal/corpustest"
)

func FuzzFind(f *testing.F) {
	for _, s := range lookAlikes {
		f.Add(s)
	}
	for _, s := range []string{
		"ğŸ”¹ Architecture", "Donâ€™t", "โœ… Portability โ†’", "Ã¢â‚¬â„¢", "âš™ï¸\uFFFD",
		"â\u0080\u0099s", "ğŸ§â€â™‚ï¸", "â”Œâ”€â”", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "\xff\xfe", "Ã", "ï¸", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		reps := Find(s)
		prev := 0
		for _, r := range reps {
			if r.Start < prev || r.End < r.Start || r.End > len(s) || s[r.Start:r.End] != r.Old {
				t.Fatalf("bad repair %+v of %q", r, s)
			}
			if r.Old == r.New {
				t.Fatalf("repair changes nothing: %+v", r)
			}
			prev = r.End
		}
		if !utf8.ValidString(Apply(s, reps)) {
			t.Fatalf("repairs of %q give invalid UTF-8", s)
		}
		out := Fix(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Fix(%q) = %q: not valid UTF-8", s, out)
		}
		if strings.Count(out, "\n") != strings.Count(s, "\n") {
			t.Fatalf("Fix(%q) = %q: lines changed", s, out)
		}
		if !Suspicious(s) && out != s {
			t.Fatalf("Fix(%q) = %q: text without a suspicious sequence changed", s, out)
		}
		if again := Fix(out); again != out {
			t.Fatalf("not idempotent: Fix(%q) = %q, Fix of that = %q", s, out, again)
		}
	})
}

func corpusText(b *testing.B, prefix string) string {
	b.Helper()
	return corpustest.Named(b, prefix).Text
}

// BenchmarkFind measures MB/s of Find on clean text (the common case: the
// fast path) and on damaged text.
func BenchmarkFind(b *testing.B) {
	for _, c := range []struct{ name, file string }{
		{"clean-emoji/004", "004"},
		{"clean/001", "001"},
		{"damaged-1254/002", "002"},
		{"damaged-874/003", "003"},
	} {
		text := corpusText(b, c.file)
		bench(b, c.name, text)
	}
	// Correct text in other languages: much of it pairs characters that
	// some page maps to a lead and a continuation byte (Thai, Cyrillic,
	// French, Polish), so it takes the full reading, not the fast path.
	samples, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "encoding", "samples", "*.txt"))
	var all strings.Builder
	for _, f := range samples {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(data)
	}
	bench(b, "clean-multilingual/samples", all.String())
}

func bench(b *testing.B, name, text string) {
	b.Run(name, func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			Find(text)
		}
	})
}

// BenchmarkValidUTF8 is the yardstick for the fast path: one UTF-8
// validation of the same clean text.
func BenchmarkValidUTF8(b *testing.B) {
	text := corpusText(b, "004")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		utf8.ValidString(text)
	}
}
