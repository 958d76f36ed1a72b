package kb

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// SchemaFile is the name of the JSON Schema written beside kb.json.
const SchemaFile = "kb.schema.json"

//go:embed kb.schema.json
var schema []byte

// Schema returns the JSON Schema (draft 2020-12) of kb.json.
func Schema() []byte { return bytes.Clone(schema) }

// EmitOptions choose the outputs beside kb.json and markdown.
type EmitOptions struct {
	// HTML adds a static site under site/.
	HTML bool
}

// Files renders the knowledge base as the files of its output directory,
// keyed by slash-separated relative path: kb.json and its schema,
// index.md and problems/ID.md, and with opts.HTML the site/ pages. Every
// name is built from IDs and fixed words, never from a title, so nothing
// a source says can place a file outside the directory.
func Files(k *KB, opts EmitOptions) (map[string][]byte, error) {
	out := map[string][]byte{}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(k); err != nil {
		return nil, fmt.Errorf("encoding kb.json: %w", err)
	}
	out["kb.json"] = buf.Bytes()
	out[SchemaFile] = Schema()
	titles := escapedTitles(k)
	title := func(id string) string { return titles[id] }
	// Rendering is independent per problem; a large knowledge base has
	// tens of thousands.
	md := make([][]byte, len(k.Problems))
	parallel(len(k.Problems), func(i int) { md[i] = []byte(problemMarkdown(k.Problems[i], title)) })
	for i, p := range k.Problems {
		out["problems/"+p.ID+".md"] = md[i]
	}
	out["index.md"] = []byte(IndexMarkdown(k))
	if opts.HTML {
		site, err := Site(k)
		if err != nil {
			return nil, err
		}
		for name, b := range site {
			out["site/"+name] = b
		}
	}
	return out, nil
}

// ProblemMarkdown renders one problem as a CommonMark file with YAML front
// matter (id, title, topic, sources); titles maps related IDs to titles.
func ProblemMarkdown(p *Problem, titles map[string]string) string {
	return problemMarkdown(p, func(id string) string { return escapeInline(titles[id]) })
}

// escapedTitles maps every problem's ID to its title as a link shows it.
// Related lists are long in a large knowledge base, and each title is
// escaped once rather than for every link to it.
func escapedTitles(k *KB) map[string]string {
	titles := make(map[string]string, len(k.Problems))
	for _, p := range k.Problems {
		titles[p.ID] = escapeInline(p.Title)
	}
	return titles
}

