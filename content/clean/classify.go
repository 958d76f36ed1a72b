package clean

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/internal/lazyre"
	"github.com/canon-kb/canon/internal/relit"
)

// Line classification. Scraped text has lost the markup that said "this is
// code" or "this is a heading", so these functions judge a line by its
// shape. They are deliberately conservative: a line that is not clearly
// code stays prose, since prose rendered as code is still readable but code
// taken for a problem title would break segmentation.

// Code strength of a line, as CodeScore returns it.
const (
	NotCode  = 0 // prose or unknown
	WeakCode = 1 // code only next to code: closing braces, comments, key: value
	Code     = 2 // code on its own
)

var (
	// A call or member access that makes up the whole line:
	// "db.users.createIndex({ email: 1 });", "next();".
	callLineRE = lazyre.New(`^[\w$]+(?:\.[\w$]+)*(?:\([^()]*(?:\([^()]*\)[^()]*)*\))+(?:\.[\w$]+\(.*\))*\s*[;,]?\s*(?://.*)?$`)
	// An assignment whose right side is code: "req.params = { id: 1 }".
	assignRE = lazyre.New(`^[\w$]+(?:\.[\w$]+|\[[^\]]*\])*\s*(?:=|\+=|-=|:=)\s*(?:[{\[('"\x60\d]|new\s|[\w$.]+\()`)
	// An object or record written on one line: "{ _id: 1, status: 'x' }",
	// "Post { id, userId, content }".
	objectRE = lazyre.New(`^(?:[A-Za-z_$][\w$]*\s*)?\{.*[:,].*\}\s*[;,)]?\s*$`)
	// A Mermaid edge: "A --> B", "B[User] -->|GET| LB".
	edgeRE = lazyre.New(`[\w\])]\s*(?:-->|==>|-\.->|---)\|?\s*[\w\[(|]`)
)

// codeStarts are the statements and declarations that open a code line
// in the languages seen in interview material: JavaScript/TypeScript,
// Python, Go, Java, SQL, shell, Dockerfile, HTTP, Mermaid. A line is code
// when one matches at its start. They are tried one by one, each behind
// relit's test of the words it starts with, rather than as one regexp:
// the alternation of all of them is too large for Go's fast matchers.
var codeStarts = []string{
	`(?:const|let|var)\s+[\w${}\[\], ]+\s*=`,
	`(?:async\s+)?function\b`,
	`(?:export|import)\s+(?:default\s+)?[\w{*'"]`,
	`await\s+[\w$.]+`,
	`return\b.*[;)]\s*$`,
	`(?:if|for|while|switch|catch)\s*\(`,
	`(?:try|else|finally|do)\s*\{`,
	`\}\s*(?:catch|else|finally|while)\b`,
	`class\s+\w+.*[{:]\s*$`,
	`def\s+\w+\(|func\s+[\w(]|package\s+\w+\s*;?\s*$`,
	`(?:public|private|protected)\s+(?:static\s+)?\w`,
	`module\.exports|require\(|console\.\w+\(`,
	`\$\s+\S`,
	`(?:sudo|docker(?:-compose)?|kubectl|git|npm|npx|yarn|pnpm|pip3?|curl|wget|cd|mkdir|apt-get|apt|brew|pm2|helm|terraform|aws|gcloud|redis-cli|mongosh|psql|mysql|chmod|systemctl)\s+[-\w./:<$'"]`,
	`(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/\S*`,
	`HTTP/\d(?:\.\d)?\s+\d{3}\b`,
	`(?:Host|Content-Type|Content-Length|Authorization|Accept|Cookie|Set-Cookie|Cache-Control|User-Agent|Access-Control-[\w-]+|X-[\w-]+|Retry-After|Location):\s`,
	`(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|UNIQUE|DATABASE|VIEW)|ALTER\s+TABLE|DROP\s+(?:TABLE|INDEX)|BEGIN;|COMMIT;|ROLLBACK;)\b`,
	`(?:FROM|RUN|CMD|COPY|ADD|WORKDIR|ENTRYPOINT|EXPOSE|ARG|VOLUME)\s+\S`,
	`(?:flowchart|graph)\s+(?:LR|RL|TB|TD|BT)\b`,
	`(?:sequenceDiagram|classDiagram|stateDiagram|erDiagram|gantt)\b`,
}

