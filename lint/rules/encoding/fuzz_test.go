package encoding_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/canon-kb/canon/content/mojibake"
	"github.com/canon-kb/canon/lint"
	"github.com/canon-kb/canon/lint/rules"
)

// FuzzFixEncoding runs canon fix --select encoding on arbitrary bytes, the
// whole path from decoding to repair: it must not fail or panic, a file it
// changes comes out as valid UTF-8, a second fix changes nothing, and
// valid UTF-8 with nothing to repair (no suspicious pair, no C1 control)
// is left byte for byte.
func FuzzFixEncoding(f *testing.F) {
	for _, s := range []string{
		"", "plain text\n", "ğŸ”¹ Architecture\nDonâ€™t\n", "โœ… Portability โ†’ fast\n",
		"caf\xe9 cr\xe8me\n", "\xef\xbb\xbfBOM text\n", "\xff\xfeh\x00i\x00\n\x00",
		"\x00\x01\x02binary", "It\x92s \x93done\x94\n", "Caf\xc3\xa9 \xc3 \xa9\n",
		"NÃO, São Paulo, nœud ¿qué? 25 °C\n", "Ã¢â‚¬â„¢\n", "line\r\nâ€”\r\n",
	} {
		f.Add([]byte(s))
	}
	for _, name := range []string{"002", "003"} {
		_, raw := corpusFile(f, name)
		f.Add(raw[:1024])
	}
	all := rules.Builtin()
	sel, err := lint.NewSelector(all, []string{"encoding"}, nil)
	if err != nil {
		f.Fatal(err)
	}
	opts := lint.Options{Rules: all, Select: sel, Workers: 1}
	fix := func(t *testing.T, data []byte) *lint.FixResult {
		fr, err := lint.FixInput(context.Background(), lint.BytesInput("f.txt", data), opts)
		if err != nil {
			t.Fatalf("fix %q: %v", data, err)
		}
		return fr
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fr := fix(t, data)
		if !fr.Changed {
			if string(fr.Data) != string(data) {
				t.Fatalf("unchanged but data differs: %q -> %q", data, fr.Data)
			}
			return
		}
		if !utf8.Valid(fr.Data) {
			t.Fatalf("fix of %q gives invalid UTF-8 %q", data, fr.Data)
		}
		if utf8.Valid(data) && !strings.HasPrefix(string(data), "\ufeff") {
			s := string(data)
			c1 := strings.IndexFunc(s, func(r rune) bool { return r >= 0x80 && r < 0xA0 }) >= 0
			if !mojibake.Suspicious(s) && !c1 {
				t.Fatalf("valid text with nothing to repair changed: %q -> %q", data, fr.Data)
			}
		}
		if again := fix(t, fr.Data); again.Changed {
			t.Fatalf("not idempotent: %q -> %q -> %q", data, fr.Data, again.Data)
		}
	})
}
