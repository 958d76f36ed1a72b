package ruleset

import (
	"fmt"
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/relit"
	"github.com/canon-kb/canon/internal/yamlstrict"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/prose"
)

// A scope is the piece of text a claim rule's patterns are tried on.
type scope uint8

const (
	scopeClause   scope = iota // each clause of each sentence
	scopeSentence              // each sentence
	scopeUnit                  // the whole unit (a paragraph, item, row or code line)
)

// Context sources a claim rule may take its subject from.
const (
	ctxHeading = 1 << iota
	ctxLeadIn
	ctxTitle
	ctxSentence
)

var contextNames = map[string]int{"heading": ctxHeading, "leadin": ctxLeadIn, "title": ctxTitle, "sentence": ctxSentence}

// contextMask reads a rule's context list (claim and consistency rules
// share it) into ctx* bits, reporting names it does not know.
func (c *compiler) contextMask(names []yamlstrict.Str) int {
	mask := 0
	for _, s := range names {
		bit, ok := contextNames[s.V]
		if !ok {
			c.errorf(s, "unknown context %q (want sentence, heading, leadin or title)", s.V)
		}
		mask |= bit
	}
	return mask
}

// negationRE finds a negation in a clause. Contractions are expanded by
// normalisation, so "isn't" arrives as "is not". A bare "no" counts at the
// start of a clause or after a table header ("idempotent: no"), where it
// answers; elsewhere it is usually a determiner ("no single point of
// failure").
var negationRE = relit.MustCompile(`\b(?:not|never|neither|nor|cannot|no longer|none|nothing)\b|\b(?:has|have|had|there is|there are) no\b|(?:^|: )(?:no|false)\b|\bno\s*[.)]?$|(?:^|\s)!=(?:\s|$)`)

// A claim is a compiled claim rule: one wrong statement, recognised by
// its subject and predicate in one clause, silent where the clause negates
// or hedges it.
type claim struct {
	rule     *lint.Rule
	keywords []int
	subject  []*relit.Pattern
	others   []*relit.Pattern
	all      []*relit.Pattern
	any      []*relit.Pattern
	unless   []*relit.Pattern
	negation bool
	scope    scope
	context  int
	message  string
	// compute, for kind compute, checks the arithmetic of a matching
	// piece; the finding explains the difference.
	compute *computation
	correct string
}

// computeRule compiles a compute rule: a claim rule whose patterns find
// candidate sentences and whose named computation decides.
func (c *compiler) computeRule(rd *RuleDoc, r *lint.Rule) {
	comp, ok := computations[rd.Check.V]
	if !ok {
		if rd.Check.V == "" {
			c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"check\" (one of %s)", rd.ID.V, computationNames())
		} else {
			c.errorf(rd.Check, "unknown check %q (want one of %s)", rd.Check.V, computationNames())
		}
		return
	}
	if rd.Scope.V == "" {
		rd.Scope = yamlstrict.Str{V: "sentence"}
	}
	c.claim(rd, r)
	if cl := c.set.claims[len(c.set.claims)-1]; cl.rule == r {
		cl.compute = &comp
		r.Doc += "\n\nThe check computes: " + comp.doc + "."
	}
}

func (c *compiler) claim(rd *RuleDoc, r *lint.Rule) {
	cl := &claim{
		rule:     r,
		keywords: c.keywords(rd),
		subject:  c.compile(rd.Subject),
		others:   c.compile(rd.Others),
		all:      c.compile(rd.Claim),
		any:      c.compile(rd.Any),
		unless:   c.compile(rd.Unless),
		negation: !rd.Negation.Set || rd.Negation.V,
		context:  ctxHeading | ctxLeadIn,
	}
	if len(rd.Keywords) == 0 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"keywords\" (literal words the prefilter looks for)", rd.ID.V)
	}
	if len(rd.Claim) == 0 && len(rd.Any) == 0 && rd.Kind.V == "claim" {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: needs \"claim\" or \"any\" patterns", rd.ID.V)
	}
	if strings.TrimSpace(rd.Correct.V) == "" {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"correct\" (the correct statement)", rd.ID.V)
	}
	if len(rd.References) == 0 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"references\"", rd.ID.V)
	}
	if !strings.HasPrefix(rd.ID.V, "fact/") {
		c.errorf(rd.ID, "claim rules are fact rules: id must start with \"fact/\"")
	}
	if len(rd.Context) > 0 {
		cl.context = c.contextMask(rd.Context)
	}
	switch rd.Scope.V {
	case "", "clause":
	case "sentence":
		cl.scope = scopeSentence
	case "unit":
		cl.scope = scopeUnit
	default:
		c.errorf(rd.Scope, "unknown scope %q (want clause, sentence or unit)", rd.Scope.V)
	}
	c.examples(rd, cl.keywords)
	correct := strings.TrimSpace(rd.Correct.V)
	cl.correct = correct
	cl.message = r.Summary + "; correct: " + correct
	if len(r.References) > 0 {
		cl.message += " (" + r.References[0] + ")"
	}
	r.Doc = strings.TrimSpace(rd.Doc.V) + "\n\nCorrect statement: " + correct
	r.Run = func(p *lint.Pass) {
		idx := p.Memo(c.set, func() any { return c.set.index(p.Doc.Text) }).(*docIndex)
		cl.check(p, idx)
	}
	c.set.claims = append(c.set.claims, cl)
}

