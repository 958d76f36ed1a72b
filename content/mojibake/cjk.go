package mojibake

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The national character sets list the ideographs and Hangul syllables in
// everyday use first: GB 2312 level 1 (3755 Chinese characters), JIS X 0208
// level 1 (2965 kanji), Big5's frequent block (5401 characters) and the
// 2350 Hangul syllables of KS X 1001. A character outside them is rare, so
// a reading that yields one ("몚" for "모", CJK read through the wrong
// page) is less likely than one that does not.

// cjkCost returns the cost of a Han character or Hangul syllable, and
// whether r is one.
func cjkCost(r rune) (float32, bool) {
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		if b := encode(korean.EUCKR, r); len(b) == 2 && b[0] >= 0xB0 && b[1] >= 0xA1 {
			return 4, true // KS X 1001
		}
		return 7, true
	case r >= 0x4E00 && r <= 0x9FFF:
		if b := encode(simplifiedchinese.GBK, r); len(b) == 2 && b[1] >= 0xA1 {
			switch {
			case b[0] >= 0xB0 && b[0] <= 0xD7:
				return 4, true // GB 2312 level 1
			case b[0] >= 0xD8 && b[0] <= 0xF7:
				return 5, true // GB 2312 level 2
			}
		}
		if b := encode(japanese.EUCJP, r); len(b) == 2 && b[0] >= 0xB0 && b[0] <= 0xCF {
			return 4, true // JIS X 0208 level 1
		}
		if b := encode(traditionalchinese.Big5, r); len(b) == 2 && (b[0] >= 0xA4 && b[0] < 0xC6 || b[0] == 0xC6 && b[1] <= 0x7E) {
			return 4.5, true // Big5 frequent characters
		}
		return 6.5, true
	}
	return 0, false
}

func encode(e encoding.Encoding, r rune) []byte {
	b, err := e.NewEncoder().Bytes([]byte(string(r)))
	if err != nil {
		return nil
	}
	return b
}
