// Package prose turns a document into the units that claim rules read:
// normalised sentences and clauses, each with its context (the problem
// title, the enclosing heading, the lead-in of a list) and a map from every
// normalised byte back to the document text.
//
// Scraped Q&A text is not well-formed prose: lines are hard-wrapped,
// lists lose their markers or keep them on lines of their own, tables
// arrive as tab-separated rows, and a bullet often omits its subject
// because the heading above it names it. Analyze rebuilds the units a
// reader sees: hard-wrapped lines are joined, a list item or a table row
// is a unit, a table row reads as "header: cell" pairs, and every unit
// knows the heading and lead-in it sits under.
package prose

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/canon-kb/canon/internal/lazyre"
	"github.com/canon-kb/canon/internal/relit"
)

// A Kind says what a unit is.
type Kind uint8

// Unit kinds.
const (
	Text    Kind = iota // a paragraph or a hard-wrapped run of lines
	Item                // a list item
	Row                 // a table row, read as "header: cell; …"
	Heading             // a short line naming what follows
	Title               // a problem title: the question a section answers
	Code                // a line inside a code fence
)

var kindNames = [...]string{"text", "item", "row", "heading", "title", "code"}

func (k Kind) String() string { return kindNames[k] }

// A Span is a half-open byte range in Doc.Text.
type Span struct{ Start, End int }

// A Unit is one paragraph, list item, table row, heading or code line.
type Unit struct {
	Kind Kind
	// Start and End bound the unit in Doc.Text.
	Start, End int
	// Title, Heading and LeadIn are the indices of the units that give
	// this one its context, or -1: the problem title, the nearest heading
	// under it, and for list items the line introducing the list.
	Title, Heading, LeadIn int
	// sentences are the unit's sentences, split on first use (Doc.Sentences):
	// most units hold no rule's keyword and are never split.
	sentences []Sentence
	split     bool
}

// A Sentence is a span of a unit with its clauses.
type Sentence struct {
	Span
	// Question is set for questions and interviewer prompts.
	Question bool
	// Reported is set for sentences that report a misconception rather
	// than make a claim ("a common myth is that …").
	Reported bool
	// reportsRest is set when the sentence introduces a report ("What the
	// text says: …"), which every later sentence of the unit continues.
	reportsRest bool
	// Clauses split the sentence at semicolons, dashes, table cells and
	// contrast words (but, whereas, while, although, unlike, …), so that
	// "PUT is idempotent, whereas PATCH is not" is two clauses.
	Clauses []Span
}

// A Doc is the analysed document.
type Doc struct {
	// Text is the normalised text of every unit, one unit a line.
	Text  string
	Units []Unit
	// offs gives, for every byte of Text, the document span it was
	// written from.
	offs offsets
	// ref is the builder's byteMaps, in tests.
	ref *byteMaps
	// doc is the document text, for the case of the letter after a period.
	doc string
}

// Sentences returns the sentences of unit i. A Doc is read by one
// goroutine at a time (the lint pipeline gives each file one worker, and
// corpus rules run one after another), so the lazy split needs no lock.
func (d *Doc) Sentences(i int) []Sentence {
	u := &d.Units[i]
	if !u.split {
		u.split = true
		splitSentences(d, d.doc, u)
	}
	return u.sentences
}

// Source maps a span of Text to the span of document text it came from.
func (d *Doc) Source(s Span) (start, end int) {
	for s.Start < s.End && d.Text[s.Start] == ' ' {
		s.Start++
	}
	for s.End > s.Start && d.Text[s.End-1] == ' ' {
		s.End--
	}
	if s.Start >= s.End {
		if s.Start >= len(d.Text) {
			return 0, 0
		}
		return d.srcAt(s.Start), d.srcAt(s.Start)
	}
	start = d.srcAt(s.Start)
	_, e := d.offs.at(s.End - 1)
	end = int(e)
	if end < start {
		end = start
	}
	return start, end
}

