package ruleset

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/internal/relit"
	"github.com/canon-kb/canon/internal/yamlstrict"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/prose"
)

// A consistency rule extracts a value for a fact key (the CAP class of a
// database, the default size of a pool, whether a method is idempotent)
// wherever the corpus states one, and reports the places that disagree:
// with each other, or with the value the rule knows to be right.
type consistency struct {
	rule     *lint.Rule
	keywords []int
	entities []named        // what the key is about
	values   []named        // named choices, or
	number   *regexp.Regexp // a pattern whose first group is the value
	known    map[string]string
	context  int
	correct  string
}

type named struct {
	name string
	res  []*relit.Pattern
}

// A statement is one place that gives an entity a value.
type statement struct {
	file   *lint.File
	loc    lint.Location
	entity string
	value  string
}

func (c *compiler) consistency(rd *RuleDoc, r *lint.Rule) {
	cs := &consistency{
		rule:     r,
		keywords: c.keywords(rd),
		context:  ctxHeading | ctxLeadIn,
		known:    map[string]string{},
		correct:  strings.TrimSpace(rd.Correct.V),
	}
	if !strings.HasPrefix(rd.ID.V, "consistency/") {
		c.errorf(rd.ID, "consistency rules' ids start with \"consistency/\"")
	}
	if len(rd.Keywords) == 0 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"keywords\" (literal words the prefilter looks for)", rd.ID.V)
	}
	cs.entities = c.namedPatterns(rd.Entities)
	if len(cs.entities) == 0 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"entities\" (name: pattern, what the key is about)", rd.ID.V)
	}
	cs.values = c.namedPatterns(rd.Values)
	if rd.Number.V != "" {
		if res := c.compile([]yamlstrict.Str{rd.Number}); len(res) == 1 {
			if res[0].Regexp().NumSubexp() < 1 {
				c.errorf(rd.Number, "\"number\" needs a group capturing the value")
			}
			cs.number = res[0].Regexp()
		}
	}
	if (len(cs.values) > 0) == (rd.Number.V != "") {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: needs exactly one of \"values\" (named choices) and \"number\"", rd.ID.V)
	}
	for entity, v := range rd.Known {
		if !hasName(cs.entities, entity) {
			c.errorf(v, "known value for %q, which is not one of the entities", entity)
		}
		if cs.number == nil && !hasName(cs.values, v.V) {
			c.errorf(v, "known value %q is not one of the values", v.V)
		}
		cs.known[entity] = v.V
	}
	if len(rd.Context) > 0 {
		cs.context = c.contextMask(rd.Context)
	}
	if len(rd.References) == 0 {
		c.errorAt(rd.At.Line, rd.At.Col, "rule %s: missing \"references\"", rd.ID.V)
	}
	c.examples(rd, cs.keywords)
	r.Stage = lint.StageCorpus
	r.Doc = strings.TrimSpace(rd.Doc.V)
	if cs.correct != "" {
		r.Doc += "\n\nCorrect statement: " + cs.correct
	}
	set := c.set
	r.RunCorpus = cs.run
	// Statements are extracted per file, in parallel and while the text is
	// at hand; the corpus pass only compares them.
	r.Collect = func(p *lint.Pass) any {
		idx := p.Memo(set, func() any { return set.index(p.Doc.Text) }).(*docIndex)
		return cs.extract(p, idx)
	}
}

