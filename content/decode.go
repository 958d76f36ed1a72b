package content

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"github.com/canon-kb/canon/content/mojibake"
)

// A BinaryError reports input that is not text. Pipelines skip such a file
// and report it instead of guessing.
type BinaryError struct {
	Path   string
	Offset int // byte offset of the first byte that marks the input as binary
	Reason string
}

func (e *BinaryError) Error() string {
	return fmt.Sprintf("%s: byte %d: %s: not a text file", e.Path, e.Offset, e.Reason)
}

// A DecodeError reports input whose declared encoding (a byte-order mark)
// does not decode.
type DecodeError struct {
	Path     string
	Encoding string
	Err      error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: cannot decode as %s: %v", e.Path, e.Encoding, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// Decode turns raw bytes into a Source. UTF-8 (with or without BOM) is
// taken as is; UTF-16 and UTF-32 need a BOM; input that is not valid UTF-8
// is decoded through the most likely legacy code page (see Legacy). Input
// that looks binary yields a *BinaryError.
func Decode(path string, raw []byte) (*Source, error) {
	type bomEnc struct {
		bom  []byte
		name string
		enc  encoding.Encoding
	}
	// UTF-32LE's BOM starts with UTF-16LE's, so it is tried first.
	boms := []bomEnc{
		{[]byte{0xFF, 0xFE, 0x00, 0x00}, "utf-32le", utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM)},
		{[]byte{0x00, 0x00, 0xFE, 0xFF}, "utf-32be", utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM)},
		{[]byte{0xFF, 0xFE}, "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)},
		{[]byte{0xFE, 0xFF}, "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)},
	}
	if bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		body := raw[3:]
		if err := checkText(path, body, 3); err != nil {
			return nil, err
		}
		if !utf8.Valid(body) {
			return decodeLegacy(path, raw, body, true)
		}
		return NewSource(path, raw, string(body), "utf-8", true), nil
	}
	for _, b := range boms {
		if !bytes.HasPrefix(raw, b.bom) {
			continue
		}
		out, err := b.enc.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, &DecodeError{Path: path, Encoding: b.name, Err: err}
		}
		if i := bytes.IndexByte(out, 0); i >= 0 {
			return nil, &BinaryError{Path: path, Offset: i, Reason: "NUL character"}
		}
		return NewSource(path, raw, string(out), b.name, true), nil
	}
	if err := checkText(path, raw, 0); err != nil {
		return nil, err
	}
	if utf8.Valid(raw) {
		return NewSource(path, raw, string(raw), "utf-8", false), nil
	}
	return decodeLegacy(path, raw, raw, false)
}

// checkText rejects NUL bytes and a high share of control bytes, the marks
// of binary data. Legacy single-byte text has neither.
func checkText(path string, b []byte, base int) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return &BinaryError{Path: path, Offset: base + i, Reason: "NUL byte"}
	}
	n := len(b)
	if n > 8192 {
		n = 8192
	}
	ctl := 0
	for _, c := range b[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	if n > 0 && ctl*100 > n*10 {
		return &BinaryError{Path: path, Offset: base, Reason: fmt.Sprintf("%d control bytes in the first %d", ctl, n)}
	}
	return nil
}

// decodeLegacy decodes text that is not UTF-8 through the code page Legacy
// picks.
func decodeLegacy(path string, raw, body []byte, bom bool) (*Source, error) {
	name, cm := Legacy(body)
	out, err := cm.NewDecoder().Bytes(body)
	if err != nil {
		return nil, &DecodeError{Path: path, Encoding: name, Err: err}
	}
	return NewSource(path, raw, string(out), name, bom), nil
}

