package prose

import "sort"

// A piece maps the output bytes from out up to the next piece's out to
// document text: output byte out+k came from [src+k, src+k+1) when end
// is ident (a run copied or lower-cased byte for byte, most of any text),
// and every byte from [src, end) otherwise (a rewritten rune, a collapsed
// space, a table header). A map of pieces costs 12 bytes per run instead
// of eight per output byte.
type piece struct {
	out, src, end int32
}

// ident marks a piece that maps byte for byte.
const ident = -1

// offsets maps every byte of a normalised text to the document span it
// was written from.
type offsets []piece

// at returns the document span output byte k came from.
func (o offsets) at(k int) (start, end int32) {
	i := len(o) - 1
	if int(o[i].out) > k {
		i = sort.Search(len(o), func(i int) bool { return int(o[i].out) > k }) - 1
	}
	p := &o[i]
	if p.end == ident {
		s := p.src + int32(k) - p.out
		return s, s + 1
	}
	return p.src, p.end
}

// add records that output byte n (the last so far) came from
// [start, end), extending the last piece when it maps n the same way.
func (o *offsets) add(n, start, end int) {
	if l := len(*o); l > 0 {
		p := &(*o)[l-1]
		if p.end == ident {
			if end == start+1 && int(p.src)+n-int(p.out) == start {
				return
			}
		} else if int(p.src) == start && int(p.end) == end {
			return
		}
	}
	if end == start+1 {
		end = ident
	}
	*o = append(*o, piece{out: int32(n), src: int32(start), end: int32(end)})
}

// addRun records that output bytes n, n+1, … came from start, start+1, ….
func (o *offsets) addRun(n, start int) {
	if l := len(*o); l > 0 {
		if p := &(*o)[l-1]; p.end == ident && int(p.src)+n-int(p.out) == start {
			return
		}
	}
	*o = append(*o, piece{out: int32(n), src: int32(start), end: ident})
}

// truncate drops the pieces of output bytes n and later.
func (o *offsets) truncate(n int) {
	for l := len(*o); l > 0 && int((*o)[l-1].out) >= n; l-- {
		*o = (*o)[:l-1]
	}
}

// set maps output bytes n and later (up to the end of the output) to
// [start, end).
func (o *offsets) set(n, start, end int) {
	o.truncate(n)
	*o = append(*o, piece{out: int32(n), src: int32(start), end: int32(end)})
}
