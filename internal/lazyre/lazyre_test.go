package lazyre

import (
	"reflect"
	"regexp"
	"testing"
)

func TestSameAsRegexp(t *testing.T) {
	const expr = `(?P<word>[a-z]+)(\d*)`
	l, re := New(expr), regexp.MustCompile(expr)
	if l.re != nil {
		t.Fatal("compiled before first use")
	}
	s := "abc12 de f3"
	for name, eq := range map[string]bool{
		"MatchString":                reflect.DeepEqual(l.MatchString(s), re.MatchString(s)),
		"FindString":                 l.FindString(s) == re.FindString(s),
		"FindStringIndex":            reflect.DeepEqual(l.FindStringIndex(s), re.FindStringIndex(s)),
		"FindStringSubmatch":         reflect.DeepEqual(l.FindStringSubmatch(s), re.FindStringSubmatch(s)),
		"FindStringSubmatchIndex":    reflect.DeepEqual(l.FindStringSubmatchIndex(s), re.FindStringSubmatchIndex(s)),
		"FindAllString":              reflect.DeepEqual(l.FindAllString(s, -1), re.FindAllString(s, -1)),
		"FindAllStringIndex":         reflect.DeepEqual(l.FindAllStringIndex(s, -1), re.FindAllStringIndex(s, -1)),
		"FindAllStringSubmatch":      reflect.DeepEqual(l.FindAllStringSubmatch(s, 2), re.FindAllStringSubmatch(s, 2)),
		"FindAllStringSubmatchIndex": reflect.DeepEqual(l.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1)),
		"ReplaceAllString":           l.ReplaceAllString(s, "<$word>") == re.ReplaceAllString(s, "<$word>"),
		"ReplaceAllStringFunc":       l.ReplaceAllStringFunc(s, func(x string) string { return x + x }) == re.ReplaceAllStringFunc(s, func(x string) string { return x + x }),
		"Split":                      reflect.DeepEqual(l.Split(s, -1), re.Split(s, -1)),
		"NumSubexp":                  l.NumSubexp() == re.NumSubexp(),
		"SubexpNames":                reflect.DeepEqual(l.SubexpNames(), re.SubexpNames()),
		"SubexpIndex":                l.SubexpIndex("word") == re.SubexpIndex("word"),
		"String":                     l.String() == re.String(),
	} {
		if !eq {
			t.Errorf("%s differs from regexp's", name)
		}
	}
}

func TestCompileAll(t *testing.T) {
	New(`ok`)
	if err := CompileAll(); err != nil {
		t.Fatal(err)
	}
	bad := New(`(`)
	if err := CompileAll(); err == nil {
		t.Error("CompileAll accepted an invalid pattern")
	}
	allMu.Lock()
	all = all[:len(all)-1] // leave the bad one out of later calls
	allMu.Unlock()
	_ = bad
}