// legacyPages are the code pages Legacy chooses from, most common first
// (ties go to the earlier).
var legacyPages = []struct {
	name string
	cm   *charmap.Charmap
}{
	{"windows-1252", charmap.Windows1252},
	{"windows-1251", charmap.Windows1251},
	{"windows-1250", charmap.Windows1250},
	{"windows-1253", charmap.Windows1253},
	{"windows-1254", charmap.Windows1254},
	{"windows-1257", charmap.Windows1257},
	{"windows-1255", charmap.Windows1255},
	{"windows-1256", charmap.Windows1256},
	{"windows-1258", charmap.Windows1258},
	{"windows-874", charmap.Windows874},
	{"koi8-r", charmap.KOI8R},
	{"koi8-u", charmap.KOI8U},
	{"iso-8859-2", charmap.ISO8859_2},
	{"iso-8859-15", charmap.ISO8859_15},
	{"iso-8859-5", charmap.ISO8859_5},
	{"iso-8859-7", charmap.ISO8859_7},
	{"ibm866", charmap.CodePage866},
	{"macintosh", charmap.Macintosh},
	{"ibm437", charmap.CodePage437},
	{"ibm850", charmap.CodePage850},
}

// Legacy guesses the single-byte code page of text that is not UTF-8: the
// page whose decoding reads most like real text under the model the
// mojibake repair uses (letters of one script forming words, no capitals
// inside words, no control characters, common punctuation).
func Legacy(b []byte) (string, *charmap.Charmap) {
	// Only the non-ASCII bytes and their neighbours tell pages apart.
	var sample []byte
	for i := 0; i < len(b) && len(sample) < 1<<16; i++ {
		if b[i] >= 0x80 {
			lo, hi := max(0, i-8), min(len(b), i+9)
			sample = append(sample, b[lo:hi]...)
			sample = append(sample, ' ')
			i = hi - 1
		}
	}
	best, bestCost := 0, math.Inf(1)
	for i, p := range legacyPages {
		var sb strings.Builder
		for _, c := range sample {
			sb.WriteRune(p.cm.DecodeByte(c))
		}
		text := sb.String()
		if c := mojibake.Cost(text) + mojibake.AlphabetCost(text); c < bestCost-1e-6 {
			best, bestCost = i, c
		}
	}
	return legacyPages[best].name, legacyPages[best].cm
}

// Encode writes text in the named encoding, as Decode reported it: a
// byte-order mark first when bom is set. It fails, naming the first
// character, when the encoding cannot represent text.
func Encode(name string, bom bool, text string) ([]byte, error) {
	var enc encoding.Encoding
	var mark []byte
	switch name {
	case "utf-8":
		if bom {
			return append([]byte{0xEF, 0xBB, 0xBF}, text...), nil
		}
		return []byte(text), nil
	case "utf-16le":
		enc, mark = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), []byte{0xFF, 0xFE}
	case "utf-16be":
		enc, mark = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), []byte{0xFE, 0xFF}
	case "utf-32le":
		enc, mark = utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), []byte{0xFF, 0xFE, 0x00, 0x00}
	case "utf-32be":
		enc, mark = utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), []byte{0x00, 0x00, 0xFE, 0xFF}
	default:
		for _, p := range legacyPages {
			if p.name == name {
				enc = p.cm
			}
		}
		if enc == nil {
			return nil, fmt.Errorf("unknown encoding %q", name)
		}
		cm := enc.(*charmap.Charmap)
		for i, r := range text {
			if _, ok := cm.EncodeRune(r); !ok && r >= 0x80 {
				return nil, &EncodeError{Encoding: name, Offset: i, Rune: r}
			}
		}
	}
	out, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("encoding as %s: %w", name, err)
	}
	if bom && mark != nil {
		out = append(mark, out...)
	}
	return out, nil
}

// An EncodeError reports a character the target encoding cannot hold.
type EncodeError struct {
	Encoding string
	Offset   int // byte offset in the text
	Rune     rune
}

func (e *EncodeError) Error() string {
	return fmt.Sprintf("%q (U+%04X) cannot be written in %s", string(e.Rune), e.Rune, e.Encoding)
}
