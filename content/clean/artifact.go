package clean

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/relit"
)

// Artifacts are page chrome that scraping keeps: widget labels, share and
// comment links, navigation, converter residue. They are described as
// data, a Pattern per context the chrome appears in, so that covering a
// new source takes a few lines of configuration (lint/rules/artifact holds
// the defaults and turns a list of patterns into a rule).
//
// A pattern matches either whole lines (Lines: consecutive lines, each a
// regular expression for the trimmed line, "" for a blank line) or text
// inside lines (Inline). Context conditions (Where) keep it to its chrome
// context: a lone "Copy" line before code, not the word copy in prose.
// Matches inside fenced code, or on lines that read as code, are skipped
// unless Where.Code is set.

// A Pattern describes one context in which an artifact appears.
type Pattern struct {
	// Lines are regular expressions for consecutive whole lines (trimmed);
	// "" matches a blank line. Named groups are available to Action
	// ("lang").
	Lines []string `yaml:"lines,omitempty"`
	// Inline is a regular expression matched inside lines. Exactly one of
	// Lines and Inline is set.
	Inline string `yaml:"inline,omitempty"`
	// Replace is what an Inline match becomes ($1, ${name} expand); the
	// match is removed when it is empty.
	Replace string `yaml:"replace,omitempty"`
	// Unescape removes markdown backslash escapes from the replacement
	// ("\(" becomes "(").
	Unescape bool `yaml:"unescape,omitempty"`
	// Until extends a Lines match through the first following line that
	// matches it, at most Within lines on (default 12).
	Until  string `yaml:"until,omitempty"`
	Within int    `yaml:"within,omitempty"`
	// Continue extends a Lines match over the following lines that match
	// it, blank lines between them included; at least one must.
	Continue string `yaml:"continue,omitempty"`
	// Where holds the context conditions.
	Where Where `yaml:"where,omitempty"`
	// Action is what the fix does with a Lines match: "delete" (the
	// default) removes the lines; "open-code" replaces them with an opening
	// code fence (info string from the "lang" group) and closes the fence
	// after the code that follows; "close-code" replaces them with a
	// closing fence and opens the fence where the code above begins.
	Action string `yaml:"action,omitempty"`
}

// Where restricts a pattern to its context. Zero values impose nothing.
type Where struct {
	// Alone requires a blank line (or the edge of the document) before and
	// after the matched lines.
	Alone bool `yaml:"alone,omitempty"`
	// Head and Tail require the match to start within the first, or end
	// within the last, so many non-blank lines of the document.
	Head int `yaml:"head,omitempty"`
	Tail int `yaml:"tail,omitempty"`
	// Next and Prev are regular expressions the next and previous
	// non-blank lines must match; NotNext and NotPrev must not match.
	Next    string `yaml:"next,omitempty"`
	Prev    string `yaml:"prev,omitempty"`
	NotNext string `yaml:"not_next,omitempty"`
	NotPrev string `yaml:"not_prev,omitempty"`
	// Echo requires the matched line to repeat a word of the previous
	// non-blank line, and that line to read as a heading (short, not
	// ending like a sentence): the alt text of an image under a heading.
	Echo bool `yaml:"echo,omitempty"`
	// NotBeforeCode rejects a match followed by code, text art or a
	// fence: a caption of something that is there, not orphaned text.
	NotBeforeCode bool `yaml:"not_before_code,omitempty"`
	// Code allows matches inside code.
	Code bool `yaml:"code,omitempty"`
}

// Actions.
const (
	ActionDelete    = "delete"
	ActionOpenCode  = "open-code"
	ActionCloseCode = "close-code"
)

// A Proposal is a repair a detector proposes: what it found and the edits
// that repair it, in the coordinates of the text it was given.
type Proposal struct {
	// Span is what was found.
	Span content.Span
	// Text is the text found (the first line of a multi-line match).
	Text string
	// Fix describes the edits as a verb phrase.
	Fix   string
	Edits []content.Edit
}

// A Matcher is a compiled Pattern.
type Matcher struct {
	p Pattern
	// The patterns run on every line of every document; most fail, and
	// relit's literal test makes a failure cheap.
	lines                     []*relit.Pattern
	inline                    *relit.Pattern
	until, cont               *relit.Pattern
	next, prev, notNx, notPrv *relit.Pattern
}

var blankLine = relit.MustCompile(`^$`)

