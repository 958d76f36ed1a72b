package segment

import (
	"regexp"
	"sort"
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/clean"
)

// How the segmenter decides, per document, which lines start problems.
//
//  1. Explicit markers always start a problem: "Problem N:", "Q.N)" and
//     "Q.)", and Question: "…" scripts. They are unambiguous.
//  2. Numbered lines ("1. …") at the left margin start problems only in a
//     document without explicit Problem/Q markers (where numbered lines are
//     steps inside answers), and only as a run: consecutive numbers,
//     restarting at 1 or after a section heading. A run counts when at
//     least half its titles ask something (end with "?" or start with an
//     interrogative or an ask verb such as Explain or Design), or when it
//     comes straight after a section marker ("ROUND 4 – … QUESTIONS").
//     A run counts up by one (or two: one lost item); a restart at 1, a
//     step back or a jump starts a new run.
//     This keeps "1. Launch EC2 Instance … 9. Access the app" (steps) out
//     and "1. Design a URL Shortener … 18. Idempotency in APIs" in.
//     Indented numbered lines are list items, never titles.
//  3. A list of three or more bare questions, one a paragraph, starts one
//     (unanswered) problem per question.
//  4. A freeform document (a blog post) marks problems by headings that ask
//     a question. Such question headings start problems only when they
//     outnumber the markers above, since in a marked document they are
//     sub-headings of answers ("✅ What might happen?"). A question heading
//     that only restates the current problem's title ("✅ Why Use Docker?"
//     under "What is Docker, and Why is it Used?") stays in its answer.
//
// Sections: a section marker ("ROUND 2 – …", "Topic 3: …", "Chapter 1", a
// heading announcing questions) always starts a section and ends the
// answer before it. A heading directly above a problem title (blank lines
// between allowed) is that problem's topic, not the end of the previous
// answer, provided it is set apart: emoji-led, bold, a section marker, or
// preceded by two blank lines or another such heading. One blank line is
// not enough, because the keyword lines of a PDF ("Nginx HAProxy AWS ALB")
// look like titles too. When the document has a table of contents, a
// heading in that position must name the next entries of it; any other is
// a stray running header (see Strays) and names no topic.

// A line as the outline sees it.
type line struct {
	clean.Line
	blank  bool
	fence  bool   // a fence line, or inside a fenced block
	bare   string // the text with decoration stripped (see decorate)
	bold   bool   // bold markers wrapped the text
	indent int
	emoji  bool // the line starts with an emoji
	sec    bool // isSectionMarkerBare, computed in scan
	// clean.HeadingLike and clean.CodeScore, computed on first use (most
	// lines never need them): head is 0 unknown, 1 no, 2 yes; code is
	// the score + 1, 0 unknown.
	head int8
	code int8
	// questionLine, memoised: 0 unknown, 1 yes, 2 no.
	qstate int8
	qtext  string
}

// A start is the title of a problem.
type start struct {
	line, last int // first and last line of the title
	marker     Marker
	number     int
	title      string
	body       string // title text after the first line (two-line bold titles)
}

type outline struct {
	text     string
	lines    []line
	starts   []start
	sections map[int]string // line index -> topic text, for section headings
	strays   map[int]bool   // line index -> stray running header
	chainTop map[int]int    // start line -> first line of its heading chain
	// Scratch space of problem(), reused from problem to problem.
	ansBuf   []answerLine
	blockBuf []Block
}

// analyze finds the problem starts and sections of text.
func analyze(text string) *outline {
	o := &outline{text: text, sections: map[int]string{}, strays: map[int]bool{}, chainTop: map[int]int{}}
	o.scan()
	o.findStarts()
	o.findSections()
	return o
}

