package lint

import (
	"fmt"
	"strings"
)

// A Selector picks rules by ID or category prefix, as ruff's --select and
// --ignore do: "encoding" picks every encoding rule, "encoding/mojibake"
// one rule, "ALL" everything. Ignore wins over Select at the same
// specificity; a more specific pattern wins over a less specific one.
type Selector struct {
	sel, ign []string
}

// NewSelector checks every pattern against the known rules and returns the
// selector. An empty select list selects all rules.
func NewSelector(rules []*Rule, selectPats, ignorePats []string) (*Selector, error) {
	check := func(flag string, pats []string) ([]string, error) {
		var out []string
		for _, p := range pats {
			for _, q := range strings.Split(p, ",") {
				q = strings.TrimSpace(q)
				if q == "" {
					continue
				}
				if q != "ALL" && !anyRuleMatches(rules, q) {
					return nil, fmt.Errorf("--%s %q matches no rule (see `canon rules`)", flag, q)
				}
				out = append(out, q)
			}
		}
		return out, nil
	}
	sel, err := check("select", selectPats)
	if err != nil {
		return nil, err
	}
	ign, err := check("ignore", ignorePats)
	if err != nil {
		return nil, err
	}
	return &Selector{sel: sel, ign: ign}, nil
}

func anyRuleMatches(rules []*Rule, pat string) bool {
	for _, r := range rules {
		if patternMatches(pat, r.ID) >= 0 {
			return true
		}
	}
	return false
}

// patternMatches returns how specific a match of pat on id is (-1: none).
func patternMatches(pat, id string) int {
	switch {
	case pat == "ALL":
		return 0
	case pat == id:
		return 2
	case strings.HasPrefix(id, pat+"/"):
		return 1
	}
	return -1
}

// Matches reports whether findings of the rule with this ID are selected.
// A nil Selector selects everything.
func (s *Selector) Matches(id string) bool {
	if s == nil {
		return true
	}
	best := -1
	if len(s.sel) == 0 {
		best = 0
	}
	for _, p := range s.sel {
		if m := patternMatches(p, id); m > best {
			best = m
		}
	}
	if best < 0 {
		return false
	}
	for _, p := range s.ign {
		if m := patternMatches(p, id); m >= best {
			return false
		}
	}
	return true
}

// runs reports whether a rule needs to run: repair rules always do, since
// later stages read their repairs.
func (s *Selector) runs(r *Rule) bool {
	return r.Stage.repairs() || r.Stage == StageDecode || s.Matches(r.ID)
}
