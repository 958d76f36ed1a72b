// Package fact holds canon's default fact rules: declarative claim rules
// that flag wrong, outdated and misleading technical statements. The rules
// live in defaults/*.yaml, one file a topic so that several people can add
// rules without touching the same file, and are embedded in the binary.
package fact

import (
	"embed"
	"sync"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/ruleset"
)

//go:embed defaults/*.yaml
var defaults embed.FS

// Files returns the default rule files, by name ("defaults/http.yaml").
func Files() []ruleset.File {
	entries, err := defaults.ReadDir("defaults")
	if err != nil {
		panic(err)
	}
	var files []ruleset.File
	for _, e := range entries {
		data, err := defaults.ReadFile("defaults/" + e.Name())
		if err != nil {
			panic(err)
		}
		files = append(files, ruleset.File{Name: "lint/rules/fact/defaults/" + e.Name(), Data: data})
	}
	return files
}

var (
	once  sync.Once
	set   *ruleset.Set
	setEr error
)

// Set returns the compiled default fact rules. The files are embedded and
// tested, so an error here is a bug in canon; it is returned, not hidden.
func Set() (*ruleset.Set, error) {
	once.Do(func() { set, setEr = ruleset.Load(Files()...) })
	return set, setEr
}

// Rules returns the default fact rules, sorted by ID.
func Rules() ([]*lint.Rule, error) {
	s, err := Set()
	if err != nil {
		return nil, err
	}
	return s.Rules, nil
}
