package dedupe

import (
	"crypto/sha256"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Fold normalises text for comparison: encoding damage that survived
// repair is undone where that is certain, compatibility forms are unified
// (NFKC) and letters are lower-cased. It is used only to build keys; the
// text shown to readers is never folded.
func Fold(s string) string {
	return strings.ToLower(norm.NFKC.String(foldMojibake(s)))
}

// mojibakeCharmaps are the code pages UTF-8 is most often misread
// through, tried in order when undoing mojibake.
var mojibakeCharmaps = []*charmap.Charmap{
	charmap.Windows1252,
	charmap.Windows874,
	charmap.Windows1250,
	charmap.Windows1251,
	charmap.ISO8859_1,
}

// foldMojibake undoes UTF-8 that was decoded through a legacy code page
// ("â€™" for "’"). Each run of non-ASCII characters is encoded back
// through each code page in turn; a run whose bytes then form valid UTF-8
// of fewer characters is replaced by that text. Genuine accented text
// almost never re-encodes to valid multi-byte UTF-8, so it is left alone.
func foldMojibake(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= utf8.RuneSelf {
			_, n := utf8.DecodeRuneInString(s[j:])
			j += n
		}
		run := s[i:j]
		if fixed, ok := unMojibake(run); ok {
			b.WriteString(fixed)
			changed = true
		} else {
			b.WriteString(run)
		}
		i = j
	}
	if !changed {
		return s
	}
	return b.String()
}

