// Package fact holds canon's default fact rules: declarative claim and
// compute rules that flag wrong, outdated and misleading technical
// statements. The rules live in defaults/*.yaml, one file a topic so that
// several people can add rules without touching the same file, and are
// embedded in the binary. lint/rules.Declarative compiles them together
// with the consistency rules.
package fact

import (
	"embed"

	"github.com/canon-kb/canon/lint/ruleset"
)

//go:embed defaults/*.yaml
var defaults embed.FS

// Files returns the default fact rule files.
func Files() []ruleset.File {
	return ruleset.EmbeddedFiles(defaults, "defaults", "lint/rules/fact/defaults")
}
