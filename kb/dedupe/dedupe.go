// Package dedupe finds repeated problems in three tiers.
//
//   - Exact: the same answer text once whitespace, markup, punctuation and
//     encoding damage are normalised away (Squeeze), under the same or a
//     compatible question.
//   - Near: the same question and largely the same answer, with edits,
//     truncation or lost code. Answers are sets of word shingles; MinHash
//     signatures banded into an LSH index propose candidate pairs, and each
//     candidate is verified on the exact shingle sets. No step compares all
//     pairs.
//   - Question: the same question answered independently, found by
//     comparing the questions' content terms (stemmed, stop words and
//     question phrasing dropped, acronyms and synonyms unified) through a
//     prefix-filtered inverted index.
//
// Questions about the same subject that ask something else are reported
// as related, never merged. Exact and near copies share one answer;
// independent answers to one question share one problem.
package dedupe

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// A Doc is one occurrence of a problem.
type Doc struct {
	Title string
	// Question is the question as asked, when the source gives one apart
	// from the title; empty or equal to Title otherwise.
	Question string
	// Answer is the answer's text (markdown); empty when unanswered.
	Answer string
	// Parts, when not nil, stand for Answer: the answer is the parts
	// joined by blank lines (an answer's blocks), put together only while
	// it is read, so a caller already holding the blocks need not hold
	// every answer a second time.
	Parts []string
}

// text returns the doc's answer.
func (d *Doc) text() string {
	if d.Parts != nil {
		return strings.Join(d.Parts, "\n\n")
	}
	return d.Answer
}

// squeeze returns Squeeze of the answer.
func (d *Doc) squeeze() string {
	if d.Parts != nil {
		return SqueezeParts(d.Parts)
	}
	return Squeeze(d.Answer)
}

// answered reports whether the answer is more than white space.
func (d *Doc) answered() bool {
	if d.Parts == nil {
		return strings.TrimSpace(d.Answer) != ""
	}
	for _, p := range d.Parts {
		if strings.TrimSpace(p) != "" {
			return true
		}
	}
	return false
}

// Tier names how two docs were found to repeat each other.
type Tier int

// Tiers, strongest first.
const (
	TierExact    Tier = iota + 1 // same normalised answer text
	TierNear                     // largely the same answer
	TierQuestion                 // same question, independent answers
)

func (t Tier) String() string {
	switch t {
	case TierExact:
		return "exact"
	case TierNear:
		return "near"
	case TierQuestion:
		return "question"
	}
	return fmt.Sprintf("Tier(%d)", int(t))
}

// Thresholds decide the tiers. They were chosen on the labelled pairs in
// testdata/dedupe/pairs.tsv; see TestLabelledPairs.
type Thresholds struct {
	// Same is the least question similarity (CompareTerms) at which two
	// questions are one.
	Same float64
	// Subset is the least similarity at which a question that only adds
	// common words to another is the same one.
	Subset float64
	// Related is the least similarity at which questions are linked.
	Related float64
	// NearJaccard is the least Jaccard index of two answers' shingle sets
	// for a near copy.
	NearJaccard float64
	// NearContainment and NearRatio admit truncated copies: the smaller
	// set lies this much inside the larger, and is at least NearRatio of
	// its size.
	NearContainment, NearRatio float64
	// NearQuestion is the least question similarity under which answers
	// that are copies merge: the copy must answer a compatible question.
	NearQuestion float64
	// NearSameQuestion is the least containment for copies of an answer to
	// one question (see copies).
	NearSameQuestion float64
}

// Options configure Run.
type Options struct {
	Thresholds Thresholds
	// Shingle is the number of words per shingle.
	Shingle int
	// Bands and Rows shape the LSH index: signatures have Bands×Rows
	// hashes, and two answers become candidates when any band agrees.
	// With 40×3 a pair of Jaccard 0.5 is a candidate with probability
	// 0.995, 0.4 with 0.93, 0.2 with 0.28.
	Bands, Rows int
	// MinShingles is the least number of shingles an answer needs to take
	// part in the near tier; shorter answers only match exactly.
	MinShingles int
	// Workers bounds the goroutines preparing docs; 0 means GOMAXPROCS.
	// The result does not depend on it.
	Workers int
	// Lexicon unifies acronyms and synonyms; nil means the built-in one
	// plus every acronym the docs define.
	Lexicon *Lexicon
}

