package dedupe

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// Shingles hashes every run of k consecutive words of text (fewer when
// the text is shorter) and returns the set, sorted. The words are folded
// first, so markup, punctuation and encoding damage do not count.
func Shingles(text string, k int) []uint64 {
	return shingleWords(Words(text), k)
}

func shingleWords(words []string, k int) []uint64 {
	if len(words) == 0 {
		return nil
	}
	if len(words) < k {
		k = len(words)
	}
	out := make([]uint64, 0, len(words)-k+1)
	h := fnv.New64a()
	for i := 0; i+k <= len(words); i++ {
		h.Reset()
		for _, w := range words[i : i+k] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// A MinHasher computes MinHash signatures: for each of its hash functions,
// the least hash of any shingle. Two sets agree in one position with
// probability equal to their Jaccard index. The functions are fixed, so
// signatures are the same on every run and machine.
type MinHasher struct {
	mul, add []uint64
}

// NewMinHasher returns a MinHasher with n hash functions.
func NewMinHasher(n int) *MinHasher {
	m := &MinHasher{mul: make([]uint64, n), add: make([]uint64, n)}
	state := uint64(0x9E3779B97F4A7C15)
	for i := 0; i < n; i++ {
		m.mul[i] = splitmix(&state) | 1 // odd: a bijection on 64-bit words
		m.add[i] = splitmix(&state)
	}
	return m
}

// Len is the number of hash functions, the length of a signature.
func (m *MinHasher) Len() int { return len(m.mul) }

// Signature returns the MinHash signature of a set of shingle hashes.
// Each function is a multiply-add on the (already well mixed) shingle
// hash, and the top 32 bits of the result are kept.
func (m *MinHasher) Signature(shingles []uint64) []uint32 {
	sig := make([]uint32, len(m.mul))
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, s := range shingles {
		for i, a := range m.mul {
			if v := uint32((s*a + m.add[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

func splitmix(state *uint64) uint64 {
	*state += 0x9E3779B97F4A7C15
	z := *state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// bandKeys hashes each band of rows signature positions into one key,
// prefixed by the band number so equal keys of different bands never meet.
func bandKeys(sig []uint32, rows int) []uint64 {
	n := len(sig) / rows
	keys := make([]uint64, n)
	var buf [4]byte
	h := fnv.New64a()
	for b := 0; b < n; b++ {
		h.Reset()
		binary.LittleEndian.PutUint32(buf[:], uint32(b))
		h.Write(buf[:])
		for _, v := range sig[b*rows : (b+1)*rows] {
			binary.LittleEndian.PutUint32(buf[:], v)
			h.Write(buf[:])
		}
		keys[b] = h.Sum64()
	}
	return keys
}

// CharGrams hashes every run of n consecutive letters and digits of the
// squeezed text and returns the set, sorted. Unlike word shingles they do
// not care where a scrape lost the spaces between words.
func CharGrams(text string, n int) []uint64 { return charGrams(Squeeze(text), n) }

// charGrams is CharGrams of the squeezed text s.
func charGrams(s string, n int) []uint64 {
	// starts holds the byte offset of every rune, and len(s) last: a gram
	// is s[starts[i]:starts[i+n]], hashed in place (FNV-1a over its UTF-8
	// bytes) without building a string per gram.
	starts := make([]int32, 0, len(s)+1)
	for i := range s {
		starts = append(starts, int32(i))
	}
	runes := len(starts)
	if runes == 0 {
		return nil
	}
	starts = append(starts, int32(len(s)))
	if runes < n {
		n = runes
	}
	out := make([]uint64, 0, runes-n+1)
	for i := 0; i+n <= runes; i++ {
		out = append(out, fnv64a(s[starts[i]:starts[i+n]]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fnv64aBytes is fnv64a of b.
func fnv64aBytes(b []byte) uint64 {
	h := uint64(offset64)
	for _, c := range b {
		h ^= uint64(c)
		h *= prime64
	}
	return h
}

// fnv64a is hash/fnv's 64-bit FNV-1a of s, without the hash.Hash64
// interface and the []byte copy its Write needs.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

func fnv64a(s string) uint64 {
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}
