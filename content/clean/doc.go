// Package clean finds what scraping and format conversion left in a text
// and proposes the edits that remove or repair it: page chrome of the sites
// and tools the text came through (artifacts), and formatting the
// conversion lost (bullets split from their items, inline code glued to
// the words around it, tables run together, code squashed onto one line).
//
// It proposes; it never decides. Every detector returns Proposals, each a
// span, a message and the edits that would repair it, in the coordinates of
// the text it was given. The lint rules in lint/rules/artifact and
// lint/rules/structure turn proposals into findings with fixes, and the
// pipeline applies those fixes before the text is segmented.
//
// The line classifiers here (code, diagram, prose, heading) are shared with
// content/segment, so that cleaning and segmentation agree on what a line is.
package clean
