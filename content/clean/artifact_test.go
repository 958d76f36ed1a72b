package clean

import (
	"strings"
	"testing"

	"github.com/canon-kb/canon/content"
)

// apply runs a pattern over text and applies every proposal.
func apply(t *testing.T, p Pattern, text string) (string, int) {
	t.Helper()
	m, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	var edits []content.Edit
	props := m.Find(NewScan(text))
	for _, pr := range props {
		edits = append(edits, pr.Edits...)
	}
	content.SortEdits(edits)
	out, _, err := content.Apply(text, edits)
	if err != nil {
		t.Fatal(err)
	}
	return out, len(props)
}

func TestPatternContexts(t *testing.T) {
	cases := []struct {
		name string
		p    Pattern
		in   string
		want string
	}{
		{"whole line only", Pattern{Lines: []string{"Copy"}}, "Copy\nCopy the file.\n", "Copy the file.\n"},
		{"alone", Pattern{Lines: []string{"Post a Comment"}, Where: Where{Alone: true}}, "a\nPost a Comment\n\nPost a Comment\n\nb\n", "a\nPost a Comment\n\nb\n"},
		{"head", Pattern{Lines: []string{"X"}, Where: Where{Head: 1}}, "X\ny\nX\n", "y\nX\n"},
		{"tail", Pattern{Lines: []string{"X"}, Where: Where{Tail: 1}}, "X\ny\nX\n", "X\ny\n"},
		{"next", Pattern{Lines: []string{"label"}, Where: Where{Next: `\{.*`}}, "label\n{ a }\nlabel\ntext\n", "{ a }\nlabel\ntext\n"},
		{"not prev", Pattern{Lines: []string{"X"}, Where: Where{NotPrev: "keep"}}, "keep\nX\ndrop\nX\n", "keep\nX\ndrop\n"},
		{"echo", Pattern{Lines: []string{`\p{L}+`}, Where: Where{Alone: true, Echo: true}}, "Why Do It?\n\nwhy\n\nBecause.\n\nA sentence here.\n\nsentence\n", "Why Do It?\n\nBecause.\n\nA sentence here.\n\nsentence\n"},
		{"not in fence", Pattern{Lines: []string{"X"}}, "```\nX\n```\nX\n", "```\nX\n```\n"},
		{"until", Pattern{Lines: []string{"Begin"}, Until: "End", Within: 3}, "Begin\n1\nEnd\nBegin\n1\n2\n3\n4\nEnd\n", "Begin\n1\n2\n3\n4\nEnd\n"},
		{"continue", Pattern{Lines: []string{"Contents"}, Continue: `- .*`}, "Contents\n- a\n\n- b\nbody\n", "body\n"},
		{"inline", Pattern{Inline: `\[([^\]]+)\]\(#\)`, Replace: "$1"}, "see [a](#) and [b](http://x)\n", "see a and [b](http://x)\n"},
		{"inline skips code", Pattern{Inline: `\\\$`, Replace: "$$"}, "costs \\$5\nconst s = `\\${x}`;\n", "costs $5\nconst s = `\\${x}`;\n"},
		{"open code", Pattern{Lines: []string{`(?P<lang>\w+)`, "Copy", "Edit"}, Action: ActionOpenCode}, "js\nCopy\nEdit\nlet x = 1;\nx++;\nDone.\n", "```js\nlet x = 1;\nx++;\n```\nDone.\n"},
		{"close code", Pattern{Lines: []string{"END"}, Action: ActionCloseCode}, "Run:\n\ngit status\ngit add .\nEND\n", "Run:\n\n```\ngit status\ngit add .\n```\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, _ := apply(t, c.p, c.in); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	for _, c := range []struct {
		p    Pattern
		want string
	}{
		{Pattern{}, "exactly one of lines and inline"},
		{Pattern{Inline: "x*"}, "matches the empty string"},
		{Pattern{Inline: "x", Action: ActionOpenCode}, "inline patterns take"},
		{Pattern{Lines: []string{"a"}, Replace: "b"}, "apply to inline patterns only"},
		{Pattern{Lines: []string{"a"}, Where: Where{Next: "("}}, "where.next"},
		{Pattern{Lines: []string{"a"}, Within: -1}, "must not be negative"},
	} {
		if _, err := Compile(c.p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Compile(%+v) = %v, want %q", c.p, err, c.want)
		}
	}
}

func TestCodeBlockBounds(t *testing.T) {
	lines := strings.Split("Intro line of prose here.\nconst a = 1;\n\nif (a) {\n  go();\n}\nThat is all for now.", "\n")
	if end := CodeBlockEnd(lines, 1); end != 6 {
		t.Errorf("CodeBlockEnd = %d, want 6", end)
	}
	if start := CodeBlockStart(lines, 6); start != 1 {
		t.Errorf("CodeBlockStart = %d, want 1", start)
	}
	if end := CodeBlockEnd(lines, 0); end != 0 {
		t.Errorf("prose starts no code block (got %d)", end)
	}
}

func TestCloseCodeStopsAtIntroLine(t *testing.T) {
	p := Pattern{Lines: []string{"END"}, Action: ActionCloseCode}
	in := "Run:\ngit status\nEND\n\nservices:\n  web:\n    image: nginx\nEND\n"
	want := "Run:\n```\ngit status\n```\n\n```\nservices:\n  web:\n    image: nginx\n```\n"
	if got, _ := apply(t, p, in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
