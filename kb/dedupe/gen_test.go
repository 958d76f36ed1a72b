package dedupe

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// Generate makes n synthetic problems for tests and benchmarks, seeded so
// every run gets the same docs. Words are drawn from a Zipf distribution
// over a made-up vocabulary, as in natural text. About 60% are originals;
// the rest repeat one: exact copies with other markup (10%), near copies
// truncated or with a block lost or a few words edited (15%), the question
// reworded with an independent answer (10%), the question alone (5%).
func Generate(n int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	vocab := makeVocab(rng, 20000)
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	word := func() string { return vocab[zipf.Uint64()] }
	// Titles are mostly content words: drawn uniformly from the vocabulary
	// past the most frequent words, which play the part of stop words.
	titleWord := func() string {
		if rng.IntN(3) == 0 {
			return vocab[rng.IntN(50)]
		}
		return vocab[50+rng.IntN(len(vocab)-50)]
	}
	title := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = titleWord()
		}
		return strings.Join(ws, " ")
	}
	sentence := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	answer := func() string {
		var b strings.Builder
		for p := 3 + rng.IntN(4); p > 0; p-- {
			switch rng.IntN(4) {
			case 0:
				for i := 2 + rng.IntN(3); i > 0; i-- {
					fmt.Fprintf(&b, "- %s\n", sentence(6+rng.IntN(6)))
				}
			case 1:
				fmt.Fprintf(&b, "```\n%s(%s)\n```\n", word(), sentence(4))
			default:
				fmt.Fprintf(&b, "%s.\n", sentence(12+rng.IntN(20)))
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	docs := make([]Doc, 0, n)
	for len(docs) < n {
		if len(docs) < 10 || rng.IntN(100) < 60 {
			docs = append(docs, Doc{Title: "How do you " + title(4+rng.IntN(4)) + "?", Answer: answer()})
			continue
		}
		orig := docs[rng.IntN(len(docs))]
		if orig.Answer == "" {
			continue
		}
		switch k := rng.IntN(40); {
		case k < 10:
			docs = append(docs, Doc{Title: orig.Title, Answer: strings.ReplaceAll(orig.Answer, "- ", "* ")})
		case k < 25:
			a := orig.Answer
			switch rng.IntN(3) {
			case 0:
				a = a[:len(a)*(6+rng.IntN(4))/10]
			case 1:
				blocks := strings.Split(a, "\n\n")
				i := rng.IntN(len(blocks))
				a = strings.Join(append(blocks[:i:i], blocks[i+1:]...), "\n\n")
			default:
				ws := strings.Fields(a)
				for e := len(ws) / 20; e >= 0; e-- {
					ws[rng.IntN(len(ws))] = word()
				}
				a = strings.Join(ws, " ")
			}
			docs = append(docs, Doc{Title: orig.Title, Answer: a})
		case k < 35:
			docs = append(docs, Doc{Title: "In practice, how would you " + strings.TrimPrefix(orig.Title, "How do you "), Answer: answer()})
		default:
			docs = append(docs, Doc{Title: orig.Title})
		}
	}
	return docs
}

func makeVocab(rng *rand.Rand, n int) []string {
	const cons, vows = "bcdfghjklmnprstvz", "aeiou"
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var b strings.Builder
		for s := 2 + rng.IntN(2); s > 0; s-- {
			b.WriteByte(cons[rng.IntN(len(cons))])
			b.WriteByte(vows[rng.IntN(len(vows))])
		}
		b.WriteByte(cons[rng.IntN(len(cons))])
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// BenchmarkRun measures dedupe on generated problems; ns/problem and
// cpu-ns/problem (all cores' CPU time, which other processes on a shared
// machine do not inflate) show how it grows. Run with:
//
//	go test ./kb/dedupe -run '^$' -bench Run -benchmem
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs := Generate(n, 1)
		var bytes int64
		for _, d := range docs {
			bytes += int64(len(d.Title) + len(d.Question) + len(d.Answer))
		}
		b.Run(fmt.Sprintf("problems=%d", n), func(b *testing.B) {
			b.SetBytes(bytes)
			b.ReportAllocs()
			var res *Result
			cpu := cpuTime()
			for b.Loop() {
				res = Run(docs, DefaultOptions())
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/problem")
			if used := cpuTime() - cpu; used > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/problem")
			}
			b.ReportMetric(float64(res.Stats.NearCandidates)/float64(n), "nearcand/problem")
			b.ReportMetric(float64(res.Stats.QuestionCandidates)/float64(n), "qcand/problem")
		})
	}
}

// TestGeneratedRecall checks the tiers find what Generate planted.
func TestGeneratedRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	start := time.Now()
	docs := Generate(5000, 3)
	res := Run(docs, DefaultOptions())
	t.Logf("%d docs -> %d problems, %d answers in %v; stats %+v", len(docs), len(res.Problems), len(res.Answers), time.Since(start), res.Stats)
	problemOf := map[int]int{}
	for k, g := range res.Problems {
		for _, i := range g {
			problemOf[i] = k
		}
	}
	// Every doc with a planted twin title must share its problem.
	firstByTitle := map[string]int{}
	missed, total := 0, 0
	for i, d := range docs {
		key := strings.TrimPrefix(strings.TrimPrefix(d.Title, "How do you "), "In practice, how would you ")
		j, ok := firstByTitle[key]
		if !ok {
			firstByTitle[key] = i
			continue
		}
		total++
		if problemOf[i] != problemOf[j] {
			missed++
		}
	}
	if total == 0 || float64(missed) > 0.02*float64(total) {
		t.Errorf("missed %d of %d planted repeats", missed, total)
	}
}
