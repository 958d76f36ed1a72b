package clean

import (
	"strings"

	"github.com/canon-kb/canon/content"
)

// Code squashed onto one line. Text extraction of a code block can join
// its lines with spaces:
//
//	async function getUser() { try { const data = await User.find(); return data; } catch (err) { console.error(err); } }
//
// For brace-and-semicolon languages the lines can be put back: break after
// "{" and ";" and before "}" outside strings and parentheses, indent by
// brace depth, and keep "} catch (…) {" and "});" together. Braces that
// hold no statement (object literals, "{ id, name }") stay on the line.
// When a // comment is in the line, whatever followed it in the original
// (the rest of the block) is now inside the comment and cannot be told
// apart from it: such a line is only reported.

// A squash is the analysis of one line.
type squash struct {
	statements int  // statements ended by ";" at paren depth 0
	blocks     int  // brace pairs that hold statements
	swallowed  bool // a // comment followed by code
	unsafe     bool // a construct the splitter does not handle (regex literal, unbalanced)
	// blockBrace marks the offsets of the braces (open and close) of
	// the pairs counted in blocks: the ones splitCode breaks lines at.
	blockBrace map[int]bool
}

// SquashedCode proposes a repair per line of squashed code.
func SquashedCode(s Scan) []Proposal {
	var out []Proposal
	for i, l := range s.lines {
		if s.inFence[i] || len(s.trimmed[i]) < 40 || s.codeScore(i) != Code {
			continue
		}
		a := analyzeSquash(s.trimmed[i])
		if a.statements+a.blocks < 2 && !a.swallowed {
			continue
		}
		p := Proposal{Span: l.Span(), Text: s.trimmed[i]}
		switch {
		case a.swallowed:
			p.Fix = "a // comment swallowed the rest of the line"
		case a.unsafe:
			continue
		default:
			indent := l.Text[:Indent2Bytes(l.Text)]
			p.Fix = "split the squashed code into lines"
			p.Edits = []content.Edit{{Span: l.Span(), New: splitCode(s.trimmed[i], indent)}}
		}
		out = append(out, p)
	}
	return out
}

// analyzeSquash scans a line of code, tracking strings, parentheses and
// braces.
func analyzeSquash(t string) squash {
	var a squash
	var quote byte
	paren := 0 // parentheses open inside the innermost brace
	type brace struct{ at, stmts, paren int }
	var braces []brace
	for i := 0; i < len(t); i++ {
		c := t[i]
		if quote != 0 {
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'', '`':
			quote = c
		case '(', '[':
			paren++
		case ')', ']':
			paren--
		case '{':
			braces = append(braces, brace{at: i, paren: paren})
			paren = 0
		case '}':
			if len(braces) == 0 {
				a.unsafe = true
				continue
			}
			paren = braces[len(braces)-1].paren
			if braces[len(braces)-1].stmts > 0 {
				a.blocks++
				if a.blockBrace == nil {
					a.blockBrace = map[int]bool{}
				}
				a.blockBrace[braces[len(braces)-1].at], a.blockBrace[i] = true, true
				if len(braces) > 1 {
					braces[len(braces)-2].stmts++
				}
			}
			braces = braces[:len(braces)-1]
		case ';':
			if paren == 0 {
				a.statements++
				if len(braces) > 0 {
					braces[len(braces)-1].stmts++
				}
			}
		case '/':
			if i+1 < len(t) && t[i+1] == '/' {
				rest := t[i+2:]
				// Code after the comment: a statement end or a closing
				// brace means the comment swallowed the lines after it.
				if strings.ContainsAny(rest, ";}") {
					a.swallowed = true
				}
				return a
			}
			if i+1 < len(t) && t[i+1] != ' ' && t[i+1] != '=' && (i == 0 || t[i-1] != ' ') {
				a.unsafe = true // a regex literal or a path: leave it
			}
		}
	}
	if quote != 0 || paren != 0 || len(braces) != 0 {
		a.unsafe = true
	}
	return a
}

// splitCode breaks a squashed line into lines (see the package comment).
func splitCode(t, indent string) string {
	// First pass: find which braces open blocks (hold a statement).
	isBlock := analyzeSquash(t).blockBrace
	var b strings.Builder
	depth := 0
	var quote byte
	paren := 0
	var parens []int // paren depth outside each open brace
	line := strings.Builder{}
	flush := func() {
		s := strings.TrimSpace(line.String())
		if s != "" {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(indent + strings.Repeat("  ", depth) + s)
		}
		line.Reset()
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if quote != 0 {
			line.WriteByte(c)
			if c == '\\' && i+1 < len(t) {
				i++
				line.WriteByte(t[i])
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch {
		case c == '"' || c == '\'' || c == '`':
			quote = c
			line.WriteByte(c)
		case c == '(' || c == '[':
			paren++
			line.WriteByte(c)
		case c == ')' || c == ']':
			paren--
			line.WriteByte(c)
		case c == '{':
			parens = append(parens, paren)
			paren = 0
			line.WriteByte(c)
			if isBlock[i] {
				flush()
				depth++
			}
		case c == '}':
			if len(parens) > 0 {
				paren = parens[len(parens)-1]
				parens = parens[:len(parens)-1]
			}
			if !isBlock[i] {
				line.WriteByte(c)
				continue
			}
			flush()
			depth--
			line.WriteByte(c)
			// Keep "} catch", "} else", "});", "}," on the closing line.
			j := i + 1
			for j < len(t) && t[j] == ' ' {
				j++
			}
			rest := t[j:]
			switch {
			case strings.HasPrefix(rest, "catch") || strings.HasPrefix(rest, "else") || strings.HasPrefix(rest, "finally") || strings.HasPrefix(rest, "while"):
				line.WriteByte(' ')
				i = j - 1
			case strings.HasPrefix(rest, ")") || strings.HasPrefix(rest, ";") || strings.HasPrefix(rest, ","):
				i = j - 1
			default:
				flush()
			}
		case c == ';' && paren == 0:
			line.WriteByte(c)
			flush()
		default:
			line.WriteByte(c)
		}
	}
	flush()
	return b.String()
}