// srcAt returns where the source of byte k of Text starts.
func (d *Doc) srcAt(k int) int {
	s, _ := d.offs.at(k)
	return int(s)
}

// UnitText returns the normalised text of unit i.
func (d *Doc) UnitText(i int) string {
	if i < 0 {
		return ""
	}
	return d.Text[d.Units[i].Start:d.Units[i].End]
}

// UnitAt returns the index of the unit containing offset off of Text.
func (d *Doc) UnitAt(off int) int {
	return sort.Search(len(d.Units), func(i int) bool { return d.Units[i].End >= off })
}

// Analyze splits text (a document's repaired text) into units.
func Analyze(text string) *Doc {
	lines := splitLines(text)
	// About one piece of source map for every 10 bytes of the corpus.
	b := &builder{buf: make([]byte, 0, len(text)+len(text)/8), offs: make(offsets, 0, len(text)/8)}
	if keepByteMaps {
		b.ref = &byteMaps{}
	}
	// At most about one unit per line of text (blank and code lines
	// make none, wrapped lines join one): sized once instead of grown.
	n := 0
	for i := range lines {
		if k := lines[i].kind; k != lineBlank && k != lineCode && k != lineFence {
			n++
		}
	}
	d := &Doc{Units: make([]Unit, 0, n+8)}
	a := &analyzer{text: text, lines: lines, b: b, n: &normalizer{b: b, text: text}, d: d,
		open: -1, title: -1, heading: -1, leadIn: -1}
	a.run()
	a.d.offs, a.d.ref = b.offs, b.ref
	maskQuotations(a.d, b.buf, text)
	// The buffer is complete and nothing writes to it again: the text
	// shares it instead of copying it (as strings.Builder does).
	a.d.Text = unsafe.String(unsafe.SliceData(b.buf), len(b.buf))
	a.d.doc = text
	return a.d
}

type analyzer struct {
	text  string
	lines []line
	b     *builder
	n     *normalizer
	d     *Doc
	// open is the index of the unit being written, -1 when none.
	open int
	// lastLine is the last line written to the open unit.
	lastLine int
	// context for new units
	title, heading, leadIn int
	// header holds the cells of the current table's header row.
	header     []span
	pendingRow bool
}

func (a *analyzer) run() {
	pendingItem := false
	for i := range a.lines {
		l := &a.lines[i]
		switch l.kind {
		case lineBlank, lineSep, lineFence:
			a.close()
			if l.kind != lineSep {
				a.header = nil
			}
			continue
		case lineMarker:
			a.close()
			pendingItem = true
			a.header = nil
			continue
		case lineCode:
			a.close()
			a.start(Code, i)
			a.n.write(l.cstart, l.cend)
			a.close()
			continue
		case lineRow:
			a.close()
			a.row(i)
			continue
		}
		a.header = nil
		item := l.kind == lineItem || pendingItem
		pendingItem = false
		if a.open >= 0 && !item && !l.heading && !l.title && a.continues(i) {
			a.b.space(l.cstart, l.cstart)
			a.n.write(l.cstart, l.cend)
			a.lastLine = i
			continue
		}
		a.close()
		switch {
		case l.title:
			a.start(Title, i)
		case l.heading:
			a.start(Heading, i)
		case item:
			a.start(Item, i)
		default:
			a.start(Text, i)
		}
		a.n.write(l.cstart, l.cend)
	}
	a.close()
}

