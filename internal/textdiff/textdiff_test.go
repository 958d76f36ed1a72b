package textdiff

import "testing"

func TestUnified(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	b := "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\nthirteen"
	got := Unified("a/x", "b/x", a, b)
	want := `--- a/x
+++ b/x
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
@@ -10,3 +10,4 @@
 10
 11
 12
+thirteen
\ No newline at end of file
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if Unified("a", "b", a, a) != "" {
		t.Error("equal texts give a diff")
	}
}

func TestUnifiedAllNew(t *testing.T) {
	got := Unified("a", "b", "", "x\n")
	want := "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"
	if got != want {
		t.Errorf("got %q want %q", got, want)
	}
}
