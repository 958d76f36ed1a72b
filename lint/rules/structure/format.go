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
		reportProposals(p, clean.DashBullets(scanOf(p)), func(pr clean.Proposal) string {
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
		reportProposals(p, clean.GluedCode(scanOf(p)), func(pr clean.Proposal) string {
			return "inline code glued to the words around it in " + clean.Quote(pr.Text)
		})
	},
}

// CollapsedTable rebuilds tables whose columns survive and reports those
// whose columns are lost.
var CollapsedTable = &lint.Rule{
	ID:       "structure/collapsed-table",
	Severity: lint.Warning,
	Summary:  "table lost its markup",
	Doc: `A table copied out of a page or a PDF arrives as plain lines. When its cells
are separated by tabs, the columns are certain and the fix rebuilds it as a
markdown table (a label such as "ans :" before the first row stays before
it). When the cells ran together ("LoadingSynchronousAsynchronous") or are
separated by single spaces under a header of column names ("Feature Docker
(Containers) Virtual Machines (VMs)"), the boundaries between cells are
gone; the rule reports the table without a fix, so that it can be rebuilt
by hand or taken from a copy that kept it.`,
	Stage:   lint.StageClean,
	Fixable: true,
	Examples: []lint.Example{
		{
			Bad:   "Method\tIdempotent?\tExample\nGET\tYes\t/users/1\nPOST\tNo\t/users\n",
			Fixed: "| Method | Idempotent? | Example |\n| --- | --- | --- |\n| GET | Yes | /users/1 |\n| POST | No | /users |\n",
		},
		{Bad: "Summary Table\n\nFeaturerequire (CJS)import (ESM)\nModule typeCommonJSES Modules\nLoadingSynchronousAsynchronous\nTree shakingNoYes\n"},
		{Bad: "Feature Docker (Containers) Virtual Machines (VMs)\nBoot Time Seconds Minutes\nSize MBs GBs\n"},
		{Good: "| Method | Idempotent? |\n|---|---|\n| GET | Yes |\n"},
		{Good: "Components\nAPI layer (Node.js + Express)\nCache (Redis)\nAnalytics pipeline\n"},
	},
	Run: func(p *lint.Pass) {
		reportProposals(p, clean.CollapsedTables(scanOf(p)), func(pr clean.Proposal) string {
			if len(pr.Edits) > 0 {
				return "table lost its markup: " + clean.Quote(pr.Text)
			}
			return "table lost its markup (" + pr.Fix + "); columns cannot be recovered: " + clean.Quote(pr.Text)
		})
	},
}

// SquashedCode splits code squashed onto one line, and reports the lines
// where a // comment swallowed the code after it.
var SquashedCode = &lint.Rule{
	ID:       "structure/squashed-code",
	Severity: lint.Warning,
	Summary:  "code squashed onto one line",
	Doc: `Text extraction can join the lines of a code block into one
("async function getUser() { try { … } catch (err) { … } }"). For
brace-and-semicolon languages the fix breaks the line after "{" and ";" and
before "}" (outside strings and parentheses) and indents by depth; braces
that hold no statement, such as object literals, stay inline. Where the line
holds a // comment followed by more code, the lines that followed the
comment in the original are now inside it and cannot be told apart: the rule
reports them without a fix. Lines with regex literals are left alone.`,
	Stage:   lint.StageClean,
	Fixable: true,
	Examples: []lint.Example{
		{
			Bad:   "async function getUser() { try { return await User.find(); } catch (err) { console.error(err); } }\n",
			Fixed: "async function getUser() {\n  try {\n    return await User.find();\n  } catch (err) {\n    console.error(err);\n  }\n}\n",
		},
		{Bad: "app.use((req, res, next) => { console.log(req.url); next(); // passes control on });\n"},
		{Good: "db.users.createIndex({ email: 1 }); // one statement\n"},
		{Good: "async function getUser() {\n  return await User.find();\n}\n"},
	},
	Run: func(p *lint.Pass) {
		reportProposals(p, clean.SquashedCode(scanOf(p)), func(pr clean.Proposal) string {
			if len(pr.Edits) == 0 {
				return "code squashed onto one line, and " + pr.Fix + ": " + clean.Quote(pr.Text)
			}
			return "code squashed onto one line: " + clean.Quote(pr.Text)
		})
	},
}

// scanOf returns the Scan of the pass's document that the clean-stage
// rules share.
func scanOf(p *lint.Pass) clean.Scan {
	return p.Memo(clean.ScanKey{}, func() any { return clean.NewScan(p.Doc.Text) }).(clean.Scan)
}
