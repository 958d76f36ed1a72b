package mojibake

import (
	"strings"
	"testing"
)

// Text that only looks suspicious: none of it may change.
var lookAlikes = []string{
	"NÃO", "São Paulo", "nœud", "¿Qué…?", "¡Olé!", "® ™ ° ± µ × in English: 25 °C ± 2 µs, 5 × 3",
	"a literal � stays", "Don’t panic — it’s fine → ok ✅ 🔹 © 2025",
	"İstanbul’da ağır çekim yapıldı; Şişli, Ümraniye, Göztepe",
	"Ελληνικά: Η γρήγορη καφέ αλεπού πηδάει",
	"Русский текст: съешь же ещё этих мягких французских булок",
	"ภาษาไทย โคก เขต ไปด้วย เพื่อน โลก",
	"Tiếng Việt có dấu: Người ta nói rằng",
	"עברית: שלום עולם", "العربية: مرحبا بالعالم", "中文：你好，世界。日本語：こんにちは。한국어: 안녕하세요",
	"CAFÉ» «ÉTÉ» voilà—déjà", "Ｆｕｌｌｗｉｄｔｈ", "naïve café résumé",
	"┌────────────┐\n│ Primary    │\n└────────────┘",
	"Größe ß über Öl", "Ħal Għargħur", "Łódź, Kraków, Żółć", "Česká republika, Škoda",
}

func TestLookAlikesUntouched(t *testing.T) {
	for _, s := range lookAlikes {
		if reps := Find(s); len(reps) > 0 {
			t.Errorf("%q: repaired %v", s, reps[0].Explain())
		}
	}
}

func TestRepairs(t *testing.T) {
	cases := []struct{ in, want, page string }{
		{"ğŸ”¹ Architecture", "🔹 Architecture", "windows-1254"},
		{"Donâ€™t", "Don’t", "windows-1252"},
		{"cafÃ© crÃ¨me", "café crème", "windows-1252"},
		{"โœ… Portability โ†’ Works", "✅ Portability → Works", "windows-874"},
		{"â\u0080\u0099s", "’s", "ISO-8859-1"},
		{"Ã¢â‚¬â„¢", "’", "windows-1252"},
		{"ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "Привет мир", "windows-1252"},
		{"вЂ™ and Ð here", "’ and Ð here", "windows-1251"},
	}
	for _, c := range cases {
		got := Fix(c.in)
		if got != c.want {
			t.Errorf("Fix(%q) = %q, want %q", c.in, got, c.want)
			continue
		}
		if reps := Find(c.in); !strings.HasPrefix(reps[0].Page, c.page) && !strings.Contains(reps[0].How(), c.page) {
			t.Errorf("Fix(%q): %s, want page %s", c.in, reps[0].How(), c.page)
		}
	}
}

func TestExplain(t *testing.T) {
	reps := Find("ğŸ”¹ x")
	if len(reps) != 1 {
		t.Fatalf("got %d repairs", len(reps))
	}
	if got, want := reps[0].Explain(), `"ğŸ”¹" → "🔹": UTF-8 read as windows-1254`; got != want {
		t.Errorf("Explain = %s, want %s", got, want)
	}
}

func TestLostByteContext(t *testing.T) {
	cases := []struct{ in, want string }{
		// variation selector after an emoji (0x8F dropped by windows-1252)
		{"âš™ï¸ How it works", "⚙️ How it works"},
		// closing quote after an opening one (0x9D dropped)
		{"presence: â€œOnlineâ€ status", "presence: “Online” status"},
		// ZWJ between emoji
		{"๐Ÿ‘จโ€๐Ÿ’ป Real-World", "👨‍💻 Real-World"},
		// box drawing continuity: ┐ (0x90 dropped)
		{"â”Œâ”€â”€â”\n", "┌──┐\n"},
		// U+FFFD where the byte was
		{"âš™ï¸\uFFFD How", "⚙️ How"},
	}
	for _, c := range cases {
		if got := Fix(c.in); got != c.want {
			t.Errorf("Fix(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, r := range Find(c.in) {
			if !r.Certain() {
				t.Errorf("%q: %s not certain: %+v", c.in, r.Explain(), r.Lost)
			}
		}
	}
}
