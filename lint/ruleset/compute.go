package ruleset

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/canon-kb/canon/internal/lazyre"
	"github.com/canon-kb/canon/lint/prose"
)

// A computation checks the arithmetic of a sentence: it pulls the numbers
// out, computes what they must be, and explains the difference. Rule files
// name one with `check:`; the patterns only find candidate sentences.
type computation struct {
	doc string
	// fn checks sentence t; before returns the text of the units before
	// this one in the same section, nearest first, for quantities the
	// sentence takes from its context ("User selects a 1 GB file").
	fn func(t string, before func() []string) (detail string, wrong bool)
}

var computations = map[string]computation{
	"zero-based-rank": {
		doc: "a 0-based rank (Redis ZRANK/ZREVRANK) read as a 1-based place: rank N is place N+1",
		fn:  checkZeroBasedRank,
	},
	"kafka-commit-offset": {
		doc: "Kafka's committed offset is the next record to read: a consumer resumes at it, so committing the offset just read re-reads that record",
		fn:  checkKafkaCommit,
	},
	"chunk-count": {
		doc: "a file of size T in chunks of size S makes ceil(T/S) chunks; decimal and binary units give different counts",
		fn:  checkChunkCount,
	},
}

func computationNames() string {
	var names []string
	for n := range computations {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

var (
	rankReplyRE = lazyre.New(`\b(?:rank(?:ed)?|returns?|reply|replies|answers?|says|result(?: is)?|gives?|index)\s*(?:of\s*|is\s*|=\s*|with\s*)?#?(\d+)\b`)
	ordinalRE   = lazyre.New(`\b(\d+)(?:st|nd|rd|th)\b|\b(?:place|position|spot)\s*(?:#|number\s*)?(\d+)\b`)
)

// checkZeroBasedRank flags "ZREVRANK returns rank 42 -> 42nd place".
func checkZeroBasedRank(t string, _ func() []string) (string, bool) {
	r := rankReplyRE.FindStringSubmatchIndex(t)
	if r == nil {
		return "", false
	}
	rank, _ := strconv.Atoi(t[r[2]:r[3]])
	o := ordinalRE.FindStringSubmatch(t[r[1]:])
	if o == nil {
		return "", false
	}
	place, _ := strconv.Atoi(o[1] + o[2])
	if place != rank {
		return "", false
	}
	return fmt.Sprintf("rank %d is 0-based, so it is place %d, not %d", rank, rank+1, place), true
}

var (
	kafkaReadRE    = lazyre.New(`\b(?:reads?|read|consumes?|consumed|fetche?s?|fetched|polls?|polled|processe?s?|processed|receives?|received)\s+(?:message|record|event)?\s*(?:at\s+)?(?:offset\s+)?(\d+)\b`)
	kafkaCommitRE  = lazyre.New(`\bcommit(?:s|ted|ting)?\s+(?:the\s+)?(?:offset\s+)?(\d+)\b`)
	kafkaRestartRE = lazyre.New(`\b(?:restart(?:s|ed)?|resume[sd]?|continue[sd]?|start(?:s|ed)? again|pick(?:s|ed)? up|re-?reads?)\s+(?:reading\s+)?(?:from|at)\s+(?:offset\s+)?(\d+)\b`)
	kafkaLossRE    = lazyre.New(`\b(?:lost|loses?|skipped|skips?|never (?:processed|delivered|read)|dropped)\b`)
	kafkaDupRE     = lazyre.New(`\b(?:duplicates?|duplicated|re-?process(?:ed)?|processed again|read again|delivered again|redeliver(?:ed|y)?)\b`)
)

// checkKafkaCommit flags offset stories whose outcome does not follow
// from "the committed offset is the next record to read".
func checkKafkaCommit(t string, _ func() []string) (string, bool) {
	c := kafkaCommitRE.FindStringSubmatch(t)
	if c == nil {
		return "", false
	}
	commit, _ := strconv.Atoi(c[1])
	if s := kafkaRestartRE.FindStringSubmatch(t); s != nil {
		if restart, _ := strconv.Atoi(s[1]); restart != commit {
			return fmt.Sprintf("after committing %d a consumer resumes at offset %d, not %d", commit, commit, restart), true
		}
	}
	r := kafkaReadRE.FindStringSubmatch(t)
	if r == nil {
		return "", false
	}
	read, _ := strconv.Atoi(r[1])
	switch {
	case kafkaLossRE.MatchString(t) && commit <= read:
		return fmt.Sprintf("committing %d after reading %d makes the consumer resume at %d, so record %d is read again, not lost (at-most-once commits %d before processing)", commit, read, commit, read, read+1), true
	case kafkaDupRE.MatchString(t) && commit > read:
		return fmt.Sprintf("after committing %d the consumer resumes at %d, so record %d is not processed again", commit, commit, read), true
	}
	return "", false
}

var (
	sizeRE  = lazyre.New(`\b(\d+(?:\.\d+)?)\s?(kb|mb|gb|tb|kib|mib|gib|tib|kilobytes?|megabytes?|gigabytes?|terabytes?)\b`)
	countRE = lazyre.New(`\b(\d+)\s+(?:equal\s+)?(?:chunks|parts|pieces|segments|blocks)\b`)
)

type size struct {
	n    float64
	unit string
}

// bytes returns the size in bytes, decimal and binary. A unit spelt with
// "i" (MiB) is binary either way.
func (s size) bytes() (si, bin float64) {
	u := s.unit
	exp := map[byte]float64{'k': 1, 'm': 2, 'g': 3, 't': 4}[u[0]]
	bin = s.n * math.Pow(1024, exp)
	if strings.Contains(u, "ib") {
		return bin, bin
	}
	return s.n * math.Pow(1000, exp), bin
}

var unitNames = map[string]string{"kb": "kB", "mb": "MB", "gb": "GB", "tb": "TB", "kib": "KiB", "mib": "MiB", "gib": "GiB", "tib": "TiB"}

func (s size) String() string {
	return strconv.FormatFloat(s.n, 'f', -1, 64) + " " + unitNames[s.unit]
}

func parseSizes(t string) []size {
	var out []size
	for _, m := range sizeRE.FindAllStringSubmatch(t, -1) {
		n, _ := strconv.ParseFloat(m[1], 64)
		unit := m[2]
		switch {
		case strings.HasPrefix(unit, "kilo"):
			unit = "kb"
		case strings.HasPrefix(unit, "mega"):
			unit = "mb"
		case strings.HasPrefix(unit, "giga"):
			unit = "gb"
		case strings.HasPrefix(unit, "tera"):
			unit = "tb"
		}
		out = append(out, size{n, unit})
	}
	return out
}

var (
	// The chunk size: "5 MB chunks", "chunks of 5 MB", "chunks (5 MB
	// each)", "5 MB each".
	chunkSizeRE = lazyre.New(`\b(\d+(?:\.\d+)?\s?(?:kb|mb|gb|tb|kib|mib|gib|tib))\s(?:chunks|parts|pieces|segments|blocks)\b|\b(?:chunks|parts|pieces|segments|blocks)\s(?:of\s|\()(\d+(?:\.\d+)?\s?(?:kb|mb|gb|tb|kib|mib|gib|tib))\b|\b(\d+(?:\.\d+)?\s?(?:kb|mb|gb|tb|kib|mib|gib|tib))\s(?:each|per (?:chunk|part|piece))\b`)
)

// checkChunkCount flags "a 1 GB file splits into 200 chunks of 5 MB" when
// the count is right only in decimal units, or in neither.
func checkChunkCount(t string, before func() []string) (string, bool) {
	cm := countRE.FindStringSubmatchIndex(t)
	if cm == nil {
		return "", false
	}
	count, _ := strconv.Atoi(t[cm[2]:cm[3]])
	sm := chunkSizeRE.FindStringSubmatchIndex(t)
	if sm == nil {
		return "", false
	}
	var chunkText string
	for g := 1; g <= 3; g++ {
		if sm[2*g] >= 0 {
			chunkText = t[sm[2*g]:sm[2*g+1]]
		}
	}
	chunk := parseSizes(chunkText)[0]
	// The total is a size outside the chunk-size phrase, before it, or in
	// the units before this one.
	var total *size
	if s := parseSizes(t[:min(sm[0], cm[0])]); len(s) > 0 {
		total = &s[len(s)-1]
	} else {
		for _, b := range before() {
			if s := parseSizes(b); len(s) > 0 {
				total = &s[len(s)-1]
				break
			}
		}
	}
	if total == nil {
		return "", false
	}
	tsi, tbin := total.bytes()
	csi, cbin := chunk.bytes()
	if csi == 0 || cbin == 0 || tsi <= csi {
		return "", false
	}
	nsi, nbin := int(math.Ceil(tsi/csi-1e-9)), int(math.Ceil(tbin/cbin-1e-9))
	switch {
	case count == nbin:
		return "", false
	case count == nsi:
		tail := tbin - float64(nbin-1)*cbin
		return fmt.Sprintf("%d chunks holds only in decimal units; in binary units (%s = %.0f MiB, %s chunks) it is ceil(size/chunk) = %d, the last one %.4g MiB",
			count, total, tbin/(1<<20), chunk, nbin, tail/(1<<20)), true
	}
	return fmt.Sprintf("%s in chunks of %s makes ceil(size/chunk) = %d chunks (%d in binary units), not %d", total, chunk, nsi, nbin, count), true
}

// unitsBefore returns the normalised text of up to n units before unit i
// in the same section (same heading and title), nearest first.
func unitsBefore(d *prose.Doc, i, n int) []string {
	var out []string
	u := d.Units[i]
	for j := i - 1; j >= 0 && len(out) < n; j-- {
		p := d.Units[j]
		if p.Title != u.Title || p.Kind == prose.Title || p.Kind == prose.Heading && j != u.Heading {
			break
		}
		out = append(out, d.UnitText(j))
	}
	return out
}
