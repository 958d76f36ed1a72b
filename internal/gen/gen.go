package gen

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Options shape a generated corpus.
type Options struct {
	// Seed picks every random choice; the same seed (and reference files)
	// gives the same bytes.
	Seed uint64
	// Size is the total size of the corpus in bytes, met exactly.
	Size int64
	// FileSize is the mean size of a file; sizes vary from half to one and
	// a half times it.
	FileSize int
	// Damage is the share of lines holding non-ASCII text that are damaged
	// again: their UTF-8 bytes read through a wrong code page.
	Damage float64
	// Repeat is the share of problems that repeat one already written
	// (damaged anew), mostly in another file.
	Repeat float64
	// Legacy is the share of files written in UTF-16 or windows-1252
	// rather than UTF-8.
	Legacy float64
}

// DefaultOptions are the options cmd/canon-gen and the benchmarks use.
func DefaultOptions(size int64) Options {
	return Options{Seed: 1, Size: size, FileSize: 128 << 10, Damage: 0.05, Repeat: 0.25, Legacy: 0.04}
}

// A File is one generated file.
type File struct {
	// Name is a slash-separated relative path: 100 files per directory.
	Name string
	Data []byte
}

// Stats count what a generation made.
type Stats struct {
	Files    int
	Bytes    int64
	Problems int // problems written, repeats included
	Repeats  int
	Reworded int // problems written in a reworded variant
	Damaged  int // lines damaged through a code page
	Legacy   int // files not in UTF-8
}

// family identifies a generated problem: a reference problem and the
// variant of its wording (0: as in the reference).
type family struct {
	ref, chunk, variant int
}

// recent bounds the problems a repeat is drawn from.
const recent = 4096

type generator struct {
	pool  *Pool
	opts  Options
	rng   *rand.Rand
	stats Stats
	// per reference: its problems in shuffled order, the next one, and the
	// variant the current round of them gets.
	order   [][]int
	next    []int
	variant []int
	ring    []family
}

// Generate makes a corpus and hands each file to emit, in order.
func (p *Pool) Generate(opts Options, emit func(File) error) (Stats, error) {
	if opts.FileSize <= 0 {
		opts.FileSize = 128 << 10
	}
	g := &generator{
		pool: p, opts: opts,
		rng:     rand.New(rand.NewPCG(opts.Seed, 0x63616e6f6e)), // "canon"
		order:   make([][]int, len(p.refs)),
		next:    make([]int, len(p.refs)),
		variant: make([]int, len(p.refs)),
	}
	for i, r := range p.refs {
		g.order[i] = g.rng.Perm(len(r.chunks))
	}
	remaining := opts.Size
	var buf bytes.Buffer
	for n := 0; remaining > 0; n++ {
		buf.Reset()
		g.file(&buf, remaining)
		remaining -= int64(buf.Len())
		g.stats.Files++
		g.stats.Bytes += int64(buf.Len())
		name := fmt.Sprintf("%04d/gen-%06d.txt", n/100, n)
		if err := emit(File{Name: name, Data: buf.Bytes()}); err != nil {
			return g.stats, err
		}
	}
	return g.stats, nil
}

// WriteDir generates a corpus into dir (created if needed).
func (p *Pool) WriteDir(dir string, opts Options) (Stats, error) {
	return p.Generate(opts, func(f File) error {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, f.Data, 0o644)
	})
}

// An encoder writes a file's text in its encoding.
type encoder int

const (
	encUTF8 encoder = iota
	encUTF16
	encWindows1252
)

// encode appends s in the file's encoding. windows-1252 writes "?" for a
// character it lacks, as the editors that save such files do.
func (e encoder) encode(dst []byte, s string) []byte {
	switch e {
	case encUTF16:
		for _, u := range utf16.Encode([]rune(s)) {
			dst = append(dst, byte(u), byte(u>>8))
		}
		return dst
	case encWindows1252:
		for _, r := range s {
			b, ok := charmap.Windows1252.EncodeRune(r)
			if !ok {
				b = '?'
			}
			dst = append(dst, b)
		}
		return dst
	}
	return append(dst, s...)
}