// continues reports whether line i continues the open unit: a hard wrap.
// The unit's last line must not end a sentence and line i must start like
// the rest of one (lower case, a digit, a code token or punctuation).
func (a *analyzer) continues(i int) bool {
	u := &a.d.Units[a.open]
	if u.Kind == Title || u.Kind == Heading || u.Kind == Code || u.Kind == Row {
		return false
	}
	prev := a.lines[a.lastLine]
	last := a.text[prev.cstart:prev.cend]
	if last == "" {
		return false
	}
	switch last[len(last)-1] {
	case '.', '!', '?', ':':
		return false
	}
	l := a.lines[i]
	// Key-value lines (YAML, headers) stand alone.
	if keyValueRE.MatchString(last) || keyValueRE.MatchString(a.text[l.cstart:l.cend]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(a.text[l.cstart:l.cend])
	return unicode.IsLower(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'`([{$.,;/_<>=", r)
}

// start opens a unit of kind k at line i with the current context.
func (a *analyzer) start(k Kind, i int) {
	idx := len(a.d.Units)
	u := Unit{Kind: k, Start: len(a.b.buf), Title: a.title, Heading: a.heading, LeadIn: -1}
	switch k {
	case Title:
		u.Heading = -1
		a.title, a.heading, a.leadIn = idx, -1, -1
	case Heading:
		// Headings are not nested: a sibling heading lends no context.
		u.Heading = -1
		a.heading, a.leadIn = idx, -1
	case Item, Row:
		u.LeadIn = a.leadIn
	default:
		a.leadIn = -1
	}
	a.d.Units = append(a.d.Units, u)
	a.b.unitStart = len(a.b.buf)
	a.open, a.lastLine = idx, i
}

// close ends the open unit. A text unit ending in a colon introduces the
// list that follows it.
func (a *analyzer) close() {
	if a.open < 0 {
		return
	}
	a.b.trimSpace()
	u := &a.d.Units[a.open]
	u.End = len(a.b.buf)
	if u.Kind == Text && u.End > u.Start && a.b.buf[u.End-1] == ':' {
		a.leadIn = a.open
	}
	a.b.emitByte('\n', int(lastSrc(a.b)), int(lastSrc(a.b)))
	a.open = -1
}

func lastSrc(b *builder) int32 {
	if len(b.buf) == 0 {
		return 0
	}
	_, end := b.offs.at(len(b.buf) - 1)
	return end
}

// row writes a table row. The first row of a table is its header; every
// later row reads as "header: cell; header: cell", with the header text
// mapped to the start of the row's own cell so findings stay on the row.
func (a *analyzer) row(i int) {
	l := &a.lines[i]
	if a.header == nil {
		a.header = l.cells
		a.start(Row, i)
		for j, c := range l.cells {
			if j > 0 {
				a.b.emit(" ; ", c.start, c.start)
			}
			a.n.write(c.start, c.end)
		}
		a.close()
		return
	}
	a.start(Row, i)
	for j, c := range l.cells {
		if j > 0 {
			a.b.emit(" ; ", c.start, c.start)
		}
		if j < len(a.header) && a.header[j].end > a.header[j].start {
			mark := len(a.b.buf)
			a.n.write(a.header[j].start, a.header[j].end)
			if mark < len(a.b.buf) {
				a.b.offs.set(mark, c.start, c.start)
			}
			if a.b.ref != nil {
				for k := mark; k < len(a.b.buf); k++ {
					a.b.ref.src[k], a.b.ref.srcEnd[k] = int32(c.start), int32(c.start)
				}
			}
			a.b.emit(": ", c.start, c.start)
		}
		a.n.write(c.start, c.end)
	}
	a.close()
}

// keyValueRE matches a "key: value" line such as YAML or a header.
var keyValueRE = lazyre.New(`^[a-z_][\w.-]*:(?:\s|$)`)

var abbreviations = map[string]bool{"e.g": true, "i.e": true, "etc": true, "vs": true, "approx": true, "eg": true, "ie": true, "cf": true, "mr": true, "dr": true, "no": true, "fig": true, "max": true, "min": true, "avg": true, "incl": true}

// splitSentences fills u.Sentences. A sentence ends at ".", "!" or "?"
// followed by a space and a capital letter, a digit or the end of the
// unit; never inside a token ("package.json", "4.x") or after a common
// abbreviation ("e.g.").
func splitSentences(d *Doc, text string, u *Unit) {
	t := d.Text
	start := u.Start
	for i := u.Start; i < u.End; i++ {
		c := t[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if i+1 < u.End && t[i+1] != ' ' {
			continue
		}
		if i+1 < u.End {
			r, _ := utf8.DecodeRuneInString(text[d.srcAt(i+2):])
			if c == '.' && !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '(') {
				continue
			}
			if c == '.' && abbreviations[lastWord(t[start:i])] {
				continue
			}
		}
		addSentence(d, u, start, i+1)
		start = i + 2
	}
	if start < u.End {
		addSentence(d, u, start, u.End)
	}
}

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " (\"'")
	return s[i+1:]
}

