package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// A Baseline is a recorded set of accepted findings, so that canon can be
// adopted on an existing corpus and gate only new findings. Entries are
// matched by fingerprint (rule, path, and the text of the finding's line),
// not by line number, so findings survive lines moving above them; each
// entry absorbs one finding.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// A BaselineEntry is one accepted finding. Path is relative to the
// baseline file's directory; Line and Message are for people reading the
// file.
type BaselineEntry struct {
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// NewBaseline records the findings of res; dir is the baseline file's
// directory.
func NewBaseline(res *Result, dir string) *Baseline {
	b := &Baseline{Version: BaselineVersion, Findings: []BaselineEntry{}}
	lines := lineTexts(res)
	for _, f := range res.Findings {
		p := baselinePath(f.Path, dir)
		b.Findings = append(b.Findings, BaselineEntry{
			Path: p, Rule: f.Rule, Line: f.Line, Message: f.Message,
			Fingerprint: fingerprint(f.Rule, p, lines(f)),
		})
	}
	sort.SliceStable(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		return a.Rule < c.Rule
	})
	return b
}

// ParseBaseline reads a baseline file's contents.
func ParseBaseline(data []byte) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a canon baseline: %w", err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline version %d, want %d (write it again with --write-baseline)", b.Version, BaselineVersion)
	}
	return &b, nil
}

// Marshal encodes the baseline as indented JSON.
func (b *Baseline) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Apply removes the findings of res that the baseline accepts and returns
// how many it removed and the entries that matched nothing (fixed since,
// or changed beyond recognition).
func (b *Baseline) Apply(res *Result, dir string) (removed int, stale []BaselineEntry) {
	left := map[string][]int{}
	for i, e := range b.Findings {
		left[e.Fingerprint] = append(left[e.Fingerprint], i)
	}
	lines := lineTexts(res)
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		fp := fingerprint(f.Rule, baselinePath(f.Path, dir), lines(f))
		if l := left[fp]; len(l) > 0 {
			left[fp] = l[1:]
			removed++
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	for _, l := range left {
		for _, i := range l {
			stale = append(stale, b.Findings[i])
		}
	}
	sort.Slice(stale, func(i, j int) bool {
		return stale[i].Path < stale[j].Path || stale[i].Path == stale[j].Path && stale[i].Line < stale[j].Line
	})
	return removed, stale
}

// lineTexts returns a function giving the trimmed raw text of a finding's
// line.
func lineTexts(res *Result) func(Finding) string {
	files := map[string]*File{}
	for _, f := range res.Files {
		files[f.Path] = f
	}
	return func(fd Finding) string {
		if f := files[fd.Path]; f != nil && f.Skipped == nil {
			return strings.TrimSpace(f.Line(fd.Line))
		}
		return ""
	}
}

func fingerprint(rule, path, line string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + line))
	return hex.EncodeToString(sum[:12])
}

// baselinePath expresses p relative to dir when it can, with slashes, so a
// baseline works from any working directory and on any system.
func baselinePath(p, dir string) string {
	if dir == "" || strings.HasPrefix(p, "<") {
		return filepath.ToSlash(p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}
