package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// widthLayout stacks its objects and asks for at least a given width.
type widthLayout struct{ width float32 }

// Layout implements fyne.Layout.
func (l widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize implements fyne.Layout.
func (l widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.width, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// withWidth gives o at least the given width.
func withWidth(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(widthLayout{width}, o)
}

// card lays out a centred, fixed-width column under the program icon and a
// heading: the frame of the create, unlock and recovery screens.
func card(heading string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(iconRes)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	head := extend(&widget.Label{Text: heading, Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText})
	name := extend(&widget.Label{Text: Title, Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameSubHeadingText})
	col := container.NewVBox(append([]fyne.CanvasObject{icon, name, head, widget.NewSeparator()}, rows...)...)
	return container.NewCenter(withWidth(440, col))
}

// statusLabel is the one line under a form that shows an error or a
// notice; it wraps rather than widening the screen.
func statusLabel() *widget.Label {
	return extend(&widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance})
}

// showStatus puts text in a status label and hides the label when the
// text is empty, so an empty status takes no room.
func showStatus(l *widget.Label, text string) {
	l.Text = text
	l.Hidden = text == ""
	l.Refresh()
}

// hint is a small explanatory paragraph.
func hint(text string) *widget.Label {
	return extend(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText})
}

// extensible is a Fyne widget made as a struct literal.
type extensible interface {
	fyne.Widget
	ExtendBaseWidget(fyne.Widget)
}

// extend registers a widget made as a struct literal with its base widget
// (what the New… constructors do), so that it lays out correctly from its
// first resize, and returns it.
func extend[W extensible](w W) W {
	w.ExtendBaseWidget(w)
	return w
}