// DefaultOptions are the options canon uses.
func DefaultOptions() Options {
	return Options{
		Thresholds: Thresholds{
			Same:             0.75,
			Subset:           0.65,
			Related:          0.3,
			NearJaccard:      0.5,
			NearContainment:  0.9,
			NearRatio:        0.2,
			NearQuestion:     0.34,
			NearSameQuestion: 0.6,
		},
		Shingle:     3,
		Bands:       40,
		Rows:        3,
		MinShingles: 8,
	}
}

// A Link records why two docs were merged.
type Link struct {
	A, B       int // doc indices, A < B
	Tier       Tier
	Similarity float64
}

// A Result groups docs.
type Result struct {
	// Problems are groups of docs asking one question, each sorted, the
	// groups ordered by their first doc. Every doc is in exactly one.
	Problems [][]int
	// Answers are groups of answered docs that are exact or near copies
	// of one answer, each within one problem; same order rules.
	Answers [][]int
	// Links are the merges that formed the groups: a spanning forest,
	// sorted by A then B.
	Links []Link
	// Related are pairs of problems (indices into Problems, i < j) about
	// the same subject, sorted.
	Related [][2]int
	// Stats counts the work done.
	Stats Stats
}

// Stats counts candidate pairs, to show no step compares all pairs.
type Stats struct {
	Docs               int
	NearCandidates     int // pairs proposed by LSH
	NearVerified       int // of those, verified as copies (pairs already joined are not verified)
	QuestionCandidates int // pairs proposed by the question index, less those already in one problem
}

// prepared is what Run needs of one doc.
type prepared struct {
	qkey     string     // QuestionKey of the question (or title)
	terms    []Question // the title and the question when it differs
	answered bool       // the answer has words
	squeezed [32]byte   // SHA-256 of the answer's words, concatenated
	shingles []uint64
}

// Run groups docs. The result depends only on docs and opts (not on
// Workers or GOMAXPROCS); callers wanting independence from input order
// sort docs first.
func Run(docs []Doc, opts Options) *Result {
	lx := opts.Lexicon
	if lx == nil {
		lx = NewLexicon()
		for _, d := range docs {
			lx.Learn(d.Title)
			lx.Learn(d.Question)
			lx.Learn(d.text())
		}
	}
	r := &runner{docs: docs, opts: opts, lx: lx,
		problems: newUnionFind(len(docs)), answers: newUnionFind(len(docs))}
	r.res.Stats.Docs = len(docs)
	r.prepare()
	r.unspecifyContext()
	r.exact()
	r.near()
	r.questions()
	r.nearWithin()
	return r.finish()
}

type runner struct {
	docs     []Doc
	opts     Options
	lx       *Lexicon
	prep     []prepared
	problems *unionFind
	answers  *unionFind
	links    []Link
	related  [][2]int32 // doc pairs (millions at 200 MB of input)
	res      Result
}

func (r *runner) workers() int {
	if r.opts.Workers > 0 {
		return r.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// parallel calls f(i) for i in [0,n) on the worker pool.
func (r *runner) parallel(n int, f func(i int)) {
	w := min(r.workers(), n)
	if w <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + w*8 - 1) / (w * 8)
	next := make(chan int)
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := range next {
				for i := start; i < min(start+chunk, n); i++ {
					f(i)
				}
			}
		}()
	}
	for start := 0; start < n; start += chunk {
		next <- start
	}
	close(next)
	wg.Wait()
}

func (r *runner) prepare() {
	r.prep = make([]prepared, len(r.docs))
	r.parallel(len(r.docs), func(i int) {
		d := r.docs[i]
		p := &r.prep[i]
		qkey, tkey := QuestionKey(d.Question), QuestionKey(d.Title)
		p.qkey = qkey
		if qkey == "" {
			p.qkey = tkey
		}
		p.terms = append(p.terms, r.lx.Analyze(d.Title))
		if qkey != "" && qkey != tkey {
			p.terms = append(p.terms, r.lx.Analyze(d.Question))
		}
		if d.answered() {
			// The answer's words, as Words(d.text()) gives them, folded
			// from its parts without joining them.
			f := getFolding(false)
			if d.Parts != nil {
				f.foldParts(d.Parts)
			} else {
				f.fold(d.Answer, false)
			}
			p.answered = true
			// Only whether two answers squeeze to the same text matters,
			// so a digest stands for the text.
			p.squeezed = f.digest()
			p.shingles = f.shingles(r.opts.Shingle)
			putFolding(f)
		}
	})
}