func unMojibake(run string) (string, bool) {
	n := utf8.RuneCountInString(run)
	if n < 2 {
		return "", false
	}
	buf := make([]byte, 0, n)
	for _, cm := range mojibakeCharmaps {
		buf = buf[:0]
		ok := true
		for _, r := range run {
			c, found := cm.EncodeRune(r)
			if !found {
				// Decoders that read bytes a code page leaves undefined
				// as Windows-1252 mix the two; so must the reversal.
				c, found = charmap.Windows1252.EncodeRune(r)
			}
			if !found {
				ok = false
				break
			}
			buf = append(buf, c)
		}
		if ok && utf8.Valid(buf) && utf8.RuneCount(buf) < n {
			return string(buf), true
		}
	}
	return "", false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Words splits folded text into maximal runs of letters and digits.
// Markup, punctuation, symbols and emoji separate words and are dropped.
func Words(s string) []string {
	f := getFolding(false)
	defer putFolding(f)
	f.fold(s, false)
	if len(f.words) == 0 {
		return nil
	}
	text := string(f.text)
	out := make([]string, 0, len(f.words)/2)
	for k := 0; k < len(f.words); k += 2 {
		out = append(out, text[f.words[k]:f.words[k+1]])
	}
	return out
}

// FoldWords gives, from one fold of s, what Squeeze(s) and Words(s) do:
// the squeezed text, and a hash of each word in order (as many as Words
// returns), of which WordSet makes Shingles(s, 1).
func FoldWords(s string) (squeezed string, words []uint64) {
	f := getFolding(true)
	defer putFolding(f)
	f.fold(s, false)
	if len(f.words) > 0 {
		words = make([]uint64, 0, len(f.words)/2)
		for k := 0; k < len(f.words); k += 2 {
			words = append(words, fnv64aBytes(f.text[f.words[k]:f.words[k+1]])*prime64)
		}
	}
	return string(f.sq), words
}

// wordHash is the hash shingleWords gives a one-word shingle: FNV-1a of
// the word and a zero byte.
func wordHash(w string) uint64 { return fnv64a(w) * prime64 }

// WordSet sorts the word hashes FoldWords returns and drops repeats, in
// place: the set Shingles(s, 1) returns (nil for no words).
func WordSet(words []uint64) []uint64 {
	if len(words) == 0 {
		return nil
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// Squeeze is the exact-tier form of a text: its letters and digits alone,
// folded. Two texts that differ only in whitespace, markup, punctuation,
// emoji or repairable encoding damage squeeze to the same string, even
// where a scrape lost the spaces around inline code ("fromsetTimeout()").
func Squeeze(s string) string {
	f := getFolding(true)
	defer putFolding(f)
	f.fold(s, false)
	return string(f.sq)
}

// SqueezeParts is Squeeze(strings.Join(parts, "\n\n")), without the join.
func SqueezeParts(parts []string) string {
	f := getFolding(true)
	defer putFolding(f)
	f.foldParts(parts)
	return string(f.sq)
}

// A folding is a text folded (Fold, after list markers are stripped) and
// split into words. It is made line by line: stripListMarkers works within
// lines, and so does Fold (mojibake runs are runs of non-ASCII bytes, a
// line break composes with nothing and lower-casing is per rune), so a
// line of ASCII is folded by lower-casing it, without Fold's passes and
// allocations. Reference implementations of Words and Squeeze on the whole
// text are kept in the tests and compared with these (TestFolding,
// FuzzFolding).
type folding struct {
	text    []byte  // the folded text
	words   []int32 // start and end in text of each word
	squeeze bool    // whether to fill sq
	sq      []byte  // the folded letters and digits alone
}

var foldings sync.Pool

func getFolding(squeeze bool) *folding {
	f, _ := foldings.Get().(*folding)
	if f == nil {
		f = new(folding)
	}
	f.text, f.words, f.sq = f.text[:0], f.words[:0], f.sq[:0]
	f.squeeze = squeeze
	return f
}

// maxPooled bounds the buffers kept for reuse.
const maxPooled = 1 << 20

func putFolding(f *folding) {
	if cap(f.text) <= maxPooled && cap(f.sq) <= maxPooled {
		foldings.Put(f)
	}
}

// digest is the SHA-256 of the words concatenated (what
// strings.Join(Words(s), "") gives).
func (f *folding) digest() [32]byte {
	buf := f.sq[:0]
	for k := 0; k < len(f.words); k += 2 {
		buf = append(buf, f.text[f.words[k]:f.words[k+1]]...)
	}
	f.sq = buf
	return sha256.Sum256(buf)
}

// shingles is shingleWords of the words: each run of k words hashed
// (FNV-1a of the words, each followed by a zero byte), sorted, without
// repeats; nil for no words.
func (f *folding) shingles(k int) []uint64 {
	n := len(f.words) / 2
	if n == 0 {
		return nil
	}
	k = min(k, n)
	out := make([]uint64, 0, n-k+1)
	for i := 0; i+k <= n; i++ {
		h := uint64(offset64)
		for w := range slices.Chunk(f.words[2*i:2*(i+k)], 2) {
			for _, c := range f.text[w[0]:w[1]] {
				h ^= uint64(c)
				h *= prime64
			}
			h *= prime64 // the zero byte
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// foldParts folds the parts as if joined by blank lines.
func (f *folding) foldParts(parts []string) {
	for k, p := range parts {
		f.fold(p, k < len(parts)-1)
	}
}

// fold folds s into f, after what f holds; nl tells that a line break
// follows s (which matters to a list marker ending its last line).
func (f *folding) fold(s string, nl bool) {
	for len(s) > 0 {
		line, last := s, true
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, last = s[:i+1], false
		}
		s = s[len(line):]
		line = stripListMarker(line, nl && last)
		if isASCII(line) {
			f.ascii(line)
		} else {
			f.unicode(Fold(line))
		}
	}
}

// ascii adds a line of ASCII: folding it only lower-cases it, and its
// letters and digits are a-z and 0-9.
func (f *folding) ascii(line string) {
	start := -1
	for i := 0; i < len(line); i++ {
		c := line[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if start < 0 {
				start = len(f.text)
			}
			if f.squeeze {
				f.sq = append(f.sq, c)
			}
		} else if start >= 0 {
			f.words = append(f.words, int32(start), int32(len(f.text)))
			start = -1
		}
		f.text = append(f.text, c)
	}
	if start >= 0 {
		f.words = append(f.words, int32(start), int32(len(f.text)))
	}
}

// unicode adds a folded line: words are runs of letters, digits and
// nonspacing marks; the squeezed text keeps letters and digits.
func (f *folding) unicode(s string) {
	base := len(f.text)
	f.text = append(f.text, s...)
	start := -1
	for i, r := range s {
		ld := unicode.IsLetter(r) || unicode.IsDigit(r)
		if ld && f.squeeze {
			f.sq = utf8.AppendRune(f.sq, r)
		}
		if ld || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = base + i
			}
			continue
		}
		if start >= 0 {
			f.words = append(f.words, int32(start), int32(base+i))
			start = -1
		}
	}
	if start >= 0 {
		f.words = append(f.words, int32(start), int32(len(f.text)))
	}
}

// stripListMarker drops the marker that opens a list item ("- ", "* ",
// "1. ", "2) ", "• ") from one line, and the indentation before it:
// markup, and the numbers of an ordered list would otherwise read as
// words that a copy which lost its list does not have. nl tells that a
// line break follows a line that does not end with one (the last line of
// one of several parts): a marker ending the line is then not followed by
// a space and stays, as it does in the joined text.
func stripListMarker(l string, nl bool) string {
	t := strings.TrimLeft(l, " \t")
	size := len(t) // with the line break that follows when nl
	if nl {
		size++
	}
	at := func(i int) byte {
		if i < len(t) {
			return t[i]
		}
		return '\n'
	}
	n := 0
	switch {
	case strings.HasPrefix(t, "•"):
		n = len("•")
	case len(t) > 0 && (t[0] == '-' || t[0] == '*' || t[0] == '+'):
		n = 1
	default:
		for n < len(t) && n < 3 && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n == 0 || n >= size || at(n) != '.' && at(n) != ')' {
			return l
		}
		n++
	}
	if n < size && at(n) != ' ' && at(n) != '\t' {
		return l
	}
	return t[n:]
}

// QuestionKey normalises a question for identity: folded, letters and
// digits only, single spaces. It depends on nothing but the question, so
// identifiers derived from it are stable whatever else is built with it.
func QuestionKey(q string) string {
	return strings.Join(Words(q), " ")
}
