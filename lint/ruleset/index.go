package ruleset

import (
	"sort"

	"github.com/canon-kb/canon/internal/relit"
	"github.com/canon-kb/canon/lint/prose"
)

// A docIndex is a Set's reading of one document, shared by all its rules:
// the prose units, and for every keyword the units it occurs in.
type docIndex struct {
	doc     *prose.Doc
	kwUnits [][]int32 // keyword id → units holding it, ascending
	// deps[u] lists the units that take context from unit u (its heading,
	// lead-in or title); built on first use.
	deps    [][]int32
	seen    []uint32
	stamp   uint32
	scratch []int
	// memo holds pattern results by span of doc.Text.
	memo map[memoKey]bool
}

type memoKey struct {
	p          *relit.Pattern
	start, end int32
}

// test reports whether p matches the span s of the document's text,
// remembering the answer.
func (idx *docIndex) test(p *relit.Pattern, s prose.Span) bool {
	if s.End <= s.Start {
		return false
	}
	k := memoKey{p, int32(s.Start), int32(s.End)}
	if v, ok := idx.memo[k]; ok {
		return v
	}
	if idx.memo == nil {
		idx.memo = make(map[memoKey]bool, 256)
	}
	v := p.MatchString(idx.doc.Text[s.Start:s.End])
	idx.memo[k] = v
	return v
}

// anyOf reports whether one of ps matches span s.
func (idx *docIndex) anyOf(ps []*relit.Pattern, s prose.Span) bool {
	for _, p := range ps {
		if idx.test(p, s) {
			return true
		}
	}
	return false
}

// index analyses text and scans it once for every keyword of the set.
func (s *Set) index(text string) *docIndex {
	d := prose.Analyze(text)
	idx := &docIndex{doc: d, kwUnits: make([][]int32, len(s.keywords))}
	if len(s.keywords) == 0 || len(d.Units) == 0 {
		return idx
	}
	u := 0
	s.ac.Scan(d.Text, func(k, end int) {
		for u < len(d.Units)-1 && d.Units[u].End < end {
			u++
		}
		list := idx.kwUnits[k]
		if n := len(list); n == 0 || list[n-1] != int32(u) {
			idx.kwUnits[k] = append(list, int32(u))
		}
	})
	return idx
}

// dependents returns the units that take context from unit u.
func (idx *docIndex) dependents(u int32) []int32 {
	if idx.deps == nil {
		idx.deps = make([][]int32, len(idx.doc.Units))
		for i, unit := range idx.doc.Units {
			for _, c := range [...]int{unit.Heading, unit.LeadIn, unit.Title} {
				if c >= 0 {
					idx.deps[c] = append(idx.deps[c], int32(i))
				}
			}
			// A problem's question is often under its title line.
			if unit.Title >= 0 {
				if t := idx.doc.Units[unit.Title].Title; t >= 0 {
					idx.deps[t] = append(idx.deps[t], int32(i))
				}
			}
		}
	}
	return idx.deps[u]
}

// candidates returns, ascending, the units where a rule with these
// keywords may match: those that hold one of them, and, when the rule
// borrows from context, the units whose context holds one.
func (idx *docIndex) candidates(keywords []int, borrows bool) []int {
	if idx.seen == nil {
		idx.seen = make([]uint32, len(idx.doc.Units))
	}
	idx.stamp++
	out := idx.scratch[:0]
	add := func(u int32) {
		if idx.seen[u] != idx.stamp {
			idx.seen[u] = idx.stamp
			out = append(out, int(u))
		}
	}
	for _, k := range keywords {
		for _, u := range idx.kwUnits[k] {
			add(u)
			if borrows {
				for _, dep := range idx.dependents(u) {
					add(dep)
				}
			}
		}
	}
	sort.Ints(out)
	idx.scratch = out
	return out
}