func (o *outline) scan() {
	// The lines of clean.Lines, filled in place: copying a whole line
	// struct in costs a typed copy with write barriers while the
	// collector runs.
	o.lines = make([]line, strings.Count(o.text, "\n")+1)
	n := 0
	fence := ""
	for off := 0; off < len(o.text); n++ {
		ln := &o.lines[n]
		ln.Line = clean.LineAt(o.text, off)
		off = ln.Next
		l := &ln.Line
		ln.blank, ln.indent = l.Blank(), clean.Indent(l.Text)
		if f, ok := clean.IsFence(l.Text); ok && (fence == "" || strings.HasPrefix(f, fence[:1]) && len(f) >= len(fence)) {
			ln.fence = true
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
		} else if fence != "" {
			ln.fence = true
		}
		if !ln.blank && !ln.fence {
			ln.bare, ln.bold = decorate(l.Text)
			ln.emoji = clean.EmojiLed(l.Text)
			ln.sec = isSectionMarkerBare(ln.bare)
		}
	}
	o.lines = o.lines[:n]
}

// head reports clean.HeadingLike of line i (false for blank and fence
// lines), computed once.
func (o *outline) head(i int) bool {
	l := &o.lines[i]
	if l.blank || l.fence {
		return false
	}
	if l.head == 0 {
		l.head = 1
		if clean.HeadingLike(l.Text) {
			l.head = 2
		}
	}
	return l.head == 2
}

// codeScore returns clean.CodeScore of a line that is neither blank nor
// fence, computed once.
func (o *outline) codeScore(l *line) int {
	if l.code == 0 {
		l.code = int8(clean.CodeScore(l.Text)) + 1
	}
	return int(l.code) - 1
}

// text returns the usable title text of a regexp submatch.
func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}

func (o *outline) findStarts() {
	explicit := map[int]start{}
	var numbered []start
	var sectionLines []int
	for i := range o.lines {
		l := &o.lines[i]
		if l.blank || l.fence {
			continue
		}
		t := l.bare
		// Each marker regexp is anchored at a word or a digit; testing
		// the first bytes first spares most lines every regexp.
		if m := matchPrefixed(problemRE, t, "Problem"); m != nil && hasLetter(m[2]) {
			explicit[i] = start{line: i, last: i, marker: MarkerProblem, number: atoi(m[1]), title: titleText(m[2])}
			continue
		}
		if strings.Contains(l.Text, "Question") {
			if m := scriptRE.FindStringSubmatch(clean.Trim(l.Text)); m != nil {
				explicit[i] = start{line: i, last: i, marker: MarkerScript, title: titleText(m[1])}
				continue
			}
		}
		if m := matchPrefixed(qParenRE, t, "Q"); m != nil && hasLetter(m[2]) {
			explicit[i] = start{line: i, last: i, marker: MarkerQ, number: atoi(m[1]), title: titleText(m[2])}
			continue
		}
		if m := matchPrefixed(qNumRE, t, "Q"); m != nil && hasLetter(m[2]) {
			explicit[i] = start{line: i, last: i, marker: MarkerQ, number: atoi(m[1]), title: titleText(m[2])}
			continue
		}
		if l.sec {
			sectionLines = append(sectionLines, i)
			continue
		}
		if l.indent <= 1 && !l.emoji {
			if m := matchDigit(numberedRE, t); m != nil && hasLetter(m[2]) && clean.CodeScore(m[2]) != clean.Code {
				st := start{line: i, last: i, marker: MarkerNumbered, number: atoi(m[1]), title: titleText(m[2])}
				o.spanBoldTitle(&st, m[2])
				numbered = append(numbered, st)
			}
		}
	}
	hasProblemOrQ := false
	for _, st := range explicit {
		if st.marker == MarkerProblem || st.marker == MarkerQ {
			hasProblemOrQ = true
		}
	}
	all := explicit
	if !hasProblemOrQ {
		for _, st := range o.numberedRuns(numbered, sectionLines, explicit) {
			all[st.line] = st
		}
	}
	for _, st := range o.bareLists(all) {
		all[st.line] = st
	}
	if cands := o.questionHeadings(all); len(cands) > len(all) {
		o.starts = mergeFreeform(all, cands)
	} else {
		o.starts = sortedStarts(all)
	}
}

