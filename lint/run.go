package lint

import (
	"context"
	"fmt"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
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
	// Compact drops each file's text (Source, Doc) as soon as its
	// findings, problems and corpus-rule statements are extracted,
	// keeping only the raw lines findings point at (File.Line), so that a
	// run's memory grows with what it found, not with its input. Corpus
	// rules without Collect need the text; while one runs, nothing is
	// dropped.
	Compact bool
	// Progress, when set, is called after each input is processed, one
	// call at a time.
	Progress func(Progress)

	strs *interner // compact runs: the strings kept, one copy of each
}

// An interner keeps one copy of each distinct string a compact run keeps:
// a corpus repeats answers, blocks and messages, and keeping every copy
// would make the run's memory grow with the input rather than with what
// it holds that differs.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

// intern returns the kept copy of s, a copy detached from any larger
// string; the caller holds in.mu.
func (in *interner) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := in.m[s]; ok {
		return v
	}
	c := strings.Clone(s)
	in.m[c] = c
	return c
}

// Progress counts the inputs a run has processed so far.
type Progress struct {
	Files, TotalFiles int
	// Bytes are the raw bytes read.
	Bytes int64
	// Findings are the findings of the per-file stages, selected or not
	// yet, before corpus rules and suppression directives.
	Findings int
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
	// Origins are where each of Problems lies in the raw text.
	Origins []Origin
	// Skipped is set when the input is not text (decoding failed).
	Skipped error
	// Size is the input's size in bytes.
	Size int

	opts       *Options
	pending    [][]content.Edit // fix edits in the current Doc's coordinates, per finding of a repair stage
	memo       map[memoKey]any
	directives []*directive
	collected  map[*Rule]any
	lines      map[int]string // compact: the raw lines findings and Locations point at
	shared     [2]int         // compact: Findings are res.Findings[shared[0]:shared[1]]
	textLen    int
}

// HasText reports whether the file decoded to a non-empty text.
func (f *File) HasText() bool { return f.textLen > 0 }

// An Origin is where a problem lies in the raw text.
type Origin struct {
	// Span is the problem's extent in Source text.
	Span content.Span
	// TitleLine is the 1-based raw line of the problem's title.
	TitleLine int
}

// A Location is a place in a file's raw text, resolved while the text is
// at hand, so that it can be reported after a compact run dropped it.
type Location struct {
	// Span is in Source text.
	Span       content.Span
	Start, End content.Position
}

// Line returns raw line n of the file without its line ending. After a
// compact run only the lines findings and Locations point at are kept;
// others are "".
func (f *File) Line(n int) string {
	if f.Source != nil {
		return f.Source.Line(n)
	}
	return f.lines[n]
}

// locate resolves span, in doc's text, to raw positions.
func (f *File) locate(doc *content.Doc, span content.Span) Location {
	src := doc.SourceSpan(span)
	loc := Location{Span: src, Start: f.Source.Position(src.Start), End: f.Source.Position(src.End)}
	if f.opts.Compact {
		f.keepLine(loc.Start.Line)
	}
	return loc
}

