// Package yamlstrict decodes YAML configuration strictly: every key must
// name a field, every value must have the field's shape, and every mistake
// is an error naming file:line:col. yaml.v3 parses; its own KnownFields
// works only on streams and reports lines without columns, so the walk
// over the node tree is ours.
package yamlstrict

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/canon-kb/canon/internal/lazyre"
)

// An Error is a mistake in a YAML file, at the position of the YAML node
// that holds it.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg) }

// A Str is a scalar with the position it was written at, so that a later
// check (a regular expression that does not compile, an unknown severity)
// can name the place.
type Str struct {
	V         string
	Line, Col int
}

// A Flag is an optional boolean with its position.
type Flag struct {
	V, Set    bool
	Line, Col int
}

// A Number is an optional float with its position.
type Number struct {
	V         float64
	Set       bool
	Line, Col int
}

// A Pos field of a struct receives the position of the mapping it is
// decoded from.
type Pos struct{ Line, Col int }

var (
	posType    = reflect.TypeOf(Pos{})
	strType    = reflect.TypeOf(Str{})
	flagType   = reflect.TypeOf(Flag{})
	numberType = reflect.TypeOf(Number{})
	nodeType   = reflect.TypeOf(yaml.Node{})
)

// A Decoder fills structs from yaml nodes strictly: every key must name a
// field (by its yaml tag), every value must have the field's shape, and
// each mistake is reported at its node. yaml.v3's own KnownFields works
// only on streams and reports lines without columns, so the walk is ours;
// yaml.v3 still does all the parsing.
type Decoder struct {
	File string
	Errs []error
}

func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Errs = append(d.Errs, &Error{File: d.File, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// ErrorAt records an error at a position found by an earlier decode.
func (d *Decoder) ErrorAt(line, col int, format string, args ...any) {
	d.Errs = append(d.Errs, &Error{File: d.File, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Err returns every error so far, joined.
func (d *Decoder) Err() error { return errors.Join(d.Errs...) }

// Parse reads a YAML document into its root node.
func (d *Decoder) Parse(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		d.Errs = append(d.Errs, &Error{File: d.File, Line: line, Col: 1, Msg: msg})
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// yaml.v3 reports syntax errors only as text ("yaml: line 3: …"); the line
// is taken from it so the error still names the place.
var yamlLineRE = lazyre.New(`^yaml: line (\d+): (.*)$`)

func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, "invalid YAML: " + m[2]
	}
	return 1, "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")
}

// Decode fills v (a pointer) from n.
func (d *Decoder) Decode(n *yaml.Node, v any) {
	d.value(n, reflect.ValueOf(v).Elem())
}

func (d *Decoder) value(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch t := v.Type(); {
	case t == nodeType:
		v.Set(reflect.ValueOf(*n))
	case t == strType:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.Errorf(n, "want a string, got %s", describe(n))
			return
		}
		v.Set(reflect.ValueOf(Str{V: n.Value, Line: n.Line, Col: n.Column}))
	case t == flagType:
		var b bool
		if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
			d.Errorf(n, "want true or false, got %s", describe(n))
			return
		}
		v.Set(reflect.ValueOf(Flag{V: b, Set: true, Line: n.Line, Col: n.Column}))
	case t == numberType:
		var f float64
		if n.Kind != yaml.ScalarNode || n.Decode(&f) != nil {
			d.Errorf(n, "want a number, got %s", describe(n))
			return
		}
		v.Set(reflect.ValueOf(Number{V: f, Set: true, Line: n.Line, Col: n.Column}))
	case t.Kind() == reflect.Slice:
		items := n.Content
		if n.Kind != yaml.SequenceNode {
			// A single value where a list is expected is a list of one.
			items = []*yaml.Node{n}
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			d.value(item, s.Index(i))
		}
		v.Set(s)
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "want a mapping, got %s", describe(n))
			return
		}
		m := reflect.MakeMap(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if m.MapIndex(reflect.ValueOf(k.Value)).IsValid() {
				d.Errorf(k, "duplicate key %q", k.Value)
				continue
			}
			e := reflect.New(t.Elem()).Elem()
			d.value(val, e)
			m.SetMapIndex(reflect.ValueOf(k.Value), e)
		}
		v.Set(m)
	case t.Kind() == reflect.Struct:
		d.fields(n, v)
	default:
		panic(fmt.Sprintf("yamlstrict: cannot decode into %s", t))
	}
}

// fields fills a struct from a mapping, rejecting unknown and repeated keys.
func (d *Decoder) fields(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "want a mapping, got %s", describe(n))
		return
	}
	t := v.Type()
	index := map[string]int{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == posType {
			v.Field(i).Set(reflect.ValueOf(Pos{n.Line, n.Column}))
			continue
		}
		name := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		index[name] = i
		names = append(names, name)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		fi, ok := index[k.Value]
		switch {
		case !ok:
			d.Errorf(k, "unknown key %q%s", k.Value, suggest(k.Value, names))
			continue
		case seen[k.Value]:
			d.Errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		d.value(val, v.Field(fi))
	}
}

// suggest names the closest known key, for a likely typo.
func suggest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if dd := editDistance(key, n); dd < bestD {
			best, bestD = n, dd
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return fmt.Sprintf(" (known keys: %s)", strings.Join(names, ", "))
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}
