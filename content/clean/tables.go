package clean

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/lazyre"
)

// CollapsedTables proposes a repair for each table that lost its markup:
// tab-separated rows become a pipe table (the columns are certain); rows
// whose cells ran together ("LoadingSynchronousAsynchronous") or are
// separated by single spaces ("Boot Time Seconds Minutes") are reported
// without a fix, since their column boundaries are lost.
func CollapsedTables(s Scan) []Proposal {
	var out []Proposal
	for i := 0; i < len(s.lines); i++ {
		if s.inFence[i] || s.trimmed[i] == "" {
			continue
		}
		if p, n, ok := tabTable(s, i); ok {
			out = append(out, p)
			i += n - 1
			continue
		}
		if p, n, ok := lostTable(s, i); ok {
			out = append(out, p)
			i += n - 1
		}
	}
	return out
}

// tabTable rebuilds a table of tab-separated rows starting at line i. A
// label glued before the first row ("ans : Type\tExplanation") stays
// before the table.
func tabTable(s *scan, i int) (Proposal, int, bool) {
	if !strings.Contains(s.lines[i].Text, "\t") || IsTableRow(s.lines[i].Text) {
		return Proposal{}, 0, false
	}
	var texts []string
	for k := i; k < len(s.lines) && !s.inFence[k] && k < i+500; k++ {
		texts = append(texts, s.lines[k].Text)
	}
	label := ""
	if m := labelPrefixRE.FindString(texts[0]); m != "" && strings.Contains(texts[0][len(m):], "\t") {
		label = m
		texts[0] = strings.Repeat(" ", len(m)) + texts[0][len(m):]
	}
	t, ok := ParseTabTable(texts)
	if !ok {
		return Proposal{}, 0, false
	}
	first, last := s.lines[i], s.lines[i+t.Lines-1]
	md := t.Markdown()
	if label != "" {
		md = strings.TrimRight(label, " ") + "\n\n" + md
	}
	return Proposal{
		Span:  content.Span{Start: first.Start, End: last.End},
		Text:  s.trimmed[i],
		Fix:   fmt.Sprintf("rebuild the %d×%d table as a markdown table", len(t.Rows), len(t.Rows[0])),
		Edits: []content.Edit{{Span: content.Span{Start: first.Start, End: last.End}, New: md}},
	}, t.Lines, true
}

var labelPrefixRE = lazyre.New(`^\s*(?i:ans|answer|a)\s*:\s*`)

// camelWords are product names written with inner capitals; they are
// not cells run together.
var camelWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`GitHub GitLab JavaScript TypeScript PostgreSQL MySQL MongoDB DynamoDB CouchDB
		InfluxDB HashiCorp DevOps DevSecOps WordPress CloudFront CloudWatch CloudFlare ElasticSearch OpenTelemetry
		OpenAPI OpenID GraphQL RabbitMQ ActiveMQ PowerShell LinkedIn YouTube NestJS NextJS NodeJS FastAPI PayPal
		WhatsApp ChatGPT OAuth SendGrid DataDog NewRelic AppDynamics StatusCake PagerDuty SoundCloud LitmusChaos
		CircleCI ArgoCD TravisCI BitBucket Bitbucket VisualVM SQLite MariaDB CockroachDB ClickHouse HikariCP PgBouncer
		LocalStorage SecureStorage EventEmitter WebSocket WebSockets WebAssembly JetBrains IntelliJ`) {
		camelWords[w] = true
	}
}

// columnWords are words that name table columns; a header of single-space
// separated cells is recognised by them.
var columnWords = map[string]bool{
	"feature": true, "features": true, "description": true, "type": true, "use": true, "case": true,
	"step": true, "why": true, "language": true, "technology": true, "role": true, "aspect": true,
	"tool": true, "purpose": true, "data": true, "range": true, "method": true, "example": true,
	"behavior": true, "behaviour": true, "pros": true, "cons": true, "property": true, "value": true,
	"option": true, "name": true, "command": true, "component": true, "layer": true, "protocol": true,
	"status": true, "code": true, "meaning": true, "scope": true, "benefit": true, "strategy": true,
	"approach": true, "level": true, "metric": true, "category": true, "parameter": true, "field": true,
}

