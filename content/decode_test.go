package content

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func sample(t *testing.T, lang string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "encoding", "samples", lang+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLegacyDetection encodes real text in its usual legacy code page and
// checks that Decode reads it back exactly. (Icelandic in windows-1252
// reads as Turkish in windows-1254 byte for byte: the frequency prior
// favours Turkish, so it is left out.)
func TestLegacyDetection(t *testing.T) {
	cases := []struct {
		lang string
		cm   *charmap.Charmap
	}{
		{"fr", charmap.Windows1252}, {"de", charmap.Windows1252}, {"es", charmap.Windows1252},
		{"pt", charmap.Windows1252}, {"it", charmap.Windows1252},
		{"pl", charmap.Windows1250}, {"cs", charmap.Windows1250}, {"hu", charmap.Windows1250},
		{"ru", charmap.Windows1251}, {"uk", charmap.Windows1251},
		{"bg", charmap.Windows1251}, {"ru", charmap.KOI8R}, {"el", charmap.Windows1253},
		{"tr", charmap.Windows1254}, {"he", charmap.Windows1255}, {"ar", charmap.Windows1256},
		{"lt", charmap.Windows1257}, {"th", charmap.Windows874}, {"ru", charmap.ISO8859_5},
		{"pl", charmap.ISO8859_2}, {"ru", charmap.CodePage866}, {"el", charmap.ISO8859_7},
	}
	for _, c := range cases {
		text, _, _ := strings.Cut(sample(t, c.lang), "\n") // UDHR article 1
		raw, err := c.cm.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatalf("%s: cannot encode in %v: %v", c.lang, c.cm, err)
		}
		src, err := Decode("x.txt", raw)
		if err != nil {
			t.Fatalf("%s in %v: %v", c.lang, c.cm, err)
		}
		if src.Text != text {
			t.Errorf("%s in %v: decoded as %s: %.60q", c.lang, c.cm, src.Encoding, src.Text)
		}
	}
}

func TestDecodeUnicodeForms(t *testing.T) {
	text := "Привет, 🔹 world — ✅\n"
	for _, c := range []struct {
		name string
		raw  []byte
	}{
		{"utf-8", []byte(text)},
		{"utf-8", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"utf-16le", mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), text)},
		{"utf-16be", mustEncode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), text)},
	} {
		src, err := Decode("x", c.raw)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if src.Text != text || src.Encoding != c.name {
			t.Errorf("%s: got %s %q", c.name, src.Encoding, src.Text)
		}
		// Encoding back gives the same bytes.
		out, err := Encode(src.Encoding, src.BOM, src.Text)
		if err != nil || !bytes.Equal(out, c.raw) {
			t.Errorf("%s: Encode round trip: %v %x", c.name, err, out)
		}
	}
}

func mustEncode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodeLegacyRoundTripAndError(t *testing.T) {
	raw := []byte("\xcf\xf0\xe8\xe2\xe5\xf2\n") // "Привет" in windows-1251
	src, err := Decode("x", raw)
	if err != nil {
		t.Fatal(err)
	}
	if src.Encoding != "windows-1251" || src.Text != "Привет\n" {
		t.Fatalf("decoded as %s: %q", src.Encoding, src.Text)
	}
	out, err := Encode(src.Encoding, false, src.Text)
	if err != nil || !bytes.Equal(out, raw) {
		t.Errorf("round trip: %v %x", err, out)
	}
	_, err = Encode("windows-1251", false, "Привет 🔹")
	var ee *EncodeError
	if !errors.As(err, &ee) || ee.Rune != '🔹' || ee.Offset != len("Привет ") {
		t.Errorf("want an EncodeError for 🔹, got %v", err)
	}
	if !strings.Contains(err.Error(), "windows-1251") {
		t.Errorf("error does not name the encoding: %v", err)
	}
}
