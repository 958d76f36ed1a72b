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
	"unicode"
	"unicode/utf8"
)

// A Pattern is a compiled regexp with its required literals.
type Pattern struct {
	re *regexp.Regexp
	// lits are lower-case strings one of which every match contains; nil
	// when no such set was found (the regexp then always runs). With fold
	// set the text must be lower case (canon's normalised text is).
	lits []string
	fold bool
}

// MustCompile is Compile for patterns known to be valid.
func MustCompile(expr string) *Pattern {
	p, err := Compile(expr)
	if err != nil {
		panic(err)
	}
	return p
}

// Compile compiles expr (Go syntax) and derives its literals.
func Compile(expr string) (*Pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	p := &Pattern{re: re}
	if tree, err := syntax.Parse(expr, syntax.Perl); err == nil {
		lits, fold := required(tree.Simplify())
		if len(lits) > 0 && minLen(lits) >= 2 {
			p.lits, p.fold = lits, fold
		}
	}
	return p, nil
}

// Regexp returns the compiled regexp.
func (p *Pattern) Regexp() *regexp.Regexp { return p.re }

// Literals returns the required literals (nil when there are none).
func (p *Pattern) Literals() []string { return p.lits }

// MatchString reports whether t contains a match. When the pattern folds
// case, its literals are lower case and t must be too.
func (p *Pattern) MatchString(t string) bool {
	if p.lits != nil && !containsAny(t, p.lits) {
		return false
	}
	return p.re.MatchString(t)
}

// FindAllStringIndex is regexp's, behind the same literal test.
func (p *Pattern) FindAllStringIndex(t string, n int) [][]int {
	if p.lits != nil && !containsAny(t, p.lits) {
		return nil
	}
	return p.re.FindAllStringIndex(t, n)
}

// FindStringIndex is regexp's, behind the same literal test.
func (p *Pattern) FindStringIndex(t string) []int {
	if p.lits != nil && !containsAny(t, p.lits) {
		return nil
	}
	return p.re.FindStringIndex(t)
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
