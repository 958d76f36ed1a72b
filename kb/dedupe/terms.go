package dedupe

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// A Term is one normalised content word of a question.
type Term struct {
	// Stem is the word stemmed, or the canonical form of an acronym or
	// synonym ("jwt" for "JSON Web Token").
	Stem string
	// Specific marks a name rather than a common word: an acronym, a
	// product name written in capitals mid-sentence (MongoDB, Kafka), or a
	// word with digits or dots (HTTP/2, Node.js). A question that adds a
	// specific term to another asks something narrower.
	Specific bool
	// Aside marks a term the question only mentions in passing: in a
	// later sentence ("Explain the complete flow."), in parentheses, or in
	// a closing "in …" phrase giving the setting ("… in distributed
	// systems"). Such words elaborate the question rather than change it,
	// so they weigh less (asideWeight) and a question that adds only them
	// to another asks the same thing.
	Aside bool
	// Example marks a term only named as an example ("a broker like
	// Kafka"): an aside that illustrates without narrowing, so it is never
	// Specific and weighs least.
	Example bool
}

// What Aside and Example terms count for in similarities.
const (
	asideWeight   = 0.5
	exampleWeight = 0.25
)

func (t Term) weight() float64 {
	switch {
	case t.Example:
		return exampleWeight
	case t.Aside:
		return asideWeight
	}
	return 1
}

// A Terms is a question reduced to its content: no stop words, no
// question phrasing, stemmed, synonyms unified; sorted by Stem, unique.
type Terms []Term

// Stems lists the stems of t.
func (t Terms) Stems() []string {
	out := make([]string, len(t))
	for i, x := range t {
		out[i] = x.Stem
	}
	return out
}

// fluff are words that phrase a question without changing what it asks:
// "Explain X", "What is X and how does it work?", "X vs Y: the difference".
var fluff = map[string]bool{
	"explain": true, "describe": true, "define": true, "definition": true, "tell": true,
	"discuss": true, "difference": true, "differences": true, "differ": true,
	"different": true, "vs": true, "versus": true, "compare": true, "comparison": true,
	"mean": true, "meaning": true, "means": true, "example": true, "examples": true,
	"real": true, "world": true, "work": true, "works": true, "working": true,
	"give": true, "concept": true, "concepts": true, "briefly": true, "brief": true,
	"detail": true, "detailed": true, "details": true, "understanding": true,
	"understand": true, "interviewer": true, "question": true, "answer": true,
	"role": true, "overview": true, "introduction": true, "basics": true,
	"would": true, "could": true, "shall": true, "may": true, "might": true,
	"us": true, "one": true, "also": true, "e": true, "g": true, "etc": true,
	"like": true, "using": true, "via": true, "important": true, "matters": true,
	"matter": true, "exactly": true, "actually": true, "really": true, "please": true,
	"let": true, "know": true, "need": true, "needed": true, "used": true, "use": true,
	"uses": true, "usage": true, "purpose": true, "main": true, "key": true, "common": true,
	"complete": true, "full": true, "simple": true, "terms": true,
	// The kind of answer asked for, which intents record: "How do you
	// implement X?" and "Implementing X" ask one thing, "What is X?" and
	// "How do you implement X?" differ by intent, not by terms.
	"implement": true, "implementing": true, "implementation": true, "perform": true,
	"design": true, "designing": true,
	"performing": true, "pros": true, "cons": true, "tradeoff": true, "tradeoffs": true,
	"advantages": true, "disadvantages": true, "strategies": true, "strategy": true,
	"techniques": true, "technique": true, "approaches": true, "approach": true,
	"kinds": true, "types": true,
	// Generic heads that name no other thing: "CQRS pattern", "SQL
	// injection attacks", "idempotent operations".
	"pattern": true, "patterns": true, "attack": true, "attacks": true,
	"operation": true, "operations": true,
	// Qualities every answer aims for: "design a scalable URL shortener"
	// asks what "design a URL shortener" does.
	"scalable": true, "efficient": true, "efficiently": true, "robust": true,
	"reliable": true, "reliably": true, "effective": true, "effectively": true,
	"proper": true, "properly": true, "correctly": true,
}

