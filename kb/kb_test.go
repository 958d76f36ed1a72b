package kb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/internal/corpustest"
	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/kb/dedupe"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

func corpusInputs(t testing.TB) []lint.Input {
	t.Helper()
	var inputs []lint.Input
	for _, f := range corpustest.Files(t) {
		inputs = append(inputs, lint.BytesInput(filepath.ToSlash(f.Path), []byte(f.Text)))
	}
	return inputs
}

func compileInputs(t testing.TB, inputs []lint.Input, workers int) *kb.Compiled {
	t.Helper()
	res, err := lint.Run(context.Background(), inputs, lint.Options{Rules: rules.Builtin(), Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	opts := dedupe.DefaultOptions()
	opts.Workers = workers
	return kb.Compile(kb.Items(res), opts)
}

var (
	corpusOnce sync.Once
	corpus     *kb.Compiled
)

// corpusKB compiles the bundled corpus once for the tests that read it.
func corpusKB(t *testing.T) *kb.Compiled {
	corpusOnce.Do(func() { corpus = compileInputs(t, corpusInputs(t), 0) })
	return corpus
}

func files(t testing.TB, k *kb.KB, html bool) map[string][]byte {
	t.Helper()
	fs, err := kb.Files(k, kb.EmitOptions{HTML: html})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// TestCorpusValidatesAgainstSchema validates the corpus build with an
// independent JSON Schema implementation, so the schema is checked as
// readers will use it, and checks what the schema cannot say.
func TestCorpusValidatesAgainstSchema(t *testing.T) {
	c := corpusKB(t)
	fs := files(t, c.KB, false)
	compiler := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(kb.Schema()))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if err := compiler.AddResource("kb.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := compiler.Compile("kb.schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(fs["kb.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("kb.json does not validate:\n%v", err)
	}
	if !bytes.Equal(fs[kb.SchemaFile], kb.Schema()) {
		t.Error("the schema beside kb.json is not the one canon schema prints")
	}
	// A broken file must fail, or the validation above proves nothing.
	var v map[string]any
	if err := json.Unmarshal(fs["kb.json"], &v); err != nil {
		t.Fatal(err)
	}
	v["problems"].([]any)[0].(map[string]any)["sources"] = []any{}
	if sch.Validate(v) == nil {
		t.Error("a problem without sources validates")
	}

	ids := map[string]bool{}
	for i, p := range c.KB.Problems {
		if i > 0 && c.KB.Problems[i-1].ID >= p.ID {
			t.Errorf("problems not sorted by id at %d: %s then %s", i, c.KB.Problems[i-1].ID, p.ID)
		}
		ids[p.ID] = true
	}
	for _, p := range c.KB.Problems {
		for _, r := range p.Related {
			if !ids[r] || r == p.ID {
				t.Errorf("%s: related %q is not another problem", p.ID, r)
			}
		}
	}
}

// TestCorpusRepeatsMerge checks the promises of the issue on the corpus:
// every problem 000 and 001 share (two scrapes of one article) is one
// answer, and so is every problem 004 repeats.
func TestCorpusRepeatsMerge(t *testing.T) {
	c := corpusKB(t)
	answerOf := map[kb.Source]*kb.Answer{}
	problemOf := map[kb.Source]*kb.Problem{}
	for _, p := range c.KB.Problems {
		for _, s := range p.Sources {
			problemOf[s] = p
		}
		for _, a := range p.Answers {
			for _, s := range a.Sources {
				answerOf[s] = a
			}
		}
	}
	type occ struct {
		src      kb.Source
		answered bool
	}
	byFileKey := map[string]map[string][]occ{}
	for _, it := range c.Items {
		file := filepath.Base(it.Source.Path)[:3]
		if byFileKey[file] == nil {
			byFileKey[file] = map[string][]occ{}
		}
		key := kb.QuestionKey(it.Problem.Title)
		byFileKey[file][key] = append(byFileKey[file][key], occ{it.Source, it.Problem.Answered()})
	}
	pairs := 0
	check := func(what string, a, b occ) {
		t.Helper()
		pairs++
		if problemOf[a.src] != problemOf[b.src] {
			t.Errorf("%s: %v and %v are different problems", what, a.src, b.src)
			return
		}
		if a.answered && b.answered && answerOf[a.src] != answerOf[b.src] {
			t.Errorf("%s: %v and %v are different answers", what, a.src, b.src)
		}
	}
	for key, occs := range byFileKey["000"] {
		for _, o := range byFileKey["001"][key] {
			check("000/001", occs[0], o)
		}
	}
	repeats := 0
	for _, occs := range byFileKey["004"] {
		if len(occs) > 1 {
			repeats++
		}
		for _, o := range occs[1:] {
			check("004 repeat", occs[0], o)
		}
	}
	t.Logf("checked %d pairs; 004 repeats %d titles", pairs, repeats)
	if pairs == 0 {
		t.Error("no repeated problem found in the corpus")
	}
}

// TestDeterministic builds the corpus with its files in shuffled orders
// and with 1 and 4 workers; every output file must be byte-identical.
func TestDeterministic(t *testing.T) {
	inputs := corpusInputs(t)
	want := files(t, compileInputs(t, inputs, 1).KB, true)
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 2; round++ {
		shuffled := append([]lint.Input(nil), inputs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := files(t, compileInputs(t, shuffled, 4).KB, true)
		if len(got) != len(want) {
			t.Fatalf("round %d: %d files, want %d", round, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Fatalf("round %d: %s differs", round, name)
			}
		}
	}
}

var safeName = regexp.MustCompile(`^(problems/[a-z0-9-]+\.md|site/(problems|topics)/[a-z0-9-]+\.html|(site/)?[a-z0-9.-]+\.(json|md|html|css|js))$`)

// TestHostileTitles builds titles and topics that try to escape the
// output directory or break the markdown, and checks every file lands
// inside it under a safe name and every title survives as text.
func TestHostileTitles(t *testing.T) {
	hostile := []string{
		"../../../../tmp/pwned?",
		"/etc/passwd?",
		`..\..\windows\system32?`,
		"CON?",
		"\u200bzero\u200dwidth\u202eright-to-left?",
		"# heading * [link](javascript:alert(1)) <script>alert(1)</script>?",
		"````` fence?",
		strings.Repeat("very long title ", 40) + "?",
		"日本語の質問ですか？",
		"???",
		".hidden?",
	}
	var src strings.Builder
	for i, h := range hostile {
		fmt.Fprintf(&src, "%d. %s\n%s answer text.\n\n", i+1, strings.ReplaceAll(h, "\n", " "), h)
	}
	res, err := lint.Run(context.Background(), []lint.Input{lint.BytesInput("../evil/../x.txt", []byte(src.String()))}, lint.Options{Rules: rules.Builtin()})
	if err != nil {
		t.Fatal(err)
	}
	c := kb.Compile(kb.Items(res), dedupe.DefaultOptions())
	if len(c.KB.Problems) == 0 {
		t.Fatal("no problems built")
	}
	fs := files(t, c.KB, true)
	for name := range fs {
		if !safeName.MatchString(name) {
			t.Errorf("unsafe output name %q", name)
		}
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := kb.WriteDir(dir, fs); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if rel, _ := filepath.Rel(dir, p); p != parent && !filepath.IsLocal(rel) && p != dir {
			t.Errorf("written outside the output directory: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.KB.Problems {
		checkMarkdown(t, fs["problems/"+p.ID+".md"], p)
		page := string(fs["site/problems/"+p.ID+".html"])
		if strings.Contains(page, "<script>alert") || strings.Contains(page, `href="javascript:`) {
			t.Errorf("%s: script from a title reached the page", p.ID)
		}
	}
	if err := kb.WriteDir(dir, map[string][]byte{"../escape.txt": nil}); err == nil {
		t.Error("WriteDir wrote a name outside its directory")
	}
}

// TestMarkdownParsesBack parses every problem file of the corpus build:
// the front matter as YAML, the body as CommonMark with goldmark.
func TestMarkdownParsesBack(t *testing.T) {
	c := corpusKB(t)
	fs := files(t, c.KB, false)
	for _, p := range c.KB.Problems {
		checkMarkdown(t, fs["problems/"+p.ID+".md"], p)
	}
	index := string(fs["index.md"])
	for _, p := range c.KB.Problems {
		if !strings.Contains(index, "(problems/"+p.ID+".md)") {
			t.Errorf("index.md does not link %s", p.ID)
		}
	}
}

var md = goldmark.New(goldmark.WithExtensions(extension.Table))

func checkMarkdown(t *testing.T, file []byte, p *kb.Problem) {
	t.Helper()
	s := string(file)
	rest, ok := strings.CutPrefix(s, "---\n")
	front, body, ok2 := strings.Cut(rest, "\n---\n")
	if !ok || !ok2 {
		t.Errorf("%s: no front matter", p.ID)
		return
	}
	var fm struct {
		ID      string   `yaml:"id"`
		Title   string   `yaml:"title"`
		Topic   string   `yaml:"topic"`
		Sources []string `yaml:"sources"`
	}
	if err := yaml.Unmarshal([]byte(front), &fm); err != nil {
		t.Errorf("%s: front matter: %v", p.ID, err)
		return
	}
	if fm.ID != p.ID || fm.Title != p.Title || fm.Topic != p.Topic || len(fm.Sources) != len(p.Sources) {
		t.Errorf("%s: front matter %+v does not match the problem", p.ID, fm)
	}
	src := []byte(body)
	doc := md.Parser().Parse(text.NewReader(src))
	var h1 []string
	answers := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			txt := plainText(h, src)
			if h.Level == 1 {
				h1 = append(h1, txt)
			}
			if h.Level == 2 && strings.HasPrefix(txt, "Answer ") {
				answers++
			}
		}
		return ast.WalkContinue, nil
	})
	if len(h1) != 1 || h1[0] != strings.Join(strings.Fields(p.Title), " ") {
		t.Errorf("%s: level-1 headings %q, want the title %q", p.ID, h1, p.Title)
	}
	if want := len(p.Answers); want > 1 && answers != want {
		t.Errorf("%s: %d answer headings, want %d", p.ID, answers, want)
	}
}

// plainText is the text of a node as a reader sees it.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(x.Segment.Value(src)))
			if x.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(x.Value)
		case *ast.CodeSpan:
			for k := x.FirstChild(); k != nil; k = k.NextSibling() {
				if tx, ok := k.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestSiteLinksResolve checks every relative link and script of the HTML
// site points at a file the site has, and every problem has a page.
func TestSiteLinksResolve(t *testing.T) {
	c := corpusKB(t)
	fs := files(t, c.KB, true)
	site := map[string]bool{}
	var pages []string
	for name := range fs {
		if rest, ok := strings.CutPrefix(name, "site/"); ok {
			site[rest] = true
			if strings.HasSuffix(rest, ".html") {
				pages = append(pages, rest)
			}
		}
	}
	sort.Strings(pages)
	for _, p := range c.KB.Problems {
		if !site["problems/"+p.ID+".html"] {
			t.Errorf("no page for %s", p.ID)
		}
	}
	ref := regexp.MustCompile(`(?:href|src)="([^"#?]+)`)
	for _, page := range pages {
		for _, m := range ref.FindAllStringSubmatch(string(fs["site/"+page]), -1) {
			target := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(page), m[1])))
			if strings.HasPrefix(m[1], "http://") || strings.HasPrefix(m[1], "https://") {
				continue // a link an answer gives
			}
			if !site[target] {
				t.Errorf("%s: link %s leads nowhere", page, m[1])
			}
		}
	}
	idx := string(fs["site/search-index.js"])
	for _, p := range c.KB.Problems {
		title, _ := json.Marshal(p.Title)
		if !strings.Contains(idx, string(title)) {
			t.Errorf("search index lacks %q", p.Title)
		}
	}
}

// TestWriteKBMatchesFiles checks that streaming the output (WriteKB, what
// canon build writes) gives the bytes of Files (what build --check and
// the golden test compare), with and without the site, and for an empty
// knowledge base, whose kb.json is not streamed.
func TestWriteKBMatchesFiles(t *testing.T) {
	c := corpusKB(t)
	for _, tc := range []struct {
		name string
		k    *kb.KB
		html bool
	}{
		{"corpus", c.KB, false},
		{"corpus-html", c.KB, true},
		{"one", &kb.KB{SchemaVersion: kb.SchemaVersion, Problems: c.KB.Problems[:1]}, false},
		{"empty", &kb.KB{SchemaVersion: kb.SchemaVersion, Problems: []*kb.Problem{}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := files(t, tc.k, tc.html)
			dir := filepath.Join(t.TempDir(), "out")
			if err := kb.WriteKB(dir, tc.k, kb.EmitOptions{HTML: tc.html}); err != nil {
				t.Fatal(err)
			}
			checkDirIsFiles(t, dir, want)
		})
	}
}

// checkDirIsFiles checks that dir holds exactly the files of want, byte
// for byte.
func checkDirIsFiles(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	got, err := kb.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d files written, Files has %d", len(got), len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s not written", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s differs from Files (%d bytes, want %d)", name, len(g), len(w))
		}
	}
}