// A name asked about in at least contextShare of the docs (and
// contextMin of them) is the subject of the whole collection ("in
// Node.js" across a Node.js interview sheet): it sets the scene rather
// than narrowing a question, so it is not Specific there.
const (
	contextShare = 0.05
	contextMin   = 10
)

// unspecifyContext clears Specific on the names that are context.
func (r *runner) unspecifyContext() {
	count := map[string]int{}
	for i := range r.prep {
		var seen []string
		for _, q := range r.prep[i].terms {
			for _, t := range q.Terms {
				if t.Specific && !slices.Contains(seen, t.Stem) {
					seen = append(seen, t.Stem)
					count[t.Stem]++
				}
			}
		}
	}
	least := max(contextMin, int(contextShare*float64(len(r.docs))+0.999))
	context := map[string]bool{}
	for stem, n := range count {
		if n >= least {
			context[stem] = true
		}
	}
	if len(context) == 0 {
		return
	}
	for i := range r.prep {
		for _, q := range r.prep[i].terms {
			for k := range q.Terms {
				if context[q.Terms[k].Stem] {
					q.Terms[k].Specific = false
				}
			}
		}
	}
}

// questionSim is the best similarity between any wording of i's question
// and any of j's.
func (r *runner) questionSim(i, j int) (float64, Verdict) {
	if r.prep[i].qkey != "" && r.prep[i].qkey == r.prep[j].qkey {
		return 1, Same
	}
	best, verdict := 0.0, Different
	for _, a := range r.prep[i].terms {
		for _, b := range r.prep[j].terms {
			s, v := CompareQuestions(a, b, r.opts.Thresholds)
			if v > verdict || v == verdict && s > best {
				best, verdict = s, v
			}
		}
	}
	return best, verdict
}

func (r *runner) link(a, b int, tier Tier, sim float64) {
	if a > b {
		a, b = b, a
	}
	merged := r.problems.union(a, b)
	if tier != TierQuestion {
		merged = r.answers.union(a, b) || merged
	}
	if merged {
		r.links = append(r.links, Link{A: a, B: b, Tier: tier, Similarity: sim})
	}
}

// exact links docs whose answers squeeze to the same text and whose
// questions are compatible, and unanswered docs asking the same words.
func (r *runner) exact() {
	byAnswer := map[[32]byte][]int{} // squeezed answer -> representatives
	byQuestion := map[string]int{}
	for i := range r.docs {
		p := &r.prep[i]
		if !p.answered {
			if p.qkey == "" {
				continue
			}
			if j, ok := byQuestion[p.qkey]; ok {
				r.link(j, i, TierExact, 1)
			} else {
				byQuestion[p.qkey] = i
			}
			continue
		}
		reps := byAnswer[p.squeezed]
		linked := false
		for _, j := range reps {
			if s, _ := r.questionSim(j, i); s >= r.opts.Thresholds.NearQuestion {
				r.link(j, i, TierExact, 1)
				linked = true
				break
			}
		}
		if !linked && len(reps) < 8 {
			byAnswer[p.squeezed] = append(reps, i)
		}
	}
}

// maxBucket bounds the members of one LSH bucket compared pairwise. A
// larger bucket (a boilerplate answer repeated thousands of times) is
// compared against its first maxBucket members only, keeping the work
// linear.
const maxBucket = 64

