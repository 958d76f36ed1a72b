package prose

import (
	"reflect"
	"strings"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
)

// slowly runs f with write's run copy turned off: every byte goes through
// write's switch, the reference the copy of plain runs must equal.
func slowly(f func()) {
	saved := plainByte
	plainByte = [256]bool{}
	defer func() { plainByte = saved }()
	f()
}

var plainEdgeCases = []string{
	"", "a", "A", "ABC def", "isn't", "Isn'T it", "won't CAN'T shan't", "don't\n", "n't",
	`\% \$ \textbf{Bold} \rightarrow x \alpha \`, "$\\times$ and $5", "a * b *c* `x` {y}",
	"a -- b --- c ----", "--flag", "tab\tseparated\tcells", "“Quoted” ‘text’ café ÉCOLE ﬁ",
	"1. Item\n2. Item\n\n- bullet\n• dot\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	"# Heading\nSome text that wraps\nonto the next line.\n\n```\ncode(){}\n```\n",
	"a→b ≠ c ❌ no 😀 x\u200by", "\x00\x01\x7f~!\"#%&()+,./:;<=>?@[]^_|", "CAN'T", "Can’t", "it's",
}

func equalAnalysis(t *testing.T, text string) {
	t.Helper()
	var slowDoc *Doc
	var slowNorm string
	slowly(func() { slowDoc, slowNorm = Analyze(text), Normalize(text) })
	fastDoc, fastNorm := Analyze(text), Normalize(text)
	if fastNorm != slowNorm {
		t.Fatalf("Normalize(%.80q) = %.80q, switch alone gives %.80q", text, fastNorm, slowNorm)
	}
	if fastDoc.Text != slowDoc.Text || !reflect.DeepEqual(expand(fastDoc), expand(slowDoc)) ||
		!reflect.DeepEqual(fastDoc.Units, slowDoc.Units) {
		t.Fatalf("Analyze(%.80q) differs from the switch alone", text)
	}
}

// expand returns a Doc's source maps byte by byte.
func expand(d *Doc) byteMaps {
	var m byteMaps
	for k := range len(d.Text) {
		s, e := d.offs.at(k)
		m.src = append(m.src, s)
		m.srcEnd = append(m.srcEnd, e)
	}
	return m
}

// checkPieces compares a Doc's pieces with the per-byte maps the builder
// kept beside them (keepByteMaps), written where the pieces are.
func checkPieces(t *testing.T, text string) {
	t.Helper()
	keepByteMaps = true
	defer func() { keepByteMaps = false }()
	d := Analyze(text)
	if d.ref == nil {
		t.Fatal("no per-byte maps kept")
	}
	if got := expand(d); !reflect.DeepEqual(got.src, d.ref.src) || !reflect.DeepEqual(got.srcEnd, d.ref.srcEnd) {
		for k := range got.src {
			if got.src[k] != d.ref.src[k] || got.srcEnd[k] != d.ref.srcEnd[k] {
				t.Fatalf("Analyze(%.80q): byte %d of %q maps to [%d,%d), per-byte maps give [%d,%d)",
					text, k, d.Text, got.src[k], got.srcEnd[k], d.ref.src[k], d.ref.srcEnd[k])
			}
		}
		t.Fatalf("Analyze(%.80q): %d mapped bytes, per-byte maps have %d", text, len(got.src), len(d.ref.src))
	}
}

// TestPiecesKeepMaps checks the run-length source maps against the
// per-byte maps they replaced, on edge cases, the corpus files and each
// corpus line alone.
func TestPiecesKeepMaps(t *testing.T) {
	for _, c := range plainEdgeCases {
		checkPieces(t, c)
	}
	texts, _ := corpustest.Texts(t)
	for _, text := range texts {
		checkPieces(t, text)
		for l := range strings.Lines(text) {
			checkPieces(t, l)
		}
	}
}

func FuzzPieces(f *testing.F) {
	for _, c := range plainEdgeCases {
		f.Add(c)
	}
	f.Fuzz(checkPieces)
}

// TestPlainRunsKeepAnalysis checks that copying runs of plain bytes gives
// the text, source maps and units of the byte-by-byte switch, on edge
// cases, the corpus files and each corpus line alone.
func TestPlainRunsKeepAnalysis(t *testing.T) {
	for _, c := range plainEdgeCases {
		equalAnalysis(t, c)
	}
	texts, _ := corpustest.Texts(t)
	lines := 0
	for _, text := range texts {
		equalAnalysis(t, text)
		for l := range strings.Lines(text) {
			equalAnalysis(t, l)
			lines++
		}
	}
	if lines < 1000 {
		t.Fatalf("only %d corpus lines", lines)
	}
}

func FuzzPlainRuns(f *testing.F) {
	for _, c := range plainEdgeCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) { equalAnalysis(t, text) })
}
