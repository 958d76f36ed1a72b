package kb

import (
	"sort"
	"strings"

	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/kb/dedupe"
)

// mergeAnswer makes one answer of exact or near copies. The most complete
// copy is the base; every other copy is aligned with it block by block,
// and where a copy kept a part intact that the base lost or damaged (code
// dropped, a table flattened into a line, the spaces around inline code
// lost, a truncated end), the intact part is taken. Sources and findings
// of every copy are kept.
func mergeAnswer(items []Item, group []int) *Answer {
	fc := featureCache{}
	copies := make([]int, len(group))
	copy(copies, group)
	scores := make(map[int]int, len(group))
	for _, i := range group {
		scores[i] = fc.score(items[i].Problem.Blocks)
	}
	sort.SliceStable(copies, func(i, j int) bool { return scores[copies[i]] > scores[copies[j]] })
	merged := cloneBlocks(items[copies[0]].Problem.Blocks)
	for _, i := range copies[1:] {
		// Merging a copy identical to the base changes nothing (every block
		// aligns with itself and is kept), so the common case of verbatim
		// repeats costs a comparison, not an alignment.
		if other := items[i].Problem.Blocks; !sameBlocks(merged, other) {
			merged = fc.mergeBlocks(merged, other)
		}
	}
	a := &Answer{Markdown: joinBlocks(merged), Findings: []FindingRef{}}
	seen := map[FindingRef]bool{}
	for _, i := range group {
		a.Sources = append(a.Sources, items[i].Source)
		for _, f := range items[i].Findings {
			if !seen[f] {
				seen[f] = true
				a.Findings = append(a.Findings, f)
			}
		}
	}
	sortSources(a.Sources)
	sortFindings(a.Findings)
	a.score = fc.score(merged)
	return a
}

// sameBlocks reports whether two answers have the same blocks, as far as
// merging and emitting them can tell.
func sameBlocks(a, b []segment.Block) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Kind != b[i].Kind || a[i].Markdown != b[i].Markdown || a[i].Lang != b[i].Lang {
			return false
		}
	}
	return true
}

// features are what merging compares of a block, computed once per
// distinct block text: copies of an answer repeat most of their blocks.
type features struct {
	squeezed string
	words    []uint64 // word 1-shingles
	nwords   int      // len(dedupe.Words)
	fields   int      // len(strings.Fields)
}

type featureCache map[string]*features

func (fc featureCache) get(md string) *features {
	if f, ok := fc[md]; ok {
		return f
	}
	f := &features{squeezed: dedupe.Squeeze(md), nwords: len(dedupe.Words(md)), fields: -1}
	fc[md] = f
	return f
}

func (fc featureCache) shingles(md string) []uint64 {
	f := fc.get(md)
	if f.words == nil {
		f.words = dedupe.Shingles(md, 1)
		if f.words == nil {
			f.words = []uint64{}
		}
	}
	return f.words
}

func (fc featureCache) fieldCount(md string) int {
	f := fc.get(md)
	if f.fields < 0 {
		f.fields = len(strings.Fields(md))
	}
	return f.fields
}

func cloneBlocks(bs []segment.Block) []segment.Block {
	return append([]segment.Block(nil), bs...)
}

func joinBlocks(bs []segment.Block) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.Markdown
	}
	return strings.Join(parts, "\n\n")
}

// blockSim is how much two blocks say the same thing: 1 when their text
// is the same once whitespace and markup are gone, high when one is a
// truncation of the other, else the Jaccard index of their words.
func (fc featureCache) blockSim(a, b segment.Block) float64 {
	sa, sb := fc.get(a.Markdown).squeezed, fc.get(b.Markdown).squeezed
	switch {
	case sa == sb:
		return 1
	case sa == "" || sb == "":
		return 0
	case len(sa) >= 24 && len(sb) >= 24 && (strings.HasPrefix(sa, sb) || strings.HasPrefix(sb, sa)):
		return 0.9
	}
	j, _ := dedupe.Jaccard(fc.shingles(a.Markdown), fc.shingles(b.Markdown))
	return j
}

