// Package relit speeds up regular expressions that usually do not match:
// it derives from a pattern the literal strings one of which every match
// must contain, and runs the regexp only on text that holds one. A rule
// engine tries hundreds of patterns on every sentence and almost all of
// them fail; a substring test fails much faster than a regexp does.
package relit

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A Pattern is a regexp with its required literals. The regexp is
// compiled on first use: a rule set holds hundreds of patterns and a
// short run (a pre-commit hook on one file) reaches few of them past the
// literal test, so compiling them all up front would dominate its time.
type Pattern struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
	// minLen is the fewest bytes a match spans. maxLen, when not -1, is
	// the most, for a pattern anchored at both ends of the text (^…$):
	// longer text cannot match.
	minLen, maxLen int
	// lits are lower-case strings one of which every match contains; nil
	// when no such set was found (the regexp then always runs). With fold
	// set the text must be lower case (canon's normalised text is).
	lits []string
	fold bool
	// need is a stronger test built from the same literals: what every
	// match must contain, as an and/or tree ("said" or "claimed", and
	// " to"), so that text holding one common literal ("the ") but not
	// the rest skips the regexp too. nil when nothing is required.
	need *cond
	// empty is set when the pattern came from an Analysis, which records
	// whether it matches the empty string.
	empty *bool
}

// MustCompile is Compile for patterns known to be valid.
func MustCompile(expr string) *Pattern { return must(Compile(expr)) }

func must(p *Pattern, err error) *Pattern {
	if err != nil {
		panic(err)
	}
	return p
}

// Compile parses expr (Go syntax) and derives its literals; errors are
// regexp.Compile's. The regexp itself is compiled when first needed.
func Compile(expr string) (*Pattern, error) {
	// regexp.Compile parses with syntax.Perl too, and fails only where
	// the parse does: a pattern that parses compiles.
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	tree = tree.Simplify()
	p := &Pattern{expr: expr, minLen: minWidth(tree), maxLen: wholeMaxWidth(tree)}
	lits, fold := required(tree)
	if len(lits) > 0 && minLen(lits) >= 2 {
		p.lits, p.fold = lits, fold
	}
	p.need = need(tree, false)
	return p, nil
}

// CompileAnyCase is Compile for patterns that run on text in any case:
// letters the pattern matches case-insensitively are left out of the
// literal test, and Literals returns nil.
func CompileAnyCase(expr string) (*Pattern, error) {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	tree = tree.Simplify()
	return &Pattern{expr: expr, minLen: minWidth(tree), maxLen: wholeMaxWidth(tree), need: need(tree, true)}, nil
}

// MustCompileAnyCase is CompileAnyCase for patterns known to be valid.
func MustCompileAnyCase(expr string) *Pattern { return must(CompileAnyCase(expr)) }

// MayMatch reports whether t passes the literal test: false means no
// match, true that the regexp must decide.
func (p *Pattern) MayMatch(t string) bool {
	return len(t) >= p.minLen && (p.maxLen < 0 || len(t) <= p.maxLen) && (p.need == nil || p.need.holds(t))
}

// An Analysis is what Compile derives from a pattern, in a form that can
// be stored: a program that embeds a fixed set of patterns analyses them
// when it is built (go generate) and rebuilds each Pattern with
// FromAnalysis, without parsing it again at start-up.
type Analysis struct {
	MinLen int
	// MaxLen is -1 unless the pattern is anchored at both ends.
	MaxLen int
	Lits   []string
	Fold   bool
	Need   *Need
	// Empty reports whether the pattern matches the empty string.
	Empty bool
}

// A Need is the stored form of a pattern's literal test (cond).
type Need struct {
	And  bool
	Lits []string
	// Kind is how the literals are found (litKind).
	Kind int
	Subs []*Need
}

// Analyze returns the analysis of expr; errors are Compile's.
func Analyze(expr string) (Analysis, error) {
	p, err := Compile(expr)
	if err != nil {
		return Analysis{}, err
	}
	return Analysis{MinLen: p.minLen, MaxLen: p.maxLen, Lits: p.lits, Fold: p.fold, Need: p.need.stored(), Empty: p.MatchesEmpty()}, nil
}

// FromAnalysis returns the pattern for expr whose analysis is a, as
// Analyze returned it for the same expr. The regexp is compiled on first
// use, as Compile's is.
func FromAnalysis(expr string, a Analysis) *Pattern {
	return &Pattern{expr: expr, minLen: a.MinLen, maxLen: a.MaxLen, lits: a.Lits, fold: a.Fold, need: a.Need.cond(), empty: &a.Empty}
}

func (c *cond) stored() *Need {
	if c == nil {
		return nil
	}
	n := &Need{And: c.and, Lits: c.lits, Kind: int(c.kind)}
	for _, s := range c.subs {
		n.Subs = append(n.Subs, s.stored())
	}
	return n
}

// cond rebuilds the test; only what holds reads is kept.
func (n *Need) cond() *cond {
	if n == nil {
		return nil
	}
	c := &cond{and: n.And, lits: n.Lits, kind: litKind(n.Kind)}
	for _, s := range n.Subs {
		c.subs = append(c.subs, s.cond())
	}
	return c
}

// Regexp returns the compiled regexp, compiling it on first use.
func (p *Pattern) Regexp() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(compiledExpr(p.expr, p.maxLen)) })
	return p.re
}

