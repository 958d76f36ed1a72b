package clean

import (
	"fmt"
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/lazyre"
)

// Inline code glued to the words around it. Converters that drop <code>
// elements drop the spaces around them too ("Executes callbacks
// fromsetTimeout()andsetInterval()whose timers"), and some put the code on
// a line of its own start ("Uses\nmodule.exports …", "password to\n/login.").
// The repair restores the spaces (it adds no markup), and only where the
// split is certain:
//
//   - a call, identifier(…), glued to a function word before it
//     ("fromsetTimeout()") or to a word after it ("()whose", ")(function");
//   - a file name whose known extension is glued to a function word
//     ("package.jsonor", "using.mjsextension");
//   - a comma glued to the next name ("fs.readFile,fs.writeFile");
//   - an arrow glued to the word before it ("push→");
//   - a line break left where the code started, when the line before
//     does not end a sentence and the line after starts with code: the two
//     lines are joined.
//
// Words that might be identifiers or English ("exportkeyword",
// "orstreamAPI") are left as they are: no rule can tell.

// glueWords are the function words that converters glue to code: the
// words a sentence uses right before or after an inline code element.
var glueWords = []string{
	// longest first, so that "into" wins over "in"
	"through", "between", "without", "inside", "within", "before", "after", "using", "whose", "which",
	"where", "while", "until", "calls", "call", "from", "into", "onto", "with", "when", "then", "than",
	"like", "over", "that", "this", "uses", "use", "via", "and", "the", "for", "not", "nor", "are", "was",
	"by", "in", "on", "of", "to", "or", "as", "at", "is", "if", "an", "a",
}

var knownExts = []string{"json", "yaml", "yml", "mjs", "cjs", "js", "ts", "tsx", "jsx", "md", "env", "sh", "py", "go", "html", "css", "txt", "xml", "toml", "lock", "conf", "sql"}

var (
	// identifier(args) not preceded by an identifier character.
	callRE = lazyre.New(`[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^()\s]*\)`)
	// name.ext glued to a word after it: "package.jsonor".
	fileRE = lazyre.New(`\b([A-Za-z_][\w-]*)?\.(` + strings.Join(knownExts, "|") + `)([a-z]{2,})\b`)
	// a word glued to ".ext": "using.mjs".
	dotExtRE = lazyre.New(`\b([a-z]{2,})\.(` + strings.Join(knownExts, "|") + `)\b`)
	commaRE  = lazyre.New(`([\w.$()\[\]]+),([A-Za-z_][\w.$()]*)`)
	// Code at the start of a line: a call, a dotted name starting in lower
	// case ("module.exports", not "Node.js"), a path, a JSON pair.
	codeHeadRE      = lazyre.New(`^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^()\s]*\)|[a-z_$][\w$]*\.[A-Za-z_$][\w$.]*|/[\w:/.-]+|"[^"]+":\s*"[^"]+")`)
	numberedTitleRE = lazyre.New(`^\d{1,3}[.)]\s`)
)

// GluedCode proposes one repair per line with glued inline code (and per
// pair of lines broken before code).
func GluedCode(s Scan) []Proposal {
	var out []Proposal
	for i, l := range s.lines {
		if s.inFence[i] || s.trimmed[i] == "" {
			continue
		}
		var edits []content.Edit
		if broken(s, i) {
			// Join with the line before: replace the line break (and the
			// indentation) with a space.
			// The edit takes the first byte of the line too, so that it
			// overlaps (and wins over) an indentation another repair
			// would put there.
			prev := s.lines[i-1]
			first := l.Start + Indent2Bytes(l.Text)
			sep := " "
			if strings.HasSuffix(s.trimmed[i-1], "(") {
				sep = ""
			}
			edits = append(edits, content.Edit{Span: content.Span{Start: prev.End, End: first + 1}, New: sep + s.text[first:first+1]})
		}
		if s.codeScore(i) != Code {
			edits = append(edits, gluedInLine(l)...)
		}
		if len(edits) == 0 {
			continue
		}
		content.SortEdits(edits)
		edits = dropOverlaps(edits)
		start := edits[0].Start
		if start > l.Start {
			start = l.Start
		}
		out = append(out, Proposal{
			Span:  content.Span{Start: start, End: l.End},
			Text:  s.trimmed[i],
			Fix:   fmt.Sprintf("restore the spaces around inline code (%d places)", len(edits)),
			Edits: edits,
		})
	}
	return out
}

