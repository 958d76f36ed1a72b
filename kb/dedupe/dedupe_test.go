package dedupe

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/canon-kb/canon/internal/corpustest"
)

func TestFoldUndoesMojibake(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Whatâ€™s the difference", "what’s the difference"}, // UTF-8 read as Windows-1252
		{"โœ… Why Use Docker?", "✅ why use docker?"},         // UTF-8 read as Windows-874
		{"Café au lait", "café au lait"},                     // genuine Latin-1 text stays
		{"ＡＰＩ ｇａｔｅｗａｙ", "api gateway"},                       // compatibility forms
		{"Node.js — event loop", "node.js — event loop"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSqueezeIgnoresWhitespaceMarkupAndDamage(t *testing.T) {
	a := "Executes callbacks from `setTimeout()` and **setInterval()** whose timers expired."
	b := "Executes callbacks fromsetTimeout()andsetInterval()whose timers expired"
	c := "- 👉 Executes callbacks from setTimeout() and setInterval() whose timers expired."
	if Squeeze(a) != Squeeze(b) || Squeeze(a) != Squeeze(c) {
		t.Errorf("squeezed forms differ:\n%s\n%s\n%s", Squeeze(a), Squeeze(b), Squeeze(c))
	}
	if Squeeze(a) == Squeeze("Executes callbacks from setTimeout() whose timers expired.") {
		t.Error("a lost word squeezes to the same text")
	}
}

func stems(ts Terms) string {
	var out []string
	for _, t := range ts {
		s := t.Stem
		if t.Specific {
			s += "*"
		}
		if t.Aside {
			s += "~"
		}
		if t.Example {
			s += "~"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestQuestionTerms(t *testing.T) {
	lx := NewLexicon()
	for _, tc := range []struct{ q, want string }{
		{"How does JWT authentication work?", "authent jwt*"},
		{"How does JSON Web Token authentication work? Explain the complete flow.", "authent flow~ jwt*"},
		{"What is CAP theorem? How does it apply to MongoDB?", "appli~ cap* mongodb*~ theorem"},
		{"Explain the CAP theorem with real-world examples?", "cap* theorem"},
		{"HTTP/2 vs HTTP/3 Protocol Differences", "http2* http3* protocol"},
		{"What Is CORS in Express and How Does It Work?", "cors* express"},
		{"What is the difference between require and import in Node.js?", "import node*~ requir"},
		{"Explain OAuth2 in detail (authorization code flow).", "author~ code~ flow~ oauth*"},
		{"What is eventual consistency? Where is it used in systems like WhatsApp?", "consist eventu system~ whatsapp~~"},
		{"Tasks in Node.js without blocking the event loop", "block event loop node* task without"},
		// Case is read per sentence: a heading's capitals mark no names
		// even when a scenario in sentence case follows.
		{"When to Scale Horizontally vs Vertically\n\nYour app hits CPU limits.", "app~ cpu*~ hit~ horizont limit~ scale vertic"},
	} {
		if got := stems(lx.QuestionTerms(tc.q)); got != tc.want {
			t.Errorf("QuestionTerms(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestLexiconLearnsAcronyms(t *testing.T) {
	lx := NewLexicon()
	lx.Learn("Messages that fail go to a Poison Message Store (PMS) for review.")
	lx.Learn("Use MVCC (Multi-Version Concurrency Control) for readers.")
	for _, tc := range []struct{ a, b string }{
		{"What is a poison message store?", "What is a PMS?"},
		{"How does multi version concurrency control work?", "Explain MVCC"},
	} {
		a, b := stems(lx.QuestionTerms(tc.a)), stems(lx.QuestionTerms(tc.b))
		if a != b {
			t.Errorf("%q -> %q but %q -> %q", tc.a, a, tc.b, b)
		}
	}
	// Initials that do not spell the acronym teach nothing.
	lx.Learn("Read the Fine Manual (XYZ) first.")
	if got := stems(lx.QuestionTerms("What is the fine manual?")); got != "fine manual" {
		t.Errorf("learned a wrong acronym: %q", got)
	}
}

func TestCompareQuestions(t *testing.T) {
	lx := NewLexicon()
	th := DefaultOptions().Thresholds
	for _, tc := range []struct {
		a, b string
		want Verdict
	}{
		{"How does JWT authentication work?", "How does JWT authentication work? Explain the complete flow.", Same},
		{"What is a JSON Web Token?", "Explain JWT.", Same},
		{"What is optimistic vs pessimistic locking?", "Optimistic vs Pessimistic Locking", Same},
		{"What is CAP?", "How does CAP apply to MongoDB?", Related},
		{"Explain the CAP theorem with real-world examples?", "What is CAP theorem? How does it apply to MongoDB?", Related},
		{"How do you handle long-running tasks in Node.js without blocking the event loop?",
			"How do you handle long-running tasks without blocking the user?", Related},
		{"HTTP/2 vs HTTP/3 Protocol Differences", "HTTP/1.1 vs HTTP/2 Protocol Differences", Related},
		{"What is Docker?", "How do you prevent brute-force login attacks?", Different},
		// Same subject, another kind of answer.
		{"What is database sharding and how do you implement it?", "When to Shard Your Database", Related},
		{"What is rate limiting?", "How do you implement rate limiting?", Related},
		{"Understanding Bloom Filters", "What is a Bloom filter?", Same},
		{"Implementing distributed locks", "How do you implement a distributed lock?", Same},
		// A word added to the main clause asks something else; the same
		// word in a later sentence, in parentheses or as an example only
		// elaborates.
		{"What Is a Presigned URL?", "What’s Inside a Presigned URL?", Related},
		{"Understanding Eventual Consistency", "What are eventual consistency and strong consistency?", Related},
		{"Understanding Eventual Consistency", "What is eventual consistency? Where is it used in systems like WhatsApp?", Same},
		{"What is eventual consistency in distributed systems?", "What is eventual consistency? Where is it used in real-world systems?", Same},
		{"How does CAP apply to MongoDB?", "How does CAP apply to databases like MongoDB?", Same},
		// Words that name the kind of answer are the intent's, not terms.
		{"Implementing CQRS Pattern", "How do you implement CQRS?", Same},
		{"Cache Invalidation Strategies", "How do you invalidate a cache?", Same},
		{"What are API abuse prevention strategies?", "Protecting API from Abuse", Same},
		{"What are the pros and cons of using NoSQL over SQL?", "When to Use NoSQL vs SQL", Same},
		{"Design a URL Shortener (like Bitly)", "How would you design a scalable URL shortener like Bit.ly?", Same},
		{"How do you implement rate limiting in an API?", "What are the different types of API rate limiting strategies?", Related},
		{"What's inside a JWT?", "What is a JWT?", Related},
		{"What is optimistic locking?", "What are optimistic locking and pessimistic locking?", Related},
		{"Payment Service (cards, wallets) for millions", "How would you design a payment system (cards, wallets)?", Same},
		// A heading's capitals mark no name, even before a scenario.
		{"When to Scale Horizontally vs Vertically\n\nShould you add servers?", "What is horizontal vs vertical scaling?", Same},
		// A bare subject is compatible with any question about it.
		{"Zero-downtime Deployment", "How do you perform zero-downtime deployments?", Same},
		{"API Rate Limiter vs Throttling", "API Rate Limiting and Throttling", Same},
	} {
		s, v := CompareQuestions(lx.Analyze(tc.a), lx.Analyze(tc.b), th)
		if v != tc.want {
			t.Errorf("%q vs %q: %v (%.2f), want %v", tc.a, tc.b, v, s, tc.want)
		}
	}
}

// fixture returns an answer long enough for the near tier.
func fixture(topic string) string {
	return "To handle " + topic + " you first measure where the time goes, then you pick the right tool.\n\n" +
		"- Measure latency at every hop with tracing and keep percentiles, not averages.\n" +
		"- Cache what is read often and changes rarely, and set a sensible time to live.\n" +
		"- Move slow work off the request path into a queue with retries and a dead letter queue.\n\n" +
		"```js\nconst result = await queue.add('" + topic + "', payload, { attempts: 5 });\n```\n\n" +
		"Finally, load test before production and watch the error budget of " + topic + " closely."
}

func TestRunTiers(t *testing.T) {
	base := fixture("slow checkout")
	docs := []Doc{
		0: {Title: "How do you speed up a slow checkout?", Answer: base},
		// Exact: whitespace, markup and emoji differ.
		1: {Title: "How do you speed up a slow checkout?", Answer: strings.NewReplacer("- ", "• 👉 ", "\n\n", "\n").Replace(base)},
		// Near: the code was lost and a sentence edited.
		2: {Title: "How do you speed up a slow checkout?", Answer: strings.Replace(strings.Replace(base, "```js\nconst result = await queue.add('slow checkout', payload, { attempts: 5 });\n```\n\n", "", 1), "watch the error budget", "keep an eye on the error budget", 1)},
		// Near: truncated to its first half.
		3: {Title: "How do you speed up a slow checkout?", Answer: base[:len(base)*6/10]},
		// Question tier: same question reworded, independent answer.
		4: {Title: "Speeding up slow checkouts: how would you do it?", Answer: "Profile the checkout service, add an index on orders.user_id and batch the payment calls."},
		// Question only: joins the problem that answers it.
		5: {Title: "How do you speed up slow checkout?"},
		// Related: same subject, narrower question.
		6: {Title: "How do you speed up a slow checkout in Magento?", Answer: "Enable full page cache and flat catalog in Magento."},
		// Unrelated, but with the same boilerplate answer start.
		7: {Title: "What is a bloom filter?", Answer: "A probabilistic set: no false negatives, some false positives, constant memory per element."},
	}
	res := Run(docs, DefaultOptions())
	wantProblems := [][]int{{0, 1, 2, 3, 4, 5}, {6}, {7}}
	if !reflect.DeepEqual(res.Problems, wantProblems) {
		t.Errorf("problems = %v, want %v", res.Problems, wantProblems)
	}
	wantAnswers := [][]int{{0, 1, 2, 3}, {4}, {6}, {7}}
	if !reflect.DeepEqual(res.Answers, wantAnswers) {
		t.Errorf("answers = %v, want %v", res.Answers, wantAnswers)
	}
	if want := [][2]int{{0, 1}}; !reflect.DeepEqual(res.Related, want) {
		t.Errorf("related = %v, want %v", res.Related, want)
	}
	tiers := map[[2]int]Tier{}
	for _, l := range res.Links {
		tiers[[2]int{l.A, l.B}] = l.Tier
	}
	for pair, want := range map[[2]int]Tier{{0, 1}: TierExact, {0, 2}: TierNear, {0, 3}: TierNear} {
		if tiers[pair] != want {
			t.Errorf("link %v: tier %v, want %v (links %+v)", pair, tiers[pair], want, res.Links)
		}
	}
}

// A name in many of the questions is the collection's subject: "in
// Node.js" then narrows nothing. The same name, rare, still does.
func TestRunContextNames(t *testing.T) {
	pair := []Doc{
		{Title: "How do you prevent memory leaks in Node.js services?", Answer: "Take heap snapshots under load and compare retained sizes."},
		{Title: "What are memory leaks and how can you prevent them?", Answer: "Unreleased references: clear timers, bound caches, remove listeners."},
	}
	subjects := []string{"streams", "buffers", "workers", "timers", "modules", "promises", "errors", "events",
		"sockets", "clusters", "child processes", "file handles", "signals", "sessions", "cookies", "uploads",
		"templates", "migrations", "queues", "locks"}
	for _, with := range []bool{true, false} {
		docs := append([]Doc(nil), pair...)
		for i, s := range subjects {
			q := "How do you test " + s + "?"
			if with {
				q = "How do you test " + s + " in Node.js?"
			}
			docs = append(docs, Doc{Title: q, Answer: fmt.Sprintf("Answer %d about %s.", i, s)})
		}
		res := Run(docs, DefaultOptions())
		merged := slices.Contains(res.Problems[0], 1)
		if merged != with {
			t.Errorf("Node.js in %v of the questions: pair merged = %v, want %v (problems %v)", with, merged, with, res.Problems[:2])
		}
	}
}

func TestRunDoesNotDependOnWorkers(t *testing.T) {
	docs := Generate(2000, 7)
	one := DefaultOptions()
	one.Workers = 1
	many := DefaultOptions()
	many.Workers = 8
	a, b := Run(docs, one), Run(docs, many)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("results differ between 1 and 8 workers")
	}
}

// TestSortCands checks the parallel sort of question candidates against
// slices.Sort, for worker counts that split the input into even and odd
// numbers of parts, with repeated pairs (which Compact relies on being
// adjacent).
func TestSortCands(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cs := make([]cand, 300_001)
	for k := range cs {
		cs[k] = newCand(rng.IntN(5000), rng.IntN(5000))
	}
	want := slices.Clone(cs)
	slices.Sort(want)
	for _, w := range []int{1, 2, 3, 4, 5} {
		r := &runner{opts: Options{Workers: w}}
		if got := r.sortCands(slices.Clone(cs)); !slices.Equal(got, want) {
			t.Errorf("%d workers: not sorted as slices.Sort sorts", w)
		}
	}
}

// TestClassPairs checks that every candidate is mapped to the first
// candidate with its pair of classes, whatever the number of workers.
func TestClassPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	class := make([]int32, 4000)
	for i := range class {
		class[i] = int32(rng.IntN(300))
	}
	cs := make([]cand, 200_000)
	for k := range cs {
		cs[k] = newCand(rng.IntN(len(class)), rng.IntN(len(class)))
	}
	type pair struct{ a, b int32 }
	first := map[pair]cand{}
	for _, c := range cs {
		if _, ok := first[pair{class[c.a()], class[c.b()]}]; !ok {
			first[pair{class[c.a()], class[c.b()]}] = c
		}
	}
	for _, w := range []int{1, 2, 3} {
		r := &runner{opts: Options{Workers: w}}
		reps, which := r.classPairs(cs, class)
		if len(reps) != len(first) {
			t.Errorf("%d workers: %d representatives, want %d", w, len(reps), len(first))
		}
		for k, c := range cs {
			if got, want := reps[which[k]], first[pair{class[c.a()], class[c.b()]}]; got != want {
				t.Fatalf("%d workers: candidate %d represented by %d, want %d", w, k, got, want)
			}
		}
	}
}

// BenchmarkQuestionCandidates measures the sort of the question
// candidates and the numbering of their pairs of classes on one worker
// and on two (wall time per op; the CPU total hardly changes). Run with:
//
//	go test ./kb/dedupe -run '^$' -bench QuestionCandidates -cpu 2
func BenchmarkQuestionCandidates(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	const docs, n = 1_000_000, 4_000_000
	class := make([]int32, docs)
	for i := range class {
		class[i] = int32(rng.IntN(docs / 2))
	}
	cs := make([]cand, n)
	for k := range cs {
		cs[k] = newCand(rng.IntN(docs), rng.IntN(docs))
	}
	sorted := slices.Clone(cs)
	slices.Sort(sorted)
	for _, w := range []int{1, 2} {
		r := &runner{opts: Options{Workers: w}}
		b.Run(fmt.Sprintf("sort/workers=%d", w), func(b *testing.B) {
			buf := make([]cand, n)
			for b.Loop() {
				copy(buf, cs)
				r.sortCands(buf)
			}
		})
		b.Run(fmt.Sprintf("classPairs/workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				r.classPairs(sorted, class)
			}
		})
	}
}

// TestQuestionClassKey guards questionClasses: it must key on every field
// questionSim can read, so a field added to Question or Term must be added
// to the key too.
func TestQuestionClassKey(t *testing.T) {
	fields := func(v any) []string {
		var out []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			out = append(out, rt.Field(i).Name)
		}
		return out
	}
	if got := fields(Term{}); !slices.Equal(got, []string{"Stem", "Specific", "Aside", "Example"}) {
		t.Errorf("Term has fields %v: add the new ones to questionClasses' key", got)
	}
	if got := fields(Question{}); !slices.Equal(got, []string{"Terms", "Intents"}) {
		t.Errorf("Question has fields %v: add the new ones to questionClasses' key", got)
	}
	docs := []Doc{
		{Title: "What is database sharding?"},
		{Title: "What is database sharding?", Answer: "Splitting rows across servers by a key."},
		{Title: "What is database replication?"},
		{Title: "Database sharding"},
	}
	r := &runner{docs: docs, opts: DefaultOptions(), lx: NewLexicon()}
	r.prepare()
	c := r.questionClasses()
	if c[0] != c[1] {
		t.Errorf("one question, two classes: %v", c)
	}
	if c[0] == c[2] || c[0] == c[3] || c[2] == c[3] {
		t.Errorf("different questions share a class: %v", c)
	}
}

// foldingAgrees checks the line-by-line folding (Words, Squeeze,
// FoldWords) against the reference that folds the whole text at once.
func foldingAgrees(t *testing.T, s string) {
	t.Helper()
	if got, want := Words(s), wordsRef(s); !slices.Equal(got, want) {
		t.Fatalf("Words(%q) = %q, reference %q", s, got, want)
	}
	want := squeezeRef(s)
	if got := Squeeze(s); got != want {
		t.Fatalf("Squeeze(%q) = %q, reference %q", s, got, want)
	}
	sq, words := FoldWords(s)
	if sq != want {
		t.Fatalf("FoldWords(%q) squeezed = %q, reference %q", s, sq, want)
	}
	if n := len(wordsRef(s)); len(words) != n {
		t.Fatalf("FoldWords(%q) gives %d words, reference %d", s, len(words), n)
	}
	got, ref := WordSet(words), shingleWords(wordsRef(s), 1)
	if !slices.Equal(got, ref) || (got == nil) != (ref == nil) {
		t.Fatalf("WordSet(FoldWords(%q)) = %v, reference shingles %v", s, got, ref)
	}
}

// partsAgree checks SqueezeParts against squeezing the joined parts.
func partsAgree(t *testing.T, parts []string) {
	t.Helper()
	if got, want := SqueezeParts(parts), squeezeRef(strings.Join(parts, "\n\n")); got != want {
		t.Fatalf("SqueezeParts(%q) = %q, reference %q", parts, got, want)
	}
}

var foldingCases = []string{
	"", " ", "-", "1.", "12)", "  3.", "•", "- a\n2) b c\n• d", "-x\n1.\n", "1.\n\n2.", "Whatâ€™s the difference",
	"e\u0301te\u0301 cafe\u0301", "\u0301a\n\u0301b", "ＡＰＩ ｇａｔｅｗａｙ", "fromsetTimeout()and", "a\xffb \xc3", "x²+y³ = ½",
	"Executes callbacks from `setTimeout()` and **setInterval()** whose timers expired.",
	"ÀÉÎ\nÕÜ\r\n - İstanbul ǅ", "â€\nœ",
}

func TestFolding(t *testing.T) {
	for _, s := range foldingCases {
		foldingAgrees(t, s)
	}
	for _, a := range foldingCases {
		for _, b := range foldingCases {
			partsAgree(t, []string{a, b})
			partsAgree(t, []string{a, b, a})
		}
	}
	partsAgree(t, nil)
	texts, _ := corpustest.Texts(t)
	for _, text := range texts {
		foldingAgrees(t, text)
		paras := strings.Split(text, "\n\n")
		for _, para := range paras {
			foldingAgrees(t, para)
		}
		partsAgree(t, paras)
	}
}

func FuzzFolding(f *testing.F) {
	for _, s := range foldingCases {
		f.Add(s, "1.")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		foldingAgrees(t, a)
		foldingAgrees(t, a+"\n"+b)
		partsAgree(t, []string{a, b})
		partsAgree(t, []string{b, a, b})
	})
}

// TestFoldingSignature checks what prepare keeps of an answer (digest and
// shingles, from its parts) against the words of the joined text.
func TestFoldingSignature(t *testing.T) {
	check := func(parts []string) {
		t.Helper()
		words := wordsRef(strings.Join(parts, "\n\n"))
		f := getFolding(false)
		defer putFolding(f)
		f.foldParts(parts)
		if got, want := f.digest(), sha256.Sum256([]byte(strings.Join(words, ""))); got != want {
			t.Fatalf("digest of %q differs from the joined words'", parts)
		}
		for k := 1; k <= 4; k++ {
			if got, want := f.shingles(k), shingleWords(words, k); !slices.Equal(got, want) || (got == nil) != (want == nil) {
				t.Fatalf("shingles(%d) of %q = %v, want %v", k, parts, got, want)
			}
		}
	}
	for _, a := range foldingCases {
		for _, b := range foldingCases {
			check([]string{a, b})
		}
	}
	texts, _ := corpustest.Texts(t)
	for _, text := range texts {
		check(strings.Split(text, "\n\n"))
	}
}
