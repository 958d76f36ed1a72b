package structure

import (
	"github.com/canon-kb/canon/content/clean"
	"github.com/canon-kb/canon/lint"
)

// The formatting repairs. They are structure rules (not artifacts): the
// text is all content, only its layout was lost in conversion. They run
// at lint.StageClean, so their fixes reach the segmenter.

// reportProposals reports each proposal of a detector, with its fix when
// it has edits.
func reportProposals(p *lint.Pass, props []clean.Proposal, message func(clean.Proposal) string) {
	for _, pr := range props {
		var fix *lint.Fix
		if len(pr.Edits) > 0 {
			fix = &lint.Fix{Message: pr.Fix, Edits: pr.Edits}
		}
		p.Report(pr.Span, message(pr), fix)
	}
}

// DashBullets puts list dashes back in front of their items.
var DashBullets = &lint.Rule{
	ID:       "structure/dash-bullets",
	Severity: lint.Warning,
	Summary:  "list bullets split from their items",
	Doc: `Some HTML-to-text converters write each list item's bullet as a dash on a
line of its own, or glue it to the end of the item before ("…expired. -"),
so the list reads as loose lines with stray dashes. The fix moves every
dash in front of its item, indents nested items (a dash glued to text,
"phases.-", opens a nested list; two dashes in a row close it) and the
lines that continue an item. The last item ends after its first line, or
after its second when the first is a title: nothing marks where it ends.`,
	Stage:   lint.StageClean,
	Fixable: true,
	Examples: []lint.Example{
		{
			Bad:   "Phases:\n-\nTimers Phase\nRuns expired timers. -\nPoll Phase\nWaits for I/O.\nThis repeats.\n",
			Fixed: "Phases:\n- Timers Phase\n  Runs expired timers.\n- Poll Phase\n  Waits for I/O.\nThis repeats.\n",
		},
		{
			Bad:   "Uses:-\n-\nCaching\n-\nQueues\n-\nPub/Sub\n",
			Fixed: "Uses:-\n- Caching\n- Queues\n- Pub/Sub\n",
		},
		{Good: "- Caching\n- Queues\n"},
		{Good: "The range 1-10 is inclusive -\nthat is, both ends count.\n"},
	},
	Run: func(p *lint.Pass) {
		reportProposals(p, clean.DashBullets(clean.NewScan(p.Doc.Text)), func(pr clean.Proposal) string {
			return "list bullets split from their items, from " + clean.Quote(pr.Text)
		})
	},
}

// GluedCode restores the spaces lost around inline code.
var GluedCode = &lint.Rule{
	ID:       "structure/glued-code",
	Severity: lint.Warning,
	Summary:  "inline code glued to the words around it",
	Doc: `Converters that drop <code> elements drop the spaces around them too
("Executes callbacks fromsetTimeout()andsetInterval()whose timers"), and some
start a new line where the code began ("Uses" / "module.exports …"). The fix
restores the spaces only where the split is certain: a call glued to a
function word before it or a word after it, a file name whose known
extension is glued to a function word, a comma or arrow glued to the next
word, and a line broken just before code when the line before does not end a
sentence. Words that could be identifiers or English ("exportkeyword") are
left alone.`,
	Stage:   lint.StageClean,
	Fixable: true,
	Examples: []lint.Example{
		{
			Bad:   "Executes callbacks fromsetTimeout()andsetInterval()whose timers have expired.\n",
			Fixed: "Executes callbacks from setTimeout() and setInterval() whose timers have expired.\n",
		},
		{
			Bad:   "Requires enabling\n\"type\": \"module\" inpackage.jsonor using.mjsextension.\nFile system operations (fs.readFile,fs.writeFile)\n",
			Fixed: "Requires enabling \"type\": \"module\" inpackage.json or using .mjs extension.\nFile system operations (fs.readFile, fs.writeFile)\n",
		},
		{Good: "Executes callbacks from setTimeout() and setInterval().\n"},
		{Good: "const x = fromHex(a)+toHex(b);\n"},
	},
	Run: func(p *lint.Pass) {
		reportProposals(p, clean.GluedCode(clean.NewScan(p.Doc.Text)), func(pr clean.Proposal) string {
			return "inline code glued to the words around it in " + clean.Quote(pr.Text)
		})
	},
}