// broken reports whether line i starts with code that a line break cut
// from the sentence on line i-1: the line before ends in a word (no
// sentence punctuation, not a heading or list marker) and line i starts
// with a code token glued to more text or ending the sentence.
func broken(s *scan, i int) bool {
	if i == 0 || s.inFence[i-1] || s.trimmed[i-1] == "" || s.trimmed[i-1] == "-" {
		return false
	}
	if !mayCodeHead(s.trimmed[i]) {
		return false // codeHeadRE cannot match: the rest need not be asked
	}
	prev := s.trimmed[i-1]
	if strings.ContainsAny(lastRune(prev), ".:;!?>") || strings.HasSuffix(prev, " -") || strings.HasSuffix(prev, "```") {
		return false
	}
	if s.codeScore(i-1) != NotCode || numberedTitleRE.MatchString(prev) {
		return false
	}
	// A statement or comment of its own is code on its own line.
	if t := s.trimmed[i]; strings.HasPrefix(t, "//") || strings.HasPrefix(t, "#") || strings.ContainsAny(lastRune(t), ";{}") ||
		strings.Contains(t, "=") || strings.Contains(t, "{") {
		return false
	}
	if bare := strings.TrimPrefix(prev, "- "); FieldCountUpTo(bare, 2) >= 2 && HeadingLike(bare) && !strings.HasSuffix(bare, "(") {
		return false // a title, not a sentence cut short
	}
	m := codeHeadRE.FindString(s.trimmed[i])
	if m == "" {
		return false
	}
	rest := s.trimmed[i][len(m):]
	if strings.Contains(rest, ";") {
		return false // a statement follows: code on a line of its own
	}
	// The code must be followed by sentence text or its end, not more code.
	return rest == "" || strings.ContainsAny(rest[:1], " ,.;)") || rest[0] >= 'a' && rest[0] <= 'z'
}

// mayCodeHead is a necessary condition for codeHeadRE to match t: t
// starts with "/" or a double quote, or with an identifier ([A-Za-z_$]
// then [\w$]) directly followed by "." or "(".
func mayCodeHead(t string) bool {
	if t == "" {
		return false
	}
	if c := t[0]; c == '/' || c == '"' {
		return true
	}
	if c := t[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$') {
		return false
	}
	i := 1
	for i < len(t) {
		if c := t[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
			break
		}
		i++
	}
	return i < len(t) && (t[i] == '.' || t[i] == '(')
}

