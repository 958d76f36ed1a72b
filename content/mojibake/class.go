package mojibake

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The repair compares two readings of a run of characters, as it stands and
// as UTF-8 read through a wrong code page, by how much each costs under a
// small model of text: a cost per character (about -log2 of how often it
// occurs in real text) plus a cost per adjacent pair (letters of two
// scripts inside one word, a lower-case letter followed by an accented
// capital, a letter followed by a symbol that occurs almost only in
// mojibake, emoji joined by ZWJ and variation selectors, box drawing whose
// arms meet). The numbers are judgement tuned on testdata/encoding; the
// tests pin what they achieve.

// A class groups characters that behave alike in the model.
type class uint8

const (
	clsSpace  class = iota // ASCII white space; also the edges of the text
	clsASCII               // ASCII punctuation and symbols
	clsDigit               // any decimal digit
	clsLetter              // a letter of any script
	clsMark                // a combining mark
	clsPunct               // typographic punctuation: quotes, dashes, bullets
	clsSymbol              // currency, arrows, math, letterlike, Latin-1 symbols
	clsOdd                 // symbols seen almost only in mojibake: ¤ ¦ ¨ ¯ ¸ ˆ ˜
	clsBox                 // box drawing, blocks, geometric shapes
	clsEmoji               // Extended_Pictographic
	clsJoin                // emoji joiners and modifiers: VS16, ZWJ, keycap, skin tones
	clsNBSP                // no-break space and other non-ASCII spaces
	clsBad                 // controls, C1, private use, unassigned, U+FFFD
)

// A script identifies the writing system of a letter or digit.
type script uint8

const (
	scNone script = iota
	scLatin
	scGreek
	scCyrillic
	scArmenian
	scHebrew
	scArabic
	scThai
	scIndic
	scHan
	scKana
	scHangul
	scOther
)

var scriptTables = []struct {
	sc script
	t  *unicode.RangeTable
}{
	{scLatin, unicode.Latin}, {scGreek, unicode.Greek}, {scCyrillic, unicode.Cyrillic},
	{scArmenian, unicode.Armenian}, {scHebrew, unicode.Hebrew}, {scArabic, unicode.Arabic},
	{scThai, unicode.Thai}, {scIndic, unicode.Devanagari}, {scIndic, unicode.Bengali},
	{scIndic, unicode.Tamil}, {scIndic, unicode.Telugu}, {scIndic, unicode.Gujarati},
	{scIndic, unicode.Gurmukhi}, {scIndic, unicode.Kannada}, {scIndic, unicode.Malayalam},
	{scHan, unicode.Han}, {scKana, unicode.Hiragana}, {scKana, unicode.Katakana},
	{scHangul, unicode.Hangul},
}

// info is what the model knows of one character.
type info struct {
	cls    class
	sc     script
	upper  bool
	lower  bool
	cost   float32 // cost of the character on its own
	common bool    // a character real text uses often (frequency prior)
}

// Character info is computed on first use, 256 characters at a time, for
// the planes text uses (BMP and the emoji blocks), and cached.
const infoLimit = 0x1FC00

var infoBlocks [infoLimit >> 8]struct {
	once sync.Once
	info *[256]info
}

func initInfo() {}

func infoOf(r rune) info {
	switch {
	case r < 0 || r > utf8.MaxRune:
		return info{cls: clsBad, cost: 12}
	case r >= 0x10000 && r < 0x1F000:
		// Historic scripts, math alphanumerics, musical symbols: never
		// what mojibake stood for in practice.
		return info{cls: clsSymbol, cost: 10}
	case r >= infoLimit:
		if r >= 0x20000 && r < 0x40000 {
			return info{cls: clsLetter, sc: scHan, cost: 9}
		}
		return info{cls: clsBad, cost: 12}
	}
	b := &infoBlocks[r>>8]
	b.once.Do(func() {
		var blk [256]info
		base := r &^ 0xFF
		for i := range blk {
			blk[i] = classify(base + rune(i))
		}
		b.info = &blk
	})
	return b.info[r&0xFF]
}

