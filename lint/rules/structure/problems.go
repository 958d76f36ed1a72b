package structure

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/internal/lazyre"
	"github.com/canon-kb/canon/lint"
)

// titleKey normalises a question for comparing problems within a file:
// lower case, letters and digits, single spaces.
func titleKey(p *segment.Problem) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(p.Question) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// Numbering reports gaps, repeats and reversals in numbered problems.
var Numbering = &lint.Rule{
	ID:       "structure/numbering",
	Severity: lint.Warning,
	Summary:  "numbered problems skip, repeat or go back",
	Doc: `Numbered problems should count up by one. A section may start again at 1 or
carry on from the section before; anything else (a jump, a number used twice
for different problems, a step back) means problems were lost, merged or
pasted twice, and is worth a look at the source. Exact copies of an earlier
problem are left to structure/duplicate-in-file. Unnumbered problems
("Q.)") are skipped. There is no fix: which number is wrong is a judgment.`,
	Stage: lint.StageCheck,
	Examples: []lint.Example{
		{Bad: "1. What is a mutex?\nA lock.\n\n2. What is a semaphore?\nA counter.\n\n4. What is a monitor?\nA lock with conditions.\n"},
		{Bad: "Q.1) What is a mutex?\nans : A lock.\n\nQ.2) What is a semaphore?\nans : A counter.\n\nQ.2) What is a barrier?\nans : A meeting point.\n"},
		{Good: "ROUND 1 – Basics\n\n1. What is a mutex?\nA lock.\n\n2. What is a semaphore?\nA counter.\n\nROUND 2 – More\n\n1. What is a barrier?\nA meeting point.\n"},
		{Good: "ROUND 1 – Basics\n\n1. What is a mutex?\nA lock.\n\nROUND 2 – More\n\n2. What is a barrier?\nA meeting point.\n"},
	},
	Run: func(p *lint.Pass) {
		seen := map[string]bool{}
		var prev *segment.Problem
		numbers := map[int]int{} // number -> index of its first use in the current sequence
		for i := range p.Problems {
			pr := &p.Problems[i]
			key := titleKey(pr)
			dup := seen[key]
			seen[key] = true
			if pr.Number == 0 || dup {
				continue
			}
			if prev == nil {
				prev = pr
				numbers = map[int]int{pr.Number: i}
				continue
			}
			newSection := pr.Topic != prev.Topic
			switch {
			case newSection && (pr.Number == 1 || pr.Number == prev.Number+1):
				if pr.Number == 1 {
					numbers = map[int]int{}
				}
			case pr.Number == prev.Number+1:
			case newSection && pr.Number != prev.Number:
				p.Reportf(pr.TitleSpan, "problem %d starts section %q; the section before ended at %d", pr.Number, pr.Topic, prev.Number)
			case pr.Number > prev.Number+1:
				p.Reportf(pr.TitleSpan, "numbering jumps from %d to %d: %s missing", prev.Number, pr.Number, missing(prev.Number, pr.Number))
			default:
				if j, ok := numbers[pr.Number]; ok {
					first := &p.Problems[j]
					p.Reportf(pr.TitleSpan, "problem number %d is used again (first for %q, line %d)", pr.Number, first.Title, p.Doc.Line(first.TitleSpan.Start))
				} else {
					p.Reportf(pr.TitleSpan, "numbering goes back from %d to %d", prev.Number, pr.Number)
				}
			}
			if _, ok := numbers[pr.Number]; !ok {
				numbers[pr.Number] = i
			}
			prev = pr
		}
	},
}

func missing(from, to int) string {
	if to-from == 2 {
		return fmt.Sprintf("%d is", from+1)
	}
	return fmt.Sprintf("%d–%d are", from+1, to-1)
}

