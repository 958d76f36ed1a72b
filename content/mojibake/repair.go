// Package mojibake finds and repairs text that is UTF-8 read through a
// wrong single-byte code page ("ğŸ”¹" for "🔹", "â€™" for "’"), including
// text damaged twice and text whose undefined bytes the wrong decoder
// dropped, replaced with U+FFFD or kept as C1 controls.
//
// Detection works run by run: each maximal run of non-ASCII characters
// that holds a possible UTF-8 lead byte followed by a continuation byte is
// read both as it stands and as mojibake under each code page, and the
// cheaper reading under a small model of text wins (see class.go). What
// the document as a whole shows (the code page its confident repairs use,
// the characters it uses elsewhere) informs the runs that stay close.
// Correct text is never touched unless the mojibake reading is clearly
// better; clean text costs one UTF-8 scan (Suspicious).
package mojibake

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Repair replaces Text[Start:End], which reads as mojibake, with New.
type Repair struct {
	Start, End int
	Old, New   string
	// Page is the code page the UTF-8 bytes were read through; Fallback
	// names the page used for 0x80-0x9F when it differs (003's windows-874
	// with windows-1252).
	Page     string
	Fallback string
	// C1 reports that undefined bytes survived as C1 controls, as an
	// ISO-8859 decoder leaves them.
	C1 bool
	// Twice reports text damaged twice through Page.
	Twice bool
	// Lost lists the bytes the wrong decoder lost that the repair restored.
	Lost []Lost
}

// A Lost byte is one the wrong decoder dropped or replaced with U+FFFD,
// and the character the repair restored in its place.
type Lost struct {
	// At is the byte offset in New of the restored character.
	At int
	// Char is the character chosen; Candidates lists every character the
	// lost byte allows, best first (Candidates[0] == Char).
	Char       rune
	Candidates []rune
	// Certain reports that context decided; Reason says what decided.
	Certain bool
	Reason  string
}

// Certain reports whether every restored byte of the repair is certain.
func (r *Repair) Certain() bool {
	for _, l := range r.Lost {
		if !l.Certain {
			return false
		}
	}
	return true
}

// Explain says what was read as what: `"ğŸ”¹" → "🔹": UTF-8 read as
// windows-1254`.
func (r *Repair) Explain() string {
	return fmt.Sprintf("%q → %q: %s", r.Old, r.New, r.How())
}

// How names the damage: "UTF-8 read as windows-1254".
func (r *Repair) How() string {
	var b strings.Builder
	b.WriteString("UTF-8 read as ")
	b.WriteString(r.Page)
	if r.Fallback != "" {
		fmt.Fprintf(&b, " (%s for 0x80–0x9F)", r.Fallback)
	}
	if r.Twice {
		b.WriteString(", twice")
	}
	if r.C1 {
		b.WriteString(", undefined bytes kept as C1 controls")
	}
	return b.String()
}

// Find returns the repairs of every run of text that reads as mojibake, in
// text order.
func Find(text string) []Repair {
	if !Suspicious(text) {
		return nil
	}
	initInfo()
	d := newDocument(text)
	d.totals = make([]float32, len(pages))
	d.alpha = make([]map[rune]int, len(pages))
	for i := range d.alpha {
		d.alpha[i] = map[rune]int{}
	}
	first := d.analyze(d.params(nil))
	p2 := d.params(first)
	d.totals = nil
	return d.analyze(p2)
}

// Fix returns text with every repair applied, repeated until nothing
// changes (as canon fix re-lints its own output): a repair can give the
// rest of the document the evidence that settles another run.
func Fix(text string) string {
	for round := 0; round < 4; round++ {
		reps := Find(text)
		if len(reps) == 0 {
			break
		}
		text = Apply(text, reps)
	}
	return text
}

// Apply applies repairs (in text order, non-overlapping) to text.
func Apply(text string, repairs []Repair) string {
	if len(repairs) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	prev := 0
	for _, r := range repairs {
		b.WriteString(text[prev:r.Start])
		b.WriteString(r.New)
		prev = r.End
	}
	b.WriteString(text[prev:])
	return b.String()
}