// classify computes a character's info from the Unicode tables.
func classify(r rune) info {
	in := info{cost: costOf(r)}
	switch {
	case r < 0x80:
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == 0:
			in.cls = clsSpace
		case r < 0x20 || r == 0x7F:
			in.cls = clsBad
		case r >= '0' && r <= '9':
			in.cls, in.sc = clsDigit, scLatin
		case r >= 'a' && r <= 'z':
			in.cls, in.sc, in.lower = clsLetter, scLatin, true
		case r >= 'A' && r <= 'Z':
			in.cls, in.sc, in.upper = clsLetter, scLatin, true
		default:
			in.cls = clsASCII
		}
		return in
	case r >= 0x80 && r < 0xA0, r == 0xFFFD, unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r), isNonchar(r):
		in.cls = clsBad
		return in
	case isJoin(r):
		in.cls = clsJoin
		return in
	case r == '©' || r == '®' || r == '™':
		in.cls = clsSymbol
		return in
	case isPictographic(r):
		in.cls = clsEmoji
		in.common = commonRank(r) >= 0
		return in
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		in.cls = clsLetter
		if unicode.IsDigit(r) {
			in.cls = clsDigit
		}
		in.sc = scOther
		for _, t := range scriptTables {
			if unicode.Is(t.t, r) {
				in.sc = t.sc
				break
			}
		}
		if r >= 0x3040 && r <= 0x30FF || r == 0x3005 {
			in.sc = scKana // ー and 々 are Common by script, kana by use
		}
		in.upper = unicode.IsUpper(r)
		in.lower = unicode.IsLower(r)
		if isOdd(r) {
			in.cls = clsOdd
		}
		return in
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r):
		in.cls = clsMark
		for _, t := range scriptTables {
			if unicode.Is(t.t, r) {
				in.sc = t.sc
				break
			}
		}
		return in
	case r == 0xA0 || unicode.Is(unicode.Zs, r) || r == 0x2028 || r == 0x2029:
		in.cls = clsNBSP
		return in
	case r >= 0x2500 && r <= 0x25FF:
		in.cls = clsBox
		return in
	case isOdd(r):
		in.cls = clsOdd
		return in
	case unicode.IsPunct(r):
		in.cls = clsPunct
		return in
	case unicode.IsSymbol(r) || unicode.IsNumber(r):
		in.cls = clsSymbol
		if unicode.Is(unicode.Sk, r) {
			in.cls = clsOdd
		}
		return in
	}
	in.cls = clsBad // unassigned, format characters and other controls
	return in
}

// isOdd reports characters that real text rarely uses but mojibake of
// UTF-8 produces all the time.
func isOdd(r rune) bool {
	switch r {
	case '¤', '¦', '¨', '¯', '´', '¸', 'ª', 'º', '¬', 0xAD, 'ƒ', 'ˆ', '˜', 'ˇ', '˘', '˙', '˚', '˛', '˝', '¹':
		return true
	}
	return r >= 0x2B0 && r <= 0x2FF
}

func isNonchar(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

// isJoin reports the characters that modify or join emoji.
func isJoin(r rune) bool {
	switch {
	case r == 0x200D, r == 0x20E3, r >= 0xFE00 && r <= 0xFE0F,
		r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return false
}

// costOf is the cost of a character on its own.
func costOf(r rune) float32 {
	switch {
	case r < 0x80:
		return 0
	case r >= 0x80 && r < 0xA0:
		return 12
	case r == 0xFFFD:
		return 8
	}
	if c, ok := charCost[r]; ok {
		return c
	}
	if c, ok := cjkCost(r); ok {
		return c
	}
	if r >= 0x3041 && r <= 0x309F {
		// Hiragana by frequency: of two pages that both read a run as
		// kana, the one giving の and て beats the one giving ぎ and ず.
		if k := strings.IndexRune(hiraganaByFreq, r); k >= 0 {
			return 3.25 + 1.5*float32(utf8.RuneCountInString(hiraganaByFreq[:k]))/float32(utf8.RuneCountInString(hiraganaByFreq))
		}
		return 5
	}
	if isJoin(r) {
		return 9
	}
	if k := emojiKind(r); k > 0 {
		c := float32(3)
		if k == 2 {
			c = 2.5
		}
		if k := commonRank(r); k >= 0 {
			c -= 1.5 - float32(k)*0.004
		}
		return c
	}
	if inRanges(pictographicOther, r) {
		return 6
	}
	for _, b := range blockCosts {
		if r >= b.lo && r <= b.hi {
			return b.cost
		}
	}
	switch {
	case unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) || isNonchar(r):
		return 12
	case !assigned(r):
		return 12
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return 9 // a letter of a script the blocks above do not list: rare
	case unicode.IsMark(r):
		return 7
	}
	return 7
}

func assigned(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs, unicode.Cc, unicode.Cf)
}