// DuplicateInFile reports a problem asked again in the same file.
var DuplicateInFile = &lint.Rule{
	ID:       "structure/duplicate-in-file",
	Severity: lint.Warning,
	Summary:  "problem asked again in the same file",
	Doc: `The same question (title and question text, compared without case and
punctuation) appears twice in one file, typically a page pasted twice while
copying a document. The finding points at both copies. When the answers are
the same after repair, the fix deletes the later copy; when they differ,
both stay (the knowledge base keeps every distinct answer) and the finding
asks for a choice.`,
	Stage:   lint.StageCheck,
	Fixable: true,
	Examples: []lint.Example{
		{
			Bad:   "1. What is a mutex?\nA lock.\n\n2. What is a semaphore?\nA counter.\n\n3. What is a mutex?\nA lock.\n",
			Fixed: "1. What is a mutex?\nA lock.\n\n2. What is a semaphore?\nA counter.\n\n",
		},
		{Bad: "Q.1) What is a mutex?\nans : A lock.\n\nQ.2) What is a mutex?\nans : A lock held by one thread at a time.\n"},
		{Good: "1. What is a mutex?\nA lock.\n\n2. What is a semaphore?\nA counter.\n"},
		{Good: "1. What is a mutex in Go?\nsync.Mutex.\n\n2. What is a mutex in Java?\nA synchronized block.\n"},
	},
	Run: func(p *lint.Pass) {
		first := map[string]int{}
		for i := range p.Problems {
			pr := &p.Problems[i]
			key := titleKey(pr)
			j, ok := first[key]
			if !ok {
				first[key] = i
				continue
			}
			orig := &p.Problems[j]
			pos := p.Doc.Position(orig.TitleSpan.Start)
			rel := []lint.Related{{Path: p.Doc.Src.Path, Line: pos.Line, Column: pos.Col, Message: "first asked here"}}
			if pr.AnswerMarkdown() != orig.AnswerMarkdown() {
				p.ReportRelated(pr.TitleSpan, fmt.Sprintf("%q is asked again (first at line %d) with a different answer", pr.Title, pos.Line), rel)
				continue
			}
			end := pr.Span.End
			next := len(p.Doc.Text)
			if i+1 < len(p.Problems) {
				next = p.Problems[i+1].TitleSpan.Start
			}
			// Take the blank lines after the copy, not what comes next.
			for end < next && (p.Doc.Text[end] == '\n' || p.Doc.Text[end] == '\r' || p.Doc.Text[end] == ' ') {
				end++
			}
			start := pr.Span.Start
			p.Report(pr.TitleSpan, fmt.Sprintf("%q is asked again with the same answer (first at line %d)", pr.Title, pos.Line),
				&lint.Fix{Message: "delete the repeated copy", Edits: []content.Edit{{Span: content.Span{Start: start, End: end}}}})
		}
	},
}

var (
	captionWordRE = lazyre.New(`(?i)\b(?:example|examples|diagram|schema|snippet|output)\b`)
	// A sentence that points back at something shown before it.
	backRefRE = lazyre.New(`^(?:This|These|The above|Above|Here)\b`)
	// A step of a sequence after the first ("Step 4: …", "3. …").
	laterStepRE = lazyre.New(`^(?i:step)\s+([2-9]|\d{2,})\b`)
)

// captionCores are parts of captionWordRE's words without an s or a k,
// the letters (?i) also matches outside ASCII (ſ, the Kelvin sign): every
// match holds one of them in ASCII letters of either case.
var captionCores = []string{"example", "diagram", "chema", "nippet", "output"}

// mayCaption reports whether t may match captionWordRE: a byte test that
// rejects nearly every line before the regexp runs.
func mayCaption(t string) bool {
	for i := 0; i < len(t); i++ {
		for _, w := range captionCores {
			if len(t)-i >= len(w) && t[i]|0x20 == w[0] && hasFoldPrefix(t[i:], w) {
				return true
			}
		}
	}
	return false
}

// hasFoldPrefix reports whether t starts with w (lower-case ASCII letters)
// in either case.
func hasFoldPrefix(t, w string) bool {
	for j := 0; j < len(w); j++ {
		if t[j]|0x20 != w[j] {
			return false
		}
	}
	return true
}

