package lint

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/segment"
)

// An Input is one document to lint. Open is called once, from a worker,
// so a large corpus is not held in memory before it is processed.
type Input struct {
	// Path is the path as given by the user; it names the file in every
	// finding and in the knowledge base.
	Path string
	Open func() ([]byte, error)
}

// BytesInput is an Input over bytes already in memory.
func BytesInput(path string, data []byte) Input {
	return Input{Path: path, Open: func() ([]byte, error) { return data, nil }}
}

// Options configure a run.
type Options struct {
	// Rules are the enabled rules. Rules of repair stages always run, since
	// later stages read their repairs; Select decides which findings are
	// reported and which check rules run at all.
	Rules []*Rule
	// Select filters reported findings; nil selects everything.
	Select *Selector
	// Severity overrides rule severities by rule ID.
	Severity map[string]Severity
	// Segmenter splits repaired documents into problems; nil means
	// segment.Default.
	Segmenter segment.Segmenter
	// Workers bounds the documents processed at once; 0 means GOMAXPROCS.
	Workers int
}

// A File is the outcome of linting one input.
type File struct {
	Path string
	// Source is the decoded input; nil when it could not be read.
	Source *content.Source
	// Doc is the fully repaired text.
	Doc *content.Doc
	// Problems are the problems segmented from Doc.
	Problems []segment.Problem
	// Findings are every finding of the enabled rules, selected or not,
	// in report order.
	Findings []Finding
	// Skipped is set when the input is not text (decoding failed).
	Skipped error

	opts    *Options
	pending [][]content.Edit // fix edits in the current Doc's coordinates, per finding of a repair stage
	memo    map[memoKey]any
}

type memoKey struct {
	key any
	doc *content.Doc
}

// Memo returns the value stored under key for doc (a version of f's
// text), computing it with build on first use. A File is processed by one
// goroutine at a time, and corpus rules run one after another, so no lock
// is needed.
func (f *File) Memo(key any, doc *content.Doc, build func() any) any {
	k := memoKey{key, doc}
	if v, ok := f.memo[k]; ok {
		return v
	}
	if f.memo == nil {
		f.memo = map[memoKey]any{}
	}
	v := build()
	f.memo[k] = v
	return v
}

// A Result is the outcome of a run.
type Result struct {
	// Files are in path order.
	Files []*File
	// Findings are the selected findings of all files, in report order.
	Findings []Finding
	// Errors are inputs that could not be read, each naming its file.
	Errors []error
}

// Run lints inputs with opts. Documents are processed concurrently and the
// result does not depend on the order of inputs or on GOMAXPROCS.
func Run(ctx context.Context, inputs []Input, opts Options) (*Result, error) {
	if opts.Segmenter == nil {
		opts.Segmenter = segment.Default
	}
	rules := append([]*Rule(nil), opts.Rules...)
	sort.SliceStable(rules, func(i, j int) bool {
		if rules[i].Stage != rules[j].Stage {
			return rules[i].Stage < rules[j].Stage
		}
		return rules[i].ID < rules[j].ID
	})
	opts.Rules = rules

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	files := make([]*File, len(inputs))
	errs := make([]error, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	var panicErr error
	var panicOnce sync.Once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				func() {
					defer func() {
						if r := recover(); r != nil {
							panicOnce.Do(func() { panicErr = fmt.Errorf("internal error linting %s: %v", inputs[i].Path, r) })
						}
					}()
					files[i], errs[i] = lintInput(inputs[i], &opts)
				}()
			}
		}()
	}
	for i := range inputs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if panicErr != nil {
		return nil, panicErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &Result{}
	for i, f := range files {
		if errs[i] != nil {
			res.Errors = append(res.Errors, errs[i])
		}
		if f != nil {
			res.Files = append(res.Files, f)
		}
	}
	sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Error() < res.Errors[j].Error() })

	var texts []*File
	for _, f := range res.Files {
		if f.Skipped == nil {
			texts = append(texts, f)
		}
	}
	for _, r := range opts.Rules {
		if r.Stage == StageCorpus && opts.Select.runs(r) {
			if err := runCorpus(r, texts); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range res.Files {
		f.suppress(&opts)
		SortFindings(f.Findings)
		for _, fd := range f.Findings {
			if opts.Select.Matches(fd.Rule) {
				res.Findings = append(res.Findings, fd)
			}
		}
	}
	return res, nil
}

func runCorpus(r *Rule, files []*File) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in rule %s: %v", r.ID, p)
		}
	}()
	r.RunCorpus(&CorpusPass{Rule: r, Files: files})
	return nil
}

