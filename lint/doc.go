// Package lint is canon's rule engine: rules with stable IDs and docs, the
// pipeline that runs them over documents (repair stages first, then checks
// on the segmented problems, then checks across documents), findings with
// raw positions, and fixes as edits.
//
// A Rule is a value, as an analysis.Analyzer is: built-in rules written in
// Go and declarative rules loaded from YAML compile to the same struct.
package lint
