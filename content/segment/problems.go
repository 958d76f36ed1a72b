package segment

import (
	"strings"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/clean"
)

// problems builds a Problem for every start.
func (o *outline) problems() []Problem {
	if len(o.starts) == 0 {
		return nil
	}
	sectionLines := make([]int, 0, len(o.sections))
	for l := range o.sections {
		sectionLines = append(sectionLines, l)
	}
	sortInts(sectionLines)
	out := make([]Problem, 0, len(o.starts))
	for k, st := range o.starts {
		end := len(o.lines)
		if k+1 < len(o.starts) {
			next := o.starts[k+1].line
			end = next
			if top, ok := o.chainTop[next]; ok && top > st.last {
				end = top
			}
		}
		topic := ""
		for _, s := range sectionLines {
			if s < st.line {
				topic = o.sections[s]
			} else if s > st.last && s < end && !o.inChain(s) {
				end = s // a section marker ends the answer
				break
			}
		}
		for l := range o.strays {
			if l > st.last && l < end {
				end = l
			}
		}
		out = append(out, o.problem(st, end, topic))
	}
	return out
}

func (o *outline) inChain(l int) bool {
	for _, top := range o.chainTop {
		if l >= top {
			// Chain lines sit between their top and their start; a cheap
			// check suffices since a chain holds only heading lines.
			for _, s := range o.starts {
				if s.line > l && top <= l && o.chainTop[s.line] == top {
					return true
				}
			}
		}
	}
	return false
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// problem builds the problem titled at st whose text ends before line end.
func (o *outline) problem(st start, end int, topic string) Problem {
	title := o.lines[st.line]
	p := Problem{
		Number:    st.number,
		Marker:    st.marker,
		Title:     st.title,
		TitleSpan: content.Span{Start: title.Start, End: o.lines[st.last].End},
		Topic:     topic,
	}
	body := []string{}
	if st.body != "" {
		body = append(body, st.body)
	}
	// The header: labels and question text between the title and the
	// answer ("INTERVIEWER: …", "Question:", "Solution:", "Answer:").
	i := st.last + 1
	var first *answerLine
	inQuestion := false // after a "Question:" label: plain lines are the question
header:
	for ; i < end; i++ {
		l := &o.lines[i]
		if l.blank {
			continue
		}
		if l.fence {
			break
		}
		t := clean.Trim(l.Text)
		base := strings.Index(l.Text, t)
		for t != "" {
			// A line may hold several labels ("Question:**Solution:**").
			u := strings.TrimLeft(t, "*_ ")
			if m := questionLabelRE.FindStringSubmatch(u); m != nil && st.marker != MarkerScript {
				inQuestion = true
				t = m[1]
				continue
			}
			if m := interviewerLabelRE.FindStringSubmatch(u); m != nil {
				inQuestion = true
				if q := clean.Trim(strings.Trim(m[1], "*_ ")); q != "" && !isPlaceholder(q) {
					body = append(body, q)
				}
				t = ""
				break
			}
			if m := answerLabelRE.FindStringSubmatch(u); m != nil {
				rest := strings.TrimLeft(m[1], "*_ ")
				if clean.Trim(rest) != "" {
					off := base + len(clean.Trim(l.Text)) - len(rest) // rest is a suffix of the trimmed line
					pad := len([]rune(l.Text[:off]))
					first = &answerLine{start: l.Start + off, end: l.End, text: strings.Repeat(" ", pad) + rest}
				}
				i++
				break header
			}
			break
		}
		t = clean.Trim(strings.Trim(t, "*_ "))
		switch {
		case t == "" || isPlaceholder(t):
		case inQuestion && len(body) == 0:
			body = append(body, t)
		default:
			break header // no answer label: the answer starts here
		}
	}
	p.Body = strings.Join(body, "\n")
	p.Question = p.Title
	if p.Body != "" {
		p.Question = p.Title + "\n\n" + p.Body
	}
	// The answer lines and blocks are gathered in the outline's scratch
	// slices, reused from problem to problem.
	ans := o.ansBuf[:0]
	if first != nil {
		ans = append(ans, *first)
	}
	for ; i < end; i++ {
		l := &o.lines[i]
		al := answerLine{start: l.Start, end: l.End, text: l.Text, fence: l.fence}
		if !l.blank && !l.fence {
			al.code = l.code // the outline's score of the same text, if it has one
		}
		ans = append(ans, al)
	}
	p.Blocks, o.blockBuf = renderBlocks(ans, o.blockBuf)
	o.ansBuf = ans[:0]
	p.Span = content.Span{Start: title.Start, End: o.lines[st.last].End}
	if n := len(p.Blocks); n > 0 {
		p.Span.End = p.Blocks[n-1].Span.End
	}
	return p
}

// isPlaceholder reports text a converter left in place of a question
// ("(Green box placeholder for question text)"); artifact rules remove it,
// and the segmenter does not take it for a question either.
func isPlaceholder(t string) bool {
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.Contains(strings.ToLower(t), "placeholder")
}
