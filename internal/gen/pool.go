// Package gen makes raw corpora of any size from reference files, for
// benchmarks and scale tests: the reference files' problems, cut out raw
// (with the damage they came with), shuffled, renumbered, reworded into
// new problems, some lines damaged again through a wrong code page, and
// some problems repeated across files. The output depends only on the
// reference files and the options: the same seed gives the same bytes.
package gen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// A chunk is one reference problem as it stands in its raw file: the gap
// before it (blank lines, a topic heading) and the problem, split around
// the number in its title so it can be renumbered.
type chunk struct {
	before, after string // the text around the number; after is "" when unnumbered
	numbered      bool
}

func (c chunk) size() int { return len(c.before) + len(c.after) + 4 }

// A reference file is a header and the problems cut from one file.
type reference struct {
	name   string
	header string // text before the first problem, cut to maxHeader
	chunks []chunk
}

// maxHeader bounds the header a generated file copies from its template;
// a longer header (a whole table of contents) is cut at a line.
const maxHeader = 2048

// A Pool holds the problems of the reference files, cut out once.
type Pool struct {
	refs []reference
}

// Problems is the number of problems in the pool.
func (p *Pool) Problems() int {
	n := 0
	for _, r := range p.refs {
		n += len(r.chunks)
	}
	return n
}

// LoadPool reads the *.txt and *.md files of dir as reference files.
func LoadPool(dir string) (*Pool, error) {
	var names []string
	for _, pat := range []string{"*.txt", "*.md"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		names = append(names, m...)
	}
	sort.Strings(names)
	files := map[string][]byte{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(n)] = b
	}
	return NewPool(files)
}

// NewPool cuts the problems out of the reference files (name → raw bytes).
// It finds them as canon does, by repairing and segmenting each file, and
// cuts them from the decoded but unrepaired text, so the damage a file
// came with goes into the generated corpus too.
func NewPool(files map[string][]byte) (*Pool, error) {
	all, err := rules.All()
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	inputs := make([]lint.Input, len(names))
	for i, n := range names {
		inputs[i] = lint.BytesInput(n, files[n])
	}
	// Only the repairs and the segmenter matter here: no check rule runs.
	none, err := lint.NewSelector(all, nil, []string{"ALL"})
	if err != nil {
		return nil, err
	}
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: all, Select: none})
	if err != nil {
		return nil, err
	}
	p := &Pool{}
	for _, f := range res.Files {
		if f.Skipped != nil || len(f.Problems) == 0 {
			continue
		}
		if ref := cut(f); len(ref.chunks) > 0 {
			p.refs = append(p.refs, ref)
		}
	}
	if len(p.refs) == 0 {
		return nil, fmt.Errorf("gen: no problems found in %d reference files", len(files))
	}
	return p, nil
}

// cut splits a linted file into its header and problem chunks. Chunk k
// runs from the line after problem k-1 ends to the line after problem k
// ends, so a topic heading goes with the problem under it.
func cut(f *lint.File) reference {
	text := f.Source.Text
	lineAfter := func(off int) int {
		if off <= 0 {
			return 0
		}
		if i := strings.IndexByte(text[off-1:], '\n'); i >= 0 {
			return off + i
		}
		return len(text)
	}
	lineStart := func(off int) int { return strings.LastIndexByte(text[:off], '\n') + 1 }

	ref := reference{name: f.Path}
	first := true
	prev := 0
	for i := range f.Problems {
		pr := &f.Problems[i]
		span := f.Doc.SourceSpan(pr.Span)
		title := f.Doc.SourceSpan(pr.TitleSpan)
		start := prev
		if first {
			start = lineStart(span.Start)
		}
		end := lineAfter(span.End)
		if span.Start < prev || end <= start || title.Start < start || title.Start >= end {
			continue // out of order or overlapping: not worth guessing
		}
		if first {
			ref.header = cutHeader(text[:start])
			first = false
		}
		ref.chunks = append(ref.chunks, splitNumber(text[start:end], title.Start-start, pr.Number))
		prev = end
	}
	return ref
}

func cutHeader(h string) string {
	if len(h) <= maxHeader {
		return h
	}
	return h[:strings.LastIndexByte(h[:maxHeader], '\n')+1]
}

// splitNumber splits a chunk around the first run of digits on its title
// line (which starts at title) that spells number.
func splitNumber(text string, title, number int) chunk {
	if number <= 0 {
		return chunk{before: text}
	}
	eol := strings.IndexByte(text[title:], '\n')
	if eol < 0 {
		eol = len(text) - title
	}
	line := text[title : title+eol]
	want := strconv.Itoa(number)
	for i := 0; i < len(line); {
		if !isDigit(line[i]) {
			i++
			continue
		}
		j := i
		for j < len(line) && isDigit(line[j]) {
			j++
		}
		if strings.TrimLeft(line[i:j], "0") == want {
			return chunk{before: text[:title+i], after: text[title+j:], numbered: true}
		}
		i = j
	}
	return chunk{before: text}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
