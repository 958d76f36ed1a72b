package relit

import (
	"reflect"
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
