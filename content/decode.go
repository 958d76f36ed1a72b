package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
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

// Legacy guesses the single-byte code page of text that is not UTF-8.
func Legacy(b []byte) (string, *charmap.Charmap) {
	return "windows-1252", charmap.Windows1252
}
