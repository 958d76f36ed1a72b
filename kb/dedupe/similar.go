package dedupe

// A Verdict is how two questions relate.
type Verdict int

// Verdicts, weakest first.
const (
	Different Verdict = iota
	Related           // about the same subject, asking something else
	Same              // the same question, worded differently
)

func (v Verdict) String() string {
	switch v {
	case Same:
		return "same"
	case Related:
		return "related"
	}
	return "different"
}

// CompareTerms compares two questions' terms; see CompareQuestions.
func CompareTerms(a, b Terms, th Thresholds) (float64, Verdict) {
	return compare(a, b, true, th)
}

// CompareQuestions compares two analysed questions. The similarity is the
// weighted Jaccard index of their terms (an aside counts asideWeight, a
// shared term its larger weight). They are the same question when
//   - they ask for the same kind of answer (their intents agree),
//   - neither names something the other does not ("in Magento", "HTTP/3":
//     a narrower or a neighbouring question), and
//   - one only adds words in passing (Term.Aside) to the other and the
//     similarity reaches th.Subset ("How does JWT work? Explain the
//     complete flow."), or else it reaches th.Same. A word added to the
//     main clause changes what is asked ("What's inside a presigned
//     URL?", "eventual and strong consistency"), and each adding its own
//     words is the mark of sibling questions ("… without blocking the
//     event loop", "… without blocking the user"), so th.Same is the
//     higher bar.
//
// They are related when the similarity reaches th.Related.
func CompareQuestions(a, b Question, th Thresholds) (float64, Verdict) {
	return compare(a.Terms, b.Terms, a.Intents.compatible(b.Intents), th)
}

// conflict reports whether two wordings cannot be one question whatever
// their similarity: they ask for different kinds of answer, or one names
// something the other does not.
func conflict(a, b Question) bool {
	if !a.Intents.compatible(b.Intents) {
		return true
	}
	i, j := 0, 0
	for i < len(a.Terms) || j < len(b.Terms) {
		switch {
		case j == len(b.Terms) || i < len(a.Terms) && a.Terms[i].Stem < b.Terms[j].Stem:
			if a.Terms[i].Specific {
				return true
			}
			i++
		case i == len(a.Terms) || b.Terms[j].Stem < a.Terms[i].Stem:
			if b.Terms[j].Specific {
				return true
			}
			j++
		default:
			i++
			j++
		}
	}
	return false
}

func compare(a, b Terms, sameIntent bool, th Thresholds) (float64, Verdict) {
	if len(a) == 0 || len(b) == 0 {
		return 0, Different
	}
	var inter, onlyA, onlyB float64
	specA, specB := false, false
	mainA, mainB := false, false // a term of the main clause only one has
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].Stem < b[j].Stem:
			onlyA += a[i].weight()
			specA = specA || a[i].Specific
			mainA = mainA || !a[i].Aside
			i++
		case i == len(a) || b[j].Stem < a[i].Stem:
			onlyB += b[j].weight()
			specB = specB || b[j].Specific
			mainB = mainB || !b[j].Aside
			j++
		default:
			inter += max(a[i].weight(), b[j].weight())
			i++
			j++
		}
	}
	sim := inter / (inter + onlyA + onlyB)
	switch {
	case !sameIntent || specA || specB:
	case (onlyA == 0 && !mainB || onlyB == 0 && !mainA) && sim >= th.Subset:
		return sim, Same
	case sim >= th.Same:
		return sim, Same
	}
	if sim >= th.Related {
		return sim, Related
	}
	return sim, Different
}

// Jaccard returns |a∩b| / |a∪b| and |a∩b| / min(|a|,|b|) for two sorted
// sets of hashes.
func Jaccard(a, b []uint64) (jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	inter, _ := Intersection(a, b, 0)
	small := min(len(a), len(b))
	return float64(inter) / float64(len(a)+len(b)-inter), float64(inter) / float64(small)
}

// Intersection returns |a∩b| for two sorted sets of hashes, or false as
// soon as the count can no longer reach need (need 0 always counts to the
// end).
func Intersection(a, b []uint64, need int) (int, bool) {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if inter+min(len(a)-i, len(b)-j) < need {
			return inter, false
		}
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return inter, inter >= need
}
