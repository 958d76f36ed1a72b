// Command canon turns raw, damaged, scraped Q&A text into a clean,
// canonical knowledge base, and keeps it clean.
package main

import "os"

func main() {
	setMemoryLimit()
	deferFirstGC()
	os.Exit(Main(os.Args[1:], SystemIO()))
}
