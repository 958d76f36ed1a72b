package relit

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestLiterals(t *testing.T) {
	for expr, want := range map[string][]string{
		`(?i)\bdurab`:                        {"durab"},
		`(?i)\bno-cache\b`:                   {"no-cache"},
		`(?i)\b(?:every|each) request\b`:     {" request"},
		`(?i)\bmanytomany\b|\bsequelize\b`:   {"manytomany", "sequelize"},
		`(?i)\b500\b[^;]{0,40}\bserver`:      {"server"},
		`(?i)\b(?:a|b)?\s*x`:                 nil,
		`(?i)^version: ?["']?[23](?:\.\d+)?`: {"version:"},
		`(?i)\bz(?:rev)?rank\b`:              {"rank"},
		`ABC`:                                {"ABC"},
	} {
		p := MustCompile(expr)
		if got := p.Literals(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: literals %q, want %q", expr, got, want)
		}
	}
}

// TestSameAnswers checks the literal test never changes an answer.
func TestSameAnswers(t *testing.T) {
	texts := []string{"patch is usually idempotent.", "every request needs a handshake", "each requests", "", "version: '3.8'", "zrevrank key", "500 means the server is down", "ABC", "abc"}
	for _, expr := range []string{`(?i)\bidempot`, `(?i)\b(?:every|each) request\b`, `(?i)^version: ?["']?[23]`, `(?i)\bz(?:rev)?rank\b`, `(?i)\b500\b[^;]{0,40}\bserver`, `ABC`, `(?i)x?`} {
		p := MustCompile(expr)
		for _, text := range texts {
			if got, want := p.MatchString(text), p.Regexp().MatchString(text); got != want {
				t.Errorf("%s on %q: %v, regexp says %v", expr, text, got, want)
			}
		}
	}
}

// TestMatchesEmpty checks the width bound against the regexp itself, and
// that a pattern nothing has run is not compiled yet.
func TestMatchesEmpty(t *testing.T) {
	for _, expr := range []string{`a`, `a*`, `\b`, `^$`, `(?i)ſ`, `(?:ab|)`, `x{0,3}y`, `x{2}`, `[a-z]+|\bq`, `(?:a|b)?`, `\bfoo\b|^`, `$x`} {
		p := MustCompile(expr)
		if p.re != nil {
			t.Errorf("%s: compiled before first use", expr)
		}
		if got, want := p.MatchesEmpty(), regexp.MustCompile(expr).MatchString(""); got != want {
			t.Errorf("%s: MatchesEmpty %v, regexp says %v", expr, got, want)
		}
	}
	if _, err := Compile(`a(`); err == nil {
		t.Error("a(: no error")
	} else if _, want := regexp.Compile(`a(`); err.Error() != want.Error() {
		t.Errorf("a(: error %q, regexp.Compile's is %q", err, want)
	}
}

// TestNeed checks the and/or literal test: text holding one literal of a
// pattern but not the others skips the regexp, and no answer changes.
func TestNeed(t *testing.T) {
	for _, c := range []struct {
		expr       string
		pass, fail []string // texts the test lets through, and rejects
	}{
		{`(?i)\b(?:said|claimed) to\b`, []string{"it is said to be", "claimed tox"}, []string{"said that", "to be claimed"}},
		{`(?i)\basks? (?:how|why)\b`, []string{"she asks why", "ask how"}, []string{"asks when", "how to ask"}},
		{`(?i)\bthe (?:text|page)s? (?:says?|claims?)`, []string{"the text says", "the pages claim"}, []string{"the text", "the page notes what it says"}},
		{`(?i)\b(?:every|all) (?:nodes?|replicas?)\b[^;]{0,40}\b(?:same|latest) data`, []string{"all nodes read the same data"}, []string{"the same data", "all nodes agree"}},
		{`(?i)\bcolou?r\b|\bx{2,}`, []string{"color", "colour", "xx"}, []string{"colr", "c0lour"}},
		{`(?i)\b(?:a|b)?\s*x`, []string{"x", "ax"}, []string{"q", "ab"}},
		{`^(?:Copy(?: code)?)$`, []string{"Copy", "Copy code"}, []string{"Copy it", "A Copy", "copy"}},
		{`^(?:Insta(?:gram)?|X)\s*:\s*@?\w+`, []string{"Instagram: x", "X: y"}, []string{"My X: y", "Insta x"}},
		{`(?i)^version: ?["']?[23]`, []string{"version: 3"}, []string{"the version: 3"}},
	} {
		p := MustCompile(c.expr)
		for _, s := range c.pass {
			if p.need != nil && !p.need.holds(s) {
				t.Errorf("%s: test rejects %q", c.expr, s)
			}
		}
		for _, s := range c.fail {
			if p.need == nil || p.need.holds(s) {
				t.Errorf("%s: test passes %q", c.expr, s)
			}
		}
		for _, s := range append(c.pass, c.fail...) {
			if got, want := p.MatchString(s), p.Regexp().MatchString(s); got != want {
				t.Errorf("%s on %q: %v, regexp says %v", c.expr, s, got, want)
			}
		}
	}
}

