package segment

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/internal/lazyre"
)

// Rendering an answer as CommonMark blocks. The source is text that lost
// its markup, so each block is recognised by shape (clean's classifiers),
// in this order: fenced code as written; pipe tables; tab-separated tables;
// text art (diagrams); unfenced code; lists; ATX headings; paragraphs.
// Every block is rendered so that it parses back as exactly one block of
// its kind: paragraph lines are escaped where they would start another
// block, code gets a fence longer than any run of backticks in it, and
// adjacent lists of the same type alternate their bullet so that they do
// not merge.

// An answerLine is one line of an answer.
type answerLine struct {
	start, end int    // the line's span in the document
	text       string // the line as it reads (a label before it blanked out)
	fence      bool   // a fence line or inside a fenced block
	code       int8   // clean.CodeScore + 1, 0 when not yet known
	art        int8   // clean.IsDiagram: 0 unknown, 1 yes, 2 no
}

func (l answerLine) blank() bool { return clean.IsBlank(l.text) }

type renderer struct {
	ls     []answerLine
	blocks []Block
	// lastList remembers the marker of the previous list block, so that
	// the next one can differ when they would otherwise merge.
	lastBullet string
	lastDelim  byte
}

// codeScore returns clean.CodeScore of line k, computed once.
func (r *renderer) codeScore(k int) int {
	l := &r.ls[k]
	if l.code == 0 {
		l.code = int8(clean.CodeScore(l.text)) + 1
	}
	return int(l.code) - 1
}

// isArt returns clean.IsDiagram of line k, computed once.
func (r *renderer) isArt(k int) bool {
	if k < 0 || k >= len(r.ls) || r.ls[k].fence {
		return false
	}
	l := &r.ls[k]
	if l.art == 0 {
		l.art = 2
		if clean.IsDiagram(l.text) {
			l.art = 1
		}
	}
	return l.art == 1
}

// renderBlocks renders the answer lines ls as blocks, gathered in buf
// (scratch space the caller reuses from answer to answer) and returned
// as a slice of their own, of exact size (nil for none). It returns buf,
// grown, for the next answer.
func renderBlocks(ls []answerLine, buf []Block) ([]Block, []Block) {
	r := &renderer{ls: ls, blocks: buf[:0]}
	for i := 0; i < len(ls); {
		if ls[i].blank() {
			i++
			continue
		}
		i = r.block(i)
	}
	if len(r.blocks) == 0 {
		return nil, r.blocks
	}
	return slices.Clone(r.blocks), r.blocks[:0]
}

func (r *renderer) add(kind BlockKind, md, lang string, from, to int) {
	if kind != List {
		r.lastBullet, r.lastDelim = "", 0
	}
	r.blocks = append(r.blocks, Block{Kind: kind, Markdown: md, Lang: lang,
		Span: content.Span{Start: r.ls[from].start, End: r.ls[to-1].end}})
}

// block renders the block starting at line i and returns the line after it.
func (r *renderer) block(i int) int {
	ls := r.ls
	l := ls[i]
	if l.fence {
		return r.fenced(i)
	}
	if clean.IsTableRow(l.text) {
		if j := r.pipeTable(i); j > i {
			return j
		}
	}
	if strings.Contains(l.text, "\t") {
		if j := r.tabTable(i); j > i {
			return j
		}
	}
	if j := r.diagram(i); j > i {
		return j
	}
	if j := r.code(i); j > i {
		return j
	}
	if _, ok := clean.ParseListItem(l.text); ok {
		return r.list(i)
	}
	if m := atxRE.FindStringSubmatch(clean.Trim(l.text)); m != nil {
		r.add(Heading, m[1]+" "+escapeInline(m[2]), "", i, i+1)
		return i + 1
	}
	return r.paragraph(i)
}

var atxRE = lazyre.New(`^(#{1,6})\s+(\S.*?)\s*#*$`)

// fenced copies a fenced code block as written. A fence without an info
// string (one that a repair put back, for instance) gets the language
// guessLang reads from its lines.
func (r *renderer) fenced(i int) int {
	ls := r.ls
	open, _ := clean.IsFence(ls[i].text)
	info := clean.Trim(strings.TrimLeft(clean.Trim(ls[i].text), "`~"))
	j := i + 1
	var body []string
	for ; j < len(ls) && ls[j].fence; j++ {
		if f, ok := clean.IsFence(ls[j].text); ok && f[0] == open[0] && len(f) >= len(open) && clean.Trim(strings.TrimLeft(clean.Trim(ls[j].text), f[:1])) == "" {
			j++
			break
		}
		body = append(body, ls[j].text)
	}
	if info == "" {
		info = guessLang(body)
	}
	kind := Code
	if isDiagramLang(info) {
		kind = Diagram
	}
	r.add(kind, fence(body, info), info, i, j)
	return j
}

