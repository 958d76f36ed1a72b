package relit

import (
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// A cond is a condition every match of a pattern meets: the text
// contains all of subs (an and), or one of lits or one of subs (an or).
// Literals are lower case where the pattern folds case, as in
// Pattern.lits.
type cond struct {
	and  bool
	lits []string
	// kind says how an or's lits are found: anywhere in the text, at its
	// start, or as the whole text (patterns anchored by ^ and $).
	kind litKind
	subs []*cond
	// score is the length of the shortest literal that can satisfy the
	// condition: higher fails more often, so an and tests it first.
	score int
	// leaves counts the literals in the tree.
	leaves int
	// Many literals are searched in one pass, by an automaton built on
	// first use.
	once sync.Once
	ac   *Automaton
}

type litKind uint8

const (
	inText litKind = iota
	atStart
	whole
)

// Bounds on the tree: beyond them a test costs more than the regexp
// would, or the parts left out decide little.
const (
	maxLeaves = 256 // literals in one tree
	maxAnd    = 3   // conditions kept in one and, the most selective
	minAC     = 8   // literals of an or searched by automaton
)

// holds reports whether t meets the condition.
func (c *cond) holds(t string) bool {
	if c.and {
		for _, s := range c.subs {
			if !s.holds(t) {
				return false
			}
		}
		return true
	}
	switch {
	case c.kind == atStart:
		for _, l := range c.lits {
			if strings.HasPrefix(t, l) {
				return true
			}
		}
	case c.kind == whole:
		for _, l := range c.lits {
			if t == l {
				return true
			}
		}
	case len(c.lits) >= minAC:
		c.once.Do(func() { c.ac = NewAutomaton(c.lits) })
		if c.ac.Contains(t) {
			return true
		}
	case containsAny(t, c.lits):
		return true
	}
	for _, s := range c.subs {
		if s.holds(t) {
			return true
		}
	}
	return false
}

func leaf(s string) *cond { return &cond{lits: []string{s}, score: len(s), leaves: 1} }

// need returns the condition every match of re meets, nil when there is
// none (a match may be any text, or the tree would be too large). With
// anyCase the text is not lower case, and letters that fold give none.
func need(re *syntax.Regexp, anyCase bool) *cond {
	if re.Op == syntax.OpConcat && re.Sub[0].Op == syntax.OpBeginText {
		return needConcat(re, anyCase)
	}
	if set := exact(re, anyCase); set != nil {
		return anyOf(set, inText)
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return need(re.Sub[0], anyCase)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return need(re.Sub[0], anyCase)
		}
	case syntax.OpConcat:
		return needConcat(re, anyCase)
	case syntax.OpAlternate:
		subs := make([]*cond, 0, len(re.Sub))
		for _, sub := range re.Sub {
			c := need(sub, anyCase)
			if c == nil {
				return nil
			}
			subs = append(subs, c)
		}
		return or(subs)
	}
	return nil
}

// hasCase reports whether a rune of rs has another case.
func hasCase(rs []rune) bool {
	for _, r := range rs {
		if unicode.SimpleFold(r) != r {
			return true
		}
	}
	return false
}

// needConcat is need for a concatenation. Runs of parts that match a
// few strings exactly join into the strings the run matches ("ask" "s?"
// " " → "ask ", "asks "); every other part adds its own condition. After
// a leading ^ the first run is a prefix of the text, and the text itself
// when the run reaches a final $.
func needConcat(re *syntax.Regexp, anyCase bool) *cond {
	var parts []*cond
	run := []string{""}
	start := re.Sub[0].Op == syntax.OpBeginText
	flush := func() {
		kind := inText
		if start {
			kind = atStart
		}
		if c := anyOf(run, kind); c != nil {
			parts = append(parts, c)
		}
		run, start = []string{""}, false
	}
	for _, sub := range re.Sub {
		if set := exact(sub, anyCase); set != nil {
			if joined := product(run, set); joined != nil {
				run = joined
				continue
			}
			flush()
			run = set
			continue
		}
		flush()
		if c := need(sub, anyCase); c != nil {
			parts = append(parts, c)
		}
	}
	if start && re.Sub[len(re.Sub)-1].Op == syntax.OpEndText {
		return anyOf(run, whole)
	}
	flush()
	return and(parts)
}

// maxExact bounds the strings exact and product return.
const maxExact = 32

