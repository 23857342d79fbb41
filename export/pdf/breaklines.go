package pdf

import "strings"

// eps absorbs floating-point noise when comparing widths.
const eps = 0.01

// maxTracking is how much a line may be tightened in total, spread over its
// gaps, on top of squeezing its punctuation (half a cell: about 0.3 pt per
// gap on a full line, not visible).
const maxTracking = cellPitch / 2

// placedLine is one line of a paragraph: its units and the x of each glyph
// relative to the line's start.
type placedLine struct {
	glyphs []glyph
	xs     []float64
}

// breakLines breaks units into lines; widthOf(n) is the width available to
// line n. It applies 禁则: a line neither starts with closing punctuation nor
// ends with opening punctuation, first by pulling up to two punctuation
// marks into the line, squeezing punctuation (标点挤压) and tightening the
// line by at most maxTracking, else by pushing characters to the next line
// and spreading the rest. Latin words stay
// whole unless one alone is wider than a line. Every glyph of units appears
// exactly once, in order. Non-final lines are justified to the full width.
func breakLines(units []unit, widthOf func(n int) float64) []placedLine {
	return breakLinesOpt(units, widthOf, true)
}

// breakLinesOpt is breakLines with justification of non-final lines on or
// off (titles and centred lines are not justified).
func breakLinesOpt(units []unit, widthOf func(n int) float64, justify bool) []placedLine {
	units = append([]unit(nil), units...)
	var out []placedLine
	for i := 0; i < len(units); {
		avail := widthOf(len(out))
		j := fit(units, i, avail)
		if j == i && len(units[i].glyphs) > 1 {
			a, b := splitUnit(units[i], avail)
			units = append(units[:i], append([]unit{a, b}, units[i+1:]...)...)
			continue
		}
		if j == i {
			j = i + 1 // one glyph wider than the line: it stands alone
		}
		if j == len(units) {
			out = append(out, place(units[i:j], avail, false))
			break
		}
		k := legalBreak(units, i, j, avail)
		out = append(out, place(units[i:k], avail, justify))
		i = k
	}
	return out
}

// fit returns the end of the longest run of units from i that fits in
// avail; spaces may hang past the edge.
func fit(units []unit, i int, avail float64) int {
	w := 0.0
	j := i
	for j < len(units) {
		u := units[j]
		if !u.space && w+u.width > avail+eps {
			break
		}
		if !u.space {
			w += u.width
		} else if w+u.width <= avail+eps {
			w += u.width
		}
		j++
	}
	return j
}

// legal reports whether a line may end before units[k].
func legal(units []unit, k int) bool {
	if k <= 0 || k >= len(units) {
		return true
	}
	a, b := units[k-1], units[k]
	if b.noStart || a.noEnd {
		return false
	}
	ta, tb := a.text(), b.text()
	return !(ta == tb && strings.Contains(inseparable, ta))
}

// legalBreak picks where the line starting at i ends, given that units
// i..j fit: j when legal, else a pull within the squeeze budget, else a
// push, else j (nothing legal exists; the text is kept regardless).
func legalBreak(units []unit, i, j int, avail float64) int {
	if legal(units, j) {
		return j
	}
	for k := j + 1; k <= j+2 && k <= len(units); k++ {
		if legal(units, k) && overflow(units[i:k], avail) <= squeezable(units[i:k])+maxTracking+eps {
			return k
		}
	}
	for k := j - 1; k > i; k-- {
		if legal(units, k) {
			return k
		}
	}
	return j
}

// contentWidth is the width of units without trailing spaces.
func contentWidth(units []unit) float64 {
	w := 0.0
	for _, u := range trimSpaces(units) {
		w += u.width
	}
	return w
}

// trimSpaces drops trailing space units.
func trimSpaces(units []unit) []unit {
	n := len(units)
	for n > 0 && units[n-1].space {
		n--
	}
	return units[:n]
}

func overflow(units []unit, avail float64) float64 { return contentWidth(units) - avail }

func squeezable(units []unit) float64 {
	s := 0.0
	for _, u := range trimSpaces(units) {
		s += u.squeeze
	}
	return s
}

// place computes glyph positions of one line: squeezed when it overflows,
// spread over the gaps when justify is set and it falls short.
func place(units []unit, avail float64, justify bool) placedLine {
	content := trimSpaces(units)
	slack := avail - contentWidth(units)
	factor, gap := 0.0, 0.0
	if slack < -eps {
		s := squeezable(units)
		if s > 0 {
			factor = min(1, -slack/s)
		}
		if rest := -slack - s*factor; rest > eps && len(content) > 1 {
			gap = -rest / float64(len(content)-1)
		}
	} else if justify && slack > eps && len(content) > 1 {
		gap = slack / float64(len(content)-1)
		if gap > cellPitch {
			gap = 0
		}
	}
	var pl placedLine
	x := 0.0
	for n, u := range units {
		cut := u.squeeze * factor
		shift := 0.0
		if u.opening {
			shift = -cut
		}
		for _, g := range u.glyphs {
			pl.glyphs = append(pl.glyphs, g)
			pl.xs = append(pl.xs, x+g.off+shift)
			x += g.adv
		}
		x -= cut
		if n < len(content)-1 {
			x += gap
		}
	}
	return pl
}