// near proposes answer pairs through MinHash LSH and verifies each on the
// exact shingle sets.
func (r *runner) near() {
	th := r.opts.Thresholds
	var reps []int // one doc per exact answer group
	seen := map[int]bool{}
	for i := range r.docs {
		if len(r.prep[i].shingles) < r.opts.MinShingles {
			continue
		}
		root := r.answers.find(i)
		if seen[root] {
			continue
		}
		seen[root] = true
		reps = append(reps, i)
	}
	nb, n := r.opts.Bands, len(reps)
	mh := NewMinHasher(nb * r.opts.Rows)
	keys := make([]uint64, n*nb) // rep k's key in band b at k*nb+b
	r.parallel(n, func(k int) {
		copy(keys[k*nb:(k+1)*nb], bandKeys(mh.Signature(r.prep[reps[k]].shingles), r.opts.Rows))
	})
	// A bucket is the reps sharing a band's key, in rep order. Only
	// buckets of two or more are kept, as runs of members: a map from
	// every key to its reps would hold one entry per rep and band.
	bucketOf := make([]int32, nb*n) // rep k's bucket in band b at b*n+k; -1 alone
	var starts, members []int32
	type entry struct {
		key uint64
		k   int32
	}
	band := make([]entry, n)
	for b := 0; b < nb; b++ {
		for k := range band {
			band[k] = entry{keys[k*nb+b], int32(k)}
		}
		slices.SortFunc(band, func(x, y entry) int {
			if x.key != y.key {
				return cmp.Compare(x.key, y.key)
			}
			return cmp.Compare(x.k, y.k)
		})
		for s := 0; s < n; {
			e := s + 1
			for e < n && band[e].key == band[s].key {
				e++
			}
			id := int32(-1)
			if e-s >= 2 {
				id = int32(len(starts))
				starts = append(starts, int32(len(members)))
				for _, x := range band[s:e] {
					members = append(members, x.k)
				}
			}
			for _, x := range band[s:e] {
				bucketOf[b*n+int(x.k)] = id
			}
			s = e
		}
	}
	starts = append(starts, int32(len(members)))
	keys, band = nil, nil

	// The candidates are the pairs of reps sharing a bucket (within a
	// bucket's first maxBucket members and any later one), taken in
	// order of the pair (a, b). They are generated for a few reps at a
	// time rather than all held, and a pair whose answers an earlier
	// pair already joined is not verified: linking it again would change
	// nothing (its answers, and so its problems, are already one, and a
	// related link inside one problem is dropped), so the result is the
	// one verifying every pair gives, Links included.
	type verdict struct {
		sim      float64
		copy     bool
		question Verdict
		qsim     float64
	}
	const batchPairs = 4096
	var pairs []uint64 // a<<32 | b, rep indices
	var out []verdict
	flush := func() {
		out = slices.Grow(out[:0], len(pairs))[:len(pairs)]
		r.parallel(len(pairs), func(k int) {
			a, b := reps[pairs[k]>>32], reps[uint32(pairs[k])]
			var v verdict
			if sim, ok := r.copyOf(r.prep[a].shingles, r.prep[b].shingles, false); ok {
				v.copy = true
				v.sim = sim
				v.qsim, v.question = r.questionSim(a, b)
			}
			out[k] = v
		})
		for k, v := range out {
			if !v.copy {
				continue
			}
			a, b := reps[pairs[k]>>32], reps[uint32(pairs[k])]
			if v.qsim >= th.NearQuestion {
				r.res.Stats.NearVerified++
				r.link(a, b, TierNear, v.sim)
			} else {
				// The same answer under another question: worth a link.
				r.related = append(r.related, [2]int32{int32(a), int32(b)})
			}
		}
		pairs = pairs[:0]
	}
	var with []int32
	for a := range n {
		with = with[:0]
		for b := 0; b < nb; b++ {
			id := bucketOf[b*n+a]
			if id < 0 {
				continue
			}
			// a pairs with every member after it when it is among the
			// bucket's first maxBucket.
			m := members[starts[id]:starts[id+1]]
			if x, _ := slices.BinarySearch(m, int32(a)); x < maxBucket {
				with = append(with, m[x+1:]...)
			}
		}
		slices.Sort(with)
		with = slices.Compact(with)
		r.res.Stats.NearCandidates += len(with)
		for _, b := range with {
			if r.answers.find(reps[a]) != r.answers.find(reps[b]) {
				pairs = append(pairs, uint64(a)<<32|uint64(b))
			}
		}
		if len(pairs) >= batchPairs {
			flush()
		}
	}
	flush()
}

// copies decides whether answers with shingle sets of sizes na and nb,
// Jaccard index j and containment c are copies of one answer: largely the
// same text, or the smaller lying inside the larger (truncated, or a part
// lost). Under one question less is needed: an answer that lost its code
// to a scrape keeps little more than half its shingles, while independent
// answers to one question share almost none.
func (r *runner) copies(j, c float64, na, nb int, sameQuestion bool) bool {
	th := r.opts.Thresholds
	small, large := min(na, nb), max(na, nb)
	switch {
	case j >= th.NearJaccard:
		return true
	case c >= th.NearContainment && float64(small) >= th.NearRatio*float64(large):
		return true
	case sameQuestion && c >= th.NearSameQuestion && small >= r.opts.MinShingles:
		return true
	}
	return false
}

