package kb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files renders the knowledge base as the files of its output directory,
// keyed by slash-separated relative path.
func Files(k *KB) (map[string][]byte, error) {
	out := map[string][]byte{}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(k); err != nil {
		return nil, fmt.Errorf("encoding kb.json: %w", err)
	}
	out["kb.json"] = buf.Bytes()
	for _, p := range k.Problems {
		out["problems/"+p.ID+".md"] = []byte(ProblemMarkdown(p))
	}
	out["index.md"] = []byte(IndexMarkdown(k))
	return out, nil
}

// ProblemMarkdown renders one problem as a markdown file with front matter.
func ProblemMarkdown(p *Problem) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "id: %s\n", p.ID)
	fmt.Fprintf(&b, "title: %s\n", yamlString(p.Title))
	fmt.Fprintf(&b, "topic: %s\n", yamlString(p.Topic))
	b.WriteString("sources:\n")
	for _, s := range p.Sources {
		fmt.Fprintf(&b, "  - %s\n", yamlString(fmt.Sprintf("%s:%d", s.Path, s.Line)))
	}
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "# %s\n\n", escapeInline(p.Title))
	if p.Question != "" && p.Question != p.Title {
		fmt.Fprintf(&b, "%s\n\n", p.Question)
	}
	if len(p.Answers) == 0 {
		b.WriteString("*No answer in the sources.*\n")
	}
	for i, a := range p.Answers {
		if len(p.Answers) > 1 {
			fmt.Fprintf(&b, "## Answer %d\n\n", i+1)
		}
		b.WriteString(a.Markdown)
		b.WriteString("\n\n")
		var srcs []string
		for _, s := range a.Sources {
			srcs = append(srcs, fmt.Sprintf("`%s:%d`", s.Path, s.Line))
		}
		fmt.Fprintf(&b, "<sub>Sources: %s</sub>\n\n", strings.Join(srcs, ", "))
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// IndexMarkdown lists every problem under its topic.
func IndexMarkdown(k *KB) string {
	byTopic := map[string][]*Problem{}
	for _, p := range k.Problems {
		byTopic[p.Topic] = append(byTopic[p.Topic], p)
	}
	topics := make([]string, 0, len(byTopic))
	for t := range byTopic {
		topics = append(topics, t)
	}
	sort.Strings(topics)
	var b strings.Builder
	fmt.Fprintf(&b, "# Knowledge base\n\n%d problems.\n", len(k.Problems))
	for _, t := range topics {
		name := t
		if name == "" {
			name = "Other"
		}
		fmt.Fprintf(&b, "\n## %s\n\n", escapeInline(name))
		ps := byTopic[t]
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Title < ps[j].Title })
		for _, p := range ps {
			fmt.Fprintf(&b, "- [%s](problems/%s.md)\n", escapeInline(p.Title), p.ID)
		}
	}
	return b.String()
}

// escapeInline escapes characters that would start markdown syntax inside
// a heading or link text.
func escapeInline(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`, "`", "\\`", "<", `\<`, "#", `\#`).Replace(s)
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// WriteDir replaces dir with files atomically: everything is written to a
// fresh sibling directory first, which then takes dir's place, so a failed
// or interrupted build leaves the previous dir intact.
func WriteDir(dir string, files map[string][]byte) error {
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
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !filepath.IsLocal(filepath.FromSlash(n)) {
			return fmt.Errorf("refusing to write %q outside %s", n, dir)
		}
		p := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", n, err)
		}
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