// file writes one file of at most remaining bytes into buf. When the next
// problem would overrun remaining, it is cut to fit and the file is the
// last: the corpus meets Size exactly.
func (g *generator) file(buf *bytes.Buffer, remaining int64) {
	target := int64(g.opts.FileSize/2 + g.rng.IntN(g.opts.FileSize+1))
	enc := encUTF8
	// The last file stays UTF-8, so it can be cut and padded to any size.
	if remaining > 2*int64(g.opts.FileSize) && g.rng.Float64() < g.opts.Legacy {
		enc = encUTF16
		if g.rng.IntN(2) == 0 {
			enc = encWindows1252
		}
		g.stats.Legacy++
	}
	var out []byte
	if enc == encUTF16 {
		out = append(out, 0xFF, 0xFE)
	}
	ref := g.rng.IntN(len(g.pool.refs))
	out = enc.encode(out, g.pool.refs[ref].header)
	number := 0
	for int64(len(out)) < target {
		text := g.problem(ref, &number)
		next := enc.encode(nil, text)
		if int64(len(out)+len(next)) > remaining {
			if enc == encUTF8 {
				out = fit(append(out, next...), int(remaining))
			}
			break
		}
		out = append(out, next...)
	}
	if int64(len(out)) > remaining {
		out = fit(out, int(remaining))
	}
	buf.Write(out)
}

// fit cuts UTF-8 text to size bytes at a character boundary and pads it
// with newlines to exactly size bytes.
func fit(b []byte, size int) []byte {
	if len(b) > size {
		n := size
		for n > 0 && !utf8.RuneStart(b[n]) {
			n--
		}
		b = b[:n]
	}
	for len(b) < size {
		b = append(b, '\n')
	}
	return b
}

// problem renders the next problem for a file whose template is ref:
// usually a new one from ref's pool, sometimes a repeat of a recent one.
func (g *generator) problem(ref int, number *int) string {
	var f family
	if len(g.ring) > 0 && g.rng.Float64() < g.opts.Repeat {
		f = g.ring[g.rng.IntN(len(g.ring))]
		g.stats.Repeats++
	} else {
		f = g.fresh(ref)
		if len(g.ring) < recent {
			g.ring = append(g.ring, f)
		} else {
			g.ring[g.rng.IntN(recent)] = f
		}
	}
	g.stats.Problems++
	if f.variant > 0 {
		g.stats.Reworded++
	}
	c := g.pool.refs[f.ref].chunks[f.chunk]
	var b strings.Builder
	b.Grow(c.size())
	b.WriteString(reword(c.before, f.variant))
	if c.numbered {
		*number++
		b.WriteString(strconv.Itoa(*number))
		b.WriteString(reword(c.after, f.variant))
	}
	return g.damage(b.String())
}

// fresh takes the next problem of ref's shuffled pool; when the pool is
// used up it is shuffled again and its next round is reworded anew.
func (g *generator) fresh(ref int) family {
	if g.next[ref] == len(g.order[ref]) {
		g.next[ref] = 0
		g.variant[ref]++
		g.rng.Shuffle(len(g.order[ref]), func(i, j int) {
			g.order[ref][i], g.order[ref][j] = g.order[ref][j], g.order[ref][i]
		})
	}
	f := family{ref: ref, chunk: g.order[ref][g.next[ref]], variant: g.variant[ref]}
	g.next[ref]++
	return f
}

// A damage is one way UTF-8 gets misread.
type damage struct {
	page *charmap.Charmap
	// twice reads the misread text's UTF-8 through the page again.
	twice bool
	// lose drops the characters the page does not define (C1 controls and
	// U+FFFD), as a lenient decoder does.
	lose bool
}

// damages are weighted by repetition: windows-1252 is by far the most
// common wrong reading.
var damages = []damage{
	{page: charmap.Windows1252}, {page: charmap.Windows1252}, {page: charmap.Windows1252},
	{page: charmap.Windows1252, lose: true},
	{page: charmap.Windows1252, twice: true},
	{page: charmap.Windows1254},
	{page: charmap.Windows874},
	{page: charmap.Windows1251},
	{page: charmap.Windows1250},
	{page: charmap.Macintosh},
	{page: charmap.ISO8859_15},
}