// Suspicious reports whether s may hold mojibake: a character that some
// code page maps to a UTF-8 lead byte directly followed by one that the
// same page maps to a continuation byte. It costs about one UTF-8 scan.
func Suspicious(s string) bool {
	initPages()
	for i := 0; i < len(s); {
		if s[i] < 0x80 {
			i++
			for i+8 <= len(s) && load64(s, i)&0x8080808080808080 == 0 {
				i += 8
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		// Only two non-ASCII characters side by side can be mojibake of
		// one UTF-8 sequence: an isolated one costs no lookup.
		if i >= len(s) || s[i] < 0x80 {
			continue
		}
		if lead := leadOf(r); lead != 0 {
			next, _ := utf8.DecodeRuneInString(s[i:])
			if lead&contOf(next) != 0 {
				return true
			}
		}
	}
	return false
}

// load64 reads 8 bytes of s at i; the compiler makes it one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// A region is a maximal run of non-ASCII characters that may be mojibake.
type region struct {
	start, end  int
	runes       []rune
	offs        []int // byte offset of each rune in the text, and of the end
	left, right rune  // the characters around the run (' ' at the edges)
	pages       uint32
	// cands caches, per page, the UTF-8 readings starting at each rune.
	cands [][][]cand
	// costs are the first pass's costs per page, best the lowest.
	costs []float32
	best  float32
	// quoted: the first pass's reading looked at the region's line, so
	// its costs are its own and the second pass reuses no reading for it.
	quoted bool
}

type document struct {
	text    string
	regions []*region
	// letters counts letters per script over the whole text.
	letters [scOther + 1]int
	// totals, when set, sums per page the cost of every region read
	// through that page (or kept): the document's page is the cheapest.
	// letters counts per page the accented letters of those readings.
	totals []float32
	alpha  []map[rune]int
	// nodes and at are the search's scratch space, reused from region to
	// region (a region's nodes are dead once its repairs are built).
	nodes nodePool
	at    [][]*node
	// rec, when set, records what the first pass's reading of a region
	// adds to totals and alpha (see analyze); quoted reports that the
	// reading looked at the region's line (openQuote), so that it depends
	// on where the region is and cannot be reused.
	rec    *readMemo
	quoted bool
}

// A readMemo is what one pass made of a region: its repairs, relative to
// the region's start, and in the first pass what the region added to the
// document's totals and letters and its per-page costs. Regions with the
// same text between the same neighbours read the same.
type readMemo struct {
	reps    []Repair
	adds    []float32
	letters [][]rune
	costs   []float32
	best    float32
}

// reuseReadings turns the replay of readings on; tests turn it off to
// compare with reading every region.
var reuseReadings = true

type memoKey struct {
	text        string
	left, right rune
}

func newDocument(text string) *document {
	d := &document{text: text}
	// The current run of lead and continuation characters: most runs (a
	// lone é) never pair a lead with a continuation, so a region is only
	// built, from text[start:end], for one that does.
	start := -1
	var mask, prevLead uint32
	// Regions of the same text share their candidate lists, which depend
	// on the text alone.
	cands := map[string][][][]cand{}
	flush := func(end int) {
		if start >= 0 && mask != 0 {
			c := cands[text[start:end]]
			if c == nil {
				c = make([][][]cand, len(pages))
				cands[text[start:end]] = c
			}
			g := &region{start: start, end: end, left: '\n', right: ' ', pages: mask, cands: c}
			if start > 0 {
				g.left, _ = utf8.DecodeLastRuneInString(text[:start])
			}
			if end < len(text) {
				g.right, _ = utf8.DecodeRuneInString(text[end:])
			}
			n := utf8.RuneCountInString(text[start:end])
			g.runes = make([]rune, 0, n)
			g.offs = make([]int, 0, n+1)
			for j := start; j < end; {
				r, size := utf8.DecodeRuneInString(text[j:])
				g.runes = append(g.runes, r)
				g.offs = append(g.offs, j)
				j += size
			}
			g.offs = append(g.offs, end)
			d.regions = append(d.regions, g)
		}
		start, mask, prevLead = -1, 0, 0
	}
	for i := 0; i < len(text); {
		if text[i] < 0x80 {
			// A run of ASCII ends any region; its letters count as Latin.
			flush(i)
			n := 0
			for ; i < len(text) && text[i] < 0x80; i++ {
				if c := text[i] | 0x20; c >= 'a' && c <= 'z' {
					n++
				}
			}
			d.letters[scLatin] += n
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		lead, cont := leadOf(r), contOf(r)
		if in := infoOf(r); isLetterish(in, r) {
			d.letters[in.sc]++
		}
		if lead|cont == 0 && !(r >= 0x80 && r < 0xA0) {
			flush(i)
			i += n
			continue
		}
		if start < 0 {
			start = i
		}
		mask |= prevLead & cont
		prevLead = lead
		i += n
	}
	flush(len(text))
	return d
}

// params are what one pass of analysis knows of the document.
type params struct {
	// enter is the cost of starting a run of repaired characters: the
	// prior improbability of mojibake.
	enter float32
	// pageCost is added per repaired character decoded through each page.
	pageCost [maxPages]float32
	// order is the order pages are tried in; ties go to the earlier.
	order []int
	// usage counts the characters the document uses where it is not
	// damaged, and where it was repaired with certainty.
	usage map[rune]int
	// alphabet is the language alphabet the document's accented letters
	// come from, when it has any.
	alphabet string
}

// params derives the parameters of a pass from the previous pass's
// repairs (nil for the first pass).
func (d *document) params(prev []Repair) *params {
	p := &params{enter: 3, usage: map[rune]int{}}
	for i := range pages {
		p.order = append(p.order, i)
	}
	if prev == nil {
		return p
	}
	confident := 0
	for _, r := range prev {
		if len(r.Lost) == 0 && !r.Twice {
			confident++
		}
	}
	// Characters of the text outside every region.
	prevEnd := 0
	for _, g := range d.regions {
		countUsage(p.usage, d.text[prevEnd:g.start])
		prevEnd = g.end
	}
	countUsage(p.usage, d.text[prevEnd:])
	if confident >= 3 {
		p.enter = 1.5
	}
	// The document's page is the one that makes the whole text cheapest:
	// 002's "â€™" reads the same through windows-1252 and windows-1254,
	// but its "ğŸ”¹" only through windows-1254.
	best := -1
	for i := range d.totals {
		d.totals[i] += alphabetCost(d.alpha[i])
		if best < 0 || d.totals[i] < d.totals[best]-1e-3 {
			best = i
		}
	}
	// The characters the confident repairs through that page give count
	// as used (those through other pages would reinforce themselves).
	for _, r := range prev {
		if len(r.Lost) == 0 && !r.Twice && best >= 0 && pages[best].explains(r.Old, r.New) {
			for _, c := range r.New {
				p.usage[c]++
			}
		}
	}
	if best >= 0 {
		p.alphabet = bestAlphabet(d.alpha[best])
	}
	if best >= 0 && confident > 0 {
		for i := range pages {
			p.pageCost[i] = 2.5
		}
		p.pageCost[best] = 0
		p.order = append([]int{best}, p.order...)
		for i := 1; i < len(p.order); i++ {
			if p.order[i] == best {
				p.order = append(p.order[:i], p.order[i+1:]...)
				break
			}
		}
	}
	return p
}

func countUsage(u map[rune]int, s string) {
	for _, c := range s {
		if c >= 0x80 {
			u[c]++
		}
	}
}

// explains reports whether old is exactly the UTF-8 of new read through
// pg, no byte lost.
func (pg *page) explains(old, new string) bool {
	bs := make([]byte, 0, len(old))
	for _, r := range old {
		b, ok := pg.enc[r]
		if !ok {
			return false
		}
		bs = append(bs, b)
	}
	return string(bs) == new
}

// analyze runs every region through the model. A region whose text and
// neighbours an earlier region had reads the same (unless its reading
// looked at its line), so the earlier reading is replayed: its repairs
// moved, and in the first pass its additions to the totals and letters,
// made at the same point in the same order.
func (d *document) analyze(p *params) []Repair {
	var out []Repair
	memo := map[memoKey]*readMemo{}
	first := d.totals != nil
	for _, g := range d.regions {
		if g.quoted || !reuseReadings {
			out = append(out, d.repairRegion(g, p)...)
			continue
		}
		k := memoKey{d.text[g.start:g.end], g.left, g.right}
		if m := memo[k]; m != nil {
			if first {
				for _, pi := range p.order {
					d.totals[pi] += m.adds[pi]
					for _, r := range m.letters[pi] {
						countLetter(d.alpha[pi], r)
					}
				}
				g.costs, g.best = m.costs, m.best
			}
			for _, r := range m.reps {
				r.Start += g.start
				r.End += g.start
				r.Lost = slices.Clone(r.Lost)
				out = append(out, r)
			}
			continue
		}
		m := &readMemo{}
		if first {
			m.adds = make([]float32, len(pages))
			m.letters = make([][]rune, len(pages))
			d.rec = m
		}
		d.quoted = false
		reps := d.repairRegion(g, p)
		d.rec = nil
		if d.quoted {
			g.quoted = g.quoted || first
		} else {
			m.reps = shift(reps, -g.start)
			if first {
				m.costs, m.best = g.costs, g.best
			}
			memo[k] = m
		}
		out = append(out, reps...)
	}
	return out
}

// repairRegion finds the best reading of one region, then reads the
// result once more in case the text was damaged twice.
func (d *document) repairRegion(g *region, p *params) []Repair {
	reps := d.readRegion(g, p)
	if len(reps) == 0 {
		return nil
	}
	fixed := Apply(d.text[g.start:g.end], shift(reps, -g.start))
	if !Suspicious(fixed) {
		return reps
	}
	inner := newDocument(fixed)
	var again []Repair
	for _, h := range inner.regions {
		if h.start == 0 {
			h.left = g.left
		}
		if h.end == len(fixed) {
			h.right = g.right
		}
		again = append(again, inner.readRegion(h, p)...)
	}
	d.quoted = d.quoted || inner.quoted
	if len(again) == 0 {
		return reps
	}
	twice := Apply(fixed, again)
	// One repair from the first changed character to the last.
	orig := d.text[g.start:g.end]
	pre := commonPrefix(orig, twice)
	suf := commonSuffix(orig[pre:], twice[pre:])
	r := Repair{
		Start: g.start + pre, End: g.end - suf, Old: orig[pre : len(orig)-suf],
		New:  twice[pre : len(twice)-suf],
		Page: reps[0].Page, Fallback: reps[0].Fallback, C1: reps[0].C1, Twice: true,
	}
	if again[0].Page != r.Page {
		r.Page = reps[0].Page + ", then as " + again[0].Page
		r.Twice = false
	}
	for _, x := range append(reps, again...) {
		for _, l := range x.Lost {
			l.At = -1
			r.Lost = append(r.Lost, l)
		}
	}
	return []Repair{r}
}

// commonPrefix returns the length of the longest common prefix of a and b
// that ends on a character boundary.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[n]) {
		n--
	}
	return n
}

// commonSuffix is commonPrefix from the end.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	for n > 0 && n < len(a) && !utf8.RuneStart(a[len(a)-n]) {
		n--
	}
	return n
}

