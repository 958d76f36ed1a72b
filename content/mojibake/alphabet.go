package mojibake

import "unicode"

// alphabets are the letters beyond ASCII of languages written with the
// Latin alphabet. The right reading of a text gives the letters of one
// language; a wrong code page mixes letters of several ("şmonës" for
// Lithuanian "žmonės", "Zaşółć" for Polish "Zażółć").
var alphabets = []string{
	"àâæçéèêëîïôœùûüÿ", "äöüß", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "éëïóöü",
	"àçéèíïòóúü", "åäöéü", "æøåé", "áðéíóúýþæö", "ąćęłńóśźż", "áčďéěíňóřšťúůýž",
	"áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "ăâîșțşţ", "čćđšž", "çğıöşüâî", "ąčęėįšųūž",
	"āčēģīķļņšūž", "äõöüšž",
}

// alphabetCost is the cost of the accented Latin letters counted in
// counts that fall outside the one alphabet that covers most of them.
func alphabetCost(counts map[rune]int) float32 {
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return 0
	}
	best := 0
	for _, a := range alphabets {
		n := 0
		for _, r := range a {
			n += counts[r]
		}
		best = max(best, n)
	}
	return 2 * float32(total-best)
}

// countLetter adds r to counts when it is an accented Latin letter.
func countLetter(counts map[rune]int, r rune) {
	if r >= 0xC0 && r < 0x250 && unicode.IsLetter(r) {
		counts[unicode.ToLower(r)]++
	}
}

// AlphabetCost scores how many of text's accented Latin letters fall
// outside the alphabet of one language; legacy decoding adds it to Cost.
func AlphabetCost(text string) float64 {
	counts := map[rune]int{}
	for _, r := range text {
		countLetter(counts, r)
	}
	return float64(alphabetCost(counts))
}

// bestAlphabet returns the alphabet that covers most of counts, or "".
func bestAlphabet(counts map[rune]int) string {
	best, bestN := "", 0
	for _, a := range alphabets {
		n := 0
		for _, r := range a {
			n += counts[r]
		}
		if n > bestN {
			best, bestN = a, n
		}
	}
	return best
}
