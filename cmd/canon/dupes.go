package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canon-kb/canon/internal/textdiff"
	"github.com/canon-kb/canon/kb"
	"github.com/canon-kb/canon/kb/dedupe"
)

func newDupesCmd(io *IOStreams) *cobra.Command {
	var format, tier string
	var diffLines int
	var showProgress bool
	cmd := &cobra.Command{
		Use:   "dupes [PATH...]",
		Short: "Show the repeated problems build merges, for review",
		Long: `Dupes shows every cluster of repeated problems that build merges into one
problem: each merge with its tier and similarity, and a diff between the
members' answers.

Tiers: exact (the same answer once whitespace, markup and encoding damage are
normalised), near (largely the same answer: edited, truncated, or with a part
lost; MinHash/LSH candidates verified on the shingle sets), question (the
same question answered independently). Similarity is 1 for exact copies, the
Jaccard index or containment of word 3-shingles for near copies, and the
weighted term similarity of the questions for the question tier.`,
		Example: `  canon dupes testdata/corpus
  canon dupes --tier near --diff-lines 20 notes/
  canon dupes --format json testdata/corpus | jq '.clusters | length'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageErrorf("unknown format %q (want text or json)", format)
			}
			switch tier {
			case "", "exact", "near", "question":
			default:
				return usageErrorf("unknown tier %q (want exact, near or question)", tier)
			}
			c, _, err := compile(cmd.Context(), io, args, progress(cmd, io, showProgress))
			if err != nil {
				return err
			}
			clusters := dupeClusters(c, tier)
			if format == "json" {
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(map[string]any{"clusters": clusters})
			}
			printClusters(io, c, clusters, diffLines)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&tier, "tier", "", "show only merges of this tier: exact, near or question")
	cmd.Flags().IntVar(&diffLines, "diff-lines", 40, "show at most this many diff lines per merge (0: no diff)")
	registerProgress(cmd, &showProgress)
	return cmd
}

type dupeMember struct {
	Path  string `json:"path"`
	Line  int    `json:"line"`
	Title string `json:"title"`
}

type dupeLink struct {
	A          dupeMember `json:"a"`
	B          dupeMember `json:"b"`
	Tier       string     `json:"tier"`
	Similarity float64    `json:"similarity"`

	a, b int // item indices
}

type dupeCluster struct {
	ID      string       `json:"id"`
	Title   string       `json:"title"`
	Answers int          `json:"answers"`
	Members []dupeMember `json:"members"`
	Links   []dupeLink   `json:"links"`
}

// dupeClusters lists the problems built from more than one item, with the
// merges that joined them, in ID order.
func dupeClusters(c *kb.Compiled, tier string) []dupeCluster {
	member := func(i int) dupeMember {
		it := c.Items[i]
		return dupeMember{Path: it.Source.Path, Line: it.Source.Line, Title: it.Problem.Title}
	}
	byProblem := map[int]*dupeCluster{}
	for _, l := range c.Dedupe.Links {
		if tier != "" && l.Tier.String() != tier {
			continue
		}
		k := c.ProblemOf[l.A]
		cl := byProblem[k]
		if cl == nil {
			p := c.KB.Problems[k]
			cl = &dupeCluster{ID: p.ID, Title: p.Title, Answers: len(p.Answers)}
			for i, pk := range c.ProblemOf {
				if pk == k {
					cl.Members = append(cl.Members, member(i))
				}
			}
			byProblem[k] = cl
		}
		cl.Links = append(cl.Links, dupeLink{A: member(l.A), B: member(l.B), Tier: l.Tier.String(),
			Similarity: round2(l.Similarity), a: l.A, b: l.B})
	}
	out := make([]dupeCluster, 0, len(byProblem))
	for _, cl := range byProblem {
		out = append(out, *cl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func printClusters(io *IOStreams, c *kb.Compiled, clusters []dupeCluster, diffLines int) {
	tiers := map[string]int{}
	for _, cl := range clusters {
		fmt.Fprintf(io.Out, "%s  %q\n", cl.ID, cl.Title)
		fmt.Fprintf(io.Out, "  %d sources, %d answers\n", len(cl.Members), cl.Answers)
		for _, l := range cl.Links {
			tiers[l.Tier]++
			fmt.Fprintf(io.Out, "  %-8s %.2f  %s:%d  %s:%d\n", l.Tier, l.Similarity, l.A.Path, l.A.Line, l.B.Path, l.B.Line)
			if l.Tier == dedupe.TierQuestion.String() {
				fmt.Fprintf(io.Out, "      %q\n      %q\n", questionOf(c, l.a), questionOf(c, l.b))
				continue
			}
			if diffLines <= 0 {
				continue
			}
			a, b := c.Items[l.a], c.Items[l.b]
			d := textdiff.Unified(fmt.Sprintf("%s:%d", a.Source.Path, a.Source.Line), fmt.Sprintf("%s:%d", b.Source.Path, b.Source.Line),
				a.Problem.AnswerMarkdown()+"\n", b.Problem.AnswerMarkdown()+"\n")
			if d == "" {
				fmt.Fprintf(io.Out, "      (answers identical)\n")
				continue
			}
			lines := strings.Split(strings.TrimRight(d, "\n"), "\n")
			if len(lines) > diffLines {
				lines = append(lines[:diffLines], fmt.Sprintf("... (%d more diff lines)", len(lines)-diffLines))
			}
			for _, ln := range lines {
				fmt.Fprintf(io.Out, "      %s\n", ln)
			}
		}
		fmt.Fprintln(io.Out)
	}
	fmt.Fprintf(io.Out, "%d clusters; merges: %d exact, %d near, %d question\n",
		len(clusters), tiers["exact"], tiers["near"], tiers["question"])
}

func questionOf(c *kb.Compiled, i int) string {
	p := c.Items[i].Problem
	if p.Question != "" && p.Question != p.Title {
		return p.Title + " — " + p.Question
	}
	return p.Title
}