// caption reports a line that announces something to show: "Example:",
// "Normal Middleware Example", "Example using Bull", "Mermaid diagram",
// "Post Schema". At most five words (four for a plain title), no final period, and shaped like a
// title (or starting with "Example", or ending with "diagram").
func caption(line string) bool {
	t := strings.TrimSuffix(clean.Trim(clean.StripEmoji(line)), ":")
	if n := clean.FieldCountUpTo(t, 6); n == 0 || n > 5 || strings.HasSuffix(t, ".") || !mayCaption(t) || !captionWordRE.MatchString(t) {
		return false
	}
	w := strings.Fields(t)
	first, last := strings.ToLower(w[0]), strings.ToLower(w[len(w)-1])
	return clean.HeadingLike(t) && len(w) <= 4 || first == "example" || first == "for" && len(w) == 2 || last == "diagram"
}

// LostContent reports introductions whose content is gone.
var LostContent = &lint.Rule{
	ID:       "structure/lost-content",
	Severity: lint.Warning,
	Summary:  "an answer introduces content that is missing",
	Doc: `Conversion drops what it cannot render (code blocks, diagrams, images) and
keeps the line that introduced it: "Example:" followed by the next heading,
"Mermaid diagram" at the end of an answer, "Server returns token:" followed
by "Step 4". The rule reports a caption ("Example", "Query Example", "Mermaid
diagram") followed by nothing, another caption or a heading, and a line
ending in a colon followed by nothing or by the next step of a sequence; and
either one followed by a sentence that points back at what is missing ("This
blocks the event loop…"). Introductions followed by their content as
unmarked lines, a list or a table are left alone. Another copy of the
problem may have kept the content; the knowledge base can take that part
from it. There is no fix.`,
	Stage: lint.StageCheck,
	Examples: []lint.Example{
		{Bad: "1. How do you handle errors in Express?\nAnswer:\nWrap the route in try/catch. For example:\nThis passes errors to the middleware.\n"},
		{Bad: "1. Design a URL shortener\nUse base62 codes.\nMermaid diagram\n\n2. Design a notification service\nUse queues.\n"},
		{Bad: "1. How does JWT work?\nAnswer:\nServer returns token:\nStep 4: Client Stores Token\nIn a cookie.\n"},
		{Good: "1. How do you handle errors in Express?\nAnswer:\nFor example:\n\napp.get('/', async (req, res, next) => { next(new Error('x')); });\n"},
		{Good: "1. How does JWT work?\nAnswer:\nComplete Flow:\nStep 1: User Login\nThe user sends credentials.\n"},
	},
	Run: func(p *lint.Pass) {
		blanks := strings.Count(p.Doc.Text, "\n\n")*10 > strings.Count(p.Doc.Text, "\n")
		for i := range p.Problems {
			pr := &p.Problems[i]
			for k, b := range pr.Blocks {
				if b.Kind != segment.Paragraph {
					continue
				}
				last := lastLine(p.Doc.Text[b.Span.Start:b.Span.End])
				isCaption := caption(last)
				intro := strings.HasSuffix(last, ":") && !strings.Contains(last, "://")
				if !intro && !isCaption {
					continue
				}
				if k+1 == len(pr.Blocks) {
					report(p, b, last, "nothing follows it")
					continue
				}
				next := pr.Blocks[k+1]
				if next.Kind != segment.Paragraph && next.Kind != segment.Heading {
					continue
				}
				nt := firstLine(p.Doc.Text[next.Span.Start:next.Span.End])
				// In a text that separates paragraphs with blank lines, a
				// title line with more lines right under it heads a table or
				// list that lost its markup: the content is there.
				grouped := false
				if blanks && next.Span.End < len(p.Doc.Text) {
					after := firstLine(strings.TrimPrefix(strings.TrimPrefix(p.Doc.Text[next.Span.End:], "\r"), "\n"))
					grouped = after != "" && clean.FieldCountUpTo(after, 13) <= 12 && !strings.ContainsAny(after[len(after)-1:], ".!?:")
				}
				switch {
				case backRefRE.MatchString(nt):
					report(p, b, last, fmt.Sprintf("the next sentence refers back to it (%s)", clean.Quote(nt)))
				case isCaption && caption(nt):
					report(p, b, last, "another caption follows it")
				case isCaption && !grouped && !strings.HasSuffix(nt, ":") && (clean.HeadingLike(nt) || strings.HasSuffix(nt, "?")):
					report(p, b, last, fmt.Sprintf("a heading follows (%s)", clean.Quote(nt)))
				case intro && laterStepRE.MatchString(nt):
					report(p, b, last, fmt.Sprintf("the next step follows (%s)", clean.Quote(nt)))
				}
			}
		}
	},
}

