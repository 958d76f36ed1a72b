package artifact

import (
	"flag"
	"reflect"
	"testing"

	"github.com/canon-kb/canon/internal/golit"
)

var update = flag.Bool("update", false, "rewrite defaults_gen.go from defaults.yaml")

// TestGeneratedUpToDate checks that defaults_gen.go holds the specs of
// defaults.yaml as it is now (the YAML is the source of truth); -update
// rewrites it.
func TestGeneratedUpToDate(t *testing.T) {
	specs := parseDefaults()
	src, err := golit.File(golit.Func{
		Generator: "go test ./lint/rules/artifact -run TestGeneratedUpToDate -update",
		PkgPath:   "github.com/canon-kb/canon/lint/rules/artifact",
		Name:      "defaultsParsed",
		Doc:       "defaultsParsed returns the specs of defaults.yaml.",
		Register:  "parsedDefaults",
		Value:     specs,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := golit.Sync("defaults_gen.go", src, *update, "go generate ./lint/rules/artifact"); err != nil || *update {
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if parsedDefaults == nil || !reflect.DeepEqual(Defaults(), specs) {
		t.Fatal("Defaults() differs from the specs of defaults.yaml")
	}
}
