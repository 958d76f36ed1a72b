package mojibake

import (
	"strings"
	"sync"

	"golang.org/x/text/unicode/runenames"
)

// Box-drawing characters connect to their neighbours through arms. When a
// lost byte leaves several box characters possible, the one whose arms
// meet the lines around it is the one the author drew.

const (
	armLeft = iota
	armRight
	armUp
	armDown
)

// arms holds, per direction, 0 for no arm or the weight: 1 light, 2 heavy,
// 3 double.
type arms [4]uint8

var (
	boxOnce sync.Once
	boxArms [0x100]arms // U+2500-U+25FF
)

func initBox() {
	boxOnce.Do(func() {
		for r := rune(0x2500); r < 0x2580; r++ {
			boxArms[r-0x2500] = parseBoxName(runenames.Name(r))
		}
		for _, r := range "▶►▷▸▹" {
			boxArms[r-0x2500][armLeft] = 1
		}
		for _, r := range "◀◄◁◂◃" {
			boxArms[r-0x2500][armRight] = 1
		}
		for _, r := range "▼▽▾▿" {
			boxArms[r-0x2500][armUp] = 1
		}
		for _, r := range "▲△▴▵" {
			boxArms[r-0x2500][armDown] = 1
		}
	})
}

// parseBoxName reads the arms of a box-drawing character from its Unicode
// name: "BOX DRAWINGS DOWN LIGHT AND RIGHT HEAVY", "BOX DRAWINGS DOUBLE
// HORIZONTAL", "BOX DRAWINGS LIGHT ARC DOWN AND LEFT", ...
func parseBoxName(name string) arms {
	var a arms
	name, ok := strings.CutPrefix(name, "BOX DRAWINGS ")
	if !ok || strings.Contains(name, "DIAGONAL") {
		return a
	}
	words := strings.Fields(name)
	// "DOUBLE DASH" and friends describe the stroke, not a double line.
	for i := 0; i+1 < len(words); i++ {
		if words[i+1] == "DASH" {
			words[i] = ""
		}
	}
	weightOf := func(w string) uint8 {
		switch w {
		case "LIGHT", "SINGLE":
			return 1
		case "HEAVY":
			return 2
		case "DOUBLE":
			return 3
		}
		return 0
	}
	var def uint8 = 1
	first := true
	for _, part := range strings.Split(strings.Join(words, " "), " AND ") {
		var w uint8
		var dirs []int
		for i, t := range strings.Fields(part) {
			if x := weightOf(t); x != 0 {
				w = x
				if first && i == 0 {
					def = x
				}
				continue
			}
			switch t {
			case "LEFT":
				dirs = append(dirs, armLeft)
			case "RIGHT":
				dirs = append(dirs, armRight)
			case "UP":
				dirs = append(dirs, armUp)
			case "DOWN":
				dirs = append(dirs, armDown)
			case "HORIZONTAL":
				dirs = append(dirs, armLeft, armRight)
			case "VERTICAL":
				dirs = append(dirs, armUp, armDown)
			}
		}
		if w == 0 {
			w = def
		}
		for _, d := range dirs {
			a[d] = w
		}
		first = false
	}
	return a
}

func armsOf(r rune) arms {
	if r >= 0x2500 && r <= 0x25FF {
		initBox()
		return boxArms[r-0x2500]
	}
	return arms{}
}

// boxJoin is the cost of box characters a and b side by side: negative
// when their arms meet with the same weight, positive when an arm runs
// into a neighbour that has none.
func boxJoin(a, b rune) float32 {
	ra, lb := armsOf(a)[armRight], armsOf(b)[armLeft]
	switch {
	case ra == 0 && lb == 0:
		return -1 // box characters side by side: a drawing
	case ra == lb:
		return -2
	case ra != 0 && lb != 0:
		return -0.5
	}
	return 0.5
}