func report(p *lint.Pass, b segment.Block, line, why string) {
	at := strings.LastIndex(p.Doc.Text[b.Span.Start:b.Span.End], line)
	span := content.Span{Start: b.Span.Start + at, End: b.Span.Start + at + len(line)}
	p.Reportf(span, "%s introduces content that is missing: %s", clean.Quote(line), why)
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\r\n ")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return clean.Trim(s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return clean.Trim(s)
}

// Truncated reports answers cut off mid-sentence.
var Truncated = &lint.Rule{
	ID:       "structure/truncated",
	Severity: lint.Warning,
	Summary:  "an answer is cut off mid-sentence",
	Doc: `The answer's last line is a sentence of eight words or more that stops
without closing punctuation on a word cut in two: a word found nowhere else
in its file, whose letters begin a longer word found in the files linted
together ("…to ensure single side-effe", where "effect" is used elsewhere). A
file that itself ends that way, without a final line break, is reported
whatever its last word. Both are the marks of a scrape or copy that stopped
early; list items that simply have no period end on whole words and are left
alone. The rule looks across all files because one file rarely holds the
whole word it cut. Another copy may hold the full answer; the knowledge base
can take it from there. There is no fix.`,
	Stage: lint.StageCorpus,
	Examples: []lint.Example{
		{Bad: "1. What is idempotency?\nAn operation that can be applied twice with the same effect on the server.\n\n2. How do idempotency keys work?\nFor POSTs that create resources, use an idempotency-key header to ensure single side-effe"},
		{Bad: "1. What is a semaphore?\nA counter that limits how many threads may enter a critical section at once.\n\n2. What is a mutex?\nA lock that only one thread may hold while it works in a crit\n\n3. What is a barrier?\nA point where threads wait for each other.\n"},
		{Good: "1. What is a mutex?\nA lock that one thread holds at a time.\n"},
		{Good: "1. How do you deploy without downtime?\nUse readiness probes to avoid sending traffic to not-ready pods\n\n2. What is a pod?\nThe smallest deployable unit.\n"},
	},
	// Each file's words and cut-off candidates are read per file, in the
	// worker pool; the corpus pass only checks the candidates' words
	// against the vocabulary of all files.
	Collect: func(p *lint.Pass) any { return collectTruncations(p) },
	RunCorpus: func(cp *lint.CorpusPass) {
		n := 0
		for _, f := range cp.Files {
			if t, ok := cp.Collected(f).(*truncations); ok {
				n += len(t.words)
			}
		}
		vocab := make([]string, 0, n)
		for _, f := range cp.Files {
			if t, ok := cp.Collected(f).(*truncations); ok {
				vocab = append(vocab, t.words...)
			}
		}
		slices.Sort(vocab)
		vocab = slices.Compact(vocab)
		for _, f := range cp.Files {
			t, ok := cp.Collected(f).(*truncations)
			if !ok {
				continue
			}
			for _, c := range t.cands {
				if c.atEOF || prefixOfWord(c.word, vocab) {
					cp.ReportAt(f, c.loc, c.message, nil)
				}
			}
		}
	},
}

// truncations is what structure/truncated collects of one file: its
// distinct words, and the answers whose last line looks cut off.
type truncations struct {
	words []string
	cands []truncation
}

// A truncation is an answer whose last line stops mid-sentence: on a word
// used once in its file (reported if it begins a longer word of the
// corpus), or at the end of a file without a final line break.
type truncation struct {
	loc     lint.Location
	word    string
	atEOF   bool
	message string
}