func isDiagramLang(info string) bool {
	switch strings.ToLower(info) {
	case "mermaid", "text", "txt", "plantuml", "ascii", "diagram", "dot", "graphviz":
		return true
	}
	return false
}

// fence renders code lines in a fence, dedented, with a fence longer than
// any backtick run inside.
func fence(body []string, info string) string {
	body = dedent(trimBlankEdges(body))
	longest := 0
	for _, l := range body {
		run := 0
		for _, c := range l {
			if c == '`' {
				run++
				if run > longest {
					longest = run
				}
			} else {
				run = 0
			}
		}
	}
	f := strings.Repeat("`", max(3, longest+1))
	var b strings.Builder
	b.WriteString(f)
	b.WriteString(strings.ReplaceAll(info, "`", ""))
	b.WriteByte('\n')
	for _, l := range body {
		b.WriteString(strings.TrimRight(l, " \t\r"))
		b.WriteByte('\n')
	}
	b.WriteString(f)
	return b.String()
}

func trimBlankEdges(ls []string) []string {
	for len(ls) > 0 && clean.IsBlank(ls[0]) {
		ls = ls[1:]
	}
	for len(ls) > 0 && clean.IsBlank(ls[len(ls)-1]) {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// dedent removes the indentation common to all non-blank lines; tabs are
// expanded first so the widths compare.
func dedent(ls []string) []string {
	min := -1
	out := make([]string, len(ls))
	for i, l := range ls {
		l = expandTabs(l)
		out[i] = l
		if clean.IsBlank(l) {
			continue
		}
		if n := clean.Indent(l); min < 0 || n < min {
			min = n
		}
	}
	for i, l := range out {
		if clean.IsBlank(l) {
			out[i] = ""
			continue
		}
		out[i] = strings.Replace(l, strings.Repeat(" ", min), "", 1)
		// Indentation of no-break spaces is kept: Indent counts them but
		// they are not plain spaces.
		if len(out[i]) == len(l) && min > 0 {
			out[i] = strings.TrimLeft(l, " \u00a0")
		}
	}
	return out
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// pipeTable takes consecutive markdown table rows; it needs a delimiter
// row second, else the rows are left to the paragraph renderer.
func (r *renderer) pipeTable(i int) int {
	ls := r.ls
	j := i
	for j < len(ls) && !ls[j].fence && clean.IsTableRow(ls[j].text) {
		j++
	}
	if j-i < 2 || !clean.IsTableDelimiter(ls[i+1].text) {
		return i
	}
	rows := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		rows = append(rows, escapeTableRow(clean.Trim(ls[k].text)))
	}
	r.add(Table, strings.Join(rows, "\n"), "", i, j)
	return j
}

// escapeTableRow escapes the text of cells (raw HTML) but not the pipes.
func escapeTableRow(row string) string { return escapeInline(row) }

func (r *renderer) tabTable(i int) int {
	ls := r.ls
	var texts []string
	for k := i; k < len(ls) && !ls[k].fence && k < i+200; k++ {
		texts = append(texts, ls[k].text)
	}
	t, ok := clean.ParseTabTable(texts)
	if !ok {
		return i
	}
	for _, row := range t.Rows {
		for c := range row {
			row[c] = escapeInline(row[c])
		}
	}
	r.add(Table, t.Markdown(), "", i, i+t.Lines)
	return i + t.Lines
}

// diagram takes text art: lines of box drawing or arrows, with short
// labels between them ("Code Push (GitHub)", "     |", "     ▼", …).
func (r *renderer) diagram(i int) int {
	ls := r.ls
	isArt := r.isArt
	label := func(k int) bool {
		return k < len(ls) && !ls[k].fence && !ls[k].blank() && clean.FieldCountUpTo(ls[k].text, 11) <= 10 && !clean.Sentence(ls[k].text)
	}
	// label is the dearer test: it runs only next to art.
	if !isArt(i) && !(isArt(i+1) && label(i)) {
		return i
	}
	j := i
	arts := 0
	for j < len(ls) {
		switch {
		case isArt(j):
			arts++
			j++
		case (isArt(j+1) || isArt(j-1) && j+1 < len(ls) && !ls[j+1].blank() && isArt(j+2)) && label(j):
			j++
		case ls[j].blank() && isArt(j+1):
			j++
		default:
			goto done
		}
	}
done:
	if arts == 0 || j == i {
		return i
	}
	body := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		body = append(body, ls[k].text)
	}
	r.add(Diagram, fence(body, "text"), "text", i, j)
	return j
}

// code takes unfenced source code: a region of code lines (clean.CodeScore)
// and lines inside brackets they open, with single blank lines inside. It
// needs one line that is code on its own; a region of key: value lines
// counts when it is three lines or more and indented (YAML).
func (r *renderer) code(i int) int {
	ls := r.ls
	if ls[i].fence || r.codeScore(i) == clean.NotCode {
		return i
	}
	depth := 0
	strong, weak, indented := 0, 0, false
	base := clean.Indent(ls[i].text)
	j := i
	for j < len(ls) && !ls[j].fence {
		l := ls[j]
		if l.blank() {
			// One blank line inside code, when code follows.
			if j+1 < len(ls) && !ls[j+1].blank() && !ls[j+1].fence && (depth > 0 || r.codeScore(j+1) != clean.NotCode) {
				j++
				continue
			}
			break
		}
		score := r.codeScore(j)
		if score == clean.NotCode && depth <= 0 {
			if !(clean.Indent(l.text) > base && !clean.IsProse(l.text) && j > i) {
				break
			}
		}
		if score == clean.NotCode && depth > 0 && clean.Sentence(l.text) && clean.Indent(l.text) <= base {
			break
		}
		switch score {
		case clean.Code:
			strong++
		case clean.WeakCode:
			weak++
		}
		if clean.Indent(l.text) > base {
			indented = true
		}
		depth += clean.BracketDelta(l.text)
		j++
	}
	for j > i && ls[j-1].blank() {
		j--
	}
	if j == i || strong == 0 && !(weak >= 3 && indented) {
		return i
	}
	body := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		body = append(body, ls[k].text)
	}
	lang := guessLang(body)
	kind := Code
	if lang == "mermaid" {
		kind = Diagram
	}
	r.add(kind, fence(body, lang), lang, i, j)
	return j
}