// charCost overrides the block cost of single characters.
var charCost = map[rune]float32{
	0xA0: 3.5, // no-break space
	'’':  1.5, '‘': 2, '“': 1.5, '”': 1.5, '–': 1.5, '—': 1.5, '…': 2, '•': 1.5,
	'·': 3, '«': 3, '»': 3, '¡': 4, '¿': 4, '‚': 5, '„': 4, '†': 5, '‡': 6,
	'‰': 5, '‹': 5, '›': 5, '′': 4, '″': 4,
	'©': 3, '®': 3, '™': 2.5, '°': 2.5, '±': 3, '×': 3, '÷': 3.5, '§': 3.5,
	'¶': 4, 'µ': 4, '¢': 4, '£': 3, '¥': 3.5, '€': 2.5, '²': 4.5, '³': 4.5,
	'¼': 5, '½': 4.5, '¾': 5, '¹': 6, '¤': 7, '¦': 7, '¨': 6, '¯': 6, '´': 5,
	'¸': 7, 'ª': 5, 'º': 5, '¬': 6, 0xAD: 7, 'ƒ': 6, 'ˆ': 7, '˜': 6,
	'→': 2.5, '←': 2.5, '↑': 3, '↓': 3, '↔': 3.5, '⇒': 3.5, '≤': 4, '≥': 4,
	'≠': 4, '≈': 4, '∞': 4, '√': 4.5, '№': 4, '₹': 3.5, '₽': 4, '₿': 4,
	'■': 3.5, '□': 3.5, '▪': 3.5, '▶': 3, '►': 3.5, '▼': 3, '▲': 3, '●': 3,
	'○': 3.5, '◆': 3.5, '◇': 4, '★': 3, '☆': 3.5, '✓': 3, '✔': 3,
	'─': 3, '│': 3, '┌': 3.5, '┐': 3.5, '└': 3.5, '┘': 3.5, '├': 3.5, '┤': 3.5,
	'┬': 3.5, '┴': 3.5, '┼': 3.5, '═': 4, '║': 4,
	0x200B: 6, 0x200C: 7, 0x200E: 7, 0x200F: 7, 0xFE0F: 6,
	0x374: 8, 0x375: 8, 0x37A: 8, 0x37E: 6, 0x384: 6, 0x385: 6, // Greek signs, not letters
}

func init() {
	// Accented Latin letters by rough frequency in European text: the
	// common lower-case ones are cheaper than rare capitals, so that of two
	// pages that both decode a run, the one giving "ü" beats the one
	// giving "Ì".
	for _, r := range "éáíóúàèüöäçñãâêôùåøæœßőű" {
		charCost[r] = 2.5
	}
	for _, r := range "þðý" {
		charCost[r] = 3.5
	}
	for _, r := range "ąęłńśźżčďěňřšťůžğışăâîșțđşţõûëïîėūįųāēīķļņģơưĐƠƯ" {
		charCost[r] = 3
	}
	for _, r := range "ÉÁÍÓÚÀÈÜÖÄÇÑŁŚŻČŘŠŽİŞĞȘȚ" {
		charCost[r] = 3.5
	}
	for _, r := range "ÌÒÙÂÊÎÔÛËÏÃÕÅØÆŒÝÞÐĂÎŢŐŰĄĘŃŹĎĚŇŤŮĽĹŔ" {
		charCost[r] = 4.5
	}
}

// letterFreq lists the letters of some scripts from most to least
// frequent (Russian, Hebrew, Greek, Arabic, Thai). A file read through the
// wrong legacy page gives letters of another script in a random order, so
// this prior tells a Hebrew file in windows-1255 from the same bytes read
// as Cyrillic in windows-1251. Only Cost (legacy detection) uses it.
var letterFreq = []string{
	"оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё",
	"יוהלארמתבשנדעכחקפסםןגזצטךףץ",
	"αοιετσνηυρπκμλωδγχθφβξζψςάέίόήύώ",
	"اليمونرتبةعدسفهكقأحجشطصىخإزثضغذظءآئؤ",
	"านรอกเม่งยว้ดทัสิตีลขคปบะใจไหพืุูแ็ช์ผำซศถภธฟโษฝญฐฎฏฑฒณฆฉฬฮ",
}

const hiraganaByFreq = "のにはをたがでてとしいかれなるもっうすこらりあまくきょつけおんどさだえやじせみわよばゅびちぐめずひぬぶろべねほむゆふぱへぎそぼぞげぜぴぷぽぺゃぇぃぁぉぅ"

// freqAdj adjusts the cost of the letters in letterFreq by rank, for Cost.
var freqAdj = map[rune]float32{}

func init() {
	for _, letters := range letterFreq {
		rs := []rune(letters)
		for k, r := range rs {
			adj := -0.75 + 1.5*float32(k)/float32(len(rs))
			freqAdj[r] = adj
			if u := unicode.ToUpper(r); u != r {
				freqAdj[u] = adj + 0.5
			}
		}
	}
}