// problemMarkdown is ProblemMarkdown with title giving a related
// problem's escaped title.
func problemMarkdown(p *Problem, title func(id string) string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "id: %s\n", p.ID)
	fmt.Fprintf(&b, "title: %s\n", yamlString(p.Title))
	fmt.Fprintf(&b, "topic: %s\n", yamlString(p.Topic))
	b.WriteString("sources:\n")
	for _, s := range p.Sources {
		b.WriteString("  - ")
		b.WriteString(yamlString(s.Path + ":" + strconv.Itoa(s.Line)))
		b.WriteString("\n")
	}
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "# %s\n\n", escapeInline(p.Title))
	if p.Question != "" && p.Question != p.Title {
		fmt.Fprintf(&b, "%s\n\n", escapeBlock(p.Question))
	}
	if len(p.Answers) == 0 {
		b.WriteString("*No source answers this question.*\n\n")
	}
	for i, a := range p.Answers {
		if len(p.Answers) > 1 {
			fmt.Fprintf(&b, "## Answer %d\n\n", i+1)
		}
		b.WriteString(answerMarkdown(a.Markdown))
		b.WriteString("\n\n")
		srcs := make([]string, len(a.Sources))
		for k, s := range a.Sources {
			srcs[k] = codeSpan(s.Path + ":" + strconv.Itoa(s.Line))
		}
		fmt.Fprintf(&b, "Sources: %s\n\n", strings.Join(srcs, ", "))
		if len(a.Findings) > 0 {
			b.WriteString("Findings:\n\n")
			for _, f := range a.Findings {
				b.WriteString("- ")
				b.WriteString(f.Severity)
				b.WriteString(" ")
				b.WriteString(codeSpan(f.Rule))
				b.WriteString(" ")
				b.WriteString(codeSpan(f.Path + ":" + strconv.Itoa(f.Line)))
				b.WriteString(": ")
				b.WriteString(escapeInline(f.Message))
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
	}
	if len(p.Related) > 0 {
		b.WriteString("## Related\n\n")
		for _, id := range p.Related {
			b.WriteString("- [")
			b.WriteString(title(id))
			b.WriteString("](")
			b.WriteString(id)
			b.WriteString(".md)\n")
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// answerMarkdown prepares an answer for a problem page: headings moved
// under the page's own (the title is the only level-1 heading, answers
// are level 2) and an open code fence closed.
func answerMarkdown(md string) string {
	return closeFences(demoteHeadings(strings.TrimSpace(md), 2))
}

// demoteHeadings adds by levels to every ATX heading outside code fences,
// up to level 6.
func demoteHeadings(md string, by int) string {
	lines := strings.Split(md, "\n")
	fence := ""
	for i, line := range lines {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			continue
		}
		if f := fenceOpen(t); fence == "" && f != "" {
			fence = f
			continue
		} else if fence != "" {
			if strings.HasPrefix(t, fence) && strings.TrimSpace(strings.TrimLeft(t, fence[:1])) == "" {
				fence = ""
			}
			continue
		}
		n := len(t) - len(strings.TrimLeft(t, "#"))
		if n < 1 || n > 6 || len(t) > n && t[n] != ' ' && t[n] != '\t' {
			continue
		}
		lines[i] = strings.Repeat("#", min(6, n+by)) + t[n:]
	}
	return strings.Join(lines, "\n")
}

// fenceOpen returns the fence a line opens ("```", "~~~~"), or "".
func fenceOpen(t string) string {
	for _, c := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, c) {
			n := len(t) - len(strings.TrimLeft(t, c[:1]))
			if c[0] == '`' && strings.Contains(t[n:], "`") {
				return "" // an info string with a backtick: not a fence
			}
			return t[:n]
		}
	}
	return ""
}

// closeFences closes a code fence the markdown leaves open, which would
// otherwise swallow everything after it.
func closeFences(md string) string {
	open := ""
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			continue
		}
		if open == "" {
			open = fenceOpen(t)
		} else if strings.HasPrefix(t, open) && strings.TrimSpace(strings.TrimLeft(t, open[:1])) == "" {
			open = ""
		}
	}
	if open != "" {
		return md + "\n" + open
	}
	return md
}

// IndexMarkdown lists every problem under its topic, topics in name order
// and problems by title.
func IndexMarkdown(k *KB) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Knowledge base\n\n%d problems.\n", len(k.Problems))
	for _, t := range byTopic(k) {
		fmt.Fprintf(&b, "\n## %s\n\n", escapeInline(t.name))
		for _, p := range t.problems {
			fmt.Fprintf(&b, "- [%s](problems/%s.md)\n", escapeInline(p.Title), p.ID)
		}
	}
	return b.String()
}

// A topicGroup is the problems of one topic, sorted by title then ID.
type topicGroup struct {
	name, slug string
	problems   []*Problem
}

// otherTopic names the problems no source files under a topic.
const otherTopic = "Other"

