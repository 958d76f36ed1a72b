package main

import (
	"testing"

	"github.com/canon-kb/canon/internal/lazyre"
)

// TestPackageRegexpsCompile compiles every regexp that canon's packages
// compile on first use (internal/lazyre): a bad one would otherwise fail
// only when a run first reaches it.
func TestPackageRegexpsCompile(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