func (c *compiler) namedPatterns(m map[string][]yamlstrict.Str) []named {
	var out []named
	for name, pats := range m {
		out = append(out, named{name: name, res: c.compile(pats)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func hasName(ns []named, name string) bool {
	for _, n := range ns {
		if n.name == name {
			return true
		}
	}
	return false
}

// matching returns the names whose patterns match t.
func matching(ns []named, t string) []string {
	var out []string
	for _, n := range ns {
		if anyMatch(n.res, t) {
			out = append(out, n.name)
		}
	}
	return out
}

// valuesIn returns the values t states.
func (cs *consistency) valuesIn(t string) []string {
	if cs.number == nil {
		return matching(cs.values, t)
	}
	var out []string
	for _, m := range cs.number.FindAllStringSubmatch(t, -1) {
		// The first group that took part is the value.
		v := ""
		for _, g := range m[1:] {
			if g != "" {
				v = g
				break
			}
		}
		if n, ok := numberWords[v]; ok {
			v = n
		}
		if v != "" && (len(out) == 0 || out[len(out)-1] != v) {
			out = append(out, v)
		}
	}
	return out
}

// numberWords lets "six phases" and "6 phases" state the same value.
var numberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "sixteen": "16",
}

// extract lists the statements of one file.
func (cs *consistency) extract(p *lint.Pass, idx *docIndex) []statement {
	d := idx.doc
	var out []statement
	for _, ui := range idx.candidates(cs.keywords, cs.context != 0) {
		u := &d.Units[ui]
		if u.Kind == prose.Code {
			continue
		}
		var ctxEntities, ctxValues []string
		ctxDone := false
		context := func() {
			if ctxDone {
				return
			}
			ctxDone = true
			for _, c := range contextUnits(d, u, cs.context) {
				t := d.UnitText(c)
				ctxEntities = append(ctxEntities, matching(cs.entities, t)...)
				ctxValues = append(ctxValues, cs.valuesIn(t)...)
			}
			ctxEntities, ctxValues = dedupe(ctxEntities), dedupe(ctxValues)
		}
		for _, s := range d.Sentences(ui) {
			if s.Question || s.Reported {
				continue
			}
			for _, piece := range s.Clauses {
				t := d.Text[piece.Start:piece.End]
				if negationRE.MatchString(t) {
					continue
				}
				entities, values := matching(cs.entities, t), dedupe(cs.valuesIn(t))
				if len(entities) == 0 && len(values) == 0 {
					continue
				}
				if len(entities) == 0 || len(values) == 0 {
					context()
				}
				if len(entities) == 0 {
					entities = ctxEntities
				}
				if len(values) == 0 {
					values = ctxValues
				}
				// One value for one or more entities is a statement about
				// each; several values at once are a comparison, skipped.
				if len(values) != 1 || len(entities) == 0 {
					continue
				}
				start, end := d.Source(piece)
				loc := p.Locate(content.Span{Start: start, End: end})
				for _, e := range entities {
					out = append(out, statement{loc: loc, entity: e, value: values[0]})
				}
			}
		}
	}
	return out
}

func dedupe(s []string) []string {
	if len(s) < 2 {
		return s
	}
	seen := map[string]bool{}
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// run compares the statements of all files, per entity.
func (cs *consistency) run(p *lint.CorpusPass) {
	byEntity := map[string][]statement{}
	for _, f := range p.Files {
		sts, _ := p.Collected(f).([]statement)
		for _, st := range sts {
			st.file = f
			byEntity[st.entity] = append(byEntity[st.entity], st)
		}
	}
	entities := make([]string, 0, len(byEntity))
	for e := range byEntity {
		entities = append(entities, e)
	}
	sort.Strings(entities)
	for _, e := range entities {
		sts := byEntity[e]
		right, known := cs.known[e]
		if !known {
			right = majority(sts)
		}
		var agree []statement
		for _, st := range sts {
			if st.value == right {
				agree = append(agree, st)
			}
		}
		if !known && len(agree) == len(sts) {
			continue
		}
		for _, st := range sts {
			if st.value == right {
				continue
			}
			msg := fmt.Sprintf("%s: %s is %s here", cs.rule.Summary, e, st.value)
			var rel []lint.Related
			for i, a := range agree {
				if i == 3 {
					break
				}
				rel = append(rel, lint.RelatedAtLocation(a.file, a.loc, fmt.Sprintf("%s is %s here", e, a.value)))
			}
			if len(rel) > 0 {
				msg += fmt.Sprintf(", but %s at %s", right, places(agree))
			}
			if known {
				msg += fmt.Sprintf("; correct: %s is %s", e, right)
				if cs.correct != "" {
					msg += ". " + cs.correct
				}
			}
			if len(cs.rule.References) > 0 {
				msg += " (" + cs.rule.References[0] + ")"
			}
			p.ReportAt(st.file, st.loc, msg, rel)
		}
	}
}

// majority is the most stated value, ties going to the one stated first.
func majority(sts []statement) string {
	count := map[string]int{}
	best, n := "", 0
	for _, st := range sts {
		count[st.value]++
		if count[st.value] > n {
			best, n = st.value, count[st.value]
		}
	}
	return best
}

func places(sts []statement) string {
	var ps []string
	for i, st := range sts {
		if i == 3 {
			ps = append(ps, fmt.Sprintf("and %d more", len(sts)-3))
			break
		}
		ps = append(ps, fmt.Sprintf("%s:%d", st.file.Path, st.loc.Start.Line))
	}
	return strings.Join(ps, ", ")
}
