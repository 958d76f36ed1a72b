package kb

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

//go:embed site/style.css site/search.js
var siteAssets embed.FS

// markdown renders answers. Raw HTML in a source is not passed through
// (goldmark's default): scraped text is not trusted to script the site.
// It is made on first use: only build --html needs it.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
})

// Site renders the knowledge base as a static site, keyed like Files:
// index.html (topics and search), topics/SLUG.html, problems/ID.html
// (every answer with its provenance and findings), and the assets. Every
// link is relative and the search index is a script, so the site works
// from a server or straight from disk, offline.
func Site(k *KB) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range []string{"style.css", "search.js"} {
		b, err := siteAssets.ReadFile("site/" + name)
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	topics := byTopic(k)
	topicOf := map[string]topicGroup{}
	type entry [3]string
	index := make([]entry, 0, len(k.Problems))
	for _, t := range topics {
		for _, p := range t.problems {
			topicOf[p.ID] = t
			index = append(index, entry{p.Title, "problems/" + p.ID + ".html", t.name})
		}
	}
	js, err := json.Marshal(index)
	if err != nil {
		return nil, fmt.Errorf("encoding the search index: %w", err)
	}
	out["search-index.js"] = []byte("window.CANON_INDEX = " + string(js) + ";\n")

	titles := map[string]string{}
	for _, p := range k.Problems {
		titles[p.ID] = p.Title
	}
	exec := func(path, tmpl string, data any) error {
		var b bytes.Buffer
		if err := pages().ExecuteTemplate(&b, tmpl, data); err != nil {
			return fmt.Errorf("rendering %s: %w", path, err)
		}
		out[path] = b.Bytes()
		return nil
	}

	type topicLink struct {
		Name, URL string
		Count     int
	}
	var tl []topicLink
	for _, t := range topics {
		tl = append(tl, topicLink{t.name, "topics/" + t.slug + ".html", len(t.problems)})
	}
	answers := 0
	for _, p := range k.Problems {
		answers += len(p.Answers)
	}
	if err := exec("index.html", "index", map[string]any{
		"Root": "", "Title": "Knowledge base", "Topics": tl, "Problems": len(k.Problems), "Answers": answers,
	}); err != nil {
		return nil, err
	}

	type problemLink struct{ Title, URL string }
	for _, t := range topics {
		var ps []problemLink
		for _, p := range t.problems {
			ps = append(ps, problemLink{p.Title, "../problems/" + p.ID + ".html"})
		}
		if err := exec("topics/"+t.slug+".html", "topic", map[string]any{
			"Root": "../", "Title": t.name, "Problems": ps,
		}); err != nil {
			return nil, err
		}
	}

	type answerView struct {
		N        int
		HTML     template.HTML
		Sources  []Source
		Findings []FindingRef
	}
	for _, p := range k.Problems {
		var av []answerView
		for i, a := range p.Answers {
			var b bytes.Buffer
			if err := markdown().Convert([]byte(answerMarkdown(a.Markdown)), &b); err != nil {
				return nil, fmt.Errorf("rendering an answer of %s: %w", p.ID, err)
			}
			// goldmark escapes text and drops raw HTML, so its output is
			// safe to embed.
			av = append(av, answerView{i + 1, template.HTML(b.String()), a.Sources, a.Findings})
		}
		var rel []problemLink
		for _, id := range p.Related {
			rel = append(rel, problemLink{titles[id], id + ".html"})
		}
		t := topicOf[p.ID]
		question := ""
		if p.Question != p.Title {
			question = p.Question
		}
		if err := exec("problems/"+p.ID+".html", "problem", map[string]any{
			"Root": "../", "Title": p.Title, "Question": question, "ID": p.ID,
			"Topic": t.name, "TopicURL": "../topics/" + t.slug + ".html",
			"Answers": av, "Sources": p.Sources, "Related": rel,
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pages are the site's templates, parsed on first use: only build --html
// renders them, and parsing them at start-up cost every command (a lint
// of one file included) about 0.3 ms.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"lines": func(s string) []string { return strings.Split(s, "\n") },
	}).Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="{{.Root}}style.css">
</head>
<body data-root="{{.Root}}">
<header><div class="bar">
<a class="home" href="{{.Root}}index.html">Knowledge base</a>
<form class="search" role="search" action="{{.Root}}index.html">
<input type="search" name="q" placeholder="Search titles" aria-label="Search titles" autocomplete="off">
<ol class="results" aria-live="polite"></ol>
</form>
</div></header>
<main>
{{end}}
{{define "foot"}}</main>
<script src="{{.Root}}search-index.js"></script>
<script src="{{.Root}}search.js"></script>
</body>
</html>
{{end}}
{{define "index"}}{{template "head" .}}<h1>Knowledge base</h1>
<p class="meta">{{.Problems}} problems, {{.Answers}} answers.</p>
<h2>Topics</h2>
<ul class="topics">
{{range .Topics}}<li><a href="{{.URL}}">{{.Name}}</a> <span class="muted">({{.Count}})</span></li>
{{end}}</ul>
{{template "foot" .}}{{end}}
{{define "topic"}}{{template "head" .}}<h1>{{.Title}}</h1>
<ul>
{{range .Problems}}<li><a href="{{.URL}}">{{.Title}}</a></li>
{{end}}</ul>
{{template "foot" .}}{{end}}
{{define "problem"}}{{template "head" .}}<p class="meta"><a href="{{.TopicURL}}">{{.Topic}}</a></p>
<h1>{{.Title}}</h1>
{{with .Question}}<blockquote class="question">{{range lines .}}<p>{{.}}</p>{{end}}</blockquote>{{end}}
{{if not .Answers}}<p class="muted">No source answers this question.</p>{{end}}
{{range .Answers}}<section class="answer{{if eq .N 1}} best{{end}}" id="answer-{{.N}}">
<h2>Answer {{.N}}{{if eq .N 1}} <span class="muted">(best)</span>{{end}}</h2>
{{.HTML}}
<div class="provenance">Sources: {{range $i, $s := .Sources}}{{if $i}}, {{end}}<code>{{$s.Path}}:{{$s.Line}}</code>{{end}}
{{with .Findings}}<ul class="findings">{{range .}}<li class="{{.Severity}}">{{.Severity}} <code>{{.Rule}}</code> <code>{{.Path}}:{{.Line}}</code>: {{.Message}}</li>{{end}}</ul>{{end}}
</div>
</section>
{{end}}
{{with .Related}}<h2>Related</h2>
<ul>{{range .}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}
<h2>Provenance</h2>
<ul class="provenance">{{range .Sources}}<li><code>{{.Path}}:{{.Line}}</code></li>{{end}}</ul>
<p class="muted">ID <code>{{.ID}}</code></p>
{{template "foot" .}}{{end}}
`))
})
