package lint

import (
	"context"
	"fmt"
)

// CheckExamples runs a rule on its own examples: every Bad must produce a
// finding of the rule, no Good may, and a Fixed must equal Bad with the
// rule's fixes applied. The other rules are included in the run, so that
// a rule that depends on repairs sees them, but only r's findings count.
func CheckExamples(r *Rule, others []*Rule) []error {
	rules := []*Rule{r}
	for _, o := range others {
		if o.ID != r.ID && (o.Stage.repairs() || o.Stage == StageDecode) {
			rules = append(rules, o)
		}
	}
	sel, err := NewSelector(rules, []string{r.ID}, nil)
	if err != nil {
		return []error{err}
	}
	opts := Options{Rules: rules, Select: sel, Workers: 1}
	var errs []error
	ctx := context.Background()
	for i, ex := range r.Examples {
		name := fmt.Sprintf("%s example %d", r.ID, i+1)
		if ex.Bad != "" {
			res, err := Run(ctx, []Input{BytesInput("bad.txt", []byte(ex.Bad))}, opts)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				continue
			}
			if len(res.Findings) == 0 {
				errs = append(errs, fmt.Errorf("%s: bad text gives no finding:\n%s", name, indent(ex.Bad)))
			}
		}
		if ex.Good != "" {
			res, err := Run(ctx, []Input{BytesInput("good.txt", []byte(ex.Good))}, opts)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				continue
			}
			for _, f := range res.Findings {
				errs = append(errs, fmt.Errorf("%s: good text gives a finding at %d:%d: %s\n%s", name, f.Line, f.Column, f.Message, indent(ex.Good)))
			}
		}
		if ex.Fixed != "" {
			fr, err := FixInput(ctx, BytesInput("bad.txt", []byte(ex.Bad)), opts)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				continue
			}
			if string(fr.Data) != ex.Fixed {
				errs = append(errs, fmt.Errorf("%s: fixed text is\n%s\nwant\n%s", name, indent(string(fr.Data)), indent(ex.Fixed)))
			}
		}
	}
	return errs
}

func indent(s string) string {
	out := []byte("\t")
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if s[i] == '\n' && i+1 < len(s) {
			out = append(out, '\t')
		}
	}
	return string(out)
}
