package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartBar is one bar of a bar chart: a label and a count.
type chartBar struct {
	label string
	n     int
}

// barChart draws horizontal bars with canvas rectangles and texts, one row
// per bar: the label, the bar scaled to the largest count, the count.
type barChart struct {
	widget.BaseWidget
	bars []chartBar
}

func newBarChart(bars []chartBar) *barChart {
	c := &barChart{bars: bars}
	c.ExtendBaseWidget(c)
	return c
}

// barRow is the height of one bar row.
const barRow = 22

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{c: c}
	for _, b := range c.bars {
		lb := canvas.NewText(b.label, theme.Color(theme.ColorNameForeground))
		lb.TextSize = theme.CaptionTextSize()
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.CornerRadius = 2
		n := canvas.NewText(itoa(b.n), theme.Color(theme.ColorNameForeground))
		n.TextSize = theme.CaptionTextSize()
		r.labels, r.rects, r.nums = append(r.labels, lb), append(r.rects, bar), append(r.nums, n)
		r.objs = append(r.objs, lb, bar, n)
	}
	if len(c.bars) == 0 {
		none := canvas.NewText(tr("dash.none"), theme.Color(theme.ColorNameDisabled))
		r.objs = append(r.objs, none)
	}
	return r
}

type barRenderer struct {
	c            *barChart
	labels, nums []*canvas.Text
	rects        []*canvas.Rectangle
	objs         []fyne.CanvasObject
}

func (r *barRenderer) Layout(size fyne.Size) {
	max := 1
	for _, b := range r.c.bars {
		if b.n > max {
			max = b.n
		}
	}
	const labelW, numW = 110, 44
	room := size.Width - labelW - numW
	if room < 10 {
		room = 10
	}
	for i, b := range r.c.bars {
		y := float32(i) * barRow
		r.labels[i].Move(fyne.NewPos(0, y+3))
		w := room * float32(b.n) / float32(max)
		if b.n > 0 && w < 2 {
			w = 2
		}
		r.rects[i].Move(fyne.NewPos(labelW, y+4))
		r.rects[i].Resize(fyne.NewSize(w, barRow-8))
		r.nums[i].Move(fyne.NewPos(labelW+w+4, y+3))
	}
	if len(r.c.bars) == 0 && len(r.objs) > 0 {
		r.objs[0].Move(fyne.NewPos(0, 0))
	}
}

func (r *barRenderer) MinSize() fyne.Size {
	n := len(r.c.bars)
	if n == 0 {
		n = 1
	}
	return fyne.NewSize(260, float32(n)*barRow)
}

func (r *barRenderer) Refresh() {
	fg, pri := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePrimary)
	for i := range r.labels {
		r.labels[i].Color, r.nums[i].Color, r.rects[i].FillColor = fg, fg, pri
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barRenderer) Destroy()                     {}

// lineSeries is one line of a line chart: a name, a colour and 12 values.
type lineSeries struct {
	name   string
	color  color.Color
	values [12]int
}

// lineChart draws monthly lines with canvas lines and dots over a base
// line with the month numbers, and a legend.
type lineChart struct {
	widget.BaseWidget
	series []lineSeries
}

func newLineChart(series []lineSeries) *lineChart {
	c := &lineChart{series: series}
	c.ExtendBaseWidget(c)
	return c
}

func (c *lineChart) CreateRenderer() fyne.WidgetRenderer {
	r := &lineRenderer{c: c}
	r.axis = canvas.NewLine(theme.Color(theme.ColorNameDisabled))
	r.objs = append(r.objs, r.axis)
	for m := 0; m < 12; m++ {
		t := canvas.NewText(itoa(m+1), theme.Color(theme.ColorNameDisabled))
		t.TextSize = theme.CaptionTextSize()
		r.months = append(r.months, t)
		r.objs = append(r.objs, t)
	}
	for _, s := range c.series {
		var segs []*canvas.Line
		var dots []*canvas.Circle
		var nums []*canvas.Text
		for m := 0; m < 12; m++ {
			if m > 0 {
				l := canvas.NewLine(s.color)
				l.StrokeWidth = 2
				segs = append(segs, l)
				r.objs = append(r.objs, l)
			}
			d := canvas.NewCircle(s.color)
			dots = append(dots, d)
			t := canvas.NewText(itoa(s.values[m]), s.color)
			t.TextSize = theme.CaptionTextSize() - 1
			nums = append(nums, t)
			r.objs = append(r.objs, d, t)
		}
		key := canvas.NewText("● "+s.name, s.color)
		key.TextSize = theme.CaptionTextSize()
		r.segs, r.dots, r.nums, r.keys = append(r.segs, segs), append(r.dots, dots), append(r.nums, nums), append(r.keys, key)
		r.objs = append(r.objs, key)
	}
	return r
}

type lineRenderer struct {
	c      *lineChart
	axis   *canvas.Line
	months []*canvas.Text
	segs   [][]*canvas.Line
	dots   [][]*canvas.Circle
	nums   [][]*canvas.Text
	keys   []*canvas.Text
	objs   []fyne.CanvasObject
}

func (r *lineRenderer) Layout(size fyne.Size) {
	const legendH, axisH, top = 20, 18, 14
	plotH := size.Height - legendH - axisH - top
	if plotH < 10 {
		plotH = 10
	}
	max := 1
	for _, s := range r.c.series {
		for _, v := range s.values {
			if v > max {
				max = v
			}
		}
	}
	step := (size.Width - 20) / 12
	x := func(m int) float32 { return 10 + step*(float32(m)+0.5) }
	base := legendH + top + plotH
	y := func(v int) float32 { return base - plotH*float32(v)/float32(max) }
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(0, base), fyne.NewPos(size.Width, base)
	for m, t := range r.months {
		t.Move(fyne.NewPos(x(m)-4, base+2))
	}
	for i, s := range r.c.series {
		r.keys[i].Move(fyne.NewPos(float32(i)*140, 0))
		for m := 0; m < 12; m++ {
			p := fyne.NewPos(x(m), y(s.values[m]))
			r.dots[i][m].Move(p.SubtractXY(3, 3))
			r.dots[i][m].Resize(fyne.NewSquareSize(6))
			r.nums[i][m].Move(p.SubtractXY(4, 15))
			if m > 0 {
				l := r.segs[i][m-1]
				l.Position1, l.Position2 = fyne.NewPos(x(m-1), y(s.values[m-1])), p
			}
		}
	}
}

func (r *lineRenderer) MinSize() fyne.Size           { return fyne.NewSize(360, 180) }
func (r *lineRenderer) Refresh()                     { r.Layout(r.c.Size()); canvas.Refresh(r.c) }
func (r *lineRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *lineRenderer) Destroy()                     {}