// blockCosts gives the cost of characters by block, first match wins.
var blockCosts = []struct {
	lo, hi rune
	cost   float32
}{
	{0xA0, 0xBF, 4},        // Latin-1 symbols not listed in charCost
	{0xC0, 0xFF, 3},        // Latin-1 letters
	{0x100, 0x17F, 3.5},    // Latin Extended-A
	{0x180, 0x24F, 5.5},    // Latin Extended-B
	{0x250, 0x2AF, 7},      // IPA
	{0x2B0, 0x2FF, 7},      // spacing modifiers
	{0x300, 0x36F, 7},      // combining diacritics (cheap after a letter)
	{0x370, 0x3FF, 3.5},    // Greek
	{0x400, 0x45F, 3.5},    // Cyrillic, basic
	{0x460, 0x52F, 5.5},    // Cyrillic, historic and supplement
	{0x530, 0x58F, 5},      // Armenian
	{0x591, 0x5AF, 8},      // Hebrew cantillation marks
	{0x5B0, 0x5C7, 6},      // Hebrew points
	{0x610, 0x61A, 8},      // Arabic honorific signs
	{0x653, 0x65F, 8},      // rare Arabic marks
	{0x5D0, 0x5F4, 3.5},    // Hebrew letters
	{0x600, 0x6FF, 3.5},    // Arabic
	{0x700, 0x8FF, 9},      // Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic extended
	{0x900, 0xDFF, 4.5},    // Indic scripts
	{0xE00, 0xE7F, 3.5},    // Thai
	{0xE80, 0xEFF, 5},      // Lao
	{0xF00, 0xFFF, 7},      // Tibetan
	{0x1000, 0x109F, 7},    // Myanmar
	{0x10A0, 0x10FF, 5},    // Georgian
	{0x1100, 0x11FF, 8},    // Hangul Jamo
	{0x1200, 0x1DFF, 9},    // Ethiopic to phonetic extensions: rare in text
	{0x1E00, 0x1E9F, 5},    // Latin Extended Additional
	{0x1EA0, 0x1EFF, 3.5},  // Vietnamese
	{0x1F00, 0x1FFF, 5},    // Greek Extended
	{0x2000, 0x200A, 6},    // spaces
	{0x2010, 0x2027, 4},    // general punctuation
	{0x2030, 0x205E, 5},    // general punctuation
	{0x205F, 0x206F, 9},    // invisible operators
	{0x2070, 0x209F, 6.5},  // super- and subscripts
	{0x20A0, 0x20CF, 4},    // currency
	{0x20D0, 0x20FF, 8},    // combining marks for symbols
	{0x2100, 0x214F, 5},    // letterlike
	{0x2150, 0x218F, 6},    // number forms
	{0x2190, 0x21FF, 4.5},  // arrows
	{0x2200, 0x22FF, 5},    // math
	{0x2300, 0x23FF, 6},    // technical
	{0x2400, 0x245F, 8},    // control pictures, OCR
	{0x2460, 0x24FF, 5},    // enclosed alphanumerics
	{0x2500, 0x257F, 4},    // box drawing
	{0x2580, 0x259F, 4.5},  // blocks
	{0x25A0, 0x25FF, 4},    // geometric shapes
	{0x2600, 0x27BF, 4.5},  // symbols and dingbats that are not emoji
	{0x27C0, 0x27FF, 7},    // math
	{0x2800, 0x28FF, 9},    // Braille
	{0x2900, 0x2BFF, 7},    // arrows and math
	{0x2C00, 0x2DFF, 9},    // Glagolitic, Coptic, Tifinagh, ...
	{0x2E00, 0x2E7F, 8},    // supplemental punctuation
	{0x2E80, 0x2FFF, 8},    // CJK radicals
	{0x3000, 0x303F, 4},    // CJK punctuation
	{0x3040, 0x30FF, 4},    // kana
	{0x3100, 0x33FF, 7},    // bopomofo, compatibility jamo, CJK compatibility
	{0x3400, 0x4DBF, 8},    // CJK Extension A
	{0x4DC0, 0x4DFF, 9},    // hexagrams
	{0x4E00, 0x9FFF, 4},    // CJK unified ideographs
	{0xA000, 0xABFF, 9},    // Yi, Vai, and other rare scripts
	{0xAC00, 0xD7A3, 4},    // Hangul syllables
	{0xD7B0, 0xD7FF, 9},    // Hangul Jamo Extended-B
	{0xF900, 0xFAFF, 8},    // CJK compatibility ideographs
	{0xFB00, 0xFB06, 6},    // Latin ligatures
	{0xFB07, 0xFDFF, 8},    // presentation forms
	{0xFE10, 0xFE6F, 8},    // vertical and small forms
	{0xFE70, 0xFEFF, 8},    // Arabic presentation forms
	{0xFF01, 0xFF60, 5},    // full-width ASCII
	{0xFF61, 0xFFEF, 6},    // half-width forms
	{0x10000, 0x1EFFF, 10}, // historic scripts, math alphanumerics, ...
	{0x1F000, 0x1FAFF, 5},  // pictographic blocks, characters that are not emoji
	{0x20000, 0x3FFFF, 9},  // CJK extensions
}