var (
	codeStartOnce sync.Once
	codeStartPats []*relit.Pattern
)

// codeStart reports whether one of codeStarts matches at the start of t.
func codeStart(t string) bool {
	codeStartOnce.Do(func() {
		for _, c := range codeStarts {
			codeStartPats = append(codeStartPats, relit.MustCompileAnyCase(`^(?:`+c+`)`))
		}
	})
	for _, p := range codeStartPats {
		if p.MatchString(t) {
			return true
		}
	}
	return false
}

// codeWords are the first words that can open a code line (see
// codeStarts); a line opening with any other word skips that regexp.
var codeWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`const let var async function export import await return if for while
		switch catch try else finally do class def func package public private protected module require
		console sudo docker docker-compose kubectl git npm npx yarn pnpm pip pip3 curl wget cd mkdir
		apt-get apt brew pm2 helm terraform aws gcloud redis-cli mongosh psql mysql chmod systemctl
		GET POST PUT PATCH DELETE HEAD OPTIONS HTTP Host Content-Type Content-Length Authorization
		Accept Cookie Set-Cookie Cache-Control User-Agent Retry-After Location SELECT INSERT UPDATE
		CREATE ALTER DROP BEGIN COMMIT ROLLBACK FROM RUN CMD COPY ADD WORKDIR ENTRYPOINT EXPOSE ARG
		VOLUME flowchart graph sequenceDiagram classDiagram stateDiagram erDiagram gantt`) {
		codeWords[w] = true
	}
}

// leadWord returns the run of letters, digits, '-' and '_' that s starts
// with.
func leadWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && (r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'))
	})
	if i < 0 {
		return s
	}
	return s[:i]
}

// CodeScore says how strongly s reads as source code: Code, WeakCode or
// NotCode. Indentation is ignored. Cheap byte tests guard each regexp, so
// that prose (most lines) costs little.
func CodeScore(s string) int {
	t := Trim(s)
	if t == "" {
		return NotCode
	}
	first := t
	if i := strings.IndexByte(t, ' '); i >= 0 {
		first = t[:i]
	}
	w := leadWord(t)
	switch {
	case (codeWords[w] || t[0] == '$' || t[0] == '}' || strings.HasPrefix(w, "X-") || strings.HasPrefix(w, "Access-Control-")) && codeStart(t),
		strings.Contains(first, "(") && callLineRE.MatchString(t),
		strings.Contains(t, "=") && assignRE.MatchString(t),
		strings.Contains(t, "{") && strings.HasSuffix(strings.TrimRight(t, ";,) "), "}") && objectRE.MatchString(t),
		(strings.Contains(t, "--") || strings.Contains(t, "==>")) && edgeRE.MatchString(t):
		return Code
	case strings.Contains(t, "=>") || strings.Contains(t, "===") || strings.Contains(t, "!==") ||
		strings.Contains(t, "&&") || strings.Contains(t, "||"):
		return Code
	case strings.HasSuffix(t, "{") || strings.HasSuffix(t, ";") && (strings.ContainsAny(t, "(){}=[]+-*/<>") || FieldCount(t) <= 2):
		return Code
	case t[0] == '}':
		return Code
	case strings.ContainsAny(t[:1], `/*-[{()]}"#`) || strings.Contains(t, ":"):
		if weakLine(t) {
			return WeakCode
		}
	}
	return NotCode
}

