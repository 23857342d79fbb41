package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textCell shows a piece of record text in the theme's font; a character
// that font lacks (such as 𠮷) comes from the bundled 楷体 (see
// useBundledFallback), so the rest of the row keeps its face.
type textCell struct {
	widget.BaseWidget
	label *widget.Label
}

// newTextCell returns an empty cell; style (may be nil) sets up its label,
// for example truncation or wrapping.
func newTextCell(style func(*widget.Label)) *textCell {
	c := &textCell{label: extend(&widget.Label{})}
	if style != nil {
		style(c.label)
	}
	c.ExtendBaseWidget(c)
	return c
}

// SetText shows s.
func (c *textCell) SetText(s string) { c.label.SetText(s) }

// SetFitted shows s shortened with "…" to fit the cell's current width
// (see fitText). Table cells use it instead of Fyne's truncation, which
// measures the text again (shaping it, for the ellipsis mode once per
// redraw) and made jumping through 100,000 rows stall: a page of new rows
// takes about 15 ms this way, 85 ms with Fyne's ellipsis.
func (c *textCell) SetFitted(s string, th fyne.Theme) {
	width := c.Size().Width - 2*th.Size(theme.SizeNameInnerPadding)
	c.SetText(fitText(s, width, th.Size(theme.SizeNameText)))
}

// fitText shortens s with a trailing "…" so that it fits in width pixels
// at the given text size, by a generous estimate of each glyph's advance
// (TestFitTextNeverOverflows checks the estimate against the real
// measurement with the bundled fonts).
func fitText(s string, width, size float32) string {
	if width <= 0 {
		return s
	}
	used := float32(0)
	for i, r := range s {
		used += runeWidth(r) * size
		if used <= width {
			continue
		}
		cut := []rune(s[:i])
		used += size - runeWidth(r)*size // room for "…" instead of r
		for len(cut) > 0 && used > width {
			used -= runeWidth(cut[len(cut)-1]) * size
			cut = cut[:len(cut)-1]
		}
		return string(cut) + "…"
	}
	return s
}

// runeWidth estimates a rune's advance in ems, erring on the wide side:
// CJK, full-width forms and general punctuation (“”—…) are one em in the
// bundled fonts, Latin letters and digits about 0.55.
func runeWidth(r rune) float32 {
	switch {
	case r >= 0x2000:
		return 1
	case r == 'M' || r == 'W' || r == 'm' || r == 'w' || r == '@' || r == '%':
		return 0.95
	case r >= 'A' && r <= 'Z':
		return 0.72
	case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '|' || r == '!' || r == 'i' || r == 'l' || r == 'j':
		return 0.4
	}
	return 0.62
}

// Text returns the text shown.
func (c *textCell) Text() string { return c.label.Text }

// CreateRenderer implements fyne.Widget.
func (c *textCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.label) }

// itoa formats a count.
func itoa(n int) string { return strconv.Itoa(n) }
