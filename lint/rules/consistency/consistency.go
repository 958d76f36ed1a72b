// Package consistency holds canon's default consistency rules: declarative
// rules that extract a value for a fact key (the CAP class of a database,
// the default size of a pool) wherever the corpus states one and report
// places that disagree, with each other or with the known value. The rules
// live in defaults/*.yaml and are embedded in the binary.
package consistency

import (
	"embed"

	"github.com/canon-kb/canon/lint/ruleset"
)

//go:embed defaults/*.yaml
var defaults embed.FS

// Files returns the default rule files.
func Files() []ruleset.File {
	return ruleset.EmbeddedFiles(defaults, "defaults", "lint/rules/consistency/defaults")
}