// damage misreads a share of the lines of s that hold non-ASCII text.
func (g *generator) damage(s string) string {
	if g.opts.Damage <= 0 {
		return s
	}
	var b strings.Builder
	changed := false
	for rest := s; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		if !ascii(line) && g.rng.Float64() < g.opts.Damage {
			if !changed {
				b.Grow(len(s) + 64)
				b.WriteString(s[:len(s)-len(rest)-len(line)])
				changed = true
			}
			d := damages[g.rng.IntN(len(damages))]
			line = misread(line, d)
			g.stats.Damaged++
		}
		if changed {
			b.WriteString(line)
		}
	}
	if !changed {
		return s
	}
	return b.String()
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// misread reads the UTF-8 bytes of s as d's code page.
func misread(s string, d damage) string {
	read := func(s string) string {
		var b strings.Builder
		b.Grow(len(s) * 2)
		for i := 0; i < len(s); i++ {
			r := d.page.DecodeByte(s[i])
			if d.lose && (r == utf8.RuneError || r >= 0x80 && r < 0xA0) {
				continue
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	out := read(s)
	if d.twice {
		out = read(out)
	}
	return out
}

// rewordRate is the share (in percent) of the longer words a variant
// replaces: enough that variants are different problems to dedupe (their
// answers share few word 3-shingles), few enough that the text still
// reads as the reference's kind of text.
const rewordRate = 30

// stopWords are common longer words a variant keeps, so questions still
// read as questions.
var stopWords = map[string]bool{
	"about": true, "after": true, "before": true, "between": true, "could": true,
	"describe": true, "difference": true, "different": true, "explain": true,
	"other": true, "should": true, "their": true, "there": true, "these": true,
	"those": true, "using": true, "where": true, "which": true, "while": true,
	"would": true, "without": true, "return": true, "function": true, "const": true,
}

// reword replaces about rewordRate percent of the ASCII words of five or
// more letters in s with made-up words, the same way for every occurrence
// of a word in one variant. Variant 0 is s unchanged.
func reword(s string, variant int) string {
	if variant == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	last := 0
	for i := 0; i < len(s); {
		if !isLetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		// Words glued to non-ASCII text or digits are left alone.
		glued := i > 0 && (s[i-1] >= utf8.RuneSelf || isDigit(s[i-1])) || j < len(s) && (s[j] >= utf8.RuneSelf || isDigit(s[j]))
		if w := s[i:j]; j-i >= 5 && !glued {
			lower := strings.ToLower(w)
			if h := wordHash(variant, lower); !stopWords[lower] && h%100 < rewordRate {
				b.WriteString(s[last:i])
				b.WriteString(matchCase(madeUp(h, len(w)), w))
				last = j
			}
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func wordHash(variant int, w string) uint64 {
	h := fnv.New64a()
	var v [8]byte
	for i := range v {
		v[i] = byte(variant >> (8 * i))
	}
	h.Write(v[:])
	h.Write([]byte(w))
	return h.Sum64()
}

// madeUp spells a pronounceable word of about n letters from h.
func madeUp(h uint64, n int) string {
	const cons, vows = "bcdfghjklmnprstvz", "aeiou"
	var b []byte
	x := h / 100
	for len(b) < n {
		b = append(b, cons[x%uint64(len(cons))])
		x /= uint64(len(cons))
		b = append(b, vows[x%uint64(len(vows))])
		x /= uint64(len(vows))
		if x == 0 {
			x = h*0x9E3779B97F4A7C15 + uint64(len(b))
		}
	}
	return string(b)
}

// matchCase gives w's capitalisation (lower, Title or UPPER) to s.
func matchCase(s, w string) string {
	switch {
	case strings.ToUpper(w) == w:
		return strings.ToUpper(s)
	case w[0] >= 'A' && w[0] <= 'Z':
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// ParseSize reads a size such as "1048576", "10MB", "1GB" or "512KiB":
// kB, MB and GB are powers of 1000 (as go test's MB/s), KiB, MiB and GiB
// powers of 1024.
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
	}
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q (want bytes, or a number with kB, MB, GB, KiB, MiB or GiB)", s)
	}
	return int64(n * float64(mult)), nil
}
