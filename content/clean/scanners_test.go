package clean

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/internal/lazyre"
)

// The regexps ParseListItem was first written with; the hand-written
// parser must give the same answers.
var (
	refBulletRE   = regexp.MustCompile(`^(\s*)([-*+•◦▪▫·‣○●■□])\s+(\S.*)$`)
	refNumberedRE = regexp.MustCompile(`^(\s*)(\d{1,3})([.)])\s+(\S.*)$`)
)

func refParseListItem(s string) (ListItem, bool) {
	if m := refBulletRE.FindStringSubmatch(s); m != nil {
		if m[2] == "*" && strings.HasSuffix(Trim(m[3]), "*") && !strings.HasPrefix(m[3], "*") {
			return ListItem{}, false
		}
		return ListItem{Indent: Indent(m[1]), Bullet: m[2], Text: m[3]}, true
	}
	if m := refNumberedRE.FindStringSubmatch(s); m != nil {
		n := 0
		for _, c := range m[2] {
			n = n*10 + int(c-'0')
		}
		return ListItem{Indent: Indent(m[1]), Ordered: true, Number: n, Delim: m[3][0], Text: m[4]}, true
	}
	return ListItem{}, false
}

// forCorpusLines calls f with every line of the corpus files.
func forCorpusLines(t *testing.T, f func(line string)) {
	t.Helper()
	lines, _ := corpustest.Lines(t)
	for _, l := range lines {
		f(l)
	}
}

// sameAsReference compares scan with ref, the implementation it replaced,
// on the edge cases and on every corpus line, and fails when ref accepts
// fewer than min corpus lines (the comparison would then prove little).
func sameAsReference(t *testing.T, name string, scan, ref func(string) bool, cases []string, min int) {
	t.Helper()
	check := func(s string) bool {
		got, want := scan(s), ref(s)
		if got != want {
			t.Errorf("%s(%q) = %v, its reference gives %v", name, s, got, want)
		}
		return want
	}
	for _, s := range cases {
		check(s)
	}
	n := 0
	forCorpusLines(t, func(l string) {
		if check(l) {
			n++
		}
	})
	if n < min {
		t.Errorf("the reference of %s accepts %d corpus lines, want at least %d", name, n, min)
	}
}

// fuzzSameAsReference is sameAsReference's comparison as a fuzz target
// seeded with the edge cases.
func fuzzSameAsReference(f *testing.F, name string, scan, ref func(string) bool, cases []string) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := scan(s), ref(s); got != want {
			t.Errorf("%s(%q) = %v, its reference gives %v", name, s, got, want)
		}
	})
}

var listItemCases = []string{
	"- x", "  * item", "\t+ y", "• dot", "1. one", "12) twelve", "123. x", "1234. x", "1.x", "1. ",
	"-", "- ", "-\tx", "* emph*", "* *both*", "  ● a\nb", "\u00a0- nbsp", "\v- vt", "\f- ff", "0. zero",
	"1.  two spaces", "- \xff", "\xff x", "•x", "9)\u00a0x", "- - nested", "□ box", "",
}

func checkListItem(t *testing.T, s string) {
	got, ok := ParseListItem(s)
	want, wantOK := refParseListItem(s)
	if ok != wantOK || got != want {
		t.Errorf("ParseListItem(%q) = %+v, %v; the regexps say %+v, %v", s, got, ok, want, wantOK)
	}
}

// TestParseListItemMatchesRegexp checks the parser against the regexps on
// edge cases and every line of the corpus.
func TestParseListItemMatchesRegexp(t *testing.T) {
	for _, s := range listItemCases {
		checkListItem(t, s)
	}
	items := 0
	forCorpusLines(t, func(l string) {
		checkListItem(t, l)
		if _, ok := ParseListItem(l); ok {
			items++
		}
	})
	if items < 500 {
		t.Errorf("only %d list items in the corpus", items)
	}
}

func FuzzParseListItem(f *testing.F) {
	for _, s := range listItemCases {
		f.Add(s)
	}
	f.Fuzz(checkListItem)
}