// stemSynonyms unify stems that ask one thing: protecting an API from
// abuse is preventing abuse; a notification service is the notification
// system one designs.
var stemSynonyms = map[string]string{"protect": "prevent", "avoid": "prevent", "defend": "prevent", "mitig": "prevent", "servic": "system"}

// Lexicon unifies acronyms and synonyms: each phrase maps to a canonical
// word, so "JSON Web Token" and "JWT" are one term.
type Lexicon struct {
	// phrases by their first word, longest first.
	phrases map[string][]phrase
}

type phrase struct {
	words []string
	canon string
}

// builtinSynonyms are expansions common enough in technical Q&A to be
// known without being defined in the text; Learn adds the ones a corpus
// defines itself ("Dead Letter Queue (DLQ)").
var builtinSynonyms = map[string][]string{
	"jwt":        {"json web token", "json web tokens"},
	"dlq":        {"dead letter queue", "dead letter queues"},
	"2pc":        {"two phase commit", "2 phase commit"},
	"cqrs":       {"command query responsibility segregation"},
	"cdn":        {"content delivery network", "content distribution network"},
	"api":        {"application programming interface", "apis"},
	"orm":        {"object relational mapping", "object relational mapper"},
	"rbac":       {"role based access control"},
	"cicd":       {"ci cd", "continuous integration and continuous deployment", "continuous integration and continuous delivery", "continuous integration continuous deployment"},
	"kubernetes": {"k8s"},
	"database":   {"db", "dbs", "databases"},
	"vm":         {"virtual machine", "virtual machines", "vms"},
	"dns":        {"domain name system"},
	"http":       {"hypertext transfer protocol"},
	"https":      {"http secure"},
	"tls":        {"ssl", "transport layer security"},
	"gc":         {"garbage collection", "garbage collector"},
	"node":       {"nodejs", "node js"},
	"javascript": {"js"},
	"typescript": {"ts"},
	"postgresql": {"postgres", "pg"},
	"mongodb":    {"mongo"},
	"ttl":        {"time to live"},
	"lru":        {"least recently used"},
	"saas":       {"software as a service"},
	"sql":        {"structured query language"},
	"nosql":      {"non relational", "nonrelational"},
	"rdbms":      {"relational database management system"},
	"hpa":        {"horizontal pod autoscaler", "horizontal pod autoscaling"},
	"dos":        {"denial of service"},
	"ddos":       {"distributed denial of service"},
	"xss":        {"cross site scripting"},
	"csrf":       {"cross site request forgery"},
	"cors":       {"cross origin resource sharing"},
	"spof":       {"single point of failure"},
	"ha":         {"high availability", "highly available"},
	"mq":         {"message queue", "message queues"},
	"pubsub":     {"pub sub", "publish subscribe"},
	"grpc":       {"g rpc"},
	"rest":       {"restful", "representational state transfer"},
	"oauth":      {"oauth2", "oauth 20", "oauth 2"},
	"2fa":        {"two factor authentication", "mfa", "multi factor authentication"},
	"etl":        {"extract transform load"},
	"sla":        {"service level agreement"},
	"slo":        {"service level objective"},
	"rps":        {"requests per second"},
	"qps":        {"queries per second"},
	"ui":         {"user interface"},
	"iac":        {"infrastructure as code"},
	"s3":         {"simple storage service"},
}

// commonCanons are the canonical words of builtinSynonyms that name no
// particular thing: unlike an acronym or a product, they do not make a
// question narrower (see Term.Specific).
var commonCanons = map[string]bool{"database": true}

// specific reports whether a canonical word names something.
func (lx *Lexicon) specific(canon string) bool { return !commonCanons[canon] }

// NewLexicon returns the built-in lexicon.
func NewLexicon() *Lexicon {
	lx := &Lexicon{phrases: map[string][]phrase{}}
	canons := make([]string, 0, len(builtinSynonyms))
	for c := range builtinSynonyms {
		canons = append(canons, c)
	}
	sort.Strings(canons)
	for _, c := range canons {
		for _, v := range builtinSynonyms[c] {
			lx.add(strings.Fields(v), c)
		}
	}
	return lx
}

