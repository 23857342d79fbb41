package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// textCell shows a piece of record text in the theme's font, or under the
// 楷体 theme when the text holds characters the theme's font cannot draw
// (such as 𠮷), so names are never drawn as empty boxes.
type textCell struct {
	widget.BaseWidget
	sans, kai *widget.Label
	kaiBox    *container.ThemeOverride
}

// newTextCell returns an empty cell; style (may be nil) sets up both labels
// alike, for example truncation or wrapping.
func newTextCell(th *appTheme, style func(*widget.Label)) *textCell {
	c := &textCell{sans: extend(&widget.Label{}), kai: extend(&widget.Label{})}
	if style != nil {
		style(c.sans)
		style(c.kai)
	}
	c.kaiBox = container.NewThemeOverride(c.kai, kaiTheme(th))
	c.kaiBox.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// SetText shows s, choosing the font that can draw all of it.
func (c *textCell) SetText(s string) {
	if sansLacks(s) {
		c.sans.SetText("")
		c.sans.Hide()
		c.kai.SetText(s)
		c.kaiBox.Show()
		return
	}
	c.kai.SetText("")
	c.kaiBox.Hide()
	c.sans.SetText(s)
	c.sans.Show()
}

// Text returns the text shown.
func (c *textCell) Text() string { return c.sans.Text + c.kai.Text }

// CreateRenderer implements fyne.Widget.
func (c *textCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.sans, c.kaiBox))
}

// itoa formats a count.
func itoa(n int) string { return strconv.Itoa(n) }