// spanBoldTitle extends a title whose bold markers open but do not close
// on its line ("**2. How do you design …?" … "Explain OT / CRDTs.**") over
// the lines up to the closing markers; the text after the first line is
// the question's body.
func (o *outline) spanBoldTitle(st *start, rest string) {
	raw := clean.Trim(o.lines[st.line].Text)
	opens := strings.Count(raw, "**")
	if opens%2 == 0 {
		return
	}
	var body []string
	for j := st.line + 1; j < len(o.lines) && j <= st.line+6; j++ {
		t := clean.Trim(o.lines[j].Text)
		if strings.Contains(t, "**") {
			if b := clean.Trim(strings.ReplaceAll(t, "**", "")); b != "" {
				body = append(body, b)
			}
			st.last = j
			st.body = strings.Join(body, " ")
			return
		}
		if t != "" {
			body = append(body, t)
		}
	}
}

// matchPrefixed is re.FindStringSubmatch(t) for a regexp anchored at
// prefix: nil without running it when t does not start with prefix.
func matchPrefixed(re *regexp.Regexp, t, prefix string) []string {
	if !strings.HasPrefix(t, prefix) {
		return nil
	}
	return re.FindStringSubmatch(t)
}

// matchDigit is re.FindStringSubmatch(t) for a regexp anchored at an
// ASCII digit.
func matchDigit(re *regexp.Regexp, t string) []string {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return nil
	}
	return re.FindStringSubmatch(t)
}

// mayBeLabel reports whether t can match a label regexp (questionLabelRE,
// interviewerLabelRE, answerLabelRE) by its first byte: Q, I, Y, a or s
// in either case, or the lead byte of "ſ", which (?i) matches as s.
func mayBeLabel(t string) bool {
	return t != "" && strings.IndexByte("QIYaAsS\xc5", t[0]) >= 0
}

// titleText cleans a title: bold markers and trailing decoration removed.
func titleText(s string) string {
	t := strings.ReplaceAll(s, "**", "")
	t = strings.ReplaceAll(t, "__", "")
	return clean.Trim(t)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// numberedRuns groups numbered candidates into runs and keeps the runs
// that are problem titles (see the package rules above).
func (o *outline) numberedRuns(cands []start, sectionLines []int, explicit map[int]start) []start {
	var runs [][]start
	for k, c := range cands {
		// A run counts up, one or two at a time (a lost item is a gap the
		// numbering rule reports); a restart or a jump starts a new run.
		newRun := k == 0 || c.number == 1 || c.number <= cands[k-1].number || c.number > cands[k-1].number+2
		if !newRun {
			prev := cands[k-1]
			for _, s := range sectionLines {
				if s > prev.line && s < c.line {
					newRun = true
				}
			}
		}
		if newRun {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], c)
	}
	var out []start
	for _, run := range runs {
		asks := 0
		for _, c := range run {
			if asksQuestion(c.title) {
				asks++
			}
		}
		if asks*2 >= len(run) || o.afterSection(run[0].line, sectionLines, cands, explicit) {
			out = append(out, run...)
		}
	}
	return out
}

// afterSection reports whether line i comes after a section marker with no
// problem title or numbered line in between.
func (o *outline) afterSection(i int, sectionLines []int, cands []start, explicit map[int]start) bool {
	sec := -1
	for _, s := range sectionLines {
		if s < i {
			sec = s
		}
	}
	if sec < 0 {
		return false
	}
	for _, c := range cands {
		if c.line > sec && c.line < i {
			return false
		}
	}
	for l := range explicit {
		if l > sec && l < i {
			return false
		}
	}
	return true
}