// gluedInLine returns the edits for glued code inside one line.
func gluedInLine(l Line) []content.Edit {
	t := l.Text
	var edits []content.Edit
	at := func(i int) int { return l.Start + i }
	var calls [][]int
	if mayCall(t) {
		calls = callRE.FindAllStringIndex(t, -1)
	}
	for _, loc := range calls {
		a, b := loc[0], loc[1]
		call := t[a:b]
		// A function word glued before the call: "fromsetTimeout()".
		if a == 0 || !isWordByte(t[a-1]) {
			if w := gluePrefix(call); w != "" && strings.ContainsAny(call[len(w):len(w)+1], "abcdefghijklmnopqrstuvwxyz") {
				edits = append(edits, content.Edit{Span: content.Span{Start: at(a + len(w)), End: at(a + len(w))}, New: " "})
			}
		}
		// A word glued after the call: "()whose", ")(function", ").Option".
		if b < len(t) {
			switch c := t[b]; {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '(':
				edits = append(edits, content.Edit{Span: content.Span{Start: at(b), End: at(b)}, New: " "})
			case c == '.' && b+1 < len(t) && t[b+1] >= 'A' && t[b+1] <= 'Z':
				edits = append(edits, content.Edit{Span: content.Span{Start: at(b + 1), End: at(b + 1)}, New: " "})
			}
		}
	}
	var files, dotExts [][]int
	if hasExtDot(t, true) {
		files = fileRE.FindAllStringSubmatchIndex(t, -1)
	}
	if hasExtDot(t, false) {
		dotExts = dotExtRE.FindAllStringSubmatchIndex(t, -1)
	}
	for _, m := range files {
		// "package.jsonor": the trailing glue word goes. "using.mjsextension":
		// a glue word before a bare extension, a noun after it.
		word := t[m[6]:m[7]]
		if longerExt(t[m[4]:m[5]], word) {
			continue // ".json" read as ".js" + "on"
		}
		gluedBefore := m[2] >= 0 && isGlueWord(t[m[2]:m[3]])
		if gluedBefore {
			edits = append(edits, content.Edit{Span: content.Span{Start: at(m[3]), End: at(m[3])}, New: " "})
		}
		if isGlueWord(word) || gluedBefore && isWordish(word) {
			edits = append(edits, content.Edit{Span: content.Span{Start: at(m[6]), End: at(m[6])}, New: " "})
		}
	}
	for _, m := range dotExts {
		// "using.mjs": a glue word before a bare extension.
		if isGlueWord(t[m[2]:m[3]]) {
			edits = append(edits, content.Edit{Span: content.Span{Start: at(m[3]), End: at(m[3])}, New: " "})
		}
	}
	var commas [][]int
	if gluedComma(t) {
		commas = commaRE.FindAllStringSubmatchIndex(t, -1)
	}
	for _, m := range commas {
		// "fs.readFile,fs.writeFile", "req,res": names of code, or lower-case
		// words, with the space after the comma lost.
		left, right := t[m[2]:m[3]], t[m[4]:m[5]]
		if codeEvidence(left) || codeEvidence(right) || lowerWord(left) && lowerWord(right) {
			edits = append(edits, content.Edit{Span: content.Span{Start: at(m[3] + 1), End: at(m[3] + 1)}, New: " "})
		}
	}
	for a := gluedArrow(t, 0); a >= 0; a = gluedArrow(t, a+1) {
		edits = append(edits, content.Edit{Span: content.Span{Start: at(a), End: at(a)}, New: " "})
	}
	// Nothing inside a code span is glued: it is code as written.
	spans := codeSpans(t)
	kept := edits[:0]
	for _, e := range edits {
		in := false
		for _, sp := range spans {
			if e.Start-l.Start > sp[0] && e.Start-l.Start < sp[1] {
				in = true
			}
		}
		if !in {
			kept = append(kept, e)
		}
	}
	return kept
}

// gluedArrow returns the offset of the first arrow (→ or ⇒) at or after
// from glued to a word character, ")" or "]" before it, or -1. It was the
// regexp ([\w)\]])(→|⇒), which ran on every line holding an arrow.
func gluedArrow(t string, from int) int {
	for i := from; i < len(t); i++ {
		k := strings.IndexByte(t[i:], 0xE2) // → is E2 86 92, ⇒ E2 87 92
		if k < 0 {
			break
		}
		i += k
		if i > 0 && i+2 < len(t) && (t[i+1] == 0x86 || t[i+1] == 0x87) && t[i+2] == 0x92 {
			if c := t[i-1]; isREWord(c) || c == ')' || c == ']' {
				return i
			}
		}
	}
	return -1
}

// isREWord reports an ASCII word character as regexp's \w has it.
func isREWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// codeSpans returns the byte ranges of `code spans` in a line.
func codeSpans(t string) [][2]int {
	var out [][2]int
	for i := 0; i < len(t); i++ {
		if t[i] != '`' {
			continue
		}
		n := 1
		for i+n < len(t) && t[i+n] == '`' {
			n++
		}
		closeAt := strings.Index(t[i+n:], strings.Repeat("`", n))
		if closeAt < 0 {
			break
		}
		out = append(out, [2]int{i, i + n + closeAt + n})
		i += n + closeAt + n - 1
	}
	return out
}