func (lx *Lexicon) add(words []string, canon string) {
	if len(words) == 0 || (len(words) == 1 && words[0] == canon) {
		return
	}
	first := words[0]
	for _, p := range lx.phrases[first] {
		if strings.Join(p.words, " ") == strings.Join(words, " ") {
			return // first definition wins; callers add in a fixed order
		}
	}
	lx.phrases[first] = append(lx.phrases[first], phrase{words: words, canon: canon})
	sort.SliceStable(lx.phrases[first], func(i, j int) bool {
		a, b := lx.phrases[first][i], lx.phrases[first][j]
		if len(a.words) != len(b.words) {
			return len(a.words) > len(b.words)
		}
		return strings.Join(a.words, " ") < strings.Join(b.words, " ")
	})
}

// Learn adds the acronyms that text defines, as "Dead Letter Queue (DLQ)"
// or "JWT (JSON Web Token)", when the initials of the long form spell the
// acronym. Learned entries never override built-in ones.
func (lx *Lexicon) Learn(text string) {
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '(')
		if i < 0 {
			return
		}
		open := off + i
		off = open + 1
		j := strings.IndexByte(text[off:], ')')
		if j < 0 || j > 80 {
			continue
		}
		inner := strings.TrimSpace(text[off : off+j])
		before := text[max(0, open-120):open]
		if isAcronym(inner) {
			lx.learn(inner, before, true)
			continue
		}
		ws := strings.Fields(before)
		if len(ws) > 0 && isAcronym(ws[len(ws)-1]) {
			lx.learn(ws[len(ws)-1], inner, false)
		}
	}
}

// isAcronym reports whether s looks like an acronym: 2 to 8 letters and
// digits, starting with a capital, at least two capitals (an "s" may
// follow: APIs).
func isAcronym(s string) bool {
	s = strings.TrimSuffix(s, "s")
	if len(s) < 2 || len(s) > 8 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	upper := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return upper >= 2
}

func (lx *Lexicon) learn(acro, long string, suffix bool) {
	words := splitWords(strings.ToLower(long))
	letters := []rune(strings.ToLower(strings.TrimSuffix(acro, "s")))
	if len(letters) < 2 || len(words) < len(letters) {
		return
	}
	// For "Long Form (LF)" the long form is the last len(letters) words
	// (skipping small joining words); it must spell the acronym.
	var picked []string
	i := len(letters) - 1
	if suffix {
		for w := len(words) - 1; w >= 0 && i >= 0; w-- {
			if smallWord[words[w]] && i < len(letters)-1 && i > 0 {
				picked = append([]string{words[w]}, picked...)
				continue
			}
			if []rune(words[w])[0] != letters[i] {
				return
			}
			picked = append([]string{words[w]}, picked...)
			i--
		}
	} else {
		i = 0
		for w := 0; w < len(words) && i < len(letters); w++ {
			if smallWord[words[w]] && i > 0 {
				picked = append(picked, words[w])
				continue
			}
			if []rune(words[w])[0] != letters[i] {
				return
			}
			picked = append(picked, words[w])
			i++
		}
		if len(picked) != len(words) {
			return
		}
	}
	if i != -1 && suffix || i != len(letters) && !suffix {
		return
	}
	canon := string(letters)
	lx.add(picked, canon)
	// A plural long form names the same thing.
	plural := append(append([]string(nil), picked[:len(picked)-1]...), picked[len(picked)-1]+"s")
	lx.add(plural, canon)
}

var smallWord = map[string]bool{"of": true, "and": true, "for": true, "the": true, "to": true, "as": true, "a": true, "in": true, "on": true}

func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r)) })
}

// An Intent is what kind of answer a question asks for, read from its
// question words. "What is sharding?" and "When should you shard?" share
// their terms but not their intent: related questions, not one.
type Intent uint8

// Intents; a question may have several ("What is X and how do you
// implement it?").
const (
	Define  Intent = 1 << iota // what is, explain, how does X work
	HowTo                      // how do you, implement, design, handling
	When                       // when to, should you, choosing
	Why                        // why, benefits, importance
	Compare                    // difference, vs, pros and cons, trade-offs
	Kinds                      // types, kinds, algorithms: a survey
	// Topic marks a bare subject with no question words ("Database
	// Sharding", "Zero-downtime Deployment"): a heading whose text covers
	// the subject whatever is asked of it.
	Topic
)

// A Question is a question reduced for comparison.
type Question struct {
	Terms   Terms
	Intents Intent
}

