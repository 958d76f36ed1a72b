package mojibake

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// findFresh is Find reading every region afresh, the reference for the
// replay of earlier readings.
func findFresh(text string) []Repair {
	reuseReadings = false
	defer func() { reuseReadings = true }()
	return Find(text)
}

// TestReuseSame checks that replaying the readings of repeated regions
// gives the repairs of reading each one, on the corpus, the encoding
// samples and test set, and on each of them repeated with its lines
// shuffled (so regions recur between other neighbours and on other lines).
func TestReuseSame(t *testing.T) {
	var files []string
	for _, g := range []string{"corpus/*.txt", "encoding/samples/*.txt", "encoding/*/*"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", g))
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d test files", len(files))
	}
	repaired := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		text := string(data)
		lines := strings.Split(text, "\n")
		for i := range lines {
			j := (i * 7919) % len(lines)
			lines[i], lines[j] = lines[j], lines[i]
		}
		for _, s := range []string{text, text + "\n" + strings.Join(lines, "\n")} {
			got, want := Find(s), findFresh(s)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: replayed readings differ from fresh ones", f)
			}
			repaired += len(got)
		}
	}
	if repaired == 0 {
		t.Fatal("no repairs found: the comparison tested nothing")
	}
}

func FuzzReuseSame(f *testing.F) {
	for _, s := range []string{
		"Donâ€™t and donâ€™t, â€œquotedâ€\uFFFD and â€œagainâ€",
		"ğŸ”¹ A\nğŸ”¹ B\nâ€™ ğŸ”¹", "Ã¢â‚¬â„¢ Ã¢â‚¬â„¢", "â”Œâ”€â” â”Œâ”€â”",
	} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		s := strings.ToValidUTF8(a+b+a+"\n"+b+a, "\uFFFD")
		if got, want := Find(s), findFresh(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Find(%q): replayed %+v, fresh %+v", s, got, want)
		}
	})
}