// mayCall reports what every match of callRE holds: an identifier
// character, "(", then ")" with no white space or bracket between. Most
// lines with a ")" have none, and the regexp is slow to find that out.
func mayCall(t string) bool {
	for i := strings.IndexByte(t, '('); i >= 0; {
		if i > 0 && (isWordByte(t[i-1]) && t[i-1] != '\'' && t[i-1] != ')' || t[i-1] == '$') {
			j := i + 1
			for j < len(t) && t[j] != '(' && t[j] != ')' && !isRESpace(t[j]) {
				j++
			}
			if j < len(t) && t[j] == ')' {
				return true
			}
		}
		k := strings.IndexByte(t[i+1:], '(')
		if k < 0 {
			break
		}
		i += k + 1
	}
	return false
}

// hasExtDot reports a dot followed by a known file extension: the cheap
// test before the file-name regexps. glued asks for what fileRE needs,
// two lower-case letters after the extension; otherwise it asks for what
// dotExtRE needs, two before the dot and no word character after.
func hasExtDot(t string, glued bool) bool {
	for i := strings.IndexByte(t, '.'); i >= 0 && i+1 < len(t); {
		rest := t[i+1:]
		for _, e := range knownExts {
			if !strings.HasPrefix(rest, e) {
				continue
			}
			after := rest[len(e):]
			switch {
			case glued && len(after) >= 2 && isLower(after[0]) && isLower(after[1]):
				return true
			case !glued && i >= 2 && isLower(t[i-1]) && isLower(t[i-2]) && (after == "" || !isWordByte(after[0]) || after[0] == '\'' || after[0] == ')'):
				return true
			}
		}
		j := strings.IndexByte(rest, '.')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// gluedComma reports a comma directly followed by a letter and preceded
// by a character of a name (what commaRE needs).
func gluedComma(t string) bool {
	for i := strings.IndexByte(t, ','); i >= 0 && i+1 < len(t); {
		if c := t[i+1]; (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') && i > 0 && (isWordByte(t[i-1]) && t[i-1] != '\'' || strings.IndexByte(".$([]", t[i-1]) >= 0) {
			return true
		}
		j := strings.IndexByte(t[i+1:], ',')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// codeEvidence reports a token that can only be code: a call, a dotted
// name, snake_case or camelCase.
func codeEvidence(tok string) bool {
	return strings.ContainsAny(tok, "(._$") && len(tok) > 2 || hasInnerUpper(tok)
}

// lowerWord reports a word in lower case letters.
func lowerWord(tok string) bool {
	if tok == "" {
		return false
	}
	for _, c := range tok {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// longerExt reports whether ext followed by word starts with a longer
// known extension.
func longerExt(ext, word string) bool {
	for _, e := range knownExts {
		if len(e) > len(ext) && strings.HasPrefix(ext+word, e) {
			return true
		}
	}
	return false
}

// gluePrefix returns the glue word that call starts with, when what
// follows it is a plausible identifier ("setTimeout" after "from").
func gluePrefix(call string) string {
	name := call
	if i := strings.IndexAny(name, ".("); i >= 0 {
		name = name[:i]
	}
	for _, w := range glueWords {
		if len(name) > len(w)+2 && strings.HasPrefix(name, w) {
			rest := name[len(w):]
			// The rest must look like an identifier of its own: camelCase
			// or snake_case, not the tail of an English word.
			if hasInnerUpper(rest) || strings.Contains(rest, "_") {
				return w
			}
		}
	}
	return ""
}

func hasInnerUpper(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'a' && s[i-1] <= 'z' {
			return true
		}
	}
	return false
}

func isGlueWord(w string) bool {
	for _, g := range glueWords {
		if w == g {
			return true
		}
	}
	return false
}

// isWordish reports a lower-case word of four letters or more: a noun
// glued after a bare extension (".mjsextension").
func isWordish(w string) bool { return len(w) >= 4 && strings.ToLower(w) == w }

// dropOverlaps removes duplicate insertions at one offset and edits that
// overlap the one before.
func dropOverlaps(es []content.Edit) []content.Edit {
	out := es[:0]
	last := -1
	for _, e := range es {
		if e.Start < last || len(out) > 0 && e.Start == out[len(out)-1].Start && e.Len() == 0 && out[len(out)-1].Len() == 0 {
			continue
		}
		out = append(out, e)
		last = e.End
	}
	return out
}