// Analyze reduces a question to its content terms and intents.
func (lx *Lexicon) Analyze(q string) Question {
	toks := tokens(foldMojibake(q))
	return Question{Terms: lx.terms(toks), Intents: intents(toks)}
}

var (
	defineWords  = map[string]bool{"explain": true, "describe": true, "define": true, "definition": true, "understanding": true, "overview": true, "introduction": true, "mean": true, "meaning": true, "means": true, "basics": true}
	howToWords   = map[string]bool{"implement": true, "implementing": true, "implementation": true, "design": true, "designing": true, "build": true, "building": true, "handle": true, "handling": true, "prevent": true, "preventing": true, "avoid": true, "avoiding": true, "optimize": true, "optimise": true, "optimizing": true, "reduce": true, "reducing": true, "deploy": true, "deploying": true, "migrate": true, "migrating": true, "secure": true, "securing": true, "protect": true, "protecting": true, "debug": true, "debugging": true, "monitor": true, "monitoring": true, "fix": true, "detect": true, "scale": true, "scaling": true, "set": true, "setup": true, "configure": true, "configuring": true, "store": true, "manage": true, "managing": true, "ensure": true, "track": true, "test": true, "testing": true, "write": true, "identify": true, "invalidate": true, "perform": true, "break": true, "model": true, "instrumenting": true, "eliminate": true, "elimination": true, "practicing": true, "practice": true, "using": true}
	whenWords    = map[string]bool{"when": true, "choosing": true, "choose": true, "should": true, "whether": true, "cases": true}
	whyWords     = map[string]bool{"why": true, "benefit": true, "benefits": true, "advantage": true, "advantages": true, "importance": true, "important": true, "matters": true}
	kindsWords   = map[string]bool{"types": true, "algorithms": true, "kinds": true, "categories": true}
	waysWords    = map[string]bool{"strategies": true, "techniques": true, "approaches": true, "ways": true, "methods": true}
	compareWords = map[string]bool{"difference": true, "differences": true, "differ": true, "vs": true, "versus": true, "compare": true, "comparison": true, "pros": true, "cons": true, "tradeoffs": true, "tradeoff": true, "trade": true, "between": true}
)

// intents reads a question's intents from its question words.
func intents(toks []token) Intent {
	var in Intent
	w := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return strings.ToLower(toks[i].text)
	}
	for i := range toks {
		x := w(i)
		switch {
		case x == "what" && (w(i+1) == "is" || w(i+1) == "are" || w(i+1) == "s") && !strings.HasPrefix(w(i+3), "differ") && !strings.HasPrefix(w(i+2), "differ"):
			in |= Define
		case x == "how" && (w(i+1) == "does" || w(i+1) == "do" && w(i+2) != "you" && w(i+2) != "we" || w(i+1) == "is" || w(i+1) == "are" ||
			w(len(toks)-1) == "work" || w(len(toks)-1) == "works"):
			in |= Define
		case x == "how":
			in |= HowTo
		case defineWords[x]:
			in |= Define
		case whenWords[x]:
			in |= When
		case whyWords[x]:
			in |= Why
		case compareWords[x]:
			in |= Compare
		case kindsWords[x]:
			in |= Kinds
		case waysWords[x]:
			in |= HowTo // cache invalidation strategies: how to invalidate
		case howToWords[x] && (i == 0 || toks[i].first):
			// An imperative or gerund opening: "Design a URL shortener",
			// "Handling exactly-once delivery".
			in |= HowTo
		}
	}
	if in == 0 {
		in = Topic
	}
	return in
}

// compatible reports whether two questions can ask for the same answer:
// they share an intent, or one is a bare subject. A survey of kinds ("the
// types of rate limiting") is its own answer, even beside a shared intent
// ("… rate limiting strategies").
func (a Intent) compatible(b Intent) bool {
	if a&Topic != 0 || b&Topic != 0 {
		return true
	}
	if a&Kinds != b&Kinds {
		return false
	}
	return a&b != 0
}

// QuestionTerms reduces a question to its content terms.
func (lx *Lexicon) QuestionTerms(q string) Terms {
	return lx.terms(tokens(foldMojibake(q)))
}

