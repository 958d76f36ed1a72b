package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/canon-kb/canon/lint"
)

// stdinPath names standard input in findings and the knowledge base.
const stdinPath = "<stdin>"

// collectInputs expands paths into inputs: files as given, directories
// walked for the configuration's include patterns (*.txt and *.md by
// default; hidden directories and directory symlinks skipped, so a walk
// cannot loop), "-" as standard input. Paths matching an exclude pattern
// are left out, whether walked or named (a pre-commit hook names files).
// A path that cannot be read is an error naming it. Inputs come out sorted
// by path and without repeats.
func collectInputs(paths []string, ios *IOStreams) ([]lint.Input, error) {
	cfg, err := configFor(ios)
	if err != nil {
		return nil, err
	}
	stdin := ios.In
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var inputs []lint.Input
	seen := map[string]bool{}
	add := func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		inputs = append(inputs, lint.Input{Path: p, Open: func() ([]byte, error) { return readFile(p) }})
	}
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				return nil, usageErrorf("standard input (-) given twice")
			}
			stdinUsed = true
			inputs = append(inputs, lint.Input{Path: stdinPath, Open: func() ([]byte, error) {
				b, err := io.ReadAll(stdin)
				if err != nil {
					return nil, fmt.Errorf("reading standard input: %w", err)
				}
				return b, nil
			}})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, describePathError(p, err)
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: not a regular file", p)
			}
			if !cfg.Excluded(p) {
				add(p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return describePathError(path, err)
			}
			if d.IsDir() {
				if path != p && (strings.HasPrefix(d.Name(), ".") || cfg.Excluded(path)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !cfg.Included(path) || cfg.Excluded(path) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(path)
				if err != nil {
					return describePathError(path, err)
				}
				if !st.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			add(path)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(inputs, func(i, j int) bool { return inputs[i].Path < inputs[j].Path })
	return inputs, nil
}

func readFile(p string) ([]byte, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, describePathError(p, err)
	}
	return b, nil
}

// describePathError words the common failures plainly, naming the path.
func describePathError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or directory", p)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", p)
	case strings.Contains(err.Error(), "too many levels of symbolic links"):
		return fmt.Errorf("%s: symbolic link loop", p)
	}
	return fmt.Errorf("%s: %w", p, err)
}