// refWeakRE is the regexp weakLine replaces.
var refWeakRE = regexp.MustCompile(`^(?:` +
	`//|/\*|\*/|#!|--\s|` +
	`[}\])]+[;,)]*\s*$|[{\[(]\s*$|` +
	`"[^"]+"\s*:|` +
	`-?\s*[\w.-]+:(?:\s.*)?$|` +
	`#\s?\S` +
	`)`)

var weakCases = []string{
	"", "//x", "/*", "*/", "#!/bin/sh", "-- c", "--x", "})", "});", "};)", "};]", "} ", ")]", "{", "[ ", "( x",
	`"a": 1`, `"": 1`, `"a" :`, `"a"x:`, "key: value", "key:", "key:x", "- key: v", "-:", "- : x", "-- key: v",
	"a.b-c: d", "key:\nfoo", "key: a\nb", "#", "# x", "#  x", "#x", "# \xff", "\tkey: v", "ké: v", "x y: z",
	"Note: prose line", "http://x", "'a': 1", "a): b", "--\t", "-\t-x: y",
}

func checkWeak(t *testing.T, s string) {
	if got, want := weakLine(s), refWeakRE.MatchString(s); got != want {
		t.Errorf("weakLine(%q) = %v, the regexp says %v", s, got, want)
	}
}

// TestWeakLineMatchesRegexp checks weakLine against the regexp on edge
// cases and every corpus line, trimmed as CodeScore trims it.
func TestWeakLineMatchesRegexp(t *testing.T) {
	for _, s := range weakCases {
		checkWeak(t, s)
	}
	weak := 0
	forCorpusLines(t, func(l string) {
		checkWeak(t, l)
		checkWeak(t, Trim(l))
		if weakLine(Trim(l)) {
			weak++
		}
	})
	if weak < 200 {
		t.Errorf("only %d weak code lines in the corpus", weak)
	}
}

func FuzzWeakLine(f *testing.F) {
	for _, s := range weakCases {
		f.Add(s)
	}
	f.Fuzz(checkWeak)
}

var gluedCases = []string{
	"call()", "x.y(z)", "a (b)", "f(a b)", "f((x))", "$(x)", "1(x)", "it's(x)", "package.jsonor", "using.mjs",
	"Node.js is", "file.js.", "a.jsx", "req,res", "a, b", "x],y", "',x", "(,a", "f(x),g", ".jsxy", "ab.ts_",
}

// checkGluedTests checks that each cheap test in front of a glued-code
// regexp passes wherever the regexp matches.
func checkGluedTests(t *testing.T, s string) {
	for _, c := range []struct {
		name string
		re   *lazyre.Regexp
		test bool
	}{
		{"mayCall", callRE, mayCall(s)},
		{"hasExtDot(glued)", fileRE, hasExtDot(s, true)},
		{"hasExtDot", dotExtRE, hasExtDot(s, false)},
		{"gluedComma", commaRE, gluedComma(s)},
	} {
		if !c.test && c.re.MatchString(s) {
			t.Errorf("%s(%q) is false, but %s matches", c.name, s, c.re)
		}
	}
}

// TestGluedTestsMatchRegexps runs checkGluedTests on edge cases and every
// corpus line.
func TestGluedTestsMatchRegexps(t *testing.T) {
	for _, s := range gluedCases {
		checkGluedTests(t, s)
	}
	calls := 0
	forCorpusLines(t, func(l string) {
		checkGluedTests(t, l)
		if callRE.MatchString(l) {
			calls++
		}
	})
	if calls < 100 {
		t.Errorf("only %d corpus lines with a call", calls)
	}
}

func FuzzGluedTests(f *testing.F) {
	for _, s := range gluedCases {
		f.Add(s)
	}
	f.Fuzz(checkGluedTests)
}

var fieldCases = []string{"", " ", "a", " a b ", "a\u00a0b", "a\u2003b\x85c", "\xff \xfe", "tab\tsep\nnl", "a\u200bb"}

