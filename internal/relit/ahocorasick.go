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
	// The trie, with -1 for a missing edge.
	trie := [][]int32{a.row()}
	a.out = [][]int{nil}
	for id, k := range keywords {
		s := 0
		for i := 0; i < len(k); i++ {
			c := a.class[k[i]]
			if trie[s][c] < 0 {
				trie[s][c] = int32(len(trie))
				trie = append(trie, a.row())
				a.out = append(a.out, nil)
			}
			s = int(trie[s][c])
		}
		a.out[s] = append(a.out[s], id)
	}
	// Breadth first: a state's failure link is the longest proper suffix
	// that is also in the trie; missing edges follow the failure link's.
	fail := make([]int32, len(trie))
	a.next = make([]int32, len(trie)*a.classes)
	queue := make([]int32, 0, len(trie))
	for c := 0; c < a.classes; c++ {
		if t := trie[0][c]; t > 0 {
			a.next[c] = t
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		a.out[s] = append(a.out[s], a.out[fail[s]]...)
		for c := 0; c < a.classes; c++ {
			t := trie[s][c]
			if t < 0 {
				a.next[int(s)*a.classes+c] = a.next[int(fail[s])*a.classes+c]
				continue
			}
			fail[t] = a.next[int(fail[s])*a.classes+c]
			a.next[int(s)*a.classes+c] = t
			queue = append(queue, t)
		}
	}
	a.final = make([]bool, len(a.out))
	for s, o := range a.out {
		a.final[s] = len(o) > 0
	}
	return a
}

func (a *Automaton) row() []int32 {
	r := make([]int32, a.classes)
	for i := range r {
		r[i] = -1
	}
	return r
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