// copyOf reports whether answers with shingle sets a and b are copies
// (see copies) and if so their similarity, the larger of their Jaccard
// index and containment. Most candidate pairs are not copies, so the
// intersection is counted only while it can still reach the least size
// any way of being a copy needs.
func (r *runner) copyOf(a, b []uint64, sameQuestion bool) (float64, bool) {
	need := r.leastCopyOverlap(len(a), len(b), sameQuestion)
	inter, ok := Intersection(a, b, need)
	if !ok || len(a) == 0 || len(b) == 0 {
		return 0, false
	}
	// As Jaccard computes them.
	jac := float64(inter) / float64(len(a)+len(b)-inter)
	con := float64(inter) / float64(min(len(a), len(b)))
	if !r.copies(jac, con, len(a), len(b), sameQuestion) {
		return 0, false
	}
	return max(jac, con), true
}

// leastCopyOverlap is a lower bound on the shared shingles two sets of
// sizes na and nb need to pass copies: below it no threshold can be
// reached. It is rounded down and less one, so float rounding never makes
// it exclude a pair copies would accept.
func (r *runner) leastCopyOverlap(na, nb int, sameQuestion bool) int {
	th := r.opts.Thresholds
	small, large := min(na, nb), max(na, nb)
	least := th.NearJaccard * float64(na+nb) / (1 + th.NearJaccard) // j >= NearJaccard
	if float64(small) >= th.NearRatio*float64(large) {
		least = min(least, th.NearContainment*float64(small))
	}
	if sameQuestion && small >= r.opts.MinShingles {
		least = min(least, th.NearSameQuestion*float64(small))
	}
	return max(0, int(least)-1)
}

// charGram is the length of the letter n-grams nearWithin compares: long
// enough that independent answers to one question share few (at most
// 0.28 of the smaller answer's in the corpus), short enough to survive
// the gaps a lost block leaves.
const charGram = 12

// maxWithin bounds the answers of one problem compared pairwise by
// nearWithin; a larger problem relies on LSH alone.
const maxWithin = 32

// nearWithin verifies, within each problem, answers LSH did not pair.
// A copy truncated to a fraction of the original, or one that lost most
// of its code, has a Jaccard index too low for LSH to propose it
// reliably; asking the same question is the better evidence.
func (r *runner) nearWithin() {
	groups := r.problems.groups(nil)
	type pair struct{ a, b int }
	var pairs []pair
	// spans[g] is the range of pairs of the g-th compared group: a
	// group's answers' letter n-grams are computed once, by one worker,
	// and dropped when the group is done, so they are never all held.
	var spans [][2]int
	for _, g := range groups {
		var reps []int
		seen := map[int]bool{}
		for _, i := range g {
			if len(r.prep[i].shingles) == 0 {
				continue
			}
			if root := r.answers.find(i); !seen[root] {
				seen[root] = true
				reps = append(reps, i)
			}
		}
		if len(reps) < 2 || len(reps) > maxWithin {
			continue
		}
		start := len(pairs)
		for x := range reps {
			for y := x + 1; y < len(reps); y++ {
				pairs = append(pairs, pair{reps[x], reps[y]})
			}
		}
		spans = append(spans, [2]int{start, len(pairs)})
	}
	sims := make([]float64, len(pairs))
	r.parallel(len(spans), func(g int) {
		grams := map[int][]uint64{}
		gramsOf := func(doc int) []uint64 {
			gs, ok := grams[doc]
			if !ok {
				gs = charGrams(r.docs[doc].squeeze(), charGram)
				grams[doc] = gs
			}
			return gs
		}
		for k := spans[g][0]; k < spans[g][1]; k++ {
			a, b := pairs[k].a, pairs[k].b
			if _, v := r.questionSim(a, b); v != Same {
				continue
			}
			sa, sb := r.prep[a].shingles, r.prep[b].shingles
			if sim, ok := r.copyOf(sa, sb, true); ok {
				sims[k] = sim
				continue
			}
			if min(len(sa), len(sb)) < r.opts.MinShingles {
				continue
			}
			// Words glued together where a scrape lost the spaces around
			// inline code break every shingle they touch; letter n-grams
			// of the squeezed text do not see the spaces at all.
			if _, cg := Jaccard(gramsOf(a), gramsOf(b)); cg >= r.opts.Thresholds.NearSameQuestion {
				sims[k] = cg
			}
		}
	})
	for k, p := range pairs {
		if sims[k] > 0 {
			r.res.Stats.NearVerified++
			r.link(p.a, p.b, TierNear, sims[k])
		}
	}
}

// record is one wording of one doc's question in the question index.
type record struct {
	doc   int
	order []int32 // term ids, rarest first
}

