package kb

import (
	"slices"
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
	// Each copy's blocks are looked up in the cache once; merging then
	// works on their features, not on their text.
	copies := make([]answerCopy, len(group))
	for k, i := range group {
		c := answerCopy{blocks: items[i].Problem.Blocks}
		c.fs = fc.all(c.blocks)
		c.score = score(c.blocks, c.fs)
		copies[k] = c
	}
	sort.SliceStable(copies, func(i, j int) bool { return copies[i].score > copies[j].score })
	merged := copies[0]
	merged.blocks = cloneBlocks(merged.blocks)
	merged.fs = append([]*features(nil), merged.fs...)
	var scratch alignment
	for _, c := range copies[1:] {
		// Merging a copy identical to the base changes nothing (every block
		// aligns with itself and is kept), so the common case of verbatim
		// repeats costs a comparison, not an alignment.
		if !sameBlocks(merged.blocks, c.blocks) {
			merged = scratch.merge(merged, c)
		}
	}
	a := &Answer{Markdown: joinBlocks(merged.blocks), Findings: []FindingRef{}}
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
	a.score = score(merged.blocks, merged.fs)
	return a
}

// An answerCopy is one copy's blocks and their features (fs[k] those of
// blocks[k]), or the merge of several copies.
type answerCopy struct {
	blocks []segment.Block
	fs     []*features
	score  int
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
	hashes   []uint64 // its words' hashes, until words is made of them
	words    []uint64 // word 1-shingles, nil until first needed
	nwords   int      // len(dedupe.Words)
	fields   int      // len(strings.Fields), -1 until first needed
}

type featureCache map[string]*features

func (fc featureCache) get(md string) *features {
	if f, ok := fc[md]; ok {
		return f
	}
	sq, words := dedupe.FoldWords(md)
	f := &features{squeezed: sq, hashes: words, nwords: len(words), fields: -1}
	fc[md] = f
	return f
}

// all returns the features of every block.
func (fc featureCache) all(bs []segment.Block) []*features {
	fs := make([]*features, len(bs))
	for k, b := range bs {
		fs[k] = fc.get(b.Markdown)
	}
	return fs
}

// shingles returns the set dedupe.Shingles(md, 1) gives.
func (f *features) shingles() []uint64 {
	if f.words == nil {
		f.words = dedupe.WordSet(f.hashes)
		f.hashes = nil
		if f.words == nil {
			f.words = []uint64{}
		}
	}
	return f.words
}

func (f *features) fieldCount(md string) int {
	if f.fields < 0 {
		f.fields = len(strings.Fields(md))
	}
	return f.fields
}

func cloneBlocks(bs []segment.Block) []segment.Block {
	return append([]segment.Block(nil), bs...)
}

func joinBlocks(bs []segment.Block) string {
	return strings.Join(markdowns(bs), "\n\n")
}

func markdowns(bs []segment.Block) []string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.Markdown
	}
	return parts
}

// blockSim is how much two blocks say the same thing: 1 when their text
// is the same once whitespace and markup are gone, high when one is a
// truncation of the other, else the Jaccard index of their words. Below
// minBlockSim the value does not matter (the blocks do not align), and a
// Jaccard index that cannot reach it is given as 0.
func blockSim(fa, fb *features) float64 {
	sa, sb := fa.squeezed, fb.squeezed
	switch {
	case sa == sb:
		return 1
	case sa == "" || sb == "":
		return 0
	case len(sa) >= 24 && len(sb) >= 24 && (strings.HasPrefix(sa, sb) || strings.HasPrefix(sb, sa)):
		return 0.9
	}
	a, b := fa.shingles(), fb.shingles()
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// inter/(|a|+|b|-inter) >= 1/2 needs 3·inter >= |a|+|b|.
	inter, ok := dedupe.Intersection(a, b, (len(a)+len(b))/3)
	if !ok {
		return 0
	}
	// As dedupe.Jaccard computes it.
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// An alignment holds the matrices of merge.
type alignment struct{ sim, best []float64 }

// minBlockSim is the least similarity at which two blocks are versions of
// one another.
const minBlockSim = 0.5

// merge aligns other with base (the alignment maximising the summed
// similarity of matched blocks, in order) and returns base with the better
// version of each matched block, and with other's unmatched blocks
// inserted where they stood when base lacks their text.
//
// a holds the matrices, reused from one copy to the next.
func (a *alignment) merge(base, other answerCopy) answerCopy {
	n, m := len(base.blocks), len(other.blocks)
	// sim[i*m+j] compares base block i with other block j; best[i*(m+1)+j]
	// is the best total for base[i:], other[j:].
	a.sim = slices.Grow(a.sim[:0], n*m)[:n*m]
	sim := a.sim
	for i := range n {
		for j := range m {
			sim[i*m+j] = blockSim(base.fs[i], other.fs[j])
		}
	}
	w := m + 1
	a.best = slices.Grow(a.best[:0], (n+1)*w)[:(n+1)*w]
	best := a.best
	clear(best[n*w:]) // the last row; the rest is written before it is read
	for i := range n {
		best[i*w+m] = 0 // the last column
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(best[(i+1)*w+j], best[i*w+j+1])
			if s := sim[i*m+j]; s >= minBlockSim {
				v = max(v, s+best[(i+1)*w+j+1])
			}
			best[i*w+j] = v
		}
	}
	whole, wholeDone := "", false // base's squeezed text, when first needed
	out := answerCopy{blocks: make([]segment.Block, 0, n+m), fs: make([]*features, 0, n+m)}
	keep := func(b segment.Block, f *features) {
		out.blocks = append(out.blocks, b)
		out.fs = append(out.fs, f)
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && sim[i*m+j] >= minBlockSim && best[i*w+j] == sim[i*m+j]+best[(i+1)*w+j+1]:
			if better(base.blocks[i], other.blocks[j], base.fs[i], other.fs[j]) {
				keep(other.blocks[j], other.fs[j])
			} else {
				keep(base.blocks[i], base.fs[i])
			}
			i++
			j++
		case i < n && (j == m || best[i*w+j] == best[(i+1)*w+j]):
			keep(base.blocks[i], base.fs[i])
			i++
		default:
			if sq := other.fs[j].squeezed; sq != "" {
				if !wholeDone {
					whole, wholeDone = dedupe.SqueezeParts(markdowns(base.blocks)), true
				}
				if !strings.Contains(whole, sq) {
					keep(other.blocks[j], other.fs[j])
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

// better reports whether b is the more intact of two versions of a block
// (fa and fb their features): the richer kind, then the one that keeps
// more of the text (a truncated copy loses), then the one with more
// separate words (spaces lost in a scrape glue words together); a when
// nothing tells them apart.
func better(a, b segment.Block, fa, fb *features) bool {
	if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
		return rb > ra
	}
	sa, sb := fa.squeezed, fb.squeezed
	if len(sb) > len(sa) && strings.HasPrefix(sb, sa) {
		return true
	}
	return sa == sb && fb.fieldCount(b.Markdown) > fa.fieldCount(a.Markdown)
}

// score rates how complete an answer is: its words, with code, tables,
// diagrams and lists counted as worth more than their words, since they
// are what scrapes lose first. fs are the blocks' features.
func score(bs []segment.Block, fs []*features) int {
	s := 0
	for k, b := range bs {
		s += fs[k].nwords
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
