package mojibake

// unigram is the cost of character r on its own.
func unigram(r rune) float32 { return infoOf(r).cost }

func isSkin(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

func isKeycapBase(r rune) bool { return r >= '0' && r <= '9' || r == '#' || r == '*' }

// isLetterish reports letters and non-ASCII digits: the characters words
// are made of.
func isLetterish(in info, r rune) bool {
	return in.cls == clsLetter || in.cls == clsDigit && r >= 0x80
}

// bigram is the cost of b directly after a.
func bigram(a, b rune) float32 {
	ia, ib := infoOf(a), infoOf(b)
	switch ib.cls {
	case clsJoin:
		switch {
		case b == 0xFE0F:
			if emojiKind(a) > 0 || isKeycapBase(a) {
				return -8
			}
		case b == 0xFE0E:
			if emojiKind(a) > 0 || isKeycapBase(a) {
				return -5
			}
		case b == 0x200D:
			if ia.cls == clsEmoji || a == 0xFE0F || isSkin(a) {
				return -5
			}
		case b == 0x20E3:
			if a == 0xFE0F || isKeycapBase(a) {
				return -8
			}
		case isSkin(b):
			if ia.cls == clsEmoji {
				return -5
			}
		}
		return 0
	case clsMark:
		switch {
		case ia.cls == clsLetter && ib.sc != scNone && ib.sc == ia.sc:
			return -4 // Thai, Hebrew, Arabic, Indic vowel signs and points
		case ia.cls == clsLetter && ib.sc == scNone:
			// Combining diacritics: Vietnamese written decomposed uses
			// them, most Latin text is precomposed.
			return -1.5
		case ia.cls == clsMark && ib.sc == ia.sc:
			return -2
		}
		return 0
	}
	if a == 0x200D && ib.cls == clsEmoji {
		return -5
	}
	var c float32
	la, lb := isLetterish(ia, a), isLetterish(ib, b)
	switch {
	case la && lb:
		switch {
		case ia.sc != ib.sc:
			c += 5
		case ia.lower && ib.upper && (a >= 0x80 || b >= 0x80):
			c += 3 // "ğŸ", "хОра": a capital inside a word
		case isFinalForm(a):
			c += 3 // a final letter (ς, ם, ן, ...) inside a word
		case ia.sc != scLatin && (a >= 0x80 || b >= 0x80):
			// Letters of one script in a row: a word. (Latin is left
			// out: accented Latin letters side by side are what mojibake
			// of Latin text looks like.)
			c -= 2
		}
	case la && a >= 0x80:
		// A non-ASCII letter that ends a word.
		switch ib.cls {
		case clsOdd:
			c += 3
		case clsSymbol, clsBad:
			c += 1.5
		case clsSpace, clsASCII, clsPunct, clsNBSP:
			c += 0.5
		}
	case lb && b >= 0x80:
		// A non-ASCII letter that starts a word.
		switch ia.cls {
		case clsOdd:
			c += 2
		case clsSymbol, clsBad:
			c += 1
		case clsSpace, clsASCII, clsPunct, clsNBSP:
			c += 0.5
		}
	case la && ib.cls == clsOdd:
		c += 2
	}
	// A line starts with a capital more often than not.
	if a == '\n' && ib.upper && b >= 0x80 {
		c -= 1.5
	}
	// ” opens nothing and „ closes nothing: a lost byte between the two
	// (0x9D and 0x9E are both undefined in windows-1254) is settled by
	// where the quote stands.
	switch {
	case b == '”' && (ia.cls == clsSpace || a == '('), a == '”' && lb:
		c += 1
	case b == '„' && la, a == '„' && (ib.cls == clsSpace || b == ')'):
		c += 1
	}
	// A symbol inside a word ("godno¶ci", "rodz±"): what a wrong Latin
	// page makes of letters.
	if la && a < 0x80 && inWordSymbol(ib, b) || lb && b < 0x80 && inWordSymbol(ia, a) {
		c += 1.5
	}
	if ia.cls == clsBox || ib.cls == clsBox {
		ra, lb := armsOf(a)[armRight], armsOf(b)[armLeft]
		switch {
		case ia.cls == clsBox && ib.cls == clsBox:
			c += boxJoin(a, b)
		case ra != 0 && ib.cls == clsSpace, lb != 0 && ia.cls == clsSpace:
			c += 0.5 // a line that ends at white space
		case ra != 0, lb != 0:
			c += 1.5 // a line that runs into a character that is no line
		}
	}
	return c
}

// inWordSymbol reports non-ASCII symbols that real text does not put
// against a letter (unlike ™, ®, ° or ·).
func inWordSymbol(in info, r rune) bool {
	switch r {
	case '™', '®', '©', '°', '·', 'µ':
		return false
	case '¶', '§', '†', '‡', '¤', '¦', '±', '¬':
		return true
	}
	return r >= 0x80 && (in.cls == clsSymbol || in.cls == clsOdd)
}

// isFinalForm reports letters that only end a word.
func isFinalForm(r rune) bool {
	switch r {
	case 'ς', 'ך', 'ם', 'ן', 'ף', 'ץ':
		return true
	}
	return false
}