// questions links docs asking the same question, found by prefix
// filtering: with terms in a global order (rarest first), two term sets
// whose Jaccard index reaches t must share a term among the first
// |x| - ⌈t·|x|⌉ + 1 of each. Only those prefixes are indexed and probed,
// and a positional filter drops pairs whose remaining terms cannot reach
// the overlap t needs (Xiao et al., "Efficient similarity joins for near
// duplicate detection", 2008).
func (r *runner) questions() {
	th := r.opts.Thresholds
	// The index joins on the plain Jaccard index of the term sets, while
	// verdicts use the weighted one (asides and examples weigh less). At
	// worst shared terms weigh 1 and extras exampleWeight, so a pair
	// reaching th.Subset (0.65) weighted has a plain Jaccard index of at
	// least 1/(1+0.35/0.65/exampleWeight) = 0.32 >= t: every merge is
	// found (but see maxPosting); a related link at the low end may not be.
	t := min(th.Same, th.Subset, th.Related)

	var cands []cand // ten million at 200 MB of input: kept small
	// A candidate whose docs already share a problem (copies of one
	// answer, mostly) is counted but not kept: whatever its verdict, it
	// would change nothing (a merge within one group is skipped below
	// and a related link within one problem is dropped), and copies of a
	// popular question would otherwise make most of the candidates.
	addCand := func(a, b int) {
		if r.problems.find(a) != r.problems.find(b) {
			cands = append(cands, newCand(a, b))
		}
	}
	// Questions reducing to the same terms are candidates however common
	// their terms are; the index below may cap such terms.
	byTerms := map[string]int{}
	var recs []record
	ids := map[string]int32{}
	var freq []int
	for i := range r.docs {
		for _, q := range r.prep[i].terms {
			ts := q.Terms
			if len(ts) == 0 {
				continue
			}
			key := strings.Join(ts.Stems(), " ")
			if j, ok := byTerms[key]; ok && j != i {
				addCand(j, i)
			} else if !ok {
				byTerms[key] = i
			}
			rec := record{doc: i}
			for _, x := range ts {
				id, ok := ids[x.Stem]
				if !ok {
					id = int32(len(freq))
					ids[x.Stem] = id
					freq = append(freq, 0)
				}
				freq[id]++
				rec.order = append(rec.order, id)
			}
			recs = append(recs, rec)
		}
	}
	// Ties in frequency break on the stem, so the order is the same
	// whatever order the docs came in.
	stems := make([]string, len(freq))
	for s, id := range ids {
		stems[id] = s
	}
	less := func(a, b int32) int {
		if freq[a] != freq[b] {
			return freq[a] - freq[b]
		}
		return strings.Compare(stems[a], stems[b])
	}
	type posting struct{ rec, pos int32 }
	index := map[int32][]posting{}      // term id -> records and the term's position in each
	overlap := make([]int32, len(recs)) // matches with the record being probed; -1 pruned
	var touched []int32
	for k := range recs {
		rec := &recs[k]
		slices.SortFunc(rec.order, less)
		n := len(rec.order)
		prefix := n - ceilMul(t, n) + 1
		for i, id := range rec.order[:prefix] {
			for _, p := range index[id] {
				o := &recs[p.rec]
				m := len(o.order)
				if overlap[p.rec] < 0 || float64(min(n, m)) < t*float64(max(n, m)) {
					continue // pruned, or sizes too far apart for the threshold
				}
				// Positional filter (PPJoin): the terms after these
				// positions bound what overlap the pair can still reach.
				need := ceilMul(t/(1+t), n+m)
				if overlap[p.rec] == 0 {
					touched = append(touched, p.rec)
				}
				if int(overlap[p.rec])+1+min(n-i-1, m-int(p.pos)-1) < need {
					overlap[p.rec] = -1
					continue
				}
				overlap[p.rec]++
			}
		}
		for _, other := range touched {
			if overlap[other] > 0 && recs[other].doc != rec.doc {
				addCand(recs[other].doc, rec.doc)
			}
			overlap[other] = 0
		}
		touched = touched[:0]
		for i, id := range rec.order[:prefix] {
			if len(index[id]) < maxPosting {
				index[id] = append(index[id], posting{int32(k), int32(i)})
			}
		}
	}
	cands = slices.Compact(r.sortCands(cands)) // by a, then b
	r.res.Stats.QuestionCandidates = len(cands)
	type verdict struct {
		sim float64
		v   Verdict
	}
	// A verdict depends only on the two docs' wordings (questionSim), and
	// copies of a question share theirs: each distinct pair of wordings
	// is compared once.
	class := r.questionClasses()
	reps, which := r.classPairs(cands, class)
	verdicts := make([]verdict, len(reps))
	r.parallel(len(reps), func(k int) {
		s, v := r.questionSim(int(reps[k].a()), int(reps[k].b()))
		verdicts[k] = verdict{s, v}
	})
	reps = nil
	out := func(k int) verdict { return verdicts[which[k]] }
	var same []int
	for k, c := range cands {
		switch out(k).v {
		case Same:
			same = append(same, k)
		case Related:
			r.related = append(r.related, [2]int32{c.a(), c.b()})
		}
	}
	// Merge the most similar first, and never two groups holding a pair
	// of questions that conflict: "Database Sharding" may join "What is
	// database sharding?" or "When should you shard?", not both.
	sort.SliceStable(same, func(x, y int) bool { return out(same[x]).sim > out(same[y]).sim })
	members := map[int][]int{} // root -> members, for the groups the links touch
	for _, k := range same {
		for _, i := range []int{int(cands[k].a()), int(cands[k].b())} {
			members[r.problems.find(i)] = nil
		}
	}
	for i := range r.docs {
		root := r.problems.find(i)
		if _, ok := members[root]; ok {
			members[root] = append(members[root], i)
		}
	}
	for _, k := range same {
		a, b := int(cands[k].a()), int(cands[k].b())
		ra, rb := r.problems.find(a), r.problems.find(b)
		if ra == rb {
			continue
		}
		ga, gb := members[ra], members[rb]
		if r.conflicting(ga, gb) {
			r.related = append(r.related, [2]int32{int32(a), int32(b)})
			continue
		}
		r.link(a, b, TierQuestion, out(k).sim)
		delete(members, ra)
		delete(members, rb)
		members[r.problems.find(a)] = append(append([]int(nil), ga...), gb...)
	}
}