// exact returns the strings re matches, when they are few: literals,
// alternations, optional parts and small classes of them. Empty-width
// assertions match "" (a necessary condition may ignore them). nil means
// too many or unbounded.
func exact(re *syntax.Regexp, anyCase bool) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if anyCase && re.Flags&syntax.FoldCase != 0 && hasCase(re.Rune) {
			// Text in any case: a folded letter could be either.
			return nil
		}
		return []string{literal(re)}
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return []string{""}
	case syntax.OpCapture:
		return exact(re.Sub[0], anyCase)
	case syntax.OpQuest:
		if set := exact(re.Sub[0], anyCase); set != nil {
			return union(set, []string{""})
		}
	case syntax.OpCharClass:
		// Every rune of a small class, as written: under case folding the
		// class already holds each case.
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(set) == 4 {
					return nil
				}
				set = append(set, string(r))
			}
		}
		return set
	case syntax.OpConcat:
		set := []string{""}
		for _, sub := range re.Sub {
			s := exact(sub, anyCase)
			if s == nil {
				return nil
			}
			if set = product(set, s); set == nil {
				return nil
			}
		}
		return set
	case syntax.OpAlternate:
		var set []string
		for _, sub := range re.Sub {
			s := exact(sub, anyCase)
			if s == nil {
				return nil
			}
			if set = union(set, s); len(set) > maxExact {
				return nil
			}
		}
		return set
	}
	return nil
}

// product returns every a+b, nil when there would be too many.
func product(as, bs []string) []string {
	if len(as)*len(bs) > maxExact {
		return nil
	}
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return out
}

func union(as, bs []string) []string {
	out := append([]string(nil), as...)
	for _, b := range bs {
		found := false
		for _, a := range out {
			found = found || a == b
		}
		if !found {
			out = append(out, b)
		}
	}
	return out
}

// anyOf is the condition that the text holds one of set, as kind says:
// nil when set holds "" (always met, or too weak to test). A string that
// holds another of the set as kind says is dropped, since the shorter one
// is found wherever it is.
func anyOf(set []string, kind litKind) *cond {
	c := &cond{kind: kind, score: -1}
	for i, s := range set {
		if s == "" {
			return nil
		}
		covered := false
		for j, t := range set {
			if j == i || len(t) > len(s) || len(t) == len(s) && j > i {
				continue
			}
			if kind == inText && strings.Contains(s, t) || kind == atStart && strings.HasPrefix(s, t) || s == t {
				covered = true
				break
			}
		}
		if !covered {
			c.lits = append(c.lits, s)
			c.leaves++
			if c.score < 0 || len(s) < c.score {
				c.score = len(s)
			}
		}
	}
	if kind != inText {
		// Found at a known place, a literal fails sooner than any other
		// test: an and tries it first.
		c.score += 1000
		return c
	}
	subs := make([]*cond, len(c.lits))
	for i, l := range c.lits {
		subs[i] = leaf(l)
	}
	return or(subs)
}

// and keeps the most selective parts: each is necessary on its own, so
// dropping some weakens the test but never makes it wrong.
func and(parts []*cond) *cond {
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].score > parts[j].score })
	if len(parts) > maxAnd {
		parts = parts[:maxAnd]
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	c := &cond{and: true, subs: parts}
	for _, p := range parts {
		c.score = max(c.score, p.score)
		c.leaves += p.leaves
	}
	return c
}

// or joins alternatives; when the tree grows too large each alternative
// keeps only its most selective part, and failing that there is no
// condition.
func or(alts []*cond) *cond {
	c := join(alts)
	if c.leaves > maxLeaves {
		for i, s := range alts {
			for s.and {
				s = s.subs[0]
			}
			alts[i] = s
		}
		if c = join(alts); c.leaves > maxLeaves {
			return nil
		}
	}
	if len(c.subs) == 1 && len(c.lits) == 0 {
		return c.subs[0]
	}
	return c
}

// join merges alternatives into one or: the literals of nested ors are
// its own.
func join(alts []*cond) *cond {
	c := &cond{score: -1}
	for _, s := range alts {
		c.leaves += s.leaves
		if c.score < 0 || s.score < c.score {
			c.score = s.score
		}
		if s.and || s.kind != inText {
			c.subs = append(c.subs, s)
			continue
		}
		c.lits = append(c.lits, s.lits...)
		c.subs = append(c.subs, s.subs...)
	}
	return c
}
