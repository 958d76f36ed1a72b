package structure

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/canon-kb/canon/internal/corpustest"
)

// refWordCounts is wordCounts as first written, with strings.FieldsFunc,
// keeping the words of three bytes or more.
func refWordCounts(text string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 {
			m[w]++
		}
	}
	return m
}

var wordCases = []string{"", "a", "Hello, World! hello", "x\xffy", "ÉCOLE école 42x", "  trailing  ", "İstanbul ſ", "İİ İi ab abc ÀB"}

func checkWordCounts(t *testing.T, s string) {
	w := wordCounts(s)
	got := map[string]int{}
	for word, k := range w.index {
		got[word] = int(w.n[k])
	}
	if want := refWordCounts(s); !maps.Equal(got, want) {
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

// TestLowerKeepsWordRunes checks, for every rune, what wordCounts relies
// on to cut words before lowering them: unicode.ToLower keeps a rune a
// letter or digit, or not one.
func TestLowerKeepsWordRunes(t *testing.T) {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if word(r) != word(unicode.ToLower(r)) {
			t.Errorf("%U is a word rune: %v, lower-cased %U: %v", r, word(r), unicode.ToLower(r), word(unicode.ToLower(r)))
		}
	}
}

// BenchmarkWordCounts measures wordCounts on the corpus (MB/s, allocs).
func BenchmarkWordCounts(b *testing.B) {
	texts, size := corpustest.Texts(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			wordCounts(s)
		}
	}
}

// TestShortWordsAnswerNothing checks that dropping the words under four
// bytes from the vocabulary changes no answer of prefixOfWord, for every
// word of the corpus and every prefix of three bytes or more of it.
func TestShortWordsAnswerNothing(t *testing.T) {
	full := map[string]bool{}
	for _, f := range corpustest.Files(t) {
		for w := range refWordCounts(f.Text) {
			full[w] = true
		}
	}
	var all, long []string
	for w := range full {
		all = append(all, w)
		if len(w) >= 4 {
			long = append(long, w)
		}
	}
	slices.Sort(all)
	slices.Sort(long)
	if len(long) == len(all) {
		t.Fatal("no short words in the corpus: the test tests nothing")
	}
	for _, w := range all {
		for n := 3; n <= len(w); n++ {
			if got, want := prefixOfWord(w[:n], long), prefixOfWord(w[:n], all); got != want {
				t.Fatalf("prefixOfWord(%q): %v without short words, %v with", w[:n], got, want)
			}
		}
	}
}