var (
	jsonRE  = lazyre.New(`^\s*[{\[]\s*$|^\s*"[^"]+"\s*:`)
	shellRE = lazyre.New(`^\s*(?:\$ |sudo |docker |kubectl |git |npm |npx |yarn |pip |curl |pm2 |apt-get |helm |act$)`)
	sqlRE   = lazyre.New(`^\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|BEGIN|COMMIT)\b`)
	jsRE    = lazyre.New(`\b(?:const|let|function|=>|require\(|console\.|await|async)\b|=>`)
	yamlRE  = lazyre.New(`^\s*-?\s*[\w.-]+:(?:\s|$)`)
	dockRE  = lazyre.New(`^(?:FROM|RUN|CMD|COPY|WORKDIR|ENTRYPOINT|EXPOSE)\s`)
	httpRE  = lazyre.New(`^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/|^HTTP/\d`)
	mermRE  = lazyre.New(`^\s*(?:flowchart|graph)\s+(?:LR|RL|TB|TD|BT)\b|^\s*(?:sequenceDiagram|classDiagram|stateDiagram|erDiagram|gantt)\b`)
)

// guessLang names the language of a code block when its first lines make
// it plain; empty otherwise. It is a hint for highlighting, nothing more.
func guessLang(body []string) string {
	first := ""
	for _, l := range body {
		if !clean.IsBlank(l) {
			first = l
			break
		}
	}
	all := strings.Join(body, "\n")
	switch {
	case mermRE.MatchString(first):
		return "mermaid"
	case dockRE.MatchString(first):
		return "dockerfile"
	case httpRE.MatchString(first):
		return "http"
	case sqlRE.MatchString(first):
		return "sql"
	case shellRE.MatchString(first):
		return "sh"
	case jsRE.MatchString(all):
		return "js"
	case jsonRE.MatchString(first) && !strings.Contains(all, ";"):
		return "json"
	case yamlRE.MatchString(first) && !strings.ContainsAny(all, ";{}"):
		return "yaml"
	}
	return ""
}

