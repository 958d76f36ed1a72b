package prose

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"PATCH isn’t “idempotent”":        `patch is not "idempotent"`,
		"You can't and won't; it doesn't": "you cannot and will not; it does not",
		"A — B – C":                       "a - b - c",
		"Request → cache ⇒ origin":        "request -> cache -> origin",
		"**Bold** and `code`":             "bold and code",
		"2 * 3":                           "2 * 3",
		"🟩 2. PATCH ✅ Yes":                "2. patch yes",
		"❌ Not idempotent":                "no not idempotent",
		`$\text{hash}(\text{user\_id}) \% 10 \rightarrow 5$`: "hash(user_id) % 10 -> 5",
		"ﬁle ＡＰＩ":                     "file api",
		"npm ci --only=production":    "npm ci --only=production",
		"requests---its the response": "requests - its the response",
		"tab\tseparated":              "tab | separated",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// unitsOf renders a document's units as "kind: text".
func unitsOf(text string) []string {
	d := Analyze(text)
	var out []string
	for i, u := range d.Units {
		s := u.Kind.String() + ": " + d.UnitText(i)
		if u.Heading >= 0 {
			s += " [h: " + d.UnitText(u.Heading) + "]"
		}
		if u.LeadIn >= 0 {
			s += " [l: " + d.UnitText(u.LeadIn) + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestUnits(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"hard wrap", "If a middleware does not call\nnext(), the request will hang.\nNext sentence.\n",
			[]string{"text: if a middleware does not call next(), the request will hang.", "text: next sentence."}},
		{"dash lists", "Tasks in the pool:\n-\nFile system (\nfs.readFile) -\nDNS (except lookup)\n",
			[]string{"text: tasks in the pool:", "item: file system ( fs.readfile) [l: tasks in the pool:]", "item: dns (except lookup) [l: tasks in the pool:]"}},
		{"numbered headings", "1 HTTP/1.1 Limitations\n\n- 👉 One request per connection.\n\nExample: slow pages.\n\n2 HTTP/2\n\n- Multiplexing.\n",
			[]string{"heading: http/1.1 limitations", "item: one request per connection. [h: http/1.1 limitations]", "text: example: slow pages. [h: http/1.1 limitations]", "heading: http/2", "item: multiplexing. [h: http/2]"}},
		{"numbered items are not headings", "ans : 1) create a server\n      2) shorten the url\n",
			[]string{"item: create a server", "item: shorten the url"}},
		{"heading over a marker list", "MongoDB (in Replica Sets)\n-\nPrioritizes Availability\n-\nSacrifices Consistency\n",
			[]string{"heading: mongodb (in replica sets)", "item: prioritizes availability [h: mongodb (in replica sets)]", "item: sacrifices consistency [h: mongodb (in replica sets)]"}},
		{"tag line is text", "Example: x.\n\nRedis Sentinel Redis Cluster\n\n",
			[]string{"text: example: x.", "text: redis sentinel redis cluster"}},
		{"table", "Method\tIdempotent\nPATCH\tYes (usually)\n",
			[]string{"row: method ; idempotent", "row: method: patch ; idempotent: yes (usually)"}},
		{"markdown table", "| A | B |\n|---|---|\n| 1 | 2 |\n",
			[]string{"row: a ; b", "row: a: 1 ; b: 2"}},
		{"not a number", "500 means server not responding\n", []string{"text: 500 means server not responding"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unitsOf(tc.text); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

func TestSentencesAndClauses(t *testing.T) {
	d := Analyze("Use package.json and dns.lookup() in Node 4.x. PUT is idempotent, whereas PATCH is not; e.g. Foo works. Is it? A common myth is that X holds.\n")
	var got []string
	for _, s := range d.Sentences(0) {
		var cl []string
		for _, c := range s.Clauses {
			cl = append(cl, d.Text[c.Start:c.End])
		}
		flags := ""
		if s.Question {
			flags += "?"
		}
		if s.Reported {
			flags += "!"
		}
		got = append(got, flags+strings.Join(cl, " | "))
	}
	want := []string{
		"use package.json and dns.lookup() in node 4.x.",
		"put is idempotent | whereas patch is not | e.g. foo works.",
		"?is it?",
		"!a common myth is that x holds.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestSourceMap checks that every normalised byte maps into the span of
// the document it was written from.
func TestSourceMap(t *testing.T) {
	text := "PATCH isn’t “safe” → ✅ **ok**.\n\n| A | B |\n|---|---|\n| x | y |\n"
	d := Analyze(text)
	for i, u := range d.Units {
		s, e := d.Source(Span{u.Start, u.End})
		if s < 0 || e > len(text) || s > e {
			t.Fatalf("unit %d maps to [%d,%d)", i, s, e)
		}
	}
	i := strings.Index(d.Text, "is not")
	s, e := d.Source(Span{i, i + len("is not")})
	if got := text[s:e]; got != "isn’t" {
		t.Errorf("\"is not\" maps to %q", got)
	}
	i = strings.Index(d.Text, "b: y")
	s, e = d.Source(Span{i, i + len("b: y")})
	if got := text[s:e]; got != "y" {
		t.Errorf("row cell maps to %q", got)
	}
}