// TestAutomaton checks the literal test of a long alternation (an
// automaton) against the regexp.
func TestAutomaton(t *testing.T) {
	p := MustCompile(`\b(?:alpha|beta|gamma|delta|epsilon|zeta|theta|iota|kappa|lambda|omicron|sigma)\b`)
	if p.need == nil || len(p.need.lits) < minAC {
		t.Fatalf("need %v: want an or of %d literals at least", p.need, minAC)
	}
	for _, s := range []string{"", "alph", "the kappa", "thet", "zetas", "beta", "a b c", "iot a"} {
		if got, want := p.MatchString(s), p.Regexp().MatchString(s); got != want {
			t.Errorf("%q: %v, regexp says %v", s, got, want)
		}
		found := false
		for _, l := range p.need.lits {
			found = found || strings.Contains(s, l)
		}
		if got := p.need.holds(s); got != found {
			t.Errorf("%q: automaton says %v, strings.Contains %v", s, got, found)
		}
	}
}

// TestLengthBounds checks that text shorter than any match, or longer
// than any match of a pattern anchored at both ends, is rejected without
// changing an answer.
func TestLengthBounds(t *testing.T) {
	for _, c := range []struct {
		expr     string
		min, max int
	}{
		{`^(?:[A-Za-z][\w+#.-]{0,15})$`, 1, 16},
		{`^(?:\p{L}[\p{L}\d-]{1,30})$`, 2, 4 * 31},
		{`(?i)^(?:k)$`, 1, 4},
		{`^(?:ab|c)$`, 1, 2},
		{`^a+$`, 1, -1},
		{`a{2,3}`, 2, -1},
	} {
		p := MustCompileAnyCase(c.expr) // the texts are in any case
		if p.minLen != c.min || p.maxLen != c.max {
			t.Errorf("%s: bounds %d, %d; want %d, %d", c.expr, p.minLen, p.maxLen, c.min, c.max)
		}
		for _, s := range []string{"", "a", "ab", "c", "K", "\u212a", "Go", "x-y", strings.Repeat("a", 16), strings.Repeat("a", 17), "ééé", strings.Repeat("é", 31), strings.Repeat("é", 32), "aaa"} {
			if got, want := p.MatchString(s), p.Regexp().MatchString(s); got != want {
				t.Errorf("%s on %q: %v, regexp says %v", c.expr, s, got, want)
			}
		}
	}
}