func byTopic(k *KB) []topicGroup {
	groups := map[string][]*Problem{}
	for _, p := range k.Problems {
		name := strings.TrimSpace(p.Topic)
		if name == "" {
			name = otherTopic
		}
		groups[name] = append(groups[name], p)
	}
	names := make([]string, 0, len(groups))
	for n := range groups {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]topicGroup, len(names))
	slugs := map[string]bool{}
	for i, n := range names {
		ps := groups[n]
		sort.SliceStable(ps, func(i, j int) bool {
			if ps[i].Title != ps[j].Title {
				return ps[i].Title < ps[j].Title
			}
			return ps[i].ID < ps[j].ID
		})
		s := slug(n, 40)
		for base, k := s, 2; slugs[s]; k++ {
			s = fmt.Sprintf("%s-%d", base, k)
		}
		slugs[s] = true
		out[i] = topicGroup{name: n, slug: s, problems: ps}
	}
	return out
}

// escapeInline backslash-escapes every ASCII punctuation character that
// could start markdown syntax inside a line (CommonMark allows escaping
// any of them), so a title renders as the text it is.
func escapeInline(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '!', '|', '~', '&', '{', '}':
			b.WriteByte('\\')
		case '\n', '\r':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needsEscape reports whether escapeInline changes s: it holds a byte it
// escapes or replaces, or invalid UTF-8 (written as U+FFFD).
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '!', '|', '~', '&', '{', '}', '\n', '\r':
			return true
		}
	}
	return !utf8.ValidString(s)
}

