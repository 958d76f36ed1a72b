package relit

// An Automaton finds every occurrence of a set of keywords in one pass
// over a text (Aho and Corasick, 1975). The rule engine scans a document
// once for the keywords of every rule, and a rule then looks only at the
// units where its keywords occur, so adding rules adds little scanning
// time; a pattern's literal test uses one for a long list of literals.
//
// The automaton is a full DFA over byte classes: bytes that occur in no
// keyword share class 0, so the table stays small (states × classes).
type Automaton struct {
	class   [256]uint8
	classes int
	next    []int32 // next[state*classes+class]
	out     [][]int // out[state]: the keywords ending at this state
	final   []bool  // final[state]: len(out[state]) > 0
}

// NewAutomaton builds the automaton for keywords (byte strings, matched
// exactly; callers normalise case).
func NewAutomaton(keywords []string) *Automaton {
	a := &Automaton{classes: 1}
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			if a.class[k[i]] == 0 {
				if a.classes == 256 {
					panic("relit: too many byte classes")
				}
				a.class[k[i]] = uint8(a.classes)
				a.classes++
			}
		}
	}
	// The trie, with -1 for a missing edge, in one table of at most one
	// state per keyword byte (a row per state, allocated once: building
	// is part of every run's start-up); the breadth-first pass below
	// turns it into the DFA in place.
	max := 1
	for _, k := range keywords {
		max += len(k)
	}
	C := a.classes
	next := make([]int32, max*C)
	for i := range next[:C] {
		next[i] = -1
	}
	out := make([][]int, 1, max)
	n := 1
	for id, k := range keywords {
		s := 0
		for i := 0; i < len(k); i++ {
			c := int(a.class[k[i]])
			if next[s*C+c] < 0 {
				next[s*C+c] = int32(n)
				for j := range next[n*C : (n+1)*C] {
					next[n*C+j] = -1
				}
				out = append(out, nil)
				n++
			}
			s = int(next[s*C+c])
		}
		out[s] = append(out[s], id)
	}
	a.next, a.out = next[:n*C:n*C], out
	// Breadth first: a state's failure link is the longest proper suffix
	// that is also in the trie; missing edges follow the failure link's.
	// A state's row still holds its trie edges when it is reached, and
	// its failure link's row is already final.
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	for c := 0; c < C; c++ {
		if t := next[c]; t > 0 {
			queue = append(queue, t)
		} else {
			next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		a.out[s] = append(a.out[s], a.out[fail[s]]...)
		row, frow := next[int(s)*C:int(s+1)*C], next[int(fail[s])*C:int(fail[s]+1)*C]
		for c, t := range row {
			if t < 0 {
				row[c] = frow[c]
				continue
			}
			fail[t] = frow[c]
			queue = append(queue, t)
		}
	}
	a.final = make([]bool, len(a.out))
	for s, o := range a.out {
		a.final[s] = len(o) > 0
	}
	return a
}

// Contains reports whether text holds one of the keywords.
func (a *Automaton) Contains(text string) bool {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = a.next[int(s)*a.classes+int(a.class[text[i]])]
		if a.final[s] {
			return true
		}
	}
	return false
}

// Scan calls hit for every keyword occurrence in text, with the offset
// just past its end.
func (a *Automaton) Scan(text string, hit func(keyword, end int)) {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = a.next[int(s)*a.classes+int(a.class[text[i]])]
		if len(a.out[s]) > 0 {
			for _, k := range a.out[s] {
				hit(k, i+1)
			}
		}
	}
}
