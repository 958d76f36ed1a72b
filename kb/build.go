package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/kb/dedupe"
	"github.com/canon-kb/canon/lint"
)

// An Item is one occurrence of a problem in a source, as Build sees it.
type Item struct {
	Source   Source
	Problem  *segment.Problem
	Findings []FindingRef
}

// Items lists every problem of every readable file in res, in source
// order (path, then line), so that what is built from them does not depend
// on the order the files were given in.
func Items(res *lint.Result) []Item {
	var items []Item
	for _, f := range res.Files {
		if f.Skipped != nil {
			continue
		}
		for i := range f.Problems {
			o := f.Origins[i]
			items = append(items, Item{
				Source:   Source{Path: f.Path, Line: o.TitleLine},
				Problem:  &f.Problems[i],
				Findings: findingsIn(f, o.Span),
			})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return sourceLess(items[i].Source, items[j].Source) })
	return items
}

// A Compiled knowledge base keeps what dedupe decided, for review.
type Compiled struct {
	KB *KB
	// Items are the occurrences, in source order.
	Items []Item
	// Dedupe is the grouping of Items.
	Dedupe *dedupe.Result
	// ProblemOf maps each item to its problem in KB.Problems.
	ProblemOf []int
}

// Build compiles the problems of every file in res into a knowledge base.
func Build(res *lint.Result) *KB { return Compile(Items(res), dedupe.DefaultOptions()).KB }

// Compile deduplicates items and assembles the knowledge base: one problem
// per distinct question, exact and near copies merged into one answer
// that keeps every part any copy kept, independent answers ranked best
// first, and questions about the same subject linked as related.
func Compile(items []Item, opts dedupe.Options) *Compiled {
	docs := make([]dedupe.Doc, len(items))
	parallel(len(items), func(i int) {
		p := items[i].Problem
		// The answer is passed as its blocks' text (what AnswerMarkdown
		// joins), so dedupe does not hold a second copy of every answer.
		parts := make([]string, len(p.Blocks))
		for k, b := range p.Blocks {
			parts[k] = b.Markdown
		}
		docs[i] = dedupe.Doc{Title: p.Title, Question: p.Question, Parts: parts}
	})
	dr := dedupe.Run(docs, opts)
	answerOf := make([]int, len(items))
	for i := range answerOf {
		answerOf[i] = -1
	}
	for k, g := range dr.Answers {
		for _, i := range g {
			answerOf[i] = k
		}
	}
	c := &Compiled{Items: items, Dedupe: dr, ProblemOf: make([]int, len(items))}
	// Problems are assembled independently: merging the copies of their
	// answers reads the items and writes nothing shared.
	problems := make([]*Problem, len(dr.Problems))
	parallel(len(dr.Problems), func(k int) { problems[k] = assemble(items, dr.Problems[k], dr.Answers, answerOf) })
	assignIDs(problems, items, dr.Problems)
	for _, pair := range dr.Related {
		a, b := problems[pair[0]], problems[pair[1]]
		a.Related = append(a.Related, b.ID)
		b.Related = append(b.Related, a.ID)
	}
	order := make([]int, len(problems))
	for k := range order {
		order[k] = k
		sort.Strings(problems[k].Related)
	}
	sort.Slice(order, func(i, j int) bool { return problems[order[i]].ID < problems[order[j]].ID })
	pos := make([]int, len(problems))
	k := &KB{SchemaVersion: SchemaVersion, Problems: make([]*Problem, len(problems))}
	for i, o := range order {
		k.Problems[i] = problems[o]
		pos[o] = i
	}
	for pk, members := range dr.Problems {
		for _, i := range members {
			c.ProblemOf[i] = pos[pk]
		}
	}
	c.KB = k
	return c
}

// assemble builds one problem from its member items.
func assemble(items []Item, members []int, answerGroups [][]int, answerOf []int) *Problem {
	p := &Problem{Answers: []*Answer{}, Related: []string{}, Sources: []Source{}}
	seen := map[int]bool{}
	for _, i := range members {
		p.Sources = append(p.Sources, items[i].Source)
		if g := answerOf[i]; g >= 0 && !seen[g] {
			seen[g] = true
			p.Answers = append(p.Answers, mergeAnswer(items, answerGroups[g]))
		}
	}
	sortSources(p.Sources)
	rankAnswers(p.Answers)
	// The problem is worded as the source of its best answer words it; a
	// question nobody answered as its first occurrence does.
	rep := members[0]
	if len(p.Answers) > 0 {
		for _, i := range members {
			if items[i].Source == p.Answers[0].Sources[0] {
				rep = i
				break
			}
		}
	}
	rp := items[rep].Problem
	p.Title, p.Question, p.Topic = rp.Title, rp.Question, rp.Topic
	if p.Question == "" {
		p.Question = p.Title
	}
	for _, i := range members {
		if p.Topic != "" {
			break
		}
		p.Topic = items[i].Problem.Topic
	}
	return p
}

// assignIDs derives each problem's ID from its normalised question: a
// readable slug and a hash of the whole key. Two problems can share a key
// only when their questions have no content words to compare ("What is
// it?"); the later ones in source order then take a hash of their first
// source as well.
func assignIDs(problems []*Problem, items []Item, groups [][]int) {
	taken := map[string]bool{}
	for k, p := range problems {
		key := dedupe.QuestionKey(p.Question)
		id := problemID(key)
		if taken[id] {
			src := items[groups[k][0]].Source
			id = problemID(key + "\x00" + src.Path + ":" + itoa(src.Line))
		}
		taken[id] = true
		p.ID = id
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// QuestionKey normalises a question for identity; see dedupe.QuestionKey.
func QuestionKey(q string) string { return dedupe.QuestionKey(q) }

// problemID is a readable slug of the key plus a short hash of the whole
// key, so IDs are unique, stable and safe as file names whatever the
// question contains: only ASCII letters, digits and hyphens.
func problemID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return slug(key, 48) + "-" + hex.EncodeToString(sum[:4])
}

// slug keeps the ASCII letters and digits of s, lower-cased, with single
// hyphens for everything between them, cut at n bytes; "q" if nothing is
// left.
func slug(s string, n int) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if b.Len() >= n {
			break
		}
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(r)
			continue
		}
		gap = true
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "q"
	}
	return out
}

// findingsIn lists the findings of f that fall inside a problem's raw
// span, other than the repairs of encoding and scrape artifacts, which the
// knowledge base already shows repaired.
func findingsIn(f *lint.File, span content.Span) []FindingRef {
	out := []FindingRef{}
	// f.Findings are in report order, by raw offset.
	first := sort.Search(len(f.Findings), func(i int) bool { return f.Findings[i].Span.Start >= span.Start })
	for _, fd := range f.Findings[first:] {
		if fd.Span.Start >= span.End {
			break
		}
		if fd.Span.Start >= span.Start && fd.Span.Start < span.End && !fd.Repair && !strings.HasPrefix(fd.Rule, "encoding/") && !strings.HasPrefix(fd.Rule, "artifact/") {
			out = append(out, FindingRef{Rule: fd.Rule, Severity: fd.Severity.String(), Path: fd.Path, Line: fd.Line, Message: fd.Message})
		}
	}
	return out
}

func sourceLess(a, b Source) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Line < b.Line
}

func sortSources(s []Source) {
	sort.Slice(s, func(i, j int) bool { return sourceLess(s[i], s[j]) })
}
