package rules

import (
	"flag"
	"reflect"
	"testing"

	"github.com/canon-kb/canon/internal/golit"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/ruleset"
)

var update = flag.Bool("update", false, "rewrite declarative_gen.go from the embedded rule files")

const generator = "go test ./lint/rules -run TestGeneratedUpToDate -update"

// TestGeneratedUpToDate checks that declarative_gen.go is the parsed form
// of the embedded rule files as they are now (the YAML is the source of
// truth); -update rewrites it.
func TestGeneratedUpToDate(t *testing.T) {
	p, err := ruleset.Parse(DeclarativeFiles()...)
	if err != nil {
		t.Fatal(err)
	}
	src, err := p.GoSource(golit.Func{Generator: generator, PkgPath: "github.com/canon-kb/canon/lint/rules", Name: "declarativeParsed", Register: "parsedDeclarative"})
	if err != nil {
		t.Fatal(err)
	}
	if err := golit.Sync("declarative_gen.go", src, *update, "go generate ./lint/rules"); err != nil || *update {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if parsedDeclarative == nil {
		t.Fatal("declarative_gen.go does not register its function")
	}
}

// TestParsedLoadsSame checks that the rules compiled from the generated
// form are those compiled from the YAML files: same documentation,
// examples and origins, and the same findings on every example.
func TestParsedLoadsSame(t *testing.T) {
	fromYAML, err := ruleset.Load(DeclarativeFiles()...)
	if err != nil {
		t.Fatal(err)
	}
	if parsedDeclarative == nil {
		t.Fatal("no generated form (declarative_gen.go)")
	}
	fromGo, err := ruleset.LoadParsed(parsedDeclarative())
	if err != nil {
		t.Fatal(err)
	}
	if len(fromGo.Rules) != len(fromYAML.Rules) {
		t.Fatalf("%d rules from the generated form, %d from YAML", len(fromGo.Rules), len(fromYAML.Rules))
	}
	for i, want := range fromYAML.Rules {
		got := fromGo.Rules[i]
		if got.ID != want.ID || got.Severity != want.Severity || got.Summary != want.Summary || got.Doc != want.Doc ||
			got.Origin != want.Origin || got.Stage != want.Stage || got.Fixable != want.Fixable ||
			!reflect.DeepEqual(got.References, want.References) || !reflect.DeepEqual(got.Examples, want.Examples) {
			t.Errorf("rule %d: generated form gives %+v, YAML %+v", i, got, want)
		}
	}
	builtin := Builtin()
	for _, set := range []*ruleset.Set{fromYAML, fromGo} {
		for _, r := range set.Rules {
			if errs := lint.CheckExamples(r, builtin); len(errs) > 0 {
				t.Errorf("%s: %v", r.ID, errs)
			}
		}
	}
}
