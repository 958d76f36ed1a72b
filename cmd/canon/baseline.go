package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/canon-kb/canon/lint"
)

func readBaseline(path string) (*lint.Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, describePathError(path, err)
	}
	b, err := lint.ParseBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

func baselineDir(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	return filepath.Dir(abs)
}

// writeBaselineFile records res's findings in path, atomically.
func writeBaselineFile(io *IOStreams, path string, res *lint.Result) error {
	data, err := lint.NewBaseline(res, baselineDir(path)).Marshal()
	if err != nil {
		return err
	}
	if err := createAtomic(path, data); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "canon: recorded %d findings in %s\n", len(res.Findings), path)
	return nil
}

// createAtomic writes path (new or existing) through a temporary file in
// the same directory, renamed over it.
func createAtomic(path string, data []byte) error {
	if _, err := os.Stat(path); err == nil {
		return writeAtomic(path, data)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".canon-*")
	if err != nil {
		return fmt.Errorf("%s: creating: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: writing: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: closing: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
