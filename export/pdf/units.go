package pdf

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Punctuation classes for line breaking (禁则).
const (
	// noLineStart may not begin a line.
	noLineStart = "，。、；：？！）》」』”’〕】〉］｝"
	// noLineEnd may not end a line.
	noLineEnd = "（《「『“‘〔【〈［｛"
	// asciiNoStart and asciiNoEnd are their half-width cousins, checked at
	// the edges of Latin words.
	asciiNoStart = ",.;:?!)]}%"
	asciiNoEnd   = "([{"
	// inseparable pairs (—— and ……) are never split across lines.
	inseparable = "—…"
)

// glyph is one character placed in a unit: its face, the pen advance it
// takes on the line and the offset of its origin inside that advance.
type glyph struct {
	r    rune
	face *Face
	adv  float64
	off  float64
	st   *style // how the glyph is set (role, size, colour)
}

// unit is what line breaking moves as a whole: one full-width character, one
// Latin word or number, or one space.
type unit struct {
	glyphs  []glyph
	width   float64
	space   bool
	noStart bool
	noEnd   bool
	squeeze float64 // how much the unit may be narrowed (full-width punctuation)
	opening bool    // squeeze from the left (opening punctuation)
}

// style is how a stretch of text is set: role (font), size, colour, and the
// pitch of full-width characters (the grid cell; 0 means the size).
type style struct {
	role  Role
	size  float64
	cell  float64
	color Color
}

// pitch is the advance of a full-width character.
func (st style) pitch() float64 {
	if st.cell > 0 {
		return st.cell
	}
	return st.size
}

// segment cuts text into units. Every rune of text ends in exactly one
// glyph of exactly one unit, in order.
func segment(text string, st style, fs *Fonts) []unit {
	var units []unit
	var word []glyph
	stp := &st
	flush := func() {
		if len(word) > 0 {
			units = append(units, latinUnit(word))
			word = nil
		}
	}
	for _, r := range text {
		switch {
		case isSpace(r):
			flush()
			units = append(units, unit{glyphs: []glyph{narrowGlyph(r, stp, fs)}, space: true})
			units[len(units)-1].width = units[len(units)-1].glyphs[0].adv
		case isWide(r):
			flush()
			units = append(units, wideUnit(r, stp, fs))
		default:
			word = append(word, narrowGlyph(r, stp, fs))
		}
	}
	flush()
	return units
}

// isSpace reports half-width spaces and control characters (drawn as
// nothing but kept in the text).
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || (unicode.IsSpace(r) && !isWide(r)) || unicode.IsControl(r)
}

// isWide reports characters set on the full-width grid: East Asian wide and
// fullwidth characters, and ambiguous-width punctuation and symbols from
// U+2000 on (“” — … ① and the like), which Chinese fonts draw full-width.
func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	case width.EastAsianAmbiguous:
		return r >= 0x2000
	}
	return r >= 0x20000 && r <= 0x3FFFF
}

// narrowGlyph sets r at its natural advance.
func narrowGlyph(r rune, st *style, fs *Fonts) glyph {
	f, _ := fs.faceFor(st.role, r)
	if unicode.IsControl(r) {
		return glyph{r: r, face: f, st: st}
	}
	return glyph{r: r, face: f, adv: f.advance(r) * st.size, st: st}
}

// wideUnit sets a full-width character in one grid cell.
func wideUnit(r rune, st *style, fs *Fonts) unit {
	f, _ := fs.faceFor(st.role, r)
	cell := st.pitch()
	nat := f.advance(r) * st.size
	off := (cell - nat) / 2
	switch r {
	case '“', '‘':
		off = cell - nat
	case '”', '’':
		off = 0
	}
	u := unit{glyphs: []glyph{{r: r, face: f, adv: cell, off: off, st: st}}, width: cell}
	u.noStart = strings.ContainsRune(noLineStart, r)
	u.noEnd = strings.ContainsRune(noLineEnd, r)
	if u.noStart || u.noEnd || strings.ContainsRune("、，。；：？！", r) {
		u.squeeze = cell / 2
		u.opening = u.noEnd
	}
	return u
}

// latinUnit groups a Latin word, number or other narrow run.
func latinUnit(g []glyph) unit {
	u := unit{glyphs: g}
	for _, x := range g {
		u.width += x.adv
	}
	u.noStart = strings.ContainsRune(asciiNoStart, g[0].r)
	u.noEnd = strings.ContainsRune(asciiNoEnd, g[len(g)-1].r)
	return u
}

// splitUnit cuts a unit wider than avail after as many glyphs as fit
// (at least one).
func splitUnit(u unit, avail float64) (unit, unit) {
	w, k := 0.0, 0
	for k < len(u.glyphs)-1 && w+u.glyphs[k].adv <= avail {
		w += u.glyphs[k].adv
		k++
	}
	if k == 0 {
		k = 1
	}
	a := latinUnit(append([]glyph(nil), u.glyphs[:k]...))
	b := latinUnit(append([]glyph(nil), u.glyphs[k:]...))
	return a, b
}

// text returns the characters of the unit.
func (u unit) text() string {
	var b strings.Builder
	for _, g := range u.glyphs {
		b.WriteRune(g.r)
	}
	return b.String()
}