// weakLine reports lines that are code only among code: comments ("//",
// "/*", "*/", "#!", "-- "), lone brackets, a JSON key, a YAML key: value
// and a shell comment (a markdown heading elsewhere). It is the regexp
//
//	^(?://|/\*|\*/|#!|--\s|[}\])]+[;,)]*\s*$|[{\[(]\s*$|"[^"]+"\s*:|-?\s*[\w.-]+:(?:\s.*)?$|#\s?\S)
//
// written out: it is tried on every line holding a colon.
func weakLine(t string) bool {
	if t == "" {
		return false
	}
	for _, p := range [...]string{"//", "/*", "*/", "#!"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	n := len(t)
	switch t[0] {
	case '-':
		if n > 2 && t[1] == '-' && isRESpace(t[2]) {
			return true
		}
	case '}', ']', ')':
		i := 0
		for i < n && (t[i] == '}' || t[i] == ']' || t[i] == ')') {
			i++
		}
		for i < n && (t[i] == ';' || t[i] == ',' || t[i] == ')') {
			i++
		}
		return onlySpace(t[i:])
	case '{', '[', '(':
		return onlySpace(t[1:])
	case '"':
		if j := strings.IndexByte(t[1:], '"'); j > 0 {
			i := j + 2
			for i < n && isRESpace(t[i]) {
				i++
			}
			if i < n && t[i] == ':' {
				return true
			}
		}
	case '#':
		return n > 1 && (!isRESpace(t[1]) || n > 2 && !isRESpace(t[2]))
	}
	// A key: after an optional "-" and white space, a run of word
	// characters, dots and dashes, a colon, then nothing or white space
	// and the rest of one line. "-" is both the optional dash and a key
	// character, so both readings are tried.
	if t[0] == '-' && yamlKeyAt(t, 1) {
		return true
	}
	return yamlKeyAt(t, 0)
}

// yamlKeyAt reports whether t from i is white space, a key, a colon and
// the end of the line or white space and the rest of it.
func yamlKeyAt(t string, i int) bool {
	n := len(t)
	for i < n && isRESpace(t[i]) {
		i++
	}
	j := i
	for j < n && (isWordByte(t[j]) && t[j] != '\'' && t[j] != ')' || t[j] == '.' || t[j] == '-') {
		j++
	}
	if j == i || j == n || t[j] != ':' {
		return false
	}
	j++
	return j == n || isRESpace(t[j]) && strings.IndexByte(t[j+1:], '\n') < 0
}

// onlySpace reports whether s is white space of the regexp class \s.
func onlySpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isRESpace(s[i]) {
			return false
		}
	}
	return true
}

// IsProse reports whether s reads as a sentence or phrase of natural
// language: mostly words, no code punctuation.
func IsProse(s string) bool {
	t := Trim(StripEmoji(s))
	if t == "" || CodeScore(t) == Code {
		return false
	}
	n := FieldCount(t)
	if n < 3 {
		return false
	}
	plain := 0
	for w := range strings.FieldsSeq(t) {
		if proseToken(w) {
			plain++
		}
	}
	return plain*10 >= n*7
}

// Sentence reports whether s is prose that ends like a sentence.
func Sentence(s string) bool {
	t := Trim(s)
	return IsProse(t) && strings.ContainsAny(lastRune(t), ".!?")
}

// proseToken reports whether w is a word of prose: letters (with
// apostrophes and hyphens), optionally in brackets or quotes, optionally
// followed by punctuation.
func proseToken(w string) bool {
	w = strings.TrimLeft(w, "(“\"'‘")
	w = strings.TrimRight(w, ".,:;!?")
	w = strings.TrimRight(w, ")”\"'’")
	if w == "" {
		return false
	}
	for i, r := range w {
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			continue
		}
		if i > 0 && (r == '\'' || r == '’' || r == '-') {
			continue
		}
		return false
	}
	return true
}

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