func (lx *Lexicon) terms(toks []token) Terms {
	// Headings and sentences mix within one question (a heading, then
	// the scenario it asks about), so case is read per sentence.
	titleCase := make([]bool, len(toks))
	for start := 0; start < len(toks); {
		end := start + 1
		for end < len(toks) && toks[end].sentence == toks[start].sentence {
			end++
		}
		tc := isTitleCase(toks[start:end])
		for i := start; i < end; i++ {
			titleCase[i] = tc
		}
		start = end
	}
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t.text)
	}
	aside := asides(toks, lower)
	seen := map[string]int{}
	var out Terms
	example := false // within an example, up to the sentence or parenthesis end
	addTerm := func(stem string, specific, aside bool) {
		t := Term{Stem: stem, Specific: specific && !example, Aside: aside || example, Example: example}
		if k, ok := seen[stem]; ok {
			o := &out[k]
			o.Specific = o.Specific || t.Specific
			o.Aside = o.Aside && t.Aside
			o.Example = o.Example && t.Example
			return
		}
		seen[stem] = len(out)
		out = append(out, t)
	}
	for i := 0; i < len(toks); {
		if example && (toks[i].sentence != toks[i-1].sentence || toks[i].paren != toks[i-1].paren) {
			example = false
		}
		if n := exampleMarker(lower, i); n > 0 {
			// "a broker like Kafka or RabbitMQ", "(e.g. Redis)".
			example = true
			i += n
			continue
		}
		if p, ok := lx.match(lower, i); ok {
			addTerm(p.canon, lx.specific(p.canon), aside[i])
			i += len(p.words)
			continue
		}
		w := lower[i]
		if english.IsStopWord(w) || fluff[w] {
			i++
			continue
		}
		if toks[i].acronym() {
			addTerm(w, true, aside[i]) // CORS is no plural of COR
		} else {
			stem := english.Stem(w, false)
			if syn, ok := stemSynonyms[stem]; ok {
				stem = syn
			}
			addTerm(stem, toks[i].specific(titleCase[i]), aside[i])
		}
		i++
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Stem < out[j].Stem })
	return out
}

// exampleMarker returns the number of words of an example marker at
// words[i] ("like", "such as", "e.g.", "for example", "including"), or 0.
func exampleMarker(words []string, i int) int {
	next := func(k int) string {
		if i+k < len(words) {
			return words[i+k]
		}
		return ""
	}
	switch words[i] {
	case "like", "eg", "including":
		if i > 0 { // "Like" opening a question is no marker
			return 1
		}
	case "such":
		if next(1) == "as" {
			return 2
		}
	case "for":
		if next(1) == "example" || next(1) == "instance" {
			return 2
		}
	}
	return 0
}

// maxSetting is the most words a closing "in …" phrase may have to be
// read as the question's setting ("in a SaaS backend").
const maxSetting = 3

// clauseWords continue a phrase past its setting but are no stop words.
var clauseWords = map[string]bool{"without": true, "within": true, "using": true, "via": true, "across": true, "unless": true, "whereas": true}

// asides marks the tokens of a question that only elaborate it (see
// Term.Aside): those after its first sentence, those in parentheses, and
// a short closing "in …" phrase of the first sentence.
func asides(toks []token, lower []string) []bool {
	out := make([]bool, len(toks))
	end := len(toks) // end of the first sentence
	for i, t := range toks {
		if t.sentence > 0 {
			end = min(end, i)
		}
		out[i] = t.sentence > 0 || t.paren
	}
	for k := end - 1; k > 0; k-- {
		if lower[k] != "in" || toks[k].paren {
			continue
		}
		words, ok := 0, true
		for _, w := range lower[k+1 : end] {
			switch {
			case w == "a" || w == "an" || w == "the":
			case english.IsStopWord(w) || clauseWords[w]:
				ok = false // "in Node.js without blocking the event loop" goes on
			default:
				words++
			}
		}
		if ok && words > 0 && words <= maxSetting {
			for i := k + 1; i < end; i++ {
				out[i] = true
			}
		}
		break
	}
	return out
}