// TestWriteKBRelinksUnchanged rebuilds an output in place: on Linux the
// pages that come out the same keep their file (see kb's previous), and
// whatever does not qualify (changed by hand, another mode, reached
// through a symbolic link) is written anew; the output equals Files
// either way and the previous output is gone.
func TestWriteKBRelinksUnchanged(t *testing.T) {
	k := corpusKB(t).KB
	want := files(t, k, false)
	base := t.TempDir()
	dir := filepath.Join(base, "out")
	if err := kb.WriteKB(dir, k, kb.EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range want {
		if strings.HasPrefix(n, "problems/") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	edited, private := names[0], names[1]
	if err := os.WriteFile(filepath.Join(dir, edited), []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, private), 0o600); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		before[n] = fi
	}
	if err := kb.WriteKB(dir, k, kb.EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	checkOutput := func() {
		t.Helper()
		checkDirIsFiles(t, dir, want)
		if left, _ := filepath.Glob(filepath.Join(base, ".out*")); len(left) > 0 {
			t.Errorf("left behind: %v", left)
		}
	}
	checkOutput()
	kept := 0
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		same := os.SameFile(before[n], fi)
		if same {
			kept++
		}
		if (n == edited || n == private) && same {
			t.Errorf("%s kept its file, but it was not what the build writes", n)
		}
		if n == private && fi.Mode().Perm() == 0o600 {
			t.Errorf("%s kept mode 0600", n)
		}
	}
	if runtime.GOOS == "linux" && kept != len(names)-2 {
		t.Errorf("%d of %d unchanged pages kept their file", kept, len(names)-2)
	}

	// Pages reached through a symbolic link are never linked.
	elsewhere := filepath.Join(base, "elsewhere")
	if err := os.Rename(filepath.Join(dir, "problems"), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(dir, "problems")); err != nil {
		t.Fatal(err)
	}
	if err := kb.WriteKB(dir, k, kb.EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	checkOutput()
	for _, n := range names[:10] {
		a, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.Stat(filepath.Join(elsewhere, strings.TrimPrefix(n, "problems/")))
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(a, b) {
			t.Errorf("%s linked from behind a symbolic link", n)
		}
	}
}