// A list item in the making.
type item struct {
	line    int // the answer line the item starts on
	level   int
	ordered bool
	number  int
	delim   byte
	lines   []string
}

// list takes a list: items, their continuation lines (indented deeper, or
// following the item line directly), and blank lines between items.
func (r *renderer) list(i int) int {
	ls := r.ls
	var items []item
	var indents []int // indentation of each open level
	j := i
	lastItem := -1 // line of the last item or continuation
	for j < len(ls) && !ls[j].fence {
		l := ls[j]
		if l.blank() {
			j++
			continue
		}
		if it, ok := clean.ParseListItem(l.text); ok {
			if lastItem >= 0 && j-lastItem > 3 {
				break
			}
			for len(indents) > 0 && it.Indent < indents[len(indents)-1] {
				indents = indents[:len(indents)-1]
			}
			if len(indents) == 0 || it.Indent > indents[len(indents)-1] {
				indents = append(indents, it.Indent)
			}
			items = append(items, item{line: j, level: len(indents) - 1, ordered: it.Ordered, number: it.Number, delim: it.Delim, lines: []string{it.Text}})
			lastItem = j
			j++
			continue
		}
		if len(items) == 0 {
			break
		}
		// A continuation: directly after an item line, or indented deeper
		// than the item after a blank line.
		cur := &items[len(items)-1]
		direct := lastItem == j-1
		deeper := clean.Indent(l.text) > indents[len(indents)-1]
		// A line right after an item continues it when indented under it,
		// or when it starts in lower case (a wrapped line); a line at the
		// item's margin that starts a sentence ends the list.
		r, _ := utf8.DecodeRuneInString(clean.Trim(l.text))
		if direct && !deeper && !unicode.IsLower(r) {
			break
		}
		if (direct || deeper) && !clean.IsTableRow(l.text) {
			cur.lines = append(cur.lines, clean.Trim(l.text))
			lastItem = j
			j++
			continue
		}
		break
	}
	if len(items) == 0 {
		return r.paragraph(i)
	}
	end := lastItem + 1
	// Split where the top-level list type changes: CommonMark starts a new
	// list there, and a block must parse as one list.
	from := 0
	for k := 1; k <= len(items); k++ {
		if k < len(items) && !(items[k].level == 0 && (items[k].ordered != items[from].ordered ||
			items[k].ordered && items[k].delim != items[from].delim)) {
			continue
		}
		to := end
		if k < len(items) {
			to = items[k].line
		}
		r.addList(items[from:k], items[from].line, to)
		from = k
	}
	return end
}

func (r *renderer) addList(items []item, from, to int) {
	if len(items) == 0 {
		return
	}
	for to > from && r.ls[to-1].blank() {
		to--
	}
	bullet := "-"
	if r.lastBullet == "-" {
		bullet = "*"
	}
	delim := byte('.')
	if r.lastDelim == '.' {
		delim = ')'
	}
	var b strings.Builder
	// indentOf[level] is the content column of the open item at level.
	indentOf := []int{0}
	for k, it := range items {
		for len(indentOf) > it.level+1 {
			indentOf = indentOf[:len(indentOf)-1]
		}
		for len(indentOf) < it.level+1 {
			indentOf = append(indentOf, indentOf[len(indentOf)-1])
		}
		pad := strings.Repeat(" ", indentOf[it.level])
		marker := bullet
		if it.ordered {
			marker = strconv.Itoa(it.number) + string(delim)
		}
		if k > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(pad + marker + " ")
		content := len(pad) + len(marker) + 1
		indentOf = append(indentOf[:it.level+1], content)
		b.WriteString(joinLines(it.lines, strings.Repeat(" ", content), true))
	}
	r.add(List, b.String(), "", from, to)
	if items[0].ordered {
		r.lastDelim, r.lastBullet = delim, ""
	} else {
		r.lastBullet, r.lastDelim = bullet, 0
	}
}

// paragraph takes prose lines up to a blank line or the start of another
// block, and splits them into paragraphs where a line reads as a new
// statement (see continues).
func (r *renderer) paragraph(i int) int {
	ls := r.ls
	j := i + 1
	for j < len(ls) && !ls[j].blank() && !ls[j].fence && !r.startsBlock(j) {
		if !continues(ls[j-1].text, ls[j].text) {
			break
		}
		j++
	}
	lines := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		lines = append(lines, clean.Trim(ls[k].text))
	}
	r.add(Paragraph, joinLines(lines, "", false), "", i, j)
	return j
}