// Compile checks a pattern and compiles its regular expressions. Errors
// name the offending field.
func Compile(p Pattern) (*Matcher, error) {
	m := &Matcher{p: p}
	if (len(p.Lines) == 0) == (p.Inline == "") {
		return nil, errors.New("set exactly one of lines and inline")
	}
	switch p.Action {
	case "", ActionDelete, ActionOpenCode, ActionCloseCode:
	default:
		return nil, fmt.Errorf("action: unknown action %q (want delete, open-code or close-code)", p.Action)
	}
	if p.Inline != "" && (p.Action != "" && p.Action != ActionDelete || p.Until != "" || p.Continue != "") {
		return nil, errors.New("inline patterns take replace, unescape and where only")
	}
	if p.Lines != nil && (p.Replace != "" || p.Unescape) {
		return nil, errors.New("replace and unescape apply to inline patterns only")
	}
	if p.Within < 0 || p.Where.Head < 0 || p.Where.Tail < 0 {
		return nil, errors.New("within, head and tail must not be negative")
	}
	var err error
	compile := func(field, expr string, anchored bool) *relit.Pattern {
		if expr == "" || err != nil {
			return nil
		}
		src := expr
		if anchored {
			src = `^(?:` + expr + `)$`
		}
		re, e := relit.CompileAnyCase(src)
		if e != nil {
			err = fmt.Errorf("%s: %w", field, e)
		}
		return re
	}
	for i, l := range p.Lines {
		re := compile(fmt.Sprintf("lines[%d]", i), l, true)
		if l == "" {
			re = blankLine
		}
		m.lines = append(m.lines, re)
	}
	m.inline = compile("inline", p.Inline, false)
	m.until = compile("until", p.Until, true)
	m.cont = compile("continue", p.Continue, true)
	m.next = compile("where.next", p.Where.Next, true)
	m.prev = compile("where.prev", p.Where.Prev, true)
	m.notNx = compile("where.not_next", p.Where.NotNext, true)
	m.notPrv = compile("where.not_prev", p.Where.NotPrev, true)
	if err != nil {
		return nil, err
	}
	if m.inline != nil && m.inline.MatchesEmpty() {
		return nil, errors.New("inline: pattern matches the empty string")
	}
	if p.Action == ActionOpenCode || p.Action == ActionCloseCode {
		if len(m.lines) == 0 {
			return nil, errors.New("code actions need lines")
		}
	}
	return m, nil
}

// Pattern returns the pattern m was compiled from.
func (m *Matcher) Pattern() Pattern { return m.p }

// A scan is a text split into lines with the facts patterns ask about.
type scan struct {
	text     string
	lines    []Line
	trimmed  []string
	inFence  []bool
	rank     []int // index among non-blank lines, -1 for blank lines
	nonBlank int
	code     []int8 // CodeScore+1 per line, 0 until computed
	row      []int8 // rowLike per line: 0 until computed, 1 yes, 2 no
	texts    []string
}

// lineTexts returns the text of every line, built once per scan: the
// code-fencing fixes read the lines after or before a match.
func (s *scan) lineTexts() []string {
	if s.texts == nil {
		s.texts = make([]string, len(s.lines))
		for i := range s.lines {
			s.texts[i] = s.lines[i].Text
		}
	}
	return s.texts
}

// codeScore returns CodeScore of line i, computed once per scan.
func (s *scan) codeScore(i int) int {
	if s.code[i] == 0 {
		s.code[i] = int8(CodeScore(s.lines[i].Text)) + 1
	}
	return int(s.code[i]) - 1
}

// Scan prepares text for matching; one Scan serves many matchers.
type Scan = *scan

// ScanKey is the memo key (lint.Pass.Memo) under which the rules of one
// stage share one Scan of a document instead of each splitting it again.
type ScanKey struct{}

// NewScan splits text into lines and notes fenced code.
func NewScan(text string) Scan {
	s := &scan{text: text, lines: Lines(text)}
	n := len(s.lines)
	s.trimmed = make([]string, n)
	s.inFence = make([]bool, n)
	s.rank = make([]int, n)
	s.code = make([]int8, n)
	fence := ""
	for i, l := range s.lines {
		s.trimmed[i] = Trim(l.Text)
		if f, ok := IsFence(l.Text); ok && (fence == "" || f[0] == fence[0] && len(f) >= len(fence)) {
			s.inFence[i] = true
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
		} else {
			s.inFence[i] = fence != ""
		}
		s.rank[i] = -1
		if s.trimmed[i] != "" {
			s.rank[i] = s.nonBlank
			s.nonBlank++
		}
	}
	return s
}

func (s *scan) blank(i int) bool { return i < 0 || i >= len(s.lines) || s.trimmed[i] == "" }

func (s *scan) prevNonBlank(i int) int {
	for i--; i >= 0 && s.trimmed[i] == ""; i-- {
	}
	return i
}

func (s *scan) nextNonBlank(i int) int {
	for i++; i < len(s.lines) && s.trimmed[i] == ""; i++ {
	}
	return i
}