// check reports the rule's findings in one document: at most one a
// sentence, over the clause (or sentence, or unit) that makes the claim.
func (cl *claim) check(p *lint.Pass, idx *docIndex) {
	d := idx.doc
	for _, ui := range idx.candidates(cl.keywords, len(cl.subject) > 0 && cl.context != 0) {
		u := &d.Units[ui]
		if cl.scope == scopeUnit {
			if !reportsAny(d, ui) {
				cl.try(p, idx, ui, prose.Span{Start: u.Start, End: u.End}, u.Start)
			}
			continue
		}
		if u.Kind == prose.Code {
			// Code states no sentences; rules about code use scope unit.
			continue
		}
		for _, s := range d.Sentences(ui) {
			if s.Question || s.Reported {
				continue
			}
			if cl.scope == scopeSentence {
				cl.try(p, idx, ui, s.Span, s.Start)
				continue
			}
			for _, piece := range s.Clauses {
				if cl.try(p, idx, ui, piece, s.Start) {
					break
				}
			}
		}
	}
}

// try reports a finding over piece if the claim holds there. The sentence
// the piece belongs to starts at sentStart.
func (cl *claim) try(p *lint.Pass, idx *docIndex, ui int, piece prose.Span, sentStart int) bool {
	d := idx.doc
	before := prose.Span{Start: sentStart, End: piece.Start}
	after := prose.Span{Start: piece.End, End: sentEnd(d.Sentences(ui), piece)}
	if !cl.matches(idx, &d.Units[ui], piece, before, after, askedBefore(d.Sentences(ui), sentStart)) {
		return false
	}
	msg := cl.message
	if cl.compute != nil {
		detail, wrong := cl.compute.fn(d.Text[piece.Start:piece.End], func() []string { return unitsBefore(d, ui, 3) })
		if !wrong {
			return false
		}
		msg = cl.rule.Summary + ": " + detail + "; correct: " + cl.correct
		if len(cl.rule.References) > 0 {
			msg += " (" + cl.rule.References[0] + ")"
		}
	}
	start, end := d.Source(piece)
	p.Report(content.Span{Start: start, End: end}, msg, nil)
	return true
}

// askedBefore returns the question that opens the unit before the sentence
// starting at sentStart ("Which work goes to the pool? File I/O, …"): the
// answer takes its subject from it as from a title.
func askedBefore(sents []prose.Sentence, sentStart int) prose.Span {
	for i := len(sents) - 1; i >= 0; i-- {
		if sents[i].Start < sentStart && sents[i].Question {
			return sents[i].Span
		}
	}
	return prose.Span{}
}

// sentEnd returns the end of the sentence of u that holds piece.
func sentEnd(sents []prose.Sentence, piece prose.Span) int {
	for _, s := range sents {
		if s.Start <= piece.Start && piece.End <= s.End {
			return s.End
		}
	}
	return piece.End
}

// matches applies the rule to one piece of unit u; before and after are
// the rest of the piece's sentence. Pattern results are memoised per
// document span, so rules that share a pattern (and every rule's
// negation test) pay for it once.
func (cl *claim) matches(idx *docIndex, u *prose.Unit, piece, before, after, asked prose.Span) bool {
	d := idx.doc
	for _, re := range cl.all {
		if !idx.test(re, piece) {
			return false
		}
	}
	if len(cl.any) > 0 && !idx.anyOf(cl.any, piece) {
		return false
	}
	if idx.anyOf(cl.unless, piece) || cl.negation && idx.test(negationRE, piece) {
		return false
	}
	if len(cl.subject) == 0 || idx.anyOf(cl.subject, piece) {
		return true
	}
	// The piece omits the subject: borrow it from the context, unless the
	// piece names a different subject of its own. A table row's subject is
	// usually its first cell, another clause of the same row.
	if idx.anyOf(cl.others, piece) {
		return false
	}
	if before.End > before.Start && prose.OmitsSubject(d.Text[piece.Start:piece.End]) && idx.anyOf(cl.subject, before) {
		return true
	}
	if cl.context&ctxSentence != 0 && (idx.anyOf(cl.subject, before) || idx.anyOf(cl.subject, after)) {
		return true
	}
	if u.Kind == prose.Row && idx.anyOf(cl.subject, prose.Span{Start: u.Start, End: u.End}) {
		return true
	}
	if cl.context&(ctxHeading|ctxTitle) != 0 && idx.anyOf(cl.subject, asked) {
		return true
	}
	for _, ctx := range contextUnits(d, u, cl.context) {
		if idx.anyOf(cl.subject, prose.Span{Start: d.Units[ctx].Start, End: d.Units[ctx].End}) {
			return true
		}
	}
	return false
}

// contextUnits lists the units u may borrow from, by the context bits. A
// heading that reports a misconception ("PATCH listed as idempotent")
// lends nothing: its section is about the error, not an instance of it.
func contextUnits(d *prose.Doc, u *prose.Unit, context int) []int {
	var out []int
	add := func(i int) {
		if i >= 0 && !reports(d, i) {
			out = append(out, i)
		}
	}
	if context&ctxHeading != 0 {
		add(u.Heading)
	}
	if context&ctxLeadIn != 0 {
		add(u.LeadIn)
	}
	if context&ctxTitle != 0 && u.Title >= 0 {
		add(u.Title)
		add(d.Units[u.Title].Title)
	}
	return out
}

// reportsAny says whether a sentence of u reports a misconception.
func reportsAny(d *prose.Doc, i int) bool {
	for _, s := range d.Sentences(i) {
		if s.Reported {
			return true
		}
	}
	return false
}

// reports says whether a unit reports a misconception in every sentence.
func reports(d *prose.Doc, i int) bool {
	sents := d.Sentences(i)
	for _, s := range sents {
		if !s.Reported {
			return false
		}
	}
	return len(sents) > 0
}

func anyMatch(res []*relit.Pattern, t string) bool {
	for _, re := range res {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

func (cl *claim) String() string { return fmt.Sprintf("claim %s", cl.rule.ID) }
