package artifact

import (
	"bytes"
	"flag"
	"os"
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
	const file = "defaults_gen.go"
	if *update {
		if err := os.WriteFile(file, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(have, src) {
		t.Fatalf("%s does not hold the specs of defaults.yaml (%v); run go generate ./lint/rules/artifact", file, err)
	}
	if parsedDefaults == nil || !reflect.DeepEqual(Defaults(), specs) {
		t.Fatal("Defaults() differs from the specs of defaults.yaml")
	}
}
