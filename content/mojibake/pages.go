package mojibake

import (
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"
)

// A page is a single-byte code page that UTF-8 may have been read through.
type page struct {
	name string
	// dec maps bytes 0x80-0xFF to what the page decodes them to; 0 marks a
	// byte the page does not define.
	dec [128]rune
	// enc maps a character back to its byte: the page's own characters, the
	// C1 control a lenient decoder keeps for an undefined byte, and for
	// windows-874 the windows-1252 characters some decoders use for
	// 0x80-0x9F.
	enc map[rune]byte
	// lost are the continuation bytes (0x80-0xBF) the page does not define:
	// a decoder that drops or replaces undefined bytes loses exactly these.
	lost []byte
	// fallback names the page whose 0x80-0x9F characters enc also accepts.
	fallback string
}

// pageDefs lists the code pages in the order ties are broken: the pages
// most often involved in mojibake first.
var pageDefs = []struct {
	name     string
	cm       *charmap.Charmap
	fallback *charmap.Charmap
}{
	{"windows-1252", charmap.Windows1252, nil},
	{"windows-1254", charmap.Windows1254, nil},
	{"windows-1250", charmap.Windows1250, nil},
	{"windows-1251", charmap.Windows1251, nil},
	{"windows-1253", charmap.Windows1253, nil},
	{"windows-1257", charmap.Windows1257, nil},
	{"windows-1255", charmap.Windows1255, nil},
	{"windows-1256", charmap.Windows1256, nil},
	{"windows-1258", charmap.Windows1258, nil},
	{"windows-874", charmap.Windows874, charmap.Windows1252},
	{"ISO-8859-2", charmap.ISO8859_2, nil},
	{"ISO-8859-15", charmap.ISO8859_15, nil},
	{"Mac OS Roman", charmap.Macintosh, nil},
	{"CP437", charmap.CodePage437, nil},
	{"CP850", charmap.CodePage850, nil},
	{"KOI8-R", charmap.KOI8R, nil},
	{"KOI8-U", charmap.KOI8U, nil},
}

// maxPages bounds the number of pages: masks are uint32.
const maxPages = 32

var (
	pagesOnce sync.Once
	pages     []*page
	// leadMask[r] and contMask[r] have bit i set when page i encodes r as a
	// UTF-8 lead byte (0xC2-0xF4) or continuation byte (0x80-0xBF). Dense
	// for the runes below denseLimit, a map above.
	leadDense, contDense []uint32
	leadSparse           map[rune]uint32
	contSparse           map[rune]uint32
)

const denseLimit = 0x2600

func initPages() {
	pagesOnce.Do(func() {
		leadDense = make([]uint32, denseLimit)
		contDense = make([]uint32, denseLimit)
		leadSparse = map[rune]uint32{}
		contSparse = map[rune]uint32{}
		for i, d := range pageDefs {
			p := &page{name: d.name, enc: map[rune]byte{}}
			for b := 0x80; b <= 0xFF; b++ {
				r := d.cm.DecodeByte(byte(b))
				if b < 0xA0 && strings.HasPrefix(d.name, "ISO-8859") {
					r = rune(b) // ISO-8859 pages define 0x80-0x9F as C1 controls
				}
				if r == 0xFFFD && d.fallback != nil && b < 0xA0 {
					// 003-style damage: windows-874 for 0xA0-0xFF, the
					// fallback page for 0x80-0x9F.
					r = d.fallback.DecodeByte(byte(b))
					p.fallback = "windows-1252"
				}
				if r == 0xFFFD {
					if b < 0xC0 {
						p.lost = append(p.lost, byte(b))
					}
					continue
				}
				p.dec[b-0x80] = r
				p.enc[r] = byte(b)
			}
			// A decoder that keeps undefined bytes, or an ISO-8859 decoder,
			// gives C1 controls for 0x80-0x9F.
			for b := 0x80; b < 0xA0; b++ {
				if _, ok := p.enc[rune(b)]; !ok {
					p.enc[rune(b)] = byte(b)
				}
			}
			for r, b := range p.enc {
				bit := uint32(1) << i
				switch {
				case b >= 0xC2 && b <= 0xF4:
					setMask(leadDense, leadSparse, r, bit)
				case b < 0xC0:
					setMask(contDense, contSparse, r, bit)
				}
			}
			pages = append(pages, p)
		}
		// U+FFFD can stand for any byte a page drops.
		for i, p := range pages {
			if len(p.lost) > 0 {
				setMask(contDense, contSparse, 0xFFFD, 1<<i)
			}
		}
	})
}

func setMask(dense []uint32, sparse map[rune]uint32, r rune, bit uint32) {
	if r < denseLimit {
		dense[r] |= bit
	} else {
		sparse[r] |= bit
	}
}

// leadOf and contOf return the pages in which r is a UTF-8 lead byte or a
// continuation byte.
func leadOf(r rune) uint32 {
	if r < denseLimit {
		return leadDense[r]
	}
	if r < 0xF8FF || r > 0xFFFD {
		return 0 // emoji and most scripts: no page has them
	}
	return leadSparse[r]
}

func contOf(r rune) uint32 {
	if r < denseLimit {
		return contDense[r]
	}
	if r < 0xF8FF || r > 0xFFFD {
		return 0
	}
	return contSparse[r]
}

// seqLen returns the length of the UTF-8 sequence lead byte b starts, or 0.
func seqLen(b byte) int {
	switch {
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 0
}

// mojibakeOf returns how the UTF-8 encoding of s reads through page p, or
// "" when a byte is undefined there.
func (p *page) mojibakeOf(s string) string {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x80 {
			out = append(out, rune(b))
			continue
		}
		r := p.dec[b-0x80]
		if r == 0 {
			return ""
		}
		out = append(out, r)
	}
	return string(out)
}
