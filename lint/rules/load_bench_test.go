package rules

import (
	"testing"

	"github.com/canon-kb/canon/lint/rules/artifact"
	"github.com/canon-kb/canon/lint/ruleset"
)

// BenchmarkLoadDefaults measures what every run pays before linting to
// load the default rules: the declarative files from YAML (as user rule
// files load) and from their generated form (as the binary loads them),
// and the artifact rules' compilation.
func BenchmarkLoadDefaults(b *testing.B) {
	b.Run("declarative-yaml", func(b *testing.B) {
		files := DeclarativeFiles()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ruleset.Load(files...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("declarative-generated", func(b *testing.B) {
		if parsedDeclarative == nil {
			b.Skip("no declarative_gen.go")
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ruleset.LoadParsed(parsedDeclarative()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("artifact", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range artifact.Defaults() {
				if _, err := artifact.NewRule(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
