package dedupe

import (
	"slices"
	"strings"
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
	s = Fold(stripListMarkers(s))
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// FoldWords gives, from one fold of s, what Squeeze(s) and Words(s) do:
// the squeezed text, and a hash of each word in order (as many as Words
// returns), of which WordSet makes Shingles(s, 1).
func FoldWords(s string) (squeezed string, words []uint64) {
	s = Fold(stripListMarkers(s))
	var b strings.Builder
	b.Grow(len(s))
	start := -1
	for i, r := range s {
		ld := unicode.IsLetter(r) || unicode.IsDigit(r)
		if ld {
			b.WriteRune(r)
		}
		if ld || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, wordHash(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, wordHash(s[start:]))
	}
	return b.String(), words
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
	s = Fold(stripListMarkers(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripListMarkers drops the markers that open list items ("- ", "* ",
// "1. ", "2) ", "• "): markup, and the numbers of an ordered list would
// otherwise read as words that a copy which lost its list does not have.
func stripListMarkers(s string) string {
	if !strings.ContainsAny(s, "-*+•0123456789") {
		return s
	}
	lines := strings.SplitAfter(s, "\n")
	changed := false
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		n := 0
		switch {
		case strings.HasPrefix(t, "•"):
			n = len("•")
		case len(t) > 0 && strings.ContainsRune("-*+", rune(t[0])):
			n = 1
		default:
			for n < len(t) && n < 3 && t[n] >= '0' && t[n] <= '9' {
				n++
			}
			if n == 0 || n >= len(t) || t[n] != '.' && t[n] != ')' {
				continue
			}
			n++
		}
		if n < len(t) && t[n] != ' ' && t[n] != '\t' {
			continue
		}
		lines[i] = t[n:]
		changed = true
	}
	if !changed {
		return s
	}
	return strings.Join(lines, "")
}

// QuestionKey normalises a question for identity: folded, letters and
// digits only, single spaces. It depends on nothing but the question, so
// identifiers derived from it are stable whatever else is built with it.
func QuestionKey(q string) string {
	return strings.Join(Words(q), " ")
}