// Find returns a proposal for every match of m in the scanned text.
func (m *Matcher) Find(s Scan) []Proposal {
	if m.inline != nil {
		return m.findInline(s)
	}
	var out []Proposal
	for i := 0; i < len(s.lines); i++ {
		// Without until, a match's last line is known before matching: the
		// positional conditions, which most lines fail, go first.
		if m.until == nil && !m.placed(s, i, i+len(m.lines)-1) {
			continue
		}
		last, groups, ok := m.matchAt(s, i)
		if !ok || !m.where(s, i, last) {
			continue
		}
		if p, ok := m.propose(s, i, last, groups); ok {
			out = append(out, p)
			i = last
		}
	}
	return out
}

// matchAt matches the line patterns at line i and extends the match; it
// returns the last line and the named groups.
func (m *Matcher) matchAt(s *scan, i int) (int, map[string]string, bool) {
	if i+len(m.lines) > len(s.lines) {
		return 0, nil, false
	}
	// Every line must pass its pattern's literal test before any regexp
	// runs: a later line's literal ("Copy", "Edit") settles most places
	// that an earlier line's broad pattern would match.
	for k, re := range m.lines {
		j := i + k
		if s.inFence[j] && !m.p.Where.Code || !re.MayMatch(s.trimmed[j]) {
			return 0, nil, false
		}
	}
	for k, re := range m.lines {
		if !re.Regexp().MatchString(s.trimmed[i+k]) {
			return 0, nil, false
		}
	}
	var groups map[string]string
	for k, p := range m.lines {
		re := p.Regexp()
		if re.NumSubexp() == 0 {
			continue
		}
		sub := re.FindStringSubmatch(s.trimmed[i+k])
		for n, name := range re.SubexpNames() {
			if name != "" && sub[n] != "" {
				if groups == nil {
					groups = map[string]string{}
				}
				groups[name] = sub[n]
			}
		}
	}
	last := i + len(m.lines) - 1
	if m.until != nil {
		within := m.p.Within
		if within == 0 {
			within = 12
		}
		found := false
		for j := last + 1; j < len(s.lines) && j <= last+within; j++ {
			if m.until.MatchString(s.trimmed[j]) {
				last, found = j, true
				break
			}
		}
		if !found {
			return 0, nil, false
		}
	}
	if m.cont != nil {
		// At least one line must continue the match: a heading with no
		// entries after it is not the block.
		if n := s.nextNonBlank(last); n >= len(s.lines) || !m.cont.MatchString(s.trimmed[n]) {
			return 0, nil, false
		}
		for j := last + 1; j < len(s.lines); j++ {
			if s.trimmed[j] == "" {
				continue
			}
			if !m.cont.MatchString(s.trimmed[j]) {
				break
			}
			last = j
		}
	}
	return last, groups, true
}

// where checks the context conditions for a match of lines first..last.
func (m *Matcher) where(s *scan, first, last int) bool {
	w := m.p.Where
	if !m.placed(s, first, last) {
		return false
	}
	p, n := s.prevNonBlank(first), s.nextNonBlank(last)
	lineAt := func(i int) string {
		if i < 0 || i >= len(s.lines) {
			return ""
		}
		return s.trimmed[i]
	}
	if m.prev != nil && !m.prev.MatchString(lineAt(p)) || m.notPrv != nil && m.notPrv.MatchString(lineAt(p)) {
		return false
	}
	if m.next != nil && !m.next.MatchString(lineAt(n)) || m.notNx != nil && m.notNx.MatchString(lineAt(n)) {
		return false
	}
	if w.Echo && !(headingish(lineAt(p)) && hasWord(lineAt(p), s.trimmed[first])) {
		return false
	}
	if w.NotBeforeCode && n < len(s.lines) {
		if _, ok := IsFence(s.trimmed[n]); ok || s.codeScore(n) == Code || IsDiagram(s.trimmed[n]) {
			return false
		}
	}
	if !w.Code {
		for i := first; i <= last; i++ {
			if s.inFence[i] {
				return false
			}
		}
	}
	return true
}

// placed tests the conditions on where lines first to last stand (alone,
// head, tail): the cheap part of where.
func (m *Matcher) placed(s *scan, first, last int) bool {
	w := m.p.Where
	if last >= len(s.lines) {
		return false
	}
	if w.Alone && (!s.blank(first-1) || !s.blank(last+1)) {
		return false
	}
	if w.Head > 0 && s.rank[first] >= w.Head {
		return false
	}
	if w.Tail > 0 && s.nonBlank-1-s.rank[last] >= w.Tail {
		return false
	}
	return true
}

// headingish reports whether a line can be a heading for Echo: short and
// not ending like a sentence or an introduction.
func headingish(s string) bool {
	return s != "" && FieldCountUpTo(s, 13) <= 12 && !strings.ContainsAny(lastRune(s), ".,;:")
}