func (f *File) keepLine(n int) {
	if _, ok := f.lines[n]; ok || f.Source == nil {
		return
	}
	if f.lines == nil {
		f.lines = map[int]string{}
	}
	f.lines[n] = strings.Clone(f.Source.Line(n))
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
	workers = min(workers, max(len(inputs), 1))
	// Text is dropped per file only when every corpus rule that runs has
	// what it needs from Collect.
	keepText := false
	for _, r := range opts.Rules {
		if r.Stage == StageCorpus && r.Collect == nil && opts.Select.runs(r) {
			keepText = true
		}
	}
	compact := opts.Compact && !keepText
	if opts.Compact {
		opts.strs = &interner{m: map[string]string{}}
	}
	files := make([]*File, len(inputs))
	errs := make([]error, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	var panicErr error
	var panicOnce sync.Once
	var mu sync.Mutex
	progress := Progress{TotalFiles: len(inputs)}
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
					if f := files[i]; f != nil && compact {
						f.compact()
					}
				}()
				if opts.Progress != nil {
					mu.Lock()
					progress.Files++
					if f := files[i]; f != nil {
						progress.Bytes += int64(f.Size)
						progress.Findings += len(f.Findings)
					}
					opts.Progress(progress)
					mu.Unlock()
				}
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
		if opts.Compact {
			f.compact()
		}
		start := len(res.Findings)
		for _, fd := range f.Findings {
			if opts.Select.Matches(fd.Rule) {
				res.Findings = append(res.Findings, fd)
			}
		}
		if opts.Compact && len(f.Findings) > 0 && len(res.Findings)-start == len(f.Findings) {
			// Every finding of the file is selected, so its list is a
			// copy of its part of res.Findings and can share it, which
			// halves what findings hold (there can be millions). The
			// slice is taken once res.Findings has stopped growing.
			f.Findings = nil
			f.shared = [2]int{start, len(res.Findings)}
		}
	}
	if opts.Compact {
		for _, f := range res.Files {
			if f.shared[1] > f.shared[0] {
				f.Findings = res.Findings[f.shared[0]:f.shared[1]:f.shared[1]]
			}
		}
		opts.strs = nil // the files keep opts: let the interner's map go
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

// finish records what later steps need of a processed file while its text
// is at hand: where its problems lie, its suppression directives, and
// what each corpus rule collects.
func (f *File) finish() {
	opts := f.opts
	f.Origins = make([]Origin, len(f.Problems))
	for i := range f.Problems {
		p := &f.Problems[i]
		f.Origins[i] = Origin{Span: f.Doc.SourceSpan(p.Span), TitleLine: f.Doc.Line(p.TitleSpan.Start)}
	}
	f.directives = parseDirectives(f.Source)
	if len(f.directives) > 0 {
		raw := content.NewDoc(f.Source)
		for _, d := range f.directives {
			d.loc = f.locate(raw, d.span)
		}
	}
	for _, r := range opts.Rules {
		if r.Stage != StageCorpus || r.Collect == nil || !opts.Select.runs(r) {
			continue
		}
		if f.collected == nil {
			f.collected = map[*Rule]any{}
		}
		f.collected[r] = r.Collect(&Pass{Rule: r, Doc: f.Doc, Problems: f.Problems, file: f})
	}
}

// compact drops the file's text, keeping the lines its findings point at
// and copies of the strings that would otherwise pin the text in memory.
func (f *File) compact() {
	if f.Source == nil {
		return
	}
	// What needs no shared state is done before taking the interner's
	// lock, which the workers share. Messages are not cloned here: intern
	// returns an interned copy or clones them.
	for i := range f.Findings {
		fd := &f.Findings[i]
		f.keepLine(fd.Line)
		detachFix(fd)
	}
	for i := range f.Problems {
		p := &f.Problems[i]
		p.Blocks = append([]segment.Block(nil), p.Blocks...)
	}
	in := f.opts.strs
	in.mu.Lock()
	defer in.mu.Unlock()
	for i := range f.Findings {
		fd := &f.Findings[i]
		fd.Message = in.intern(fd.Message)
	}
	for i := range f.Problems {
		p := &f.Problems[i]
		p.Title, p.Body, p.Question, p.Topic = in.intern(p.Title), in.intern(p.Body), in.intern(p.Question), in.intern(p.Topic)
		for j := range p.Blocks {
			b := &p.Blocks[j]
			b.Markdown, b.Lang = in.intern(b.Markdown), in.intern(b.Lang)
		}
	}
	f.Source, f.Doc, f.memo, f.pending = nil, nil, nil, nil
}

// detachFinding copies the strings of fd that may be slices of the text.
func detachFinding(fd *Finding) {
	fd.Message = strings.Clone(fd.Message)
	detachFix(fd)
}

// detachFix copies the strings of fd's fix.
func detachFix(fd *Finding) {
	if fd.Fix != nil {
		fix := &Fix{Message: strings.Clone(fd.Fix.Message), Edits: make([]content.Edit, len(fd.Fix.Edits))}
		for i, e := range fd.Fix.Edits {
			fix.Edits[i] = content.Edit{Span: e.Span, New: strings.Clone(e.New)}
		}
		fd.Fix = fix
	}
}

// lintInput reads, decodes, repairs, segments and checks one input.
func lintInput(in Input, opts *Options) (*File, error) {
	raw, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	f := &File{Path: in.Path, opts: opts, Size: len(raw)}
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
	f.textLen = len(src.Text)
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
				labelled("rule", "(segment)", func() { f.Problems = opts.Segmenter.Segment(f.Doc) })
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
		labelled("rule", r.ID, func() { r.Run(pass) })
	}
	if err := f.applyRepairs(stage); err != nil {
		return nil, err
	}
	if stage < StageCheck {
		labelled("rule", "(segment)", func() { f.Problems = opts.Segmenter.Segment(f.Doc) })
	}
	labelled("rule", "(finish)", f.finish)
	return f, nil
}

// labelled runs f with a pprof label, so that a CPU profile of a run
// splits by rule (go tool pprof -tags).
func labelled(key, value string, f func()) {
	pprof.Do(context.Background(), pprof.Labels(key, value), func(context.Context) { f() })
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

// finding makes a finding of rule r at loc.
func (f *File) finding(r *Rule, loc Location, message string, related []Related) Finding {
	sev := r.Severity
	if s, ok := f.opts.Severity[r.ID]; ok {
		sev = s
	}
	return Finding{
		Path: f.Path, Line: loc.Start.Line, Column: loc.Start.Col, EndLine: loc.End.Line, EndColumn: loc.End.Col,
		Rule: r.ID, Severity: sev, Message: message, Span: loc.Span, Related: related,
	}
}

// addAt records a finding without a fix at a resolved location.
func (f *File) addAt(r *Rule, loc Location, message string, related []Related) {
	fd := f.finding(r, loc, message, related)
	if f.Source == nil {
		detachFinding(&fd)
	}
	f.Findings = append(f.Findings, fd)
}

// add records a finding reported on doc.
func (f *File) add(r *Rule, doc *content.Doc, span content.Span, message string, fix *Fix, related []Related) {
	loc := f.locate(doc, span)
	fd := f.finding(r, loc, message, related)
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