func checkFieldCount(t *testing.T, s string) {
	want := len(strings.Fields(s))
	if got := FieldCount(s); got != want {
		t.Errorf("FieldCount(%q) = %d, strings.Fields gives %d", s, got, want)
	}
	for limit := range 8 {
		if got := FieldCountUpTo(s, limit); got != min(want, limit) {
			t.Errorf("FieldCountUpTo(%q, %d) = %d, strings.Fields gives %d words", s, limit, got, want)
		}
	}
}

// TestFieldCount compares FieldCount and FieldCountUpTo with
// strings.Fields on edge cases and every corpus line.
func TestFieldCount(t *testing.T) {
	for _, s := range fieldCases {
		checkFieldCount(t, s)
	}
	forCorpusLines(t, func(l string) { checkFieldCount(t, l) })
}

func FuzzFieldCount(f *testing.F) {
	for _, s := range fieldCases {
		f.Add(s)
	}
	f.Fuzz(checkFieldCount)
}

// refCodeStartRE is the one regexp codeStarts were split from.
var refCodeStartRE = regexp.MustCompile(`^(?:(?:const|let|var)\s+[\w${}\[\], ]+\s*=|(?:async\s+)?function\b|(?:export|import)\s+(?:default\s+)?[\w{*'"]|await\s+[\w$.]+|return\b.*[;)]\s*$|(?:if|for|while|switch|catch)\s*\(|(?:try|else|finally|do)\s*\{|\}\s*(?:catch|else|finally|while)\b|class\s+\w+.*[{:]\s*$|def\s+\w+\(|func\s+[\w(]|package\s+\w+\s*;?\s*$|(?:public|private|protected)\s+(?:static\s+)?\w|module\.exports|require\(|console\.\w+\(|\$\s+\S|(?:sudo|docker(?:-compose)?|kubectl|git|npm|npx|yarn|pnpm|pip3?|curl|wget|cd|mkdir|apt-get|apt|brew|pm2|helm|terraform|aws|gcloud|redis-cli|mongosh|psql|mysql|chmod|systemctl)\s+[-\w./:<$'"]|(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/\S*|HTTP/\d(?:\.\d)?\s+\d{3}\b|(?:Host|Content-Type|Content-Length|Authorization|Accept|Cookie|Set-Cookie|Cache-Control|User-Agent|Access-Control-[\w-]+|X-[\w-]+|Retry-After|Location):\s|(?:SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|UNIQUE|DATABASE|VIEW)|ALTER\s+TABLE|DROP\s+(?:TABLE|INDEX)|BEGIN;|COMMIT;|ROLLBACK;)\b|(?:FROM|RUN|CMD|COPY|ADD|WORKDIR|ENTRYPOINT|EXPOSE|ARG|VOLUME)\s+\S|(?:flowchart|graph)\s+(?:LR|RL|TB|TD|BT)\b|(?:sequenceDiagram|classDiagram|stateDiagram|erDiagram|gantt)\b)`)

func checkCodeStart(t *testing.T, s string) {
	if got, want := codeStart(s), refCodeStartRE.MatchString(s); got != want {
		t.Errorf("codeStart(%q) = %v, the regexp says %v", s, got, want)
	}
}

var codeStartCases = []string{
	"const x = 1", "let a", "if (x)", "if x", "} else {", "return x;", "return the value", "$ ls", "git push",
	"GET /users", "HTTP/1.1 200 OK", "Content-Type: json", "X-Id: 1", "SELECT *", "INSERT INTO t", "FROM node",
	"flowchart LR", "gantt", "class A {", "def f(", "package main", "public static void", "module.exports",
	"console.log(", "docker-compose up", "pip3 install", "", "x", "Accept: */*", "UPDATE t SET",
}

// TestCodeStartMatchesRegexp checks the split patterns against the one
// regexp on edge cases and every corpus line, trimmed as CodeScore does.
func TestCodeStartMatchesRegexp(t *testing.T) {
	if got := "^(?:" + strings.Join(codeStarts, "|") + ")"; got != refCodeStartRE.String() {
		t.Fatalf("codeStarts joined:\n%s\nthe regexp:\n%s", got, refCodeStartRE)
	}
	for _, s := range codeStartCases {
		checkCodeStart(t, s)
	}
	code := 0
	forCorpusLines(t, func(l string) {
		checkCodeStart(t, Trim(l))
		if codeStart(Trim(l)) {
			code++
		}
	})
	if code < 100 {
		t.Errorf("only %d corpus lines open with code", code)
	}
}