// diagramRunes are characters that only text art uses.
func diagramRune(r rune) bool {
	// All of them are at or above the arrows (U+2190); most text is below.
	return r >= 0x2190 && (r >= 0x2500 && r <= 0x259F || // box drawing, block elements
		strings.ContainsRune("▶▼◀▲►◄⬇⬆⬅➡↓↑", r))
}

// mayHoldDiagramRune reports a byte that can start a diagramRune: every
// one is at or above U+2190, whose UTF-8 encodings start at 0xE2.
func mayHoldDiagramRune(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= 0xE2 {
			return true
		}
	}
	return false
}

// IsDiagram reports whether s is a line of text art: box drawing, arrows
// standing alone, or ASCII branches such as "1---2---D".
func IsDiagram(s string) bool {
	t := Trim(s)
	if t == "" {
		return false
	}
	if !mayHoldDiagramRune(t) {
		// No art rune: only the ASCII art test can succeed.
		return asciiArt(t) && !IsProse(t)
	}
	art, other := 0, 0
	for _, r := range t {
		switch {
		case diagramRune(r):
			art++
		case unicode.IsSpace(r) || r == '\ufe0f':
		default:
			other++
		}
	}
	if art > 0 && (other == 0 || art*4 >= other || strings.ContainsAny(t, "┌└│├╔║")) {
		return true
	}
	return asciiArt(t) && !IsProse(t)
}

// asciiArt reports lines of ASCII art: only branch strokes ("|", "\\",
// "/", "v", "^") and spaces, or a run of three dashes joining two words or
// ending in an arrow ("1---2---D", "---->").
func asciiArt(t string) bool {
	strokes := true
	for _, r := range t {
		if !strings.ContainsRune(`|\/v^ `, r) {
			strokes = false
			break
		}
	}
	if strokes {
		return strings.ContainsAny(t, `|\/^`) || t == "v"
	}
	for i := strings.Index(t, "---"); i >= 0; {
		j := i
		for j < len(t) && t[j] == '-' {
			j++
		}
		before := i > 0 && (isWordByte(t[i-1]) || t[i-1] == '<')
		after := j < len(t) && (isWordByte(t[j]) || t[j] == '>')
		if before && after || j < len(t) && t[j] == '>' || i > 0 && t[i-1] == '<' {
			return true
		}
		k := strings.Index(t[j:], "---")
		if k < 0 {
			break
		}
		i = j + k
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\'' || c == ')'
}

// bulletRunes are the bullets ParseListItem accepts.
const bulletRunes = "-*+•◦▪▫·‣○●■□"

// A ListItem is a parsed list line.
type ListItem struct {
	Indent  int    // width of the leading white space
	Ordered bool   // "1." or "1)" rather than a bullet
	Number  int    // the item's number when Ordered
	Delim   byte   // '.' or ')' when Ordered
	Bullet  string // the bullet as written when not Ordered
	Text    string // the item's text
}

// ParseListItem parses a bullet ("- x", "• x", "* x") or numbered ("1. x",
// "2) x") list line: white space, the marker, white space, then text on
// one line. White space is the regexp class \s (tab, newline, form feed,
// carriage return, space). It runs on every line of every document, so it
// is written out rather than a regexp.
func ParseListItem(s string) (ListItem, bool) {
	i := 0
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	if i == len(s) {
		return ListItem{}, false
	}
	lead := s[:i]
	item := ListItem{Indent: Indent(lead)}
	if c := s[i]; c >= '0' && c <= '9' {
		j := i
		for j < len(s) && j-i < 4 && s[j] >= '0' && s[j] <= '9' {
			item.Number = item.Number*10 + int(s[j]-'0')
			j++
		}
		if j-i > 3 || j == len(s) || s[j] != '.' && s[j] != ')' {
			return ListItem{}, false
		}
		item.Ordered, item.Delim = true, s[j]
		i = j + 1
	} else {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !strings.ContainsRune(bulletRunes, r) {
			return ListItem{}, false
		}
		item.Bullet = s[i : i+n]
		i += n
	}
	// One space at least, then text that starts with a non-space and
	// holds no newline.
	j := i
	for j < len(s) && isRESpace(s[j]) {
		j++
	}
	if j == i || j == len(s) || strings.IndexByte(s[j:], '\n') >= 0 {
		return ListItem{}, false
	}
	item.Text = s[j:]
	if item.Bullet == "*" && strings.HasSuffix(Trim(item.Text), "*") && !strings.HasPrefix(item.Text, "*") {
		// "* text*" is emphasis run together, not a bullet.
		return ListItem{}, false
	}
	return item, true
}

// isRESpace reports the bytes of the regexp class \s.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true,
	"to": true, "for": true, "vs": true, "vs.": true, "with": true, "by": true, "at": true, "as": true,
	"from": true, "via": true, "into": true, "per": true, "&": true, "+": true, "-": true, "–": true,
	"—": true, "/": true, "is": true, "are": true,
}

