package structure

import (
	"maps"
	"strings"
	"testing"
	"unicode"

	"github.com/canon-kb/canon/internal/corpustest"
)

// refWordCounts is wordCounts as first written, with strings.FieldsFunc.
func refWordCounts(text string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w]++
	}
	return m
}

var wordCases = []string{"", "a", "Hello, World! hello", "x\xffy", "ÉCOLE école 42x", "  trailing  ", "İstanbul ſ"}

func checkWordCounts(t *testing.T, s string) {
	if got, want := wordCounts(s), refWordCounts(s); !maps.Equal(got, want) {
		t.Errorf("wordCounts(%q) = %v, want %v", s, got, want)
	}
}

// TestWordCounts checks wordCounts against the FieldsFunc version on
// edge cases and the corpus files.
func TestWordCounts(t *testing.T) {
	for _, s := range wordCases {
		checkWordCounts(t, s)
	}
	for _, f := range corpustest.Files(t) {
		checkWordCounts(t, f.Text)
	}
}

func FuzzWordCounts(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(checkWordCounts)
}