// compiledExpr returns what Regexp compiles for expr. A pattern anchored
// at both ends (maxLen not -1) is one Go's regexp analyses for its
// one-pass matcher, and that analysis can cost far more than the rest of
// the compilation: `^(?:\p{L}[\p{L}\d-]{1,30})$` takes 0.25 ms and 0.9 MB
// with it, 0.05 ms and 41 kB without (BenchmarkRegexpAnchored). Such a
// pattern runs on at most maxLen bytes, where the backtracking matcher
// Go then uses is as fast. A trailing \b|\B, true at every position,
// matches the same text with the same groups and makes Go skip the
// analysis, which wants the end anchor last.
func compiledExpr(expr string, maxLen int) string {
	if maxLen < 0 {
		return expr
	}
	return `(?:` + expr + `)(?:\b|\B)`
}

// MatchesEmpty reports whether the pattern matches the empty string.
func (p *Pattern) MatchesEmpty() bool {
	// A pattern whose every match spans a byte cannot; only the others
	// need the regexp.
	if p.empty != nil {
		return *p.empty
	}
	return p.minLen == 0 && p.Regexp().MatchString("")
}

// minWidth returns a lower bound on the bytes a match of re spans.
func minWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		// A rune per byte at least: under case folding "ſ" matches "s".
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minWidth(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minWidth(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n += minWidth(sub)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, sub := range re.Sub {
			if w := minWidth(sub); n < 0 || w < n {
				n = w
			}
		}
		return max(n, 0)
	}
	// Empty-width assertions, stars, quests, no-match: count nothing.
	return 0
}

// String returns the pattern's source.
func (p *Pattern) String() string { return p.expr }

// wholeMaxWidth returns the most bytes a match of re spans when re is
// anchored at the start and the end of the text, and -1 otherwise or when
// there is no bound.
func wholeMaxWidth(re *syntax.Regexp) int {
	if re.Op != syntax.OpConcat || re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return -1
	}
	return maxWidth(re)
}

// maxWidth returns an upper bound on the bytes a match of re spans, -1
// for none.
func maxWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			// A folded letter may match a longer one ("k", "K" U+212A).
			return len(re.Rune) * utf8.UTFMax
		}
		return len(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(re.Rune[len(re.Rune)-1])
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxWidth(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return -1
		}
		w := maxWidth(re.Sub[0])
		if w < 0 {
			return -1
		}
		return re.Max * w
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			w := maxWidth(sub)
			if w < 0 {
				return -1
			}
			n += w
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			w := maxWidth(sub)
			if w < 0 {
				return -1
			}
			n = max(n, w)
		}
		return n
	}
	// Star, plus, no-match: no bound.
	return -1
}

// Literals returns the required literals (nil when there are none).
func (p *Pattern) Literals() []string { return p.lits }

// MatchString reports whether t contains a match. When the pattern folds
// case, its literals are lower case and t must be too.
func (p *Pattern) MatchString(t string) bool {
	if !p.MayMatch(t) {
		return false
	}
	return p.Regexp().MatchString(t)
}

// FindAllStringIndex is regexp's, behind the same literal test.
func (p *Pattern) FindAllStringIndex(t string, n int) [][]int {
	if !p.MayMatch(t) {
		return nil
	}
	return p.Regexp().FindAllStringIndex(t, n)
}

// FindStringIndex is regexp's, behind the same literal test.
func (p *Pattern) FindStringIndex(t string) []int {
	if !p.MayMatch(t) {
		return nil
	}
	return p.Regexp().FindStringIndex(t)
}

func containsAny(t string, lits []string) bool {
	for _, l := range lits {
		if strings.Contains(t, l) {
			return true
		}
	}
	return false
}

func minLen(lits []string) int {
	m := -1
	for _, l := range lits {
		if m < 0 || len(l) < m {
			m = len(l)
		}
	}
	return m
}

// maxLits bounds the literal set; beyond it the test costs more than it
// saves.
const maxLits = 24

// required returns strings one of which every match of re contains,
// lower-cased, and whether any part of re folds case. An empty result
// means none could be derived.
func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{literal(re)}, re.Flags&syntax.FoldCase != 0
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// Adjacent literals join; otherwise the child with the longest
		// shortest literal is the most selective.
		var best []string
		fold := false
		run := ""
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral {
				run += literal(sub)
				fold = fold || sub.Flags&syntax.FoldCase != 0
				if len(run) > minLen(best) {
					best = []string{run}
				}
				continue
			}
			if isEmptyWidth(sub.Op) {
				continue
			}
			run = ""
			if l, f := required(sub); len(l) > 0 && minLen(l) > minLen(best) {
				best, fold = l, fold || f
			}
		}
		return best, fold
	case syntax.OpAlternate:
		var all []string
		fold := false
		for _, sub := range re.Sub {
			l, f := required(sub)
			if len(l) == 0 {
				return nil, false
			}
			all = append(all, l...)
			fold = fold || f
		}
		if len(all) > maxLits {
			return nil, false
		}
		return all, fold
	}
	return nil, false
}

func isEmptyWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpEmptyMatch:
		return true
	}
	return false
}

// literal returns a literal node's text, lower-cased when it folds case.
func literal(re *syntax.Regexp) string {
	if re.Flags&syntax.FoldCase == 0 {
		return string(re.Rune)
	}
	return lowerRunes(re.Rune)
}

func lowerRunes(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		b.Write(buf[:n])
	}
	return b.String()
}
