package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"unicode"

	"github.com/canon-kb/canon/content/segment"
	"github.com/canon-kb/canon/lint"
	"golang.org/x/text/unicode/norm"
)

// Build compiles the problems of every file in res into a knowledge base.
// Problems asking the same normalised question become one; identical
// answers become one answer with several sources.
func Build(res *lint.Result) *KB {
	byKey := map[string]*Problem{}
	for _, f := range res.Files {
		if f.Skipped != nil {
			continue
		}
		for i := range f.Problems {
			p := &f.Problems[i]
			key := QuestionKey(p.Question)
			if key == "" {
				continue
			}
			src := Source{Path: f.Path, Line: f.Doc.Line(p.TitleSpan.Start)}
			kp := byKey[key]
			if kp == nil {
				kp = &Problem{ID: problemID(key), Title: p.Title, Question: p.Question, Topic: p.Topic, Answers: []*Answer{}, Related: []string{}}
				byKey[key] = kp
			}
			kp.Sources = append(kp.Sources, src)
			if !p.Answered() {
				continue
			}
			md := p.AnswerMarkdown()
			var ans *Answer
			for _, a := range kp.Answers {
				if a.Markdown == md {
					ans = a
				}
			}
			if ans == nil {
				ans = &Answer{Markdown: md, Findings: []FindingRef{}}
				kp.Answers = append(kp.Answers, ans)
			}
			ans.Sources = append(ans.Sources, src)
			ans.Findings = append(ans.Findings, findingsIn(f, p)...)
		}
	}
	kb := &KB{SchemaVersion: SchemaVersion, Problems: make([]*Problem, 0, len(byKey))}
	for _, p := range byKey {
		sortSources(p.Sources)
		for _, a := range p.Answers {
			sortSources(a.Sources)
		}
		// Longest answer first until the dedupe tiers rank answers.
		sort.SliceStable(p.Answers, func(i, j int) bool {
			a, b := p.Answers[i], p.Answers[j]
			if len(a.Markdown) != len(b.Markdown) {
				return len(a.Markdown) > len(b.Markdown)
			}
			return a.Markdown < b.Markdown
		})
		kb.Problems = append(kb.Problems, p)
	}
	sort.Slice(kb.Problems, func(i, j int) bool { return kb.Problems[i].ID < kb.Problems[j].ID })
	return kb
}

// findingsIn lists the findings of f that fall inside p's raw span.
func findingsIn(f *lint.File, p *segment.Problem) []FindingRef {
	span := f.Doc.SourceSpan(p.Span)
	var out []FindingRef
	for _, fd := range f.Findings {
		if fd.Span.Start >= span.Start && fd.Span.Start < span.End && !strings.HasPrefix(fd.Rule, "encoding/") && !strings.HasPrefix(fd.Rule, "artifact/") {
			out = append(out, FindingRef{Rule: fd.Rule, Severity: fd.Severity.String(), Path: fd.Path, Line: fd.Line, Message: fd.Message})
		}
	}
	return out
}

func sortSources(s []Source) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Path != s[j].Path {
			return s[i].Path < s[j].Path
		}
		return s[i].Line < s[j].Line
	})
}

// QuestionKey normalises a question for identity: NFKC, case folded,
// letters and digits only, single spaces.
func QuestionKey(q string) string {
	q = norm.NFKC.String(q)
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(q) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// problemID is a readable slug of the key plus a short hash of the whole
// key, so IDs are unique, stable and safe as file names.
func problemID(key string) string {
	sum := sha256.Sum256([]byte(key))
	var b strings.Builder
	for _, r := range key {
		if b.Len() >= 48 {
			break
		}
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "q"
	}
	return slug + "-" + hex.EncodeToString(sum[:4])
}