// startsBlock reports whether line j starts a block other than a
// paragraph.
func (r *renderer) startsBlock(j int) bool {
	t := r.ls[j].text
	if _, ok := clean.ParseListItem(t); ok {
		return true
	}
	if clean.IsTableRow(t) || r.isArt(j) || r.codeScore(j) == clean.Code || atxRE.MatchString(clean.Trim(t)) {
		return true
	}
	return strings.Contains(t, "\t") && j+1 < len(r.ls) && strings.Contains(r.ls[j+1].text, "\t")
}

// continues reports whether next continues the sentence of prev (a line
// wrapped in the source) rather than starting a new statement: it starts
// in lower case or with a closing mark, or prev ends mid-phrase (a comma,
// an opening bracket, a conjunction dash).
func continues(prev, next string) bool {
	p := clean.Trim(prev)
	n := clean.Trim(next)
	if p == "" || n == "" {
		return false
	}
	if clean.HeadingLike(p) && !strings.HasSuffix(p, ",") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(n)
	if unicode.IsLower(r) || strings.ContainsRune(")]}.,;:", r) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	return strings.ContainsRune(",([{-–—/&+", last)
}

// joinLines joins the lines of one paragraph or list item. Lines that
// continue a sentence are joined with a soft break; in a list item, a line
// that starts a new statement gets a hard break so that it stays a line.
// Every line is escaped so that it cannot start another block.
func joinLines(lines []string, indent string, hard bool) string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		n += len(l) + len(indent) + 2
	}
	b.Grow(n)
	for k, l := range lines {
		l = escapeLineStart(escapeInline(l), k > 0)
		if k > 0 {
			if hard && !continues(lines[k-1], lines[k]) {
				b.WriteString("\\")
			}
			b.WriteString("\n")
			b.WriteString(indent)
		}
		b.WriteString(l)
	}
	return strings.TrimRight(b.String(), "\\")
}

var (
	listStartRE  = lazyre.New(`^([-*+])(\s|$)|^(\d{1,9})([.)])(\s|$)`)
	thematicRE   = lazyre.New(`^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	setextRE     = lazyre.New(`^(?:=+|-+)\s*$`)
	linkRefDefRE = lazyre.New(`^\[[^\]]+\]:`)
)

// escapeLineStart escapes what would make a line start a block other than
// paragraph text: list markers, headings, block quotes, fences, thematic
// breaks, setext underlines (on lines after the first), HTML blocks,
// link reference definitions.
func escapeLineStart(l string, notFirst bool) string {
	if l == "" || !strings.ContainsRune("-*_=+#>`~<[0123456789", rune(l[0])) {
		return l
	}
	// Each regexp is anchored at the bytes it can start with.
	c := l[0]
	switch {
	case (c == '*' || c == '-' || c == '_') && thematicRE.MatchString(l) || notFirst && (c == '=' || c == '-') && setextRE.MatchString(l):
		return `\` + l
	case (c == '-' || c == '*' || c == '+' || c >= '0' && c <= '9') && listStartRE.MatchString(l):
		if m := listStartRE.FindStringSubmatch(l); m[1] != "" {
			return `\` + l
		} else {
			return m[3] + `\` + l[len(m[3]):]
		}
	case l[0] == '#' || l[0] == '>' || l[0] == '<':
		return `\` + l
	case strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~"):
		return `\` + l
	case c == '[' && linkRefDefRE.MatchString(l):
		return `\` + l
	}
	return l
}

// escapeInline escapes "<" where it would open raw HTML or an autolink
// ("Bearer <token>"), outside code spans.
func escapeInline(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	inCode := 0 // length of the backtick run that opened a code span
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '`' {
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			switch {
			case inCode == 0 && strings.Contains(s[i+n:], strings.Repeat("`", n)):
				inCode = n
			case inCode == n:
				inCode = 0
			}
			b.WriteString(s[i : i+n])
			i += n - 1
			continue
		}
		if c == '<' && inCode == 0 && i+1 < len(s) {
			if n := s[i+1]; n == '/' || n == '!' || n == '?' || n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' {
				b.WriteString(`\<`)
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}