// standalone reports whether line i is a paragraph of one line: blank
// lines (or the document's edges) around it, or a heading right above.
func (o *outline) standalone(i int) bool {
	prevOK := i == 0 || o.lines[i-1].blank || o.head(i-1)
	nextOK := i+1 >= len(o.lines) || o.lines[i+1].blank
	return prevOK && nextOK
}

// questionLine reports whether line i reads as a question standing alone
// as a heading: not a bullet, not a quotation, not code, at most 40 words,
// ending with "?" or opening with an ask verb and ending like a sentence.
func (o *outline) questionLine(i int) (string, bool) {
	l := &o.lines[i]
	if l.qstate == 0 {
		l.qtext, l.qstate = "", 2
		if t, ok := o.questionLine1(l); ok {
			l.qtext, l.qstate = t, 1
		}
	}
	return l.qtext, l.qstate == 1
}

func (o *outline) questionLine1(l *line) (string, bool) {
	// A conjunction of pure tests: the costly ones (code scores, label
	// regexps) come last, as most lines fail a cheap one.
	if l.blank || l.fence || quoted(l.Text) {
		return "", false
	}
	t := l.bare
	if it, ok := clean.ParseListItem(t); ok {
		if !it.Ordered {
			return "", false
		}
		t = it.Text
	}
	t = titleText(clean.StripEmoji(t))
	if t == "" || quoted(t) {
		return "", false
	}
	if !endsWithQuestion(t) && !(strings.HasSuffix(t, ".") && askVerb(firstWord(t))) {
		return "", false
	}
	if !oneQuestion(t) || clean.FieldCountUpTo(t, 41) > 40 {
		return "", false
	}
	if mayBeLabel(t) && (questionLabelRE.MatchString(t) || interviewerLabelRE.MatchString(t) || answerLabelRE.MatchString(t)) {
		return "", false
	}
	if o.codeScore(l) == clean.Code || clean.CodeScore(t) == clean.Code {
		return "", false
	}
	return t, true
}

// askVerb reports the verbs that make a title ending in "." a question
// ("Explain the CAP theorem.").
func askVerb(w string) bool {
	switch w {
	case "explain", "describe", "compare", "discuss", "differentiate", "define":
		return true
	}
	return false
}

// bareLists finds runs of three or more standalone question lines with
// nothing between them: lists of questions without answers.
func (o *outline) bareLists(taken map[int]start) []start {
	var out, run []start
	flush := func() {
		asks := 0
		for _, s := range run {
			if endsWithQuestion(s.title) {
				asks++
			}
		}
		if len(run) >= 3 && asks*2 >= len(run) {
			out = append(out, run...)
		}
		run = nil
	}
	for i := range o.lines {
		l := &o.lines[i]
		if l.blank {
			continue
		}
		if _, ok := taken[i]; ok {
			flush()
			continue
		}
		t, ok := o.questionLine(i)
		if !ok || !o.standalone(i) {
			// A run ends here (flush does nothing to an empty run).
			flush()
			continue
		}
		run = append(run, start{line: i, last: i, marker: MarkerBare, title: t})
	}
	flush()
	return out
}

// questionHeadings lists the standalone question lines that are not
// problem titles already: the candidates of a freeform document.
func (o *outline) questionHeadings(taken map[int]start) []start {
	var out []start
	for i := range o.lines {
		if _, ok := taken[i]; ok {
			continue
		}
		if t, ok := o.questionLine(i); ok && o.standalone(i) {
			out = append(out, start{line: i, last: i, marker: MarkerHeading, title: t})
		}
	}
	return out
}

func sortedStarts(m map[int]start) []start {
	out := make([]start, 0, len(m))
	for _, s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].line < out[j].line })
	// A title spanning lines swallows starts inside it.
	kept := out[:0]
	last := -1
	for _, s := range out {
		if s.line <= last {
			continue
		}
		kept = append(kept, s)
		last = s.last
	}
	return kept
}