// sortCands sorts cs (tens of millions at 200 MB of input) in ascending
// order: its parts are sorted on the workers, then merged pairwise.
func (r *runner) sortCands(cs []cand) []cand {
	w := max(1, min(r.workers(), len(cs)/65536))
	if w == 1 {
		slices.Sort(cs)
		return cs
	}
	bounds := make([]int, w+1) // part k is cs[bounds[k]:bounds[k+1]]
	for k := range bounds {
		bounds[k] = k * len(cs) / w
	}
	var wg sync.WaitGroup
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slices.Sort(cs[bounds[k]:bounds[k+1]])
		}()
	}
	wg.Wait()
	src, dst := cs, make([]cand, len(cs))
	for len(bounds) > 2 {
		var next []int
		for k := 0; k+1 < len(bounds); k += 2 {
			lo := bounds[k]
			next = append(next, lo)
			if k+2 >= len(bounds) { // an odd part out
				copy(dst[lo:], src[lo:bounds[k+1]])
				continue
			}
			a, b := src[lo:bounds[k+1]], src[bounds[k+1]:bounds[k+2]]
			i, j := 0, 0
			for x := lo; x < bounds[k+2]; x++ {
				if j == len(b) || (i < len(a) && a[i] <= b[j]) {
					dst[x] = a[i]
					i++
				} else {
					dst[x] = b[j]
					j++
				}
			}
		}
		bounds = append(next, len(cs))
		src, dst = dst, src
	}
	return src
}

// classPairs numbers the distinct pairs of classes among cands: reps
// holds the first candidate of each pair of classes and which[k] the
// number of cands[k]'s. The pairs are split among the workers by a hash
// of the pair, each worker reading every candidate in order and keeping
// its own, so the result does not depend on the number of workers apart
// from the order of reps.
func (r *runner) classPairs(cands []cand, class []int32) (reps []cand, which []int32) {
	key := func(c cand) uint64 { return uint64(uint32(class[c.a()]))<<32 | uint64(uint32(class[c.b()])) }
	w := max(1, min(r.workers(), len(cands)/65536))
	shard := func(k uint64) int { return int((k * 0x9E3779B97F4A7C15 >> 32) % uint64(w)) }
	which = make([]int32, len(cands))
	local := make([][]cand, w)
	var wg sync.WaitGroup
	for s := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := map[uint64]int32{} // pair of classes -> index into local[s]
			for k, c := range cands {
				pk := key(c)
				if shard(pk) != s {
					continue
				}
				x, ok := first[pk]
				if !ok {
					x = int32(len(local[s]))
					first[pk] = x
					local[s] = append(local[s], c)
				}
				which[k] = x
			}
		}()
	}
	wg.Wait()
	off := make([]int32, w)
	for s := range w {
		off[s] = int32(len(reps))
		reps = append(reps, local[s]...)
	}
	if w > 1 {
		r.parallel(len(cands), func(k int) { which[k] += off[shard(key(cands[k]))] })
	}
	return reps, which
}

