package relit

import (
	"reflect"
	"regexp"
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