// escapeBlock escapes text that forms a paragraph of its own, including a
// start that would make it a list item, heading, quote or break.
func escapeBlock(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		l = escapeInline(strings.TrimSpace(l))
		if l == "" {
			continue
		}
		switch c := l[0]; {
		case c == '-' || c == '+' || c == '=' || c == ':':
			l = `\` + l
		case c >= '0' && c <= '9':
			if j := strings.IndexFunc(l, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (l[j] == '.' || l[j] == ')') {
				l = l[:j] + `\` + l[j:]
			}
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// codeSpan renders s as an inline code span, with a fence longer than any
// run of backticks inside it.
func codeSpan(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// yamlString quotes s as a YAML double-quoted scalar (JSON strings are).
func yamlString(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		// What json.Marshal writes as it is: printable ASCII other than
		// quote, backslash and the HTML characters it escapes.
		c := s[i]
		plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	if plain {
		return `"` + s + `"`
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// WriteDir replaces dir with files atomically: everything is written to a
// fresh sibling directory first, which then takes dir's place, so a failed
// or interrupted build leaves the previous dir intact.
func WriteDir(dir string, files map[string][]byte) error {
	return replaceDir(dir, func(w *dirWriter) error {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if err := w.mkdirFor(n); err != nil {
				return err
			}
		}
		// Files are written concurrently (a knowledge base has one per
		// problem); the first error in name order is reported.
		errs := make([]error, len(names))
		parallel(len(names), func(i int) { errs[i] = w.write(names[i], files[names[i]]) })
		return firstErr(errs)
	})
}

// WriteKB replaces dir with the files of k atomically, as
// WriteDir(dir, Files(k, opts)) does, but renders each file as it is
// written: kb.json is encoded problem by problem into the file and each
// problem page is written as soon as it is rendered, so the output is
// never held in memory whole (it is larger than the input).
func WriteKB(dir string, k *KB, opts EmitOptions) error {
	return replaceDir(dir, func(w *dirWriter) error {
		if err := w.mkdirFor("problems/x.md"); err != nil {
			return err
		}
		if err := w.stream("kb.json", func(bw *bufio.Writer) error { return encodeKB(bw, k) }); err != nil {
			return err
		}
		// The files of the output being replaced that come out the same
		// are linked, not written (see previous).
		w.prev = newPrevious(w.dir, filepath.Join(w.root, "kb.json"))
		if err := w.write(SchemaFile, schema); err != nil {
			return err
		}
		titles := escapedTitles(k)
		title := func(id string) string { return titles[id] }
		errs := make([]error, len(k.Problems))
		parallel(len(k.Problems), func(i int) {
			p := k.Problems[i]
			errs[i] = w.write("problems/"+p.ID+".md", []byte(problemMarkdown(p, title)))
		})
		if err := firstErr(errs); err != nil {
			return err
		}
		if err := w.write("index.md", []byte(IndexMarkdown(k))); err != nil {
			return err
		}
		if !opts.HTML {
			return nil
		}
		site, err := Site(k)
		if err != nil {
			return err
		}
		names := make([]string, 0, len(site))
		for n := range site {
			names = append(names, "site/"+n)
		}
		sort.Strings(names)
		for _, n := range names {
			if err := w.mkdirFor(n); err != nil {
				return err
			}
		}
		errs = make([]error, len(names))
		parallel(len(names), func(i int) { errs[i] = w.write(names[i], site[strings.TrimPrefix(names[i], "site/")]) })
		return firstErr(errs)
	})
}

// encodeKB writes k as Files encodes kb.json (indented, HTML not
// escaped), a batch of problems at a time, each batch encoded
// concurrently.
func encodeKB(w *bufio.Writer, k *KB) error {
	if len(k.Problems) == 0 {
		// Nothing to stream; "[]" and "null" are encoded as Files does.
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(k)
	}
	head, err := json.Marshal(k.SchemaVersion)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "{\n  \"schema_version\": %s,\n  \"problems\": [\n", head)
	const batch = 512
	bufs := make([]bytes.Buffer, batch)
	errs := make([]error, batch)
	for start := 0; start < len(k.Problems); start += batch {
		ps := k.Problems[start:min(start+batch, len(k.Problems))]
		parallel(len(ps), func(i int) {
			b := &bufs[i]
			b.Reset()
			// Inside the array a problem is indented two levels; Encode
			// leaves its first line unindented and ends with a newline.
			enc := json.NewEncoder(b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("    ", "  ")
			errs[i] = enc.Encode(ps[i])
		})
		for i := range ps {
			if errs[i] != nil {
				return fmt.Errorf("encoding kb.json: %w", errs[i])
			}
			w.WriteString("    ")
			w.Write(bytes.TrimSuffix(bufs[i].Bytes(), []byte("\n")))
			if start+i < len(k.Problems)-1 {
				w.WriteString(",\n")
			} else {
				w.WriteString("\n")
			}
		}
	}
	_, err = w.WriteString("  ]\n}\n")
	return err
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// A dirWriter writes files under a temporary output directory.
type dirWriter struct {
	dir  string // the output directory, for messages
	root string
	mu   sync.Mutex
	dirs map[string]bool
	prev *previous // the output replaced, nil if none or not reused
}

// mkdirFor creates the directory of the slash-separated name, refusing
// names outside the output.
func (w *dirWriter) mkdirFor(name string) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to write %q outside %s", name, w.dir)
	}
	d := filepath.Dir(filepath.Join(w.root, filepath.FromSlash(name)))
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[d] {
		return nil
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", d, err)
	}
	w.dirs[d] = true
	return nil
}

func (w *dirWriter) write(name string, b []byte) error {
	path := filepath.Join(w.root, filepath.FromSlash(name))
	if w.prev.link(name, path, b) {
		return nil
	}
	if err := writeFile(path, b); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// stream writes name through a buffered writer filled by fill.
func (w *dirWriter) stream(name string, fill func(*bufio.Writer) error) error {
	f, err := os.OpenFile(filepath.Join(w.root, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// replaceDir lets fill write a fresh sibling directory of dir, which then
// takes dir's place; on error dir is left as it was.
func replaceDir(dir string, fill func(*dirWriter) error) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("creating temporary output beside %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	if err := fill(&dirWriter{dir: dir, root: tmp, dirs: map[string]bool{}}); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("moving previous %s aside: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("moving new output into %s: %w", dir, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// ReadDir reads every regular file under dir, keyed like Files.
func ReadDir(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parallel calls f(i) for every i in [0,n), on up to GOMAXPROCS
// goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}
