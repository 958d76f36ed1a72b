package kb

import (
	"encoding/json"
	"strings"
	"testing"
)

// escapeInlineRef and yamlStringRef are escapeInline and yamlString
// without their fast paths, the reference for them.
func escapeInlineRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '!', '|', '~', '&', '{', '}':
			b.WriteByte('\\')
		case '\n', '\r':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

func yamlStringRef(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func escapesAgree(t *testing.T, s string) {
	t.Helper()
	if got, want := escapeInline(s), escapeInlineRef(s); got != want {
		t.Fatalf("escapeInline(%q) = %q, reference %q", s, got, want)
	}
	if got, want := yamlString(s), yamlStringRef(s); got != want {
		t.Fatalf("yamlString(%q) = %q, reference %q", s, got, want)
	}
}

var escapeCases = []string{
	"", "plain title", "What is `x`?", "a\nb\rc", "a < b && c > d", `say "hi" \ there`, "tab\there",
	"\x7f", "\x01", "café – “quoted”", "bad \xff utf8", "\u2028", "[link](x) #1 *em* _u_ ~s~ {b} |t| !",
	"testdata/corpus/000_ad25eb5cbe2ab954.txt:12",
}

func TestEscapeFastPaths(t *testing.T) {
	for _, s := range escapeCases {
		escapesAgree(t, s)
	}
}

func FuzzEscapeFastPaths(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	f.Fuzz(escapesAgree)
}