// isSmallWord reports smallWords[strings.ToLower(w)] for a word of at
// most four runes, lower-casing ASCII in a buffer on the stack: title-case
// small words ("The", "Of") no longer allocate.
func isSmallWord(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return smallWords[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return smallWords[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return smallWords[string(buf[:len(w)])]
}

// HeadingLike reports whether s reads as a title: at most ten words, no
// sentence punctuation at the end, and its significant words capitalized
// ("Load Balancing Strategies", "🔹 Databases (SQL & NoSQL)", "ROUND 2 –
// Detailed Answers"). A trailing colon is allowed.
func HeadingLike(s string) bool {
	t := StripBold(strings.TrimLeft(StripEmoji(s), "# "))
	t = strings.TrimSuffix(t, ":")
	if t == "" || strings.ContainsAny(lastRune(t), ".,;!?") {
		return false
	}
	if _, ok := ParseListItem(t); ok {
		return false
	}
	// Words are counted and their capitals checked in one pass, before
	// CodeScore, the costliest test: most lines are sentences that fail
	// the cheaper ones.
	n, sig, caps := 0, 0, 0
	for w := range strings.FieldsSeq(t) {
		if n++; n > 10 {
			return false
		}
		// No small word has more than four runes, and lower-casing keeps
		// the rune count: longer words skip the allocation.
		if utf8.RuneCountInString(w) <= 4 && isSmallWord(w) {
			continue
		}
		w = strings.TrimLeft(w, "(\"'“‘[")
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		sig++
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return sig > 0 && caps*10 >= sig*7 && CodeScore(t) != Code
}

var tableDelimRE = lazyre.New(`^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$`)

// IsTableRow reports whether s is a markdown pipe-table row: the regexp
// ^\s*\|.*\|\s*$ (the tests' reference) written out,
// since it is asked of nearly every line. The first and last characters
// other than \s white space are two distinct "|", with no line break
// between them.
func IsTableRow(s string) bool {
	i, j := 0, len(s)
	for i < j && isRESpace(s[i]) {
		i++
	}
	for j > i && isRESpace(s[j-1]) {
		j--
	}
	return j-i >= 2 && s[i] == '|' && s[j-1] == '|' && strings.IndexByte(s[i+1:j-1], '\n') < 0
}

// IsTableDelimiter reports whether s is a pipe-table delimiter row
// ("|---|---|").
func IsTableDelimiter(s string) bool { return tableDelimRE.MatchString(s) }

// IsFence reports whether s opens or closes a fenced code block, and
// returns the fence ("```" or "~~~", possibly longer).
func IsFence(s string) (string, bool) {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 {
		return "", false
	}
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(t) && t[n] == c {
			n++
		}
		if n >= 3 && (c == '~' || !strings.Contains(t[n:], "`")) {
			return t[:n], true
		}
	}
	return "", false
}