func FuzzCodeStart(f *testing.F) {
	for _, s := range codeStartCases {
		f.Add(s)
	}
	f.Fuzz(checkCodeStart)
}

var trimCases = []string{"", " ", "a", " a ", "\u00a0a\u00a0", "\u200bx\ufeff", "a\x85", "\x85a", "\ta\n", "\xff", "é ", " é"}

func checkTrim(t *testing.T, s string) {
	want := strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
	if got := Trim(s); got != want {
		t.Errorf("Trim(%q) = %q, want %q", s, got, want)
	}
}

func FuzzTrim(f *testing.F) {
	for _, s := range trimCases {
		f.Add(s)
	}
	f.Fuzz(checkTrim)
}

// TestSmallWordsShort pins the bound HeadingLike relies on.
func TestSmallWordsShort(t *testing.T) {
	for w := range smallWords {
		if n := len([]rune(w)); n > 4 {
			t.Errorf("small word %q has %d runes; HeadingLike looks only at words of four or fewer", w, n)
		}
	}
}

// refArrowRE is the regexp gluedArrow replaces.
var refArrowRE = regexp.MustCompile(`([\w)\]])(→|⇒)`)

var arrowCases = []string{
	"", "→", "a→b", "a →b", "f()→x", "a]⇒b", "x⇒⇒y", "a→b→c", "é→x", "_→", "a\xe2\x86", "a\xe2\x86\x93",
	"a\xe2→", "1⇒2 3→4 (x)→y", "→a→", "a-→b", "a⇐b", "a↔b", "\xe2\x87\x92", "z\xe2\x87\x92",
}

func checkGluedArrows(t *testing.T, s string) {
	t.Helper()
	var got []int
	for a := gluedArrow(s, 0); a >= 0; a = gluedArrow(s, a+1) {
		got = append(got, a)
	}
	var want []int
	for _, m := range refArrowRE.FindAllStringSubmatchIndex(s, -1) {
		want = append(want, m[4])
	}
	if !slices.Equal(got, want) {
		t.Errorf("gluedArrow on %q: %v, the regexp gives %v", s, got, want)
	}
}

// TestGluedArrow compares gluedArrow with the regexp it replaces on edge
// cases and every corpus line.
func TestGluedArrow(t *testing.T) {
	for _, s := range arrowCases {
		checkGluedArrows(t, s)
	}
	n := 0
	forCorpusLines(t, func(l string) {
		checkGluedArrows(t, l)
		if refArrowRE.MatchString(l) {
			n++
		}
	})
	if n == 0 {
		t.Error("no corpus line has a glued arrow")
	}
}

func FuzzGluedArrow(f *testing.F) {
	for _, s := range arrowCases {
		f.Add(s)
	}
	f.Fuzz(checkGluedArrows)
}

