package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/internal/lazyre"
)

// The markers. Each regexp runs on a line with leading emoji, list dashes
// and bold markers already stripped (see decorate), so "- 💡 Problem 73:
// …" and " **Problem 95: …**" read as "Problem 73: …".
var (
	// "Problem 4: Title" (PDF interview books).
	problemRE = regexp.MustCompile(`^Problem\s+(\d{1,4})\s*[:.)–—-]\s*(\S.*)$`)
	// "Q.1) Title", "Q.) Title", "Q1) Title", "Q.12)Title" (interview sheets).
	qParenRE = regexp.MustCompile(`^Q\s*\.?\s*(\d{0,4})\s*\)\s*(\S.*)$`)
	// "Q1. Title", "Q 2: Title", "Question 3: Title".
	qNumRE = regexp.MustCompile(`^(?:Q|Question)\s*(\d{1,4})\s*[.:]\s+(\S.*)$`)
	// Question: "How do you …?" — the opening line of an interview script.
	scriptRE = lazyre.New(`^Question\s*:\s*["“](.+?)["”]?\s*$`)
	// "1. Title", "2) Title" at the left margin.
	numberedRE = regexp.MustCompile(`^(\d{1,3})[.)]\s+(\S.*)$`)

	// Labels inside a problem.
	answerLabelRE      = lazyre.New(`^(?:(?i:answer|ans|solution)|A|Your (?:Complete |Full )?Answer|Sample Answer)\s*[:：]\s*(.*)$`)
	questionLabelRE    = lazyre.New(`^Question\s*[:：]\s*(.*)$`)
	interviewerLabelRE = lazyre.New(`^(?:INTERVIEWER|Interviewer)\s*[:：]\s*(.*)$`)

	// Section markers: "ROUND 2 – …", "Topic 23: …", "Part 1", "Chapter 3: …".
	sectionNumRE = lazyre.New(`^(?i:round|part|section|chapter|module|unit|lesson|topic|day|week|level|set)\s+\d{1,3}\b(?:\s*[:.–—-]\s*(.*))?`)
	topicNameRE  = lazyre.New(`^(?i:topic)\s+\d{1,3}\s*[:.–—-]\s*(\S.*)$`)
	// Headings that announce a list of questions: "Some Basic Questions",
	// "Problems & Solutions", "… DEVOPS QUESTIONS".
	questionsWordRE = lazyre.New(`\b(?:Questions|QUESTIONS|Problems|PROBLEMS)\b`)
)

// askWords start a question that does not end with "?": "Explain Saga
// Pattern.", "Difference Between PUT and PATCH", "Design a URL shortener".
var askWords = []string{
	"what", "why", "how", "when", "where", "which", "who", "whose", "whom",
	"is", "are", "can", "could", "do", "does", "did", "should", "would", "will", "have", "has",
	"explain", "describe", "compare", "define", "design", "discuss", "differentiate",
	"difference", "implement", "list", "name", "write", "tell", "walk", "give",
}

// firstWord returns the lower-cased first word of s, letters only.
func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		i = len(s)
	}
	return strings.ToLower(s[:i])
}

// asksQuestion reports whether a title reads as a question: it ends with
// "?" or starts with an interrogative or an ask verb ("Explain …",
// "Designing …" counts too).
func asksQuestion(title string) bool {
	t := strings.TrimRight(clean.StripBold(title), " *_\"”")
	if strings.HasSuffix(t, "?") {
		return true
	}
	w := firstWord(t)
	for _, a := range askWords {
		if w == a || len(a) >= 6 && strings.HasPrefix(w, a) {
			return true
		}
	}
	return false
}

// endsWithQuestion reports whether s ends with a question mark (before
// closing emphasis or quotes).
func endsWithQuestion(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, " *_\"”'’"), "?")
}

// decorate strips the decoration scraped titles carry: leading white space,
// a list dash, emoji, markdown heading hashes and bold markers. It returns
// the bare text and whether bold markers wrapped it.
func decorate(s string) (string, bool) {
	t := clean.Trim(s)
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
		t = clean.Trim(t[2:])
	}
	t = clean.StripEmoji(t)
	t = strings.TrimLeft(t, "#")
	t = clean.Trim(t)
	bold := strings.HasPrefix(t, "**") || strings.HasPrefix(t, "__")
	if bold {
		t = clean.Trim(t[2:])
		if strings.HasSuffix(t, "**") || strings.HasSuffix(t, "__") {
			t = clean.Trim(t[:len(t)-2])
		}
	}
	return t, bold
}

// sectionText returns a section heading as a topic: decoration stripped,
// and for "Topic 23: Name" just the name.
func sectionText(s string) string {
	t, _ := decorate(s)
	if m := topicNameRE.FindStringSubmatch(t); m != nil {
		return clean.Trim(m[1])
	}
	return t
}