// minBlockSim is the least similarity at which two blocks are versions of
// one another.
const minBlockSim = 0.5

// mergeBlocks aligns other with base (the alignment maximising the summed
// similarity of matched blocks, in order) and returns base with the better
// version of each matched block, and with other's unmatched blocks
// inserted where they stood when base lacks their text.
func (fc featureCache) mergeBlocks(base, other []segment.Block) []segment.Block {
	n, m := len(base), len(other)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, m)
		for j := range sim[i] {
			sim[i][j] = fc.blockSim(base[i], other[j])
		}
	}
	// best[i][j]: best total for base[i:], other[j:].
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(best[i+1][j], best[i][j+1])
			if sim[i][j] >= minBlockSim {
				v = max(v, sim[i][j]+best[i+1][j+1])
			}
			best[i][j] = v
		}
	}
	whole, wholeDone := "", false // base's squeezed text, when first needed
	var out []segment.Block
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && sim[i][j] >= minBlockSim && best[i][j] == sim[i][j]+best[i+1][j+1]:
			out = append(out, fc.better(base[i], other[j]))
			i++
			j++
		case i < n && (j == m || best[i][j] == best[i+1][j]):
			out = append(out, base[i])
			i++
		default:
			if sq := fc.get(other[j].Markdown).squeezed; sq != "" {
				if !wholeDone {
					whole, wholeDone = dedupe.Squeeze(joinBlocks(base)), true
				}
				if !strings.Contains(whole, sq) {
					out = append(out, other[j])
				}
			}
			j++
		}
	}
	return out
}

// kindRank orders block kinds by how much structure they keep: a table
// flattened into a paragraph says the same words with less.
func kindRank(k segment.BlockKind) int {
	switch k {
	case segment.Table, segment.Code, segment.Diagram:
		return 3
	case segment.List:
		return 2
	}
	return 1
}

// better picks the more intact of two versions of a block: the richer
// kind, then the one that keeps more of the text (a truncated copy loses),
// then the one with more separate words (spaces lost in a scrape glue
// words together), else a.
func (fc featureCache) better(a, b segment.Block) segment.Block {
	if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
		if rb > ra {
			return b
		}
		return a
	}
	sa, sb := fc.get(a.Markdown).squeezed, fc.get(b.Markdown).squeezed
	if len(sb) > len(sa) && strings.HasPrefix(sb, sa) {
		return b
	}
	if sa == sb && fc.fieldCount(b.Markdown) > fc.fieldCount(a.Markdown) {
		return b
	}
	return a
}

// score rates how complete an answer is: its words, with code, tables,
// diagrams and lists counted as worth more than their words, since they
// are what scrapes lose first.
func (fc featureCache) score(bs []segment.Block) int {
	s := 0
	for _, b := range bs {
		s += fc.get(b.Markdown).nwords
		switch b.Kind {
		case segment.Code, segment.Table, segment.Diagram:
			s += 40
		case segment.List:
			s += 15
		}
	}
	return s
}

// answerScore ranks independent answers: complete first (score),
// less a penalty per finding by severity, so a wrong answer sinks.
func answerScore(a *Answer) int {
	s := a.score
	for _, f := range a.Findings {
		switch f.Severity {
		case "error":
			s -= 60
		case "warning":
			s -= 20
		default:
			s -= 5
		}
	}
	return s
}

// rankAnswers puts the best answer first; ties go to the answer with more
// sources, then to the first in source order.
func rankAnswers(as []*Answer) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if sa, sb := answerScore(a), answerScore(b); sa != sb {
			return sa > sb
		}
		if len(a.Sources) != len(b.Sources) {
			return len(a.Sources) > len(b.Sources)
		}
		return sourceLess(a.Sources[0], b.Sources[0])
	})
}

func sortFindings(fs []FindingRef) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}