func collectTruncations(p *lint.Pass) *truncations {
	text := p.Doc.Text
	noFinalBreak := !strings.HasSuffix(text, "\n")
	own := wordCounts(text)
	// The vocabulary only ever answers whether a candidate word (three
	// bytes or more) begins a longer word: words under four bytes cannot.
	t := &truncations{words: make([]string, 0, len(own.index))}
	for w := range own.index {
		if len(w) >= 4 {
			t.words = append(t.words, strings.Clone(w))
		}
	}
	for i := range p.Problems {
		pr := &p.Problems[i]
		if len(pr.Blocks) == 0 {
			continue
		}
		b := pr.Blocks[len(pr.Blocks)-1]
		if b.Kind != segment.Paragraph && b.Kind != segment.List {
			continue
		}
		raw := text[b.Span.Start:b.Span.End]
		line := lastLine(raw)
		if it, ok := clean.ParseListItem(line); ok {
			line = it.Text
		}
		if !cutOff(line) {
			continue
		}
		c := truncation{atEOF: noFinalBreak && strings.TrimRight(text[b.Span.End:], " \t") == ""}
		if !c.atEOF {
			c.word = lastWord(line)
			if own.count(c.word) > 1 || len(c.word) < 3 {
				continue
			}
		}
		words := strings.Fields(line)
		tail := strings.Join(words[max(0, len(words)-4):], " ")
		at := strings.LastIndex(raw, tail)
		c.loc = p.Locate(content.Span{Start: b.Span.Start + at, End: b.Span.Start + at + len(tail)})
		c.message = fmt.Sprintf("answer to %q ends mid-sentence: “…%s”", pr.Title, tail)
		t.cands = append(t.cands, c)
	}
	return t
}

// prefixOfWord reports whether w (three letters or more) begins a longer
// word of vocab, which is sorted: such a word follows w directly in sort
// order, or follows the words equal to w.
func prefixOfWord(w string, vocab []string) bool {
	if len(w) < 3 {
		return false
	}
	i, _ := slices.BinarySearch(vocab, w)
	for ; i < len(vocab) && strings.HasPrefix(vocab[i], w); i++ {
		if len(vocab[i]) > len(w) {
			return true
		}
	}
	return false
}

// cutOff reports a line of eight words or more that ends in a letter or
// digit, with no closing punctuation.
func cutOff(line string) bool {
	if clean.FieldCountUpTo(line, 8) < 8 || !clean.IsProse(line) {
		return false
	}
	r := []rune(line)
	last := r[len(r)-1]
	return unicode.IsLetter(last) || unicode.IsDigit(last)
}

// lastWord returns the last word of a line, lower case, letters only
// (the part after the last hyphen of a compound).
func lastWord(line string) string {
	f := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// words counts the words of a text: index maps each distinct word to its
// count in n.
type words struct {
	index map[string]int32
	n     []int32
}

func (w *words) count(s string) int {
	if i, ok := w.index[s]; ok {
		return int(w.n[i])
	}
	return 0
}

// wordByte marks the ASCII letters and digits.
var wordByte = func() (t [128]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// wordCounts counts the words of three bytes or more of a text (the rule
// passes over shorter ones), lower case: runs of letters and digits, as
// strings.FieldsFunc would cut them from strings.ToLower(text)
// (case mapping keeps a rune a letter or digit or not, see
// TestLowerKeepsWordRunes). Words are lowered one by one into a buffer
// and looked up without a string, so only a new word allocates, and a
// word already in lower-case ASCII is a substring of text.
func wordCounts(text string) *words {
	// Sized for the distinct words of prose (about one per 40 bytes of
	// the corpus), so the map rarely grows.
	w := &words{index: make(map[string]int32, len(text)/40)}
	var buf []byte
	for i := 0; i < len(text); {
		start, plain := i, true
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !wordByte[c] {
					break
				}
				plain = plain && !(c >= 'A' && c <= 'Z')
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			plain = false
			i += size
		}
		if i == start {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		word := text[start:i]
		if !plain {
			buf = buf[:0]
			for _, r := range word {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			if len(buf) < 3 {
				continue
			}
			if k, ok := w.index[string(buf)]; ok {
				w.n[k]++
				continue
			}
			word = string(buf)
		} else if len(word) < 3 {
			continue
		} else if k, ok := w.index[word]; ok {
			w.n[k]++
			continue
		}
		w.index[word] = int32(len(w.n))
		w.n = append(w.n, 1)
	}
	return w
}
