package gen

import (
	"bytes"
	"crypto/sha256"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	poolOnce sync.Once
	testPool *Pool
	poolErr  error
)

func pool(t *testing.T) *Pool {
	t.Helper()
	poolOnce.Do(func() { testPool, poolErr = LoadPool("../../testdata/corpus") })
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	return testPool
}

func generate(t *testing.T, opts Options) ([]File, Stats) {
	t.Helper()
	var files []File
	st, err := pool(t).Generate(opts, func(f File) error {
		files = append(files, File{Name: f.Name, Data: bytes.Clone(f.Data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, st
}

func digest(files []File) [32]byte {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Name))
		h.Write([]byte{0})
		h.Write(f.Data)
	}
	var d [32]byte
	copy(d[:], h.Sum(nil))
	return d
}

func TestPoolCutsEveryReferenceFile(t *testing.T) {
	p := pool(t)
	if len(p.refs) != 5 {
		t.Fatalf("pool has %d reference files, want the 5 of the corpus", len(p.refs))
	}
	numbered := 0
	for _, r := range p.refs {
		if len(r.chunks) < 10 {
			t.Errorf("%s: %d problems cut, want at least 10", r.name, len(r.chunks))
		}
		for _, c := range r.chunks {
			if c.numbered {
				numbered++
			}
		}
	}
	if numbered < p.Problems()/2 {
		t.Errorf("%d of %d problems have a number to rewrite, want most", numbered, p.Problems())
	}
}

func TestSameSeedSameBytes(t *testing.T) {
	opts := DefaultOptions(2 << 20)
	opts.FileSize = 64 << 10
	a, _ := generate(t, opts)
	b, _ := generate(t, opts)
	if digest(a) != digest(b) {
		t.Fatal("two generations with one seed differ")
	}
	opts.Seed = 2
	c, _ := generate(t, opts)
	if digest(a) == digest(c) {
		t.Fatal("seeds 1 and 2 give the same corpus")
	}
}

func TestSizeIsMetExactly(t *testing.T) {
	for _, size := range []int64{0, 1, 1000, 100_003, 1 << 20, 3_000_001} {
		opts := DefaultOptions(size)
		opts.FileSize = 32 << 10
		files, st := generate(t, opts)
		var total int64
		for _, f := range files {
			total += int64(len(f.Data))
			if len(f.Data) == 0 {
				t.Errorf("size %d: %s is empty", size, f.Name)
			}
		}
		if total != size || st.Bytes != size {
			t.Errorf("size %d: generated %d bytes (stats say %d)", size, total, st.Bytes)
		}
		if size >= 1<<20 && len(files) < int(size/int64(opts.FileSize))/2 {
			t.Errorf("size %d: %d files, want about %d", size, len(files), size/int64(opts.FileSize))
		}
	}
}

// TestCorpusShape checks the generated corpus has what it promises:
// renumbered problems, lines damaged anew, repeats, reworded variants,
// legacy-encoded files, and UTF-8 files that stay valid UTF-8.
func TestCorpusShape(t *testing.T) {
	opts := DefaultOptions(8 << 20)
	opts.Legacy = 0.2
	files, st := generate(t, opts)
	if st.Repeats == 0 || st.Damaged == 0 || st.Legacy == 0 {
		t.Fatalf("stats %+v: want repeats, damaged lines and legacy files", st)
	}
	if st.Problems <= pool(t).Problems() {
		t.Fatalf("%d problems written, want more than the pool's %d (variants)", st.Problems, pool(t).Problems())
	}
	if st.Reworded == 0 {
		t.Errorf("stats %+v: no reworded variant", st)
	}
	var mojibake, utf16, cp1252 int
	for _, f := range files {
		switch {
		case bytes.HasPrefix(f.Data, []byte{0xFF, 0xFE}):
			utf16++
		case !utf8.Valid(f.Data):
			cp1252++
		default:
			// "’" read as windows-1252, the commonest damage.
			mojibake += strings.Count(string(f.Data), "â€™")
		}
	}
	if mojibake == 0 || utf16 == 0 || cp1252 == 0 {
		t.Errorf("%d mojibake apostrophes, %d UTF-16 files, %d windows-1252 files: want all", mojibake, utf16, cp1252)
	}
}

// TestNumbering generates from a synthetic pool and checks that numbered
// problems count up from 1 in every file and unnumbered ones keep their
// text.
func TestNumbering(t *testing.T) {
	var chunks []chunk
	for i := 0; i < 20; i++ {
		if i%5 == 4 {
			chunks = append(chunks, chunk{before: "Why not?\nNo.\n"})
			continue
		}
		chunks = append(chunks, chunk{before: "\n", after: ". Why?\nYes.\n", numbered: true})
	}
	p := &Pool{refs: []reference{{name: "synthetic", header: "Header\n", chunks: chunks}}}
	opts := Options{Seed: 3, Size: 20000, FileSize: 1000, Repeat: 0.3}
	var files, numbered int
	_, err := p.Generate(opts, func(f File) error {
		files++
		want := 1
		for _, line := range strings.Split(string(f.Data), "\n") {
			num, rest, ok := strings.Cut(line, ". Why?")
			if !ok || rest != "" {
				continue
			}
			if num != strconv.Itoa(want) {
				t.Errorf("%s: problem %q, want %d", f.Name, num, want)
			}
			want++
			numbered++
		}
		return nil
	})
	if err != nil || files < 10 || numbered < 100 {
		t.Fatalf("%d files, %d numbered problems, %v", files, numbered, err)
	}
}

func TestRewordIsConsistentPerVariant(t *testing.T) {
	s := "Explain idempotency. Idempotency matters: IDEMPOTENCY keys, retries, deliveries."
	if reword(s, 0) != s {
		t.Fatal("variant 0 changed the text")
	}
	a, b := reword(s, 3), reword(s, 3)
	if a != b || a == s {
		t.Fatalf("variant 3: %q then %q", a, b)
	}
	// Every casing of one word becomes the same made-up word.
	words := strings.FieldsFunc(a, func(r rune) bool { return r == ' ' || r == '.' || r == ':' || r == ',' })
	if strings.EqualFold(words[1], "idempotency") != strings.EqualFold(words[2], "idempotency") ||
		!strings.EqualFold(words[1], words[2]) || !strings.EqualFold(words[2], words[4]) {
		t.Errorf("variant 3 rewords one word in different ways: %q", a)
	}
	if reword(s, 4) == a {
		t.Errorf("variants 3 and 4 reword alike: %q", a)
	}
}

func TestRenumbering(t *testing.T) {
	c := splitNumber("\nTopic\n12. What is X?\nAnswer 12 here.\n", len("\nTopic\n"), 12)
	if !c.numbered || c.before != "\nTopic\n" || c.after != ". What is X?\nAnswer 12 here.\n" {
		t.Fatalf("split = %+v", c)
	}
	c = splitNumber("Q.012) What?\n", 0, 12)
	if !c.numbered || c.before != "Q." || c.after != ") What?\n" {
		t.Fatalf("split = %+v", c)
	}
	if c := splitNumber("What? 3 ways\n", 0, 4); c.numbered {
		t.Fatalf("split found a number that is not there: %+v", c)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "10MB": 10e6, "1GB": 1e9, "512KiB": 512 << 10, "1.5MiB": 3 << 19, "20 MB": 20e6} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MB", "-1MB", "10XB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) succeeded", bad)
		}
	}
}