// lostTable detects a table whose column boundaries are gone, starting at
// line i: three or more consecutive lines that are not sentences, list
// items or code, either with cells run together (two or more rows with a
// lower-case letter glued to an upper-case one) or under a header of
// capitalised column names.
func lostTable(s *scan, i int) (Proposal, int, bool) {
	if i > 0 && s.trimmed[i-1] != "" && !s.inFence[i-1] && rowLike(s, i-1) {
		return Proposal{}, 0, false // only at the start of a run
	}
	n := 0
	glued := 0
	for k := i; k < len(s.lines) && !s.inFence[k] && s.trimmed[k] != "" && rowLike(s, k); k++ {
		n++
		if runTogether(s.trimmed[k], FieldCountUpTo(s.trimmed[k], 7) <= 6) {
			glued++
		}
	}
	if n < 3 {
		return Proposal{}, 0, false
	}
	header := s.trimmed[i]
	kind := ""
	switch {
	case glued >= 3 && glued*2 >= n:
		kind = "cells run together"
	case columnHeader(header):
		kind = "cells separated by single spaces"
	default:
		return Proposal{}, 0, false
	}
	last := s.lines[i+n-1]
	return Proposal{
		Span: content.Span{Start: s.lines[i].Start, End: last.End},
		Text: header,
		Fix:  kind,
	}, n, true
}

// rowLike reports a line that can be a table row: not a list item, not
// code, not a heading chain marker, at most 25 words. lostTable asks about
// most lines two or three times; the answer is computed once per scan.
func rowLike(s *scan, i int) bool {
	if s.row == nil {
		s.row = make([]int8, len(s.lines))
	}
	if s.row[i] == 0 {
		s.row[i] = 2
		if rowLike1(s, i) {
			s.row[i] = 1
		}
	}
	return s.row[i] == 1
}

// rowLike1 is a conjunction of pure tests, the cheap ones first: most
// lines are sentences or too long, and need no code score.
func rowLike1(s *scan, i int) bool {
	t := s.trimmed[i]
	if strings.HasSuffix(t, ".") && strings.Count(t, " ") > 3 {
		return false // a sentence
	}
	if strings.HasSuffix(t, ":") || strings.Contains(t, "\t") {
		return false
	}
	n := FieldCountUpTo(t, 26)
	if n < 1 || n > 25 {
		return false
	}
	if _, ok := ParseListItem(t); ok || IsTableRow(t) || IsDiagram(t) || s.codeScore(i) != NotCode {
		return false
	}
	return n != 1 || runTogether(t, true) || len(t) >= 10 && unicode.IsUpper([]rune(t)[0])
}

var runTogetherRE = lazyre.New(`\p{Ll}{2}\p{Lu}\p{Ll}|\p{Ll}\p{Lu}{2,}\p{Ll}|\)\p{Ll}`)

// runTogether reports a row whose cells ran together: a lower-case word
// glued to a capitalised one ("typeCommonJS", "LoadingSynchronous"). In a
// long line a word starting in lower case is more likely a camelCase
// identifier ("setTimeout"), so only short rows count those.
func runTogether(t string, short bool) bool {
	for w := range strings.FieldsSeq(t) {
		if !innerUpperOrParen(w) || camelWords[strings.Trim(w, ".,;:()")] {
			continue
		}
		if !runTogetherRE.MatchString(w) || strings.ContainsAny(w, "_.") && !strings.HasSuffix(w, ")") {
			continue
		}
		// A camelCase identifier starts in lower case ("setTimeout");
		// run-together cells start with a capital ("LoadingSynchronous").
		if r := []rune(w)[0]; short || unicode.IsUpper(r) || strings.Contains(w, ")") {
			return true
		}
	}
	return false
}

// innerUpperOrParen is the cheap test before runTogetherRE: an upper-case
// letter after the first byte, or ")" followed by a letter.
func innerUpperOrParen(w string) bool {
	for i := 1; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 || w[i-1] == ')' {
			return true
		}
	}
	return false
}

// columnHeader reports a header line of column names: two to six
// capitalised words, at least one of them a usual column name, no
// sentence punctuation.
func columnHeader(t string) bool {
	words := strings.Fields(StripEmoji(t))
	if len(words) < 2 || len(words) > 6 || strings.ContainsAny(t, ".,;:!") {
		return false
	}
	known := 0
	for _, w := range words {
		w = strings.Trim(w, "()?")
		if w == "" {
			continue
		}
		if r := []rune(w)[0]; !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		if columnWords[strings.ToLower(w)] {
			known++
		}
	}
	return known >= 1 && (len(words) >= 3 || known == len(words))
}
