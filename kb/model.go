// Package kb compiles lint results into the canonical knowledge base: one
// entry per distinct problem, the best answer first, the provenance of
// every copy, and emitters for JSON and markdown.
package kb

// SchemaVersion is the version of kb.json. Minor versions add fields;
// a major version changes or removes one.
const SchemaVersion = "1.0"

// A KB is the knowledge base.
type KB struct {
	SchemaVersion string     `json:"schema_version"`
	Problems      []*Problem `json:"problems"`
}

// A Problem is one distinct question and its answers.
type Problem struct {
	// ID is derived from the normalised question, so it is stable across
	// builds and unaffected by unrelated sources.
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Question string    `json:"question"`
	Topic    string    `json:"topic"`
	Answers  []*Answer `json:"answers"`
	// Sources are every raw occurrence merged into the problem.
	Sources []Source `json:"sources"`
	// Related are IDs of problems about the same subject.
	Related []string `json:"related"`
}

// An Answer is one distinct answer; exact and near copies share one.
type Answer struct {
	Markdown string `json:"markdown"`
	// Sources are every copy of the answer, in source order.
	Sources []Source `json:"sources"`
	// Findings are the lint findings in any copy.
	Findings []FindingRef `json:"findings"`

	score int // how complete the answer is (see score in merge.go), for ranking
}

// A Source is a raw occurrence: the path as given and the 1-based raw line
// of the problem's title.
type Source struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

// A FindingRef is a lint finding inside an answer's raw text.
type FindingRef struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}