var (
	reportedRE = relit.MustCompile(`\b(?:myths?|misconceptions?|misunderstandings?|it is (?:wrong|incorrect|false|a mistake|not true)|contrary to|(?:is|it's) not true that|wrongly|mistakenly|incorrectly|erroneously|(?:do|does) not (?:say|claim|assume|believe|think)|a common (?:mistake|error|pitfall)|people (?:often )?(?:think|believe|assume)|(?:is|are) often (?:said|claimed|believed)|(?:listed|described|presented|labell?ed|marked|classified|mislabell?ed|portrayed|characteri[sz]ed|misread|read) as|(?:said|claimed|thought|believed|assumed|alleged) to|what the (?:text|answer|author|source|article|page) says|the (?:text|answer|author|source|article|page|file|sheet)s? (?:says?|claims?|states?|writes?|suggests?)|(?:says?|claims?|states?|stated|claimed) (?:elsewhere )?that|asks? (?:how|whether|if|what|why|about)|asserted)\b`)
	// reportColonRE finds a report that introduces a quotation.
	reportColonRE = relit.MustCompile(`\b(?:says?|said|claims?|claimed|states?|stated|writes?|wrote)\s*:`)
	promptRE      = relit.MustCompile(`^(?:interviewer|question|q)\s*:`)
	// contrastRE finds the words that start a contrasting clause. "however"
	// between commas is an adverb inside one clause and is left alone.
	contrastRE = relit.MustCompile(`\b(?:but|whereas|while|although|though|unlike|except that|however|yet)\b`)
)

// questionStartRE finds where a question begins inside a sentence that
// ends with "?": a hard wrap can join "…unless it is allowed" with "why
// does this happen?".
var questionStartRE = relit.MustCompile(`\s(?:why|how|what|when|where|which|who|is it|does it|do you|can you|should you)\s`)

func addSentence(d *Doc, u *Unit, start, end int) {
	for start < end && d.Text[start] == ' ' {
		start++
	}
	for end > start && d.Text[end-1] == ' ' {
		end--
	}
	if start >= end {
		return
	}
	s := d.Text[start:end]
	if strings.HasSuffix(s, "?") && !questionStartRE.MatchString(" "+s[:min(len(s), 12)]) {
		if m := questionStartRE.FindStringIndex(s); m != nil && m[0] >= 30 {
			addSentence(d, u, start, start+m[0])
			addSentence(d, u, start+m[0], end)
			return
		}
	}
	sent := Sentence{
		Span:     Span{start, end},
		Question: strings.HasSuffix(s, "?") || promptRE.MatchString(s),
		Reported: reportedRE.MatchString(s),
	}
	sent.Clauses = splitClauses(d.Text, start, end)
	// "What the text says: …" reports everything after it in the unit.
	if n := len(u.sentences); n > 0 && u.sentences[n-1].reportsRest {
		sent.Reported, sent.reportsRest = true, true
	}
	if sent.Reported && reportColonRE.MatchString(s) {
		sent.reportsRest = true
	}
	u.sentences = append(u.sentences, sent)
}

