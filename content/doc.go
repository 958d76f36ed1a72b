// Package content turns raw bytes into clean, structured text while keeping
// every piece traceable to its place in the raw file.
//
// The canonical coordinate is a byte offset. A Source holds the decoded text
// of a file exactly as it was read; every later version of the text (after
// mojibake repair, artifact removal, formatting repair) is a Doc that carries
// the chain of edits back to its Source. A position reported on repaired
// text is therefore always a raw path:line:column.
package content