// TestAnalysis checks that a pattern rebuilt from its analysis answers as
// the compiled one does.
func TestAnalysis(t *testing.T) {
	texts := []string{"patch is usually idempotent.", "every request needs a handshake", "", "version: '3.8'", "x", "abc", "the theta said so", "theta says"}
	for _, expr := range []string{`(?i)\bpatch\b.*\bidempot`, `(?i)\b(?:every|each) request\b`, `(?i)^version: ?["']?[23]`, `x?`, `a*`, `(?:)`, `abc|x`, `^(?:ab|c)$`,
		`(?i)\b(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota) said\b`} {
		a, err := Analyze(expr)
		if err != nil {
			t.Fatal(err)
		}
		want, got := MustCompile(expr), FromAnalysis(expr, a)
		if got.MatchesEmpty() != want.MatchesEmpty() || !reflect.DeepEqual(got.Literals(), want.Literals()) || !reflect.DeepEqual(got.need.stored(), want.need.stored()) ||
			got.minLen != want.minLen || got.maxLen != want.maxLen {
			t.Errorf("%s: rebuilt pattern: empty %v lits %q, want %v %q", expr, got.MatchesEmpty(), got.Literals(), want.MatchesEmpty(), want.Literals())
		}
		for _, s := range texts {
			if got.MatchString(s) != want.MatchString(s) {
				t.Errorf("%s on %q: rebuilt pattern says %v", expr, s, got.MatchString(s))
			}
		}
	}
	if _, err := Analyze(`(`); err == nil {
		t.Error("Analyze accepted a bad pattern")
	}
}

// anchored are patterns anchored at both ends, as the artifact and
// ruleset defaults write them.
var anchored = []string{
	`^(?:\p{L}[\p{L}\d-]{1,30})$`,
	`^(?:(?P<lang>[A-Za-z][\w+#.-]{0,15}))$`,
	`(?i)^(?:table of contents|contents)$`,
	`^(?:@?[A-Za-z0-9.]*_[A-Za-z0-9._]*)$`,
	`^(a)(b)?$|^c$`,
	`^\s*$`,
}

// TestAnchoredSameAsRegexp checks that the regexp a pattern anchored at
// both ends compiles to (without Go's one-pass analysis) finds what
// regexp.MustCompile(expr) finds, groups included.
func TestAnchoredSameAsRegexp(t *testing.T) {
	texts := []string{"", "a", "ab", "c", "ac", "Go", "golang", "x-y", "Table of Contents", "contents", "foo_bar", "@x_1", "Screenshot", "ééé", "été-2", strings.Repeat("é", 31), strings.Repeat("é", 32), "  ", " a ", "a\nb"}
	for _, expr := range anchored {
		p, want := MustCompileAnyCase(expr), regexp.MustCompile(expr) // the texts are in any case
		got := p.Regexp()
		if got.NumSubexp() != want.NumSubexp() || !reflect.DeepEqual(got.SubexpNames(), want.SubexpNames()) {
			t.Errorf("%s: groups %q, regexp has %q", expr, got.SubexpNames(), want.SubexpNames())
		}
		for _, s := range texts {
			if g, w := got.FindStringSubmatchIndex(s), want.FindStringSubmatchIndex(s); !reflect.DeepEqual(g, w) {
				t.Errorf("%s on %q: %v, regexp says %v", expr, s, g, w)
			}
			if g, w := p.MatchString(s), want.MatchString(s); g != w {
				t.Errorf("%s on %q: MatchString %v, regexp says %v", expr, s, g, w)
			}
		}
	}
}

// TestAnchoredCompileCost checks that compiling a pattern anchored at
// both ends skips the one-pass analysis: it allocates less than half what
// regexp.Compile of the same expression does.
func TestAnchoredCompileCost(t *testing.T) {
	expr := anchored[0]
	p := MustCompile(expr)
	ours := testing.AllocsPerRun(3, func() { regexp.MustCompile(compiledExpr(expr, p.maxLen)) })
	plain := testing.AllocsPerRun(3, func() { regexp.MustCompile(expr) })
	if ours*2 >= plain {
		t.Errorf("%s: compiling allocates %.0f times, regexp.Compile %.0f", expr, ours, plain)
	}
}

// BenchmarkRegexpAnchored compiles patterns anchored at both ends as
// Pattern.Regexp does and as regexp.Compile does.
func BenchmarkRegexpAnchored(b *testing.B) {
	for _, expr := range anchored[:4] {
		p := MustCompile(expr)
		b.Run("relit/"+expr, func(b *testing.B) {
			for b.Loop() {
				regexp.MustCompile(compiledExpr(expr, p.maxLen))
			}
		})
		b.Run("regexp/"+expr, func(b *testing.B) {
			for b.Loop() {
				regexp.MustCompile(expr)
			}
		})
	}
}