// mergeFreeform adds question headings to the explicit starts, leaving out
// those that restate the title of the problem they fall in.
func mergeFreeform(explicit map[int]start, cands []start) []start {
	all := map[int]start{}
	for k, v := range explicit {
		all[k] = v
	}
	for _, c := range cands {
		all[c.line] = c
	}
	sorted := sortedStarts(all)
	var out []start
	for _, s := range sorted {
		if s.marker == MarkerHeading && len(out) > 0 && restates(s.title, out[len(out)-1].title) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// findSections records section markers and the heading chains above
// problem titles, and marks stray running headers.
func (o *outline) findSections() {
	isStart := map[int]bool{}
	for _, s := range o.starts {
		for l := s.line; l <= s.last; l++ {
			isStart[l] = true
		}
	}
	type member struct {
		line   int
		strong bool
	}
	var chainLines []member
	for _, s := range o.starts {
		var ms []int
		for j := s.line - 1; j >= 0; j-- {
			l := &o.lines[j]
			if l.blank {
				continue
			}
			if l.fence || isStart[j] || !o.headingLine(j) {
				break
			}
			ms = append(ms, j)
		}
		// ms runs bottom-up; accept top-down.
		top := -1
		accepted := false
		for k := len(ms) - 1; k >= 0; k-- {
			j := ms[k]
			if accepted || o.setApart(j) {
				accepted = true
				if top < 0 {
					top = j
				}
				chainLines = append(chainLines, member{j, o.lines[j].sec})
			}
		}
		if top >= 0 {
			o.chainTop[s.line] = top
		}
	}
	for i := range o.lines {
		l := &o.lines[i]
		if !l.blank && !l.fence && !isStart[i] && l.sec {
			o.sections[i] = sectionText(l.Text)
		}
	}
	for _, m := range chainLines {
		o.sections[m.line] = sectionText(o.lines[m.line].Text)
	}
	toc := parseTOC(o.lines)
	if len(toc) == 0 {
		return
	}
	var heads []int
	for l := range o.sections {
		heads = append(heads, l)
	}
	sort.Ints(heads)
	cur := -1
	for _, l := range heads {
		name := o.sections[l]
		j := toc.find(name, cur)
		strong := topicNameRE.MatchString(o.lines[l].bare)
		switch {
		case strong && j >= 0:
			cur = j
		case strong || o.lines[l].sec && j < 0:
			// A numbered topic or section the contents do not list.
		case j >= 0 && j > cur && j <= cur+2:
			cur = j
		default:
			o.strays[l] = true
			delete(o.sections, l)
		}
	}
}

// headingLine reports whether line i can be part of a heading chain: a
// section marker, or a title-like line that does not introduce content.
func (o *outline) headingLine(i int) bool {
	l := &o.lines[i]
	if l.sec {
		return true
	}
	t := clean.Trim(l.Text)
	return o.head(i) && !strings.HasSuffix(t, ":") && !quoted(t) && clean.FieldCountUpTo(l.bare, 11) <= 10
}

// setApart reports whether heading line i is set apart as a heading:
// a section marker, emoji-led, bold, first in the document, or after two
// blank lines.
func (o *outline) setApart(i int) bool {
	l := &o.lines[i]
	if l.emoji || l.bold || l.sec {
		return true
	}
	blanks := 0
	for j := i - 1; j >= 0; j-- {
		if !o.lines[j].blank {
			return blanks >= 2
		}
		blanks++
	}
	return true
}

// Strays returns the spans (in text) of stray running headers: headings
// between problems that do not name the next entry of the document's table
// of contents. It returns nothing for a document without one.
func Strays(text string) []content.Span {
	if !hasTOCHeading(text) {
		return nil // no table of contents: nothing to judge headings by
	}
	o := analyze(text)
	var out []content.Span
	for l := range o.strays {
		out = append(out, o.lines[l].Full())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
