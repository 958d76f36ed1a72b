//go:build race

package ruleset

// raceEnabled makes the slowest checks sample their input: the race
// detector runs regexps about twenty times slower.
const raceEnabled = true