// isSectionMarkerBare reports whether a line is a section heading by its words
// alone: "ROUND 3 – …", "Topic 4: …", "Chapter 2", or a title that
// announces questions or problems. A line ending with ":" introduces
// content ("If Asked Follow-up Questions:") and is not a section.
//
// It takes the line decorated (see decorate), as the outline keeps it.
func isSectionMarkerBare(t string) bool {
	if t == "" || strings.HasSuffix(t, ":") {
		return false
	}
	// The word tests first: most lines pass neither, and the word count
	// walks the whole line.
	section := sectionWord(t)
	listing := listingWord(t)
	if !section && !listing || clean.FieldCountUpTo(t, 15) > 14 {
		return false
	}
	if section && sectionNumRE.MatchString(t) {
		return true
	}
	return listing && questionsWordRE.MatchString(t) && clean.HeadingLike(t) && !strings.HasSuffix(t, "?")
}

// sectionWord reports sectionWords[strings.ToLower(firstWord(t))] without
// lowering or allocating when the first word is ASCII (a non-ASCII letter
// can lower-case to ASCII, the Kelvin sign to "k": those take the slow
// way).
func sectionWord(t string) bool {
	i := 0
	for i < len(t) && t[i]|0x20 >= 'a' && t[i]|0x20 <= 'z' {
		i++
	}
	if i < len(t) && t[i] >= utf8.RuneSelf {
		return sectionWords[strings.ToLower(firstWord(t))]
	}
	if i < 3 || i > 7 { // the lengths of sectionWords
		return false
	}
	var buf [7]byte
	for k := 0; k < i; k++ {
		buf[k] = t[k] | 0x20
	}
	return sectionWords[string(buf[:i])]
}

// listingWord reports whether t contains "uestions", "UESTIONS",
// "roblems" or "ROBLEMS", in one pass.
func listingWord(t string) bool {
	for i := 0; i+7 <= len(t); i++ {
		switch t[i] {
		case 'u':
			if strings.HasPrefix(t[i:], "uestions") {
				return true
			}
		case 'U':
			if strings.HasPrefix(t[i:], "UESTIONS") {
				return true
			}
		case 'r':
			if t[i:i+7] == "roblems" {
				return true
			}
		case 'R':
			if t[i:i+7] == "ROBLEMS" {
				return true
			}
		}
	}
	return false
}

var sectionWords = map[string]bool{"round": true, "part": true, "section": true, "chapter": true, "module": true,
	"unit": true, "lesson": true, "topic": true, "day": true, "week": true, "level": true, "set": true}

// contentWords returns the significant words of a title for comparing
// titles: lower case, crude stems, without question words and glue.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if stopWords[w] {
			continue
		}
		out[stem(w)] = true
	}
	return out
}

var stopWords = map[string]bool{
	"what": true, "why": true, "how": true, "when": true, "where": true, "which": true, "who": true,
	"is": true, "are": true, "was": true, "be": true, "do": true, "does": true, "did": true, "can": true,
	"should": true, "would": true, "will": true, "the": true, "a": true, "an": true, "and": true,
	"or": true, "of": true, "in": true, "on": true, "to": true, "for": true, "it": true, "its": true,
	"with": true, "you": true, "your": true, "we": true, "this": true, "that": true, "s": true,
}

func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s", "d"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// restates reports whether question q only restates part of title: all its
// significant words occur in the title ("✅ Why Use Docker?" under "What
// is Docker, and Why is it Used?").
func restates(q, title string) bool {
	qw, tw := contentWords(q), contentWords(title)
	if len(qw) == 0 {
		return false
	}
	for w := range qw {
		if !tw[w] {
			return false
		}
	}
	return true
}

// quoted reports whether s starts with a quotation mark.
func quoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(clean.Trim(s))
	return strings.ContainsRune("\"“'‘«", r)
}

// sentenceBreak returns the offset of the first sentence break in t: "."
// or "!", white space (the regexp class \s), then an upper-case letter;
// -1 when there is none. It is the regexp [.!]\s+\p{Lu}, written out
// because every line is tried.
func sentenceBreak(t string) int {
	for i := 0; i < len(t); i++ {
		if t[i] != '.' && t[i] != '!' {
			continue
		}
		j := i + 1
		for j < len(t) && isRESpace(t[j]) {
			j++
		}
		if j == i+1 || j == len(t) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t[j:]); unicode.IsUpper(r) {
			return i
		}
	}
	return -1
}

func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// oneQuestion reports whether a heading candidate is one question rather
// than a paragraph that ends with one: any sentence before the last must
// itself ask something.
func oneQuestion(t string) bool {
	i := sentenceBreak(t)
	return i < 0 || asksQuestion(t[:i])
}