func (lx *Lexicon) match(words []string, i int) (phrase, bool) {
	for _, p := range lx.phrases[words[i]] {
		if i+len(p.words) > len(words) {
			continue
		}
		ok := true
		for k, w := range p.words {
			if words[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return p, true
		}
	}
	return phrase{}, false
}

// A token is a word of a question as written.
type token struct {
	text   string
	joined bool // written with inner dots or slashes: Node.js, HTTP/2, req.params
	first  bool // first word of a sentence
	// sentence counts the sentence ends (. ? ! and line breaks) before
	// the token; a colon or semicolon starts a sentence (first) without
	// ending the question's main clause.
	sentence int
	paren    bool // inside parentheses or brackets
	hyphen   bool // joined by a hyphen to the word before: zero-downtime
}

// acronym reports whether a token is written in capitals and digits
// only, as acronyms are: API, CORS, S3.
func (t token) acronym() bool {
	letters := 0
	for _, r := range t.text {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 2 || letters == 1 && len(t.text) >= 2
}

// specific reports whether a token names something (see Term.Specific).
func (t token) specific(titleCase bool) bool {
	upper, digit := 0, false
	for _, r := range t.text {
		if unicode.IsUpper(r) {
			upper++
		}
		if unicode.IsDigit(r) {
			digit = true
		}
	}
	switch {
	case t.joined || digit || upper >= 2:
		return true
	case upper == 1 && !t.first && !titleCase:
		return true
	}
	return false
}

// tokens splits a question into words. Dots and slashes between letters or
// digits join (Node.js, HTTP/2, CI/CD become nodejs, HTTP2, CICD); a
// trailing + or # stays (C++, C#); everything else separates.
func tokens(s string) []token {
	s = norm.NFKC.String(s)
	rs := []rune(s)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	var out []token
	first, sentence, depth, hyphen := true, 0, 0, false
	for i := 0; i < len(rs); {
		if !isWord(rs[i]) {
			switch rs[i] {
			case '.', '?', '!', '\n':
				if rs[i] == '.' && continuesSentence(rs[i+1:]) {
					break // "vs. Y", "approx. 5"
				}
				if len(out) > 0 && out[len(out)-1].sentence == sentence {
					sentence++
				}
				first = true
			case ':', ';':
				first = true
			case '(', '[':
				depth++
			case ')', ']':
				depth = max(0, depth-1)
			}
			hyphen = rs[i] == '-' && len(out) > 0 && i > 0 && isWord(rs[i-1])
			i++
			continue
		}
		var b strings.Builder
		joined := false
		for i < len(rs) {
			if isWord(rs[i]) {
				b.WriteRune(rs[i])
				i++
				continue
			}
			if (rs[i] == '.' || rs[i] == '/') && i+1 < len(rs) && isWord(rs[i+1]) && b.Len() > 0 {
				joined = true
				i++
				continue
			}
			if (rs[i] == '+' || rs[i] == '#') && b.Len() > 0 {
				for i < len(rs) && (rs[i] == '+' || rs[i] == '#') {
					b.WriteRune(rs[i])
					i++
				}
			}
			break
		}
		out = append(out, token{text: b.String(), joined: joined, first: first,
			sentence: sentence, paren: depth > 0, hyphen: hyphen})
		first, hyphen = false, false
	}
	return out
}

// continuesSentence reports whether the text after a period goes on with
// the same sentence: a lower-case word or a digit follows.
func continuesSentence(rest []rune) bool {
	for _, r := range rest {
		switch {
		case r == ' ' || r == '\t':
			continue
		case unicode.IsLower(r) || unicode.IsDigit(r):
			return true
		}
		return false
	}
	return false
}

// isTitleCase reports whether a question is written in title case, as in
// "What Is CORS in Express and How Does It Work?": capitals then mark
// nothing. Title case capitalises small words mid-sentence ("Is", "And",
// "Does"), which sentence case never does.
func isTitleCase(toks []token) bool {
	words, capped := 0, 0
	for _, t := range toks {
		if t.first || t.joined || t.hyphen || t.acronym() || len(t.text) < 2 {
			continue
		}
		r := []rune(t.text)
		upper := unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1])
		if upper && english.IsStopWord(strings.ToLower(t.text)) {
			return true
		}
		if len(r) >= 4 {
			words++
			if upper {
				capped++
			}
		}
	}
	// Headline style without small words: "Optimistic vs Pessimistic
	// Locking", every longer word capitalised.
	return words >= 2 && capped == words
}