// splitClauses cuts [start, end) of t at clause boundaries. A contrast
// word begins the next clause; an "unlike X," clause ends at its comma.
func splitClauses(t string, start, end int) []Span {
	var cuts []int
	for i := start; i < end; i++ {
		switch {
		case t[i] == ';':
			cuts = append(cuts, i)
		case t[i] == '|' && i > start && t[i-1] == ' ':
			cuts = append(cuts, i)
		case t[i] == '-' && i > start && t[i-1] == ' ' && i+1 < end && t[i+1] == ' ':
			cuts = append(cuts, i)
		}
	}
	for _, m := range contrastRE.FindAllStringIndex(t[start:end], -1) {
		at := start + m[0]
		word := t[at : start+m[1]]
		if word == "however" && at >= 2 && t[at-2] == ',' && strings.HasPrefix(t[start+m[1]:], ",") {
			continue
		}
		cuts = append(cuts, at)
		if word == "unlike" {
			if c := strings.IndexByte(t[start+m[1]:end], ','); c >= 0 {
				cuts = append(cuts, start+m[1]+c)
			}
		}
	}
	if len(cuts) == 0 {
		return []Span{{start, end}}
	}
	sort.Ints(cuts)
	var out []Span
	prev := start
	for _, c := range cuts {
		if c > prev {
			out = appendClause(out, t, prev, c)
		}
		prev = c
		if t[c] == ';' || t[c] == '|' || t[c] == '-' || t[c] == ',' {
			prev = c + 1
		}
	}
	return appendClause(out, t, prev, end)
}

func appendClause(out []Span, t string, s, e int) []Span {
	for s < e && (t[s] == ' ' || t[s] == ',') {
		s++
	}
	for e > s && (t[e-1] == ' ' || t[e-1] == ',') {
		e--
	}
	if s < e {
		out = append(out, Span{s, e})
	}
	return out
}

// subjectlessRE matches a clause that starts with its verb: "but is
// usually idempotent", "and runs on the pool". Such a clause continues the
// subject of the clause before it.
var subjectlessRE = relit.MustCompile(`^(?:(?:but|and|yet|though|although|while|whereas|however|so)\s+)?(?:(?:also|still|only|usually|often|always|generally|typically|normally|mostly|sometimes|then)\s+)?(?:is|are|was|were|be|being|been|does|do|did|has|have|had|can|could|will|would|may|might|must|should|shall|needs?|requires?|uses?|runs?|works?|makes?|provides?|supports?|gives?|keeps?|allows?|lets?|guarantees?|ensures?|becomes?|remains?|stays?)\b`)

// OmitsSubject reports whether a normalised clause starts with its verb
// and so shares the subject of the clause before it.
func OmitsSubject(clause string) bool { return subjectlessRE.MatchString(clause) }

// maskQuotations blanks the inside of quotations: a quotation mentions a
// claim, it does not make one (an erratum listing “MySQL query cache”, a
// heading "F006 - HTTP/1.1 'one request per TCP connection'"). What
// counts as a quotation:
//   - typographic double quotes (“…”), whatever their length;
//   - straight double quotes around four or more words (shorter ones are
//     names: "push", "type": "module");
//   - in headings and titles, single quotes around four or more words
//     (elsewhere 'ZRANGEBYSCORE key 1000 2000' is a command, not a quote).
//
// A single quote opens only after a space or bracket and before a letter,
// so apostrophes ("user's") are not quotes. Bytes become spaces, so the
// source map is untouched.
func maskQuotations(d *Doc, buf []byte, text string) {
	for _, u := range d.Units {
		singles := u.Kind == Heading || u.Kind == Title
		open, quote, curly := -1, byte(0), false
		for i := u.Start; i < u.End; i++ {
			c := buf[i]
			switch {
			case open < 0 && (c == '"' || singles && c == '\'' && (i == u.Start || strings.IndexByte(" ([{", buf[i-1]) >= 0) && i+1 < u.End && isWordByte(buf[i+1])):
				open, quote = i, c
				curly = strings.HasPrefix(text[d.srcAt(i):], "“")
			case open >= 0 && c == quote && (quote == '"' || i+1 == u.End || strings.IndexByte(" .,;:)]}!?", buf[i+1]) >= 0):
				if curly || len(strings.Fields(string(buf[open+1:i]))) >= 4 {
					for j := open + 1; j < i; j++ {
						buf[j] = ' '
					}
				}
				open = -1
			}
		}
	}
}