// refHeadingLike is HeadingLike before its word loop came first: the
// field count and CodeScore, then the capitals.
func refHeadingLike(s string) bool {
	t := StripBold(strings.TrimLeft(StripEmoji(s), "# "))
	t = strings.TrimSuffix(t, ":")
	if t == "" || strings.ContainsAny(lastRune(t), ".,;!?") {
		return false
	}
	if _, ok := ParseListItem(t); ok {
		return false
	}
	if FieldCount(t) > 10 || CodeScore(t) == Code {
		return false
	}
	sig, caps := 0, 0
	for w := range strings.FieldsSeq(t) {
		if utf8.RuneCountInString(w) <= 4 && smallWords[strings.ToLower(w)] {
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
	return sig > 0 && caps*10 >= sig*7
}

var headingCases = []string{
	"", "Load Balancing Strategies", "🔹 Databases (SQL & NoSQL)", "ROUND 2 – Detailed Answers", "Title:",
	"One Two Three Four Five Six Seven Eight Nine Ten", "One Two Three Four Five Six Seven Eight Nine Ten Eleven",
	"Use Of The Thing.", "GetUser(Id)", "Console.Log(X)", "Import React From 'React'", "**Bold Title**",
	"# Heading", "- List Item", "the lower case words", "X\u00a0Y\u0085Z", "\xff Bad", "Node.js And Express",
}

// TestHeadingLikeOrder compares HeadingLike with its earlier order of
// tests on edge cases and every corpus line.
func TestHeadingLikeOrder(t *testing.T) {
	sameAsReference(t, "HeadingLike", HeadingLike, refHeadingLike, headingCases, 100)
}

func FuzzHeadingLike(f *testing.F) {
	fuzzSameAsReference(f, "HeadingLike", HeadingLike, refHeadingLike, headingCases)
}

// refIsDiagram is IsDiagram before its byte test: the rune loop on every
// line.
func refIsDiagram(s string) bool {
	t := Trim(s)
	if t == "" {
		return false
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

var diagramCases = []string{
	"", "┌───┐", "│ App │", "A → B", "↓", "1---2---D", "---->", "| \\ /", "v", "text with → arrow in a long sentence here",
	"\xe2\x86", "\xe2", "\xff\xfe", "⬇ down", "▶ play", "a\u00a0b", "\u2190", "\u218f x", "🚀 rocket", "— dash —",
}

// TestIsDiagramByteTest compares IsDiagram with the rune loop on every
// line, on edge cases and every corpus line.
func TestIsDiagramByteTest(t *testing.T) {
	sameAsReference(t, "IsDiagram", IsDiagram, refIsDiagram, diagramCases, 1)
}

func FuzzIsDiagram(f *testing.F) {
	fuzzSameAsReference(f, "IsDiagram", IsDiagram, refIsDiagram, diagramCases)
}

// tableRowRE is what IsTableRow replaced.
var tableRowRE = regexp.MustCompile(`^\s*\|.*\|\s*$`)

var tableRowCases = []string{
	"", "|", "||", "| |", " | a | b | ", "|a|\n", "\n|a|", "|a\n|", "|a|\n|b|", "\t|x|\r", "\f|x|\f",
	"\v|x|", "|x|\v", "a|b|", "|a|b", "|\xff|", "| é |", "|\u00a0|\u00a0", "\u00a0|x|", "||||", " |\n",
}

// TestIsTableRowScanner compares IsTableRow with its regexp on edge cases
// and every corpus line.
func TestIsTableRowScanner(t *testing.T) {
	sameAsReference(t, "IsTableRow", IsTableRow, tableRowRE.MatchString, tableRowCases, 1)
}

func FuzzIsTableRow(f *testing.F) {
	fuzzSameAsReference(f, "IsTableRow", IsTableRow, tableRowRE.MatchString, tableRowCases)
}

var codeHeadCases = []string{
	"", "/", "/x", `"a": "b"`, `"`, "x.y", "x(", "x()", "$a.b", "_x(y)", "a1.b", "ab", "a b.c", "a-b.c", "é.x",
	"1a.b", "A.B", "fmt.Println(x)", "Use this.", "x$y(z) more", "x\t.y", "x\u00a0(y)",
}

// TestMayCodeHead checks that mayCodeHead holds for every text codeHeadRE
// matches (it is the necessary condition broken tests first), on edge
// cases and every corpus line.
func TestMayCodeHead(t *testing.T) {
	check := func(s string) bool {
		m := codeHeadRE.MatchString(s)
		if m && !mayCodeHead(s) {
			t.Errorf("codeHeadRE matches %q, mayCodeHead says it cannot", s)
		}
		return m
	}
	for _, s := range codeHeadCases {
		check(s)
	}
	n := 0
	forCorpusLines(t, func(l string) {
		if check(Trim(l)) {
			n++
		}
	})
	if n == 0 {
		t.Error("codeHeadRE matches no corpus line")
	}
}

func FuzzMayCodeHead(f *testing.F) {
	for _, s := range codeHeadCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if codeHeadRE.MatchString(s) && !mayCodeHead(s) {
			t.Errorf("codeHeadRE matches %q, mayCodeHead says it cannot", s)
		}
	})
}
