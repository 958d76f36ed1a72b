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

// specificWeight is how much more a name (an acronym, a product) counts
// than a common word when questions are compared: "What is CAP?" and "How
// does CAP apply to MongoDB?" differ by a name, which changes the question
// more than "Explain the complete flow" does.
const specificWeight = 2

func weight(t Term) float64 {
	if t.Specific {
		return specificWeight
	}
	return 1
}

// CompareTerms compares two questions' terms. The similarity is a weighted
// Jaccard index. Two questions are the same when it reaches th.Same, or
// when one only adds common words to the other and it reaches th.Subset;
// never when either names something the other does not ("in Magento",
// "HTTP/3"). They are related when it reaches th.Related.
func CompareTerms(a, b Terms, th Thresholds) (float64, Verdict) {
	return compare(a, b, true, th)
}

// CompareQuestions compares two analysed questions: as CompareTerms, but
// questions asking for different kinds of answer ("What is sharding?",
// "When should you shard?") are at most related.
func CompareQuestions(a, b Question, th Thresholds) (float64, Verdict) {
	return compare(a.Terms, b.Terms, a.Intents.compatible(b.Intents), th)
}

func compare(a, b Terms, sameIntent bool, th Thresholds) (float64, Verdict) {
	if len(a) == 0 || len(b) == 0 {
		return 0, Different
	}
	var inter, onlyA, onlyB float64
	specA, specB := false, false
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].Stem < b[j].Stem:
			onlyA += weight(a[i])
			specA = specA || a[i].Specific
			i++
		case i == len(a) || b[j].Stem < a[i].Stem:
			onlyB += weight(b[j])
			specB = specB || b[j].Specific
			j++
		default:
			w := weight(a[i])
			if wb := weight(b[j]); wb > w {
				w = wb
			}
			inter += w
			i++
			j++
		}
	}
	sim := inter / (inter + onlyA + onlyB)
	switch {
	case !sameIntent:
	case specA || specB:
		// One asks about something the other does not name: narrower
		// ("How does CAP apply to MongoDB?") or beside it ("HTTP/3").
	case sim >= th.Same:
		return sim, Same
	case sim >= th.Subset && (onlyA == 0 || onlyB == 0):
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
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
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
	small := min(len(a), len(b))
	return float64(inter) / float64(len(a)+len(b)-inter), float64(inter) / float64(small)
}
