package encoding

import (
	"fmt"
	"strings"
	"sync"

	"github.com/canon-kb/canon/content"
	"github.com/canon-kb/canon/content/mojibake"
	"github.com/canon-kb/canon/lint"
)

// Mojibake repairs runs of UTF-8 read through a wrong code page.
var Mojibake = &lint.Rule{
	ID:       "encoding/mojibake",
	Severity: lint.Error,
	Summary:  "UTF-8 text read through a wrong code page",
	Doc: `The text holds runs that are UTF-8 bytes decoded through a single-byte code
page: "â€™" for "’", "ğŸ”¹" for "🔹", "Ã©" for "é". canon reads each run
of non-ASCII characters both as it stands and as UTF-8 read through
windows-1250 to 1258, windows-874 (also with windows-1252 for 0x80–0x9F),
ISO-8859-1, -2, -9 and -15, Mac OS Roman, CP437, CP850, KOI8-R and KOI8-U,
including text damaged twice and bytes the wrong decoder kept as C1 controls
or U+FFFD, and repairs a run only when the repaired reading is clearly the
more plausible text. Correct text (Turkish, Thai, Greek, Cyrillic, "NÃO",
"São Paulo", "nœud") is left alone, and nothing else is normalised: quotes,
width and Unicode form stay as they are. The finding lists the repairs of
one line, each with the code page that explains it; a repair that had to
guess a lost byte is reported by encoding/lost-byte instead.`,
	Stage:   lint.StageEncoding,
	Fixable: true,
	Examples: []lint.Example{
		{Bad: "Donâ€™t panic â€” it works.\n", Fixed: "Don’t panic — it works.\n"},
		{Bad: "ğŸ”¹ Architecture & System Design\n", Fixed: "🔹 Architecture & System Design\n"},
		{Bad: "Un cafÃ© crÃ¨me, sâ€™il vous plaÃ®t.\n", Fixed: "Un café crème, s’il vous plaît.\n"},
		{Bad: "โœ… Portability โ†’ works on any OS\n", Fixed: "✅ Portability → works on any OS\n"},
		{Good: "São Paulo: NÃO, nœud, ¿qué…? 25 °C ± 2, 5 × 3, µs, ® ™\n"},
		{Good: "Don’t panic → 🔹 ✅ — © 2025\n"},
		{Good: "İstanbul’da ağır çekim; Ελληνικά; Русский текст; ภาษาไทย โคก\n"},
	},
	Run: func(p *lint.Pass) {
		var lineReps []mojibake.Repair
		line := 0
		flush := func() {
			if len(lineReps) > 0 {
				reportLine(p, lineReps)
			}
			lineReps = lineReps[:0]
		}
		for _, r := range findRepairs(p.Doc.Text) {
			if !r.Certain() {
				continue
			}
			if l := p.Doc.Line(r.Start); l != line {
				flush()
				line = l
			}
			lineReps = append(lineReps, r)
		}
		flush()
	},
}

// maxListed bounds the repairs one finding spells out.
const maxListed = 4

// reportLine reports the repairs of one line as one finding.
func reportLine(p *lint.Pass, reps []mojibake.Repair) {
	span := content.Span{Start: reps[0].Start, End: reps[len(reps)-1].End}
	edits := make([]content.Edit, len(reps))
	for i, r := range reps {
		edits[i] = content.Edit{Span: content.Span{Start: r.Start, End: r.End}, New: r.New}
	}
	var msg string
	if len(reps) == 1 {
		msg = reps[0].Explain()
	} else {
		// Group by explanation: a line usually has one.
		var hows []string
		byHow := map[string][]string{}
		for _, r := range reps {
			h := r.How()
			if _, ok := byHow[h]; !ok {
				hows = append(hows, h)
			}
			byHow[h] = append(byHow[h], fmt.Sprintf("%q → %q", r.Old, r.New))
		}
		var parts []string
		for _, h := range hows {
			list := byHow[h]
			more := ""
			if len(list) > maxListed {
				more = fmt.Sprintf(" and %d more", len(list)-maxListed)
				list = list[:maxListed]
			}
			parts = append(parts, strings.Join(list, ", ")+more+": "+h)
		}
		msg = fmt.Sprintf("%d mojibake runs: %s", len(reps), strings.Join(parts, "; "))
	}
	p.Report(span, msg, &lint.Fix{Message: fmt.Sprintf("repair %d mojibake run(s)", len(reps)), Edits: edits})
}

// LostByte reports repairs that had to guess a byte the decoder lost.
var LostByte = &lint.Rule{
	ID:       "encoding/lost-byte",
	Severity: lint.Warning,
	Summary:  "mojibake lost a byte and the repair had to choose",
	Doc: `The run is UTF-8 read through a wrong code page, and the code page could not
map one of its bytes, so the wrong decoder dropped it (or left U+FFFD). canon
restores a lost byte when context decides it: a variation selector after an
emoji, a zero-width joiner between emoji, a closing ” after an opening “,
box-drawing lines that continue, a character the document uses elsewhere.
When several characters stay possible, it chooses the most frequent one,
deterministically, applies it as the fix, and reports this warning with every
candidate so that a person can check: "ğŸ”" may be 🔍, 🔐, 🔁 or 🔝.`,
	Stage:   lint.StageEncoding,
	Fixable: true,
	Examples: []lint.Example{
		{Bad: "ğŸ” Security Headers\n", Fixed: "🔍 Security Headers\n"},
		{Bad: "ğŸ• After Some Time...\n"},
		{Good: "âœ… Done, and âš\u00a0ï¸ repaired with certainty\n"},
		{Good: "🔐 Security Headers\n"},
	},
	Run: func(p *lint.Pass) {
		for _, r := range findRepairs(p.Doc.Text) {
			if r.Certain() {
				continue
			}
			var guesses []string
			for _, l := range r.Lost {
				if l.Certain {
					continue
				}
				alts := make([]string, len(l.Candidates)-1)
				for i, c := range l.Candidates[1:] {
					alts[i] = fmt.Sprintf("%s U+%04X", string(c), c)
				}
				guesses = append(guesses, fmt.Sprintf("chose %s U+%04X (%s) over %s",
					string(l.Char), l.Char, l.Reason, strings.Join(alts, ", ")))
			}
			msg := fmt.Sprintf("%q → %q: %s, a byte lost; %s", r.Old, r.New, r.How(), strings.Join(guesses, "; "))
			p.Report(content.Span{Start: r.Start, End: r.End}, msg, &lint.Fix{
				Message: fmt.Sprintf("replace %q with %q (a guess)", r.Old, r.New),
				Edits:   []content.Edit{{Span: content.Span{Start: r.Start, End: r.End}, New: r.New}},
			})
		}
	},
}

// findRepairs memoises mojibake.Find: encoding/lost-byte and
// encoding/mojibake run on the same text one after the other.
func findRepairs(text string) []mojibake.Repair {
	if !mojibake.Suspicious(text) {
		return nil
	}
	memo.Lock()
	for _, e := range memo.entries {
		if e.text == text {
			memo.Unlock()
			return e.reps
		}
	}
	memo.Unlock()
	reps := mojibake.Find(text)
	memo.Lock()
	memo.entries = append(memo.entries, memoEntry{text, reps})
	if len(memo.entries) > 8 {
		memo.entries = memo.entries[1:]
	}
	memo.Unlock()
	return reps
}

type memoEntry struct {
	text string
	reps []mojibake.Repair
}

var memo struct {
	sync.Mutex
	entries []memoEntry
}
