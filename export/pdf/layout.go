package pdf

import "unicode"

// Layout sets doc on GB/T 9704 pages with fonts (DefaultFonts when nil).
// The result holds every character of the document exactly once per place
// it is printed; characters no font has are listed in Pages.Missing.
func Layout(doc *Document, fonts *Fonts) (*Pages, error) {
	if fonts == nil {
		fonts = DefaultFonts()
	}
	if err := doc.validate(); err != nil {
		return nil, err
	}
	date, err := FormatDate(doc.Date)
	if err != nil {
		return nil, err
	}
	printDate, err := FormatDate(doc.PrintDate)
	if err != nil {
		return nil, err
	}
	l := &layouter{doc: doc, fs: fonts, missing: map[rune]bool{}}
	l.newPage()
	l.header()
	l.mainText(date)
	l.attachments()
	l.imprint(printDate)
	l.folios()
	out := &Pages{Pages: l.pages, Watermark: doc.Watermark, Title: doc.Title, fonts: fonts}
	for r := range l.missing {
		out.Missing = append(out.Missing, r)
	}
	return out, nil
}

// layouter carries the state of one Layout call: the pages so far and the
// next free grid line of the last page.
type layouter struct {
	doc      *Document
	fs       *Fonts
	pages    []Page
	line     int
	headings [4]int
	missing  map[rune]bool
}

// page returns the page being filled.
func (l *layouter) page() *Page { return &l.pages[len(l.pages)-1] }

// newPage starts a page at its first grid line.
func (l *layouter) newPage() {
	l.pages = append(l.pages, Page{})
	l.line = 0
}

// room makes sure n grid lines are free on the current page, starting a new
// page when they are not.
func (l *layouter) room(n int) {
	if l.line+n > linesPerPage && l.line > 0 {
		l.newPage()
	}
}

// blank leaves n empty grid lines, never carrying them onto a new page.
func (l *layouter) blank(n int) {
	l.line += n
	if l.line >= linesPerPage {
		l.newPage()
	}
}

// emit draws one placed line at x0 on baseline y of the current page.
func (l *layouter) emit(pl placedLine, x0, y float64) {
	l.emitOn(l.page(), pl, x0, y)
}

// emitOn draws one placed line at x0 on baseline y of pg, one run per
// stretch of glyphs with the same face and style.
func (l *layouter) emitOn(pg *Page, pl placedLine, x0, y float64) {
	for i := 0; i < len(pl.glyphs); {
		f, st := pl.glyphs[i].face, pl.glyphs[i].st
		run := Run{Face: f, Role: st.role, Size: st.size, Color: st.color, Y: y}
		var text []rune
		for ; i < len(pl.glyphs) && pl.glyphs[i].face == f && *pl.glyphs[i].st == *st; i++ {
			g := pl.glyphs[i]
			text = append(text, g.r)
			run.Xs = append(run.Xs, x0+pl.xs[i])
			if drawable(g.r) && !f.Has(g.r) {
				l.missing[g.r] = true
			}
		}
		run.Text = string(text)
		run.X = run.Xs[0]
		pg.Runs = append(pg.Runs, run)
	}
}

// gridLine draws a placed line on the next grid line, breaking the page
// first when it is full.
func (l *layouter) gridLine(pl placedLine, x0 float64, st style) {
	if l.line >= linesPerPage {
		l.newPage()
	}
	l.emit(pl, x0, baselineOf(l.line, st.size))
	l.line++
}

// piece is a stretch of a paragraph in one style.
type piece struct {
	text string
	st   style
}

// paragraph sets pieces as one paragraph on the grid: first line indented
// by first, the others by rest (from the block's left edge), justified.
func (l *layouter) paragraph(pieces []piece, first, rest float64) {
	var units []unit
	for _, p := range pieces {
		units = append(units, segment(p.text, p.st, l.fs)...)
	}
	if len(units) == 0 {
		return
	}
	lines := breakLines(units, func(n int) float64 {
		if n == 0 {
			return blockWidth - first
		}
		return blockWidth - rest
	})
	for n, pl := range lines {
		x := marginLeft + rest
		if n == 0 {
			x = marginLeft + first
		}
		l.gridLine(pl, x, pieces[0].st)
	}
}

// centred sets text centred on the grid, wrapped into a trapezoid (longer
// lines above).
func (l *layouter) centred(text string, st style) {
	for _, pl := range trapezoid(segment(text, st, l.fs), blockWidth, st.size) {
		l.gridLine(pl, marginLeft+(blockWidth-lineWidth(pl))/2, st)
	}
}

// lineWidth is the extent of a placed line without trailing spaces.
func lineWidth(pl placedLine) float64 {
	for i := len(pl.glyphs) - 1; i >= 0; i-- {
		if !unicode.IsSpace(pl.glyphs[i].r) && !unicode.IsControl(pl.glyphs[i].r) {
			return pl.xs[i] - pl.glyphs[i].off + pl.glyphs[i].adv
		}
	}
	return 0
}

// trapezoid breaks units into the fewest lines of at most maxW, balanced so
// that each line is as long as or longer than the one below it. em is the
// size of one full-width character, the slack a balanced line may take.
func trapezoid(units []unit, maxW, em float64) []placedLine {
	units = splitWide(units, maxW)
	total, widest := contentWidth(units), 0.0
	for _, u := range units {
		widest = max(widest, u.width)
	}
	k := 1
	for total > float64(k)*maxW {
		k++
	}
	var out []placedLine
	for len(units) > 0 {
		left := max(1, k-len(out))
		target := min(maxW, max(widest, contentWidth(units)/float64(left)+em-eps))
		lines := breakLinesOpt(units, func(int) float64 { return target }, false)
		out = append(out, lines[0])
		units = units[unitsIn(units, lines[0]):]
	}
	return out
}

// splitWide cuts units wider than maxW so that each fits a line.
func splitWide(units []unit, maxW float64) []unit {
	var out []unit
	for _, u := range units {
		for u.width > maxW+eps && len(u.glyphs) > 1 {
			var a unit
			a, u = splitUnit(u, maxW)
			out = append(out, a)
		}
		out = append(out, u)
	}
	return out
}

// unitsIn counts how many whole units the glyphs of pl came from (lines
// never split a unit no wider than the line).
func unitsIn(units []unit, pl placedLine) int {
	n, g := 0, 0
	for n < len(units) && g+len(units[n].glyphs) <= len(pl.glyphs) {
		g += len(units[n].glyphs)
		n++
	}
	return max(n, 1)
}