// A cand is a candidate pair of docs (a, b): a in the high 32 bits, so
// candidates sort by a, then b.
type cand uint64

func newCand(a, b int) cand { return cand(uint64(a)<<32 | uint64(uint32(b))) }
func (c cand) a() int32     { return int32(c >> 32) }
func (c cand) b() int32     { return int32(uint32(c)) }

// questionClasses numbers the docs by what questionSim reads of them,
// their question key and analysed wordings: docs of one class compare
// alike with any other doc.
func (r *runner) questionClasses() []int32 {
	ids := map[string]int32{}
	class := make([]int32, len(r.docs))
	var b strings.Builder
	for i := range r.docs {
		p := &r.prep[i]
		b.Reset()
		// Every field of Question and Term (TestQuestionClassKey), strings
		// with their length so that no two docs share a key by accident.
		fmt.Fprintf(&b, "%d:%s", len(p.qkey), p.qkey)
		for _, q := range p.terms {
			fmt.Fprintf(&b, "|%d|", q.Intents)
			for _, t := range q.Terms {
				fmt.Fprintf(&b, "%d:%s%t%t%t", len(t.Stem), t.Stem, t.Specific, t.Aside, t.Example)
			}
		}
		id, ok := ids[b.String()]
		if !ok {
			id = int32(len(ids))
			ids[b.String()] = id
		}
		class[i] = id
	}
	return class
}

// maxConflictChecks bounds the pairs conflicting compares; groups larger
// than that merge unchecked.
const maxConflictChecks = 4096

// conflicting reports whether some question of group a and some question
// of group b conflict in every wording (see conflict).
func (r *runner) conflicting(a, b []int) bool {
	if len(a)*len(b) > maxConflictChecks {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if r.prep[x].qkey != "" && r.prep[x].qkey == r.prep[y].qkey {
				continue
			}
			all := true
			for _, qa := range r.prep[x].terms {
				for _, qb := range r.prep[y].terms {
					if !conflict(qa, qb) {
						all = false
					}
				}
			}
			if all && len(r.prep[x].terms) > 0 && len(r.prep[y].terms) > 0 {
				return true
			}
		}
	}
	return false
}

// maxPosting bounds a posting list of the question index. Only a term
// among the rarest of over maxPosting questions reaches it: a word so
// common it says little. Later questions are not indexed under it, which
// keeps the work linear; they still meet through their other terms, and
// questions with the same terms always meet.
const maxPosting = 64

func ceilMul(t float64, n int) int {
	v := t * float64(n)
	c := int(v)
	if float64(c) < v-1e-9 {
		c++
	}
	return c
}

// finish returns the result apart from the runner, so that the runner's
// prepared docs (every answer's shingles) are freed once Run returns.
func (r *runner) finish() *Result {
	res := new(Result)
	*res = r.res
	res.Problems = r.problems.groups(nil)
	res.Answers = r.answers.groups(func(i int) bool { return r.prep[i].answered })
	problemOf := make([]int, len(r.docs))
	for k, g := range res.Problems {
		for _, i := range g {
			problemOf[i] = k
		}
	}
	for _, p := range r.related {
		a, b := problemOf[p[0]], problemOf[p[1]]
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		res.Related = append(res.Related, [2]int{a, b})
	}
	slices.SortFunc(res.Related, func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	res.Related = slices.Compact(res.Related)
	sort.Slice(r.links, func(i, j int) bool {
		if r.links[i].A != r.links[j].A {
			return r.links[i].A < r.links[j].A
		}
		return r.links[i].B < r.links[j].B
	})
	res.Links = r.links
	return res
}

// unionFind is a disjoint-set forest over doc indices.
type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins the sets of a and b, keeping the smaller index as root so
// roots are deterministic, and reports whether they were apart.
func (u *unionFind) union(a, b int) bool {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return false
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	return true
}

// groups lists the sets of members for which keep is true (nil: all),
// each sorted, ordered by first member.
func (u *unionFind) groups(keep func(int) bool) [][]int {
	byRoot := map[int]int{}
	var out [][]int
	for i := range u.parent {
		if keep != nil && !keep(i) {
			continue
		}
		root := u.find(i)
		k, ok := byRoot[root]
		if !ok {
			k = len(out)
			byRoot[root] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}
