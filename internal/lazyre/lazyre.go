// Package lazyre holds regular expressions compiled on first use. A
// package-level regexp.MustCompile runs at every process start whether or
// not the process needs it; canon's packages hold about a hundred, and a
// short run (a pre-commit lint of one file, canon version) needs a part
// of them. A Regexp has the methods of regexp.Regexp that canon uses.
package lazyre

import (
	"regexp"
	"sync"
)

// A Regexp is a regular expression compiled when first used.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

var (
	allMu sync.Mutex
	all   []*Regexp
)

// New returns expr, to be compiled on first use. An invalid expr panics
// then, as regexp.MustCompile would at start-up; CompileAll finds it in a
// test.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	allMu.Lock()
	all = append(all, r)
	allMu.Unlock()
	return r
}

// CompileAll compiles every Regexp made so far (by the packages a test
// imports) and returns the first error.
func CompileAll() error {
	allMu.Lock()
	list := append([]*Regexp(nil), all...)
	allMu.Unlock()
	for _, r := range list {
		if _, err := regexp.Compile(r.expr); err != nil {
			return err
		}
	}
	return nil
}

// Regexp returns the compiled regexp.
func (r *Regexp) Regexp() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

// String returns the source text.
func (r *Regexp) String() string { return r.expr }

// The methods below are regexp.Regexp's, on the compiled regexp.

func (r *Regexp) MatchString(s string) bool { return r.Regexp().MatchString(s) }

func (r *Regexp) FindString(s string) string { return r.Regexp().FindString(s) }

func (r *Regexp) FindStringIndex(s string) []int { return r.Regexp().FindStringIndex(s) }

func (r *Regexp) FindStringSubmatch(s string) []string { return r.Regexp().FindStringSubmatch(s) }

func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.Regexp().FindStringSubmatchIndex(s)
}

func (r *Regexp) FindAllString(s string, n int) []string { return r.Regexp().FindAllString(s, n) }

func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringIndex(s, n)
}

func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.Regexp().FindAllStringSubmatch(s, n)
}

func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.Regexp().FindAllStringSubmatchIndex(s, n)
}

func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Regexp().ReplaceAllString(src, repl)
}

func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.Regexp().ReplaceAllStringFunc(src, repl)
}

func (r *Regexp) Split(s string, n int) []string { return r.Regexp().Split(s, n) }

func (r *Regexp) NumSubexp() int { return r.Regexp().NumSubexp() }

func (r *Regexp) SubexpNames() []string { return r.Regexp().SubexpNames() }

func (r *Regexp) SubexpIndex(name string) int { return r.Regexp().SubexpIndex(name) }