// lintInput reads, decodes, repairs, segments and checks one input.
func lintInput(in Input, opts *Options) (*File, error) {
	raw, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	f := &File{Path: in.Path, opts: opts}
	src, err := content.Decode(in.Path, raw)
	if err != nil {
		f.Skipped = err
		f.Source = content.NewSource(in.Path, raw, "", "binary", false)
		f.Doc = content.NewDoc(f.Source)
		for _, r := range opts.Rules {
			if r.Stage == StageDecode {
				r.Run(&Pass{Rule: r, Doc: f.Doc, DecodeErr: err, file: f})
			}
		}
		return f, nil
	}
	f.Source = src
	f.Doc = content.NewDoc(src)
	stage := StageDecode
	for _, r := range opts.Rules {
		if r.Stage == StageCorpus {
			continue
		}
		if r.Stage != stage {
			if err := f.applyRepairs(stage); err != nil {
				return nil, err
			}
			if r.Stage >= StageCheck && stage < StageCheck {
				f.Problems = opts.Segmenter.Segment(f.Doc)
			}
			stage = r.Stage
		}
		if r.Stage == StageCheck && !opts.Select.runs(r) {
			continue
		}
		pass := &Pass{Rule: r, Doc: f.Doc, file: f}
		if r.Stage == StageCheck {
			pass.Problems = f.Problems
		}
		r.Run(pass)
	}
	if err := f.applyRepairs(stage); err != nil {
		return nil, err
	}
	if stage < StageCheck {
		f.Problems = opts.Segmenter.Segment(f.Doc)
	}
	return f, nil
}

// applyRepairs applies the fixes found by a repair stage to f.Doc. A fix
// whose edits overlap an earlier fix is left out whole.
func (f *File) applyRepairs(stage Stage) error {
	pending := f.pending
	f.pending = nil
	if !stage.repairs() || len(pending) == 0 {
		return nil
	}
	edits := mergeFixes(pending)
	d, err := f.Doc.Apply(edits)
	if err != nil {
		return fmt.Errorf("%s: applying %s repairs: %w", f.Path, stage, err)
	}
	f.Doc = d
	return nil
}

// mergeFixes keeps every fix that does not overlap one kept before it, and
// returns the kept edits sorted. Fixes are taken in text order, and of two
// starting at the same place the wider first: when a fix deletes or
// rewrites a region (an artifact block), the fixes inside it would go with
// it, so the enclosing one wins.
func mergeFixes(fixes [][]content.Edit) []content.Edit {
	fixes = append([][]content.Edit(nil), fixes...)
	extent := func(f []content.Edit) (int, int) {
		lo, hi := f[0].Start, f[0].End
		for _, e := range f {
			lo, hi = min(lo, e.Start), max(hi, e.End)
		}
		return lo, hi
	}
	sort.SliceStable(fixes, func(i, j int) bool {
		if len(fixes[i]) == 0 || len(fixes[j]) == 0 {
			return len(fixes[i]) > len(fixes[j])
		}
		li, hi := extent(fixes[i])
		lj, hj := extent(fixes[j])
		if li != lj {
			return li < lj
		}
		return hi > hj
	})
	var kept []content.Edit
	var taken []content.Span
	overlaps := func(e content.Edit) bool {
		for _, s := range taken {
			if e.Start < s.End && s.Start < e.End || e.Start == s.Start && (e.Len() == 0 || s.Len() == 0) {
				return true
			}
		}
		return false
	}
	for _, fix := range fixes {
		ok := true
		for _, e := range fix {
			if overlaps(e) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for _, e := range fix {
			taken = append(taken, e.Span)
			kept = append(kept, e)
		}
	}
	content.SortEdits(kept)
	return kept
}

// add records a finding reported on doc.
func (f *File) add(r *Rule, doc *content.Doc, span content.Span, message string, fix *Fix, related []Related) {
	sev := r.Severity
	if s, ok := f.opts.Severity[r.ID]; ok {
		sev = s
	}
	src := doc.SourceSpan(span)
	start, end := f.Source.Position(src.Start), f.Source.Position(src.End)
	fd := Finding{
		Path: f.Path, Line: start.Line, Column: start.Col, EndLine: end.Line, EndColumn: end.Col,
		Rule: r.ID, Severity: sev, Message: message, Span: src, Related: related,
	}
	if fix != nil {
		edits := append([]content.Edit(nil), fix.Edits...)
		content.SortEdits(edits)
		if r.Stage.repairs() && len(edits) > 0 {
			f.pending = append(f.pending, edits)
			fd.Repair = true
		}
		mapped := make([]content.Edit, len(edits))
		for i, e := range edits {
			mapped[i] = content.Edit{Span: doc.SourceSpan(e.Span), New: e.New}
		}
		fd.Fix = &Fix{Message: fix.Message, Edits: mapped}
	}
	f.Findings = append(f.Findings, fd)
}