// hasWord reports whether line contains word as a whole word, ignoring
// case.
func hasWord(line, word string) bool {
	if word == "" {
		return false
	}
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if strings.EqualFold(f, word) {
			return true
		}
	}
	return false
}

// propose builds the proposal for a Lines match of first..last.
func (m *Matcher) propose(s *scan, first, last int, groups map[string]string) (Proposal, bool) {
	span := content.Span{Start: s.lines[first].Start, End: s.lines[last].End}
	p := Proposal{Span: span, Text: s.trimmed[first]}
	whole := content.Span{Start: s.lines[first].Start, End: s.lines[last].Next}
	switch m.p.Action {
	case ActionOpenCode:
		return m.openCode(s, p, whole, last, groups["lang"])
	case ActionCloseCode:
		return m.closeCode(s, p, whole, first)
	}
	// Deleting lines that stand alone would leave two blank lines where
	// there was one; take the blank line after them too.
	if !s.blank(first-1) || !s.blank(last+1) || last+1 >= len(s.lines) {
		p.Edits = []content.Edit{{Span: whole}}
	} else {
		p.Edits = []content.Edit{{Span: content.Span{Start: whole.Start, End: s.lines[last+1].Next}}}
	}
	if first == last {
		p.Fix = "delete the line"
	} else {
		p.Fix = fmt.Sprintf("delete the %d lines", last-first+1)
	}
	return p, true
}

func (m *Matcher) openCode(s *scan, p Proposal, whole content.Span, last int, lang string) (Proposal, bool) {
	n := s.nextNonBlank(last)
	if n < len(s.lines) {
		if _, ok := IsFence(s.lines[n].Text); ok {
			p.Edits = []content.Edit{{Span: whole}}
			p.Fix = "delete the chrome before the fenced code"
			return p, true
		}
	}
	end := CodeBlockEnd(s.lineTexts()[last+1:], 0)
	if end == 0 {
		// No code follows: the chrome is all there is to remove.
		p.Edits = []content.Edit{{Span: whole}}
		p.Fix = "delete the chrome"
		return p, true
	}
	after := s.lines[last+end].Next
	closing := "```\n"
	if after == len(s.text) && !strings.HasSuffix(s.text, "\n") {
		closing = "\n```"
	}
	p.Edits = []content.Edit{
		{Span: whole, New: "```" + lang + "\n"},
		{Span: content.Span{Start: after, End: after}, New: closing},
	}
	p.Fix = "fence the code that follows"
	if lang != "" {
		p.Fix += " as " + lang
	}
	return p, true
}

func (m *Matcher) closeCode(s *scan, p Proposal, whole content.Span, first int) (Proposal, bool) {
	start := CodeBlockStart(s.lineTexts()[:first], first)
	if start >= first {
		p.Edits = []content.Edit{{Span: whole}}
		p.Fix = "delete the widget"
		return p, true
	}
	at := s.lines[start].Start
	closing := "```\n"
	if whole.End == len(s.text) && !strings.HasSuffix(s.text, "\n") {
		closing = "```"
	}
	p.Edits = []content.Edit{
		{Span: content.Span{Start: at, End: at}, New: "```\n"},
		{Span: whole, New: closing},
	}
	p.Fix = "fence the code above in place of the widget"
	return p, true
}

var escapeRE = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)

// Unescape removes markdown backslash escapes of ASCII punctuation.
func Unescape(s string) string { return escapeRE.ReplaceAllString(s, "$1") }

func (m *Matcher) findInline(s *scan) []Proposal {
	var out []Proposal
	re := m.inline.Regexp()
	for i, l := range s.lines {
		if !m.inline.MayMatch(l.Text) || s.trimmed[i] == "" || !m.p.Where.Code && (s.inFence[i] || s.codeScore(i) == Code) {
			continue
		}
		if !m.where(s, i, i) {
			continue
		}
		for _, loc := range re.FindAllStringSubmatchIndex(l.Text, -1) {
			if loc[1] == loc[0] {
				continue
			}
			repl := string(re.ExpandString(nil, m.p.Replace, l.Text, loc))
			if m.p.Unescape {
				repl = Unescape(repl)
			}
			found := l.Text[loc[0]:loc[1]]
			sp := content.Span{Start: l.Start + loc[0], End: l.Start + loc[1]}
			fix := fmt.Sprintf("replace %s with %s", Quote(found), Quote(repl))
			if repl == "" {
				fix = fmt.Sprintf("remove %s", Quote(found))
			}
			out = append(out, Proposal{Span: sp, Text: found, Fix: fix, Edits: []content.Edit{{Span: sp, New: repl}}})
		}
	}
	return out
}

// Quote quotes text for a message: “…”, shortened to 60 characters.
func Quote(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return "“" + s + "”"
}