func shift(rs []Repair, by int) []Repair {
	out := make([]Repair, len(rs))
	for i, r := range rs {
		r.Start += by
		r.End += by
		out[i] = r
	}
	return out
}

// A cand is one way to read the characters [from, to) of a region as one
// UTF-8 sequence.
type cand struct {
	from, to int32 // rune indexes in the region
	out      rune
	dropped  int8 // bytes restored where the decoder dropped them
	wild     int8 // bytes restored where the decoder left U+FFFD
	c1       bool
}

func (c *cand) lostCost() float32 { return 2.5*float32(c.dropped) + 1*float32(c.wild) }

// A node is a state of the search: the cheapest reading of a prefix of
// the region that ends in a given character.
type node struct {
	cost float32
	last rune
	dec  bool // the last character was repaired
	back *node
	from int   // rune index where the last token started
	c    *cand // the last token, nil when a character was kept
}

const (
	codeNone = -1
	codeWild = -2
)

// readRegion returns the repairs of the best reading of g.
func (d *document) readRegion(g *region, p *params) []Repair {
	d.nodes.reset()
	var best *node
	bestPage := -1
	var bestCands [][]cand
	keep := textCost(g.left, g.runes, g.right)
	first := d.totals != nil
	if first {
		g.costs = make([]float32, len(pages))
	}
	for _, pi := range p.order {
		if g.pages&(1<<pi) == 0 {
			if first {
				d.totals[pi] += keep
				if d.rec != nil {
					d.rec.adds[pi] = keep
				}
			}
			continue
		}
		// The second pass reads a region only through the pages that came
		// close in the first.
		if !first && g.costs != nil && g.costs[pi] > g.best+4 && p.pageCost[pi] > 0 {
			continue
		}
		if g.cands[pi] == nil {
			g.cands[pi] = candidates(g, pages[pi])
		}
		cands := g.cands[pi]
		end := d.search(g, cands, p.pageCost[pi], p)
		if first {
			d.totals[pi] += min(keep, end.cost)
			for n := end; n != nil && n.back != nil; n = n.back {
				countLetter(d.alpha[pi], n.last)
			}
			if d.rec != nil {
				d.rec.adds[pi] = min(keep, end.cost)
				for n := end; n != nil && n.back != nil; n = n.back {
					d.rec.letters[pi] = append(d.rec.letters[pi], n.last)
				}
			}
			g.costs[pi] = end.cost
			if best == nil || end.cost < g.best {
				g.best = end.cost
			}
		}
		if end != nil && (best == nil || end.cost < best.cost-1e-4) {
			best, bestPage, bestCands = end, pi, cands
		}
	}
	if best == nil {
		return nil
	}
	if r, ok := d.readTwice(g, p, best.cost+residue(best, bestPage)); ok {
		return []Repair{r}
	}
	var path []*node
	for n := best; n != nil && n.back != nil; n = n.back {
		path = append(path, n)
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	pg := pages[bestPage]
	var reps []Repair
	for i := 0; i < len(path); i++ {
		if path[i].c == nil {
			continue
		}
		j := i
		for j+1 < len(path) && path[j+1].c != nil {
			j++
		}
		start, end := g.offs[path[i].from], g.offs[path[j].c.to]
		r := Repair{Start: start, End: end, Old: d.text[start:end], Page: pg.name}
		var nb strings.Builder
		for k := i; k <= j; k++ {
			c := path[k].c
			if c.c1 {
				r.C1 = true
			}
			if pg.fallback != "" && usesFallback(g.runes[c.from:c.to], pg) {
				r.Fallback = pg.fallback
			}
			if c.dropped+c.wild > 0 {
				prev, next := g.left, g.right
				if k > 0 {
					prev = path[k-1].last
				}
				if k+1 < len(path) {
					next = path[k+1].last
				}
				r.Lost = append(r.Lost, d.lostChoice(g, bestCands[c.from], c, prev, next, nb.Len(), pg, p))
			}
			nb.WriteRune(c.out)
		}
		r.New = nb.String()
		if r.C1 {
			r.Page, r.C1 = isoName(r.Page, r.Old, pg)
		}
		reps = append(reps, r)
		i = j
	}
	return reps
}

// residue is a penalty for each pair of characters a reading leaves that
// still reads as UTF-8 through its page: a reading that explains the whole
// run is preferred.
func residue(end *node, pi int) float32 {
	var out []rune
	for n := end; n != nil && n.back != nil; n = n.back {
		out = append(out, n.last)
	}
	var c float32
	for i := len(out) - 1; i > 0; i-- {
		if leadOf(out[i])&contOf(out[i-1])&(1<<pi) != 0 {
			c += 2
		}
	}
	return c
}

// Cost scores how unlike real text s reads under the repair's model of
// text: lower is more plausible. Legacy decoding uses it to choose the
// code page whose reading of a file looks most like text.
func Cost(s string) float64 {
	initPages()
	rs := []rune(s)
	c := textCost(' ', rs, ' ')
	for _, r := range rs {
		c += freqAdj[r]
	}
	return float64(c)
}

// textCost is the cost of rs as it stands between left and right.
func textCost(left rune, rs []rune, right rune) float32 {
	var c float32
	prev := left
	for _, r := range rs {
		c += unigram(r) + bigram(prev, r)
		prev = r
	}
	return c + bigram(prev, right)
}

// exactDecode reads rs as UTF-8 read through pg with no byte lost.
func exactDecode(rs []rune, pg *page) ([]rune, bool) {
	bs := make([]byte, 0, len(rs))
	for _, r := range rs {
		b, ok := pg.enc[r]
		if !ok {
			return nil, false
		}
		bs = append(bs, b)
	}
	if !utf8.Valid(bs) {
		return nil, false
	}
	return []rune(string(bs)), true
}

// readTwice reads the whole region as UTF-8 damaged twice, and returns
// that repair when it beats the best single reading (cost).
func (d *document) readTwice(g *region, p *params, cost float32) (Repair, bool) {
	for _, p1 := range p.order {
		if g.pages&(1<<p1) == 0 {
			continue
		}
		once, ok := exactDecode(g.runes, pages[p1])
		if !ok || !Suspicious(string(once)) {
			continue
		}
		for _, p2 := range p.order {
			twice, ok := exactDecode(once, pages[p2])
			if !ok {
				continue
			}
			c := textCost(g.left, twice, g.right) + 2*p.enter + p.pageCost[p1] + p.pageCost[p2]
			if c >= cost-0.5 {
				continue
			}
			r := Repair{Start: g.start, End: g.end, Old: d.text[g.start:g.end], New: string(twice),
				Page: pages[p1].name, Twice: true}
			if p2 != p1 {
				r.Page += ", then as " + pages[p2].name
				r.Twice = false
			}
			return r, true
		}
	}
	return Repair{}, false
}

// usesFallback reports whether rs uses a character of pg's fallback page.
func usesFallback(rs []rune, pg *page) bool {
	for _, r := range rs {
		if b, ok := pg.enc[r]; ok && b < 0xA0 && pg.dec[b-0x80] == r && r >= 0xA0 {
			// Defined by the page itself only at 0x80, 0x85 and 0x91-0x97
			// for windows-874; the rest came from the fallback.
			if !native874(b) {
				return true
			}
		}
	}
	return false
}

// isoName names the ISO-8859 page that a windows page with C1 controls
// kept amounts to, when old uses none of the characters the windows page
// adds at 0x80-0x9F.
func isoName(name, old string, pg *page) (string, bool) {
	iso := map[string]string{"windows-1252": "ISO-8859-1", "windows-1254": "ISO-8859-9"}[name]
	if iso == "" {
		return name, true
	}
	for _, r := range old {
		if b, ok := pg.enc[r]; ok && b >= 0x80 && b < 0xA0 && r >= 0xA0 {
			return name, true
		}
	}
	return iso, false
}

func native874(b byte) bool { return b == 0x80 || b == 0x85 || b >= 0x91 && b <= 0x97 }

// candidates lists, for each rune index of g, the ways a UTF-8 sequence
// starting there can be read under page pg.
func candidates(g *region, pg *page) [][]cand {
	n := len(g.runes)
	code := make([]int, n)
	for i, r := range g.runes {
		switch b, ok := pg.enc[r]; {
		case ok:
			code[i] = int(b)
		case r == 0xFFFD && len(pg.lost) > 0:
			code[i] = codeWild
		default:
			code[i] = codeNone
		}
	}
	out := make([][]cand, n)
	for i := 0; i < n; i++ {
		if code[i] < 0 {
			continue
		}
		need := seqLen(byte(code[i])) - 1
		if need <= 0 {
			continue
		}
		var slots []int
		c1 := false
		j := i + 1
		for j < n && len(slots) < need && (code[j] == codeWild || code[j] >= 0x80 && code[j] < 0xC0) {
			slots = append(slots, code[j])
			if g.runes[j] >= 0x80 && g.runes[j] < 0xA0 {
				c1 = true
			}
			j++
		}
		missing := need - len(slots)
		if missing > 0 && (len(pg.lost) == 0 || missing > 2 || need >= 2 && len(slots) == 0) {
			continue
		}
		var list []cand
		add := func(bs []byte, dropped, wild int) {
			r, size := utf8.DecodeRune(bs)
			if r == utf8.RuneError || size != len(bs) {
				return
			}
			if unigram(r) >= 11 {
				return
			}
			c := cand{from: int32(i), to: int32(j), out: r, dropped: int8(dropped), wild: int8(wild), c1: c1}
			for k := range list {
				if list[k].out == r {
					if c.lostCost() < list[k].lostCost() {
						list[k] = c
					}
					return
				}
			}
			list = append(list, c)
		}
		lead := byte(code[i])
		if missing == 0 && !slices.Contains(slots, codeWild) {
			// Every byte present: the one sequence fill would give.
			var bs [utf8.UTFMax]byte
			bs[0] = lead
			for k, b := range slots {
				bs[1+k] = byte(b)
			}
			add(bs[:1+need], 0, 0)
			out[i] = list
			continue
		}
		// Place the present bytes in order among need slots, the missing
		// ones filled with each byte the page loses.
		forPlacements(need, missing, func(gaps []bool) {
			fill(lead, slots, gaps, pg.lost, add)
		})
		out[i] = list
	}
	return out
}

// forPlacements calls f with every way of choosing missing of need slots.
func forPlacements(need, missing int, f func(gaps []bool)) {
	gaps := make([]bool, need)
	var rec func(pos, left int)
	rec = func(pos, left int) {
		if pos == need {
			if left == 0 {
				f(gaps)
			}
			return
		}
		if left > 0 {
			gaps[pos] = true
			rec(pos+1, left-1)
			gaps[pos] = false
		}
		if need-pos > left {
			rec(pos+1, left)
		}
	}
	rec(0, missing)
}

// fill enumerates the byte sequences lead + slots with gaps (dropped
// bytes) and wildcards (U+FFFD) filled from lost.
func fill(lead byte, slots []int, gaps []bool, lost []byte, add func([]byte, int, int)) {
	bs := make([]byte, 1+len(gaps))
	bs[0] = lead
	var rec func(k, si, dropped, wild int)
	rec = func(k, si, dropped, wild int) {
		if k == len(gaps) {
			add(bs, dropped, wild)
			return
		}
		if gaps[k] || slots[si] == codeWild {
			nsi := si
			if !gaps[k] {
				nsi++
			}
			for _, b := range lost {
				bs[1+k] = b
				if gaps[k] {
					rec(k+1, nsi, dropped+1, wild)
				} else {
					rec(k+1, nsi, dropped, wild+1)
				}
			}
			return
		}
		bs[1+k] = byte(slots[si])
		rec(k+1, si+1, dropped, wild)
	}
	rec(0, 0, 0, 0)
}

// nodePool hands out search nodes from chunks that are never grown in
// place, so pointers into them stay valid; reset recycles them once a
// region's reading is settled.
type nodePool struct {
	chunks [][]node
	ci, ni int // the chunk and index of the next free node
}

func (p *nodePool) reset() { p.ci, p.ni = 0, 0 }

func (p *nodePool) add(nd node) *node {
	for p.ci < len(p.chunks) && p.ni == len(p.chunks[p.ci]) {
		p.ci, p.ni = p.ci+1, 0
	}
	if p.ci == len(p.chunks) {
		p.chunks = append(p.chunks, make([]node, 64<<min(len(p.chunks), 10)))
	}
	x := &p.chunks[p.ci][p.ni]
	*x = nd
	p.ni++
	return x
}

// maxNodes bounds the states kept per position.
const maxNodes = 24

// search finds the cheapest reading of g under one page.
func (d *document) search(g *region, cands [][]cand, pageCost float32, p *params) *node {
	n := len(g.runes)
	if cap(d.at) < n+1 {
		d.at = make([][]*node, n+1)
	}
	at := d.at[:n+1]
	for i := range at {
		at[i] = at[i][:0]
	}
	at[0] = append(at[0], d.nodes.add(node{last: g.left}))
	push := func(pos int, nd node) {
		for _, o := range at[pos] {
			if o.last == nd.last && o.dec == nd.dec {
				if nd.cost < o.cost {
					*o = nd
				}
				return
			}
		}
		at[pos] = append(at[pos], d.nodes.add(nd))
	}
	for i := 0; i < n; i++ {
		nodes := at[i]
		if len(nodes) > maxNodes {
			sort.Slice(nodes, func(a, b int) bool { return nodes[a].cost < nodes[b].cost })
			nodes = nodes[:maxNodes]
		}
		for _, s := range nodes {
			r := g.runes[i]
			push(i+1, node{cost: s.cost + unigram(r) + bigram(s.last, r), last: r, back: s, from: i})
			for k := range cands[i] {
				c := &cands[i][k]
				cost := s.cost + unigram(c.out) + bigram(s.last, c.out) + c.lostCost() + pageCost
				if c.dropped+c.wild > 0 {
					cost += d.context(g, c, pages[0], p)
				} else if p.usage[c.out] >= 2 {
					cost -= 1 // the document uses the character elsewhere
				}
				if !s.dec {
					cost += p.enter
				}
				push(int(c.to), node{cost: cost, last: c.out, dec: true, back: s, from: i, c: c})
			}
		}
	}
	var best *node
	for _, s := range at[n] {
		total := s.cost + bigram(s.last, g.right)
		if best == nil || total < best.cost {
			best = &node{cost: total, last: s.last, back: s.back, from: s.from, c: s.c, dec: s.dec}
		}
	}
	return best
}

// context is the cost adjustment for a restored character from what the
// rest of the document shows.
func (d *document) context(g *region, c *cand, pg *page, p *params) float32 {
	var adj float32
	if n := p.usage[c.out]; n > 0 {
		adj -= 1.5
		if n > 2 {
			adj -= 0.5
		}
	}
	if c.out == '”' && d.openQuote(g.offs[c.from]) {
		adj -= 3
	}
	// Of two accented letters, the one of the document's language.
	if p.alphabet != "" && c.out >= 0xC0 && c.out < 0x250 && infoOf(c.out).cls == clsLetter {
		if strings.ContainsRune(p.alphabet, unicode.ToLower(c.out)) {
			adj -= 1.5
		} else {
			adj += 1
		}
	}
	return adj
}

// openQuote reports whether the line before off opens a double quotation
// (“, or its mojibake) that it does not close.
func (d *document) openQuote(off int) bool {
	d.quoted = true
	start := strings.LastIndexByte(d.text[:off], '\n') + 1
	line := d.text[start:off]
	open := strings.Count(line, "“")
	seen := map[string]bool{}
	for _, pg := range pages {
		if m := pg.mojibakeOf("“"); m != "" && !seen[m] {
			seen[m] = true
			open += strings.Count(line, m)
		}
	}
	closed := strings.Count(line, "”")
	return open > closed
}

// lostChoice ranks the candidates for a restored byte in the context the
// search chose, and says whether and why the choice is certain.
func (d *document) lostChoice(g *region, list []cand, chosen *cand, prev, next rune, at int, pg *page, p *params) Lost {
	type scored struct {
		r    rune
		cost float32
	}
	var alts []scored
	for k := range list {
		c := &list[k]
		if c.to != chosen.to {
			continue
		}
		cost := unigram(c.out) + bigram(prev, c.out) + bigram(c.out, next) + c.lostCost() + d.context(g, c, pg, p)
		alts = append(alts, scored{c.out, cost})
	}
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].cost < alts[j].cost })
	l := Lost{At: at, Char: chosen.out}
	var bestCost float32
	for _, a := range alts {
		if a.r == chosen.out {
			bestCost = a.cost
		}
	}
	l.Candidates = append(l.Candidates, chosen.out)
	gap := float32(99)
	for _, a := range alts {
		if a.r == chosen.out {
			continue
		}
		if a.cost-bestCost < gap {
			gap = a.cost - bestCost
		}
		if a.cost-bestCost < 5 && len(l.Candidates) < 6 {
			l.Candidates = append(l.Candidates, a.r)
		}
	}
	l.Certain = gap >= 2.5
	l.Reason = reason(chosen, prev, next, d, g, p, l.Certain)
	return l
}

// reason says what decided a restored character.
func reason(c *cand, prev, next rune, d *document, g *region, p *params, certain bool) string {
	switch {
	case c.out == 0xFE0F && emojiKind(prev) > 0:
		return "variation selector after an emoji"
	case c.out == 0xFE0F && isKeycapBase(prev):
		return "variation selector of a keycap"
	case c.out == 0x200D:
		return "zero-width joiner between emoji"
	case c.out == '”' && d.openQuote(g.offs[c.from]):
		return "closes the quotation opened before it"
	case infoOf(c.out).cls == clsBox && (bigram(prev, c.out) < 0 || bigram(c.out, next) < 0):
		return "box-drawing lines continue through it"
	case p.usage[c.out] > 0:
		return "the document uses it elsewhere"
	case certain:
		return "the only likely character among the candidates"
	}
	return "most frequent candidate"
}
