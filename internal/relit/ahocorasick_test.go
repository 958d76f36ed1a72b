package relit

import (
	"math/rand"
	"reflect"
	"testing"
)

// newAutomatonRef is the first, row-per-state construction of
// NewAutomaton, kept to check that the single-table one builds the same
// tables.
func newAutomatonRef(keywords []string) *Automaton {
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
	trie := [][]int32{refRow(a.classes)}
	a.out = [][]int{nil}
	for id, k := range keywords {
		s := 0
		for i := 0; i < len(k); i++ {
			c := a.class[k[i]]
			if trie[s][c] < 0 {
				trie[s][c] = int32(len(trie))
				trie = append(trie, refRow(a.classes))
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

func refRow(classes int) []int32 {
	r := make([]int32, classes)
	for i := range r {
		r[i] = -1
	}
	return r
}

// TestAutomatonTables checks that NewAutomaton builds the tables the
// reference construction builds, on random keyword sets over small
// alphabets (many shared prefixes and suffixes) and on empty ones.
func TestAutomatonTables(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	sets := [][]string{nil, {"a"}, {"he", "she", "his", "hers"}, {"a", "a", "ab", "b"}}
	for i := 0; i < 300; i++ {
		alpha := "abcde ."[:2+rng.Intn(5)]
		var set []string
		for j := rng.Intn(40); j >= 0; j-- {
			b := make([]byte, 1+rng.Intn(8))
			for k := range b {
				b[k] = alpha[rng.Intn(len(alpha))]
			}
			set = append(set, string(b))
		}
		sets = append(sets, set)
	}
	for _, set := range sets {
		got, want := NewAutomaton(set), newAutomatonRef(set)
		if got.class != want.class || got.classes != want.classes || !reflect.DeepEqual(got.next, want.next) ||
			!reflect.DeepEqual(got.final, want.final) || len(got.out) != len(want.out) {
			t.Fatalf("%q: tables differ", set)
		}
		for s := range got.out {
			if len(got.out[s]) != len(want.out[s]) || len(got.out[s]) > 0 && !reflect.DeepEqual(got.out[s], want.out[s]) {
				t.Fatalf("%q: out[%d] = %v, want %v", set, s, got.out[s], want.out[s])
			}
		}
	}
}

func BenchmarkNewAutomaton(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var set []string
	for i := 0; i < 150; i++ {
		w := make([]byte, 4+rng.Intn(10))
		for k := range w {
			w[k] = "abcdefghijklmnopqrstuvwxyz "[rng.Intn(27)]
		}
		set = append(set, string(w))
	}
	b.Run("table", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewAutomaton(set)
		}
	})
	b.Run("rows", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			newAutomatonRef(set)
		}
	})
}
